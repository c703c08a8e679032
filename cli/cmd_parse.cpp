#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "trialmatch/engine/predicate_json.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace trialmatch::cli {

namespace {
void print_parsed(const grammar::ParsedCriterion& parsed, bool json) {
  if (json) {
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const auto& d : parsed.diagnostics) diagnostics.push_back(engine::to_json(d));
    nlohmann::json out{{"text", parsed.text}, {"tree", engine::to_json(parsed.tree)}, {"diagnostics", diagnostics}};
    fmt::print("{}\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  fmt::print("{}\n  => {}\n", parsed.text, engine::to_canonical(parsed.tree));
  for (const auto& d : parsed.diagnostics)
    fmt::print("  {} [{}-{}]: {}\n", engine::to_string(d.severity), d.begin, d.end, d.message);
}
}  // namespace

int run_parse(const ParseOptions& options) {
  const grammar::Parser parser(engine::Lexicon::builtin());
  const auto section = options.section == "inclusion"   ? grammar::CriterionSection::inclusion
                       : options.section == "exclusion" ? grammar::CriterionSection::exclusion
                                                        : grammar::CriterionSection::unspecified;
  const auto headings = options.cohort_headings ? grammar::PeopleHeadings::name_cohorts
                                                : grammar::PeopleHeadings::restate_the_population;
  if (!options.lines.empty()) {
    for (const auto& line : options.lines) print_parsed(parser.parse(line, section, headings), options.json);
    return 0;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    print_parsed(parser.parse(line, section, headings), options.json);
  }
  return 0;
}

}  // namespace trialmatch::cli

#include "trialmatch/grammar/parser.hpp"

#include <fmt/format.h>

#include <exception>

#include "lower.hpp"
#include "tokens.hpp"

namespace trialmatch::grammar {

Parser::Parser(const engine::Lexicon& lexicon, ParserOptions options) : lexicon_(&lexicon), options_(options) {}

ParsedCriterion Parser::parse(std::string_view line, CriterionSection section) const {
  ParsedCriterion out;
  out.text = std::string(line);
  const auto end = static_cast<std::uint32_t>(line.size());
  if (line.size() > options_.max_line_bytes) {
    out.diagnostics.push_back({engine::Severity::error,
                               fmt::format("line of {} bytes is longer than the limit of {}; kept as text",
                                           line.size(), options_.max_line_bytes),
                               0, end});
    out.tree = engine::make_text(out.text, engine::TextReason::not_understood, {0, end});
    return out;
  }
  try {
    const auto tokens = tokenize(out.text, *lexicon_);
    const ListReading lists = section == CriterionSection::exclusion   ? ListReading::any
                              : section == CriterionSection::inclusion ? ListReading::all
                                                                       : ListReading::as_written;
    out.tree = lower(out.text, tokens, *lexicon_, options_.max_depth, lists, out.diagnostics);
  } catch (const std::exception& e) {
    // A failure inside the grammar keeps the line visible and says where it happened.
    out.diagnostics.push_back({engine::Severity::error, fmt::format("could not read the line: {}", e.what()), 0, end});
    out.tree = engine::make_text(out.text, engine::TextReason::not_understood, {0, end});
  }
  return out;
}

}  // namespace trialmatch::grammar

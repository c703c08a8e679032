// analyze() and coverage over the whole grammar, kept apart from tokens.cpp so the parser's own
// translation unit stays quick to compile.
#include <tao/pegtl/contrib/analyze.hpp>
#include <tao/pegtl/contrib/coverage.hpp>

#include "rules.hpp"
#include "tokens.hpp"
#include "trialmatch/grammar/self_check.hpp"

namespace trialmatch::grammar {

std::vector<std::string> grammar_rules_not_covered(const std::vector<std::string>& lines,
                                                   const engine::Lexicon& lexicon) {
  namespace pegtl = tao::pegtl;
  pegtl::coverage_result result;
  for (const auto& line : lines) {
    GrammarState state{line, &lexicon};
    pegtl::memory_input in(line.data(), line.size(), "criterion");
    pegtl::coverage<rules::line>(in, result, state);
  }
  std::vector<std::string> out;
  for (const auto& [name, entry] : result) {
    // The project's named rules; PEGTL's own combinators and the phrase lists' bases are not news.
    if (!name.starts_with("trialmatch::grammar::rules::")) continue;
    if (name.find('<') != std::string_view::npos) continue;
    if (entry.success == 0) out.emplace_back(name);
  }
  return out;
}

std::size_t analyze_grammar() { return tao::pegtl::analyze<rules::line>(); }

}  // namespace trialmatch::grammar

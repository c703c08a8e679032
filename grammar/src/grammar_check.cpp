// analyze() and coverage over the whole grammar, kept apart from tokens.cpp so the parser's own
// translation unit stays quick to compile.
#include <tao/pegtl/contrib/analyze.hpp>
#include <tao/pegtl/contrib/coverage.hpp>

#include "rules.hpp"
#include "tokens.hpp"
#include "trialmatch/grammar/self_check.hpp"

namespace trialmatch::grammar {

namespace {
namespace pegtl = tao::pegtl;

// PEGTL's coverage state, counting a rule the grammar's custom rules match from inside (a phrase list, a
// lexicon name) instead of throwing map::at: pegtl::visit only knows the sub-rules a rule declares.
struct tolerant_coverage_state {
  template <typename Rule>
  static constexpr bool enable = true;

  explicit tolerant_coverage_state(pegtl::coverage_result& in_result) : result(in_result) {}

  pegtl::coverage_result& result;
  std::vector<std::string_view> stack;

  template <typename Rule>
  void count(std::size_t pegtl::coverage_info::*field) {
    const auto name = pegtl::demangle<Rule>();
    ++(result[name].*field);
    if (!stack.empty()) ++(result[stack.back()].branches[name].*field);
  }
  template <typename Rule, typename ParseInput, typename... States>
  void start(const ParseInput&, States&&...) {
    count<Rule>(&pegtl::coverage_info::start);
    stack.push_back(pegtl::demangle<Rule>());
  }
  template <typename Rule, typename ParseInput, typename... States>
  void success(const ParseInput&, States&&...) {
    stack.pop_back();
    count<Rule>(&pegtl::coverage_info::success);
  }
  template <typename Rule, typename ParseInput, typename... States>
  void failure(const ParseInput&, States&&...) {
    stack.pop_back();
    count<Rule>(&pegtl::coverage_info::failure);
  }
  template <typename Rule, typename ParseInput, typename... States>
  void raise(const ParseInput&, States&&...) {
    count<Rule>(&pegtl::coverage_info::raise);
  }
  template <typename Rule, typename ParseInput, typename... States>
  void unwind(const ParseInput&, States&&...) {
    stack.pop_back();
    count<Rule>(&pegtl::coverage_info::unwind);
  }
  template <typename Rule, typename ParseInput, typename... States>
  void apply(const ParseInput&, States&&...) noexcept {}
  template <typename Rule, typename ParseInput, typename... States>
  void apply0(const ParseInput&, States&&...) noexcept {}
};
}  // namespace

std::vector<std::string> grammar_rules_not_covered(const std::vector<std::string>& lines,
                                                   const engine::Lexicon& lexicon) {
  pegtl::coverage_result result;
  pegtl::visit<rules::line, pegtl::internal::coverage_insert>(result);  // every rule, so unused ones show
  for (const auto& line : lines) {
    GrammarState state{line, &lexicon};
    pegtl::memory_input in(line.data(), line.size(), "criterion");
    tolerant_coverage_state coverage(result);
    pegtl::parse<rules::line, pegtl::nothing, pegtl::state_control<pegtl::normal>::type>(in, state, coverage);
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

// rules::method_list's one-pass match ("ECHO or MUGA", "the Cockcroft-Gault formula", "TTE/CMR") and ten_power's
// refusal before a byte outside its FIRST set ("x 10^9", "×10⁹") against the rules themselves (PEGTL's steps through
// each rule's parts, its rule_t: the oracle): at every position of the golden criterion lines, in their case and in
// upper case, and on texts made of every part in every form, cut short and spoiled.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include <tao/pegtl.hpp>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/rules.hpp"
#include "golden_support.hpp"

namespace pegtl = tao::pegtl;
namespace r = trialmatch::grammar::rules;

namespace {

// Bytes Rule matches at the start of `text` (0: none).
template <class Rule>
std::size_t matched(std::string_view text) {
  pegtl::memory_input in(text.data(), text.size(), "method");
  return pegtl::parse<Rule>(in) ? static_cast<std::size_t>(in.current() - text.data()) : 0;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Compares the rule's own match (Rule) with its steps (Rule::rule_t) on texts, counting the texts and matches.
template <class Rule>
struct Comparison {
  std::size_t compared = 0, found = 0;
  void operator()(std::string_view text) {
    const std::size_t expected = matched<typename Rule::rule_t>(text);
    if (matched<Rule>(text) != expected) {  // (a check per text would be millions of assertions)
      INFO("text: \"" << text << "\"");
      CHECK(matched<Rule>(text) == expected);
    }
    ++compared;
    found += expected != 0 ? 1 : 0;
  }
  // Every suffix: the rules are tried wherever a token or a rule before them ends.
  void suffixes(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) (*this)(text.substr(i));
  }
};

}  // namespace

TEST_CASE("a list of methods read in one pass as the rule's steps read it") {
  Comparison<r::method_list> compare;
  for (const std::string& line : golden_support::all_criterion_lines()) {
    compare.suffixes(line);
    compare.suffixes(upper(line));
  }
  const std::size_t golden_found = compare.found;

  // Made lists: an article, a name, a joiner, an article, a name and what follows, each in its forms.
  static constexpr std::string_view articles[] = {"", "the ", "an ", "a ", "THE  ", "the", "thee ", "a\t", "an\n "};
  static constexpr std::string_view names[] = {"echo", "ECHO", "MUGA scan", "MUGA", "muga  scan", "Cockcroft-Gault",
                                                "cockcroft gault formula", "echocardiogram (ECHO)", "echox", "echo1",
                                                "CKD-EPI(Cr) equation", "mdrd", "TTE", "cardiac", ""};
  static constexpr std::string_view joiners[] = {"", " or ", " and/or ", "/", " / ", "  and  ", " or", "or ", ", ",
                                                 " nor ", " /", "/ ", " and\t", " ora "};
  static constexpr std::string_view tails[] = {"", " scan", ".", ")", "x", "-", " or", "/"};
  for (const std::string_view article : articles)
    for (const std::string_view name : names)
      for (const std::string_view joiner : joiners)
        for (const std::string_view second_article : articles)
          for (const std::string_view second : names)
            for (const std::string_view tail : tails) {
              const std::string text = std::string(article) + std::string(name) + std::string(joiner) +
                                       std::string(second_article) + std::string(second) + std::string(tail);
              compare(text);
              compare(std::string_view(text).substr(0, text.size() / 2 + 1));  // cut short
            }
  // Three names and more: the star's turns after a turn that matched.
  for (const std::string_view joiner : joiners)
    for (const std::string_view second : joiners)
      for (const std::string_view name : names) {
        const std::string text = "ECHO" + std::string(joiner) + "MUGA" + std::string(second) + std::string(name) + " or CMR";
        compare(text);
      }
  CHECK(golden_found >= 5);
  CHECK(compare.found - golden_found > 10000);
  CHECK(compare.compared > 500000);
}

TEST_CASE("a power of ten refused before a byte outside its FIRST set as the rule's steps refuse it") {
  Comparison<r::ten_power> compare;
  for (const std::string& line : golden_support::all_criterion_lines()) {
    compare.suffixes(line);
    compare.suffixes(upper(line));
  }
  const std::size_t golden_found = compare.found;
  // Every text of up to four parts from the pieces of a power of ten (the multi-byte signs whole and cut).
  static constexpr std::string_view parts[] = {"1", "0", "10", "^", "(", ")", "9", "⁹", "E", "e", "x", "X", "*", "×",
                                               "✕", " ", "\t", "\xC3", "\xE2\x9C", "a", "-", "times"};
  std::vector<std::string> texts{""};
  for (int length = 0; length < 4; ++length) {
    std::vector<std::string> longer;
    for (const std::string& t : texts)
      for (const std::string_view p : parts) longer.push_back(t + std::string(p));
    for (const std::string& t : longer) compare(t);
    texts = std::move(longer);
  }
  CHECK(golden_found >= 5);
  CHECK(compare.found - golden_found > 500);
  CHECK(compare.compared > 200000);
}

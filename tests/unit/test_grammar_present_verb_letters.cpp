// may_be_present_verb (grammar/src/lower_sequence.hpp), the walk's precheck before present_use (lower_present_use.cpp,
// lower_use_verb.cpp): a word's length and first two letters. Its oracle is the list of the verbs themselves, on every
// token of the golden lines and on each verb in three cases: every verb passes, and only words the first-letter form
// (kept here) let through pass. And the lines the reading is written for still give their status. ("using" and
// "undergoing" give none on main's lexicon and tokens: the tokens' test covers them.)
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_sequence.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace {

// The verbs present_use and use_verb read, in lower case.
constexpr std::string_view kVerbs[] = {"receiving", "taking", "undergoing", "on", "use", "uses", "using"};

bool is_verb(std::string_view word) {
  for (const std::string_view v : kVerbs) {
    if (v.size() != word.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < v.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(word[i])) == v[i];
    if (same) return true;
  }
  return false;
}

// The form before the second letter was asked (the oracle of what the precheck may let through at most).
bool by_first_letter(const g::Token& t, std::string_view text) {
  static constexpr char first_of_length[11] = {0, 0, 'o', 'u', 'u', 'u', 't', 0, 0, 'r', 'u'};
  const std::uint32_t n = t.end - t.begin;
  return n < sizeof first_of_length && first_of_length[n] != 0 &&
         static_cast<char>(text[t.begin] | 0x20) == first_of_length[n];
}

struct Counts {
  int tokens = 0;
  int verbs = 0;
  int refused_now = 0;  // let through by the first letter, refused by the second
};

void check_line(const std::string& text, Counts& counts) {
  const std::vector<g::Token> tokens = g::tokenize(text, e::Lexicon::builtin());
  for (const g::Token& t : tokens) {
    const std::string_view word(text.data() + t.begin, t.end - t.begin);
    const bool now = g::detail::may_be_present_verb(t, text);
    CAPTURE(text);
    CAPTURE(word);
    if (is_verb(word)) CHECK(now);
    if (now) CHECK(by_first_letter(t, text));
    ++counts.tokens;
    counts.verbs += is_verb(word);
    counts.refused_now += by_first_letter(t, text) && !now;
  }
}

std::string read(const std::string& line) {
  static const g::Parser parser(e::Lexicon::builtin());
  return e::to_canonical(parser.parse(line).tree);
}

}  // namespace

TEST_CASE("may_be_present_verb: every verb passes, and only what the first letter let through") {
  Counts counts;
  for (const auto& line : golden_support::all_criterion_lines()) check_line(line, counts);
  // Each verb in lower case, capitalised and in capitals, as a line's words.
  for (const std::string_view v : kVerbs) {
    std::string lower(v), capitalised(v), capitals(v);
    capitalised[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capitalised[0])));
    for (char& c : capitals) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const std::string& word : {lower, capitalised, capitals}) check_line("Patients " + word + " warfarin", counts);
  }
  CHECK(counts.tokens > 10000);
  CHECK(counts.verbs > 21);
  // ("of" above all: the second letter is there to refuse it.)
  CHECK(counts.refused_now > 500);
}

TEST_CASE("may_be_present_verb: the lines present use is written for give their status") {
  for (const std::string line : {"Patients on warfarin", "Patients ON warfarin", "Is on warfarin", "On warfarin",
                                 "Patients receiving warfarin", "Receiving warfarin", "RECEIVING warfarin",
                                 "Taking warfarin", "Patients taking warfarin", "Use warfarin",
                                 "Patients who use warfarin", "Currently on warfarin"}) {
    CAPTURE(line);
    CHECK(read(line) == "has warfarin status active");
  }
  CHECK(read("Patients who use dietary supplements") == "has dietary_supplements status active");
  // (Not a verb: "History of warfarin" reads the event with no status.)
  CHECK(read("History of warfarin") == "has warfarin");
}

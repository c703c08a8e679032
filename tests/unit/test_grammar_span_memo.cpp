// The lowering's memo of threshold() by span (grammar/src/lower_memo.hpp, lower_threshold.cpp): the answers it keeps
// against reading the span afresh, and no line seeing another line's answers.
#include <doctest/doctest.h>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/tokens.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

// The readings the memo stands before (Lowering's friend).
struct LoweringProbe {
  static std::optional<std::size_t> threshold(const Lowering& l, std::size_t j, std::size_t e, Threshold& out) {
    return l.threshold(j, e, out);
  }
  static std::optional<std::size_t> read(const Lowering& l, std::size_t j, std::size_t e, Threshold& out) {
    return l.threshold_read(j, e, out);
  }
};

}  // namespace trialmatch::grammar::detail

namespace {

using g::detail::Lowering;
using g::detail::LoweringProbe;
using g::detail::Threshold;

bool same(const g::Quantity& a, const g::Quantity& b) {
  return a.value == b.value && std::string_view(a.unit) == std::string_view(b.unit) &&
         std::string_view(a.unit_spelling) == std::string_view(b.unit_spelling) && a.relative_to == b.relative_to &&
         a.ten_power == b.ten_power && a.unit_unknown == b.unit_unknown && a.plus == b.plus && a.above == b.above &&
         a.unit_begin == b.unit_begin && a.unit_end == b.unit_end;
}

bool same(const Threshold& a, const Threshold& b) {
  return a.cmp == b.cmp && same(a.value, b.value) && a.high.has_value() == b.high.has_value() &&
         (!a.high || same(*a.high, *b.high)) && a.high_cmp == b.high_cmp && a.implies_age == b.implies_age;
}

// Every span [j, e) of the line asked through the memo, twice (the second answer is the kept one), against the
// reading itself in a Lowering that has kept nothing. Returns how many spans had a threshold.
int check_line(const std::string& text) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  e::Diagnostics diags;
  const Lowering memo(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
  const Lowering plain(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
  int read = 0;
  for (int round = 0; round < 2; ++round)
    for (std::size_t j = 0; j < tokens.size(); ++j)
      for (std::size_t end = j + 1; end <= tokens.size(); ++end) {
        Threshold kept, afresh;
        const auto a = LoweringProbe::threshold(memo, j, end, kept);
        const auto b = LoweringProbe::read(plain, j, end, afresh);
        CAPTURE(text);
        CAPTURE(j);
        CAPTURE(end);
        CHECK(a == b);
        CHECK(same(kept, afresh));
        if (round == 0 && b) ++read;
      }
  return read;
}

}  // namespace

TEST_CASE("span memo: a kept answer is the one the reading gives, found by its span only") {
  g::detail::SpanMemo<int, std::size_t, 4> memo;
  int answer = 0;
  std::size_t end = 0;
  CHECK_FALSE(memo.find(1, 5, answer, end));
  memo.put(1, 5, 10, 7);
  memo.put(1, 6, 11, 8);  // the same first token, another end
  memo.put(5, 1, 12, 9);  // the bounds swapped
  REQUIRE(memo.find(1, 5, answer, end));
  CHECK(answer == 10);
  CHECK(end == 7);
  REQUIRE(memo.find(1, 6, answer, end));
  CHECK(answer == 11);
  REQUIRE(memo.find(5, 1, answer, end));
  CHECK(answer == 12);
  CHECK_FALSE(memo.find(2, 5, answer, end));
  // Past its room the oldest answers are overwritten, never answered wrong.
  memo.put(2, 3, 13, 1);
  memo.put(2, 4, 14, 2);
  CHECK_FALSE(memo.find(1, 5, answer, end));
  REQUIRE(memo.find(2, 4, answer, end));
  CHECK(answer == 14);
  // Another memo (another line's Lowering) holds none of them.
  g::detail::SpanMemo<int, std::size_t, 4> other;
  CHECK_FALSE(other.find(2, 4, answer, end));
}

TEST_CASE("span memo: threshold() with the memo answers as the reading does, on every span of a line") {
  int read = 0;
  for (const std::string line : {"ALT or AST > 3 x ULN and bilirubin >= 1.5 mg/dL", "Age between 18 and 65 years",
                                 "BMI 18.5-30 kg/m2, or >= 35 with diabetes", "18 years or older; ≥ 5 out of 10",
                                 "PEEP ≤ 8 cmH2O (1 cmH2O = 0.098 kPa) for 5 or more days a week"})
    read += check_line(line);
  CHECK(read > 10);  // (spans that hold a threshold were asked, not only refusals)
}

TEST_CASE("span memo: two lines in a row with the same token positions do not see each other's answers") {
  // The same spans, [1, 4) and [0, 4), in lines whose thresholds differ: each line's answers are its own.
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::string first = "ALT > 3 ULN", second = "age < 18 years";
  const auto first_tokens = g::tokenize(first, lexicon), second_tokens = g::tokenize(second, lexicon);
  REQUIRE(first_tokens.size() >= 3);
  REQUIRE(second_tokens.size() >= 3);
  e::Diagnostics diags;
  Threshold a, b;
  std::optional<std::size_t> first_end;
  {
    const Lowering line(first, first_tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
    first_end = LoweringProbe::threshold(line, 1, first_tokens.size(), a);
  }
  const Lowering line(second, second_tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
  const auto second_end = LoweringProbe::threshold(line, 1, second_tokens.size(), b);
  REQUIRE(first_end);
  REQUIRE(second_end);
  CHECK(a.value.value == 3);
  CHECK(b.value.value == 18);
  CHECK(std::string_view(b.value.unit) == "a");
  for (const std::string& text : {first, second}) check_line(text);
}

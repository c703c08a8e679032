// read_tokens (tokens.cpp) fills the caller's vector with a blank token per record and cuts it to the tokens
// read: a vector that held another line's tokens (quantities, dates, names: every field written) must come out
// as a fresh one does, whether the line before was longer or shorter, and hold only the tokens read.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

namespace g = trialmatch::grammar;
using trialmatch::engine::Lexicon;

namespace {

bool same_token(const g::Token& a, const g::Token& b) {
  const auto& p = a.quantity;
  const auto& q = b.quantity;
  return a.kind == b.kind && a.cmp == b.cmp && a.begin == b.begin && a.end == b.end && a.entry == b.entry &&
         a.first_day == b.first_day && a.last_day == b.last_day && p.value == q.value && p.unit == q.unit &&
         p.unit_spelling == q.unit_spelling && p.relative_to == q.relative_to && p.unit_unknown == q.unit_unknown &&
         p.plus == q.plus && p.above == q.above && p.ten_power == q.ten_power && p.unit_begin == q.unit_begin &&
         p.unit_end == q.unit_end;
}

}  // namespace

TEST_CASE("tokens read into a vector that held another line's come out as into a fresh one") {
  const Lexicon& lexicon = Lexicon::builtin();
  const auto tables = g::make_tokenizer_tables(lexicon);
  const std::vector<std::string> before = {
      "ALT > 3 x ULN, HbA1c 7.5% to 10% (58-86 mmol/mol) since 1 January 2014, diabetes mellitus type 2 (T2DM), "
      "age >= 18 years, 23 weeks 6 days, eGFR < 30 mL/min/1.73 m2 within 6 months, between -6.00 and -0.50",
      "x", ""};
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  lines.resize(std::min<std::size_t>(lines.size(), 400));
  lines.insert(lines.end(), before.begin(), before.end());
  std::size_t compared = 0;
  for (const auto& first : before)
    for (const auto& line : lines) {
      std::vector<g::Token> reused;
      g::tokenize(first, lexicon, reused, tables.get());
      g::tokenize(line, lexicon, reused, tables.get());
      std::vector<g::Token> fresh;
      g::tokenize(line, lexicon, fresh, tables.get());
      CAPTURE(first);
      CAPTURE(line);
      REQUIRE(reused.size() == fresh.size());
      for (std::size_t i = 0; i < fresh.size(); ++i) {
        CHECK(same_token(reused[i], fresh[i]));
        // (Only the tokens read: each holds bytes, after the one before it; no blank is left over.)
        CHECK(fresh[i].begin < fresh[i].end);
        if (i > 0) CHECK(fresh[i - 1].end <= fresh[i].begin);
      }
      compared += fresh.size();
    }
  CHECK(compared > 1000);
}

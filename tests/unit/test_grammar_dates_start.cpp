// may_follow_dates_start (lower.hpp), the token after a possible start of calendar bounds in one bit test, against the
// three comparisons it replaced (the oracle): every token kind, at every length up to nine bytes.
#include <doctest/doctest.h>

#include <cstdint>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"

using trialmatch::grammar::Tok;
using trialmatch::grammar::Token;
using trialmatch::grammar::detail::may_follow_dates_start;

namespace {
// The form may_start_dates had, as it was.
bool oracle(const Token& next) {
  return next.kind == Tok::date || next.kind == Tok::before || (next.kind == Tok::quantity && next.end - next.begin == 4);
}
}  // namespace

TEST_CASE("dates start: the token after, every kind at every length, as the three comparisons read it") {
  int accepted = 0;
  for (unsigned k = 0; k <= static_cast<unsigned>(Tok::date); ++k)
    for (std::uint32_t n = 0; n <= 9; ++n) {
      Token t;
      t.kind = static_cast<Tok>(k);
      t.begin = 7;
      t.end = 7 + n;
      CAPTURE(k);
      CAPTURE(n);
      CHECK(may_follow_dates_start(t) == oracle(t));
      accepted += oracle(t) ? 1 : 0;
    }
  CHECK(accepted == 2 * 10 + 1);  // a date and "before" at any length, a number of four bytes
}

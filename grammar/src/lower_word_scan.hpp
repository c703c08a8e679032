#pragma once
// Whether a token of [b, e) is of one kind (comparison's "respectively" after its limit), with the stretch scanned last
// kept: the comparisons of a long piece each ask from their own end to the piece's end, and scanned afresh every time
// that was the square of the piece's length ("hemoglobin < 1.5 g/dL, hemoglobin < 2.5 g/dL, ..." x 400).
#include <cstddef>

namespace trialmatch::grammar::detail {

// Lives in the Lowering of one line (the tokens do not change under it). Kept: no token of [from, at) is one; at < to:
// the token at `at` is one; at == to: none up to `to` either. (Nothing kept yet: from > at.)
class TokenScan {
 public:
  // Whether is_one(x) for some x in [b, e). is_one must answer by the token alone (the same for every call).
  template <class IsOne>
  bool any_in(std::size_t b, std::size_t e, IsOne&& is_one) {
    if (b >= e) return false;
    std::size_t x = b;
    if (from_ <= b && b <= at_) {
      // [b, at) holds none: the answer is kept where one was found at `at`, or where none was up to e.
      if (at_ < to_ || e <= to_) return at_ < e;
      x = to_;  // none up to `to`: scanned on from there
    } else {
      from_ = b;
    }
    while (x < e && !is_one(x)) ++x;
    at_ = x;
    to_ = e;
    return x < e;
  }

 private:
  std::size_t from_ = 1, at_ = 0, to_ = 0;
};

}  // namespace trialmatch::grammar::detail

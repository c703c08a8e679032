// "medical confirmation of joint instability in two joints not related to trauma", "joint pain not due to trauma":
// "not" before a cause ("related to", "due to", "caused by", ...) denies the cause of what comes before it. The
// house reads it as one more requirement, not(has C) ("platelets < 100 not related to hypersplenism", seeds.golden):
// a cause cannot be recorded of a value, and a patient with C is taken to have it as the cause. Where the thing
// qualified is unread or unlisted (unknown for everyone), that requirement alone decides: a patient with
// hypermobile joints who once broke a wrist failed the inclusion, for the wrist. There the negated cause, from
// "not", becomes text; where the thing qualified is typed, the house reading stays.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

void Lowering::cause_denied(std::size_t b, std::size_t e, std::vector<Item>& items) {
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (k == 0 || items[k].text || !std::holds_alternative<engine::Not>(items[k].node.kind)) continue;
    if (!items[k - 1].text && engine::fully_typed(items[k - 1].node)) continue;
    const std::uint32_t from = items[k - 1].end;
    std::size_t x = token_at(from, b, e);
    while (x < e && toks_[x].begin < from) ++x;
    for (; x + 1 < e && toks_[x].begin < items[k].end; ++x)
      if (toks_[x].kind == Tok::negation) break;
    if (x + 1 >= e || toks_[x].begin >= items[k].end || toks_[x].kind != Tok::negation) continue;
    if (toks_[x + 1].kind != Tok::related) continue;
    items[k].begin = std::min(items[k].begin, toks_[x].begin);
    // (A text node held as a read item: an unread item would be read again, the negation with it.)
    items[k].node = text_node(items[k].begin, items[k].end, engine::TextReason::not_understood);
  }
}

}  // namespace trialmatch::grammar::detail

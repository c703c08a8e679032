// "Use dietary supplements (vitamins, minerals, bioflavonoids, prebiotics, probiotics or other bioactive
// compounds)", "Current infection (HIV, hepatitis, latent TB)": a status word or verb of present use reaches the
// events of its own list and stops at words the grammar cannot read, which may open a clause of their own ("active
// virus infection, and ... surface antigen is positive"). An unread item of a bracketed list right after the event
// is no such clause: it is one more kind of the thing, between commas, and the status goes on to the items after
// it. Read without it, a patient whose probiotics ended years ago was excluded from "Use dietary supplements (...,
// probiotics ...)" while the vitamins were asked of now.
// Only an unread word right after "(" or a comma, one bracket deep, the bracket opening right after an event name;
// any other unread word (the second word of an item, words after "and") stops the status as before.
#include "lower_sequence.hpp"

namespace trialmatch::grammar::detail {

bool bracket_item_keeps_status(const SequenceState& s, std::size_t i) {
  if (i <= s.b || s.depth_before(i) != 1) return false;
  const Tok before = s.toks[i - 1].kind;
  if (before != Tok::comma && before != Tok::lparen) return false;
  std::size_t open = i - 1;
  while (open > s.b && s.toks[open].kind != Tok::lparen) --open;
  if (s.toks[open].kind != Tok::lparen || open == s.b) return false;
  for (std::size_t x = open + 1; x < i; ++x)  // (one bracket deep: no ")" between)
    if (s.toks[x].kind == Tok::rparen) return false;
  const Token& head = s.toks[open - 1];
  return head.kind == Tok::name && !engine::is_measured(head.entry->kind);
}

}  // namespace trialmatch::grammar::detail

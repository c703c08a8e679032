// "Subject has undergone biopsy, subtotal resection, or gross total resection of tumor", "physical activity,
// nutrition/diet or health behavior": a comma list of events whose last part is unread words holding the list's own
// "or". The comma then reads as nothing (no connector after it is typed), and an inclusion, which reads a comma
// list of conditions as requirements, asked for all of them: a patient after a gross total resection without a
// biopsy failed the line. Where the unread words hold ", or" (the list's closing connector after its comma), the
// commas before them are that "or"; where they hold a bare "or", it may join the list or only the words of its
// last item ("Diabetes, hypertension or heart failure requiring insulin"): a person reads the piece.
// (Only lists of events: "Age >= 18, ability to read or write" is a list of requirements, read as before.)
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool Lowering::list_or_in_text(std::size_t b, std::size_t e, const std::vector<Item>& items, std::vector<Conn>& conns) {
  if (lists_ != ListReading::all || items.size() < 2 || !items.back().text || conns.back() != Conn::comma) return true;
  // The run of commas before the last item: every item of it a read event (or unread words), one at least read.
  std::size_t first = items.size() - 1;
  while (first > 0 && conns[first - 1] == Conn::comma) --first;
  bool event = false;
  for (std::size_t k = first; k + 1 < items.size(); ++k) {
    if (items[k].text) continue;
    if (!contains_has(items[k].node) || std::holds_alternative<engine::Not>(items[k].node.kind)) return true;
    event = true;
  }
  if (!event) return true;
  // The last item's own "or", outside brackets, and whether a comma comes right before it.
  const Item& last = items.back();
  int depth = 0;
  bool or_word = false, comma_or = false;
  for (std::size_t x = token_at(last.begin, b, e); x < e && toks_[x].begin < last.end; ++x) {
    if (toks_[x].begin < last.begin) continue;
    const Tok kind = toks_[x].kind;
    if (kind == Tok::lparen) ++depth;
    else if (kind == Tok::rparen && depth > 0) --depth;
    else if (depth == 0 && (kind == Tok::or_ || kind == Tok::and_or)) {
      or_word = true;
      comma_or = comma_or || (x > b && toks_[x - 1].kind == Tok::comma && toks_[x - 1].begin >= last.begin);
    }
  }
  if (!or_word) return true;
  if (!comma_or) return false;
  for (std::size_t k = first; k < conns.size(); ++k) conns[k] = Conn::or_;
  return true;
}

}  // namespace trialmatch::grammar::detail

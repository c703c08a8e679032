// "Have a current diagnosis of ulcerative colitis, inflammatory bowel disease-unclassified (IBD-U) (formerly
// known as indeterminate colitis), abdominal or perianal abscess or short bowel syndrome": a status word before a
// list is the list's. It stops at unread words (SequenceState::unknown: "active virus infection, and ... hepatitis
// B surface antigen is positive"), so the events after an unread item of the list were asked of any time: a
// patient whose perianal abscess healed in 2015 was excluded. Where the status word opens the piece's list and
// the list is nothing but events and unread names joined by commas and "or" (no time, no other status, no
// negation, no verb of its own in the unread words outside brackets), the events after an unread name are asked
// with it too.
// ("Active hepatitis B, history of stroke": "history" is an item's own status; "Current smoker, diabetes
// diagnosed within 5 years": a time of its own.)
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

void Lowering::status_across_names(std::size_t b, std::size_t e, std::vector<Item>& items,
                                   const std::vector<Conn>& conns) {
  if (items.size() < 3) return;
  bool comma = false;
  for (std::size_t k = 0; k < conns.size(); ++k) {
    const Conn c = conns[k];
    // (Unread words glued to a name are one unread name: "inflammatory bowel disease-unclassified".)
    if (c == Conn::none && (items[k].text || items[k + 1].text)) continue;
    if (c != Conn::comma && c != Conn::or_) return;
    comma = comma || c == Conn::comma;
  }
  if (!comma) return;
  // The status word: before the first item, the piece's only one.
  bool opening = false;
  for (std::size_t x = b; x < e; ++x) {
    if (toks_[x].kind != Tok::status_active || ignored(x)) continue;
    if (toks_[x].end > items.front().begin || opening) return;
    opening = true;
  }
  if (!opening) return;
  bool asked = false, unread = false, left = false;  // an event asked active; an unread item; one left after it
  for (const Item& it : items) {
    if (it.text) {
      if (it.orphan) return;
      unread = true;
      continue;
    }
    if (!is_has(it.node)) return;
    const auto& h = std::get<engine::Has>(it.node.kind);
    if (h.within || !h.dated_from.empty() || !h.dated_to.empty() || !h.except.empty()) return;
    if (h.status == "active" && !unread) asked = true;
    else if (h.status.empty() && unread) left = true;
    else if (!h.status.empty()) continue;
    else return;  // an event with no status before any unread item: the status did not reach it
  }
  if (!asked || !left) return;
  // The unread words name things: nothing outside brackets that times, negates or says a status or a verb.
  static constexpr std::string_view clause_words[] = {
      "who", "whom", "which", "that", "with", "without", "to", "for", "by", "from", "since", "is", "are", "was",
      "were", "has", "have", "had", "be", "been", "being", "requiring", "required", "treated", "receiving", "taking",
      "caused", "due", "not", "no", "history", "previous", "prior", "past", "former", "recent", "recently"};
  int depth = 0;
  for (std::size_t x = token_at(items.front().begin, b, e); x < e && toks_[x].begin < items.back().end; ++x) {
    const Tok k = toks_[x].kind;
    if (k == Tok::lparen) ++depth;
    if (k == Tok::rparen && depth > 0) --depth;
    if (depth > 0) continue;
    if (k == Tok::within || k == Tok::ahead || k == Tok::before || k == Tok::after || k == Tok::status_history ||
        k == Tok::negation || k == Tok::quantity || k == Tok::cmp || k == Tok::date || k == Tok::exception ||
        k == Tok::examples || k == Tok::related || k == Tok::guard || k == Tok::judgement)
      return;
    if ((k == Tok::word || k == Tok::filler) && one_of(slice(toks_[x].begin, toks_[x].end), clause_words)) {
      bool inside = false;  // a word of a read event's name is the name's ("bowel")
      for (const Item& it : items) inside = inside || (!it.text && toks_[x].begin >= it.begin && toks_[x].end <= it.end);
      if (!inside) return;
    }
  }
  for (Item& it : items)
    if (!it.text && std::get<engine::Has>(it.node.kind).status.empty()) std::get<engine::Has>(it.node.kind).status = "active";
}

}  // namespace trialmatch::grammar::detail

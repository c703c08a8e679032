// "acute myocardial infarction or percutaneous coronary revascularization or coronary artery bypass graft surgery
// occured at least 12 months before entering the study or chronic stable angina": a time since the event after the
// last of several alternatives may reach every one of them, as a window at the end of a list may time every event
// (lower_items.cpp) and a condition clause may bound them (lower_proviso.cpp). The elapsed time was read on the last
// alone (an unlisted comparison "... occured … before entering the study" >= 12 mo), the events before it standing
// untimed: a patient with a myocardial infarction two months ago met the line, which asks for a stable one. Which
// alternatives the time reaches is a person's to read: they and the timed one become one text; alternatives after
// it ("or chronic stable angina") keep their reading.
#include "lower.hpp"
#include "lower_elapsed_scan.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

namespace {

bool elapsed_unlisted(const Node& n) {
  const auto* c = std::get_if<engine::Cmp>(&n.kind);
  if (!c || c->name.empty()) return false;
  static constexpr std::string_view units[] = {"a", "mo", "wk", "d"};
  const bool at_least = c->cmp == engine::Comparator::ge || c->cmp == engine::Comparator::gt;
  return at_least && one_of(c->unit, units);
}

bool untimed_event(const Node& n) {
  const auto* h = std::get_if<engine::Has>(&n.kind);
  return h && !h->within && h->dated_from.empty() && h->dated_to.empty();
}

}  // namespace

void Lowering::elapsed_reaching_alternatives(std::vector<Item>& items, std::vector<Conn>& conns,
                                             std::vector<bool>& text_has_or) {
  static constexpr std::string_view since[] = {"before", "prior", "ago", "since", "after"};
  const auto since_word = [&](std::size_t x) { return one_of(slice(toks_[x].begin, toks_[x].end), since); };
  const auto time_quantity = [&](std::size_t x) {
    return toks_[x].kind == Tok::quantity && is_time_unit(toks_[x].quantity.unit);
  };
  std::size_t cursor = 0;  // (the last item scanned's first token: lower_elapsed_scan.hpp)
  for (std::size_t k = 1; k < items.size(); ++k) {
    if (conns[k - 1] != Conn::or_ || (!items[k].text && !elapsed_unlisted(items[k].node))) continue;
    // (Unread words still: the comparison in them is read at the end of finish_items. A time in them, and a word
    // that counts it back from an event.)
    const ElapsedWords words =
        elapsed_words(toks_, toks_.size(), cursor, items[k].begin, items[k].end, since_word, time_quantity);
    if (!words.time_word || !(words.time || !items[k].text)) continue;
    std::size_t first = k;
    while (first > 0 && (conns[first - 1] == Conn::or_ || conns[first - 1] == Conn::comma) && !items[first - 1].text &&
           untimed_event(items[first - 1].node))
      --first;
    if (first == k) continue;
    Item& merged = items[first];
    merged.end = items[k].end;
    merged.node = text_node(merged.begin, merged.end, engine::TextReason::not_understood);
    merged.text = false;  // (held as read: an unread item would be read again for the comparison in its words)
    const auto from = static_cast<std::ptrdiff_t>(first) + 1, to = static_cast<std::ptrdiff_t>(k) + 1;
    items.erase(items.begin() + from, items.begin() + to);
    conns.erase(conns.begin() + from - 1, conns.begin() + to - 1);
    if (text_has_or.size() >= static_cast<std::size_t>(to)) text_has_or.erase(text_has_or.begin() + from, text_has_or.begin() + to);
    k = first;
  }
}

}  // namespace trialmatch::grammar::detail

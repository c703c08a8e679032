// Comma lists of events whose reading the words do not settle: "age > 30 years with T2DM, hypertension",
// "Adults with asthma, COPD" in an inclusion. With no closing "and" or "or", the list may ask for every
// condition (a patient with both) or for any (a trial open to either); each reading is a wrong verdict for
// some patient, so the list is kept as one text for a person. In an exclusion any listed condition excludes,
// as in every other exclusion list.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

// True where items[x] and items[x + 1] are joined by a bare "with" ("age > 30 years with T2DM"): the list after
// it is the object of "with", not a second part of one condition before the list's comma.
bool Lowering::joined_by_with(const std::vector<Item>& items, std::size_t x) const {
  if (x + 1 >= items.size() || items[x + 1].begin < items[x].end) return false;
  return iequals(trim_view(text_.substr(items[x].end, items[x + 1].begin - items[x].end)), "with");
}

void Lowering::unclear_event_lists(std::vector<Item>& items, std::vector<Conn>& conns) const {
  // From the back: a run merged leaves the indexes before it as they were.
  for (std::size_t k = conns.size(); k-- > 0;) {
    if (conns[k] != Conn::comma || (k > 0 && conns[k - 1] == Conn::comma)) continue;  // a run's first comma
    std::size_t last = k + 1;
    while (last < conns.size() && conns[last] == Conn::comma) ++last;
    if (last < conns.size() && conns[last] != Conn::none) continue;  // "A, B and C", "A, B or C": settled
    if (last >= items.size()) continue;
    bool event = false, other = false, text = false;
    for (std::size_t x = k; x <= last; ++x) {
      if (items[x].text) text = true;
      else if (contains_has(items[x].node) && !std::holds_alternative<engine::Not>(items[x].node.kind) &&
               !std::holds_alternative<engine::If>(items[x].node.kind))
        event = true;
      else other = true;
    }
    // A list with comparisons or negations in it is a list of requirements; one with unread words, at the top of
    // the piece, a list of separate criteria ("Diabetes, willing to comply"). After a "with" or an "and" the
    // unread words are more items of the same list.
    bool joined_before = false;
    for (std::size_t x = 0; x < k; ++x) joined_before = joined_before || conns[x] == Conn::and_;
    if (!event || other || (text && !joined_before)) continue;
    const std::uint32_t begin = items[k].begin, end = items[last].end;
    Item merged;
    merged.node = engine::make_text(trim(text_.substr(begin, end - begin)), engine::TextReason::not_understood, {begin, end});
    merged.text = true;
    merged.begin = begin;
    merged.end = end;
    items[k] = std::move(merged);
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(k) + 1, items.begin() + static_cast<std::ptrdiff_t>(last) + 1);
    conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(k), conns.begin() + static_cast<std::ptrdiff_t>(last));
  }
}

// True where `list` is a list (two or more items) of conditions the lexicon names, and perhaps unread words:
// what a parenthesis after a condition lists ("(infection, vascular, hematological diseases)").
bool Lowering::lists_conditions(const engine::Node& list) const {
  const std::vector<Node>* args = nullptr;
  if (const auto* a = std::get_if<engine::All>(&list.kind)) args = &a->args;
  if (const auto* o = std::get_if<engine::Any>(&list.kind)) args = &o->args;
  if (!args || args->size() < 2) return false;
  bool condition = false;
  for (const Node& n : *args) {
    if (std::holds_alternative<engine::Text>(n.kind)) continue;
    const auto* h = std::get_if<engine::Has>(&n.kind);
    const engine::Concept* c = h ? concept_of(h->concept_id) : nullptr;
    if (!c || c->kind != engine::ConceptKind::condition || h->within) return false;
    condition = true;
  }
  return condition;
}

}  // namespace trialmatch::grammar::detail

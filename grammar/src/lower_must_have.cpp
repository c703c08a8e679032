// "Subjects with diabetic must have HbA1C < 8.0", "Patients with diabetes should have HbA1c < 8%": the people with
// the condition must meet the threshold; the others are not asked (NCT03860350 enrols people with and without
// diabetes). Read as all(has diabetes, HbA1c < 8%), every participant without diabetes failed the line. A guard:
// if(has diabetes, HbA1c < 8%). Only where the people are named before the condition ("Subjects with", "Diabetic
// patients"), a modal ("must", "should") stands between the condition and the requirements, and the requirements are
// measures (with unread words perhaps), none of them an event ("Patients must have diabetes and HbA1c < 8%" asks both; "Patients with
// hypertension must be on stable medication" stays as it was read).
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

std::optional<Node> Lowering::condition_must_have(std::size_t b, std::size_t e, std::vector<Item>& items,
                                                  const std::vector<Conn>& conns) {
  if (items.size() < 2 || items[0].text || !is_has(items[0].node) || conns[0] != Conn::none) return std::nullopt;
  const auto& cond = std::get<engine::Has>(items[0].node.kind);
  if (!cond.status.empty() || cond.within || !cond.dated_from.empty() || !cond.dated_to.empty() || cond.onset) return std::nullopt;
  // (Unread words among the requirements are requirements too: "and stable HbA1c ... for three months".)
  bool measured = false;
  for (std::size_t k = 1; k < items.size(); ++k) {
    if (!items[k].text && contains_has(items[k].node)) return std::nullopt;
    measured = measured || !items[k].text;
    if (k > 1 && conns[k - 1] != Conn::none && conns[k - 1] != Conn::and_ && conns[k - 1] != Conn::comma) return std::nullopt;
  }
  // The people before the modal (from the neutral words the line's reading passed over before the piece), and the
  // modal between the condition and the first requirement, with nothing but fillers beside it.
  std::size_t lead = b;
  while (lead > 0 && neutral(lead - 1)) --lead;
  bool people = false, modal = false;
  static constexpr std::string_view modals[] = {"must", "should"};
  for (std::size_t x = lead; x < e && toks_[x].begin < items[1].begin; ++x) {
    if (toks_[x].kind == Tok::subject) people = true;
    if (toks_[x].begin < items[0].end) continue;
    if (one_of(slice(toks_[x].begin, toks_[x].end), modals)) modal = true;
    else if (toks_[x].kind != Tok::filler && toks_[x].kind != Tok::subject) return std::nullopt;
  }
  if (!people || !modal || !measured) return std::nullopt;
  for (auto& it : items)  // the unread requirements as text (finish_items reads them so further on)
    if (it.text) it.node = text_node(it.begin, it.end, engine::TextReason::not_understood);
  const engine::Span span{items[0].begin, items.back().end};
  Node cond_node = std::move(items[0].node);
  Node then;
  if (items.size() == 2) {
    then = std::move(items[1].node);
  } else {
    std::vector<Node> rest;
    for (std::size_t k = 1; k < items.size(); ++k) rest.push_back(std::move(items[k].node));
    then = engine::make_all(std::move(rest), {items[1].begin, items.back().end});
  }
  return engine::make_if(std::move(cond_node), std::move(then), span);
}

}  // namespace trialmatch::grammar::detail

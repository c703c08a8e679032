// Windows that time something other than the event before them.
//
// A window after a condition and a treatment word: "diagnosed with stroke and treated within the next 3 months",
// "breast cancer treated within the past 5 years". The time is the treatment's; the treatment word names no
// event of its own (the lexicon's filler words "treated", "treatment", "therapy"), so read on it timed the
// condition: a stroke 2 years ago treated last month was outside the window, an untreated stroke last week
// inside it. The piece is left to a person. ("chemotherapy treatment within 4 weeks": the treatment word
// restates a treatment, which the window times.)
// A period after a word of stability is how long it held ("Medication use stable for 6 months prior"), no window.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool Lowering::treatment_timed(const std::vector<Item>& items, std::size_t window) const {
  if (items.empty() || items.back().text || window >= toks_.size()) return false;
  bool condition = false;
  const auto visit = [&](const Node& n, auto&& self) -> void {
    if (const auto* h = std::get_if<engine::Has>(&n.kind)) {
      const engine::Concept* c = concept_of(h->concept_id);
      condition = condition || !c || c->kind == engine::ConceptKind::condition;
    } else if (const auto* a = std::get_if<engine::All>(&n.kind)) {
      for (const auto& x : a->args) self(x, self);
    } else if (const auto* o = std::get_if<engine::Any>(&n.kind)) {
      for (const auto& x : o->args) self(x, self);
    }
  };
  visit(items.back().node, visit);
  if (!condition) return false;
  static constexpr std::string_view treated[] = {"treated", "treatment", "treatments", "therapy", "therapies",
                                                 "managed", "operated"};
  for (std::size_t x = token_at(items.back().end, 0, window); x < window; ++x)
    // (Not a treatment word a phrase allows either way: "cancer, without or with any treatment, within 6 months".)
    if (toks_[x].begin >= items.back().end && !ignored(x) && one_of(slice(toks_[x].begin, toks_[x].end), treated))
      return true;
  return false;
}

bool Lowering::names_stability(std::size_t b, std::size_t e) const {
  static constexpr std::string_view words[] = {"stable", "unstable", "stabilized", "stabilised", "unchanged",
                                               "steady", "constant", "stably"};
  for (std::size_t x = b; x < e && x < toks_.size(); ++x)
    if ((toks_[x].kind == Tok::word || toks_[x].kind == Tok::filler) && one_of(slice(toks_[x].begin, toks_[x].end), words))
      return true;
  return false;
}

}  // namespace trialmatch::grammar::detail

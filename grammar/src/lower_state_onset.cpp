// "Mechanically ventilated less than 24 hours prior to enrollment", "ICU admission less than 48 hours before
// randomization": a procedure that lasts (the lexicon's `state`: ventilation, ECMO, an ICU stay, dialysis)
// "less than N before" a moment began less than N before it. Read as a window on any day of it, a patient
// ventilated for five days, and still on the ventilator, met it (the trial wanted less than 24 hours of it).
// The window holds its start (`onset`). Only "less than" and its signs: "within 24 hours", "in the last 24
// hours" ask of any day in the window, and a state that is not a procedure ("pregnancy less than 6 months
// before") may be asked of its end.
#include "lower_onset.hpp"

#include <algorithm>
#include <cstddef>
#include <variant>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

// Whether `span` says "less than N ... prior/before/ago", with no window word ("within", "last", "past")
// before the comparison.
bool less_than_before(std::string_view span) {
  static constexpr std::string_view less[] = {"less than", "fewer than", "under ", "<", "≤", "no more than",
                                              "not more than", "shorter than"};
  static constexpr std::string_view window_words[] = {"within", "last", "past", "previous", "preceding", "during"};
  std::size_t at = std::string_view::npos;
  for (std::string_view l : less) {
    for (std::size_t p = 0; p + l.size() <= span.size(); ++p)
      if (iequals(span.substr(p, l.size()), l)) { at = std::min(at, p); break; }
  }
  if (at == std::string_view::npos) return false;
  const std::string_view head = span.substr(0, at);
  for (std::string_view w : window_words)
    for (std::size_t p = 0; p + w.size() <= head.size(); ++p)
      if (iequals(head.substr(p, w.size()), w)) return false;
  const std::string_view tail = span.substr(at);
  static constexpr std::string_view anchors[] = {"prior", "before", "ago"};
  for (std::string_view a : anchors)
    for (std::size_t p = 0; p + a.size() <= tail.size(); ++p)
      if (iequals(tail.substr(p, a.size()), a)) return true;
  return false;
}

void mark(std::string_view text, const engine::Lexicon& lexicon, engine::Node& n) {
  std::visit(
      [&](auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, engine::All> || std::is_same_v<K, engine::Any>) {
          for (auto& a : k.args) mark(text, lexicon, a);
        } else if constexpr (std::is_same_v<K, engine::Not>) {
          mark(text, lexicon, *k.arg);
        } else if constexpr (std::is_same_v<K, engine::If>) {
          mark(text, lexicon, *k.cond);
          mark(text, lexicon, *k.then);
        } else if constexpr (std::is_same_v<K, engine::Has>) {
          mark_state_start(text, lexicon, n);
        }
      },
      n.kind);
}

}  // namespace

namespace {

// `concept_of`: the concept of an id, as the lexicon's find gives it.
template <class ConceptOf>
void mark_state_start_by(std::string_view text, const ConceptOf& concept_of, engine::Node& event) {
  auto& k = std::get<engine::Has>(event.kind);
  if (!k.within || k.ahead || k.onset || !k.name.empty() || !k.status.empty()) return;
  if (event.span.end <= event.span.begin || event.span.end > text.size()) return;
  const engine::Concept* c = concept_of(k.concept_id);
  if (!c || !c->state || c->kind != engine::ConceptKind::procedure) return;
  k.onset = less_than_before(text.substr(event.span.begin, event.span.end - event.span.begin));
}

}  // namespace

void mark_state_start(std::string_view text, const engine::Lexicon& lexicon, engine::Node& event) {
  mark_state_start_by(text, [&](std::string_view id) { return lexicon.find(id); }, event);
}

void mark_state_start(std::string_view text, const Lowering& coder, engine::Node& event) {
  mark_state_start_by(text, [&](std::string_view id) { return coder.concept_of(id); }, event);
}

void mark_state_starts(std::string_view text, const engine::Lexicon& lexicon, engine::Node& tree) {
  mark(text, lexicon, tree);
}

}  // namespace trialmatch::grammar::detail

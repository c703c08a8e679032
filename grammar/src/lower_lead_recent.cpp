// "Recent or unstable cardiovascular events: ECG changes, unstable angina, ..., acute heart failure": a lead-in
// saying "recent" asks the events after it of a recent time it gives no length. Read as a heading, the word was
// dropped and the events asked of any time: an unstable angina of 2005 excluded a patient from an exercise trial.
// How recent is a person's to say (as "Recent myocardial infarction" alone is text): where an event after such a
// lead-in has no window, calendar bounds or status of its own, the piece is a person's to read.
// ("Cardiovascular events: unstable angina" keeps the heading reading; "Recent events: MI within 6 months" has
// its window.)
#include "lower.hpp"
#include "lower_sequence.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

// True where n holds an event asked of no time: no window, no dates, no reference event, no status "active".
bool holds_untimed_event(const Node& n) {
  if (const auto* h = std::get_if<engine::Has>(&n.kind))
    return !h->within && h->before.empty() && h->dated_from.empty() && h->dated_to.empty() && h->status != "active";
  if (const auto* a = std::get_if<engine::All>(&n.kind))
    return std::any_of(a->args.begin(), a->args.end(), holds_untimed_event);
  if (const auto* o = std::get_if<engine::Any>(&n.kind))
    return std::any_of(o->args.begin(), o->args.end(), holds_untimed_event);
  if (const auto* g = std::get_if<engine::If>(&n.kind)) return holds_untimed_event(*g->then);
  if (const auto* no = std::get_if<engine::Not>(&n.kind)) return holds_untimed_event(*no->arg);
  return false;
}

}  // namespace

namespace {

bool says_recent(std::string_view text, std::span<const Token> toks, std::size_t b, std::size_t c) {
  static constexpr std::string_view recent_words[] = {"recent", "recently"};
  static constexpr WordList recent(recent_words);
  for (std::size_t k = b; k < c; ++k)
    if (recent.contains(text.substr(toks[k].begin, toks[k].end - toks[k].begin))) return true;
  return false;
}

}  // namespace

bool Lowering::lead_in_says_recent(std::size_t b, std::size_t c, const Node& rest) const {
  return says_recent(text_, toks_, b, c) && holds_untimed_event(rest);
}

// The same lead-in met inside the sequence (after another lead-in, "Medical indications: Recent ... events:
// ..."): where it says "recent" before an untimed event, the piece becomes text (true).
bool Lowering::recent_lead_in_as_text(SequenceState& s, std::size_t lead, std::size_t colon) {
  if (!says_recent(text_, toks_, lead, colon)) return false;  // (most lead-ins: nothing read twice)
  const std::size_t mark = diags_.size();
  auto read = sequence(colon + 1, s.e, s.depth + 1);
  diags_.resize(mark);
  if (!read || !lead_in_says_recent(lead, colon, *read)) return false;
  s.result = text_node(toks_[std::min(s.b, sequence_begin_)].begin, toks_[s.e - 1].end, engine::TextReason::not_understood);
  return true;
}

}  // namespace trialmatch::grammar::detail

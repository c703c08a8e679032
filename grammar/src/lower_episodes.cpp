// A threshold that describes episodes or the past, not today's value. "having recurrent symptoms of
// hypoglycemia (blood glucose less than 2.8 mmol/L)", "history of hypoglycemia (blood glucose < 70 mg/dL)":
// the glucose is the one measured in those episodes. Read as the patient's glucose (the lead-in dropped as
// not needed for the comparison, or the condition read as the thresholds that define it), a patient with
// insulinoma whose glucose is 5 mmol/L today failed the first line, and a patient with hypoglycaemia last year
// escaped the second in an exclusion. Whether such a line asks of the episodes on record or of today's value
// is a person's to read: the condition and its thresholds (or the lead-in and the comparison) become one text,
// and the rest of the piece keeps its reading ("history of diabetes, gout or renal dysfunction (creatinine >=
// 1.5 mg/dL)" still excludes a diabetic).
// Words of recurrence or of the past in the words before the threshold: "recurrent", "episodes", "attacks",
// "history of", "previous", "prior", "past". ("Hyperkalemia (potassium > 5.5 mEq/L)", "Anemia (hemoglobin <
// 10 g/dL)", "Patients with serum creatinine > 2 mg/dL" keep their readings.)
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool Lowering::episodes_before(std::size_t b, std::size_t e, std::uint32_t upto) const {
  std::size_t at = std::string_view::npos;
  return episodes_before(b, e, upto, at);
}

// (The scan stops at the first word of an episode and stays there: an ask with a larger `upto` reads on from where the
// last stopped, and every token before `at` is known to be no such word, so an ask with a smaller one is answered too.
// The defined-by join asks it of one pair after another: once over the piece, not once a pair.)
bool Lowering::episodes_before(std::size_t b, std::size_t e, std::uint32_t upto, std::size_t& at) const {
  static constexpr std::string_view episodes[] = {
      "recurrent", "recurring", "repeated", "episode", "episodes", "attack", "attacks", "bouts", "history", "previous",
      "previously", "prior", "past", "former", "formerly"};
  if (at == std::string_view::npos) {
    // (From the neutral words the line's reading passed over before the piece: "history of" opens most lines.)
    at = b;
    while (at > 0 && neutral(at - 1)) --at;
  }
  for (; at < e && toks_[at].begin < upto; ++at) {
    const Tok k = toks_[at].kind;
    if (k == Tok::status_history) return true;
    if ((k == Tok::word || k == Tok::filler) && one_of(slice(toks_[at].begin, toks_[at].end), episodes)) return true;
  }
  return false;
}

// Items k and k + 1 (the condition or lead-in, and its thresholds) as one text.
void Lowering::episode_as_text(std::vector<Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or,
                               std::size_t k) {
  episode_into_next(items, k);
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(k));
  conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(k));
  if (k < text_has_or.size()) text_has_or.erase(text_has_or.begin() + static_cast<std::ptrdiff_t>(k));
}

// The one text made in item k + 1 (item k, its connector and flag for the caller to drop).
void Lowering::episode_into_next(std::vector<Item>& items, std::size_t k) {
  Item& merged = items[k + 1];
  merged.begin = items[k].begin;
  // (A text node held as a read item: an unread item would be read again for the comparisons in its words.)
  merged.node = text_node(merged.begin, merged.end, engine::TextReason::not_understood);
  merged.text = false;
}

}  // namespace trialmatch::grammar::detail

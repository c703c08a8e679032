// Where a number stands apart from what it is said of.
// "pain on one side of the knee", "pain on 2 sides", "Knee pain on one side": a number after a preposition of
// place counts the places, not the score's value. Read as a class of the score ("pain_score == 1"), a patient
// whose pain rated 6 was ineligible and one whose pain rated 1 on both sides eligible. The value of a score comes
// after its name, a class word, "of", "is", a colon or a comparator ("ECOG of 1", "NYHA class III", "ASA: 2").
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

// Whether the words passed over between a score's name and the value at token j (fillers, colons, class words:
// back to the name) hold a preposition of place.
bool Lowering::place_before_value(std::size_t j) const {
  static constexpr std::string_view places[] = {"on", "in", "at"};
  for (std::size_t x = j; x > sequence_begin_ && x > 0; --x) {
    const Token& t = toks_[x - 1];
    if (t.kind == Tok::name) break;
    if (t.kind != Tok::filler && t.kind != Tok::word && t.kind != Tok::colon) break;
    if (one_of(lower_ascii(slice(t.begin, t.end)), places)) return true;
  }
  return false;
}

// "Patients with grade 2 submucous myoma or more": a comparator after the words that follow a class ("or more",
// "or higher") bounds the class, which read alone was an equality (grade == 2: a grade 3 myoma, the line's "or
// more", was not it). Which of the numbers it bounds where the words hold more is a person's to read: true where a
// class read as one value has such a comparator after it, before the next connector or island.
bool Lowering::comparator_after_class(const std::vector<Island>& islands, std::size_t e) const {
  for (std::size_t n = 0; n < islands.size(); ++n) {
    const Island& is = islands[n];
    if (is.class_word.empty() || !is.one_of.empty() || is.th.high || is.th.cmp != engine::Comparator::eq) continue;
    const std::size_t stop = n + 1 < islands.size() ? islands[n + 1].b : e;
    for (std::size_t x = is.e; x < stop; ++x) {
      const Tok k = toks_[x].kind;
      if (k == Tok::comma || k == Tok::semicolon || k == Tok::and_ || k == Tok::or_ || k == Tok::and_or) break;
      if (k == Tok::cmp_post || k == Tok::cmp) return true;
    }
  }
  return false;
}

}  // namespace trialmatch::grammar::detail

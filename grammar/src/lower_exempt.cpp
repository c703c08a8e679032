// A sentence that says whom a requirement does not apply to: "Women who are post-menopausal with at least 1 year
// since last menses ... will not require pregnancy testing", "(does not apply to observational cohort studies)".
// The conditions it names are those of the people exempted, not requirements: read as a list beside the others,
// "women", "menopause" were asked of every patient (a man was ineligible). A person reads the piece.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool Lowering::states_exemption(std::size_t b, std::size_t e) const {
  // (Not "need", nor "require" in the present: "do not need supplemental oxygen", "do not require dialysis" are
  // conditions of the patient's.)
  static constexpr std::string_view not_required[] = {"required", "apply", "applies", "applicable", "necessary",
                                                       "mandatory"};
  static constexpr std::string_view future[] = {"will", "would", "shall"};
  for (std::size_t x = b; x < e; ++x) {
    // "will not require", "does not apply", "not (be) required"; not "no need for sedatives", a condition of its own.
    static constexpr std::string_view negations[] = {"not", "does not", "do not"};
    if (toks_[x].kind != Tok::negation || !one_of(slice(toks_[x].begin, toks_[x].end), negations)) continue;
    std::size_t y = x + 1;
    if (y < e && iequals(slice(toks_[y].begin, toks_[y].end), "be")) ++y;
    if (y >= e) continue;
    const std::string_view w = slice(toks_[y].begin, toks_[y].end);
    if (one_of(w, not_required)) return true;
    if ((iequals(w, "require") || iequals(w, "requires")) && x > b && one_of(slice(toks_[x - 1].begin, toks_[x - 1].end), future))
      return true;
  }
  return false;
}

}  // namespace trialmatch::grammar::detail

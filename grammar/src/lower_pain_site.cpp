// "NRS leg pain of 6 or more on a 10-point NRS scale": a pain at a named site of the body is not the patient's
// general pain score. Read as the lexicon's pain score, a patient with a back pain of 7 and no leg pain met the
// line. Where a word naming a site of the body stands right before the pain score's name ("leg pain", "low back
// pain", "knee pain intensity"), the comparison is on an unlisted variable named with the site (unknown for
// everyone, the threshold kept as written).
// ("Pain > 4 on a visual numerical scale", "average pain score of greater than 4/10": no site, as before.)
#include <algorithm>
#include <string>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

bool body_site(std::string_view w) {
  static constexpr std::string_view sites[] = {
      "leg", "legs", "back", "knee", "knees", "neck", "shoulder", "shoulders", "hip", "hips", "arm", "arms",
      "foot", "feet", "ankle", "ankles", "wrist", "hand", "hands", "elbow", "joint", "joints", "chest",
      "abdominal", "abdomen", "pelvic", "pelvis", "head", "facial", "face", "dental", "tooth", "breast",
      "heel", "buttock", "groin", "perineal", "shin", "calf", "thigh", "spine", "spinal", "lumbar", "thoracic",
      "cervical", "throat", "ear", "eye", "jaw", "muscle", "bone", "limb", "limbs", "toe", "finger"};
  static constexpr WordList list(sites);
  return list.contains(w);
}

}  // namespace

void Lowering::pain_at_site(std::size_t b, std::size_t e, std::vector<Item>& items) const {
  // (Only a piece with a pain score read: most have none, and their tokens are not walked.)
  if (std::none_of(items.begin(), items.end(), [](const Item& it) { return !it.text && contains_cmp_on(it.node, "pain_score"); }))
    return;
  for (std::size_t k = b + 1; k < e; ++k) {
    if (toks_[k].kind != Tok::name || !toks_[k].entry || toks_[k].entry->id != "pain_score") continue;
    const std::string_view site = slice(toks_[k - 1].begin, toks_[k - 1].end);
    if (!body_site(site)) continue;
    for (Item& it : items)
      if (!it.text && it.begin <= toks_[k].begin && toks_[k].end <= it.end)
        rename_as_unlisted(it.node, concat({site, " pain"}),
                           [](std::string_view var) { return var == "pain_score"; });
  }
}

}  // namespace trialmatch::grammar::detail

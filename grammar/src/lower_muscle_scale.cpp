// "Gastrocsoleus muscle spasticity (Modified Ashworth Scale 1-3)": the Modified Ashworth Scale grades the tone of
// one muscle group, so a line naming the muscle or the limb asks of that one. Read as the lexicon's scale (the
// lead-in dropped as "not needed for the comparison"), a stroke patient whose MAS of 2 was rated at the elbow
// flexors met the line with a calf of 0. Where the piece names a muscle or a site of a limb ("gastrocsoleus
// muscle", "elbow flexors", "upper limb", "ankle"), the scale's comparisons are on an unlisted variable named with
// the site (unknown for everyone, the threshold kept as written).
// ("Spasticity (Modified Ashworth Scale >= 1)": no site, as before.)
#include <algorithm>
#include <string>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

// Scales graded per muscle group (a patient has one value per muscle, not one).
bool per_muscle_scale(std::string_view id) { return id == "modified_ashworth_scale"; }

// A word that names a muscle group by itself, or a site of a limb.
bool muscle_site(std::string_view w) {
  static constexpr std::string_view sites[] = {
      "gastrocsoleus", "gastrocnemius", "soleus", "biceps", "triceps", "hamstring", "hamstrings", "quadriceps",
      "calf", "elbow", "wrist", "ankle", "knee", "hip", "shoulder", "finger", "fingers", "toe", "toes",
      "limb", "limbs", "extremity", "extremities", "arm", "arms", "leg", "legs", "hand", "foot", "thigh",
      "plantarflexor", "plantarflexors", "dorsiflexor", "dorsiflexors"};
  static constexpr WordList list(sites);
  return list.contains(w);
}

// A word saying the word before it names a muscle group ("gastrocsoleus muscle", "elbow flexors").
bool muscle_word(std::string_view w) {
  static constexpr std::string_view words[] = {"muscle", "muscles", "flexor", "flexors", "extensor", "extensors",
                                               "adductor", "adductors"};
  static constexpr WordList list(words);
  return list.contains(w);
}

}  // namespace

void Lowering::scale_at_muscle(std::size_t b, std::size_t e, std::vector<Item>& items) const {
  // (Only a piece with such a scale read: most have none, and their tokens are not walked.)
  if (std::none_of(items.begin(), items.end(),
                   [](const Item& it) { return !it.text && contains_cmp_on(it.node, "modified_ashworth_scale"); }))
    return;
  std::string site;
  for (std::size_t k = b; k < e && site.empty(); ++k) {
    if (toks_[k].kind != Tok::word) continue;
    const std::string_view w = slice(toks_[k].begin, toks_[k].end);
    if (muscle_word(w) && k > b && toks_[k - 1].kind == Tok::word)
      site = concat({slice(toks_[k - 1].begin, toks_[k - 1].end), " ", w});
    else if (muscle_site(w))
      site = std::string(w);
  }
  if (site.empty()) return;
  for (Item& it : items)
    if (!it.text)
      rename_as_unlisted(it.node, concat({site, " spasticity"}),
                         [](std::string_view var) { return per_muscle_scale(var); });
}

}  // namespace trialmatch::grammar::detail

// The gestational age of a newborn is the one it was born at, a variable of its own
// (`gestational_age_at_birth`), not the current pregnancy's (`gestational_age`): "mature newborn (38 to 41
// weeks of gestational age)", "infants born before 37 weeks of gestation", "born at or after 34 weeks".
// A line that names both a newborn and a pregnancy ("infants of mothers ... born before 37 weeks") could
// mean either person's; it is left to a person.
#include "lower.hpp"
#include "lower_literal.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

// Words that make a newborn the one the criterion is about.
constexpr std::string_view newborn_words[] = {"born", "newborn", "newborns", "new-born", "neonate", "neonates",
                                              "infant", "infants", "baby", "babies"};
// Words that name a pregnancy or the one carrying it.
constexpr std::string_view pregnancy_words[] = {
    "pregnant", "pregnancy", "pregnancies", "mother", "mothers", "maternal", "woman", "women", "delivery",
    "delivered", "deliver", "labor", "labour", "gravida", "antenatal", "prenatal", "fetus", "fetuses", "fetal",
    "foetus", "foetal", "parturient", "parturients", "gestating"};

bool starts_with_born(std::string_view s) { return s.size() > 5 && iequals(s.substr(0, 5), "born "); }

}  // namespace

bool Lowering::born_comparator(std::size_t i) const {
  return toks_[i].kind == Tok::cmp && starts_with_born(slice(toks_[i].begin, toks_[i].end));
}

Lowering::Gestation Lowering::gestation_of_line() const {
  bool newborn = false, pregnancy = false;
  for (std::size_t x = 0; x < toks_.size(); ++x) {
    newborn = newborn || born_comparator(x);
    pregnancy = pregnancy || toks_[x].kind == Tok::sex_female ||
                (is_event(x) && lexicon_.is_a(toks_[x].entry->id, "pregnancy"));
    // Each word of the token: a lexicon name ("preterm infants") may hold one.
    std::string_view rest = slice(toks_[x].begin, toks_[x].end);
    while (!rest.empty()) {
      const std::size_t space = rest.find(' ');
      const std::string_view w = rest.substr(0, space);
      newborn = newborn || one_of(w, newborn_words);
      pregnancy = pregnancy || one_of(w, pregnancy_words);
      rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    }
  }
  if (newborn && pregnancy) return Gestation::unclear;
  return newborn ? Gestation::birth : Gestation::pregnancy;
}

bool Lowering::read_gestation(std::vector<const engine::Concept*>& vars, std::size_t i, const Threshold& th) const {
  // (born is asked only with no variable named: every use of it below is with vars.empty().)
  const bool born = vars.empty() && born_comparator(i);
  bool gestational = born;
  for (const auto* v : vars) gestational = gestational || equals_literal(v->id, "gestational_age");
  if (!gestational) return true;
  // (The rest out of line: nearly every comparison leaves above, and paid the whole body's register saves.)
  const auto gestation = [&]() __attribute__((noinline)) {
    // "born before 1990" is a date of birth, "born after 2 years of marriage" something else: only weeks are a
    // gestational age.
    if (born && th.value.unit != "wk" && th.value.unit != "d") return false;  // (born: no variable named)
    const Gestation of = gestation_of_line();
    if (of == Gestation::unclear) return false;
    if (of == Gestation::pregnancy) return true;
    const engine::Concept* at_birth = lexicon_.find("gestational_age_at_birth");
    if (!at_birth) return false;
    if (vars.empty()) vars.push_back(at_birth);
    for (auto*& v : vars)
      if (v->id == "gestational_age") v = at_birth;
    return true;
  };
  return gestation();
}

}  // namespace trialmatch::grammar::detail

// A threshold written without its variable takes the variable of the comparison it is joined to:
// "age ≥18 and < 65 years", "Age below 18 years or above 80 years", "≥20 and ≤80 years of age".
#include <cmath>

#include "lower.hpp"
#include "lower_cohort_words.hpp"
#include "lower_heading.hpp"
#include "lower_util.hpp"
#include "trialmatch/engine/units.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

namespace {

// The one comparison a node makes on one variable (a range is two on the same one), or null.
const engine::Cmp* single_variable(const Node& n) {
  if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) return c;
  if (const auto* guarded = std::get_if<engine::If>(&n.kind)) return single_variable(*guarded->then);
  const std::vector<Node>* args = nullptr;
  if (const auto* all = std::get_if<engine::All>(&n.kind)) args = &all->args;
  if (!args || args->empty()) return nullptr;
  const engine::Cmp* first = nullptr;
  for (const auto& a : *args) {
    const auto* c = std::get_if<engine::Cmp>(&a.kind);
    if (!c || (first && c->var != first->var)) return nullptr;
    if (!first) first = c;
  }
  return first;
}

bool ends_condition(Tok k) {
  return k == Tok::and_ || k == Tok::or_ || k == Tok::and_or || k == Tok::comma || k == Tok::semicolon ||
         k == Tok::period || k == Tok::rparen || k == Tok::guard;  // "and ≥ 13 g/dL for men"
}

}  // namespace

// A threshold that stands alone between connectors: "and < 65 years", "or above 80 years".
std::optional<std::size_t> Lowering::bare_threshold(std::size_t i, std::size_t e, Threshold& out) const {
  const auto k = threshold(i, e, out);
  if (!k) return std::nullopt;
  if (out.value.relative_to != engine::RelativeTo::none && !out.high && toks_[i].kind != Tok::cmp) return std::nullopt;
  std::size_t j = *k;
  while (j < e && (toks_[j].kind == Tok::filler || toks_[j].kind == Tok::inclusive)) ++j;
  if (j < e && !ends_condition(toks_[j].kind)) return std::nullopt;
  return k;
}

std::optional<Node> Lowering::threshold_node(const engine::Concept& var, const Threshold& th, std::uint32_t begin,
                                             std::uint32_t end) {
  if (th.high) {
    auto lo = cmp_node(var, engine::Comparator::ge, th.value, begin, end);
    auto hi = cmp_node(var, th.high_cmp, *th.high, begin, end);
    if (!lo || !hi) return std::nullopt;
    return engine::make_all({std::move(*lo), std::move(*hi)}, {begin, end});
  }
  return cmp_node(var, th.cmp, th.value, begin, end);
}

// `th` read on the variable of `neighbour`, with its unit where the threshold wrote none.
std::optional<Node> Lowering::shared_cmp(const Node& neighbour, const Threshold& th, std::uint32_t begin,
                                         std::uint32_t end) {
  const engine::Cmp* c = single_variable(neighbour);
  if (!c || c->relative_to != engine::RelativeTo::none) return std::nullopt;
  const engine::Concept* var = lexicon_.find(c->var);
  if (!var) return std::nullopt;
  Threshold t = th;
  auto fill = [&](Quantity& q) {
    if (q.unit.empty() && !q.unit_unknown && q.relative_to == engine::RelativeTo::none) q.unit = kept(c->unit);  // (the neighbour node's string)
  };
  // A time span joined to a measure that is not one ("BMI ≥ 18 and < 3 months") names something else,
  // and so does a unit the variable's cannot be converted to ("more than 10 ug/min and lactate >4 mmol/L").
  if (!t.value.unit.empty() && is_time_unit(t.value.unit) != is_time_unit(c->unit)) return std::nullopt;
  for (const Quantity* q : {&t.value, t.high ? &*t.high : nullptr}) {
    // The neighbour's own unit is taken as it took it ("potassium < 3.5 or > 5.5 mEq/L": kept as written, the
    // evaluator compares a record in that unit).
    if (!q || q->unit.empty() || var->unit.empty() || q->unit == var->unit || q->unit == c->unit ||
        q->relative_to != engine::RelativeTo::none)
      continue;
    if (var->unit == "1" && q->unit == "%") continue;  // a score written in percent ("Karnofsky ≥ 70%")
    const auto written = engine::units::read_unit(q->unit);
    const auto canonical = engine::units::read_unit(var->unit);
    if (!written || !canonical || !engine::units::convertible(*written, *canonical, var->molar_mass))
      return std::nullopt;
  }
  fill(t.value);
  if (t.high) fill(*t.high);
  return threshold_node(*var, t, begin, end);
}

// "Any patient ≥18 who ...", "Adults > 18": a number in years (or none) right after the people it is
// about is their age, unless a time reference follows ("patients > 2 years after transplant").
bool Lowering::names_people(std::size_t i, std::size_t k, std::size_t e, const Threshold& th) const {
  if (i == 0 || th.value.relative_to != engine::RelativeTo::none) return false;
  if (!(th.value.unit.empty() || th.value.unit == "a") || th.value.unit_unknown) return false;
  std::size_t p = i - 1;
  if (toks_[p].kind == Tok::lparen && p > 0) --p;  // "renal transplant patients (≥21 years)"
  const Tok before = toks_[p].kind;
  if (before != Tok::subject && before != Tok::sex_female && before != Tok::sex_male && before != Tok::sex_any)
    return false;
  if (k >= e) return true;
  const Token& next = toks_[k];
  if (next.kind == Tok::before || next.kind == Tok::after || next.kind == Tok::within || next.kind == Tok::ahead ||
      next.kind == Tok::quantity)
    return false;
  // "Patients ≥1 and ≤6 months after myocardial infarction": the second bound, whose unit the first takes,
  // counts time from an event; neither is an age.
  if (next.kind == Tok::and_ || next.kind == Tok::or_) {
    std::size_t j = k + 1;
    if (j < e && toks_[j].kind == Tok::cmp) ++j;
    if (j < e && toks_[j].kind == Tok::quantity) {
      const std::size_t after = skip_neutral(j + 1, e);
      if (after < e && (toks_[after].kind == Tok::before || toks_[after].kind == Tok::after || toks_[after].kind == Tok::within ||
                        toks_[after].kind == Tok::ahead))
        return false;
      if (after < e && (toks_[after].kind == Tok::word || toks_[after].kind == Tok::filler)) {
        static constexpr std::string_view from_event[] = {"post", "ago", "since", "from", "following"};
        if (one_of(slice(toks_[after].begin, toks_[after].end), from_event)) return false;
      }
    }
  }
  // "this child at least four nights a week": a bare number before a noun counts that noun.
  if (th.value.unit.empty() && (next.kind == Tok::word || next.kind == Tok::name || next.kind == Tok::other))
    return false;
  if (next.kind == Tok::word || next.kind == Tok::filler) {
    static constexpr std::string_view from_event[] = {"post", "of", "from", "since", "ago", "duration"};
    if (one_of(slice(next.begin, next.end), from_event)) return false;
  }
  return true;
}

// The token of a measured variable right after a threshold with a unit that fits it ("> 3 months
// life expectancy", "37 weeks gestation"), or none. Age is left to the age rules ("18 years of age").
// `classed`: a class word stands before the values ("stages 2-3 of Hoehn and Yahr").
std::optional<std::size_t> Lowering::variable_after(std::size_t k, std::size_t e, const Threshold& th,
                                                    bool classed) const {
  if (th.value.unit_unknown || th.value.relative_to != engine::RelativeTo::none) return std::nullopt;
  std::size_t j = k;
  bool on = false;  // "24 or above on the Mini-Mental State Exam": a score on its scale
  // "35 weeks' gestation": the apostrophe of the unit's genitive.
  if (j < e && toks_[j].kind == Tok::other && toks_[j - 1].end == toks_[j].begin &&
      (slice(toks_[j].begin, toks_[j].end) == "'" || slice(toks_[j].begin, toks_[j].end) == "\u2019"))
    ++j;
  while (j < e && toks_[j].kind == Tok::filler) {
    const auto w = slice(toks_[j].begin, toks_[j].end);
    on = on || w == "on" || (classed && w == "of");
    ++j;
  }
  if (j >= e || !is_measured(j) || toks_[j].entry->id == "age") return std::nullopt;
  const engine::Concept& var = *toks_[j].entry;
  if (var.unit == "1" && on && (th.value.unit.empty() || th.value.unit == "1")) return j;
  if (th.value.unit.empty()) return std::nullopt;
  if (var.unit.empty() || var.unit == "1") return std::nullopt;
  if (is_time_unit(var.unit) != is_time_unit(th.value.unit)) return std::nullopt;
  if (!is_time_unit(var.unit)) {
    const auto written = engine::units::read_unit(th.value.unit);
    const auto canonical = engine::units::read_unit(var.unit);
    if (!written || !canonical) return std::nullopt;
    if (!engine::units::convertible(*written, *canonical, var.molar_mass)) return std::nullopt;
  }
  return j;
}

// "Male and Female, between 18 and 80 years, ASA 1-3": a span of years written in years, standing
// alone as one item of a comma list, is the age the criterion asks for.
bool Lowering::years_item(std::size_t i, std::size_t k, std::size_t e, const Threshold& th) const {
  if (th.value.unit != "a" || th.value.unit_unknown) return false;
  std::size_t b = i;
  while (b > sequence_begin_ && neutral(b - 1)) --b;
  const bool starts = b == sequence_begin_ || toks_[b - 1].kind == Tok::comma;
  const std::size_t after = skip_neutral(k, e);
  // "≥ 19 years at the time of signing informed consent": when the age is taken.
  const bool at_time = after + 1 < e && toks_[after].kind == Tok::filler && slice(toks_[after].begin, toks_[after].end) == "at" &&
                       slice(toks_[after + 1].begin, toks_[after + 1].end) == "the" ;
  const bool ends = after == e || toks_[after].kind == Tok::comma || at_time;
  return starts && ends;
}

// "blood glucose <50 or > 400 mg/dL": a unit written once, after the second of two thresholds joined
// by "or"/"and", is the unit of the first one too.
void Lowering::borrow_unit(std::size_t k, std::size_t e, Threshold& th) const {
  if (!th.value.unit.empty() || th.value.unit_unknown || th.value.relative_to != engine::RelativeTo::none || th.high)
    return;
  if (k + 1 >= e || (toks_[k].kind != Tok::or_ && toks_[k].kind != Tok::and_)) return;
  std::size_t j = k + 1;
  if (toks_[j].kind == Tok::cmp) ++j;
  if (j >= e || toks_[j].kind != Tok::quantity) return;
  const Quantity& next = toks_[j].quantity;
  if (next.unit.empty() || next.unit_unknown || next.relative_to != engine::RelativeTo::none) return;
  th.value.unit = next.unit;
  th.value.unit_spelling = next.unit_spelling;
}

// "BP >140/90 mmHg": a systolic over a diastolic limit. Above it is either of them ("≥140/90" is
// hypertension when either is reached), below it is both.
std::optional<std::pair<Node, std::size_t>> Lowering::pressure_pair(std::size_t k, std::size_t e, const Threshold& th,
                                                                    std::uint32_t begin) {
  const std::string_view spelling = th.value.unit_spelling;
  if (th.high) return std::nullopt;
  double diastolic = 0;
  std::string rest;
  if (spelling.empty() && !th.value.unit_unknown && th.value.relative_to == engine::RelativeTo::none && k + 1 < e &&
      toks_[k].kind == Tok::slash && toks_[k + 1].kind == Tok::quantity) {
    // "≥ 180 / 110 mmHg": the slash written apart, the diastolic a quantity of its own.
    const Quantity& d = toks_[k + 1].quantity;
    if (d.unit_unknown || d.relative_to != engine::RelativeTo::none || d.ten_power != 0 || d.plus || d.value <= 0 ||
        d.value != std::floor(d.value) || (!d.unit.empty() && d.unit != "mm[Hg]"))
      return std::nullopt;
    diastolic = d.value;
    k += 2;
    rest = d.unit.empty() ? "" : "mmhg";
  } else {
    if (spelling.size() < 2 || spelling[0] != '/') return std::nullopt;
    std::size_t p = 1;
    while (p < spelling.size() && spelling[p] == ' ') ++p;  // "180/ 110 mmHg"
    const std::size_t digits_from = p;
    for (; p < spelling.size() && spelling[p] >= '0' && spelling[p] <= '9'; ++p) diastolic = diastolic * 10 + (spelling[p] - '0');
    if (p == digits_from) return std::nullopt;
    rest = spelling.substr(p);
  }
  for (auto& c : rest) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  rest.erase(0, rest.find_first_not_of(' '));
  if (!rest.empty() && rest != "mmhg" && rest != "mm hg") return std::nullopt;
  auto word_is = [&](std::size_t x, std::string_view want) {
    return x < e && toks_[x].kind == Tok::word && iequals(slice(toks_[x].begin, toks_[x].end), want);
  };
  if (rest.empty() && word_is(k, "mmhg")) ++k;
  else if (rest.empty() && word_is(k, "mm") && word_is(k + 1, "hg")) k += 2;
  const engine::Concept* sys = lexicon_.find("systolic_bp");
  const engine::Concept* dia = lexicon_.find("diastolic_bp");
  if (!sys || !dia) return std::nullopt;
  Quantity high = th.value, low = th.value;
  high.unit = low.unit = "mm[Hg]";
  high.unit_spelling = low.unit_spelling = "mmHg";
  low.value = diastolic;
  const auto end = toks_[k - 1].end;
  auto s = cmp_node(*sys, th.cmp, high, begin, end);
  auto d = cmp_node(*dia, th.cmp, low, begin, end);
  if (!s || !d) return std::nullopt;
  const bool above = th.cmp == engine::Comparator::gt || th.cmp == engine::Comparator::ge;
  std::vector<Node> both;
  both.push_back(std::move(*s));
  both.push_back(std::move(*d));
  Node out = above ? engine::make_any(std::move(both), {begin, end}) : engine::make_all(std::move(both), {begin, end});
  return std::make_pair(std::move(out), k);
}

// True where the piece names a person other than the participant (a parent, a partner) before token
// `before`: an age after it may be that person's ("Infants whose mothers are under 18"); one named only
// after the age ("Age 10-18 and living with a parent") is not whose age it is.
bool Lowering::subject_between(std::uint32_t begin, std::uint32_t end) const {
  for (const Token& t : toks_)
    if (t.kind == Tok::subject && t.begin >= begin && t.end <= end) return true;
  return false;
}

bool Lowering::other_person_named(std::size_t before) const {
  static constexpr std::string_view others[] = {
      "parent", "parents", "caregiver", "caregivers", "mother", "mothers", "father", "fathers", "partner",
      "partners", "spouse", "spouses", "sibling", "siblings", "relative", "relatives", "guardian", "guardians",
      "offspring", "husband", "wife", "caretaker", "caretakers", "family", "maternal", "paternal", "donor", "donors",
      "household"};
  for (std::size_t x = sequence_begin_; x < before && x < sequence_end_ && x < toks_.size(); ++x) {
    if (toks_[x].kind == Tok::word && one_of(slice(toks_[x].begin, toks_[x].end), others)) return true;
    // "having one or more school-aged children living in the home (aged 7-17)": people counted are others.
    // (A count: a small whole number, no comparator before it, only words between it and the people.)
    if (toks_[x].kind == Tok::subject) {
      std::size_t y = x;
      while (y > sequence_begin_ && x - y < 6 &&
             (toks_[y - 1].kind == Tok::word || toks_[y - 1].kind == Tok::name || toks_[y - 1].kind == Tok::cmp_post ||
              toks_[y - 1].kind == Tok::filler || ((toks_[y - 1].kind == Tok::other || toks_[y - 1].kind == Tok::range_to) &&
               slice(toks_[y - 1].begin, toks_[y - 1].end) == "-")))
        --y;
      if (y > sequence_begin_ && toks_[y - 1].kind == Tok::quantity) {
        const Quantity& q = toks_[y - 1].quantity;
        const bool compared = y >= 2 && toks_[y - 2].kind == Tok::cmp;
        if (q.unit.empty() && !q.unit_unknown && q.value >= 1 && q.value <= 20 && q.value == static_cast<int>(q.value) &&
            !compared)
          return true;
      }
    }
  }
  return false;
}

// "Cohort 1:", "Part B:", "Healthy volunteers:", "Inclusion criteria for caregivers:": a lead-in naming an
// arm of the trial or a kind of participant says whom what follows is for. Which arm a patient is in is
// not in the profile, so it guards the rest (as text) rather than being dropped as a heading, which
// would hold every patient to one arm's limits. A lead-in naming a measure ("Age group:") is no arm.
bool Lowering::names_cohort(std::size_t b, std::size_t c) const {
  // (The words' lists and their scan: lower_cohort_words.hpp.)
  const CohortWords words = cohort_words(text_, toks_, b, c);
  if (words.refused) return false;
  // "Children:" in a trial that also takes their parents: the children's cohort (lower_heading.cpp).
  return words.arm || (words.criteria_heading && words.qualified) ||
         (people_name_cohorts_ && lead_in_names_people(text_, toks_, b, c));
}

// "for a colonoscopy", "in English": a preposition that names no people, no measure and no number
// is one more word, not a condition on who the rest applies to.
bool Lowering::loose_preposition(std::size_t i, std::size_t e) const {
  static constexpr std::string_view loose[] = {"for", "in", "at"};
  if (!one_of(slice(toks_[i].begin, toks_[i].end), loose)) return false;
  for (std::size_t j = i + 1; j < e && j < i + 4; ++j) {
    const Tok k = toks_[j].kind;
    if (k == Tok::subject || k == Tok::sex_female || k == Tok::sex_male || k == Tok::sex_any || k == Tok::name ||
        k == Tok::quantity || k == Tok::cmp || k == Tok::negation || k == Tok::status_active ||
        k == Tok::status_history || k == Tok::between)
      return false;
    if (k != Tok::filler && k != Tok::word) break;
  }
  return true;
}

}  // namespace trialmatch::grammar::detail

// A patient's facts indexed by lexicon concept once per patient (evaluate.hpp, PatientFacts), so that a
// bound tree finds a concept's observation in one step instead of scanning the record by name.
#include <algorithm>

#include "evaluate_context.hpp"
#include "lexicon_units.hpp"
#include "trialmatch/engine/evaluate.hpp"

namespace trialmatch::engine {

namespace {

// Every concept `c` is_a (itself excluded), sorted: the concepts Lexicon::is_a(c.id, a.id) holds for,
// by the same two rules without a hash lookup per pair: an ATC code of `a` is a proper prefix of one of
// c's, or `a` is reached over is_a parents within the same depth bound (17 levels).
class Ancestry {
 public:
  explicit Ancestry(const Lexicon& lexicon) : lexicon_(lexicon) {
    const auto& all = lexicon.concepts();
    for (std::size_t a = 0; a < all.size(); ++a)
      if (auto it = all[a].codes.find("atc"); it != all[a].codes.end()) atc_.emplace_back(a, &it->second);
  }

  std::vector<std::uint32_t> of(const Concept& c) const {
    std::vector<std::uint32_t> out;
    if (auto member = c.codes.find("atc"); member != c.codes.end()) {
      for (const auto& [a, prefixes] : atc_)
        for (const auto& prefix : *prefixes)
          for (const auto& code : member->second)
            if (!prefix.empty() && code.size() > prefix.size() && code.compare(0, prefix.size(), prefix) == 0)
              out.push_back(static_cast<std::uint32_t>(a));
    }
    parents(c, 0, out);
    const auto self = static_cast<std::uint32_t>(&c - lexicon_.concepts().data());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    std::erase(out, self);
    return out;
  }

 private:
  // As Lexicon::has_ancestor: the parents of a concept at depth 0..16.
  void parents(const Concept& c, int depth, std::vector<std::uint32_t>& out) const {
    if (depth > 16) return;
    for (const auto& parent : c.is_a) {
      if (const Concept* p = lexicon_.find(parent)) {
        out.push_back(static_cast<std::uint32_t>(p - lexicon_.concepts().data()));
        parents(*p, depth + 1, out);
      }
    }
  }

  const Lexicon& lexicon_;
  std::vector<std::pair<std::size_t, const std::vector<std::string>*>> atc_;  // concepts with ATC codes
};

// The built-in lexicon's table, computed once per process (immutable afterwards, shared by threads).
const std::vector<std::vector<std::uint32_t>>& builtin_ancestry() {
  static const std::vector<std::vector<std::uint32_t>> table = [] {
    const Lexicon& lexicon = Lexicon::builtin();
    const Ancestry ancestry(lexicon);
    std::vector<std::vector<std::uint32_t>> t;
    t.reserve(lexicon.concepts().size());
    for (const Concept& c : lexicon.concepts()) t.push_back(ancestry.of(c));
    return t;
  }();
  return table;
}

// The inverse of builtin_ancestry(): every concept that is_a each concept, computed once per process.
const std::vector<std::vector<std::uint32_t>>& builtin_descendants() {
  static const std::vector<std::vector<std::uint32_t>> table = [] {
    const auto& ancestry = builtin_ancestry();
    std::vector<std::vector<std::uint32_t>> t(ancestry.size());
    for (std::size_t c = 0; c < ancestry.size(); ++c)
      for (const std::uint32_t a : ancestry[c]) t[a].push_back(static_cast<std::uint32_t>(c));
    return t;
  }();
  return table;
}

// The built-in lexicon's conditions defined by measures (Concept::defined_by), computed once per process.
const std::vector<std::uint32_t>& builtin_defined_conditions() {
  static const std::vector<std::uint32_t> list = [] {
    std::vector<std::uint32_t> out;
    const auto& all = Lexicon::builtin().concepts();
    for (std::size_t c = 0; c < all.size(); ++c)
      if (!all[c].defined_by.empty()) out.push_back(static_cast<std::uint32_t>(c));
    return out;
  }();
  return list;
}

}  // namespace

namespace detail {
const units::Unit* lexicon_unit(const Lexicon& lexicon, std::uint32_t concept_index, std::optional<units::Unit>& scratch) {
  if (&lexicon == &Lexicon::builtin()) {
    static const std::vector<std::optional<units::Unit>> table = [] {
      std::vector<std::optional<units::Unit>> t;
      for (const Concept& c : Lexicon::builtin().concepts()) t.push_back(units::read_unit(c.unit));
      return t;
    }();
    return concept_index < table.size() && table[concept_index] ? &*table[concept_index] : nullptr;
  }
  if (concept_index >= lexicon.concepts().size()) return nullptr;
  scratch = units::read_unit(lexicon.concepts()[concept_index].unit);
  return scratch ? &*scratch : nullptr;
}
}  // namespace detail

bool PatientFacts::IndexedEvent::is_a(std::uint32_t ancestor) const noexcept {
  return ancestors && std::binary_search(ancestors->begin(), ancestors->end(), ancestor);
}

PatientFacts::PatientFacts(const Patient& patient, const Lexicon& lexicon, Date as_of) { read(patient, lexicon, as_of); }

void PatientFacts::read(const Patient& patient, const Lexicon& lexicon, Date as_of) {
  patient_ = &patient;
  lexicon_ = &lexicon;
  as_of_ = as_of;
  // Every member set afresh below; the vectors keep their capacity (assign, clear).
  bound_ = true;
  events_.clear();
  bearing_.clear();
  own_ancestry_.clear();
  age_in_years_ = -1;
  age_in_months_ = -1;
  const Concept* first = lexicon.concepts().data();
  auto index_of = [&](const std::string& id) -> std::optional<std::uint32_t> {
    const Concept* c = lexicon.find(id);
    if (!c) return std::nullopt;
    return static_cast<std::uint32_t>(c - first);
  };
  // The concept-sized arrays are reset only where the last patient's observations set them (clearing them
  // whole, patient after patient, cost more than the rest of this function); made afresh for a lexicon of
  // another size.
  const std::size_t concepts = lexicon.concepts().size();
  if (latest_.size() != concepts) {
    latest_.assign(concepts, nullptr);
    in_lexicon_unit_.assign(concepts, 0);
    values_.clear();
  } else {
    for (const std::uint32_t index : observed_) {
      latest_[index] = nullptr;
      in_lexicon_unit_[index] = 0;
      if (index < values_.size()) values_[index] = ObservedValue{};
    }
  }
  std::vector<std::uint32_t>& observed = observed_;  // concept indices with an observation
  observed.clear();
  // The same choice as evaluate(): the latest date on or before as_of (on the same date, the later entry);
  // where no dated value qualifies, the last undated one.
  std::vector<const Observation*> undated;
  for (const Observation& o : patient.observations) {
    if (o.concept_id.empty()) continue;
    const auto index = index_of(o.concept_id);
    if (!index) {
      bound_ = false;
      continue;
    }
    observed.push_back(*index);
    if (!o.date) {
      if (undated.empty()) undated.assign(latest_.size(), nullptr);
      undated[*index] = &o;
      continue;
    }
    if (*o.date > as_of) continue;
    const Observation*& best = latest_[*index];
    if (!best || *o.date >= *best->date) best = &o;
  }
  for (std::size_t i = 0; i < undated.size(); ++i)
    if (!latest_[i]) latest_[i] = undated[i];
  std::optional<units::Unit> scratch;
  for (const std::uint32_t index : observed) {
    const units::Unit* own = detail::lexicon_unit(lexicon, index, scratch);
    in_lexicon_unit_[index] = latest_[index] && own && latest_[index]->unit == *own;
  }
  // values_ reaches at least the highest concept observed (observed() answers "none" beyond it, and an
  // entry reset above or never set is "none" too).
  std::uint32_t reach = 0;
  for (const std::uint32_t index : observed) reach = std::max(reach, index + 1);
  if (values_.size() < reach) values_.resize(reach);
  value_count_ = values_.size();
  for (const std::uint32_t index : observed) {
    const Observation* o = latest_[index];
    if (!o || !o->problem.empty()) continue;
    const Concept& analyte = lexicon.concepts()[index];
    if (detail::no_longer_current(*o, analyte, as_of)) continue;  // as evaluate(): not usable
    if (o->censored) {  // a bound, not a value: each comparison weighs it (eval_cmp_full)
      values_[index] = ObservedValue{};
      values_[index].censored = true;
      continue;
    }
    ObservedValue v{o->value, 0, 0, 0, static_cast<std::uint8_t>(kUsable | (in_lexicon_unit_[index] ? kInLexiconUnit : 0))};
    // Another unit than the lexicon's, spelt differently (eval_cmp_full converts where the spellings differ):
    // the factor to the lexicon unit, as eval_cmp_full asks conversion_factor for a threshold in that unit.
    if (!in_lexicon_unit_[index]) {
      const units::Unit* own = detail::lexicon_unit(lexicon, index, scratch);
      // (A threshold written as the lexicon unit's code is read as units::read_unit(code): that must be
      // the lexicon unit itself for its factor to be this one.)
      if (own && own->ucum != o->unit.ucum && units::read_unit(own->ucum) == *own) {
        if (const std::optional<double> factor = units::conversion_factor(o->unit, *own, analyte.molar_mass)) {
          v.to_lexicon = *factor;
          v.state |= kToLexicon;
        } else {
          v.state |= kNoToLexicon;
        }
      }
    }
    // The range a relative comparison reads (evaluate_bound.cpp, eval_cmp_full; evaluate_cmp.cpp).
    for (const bool upper : {true, false}) {
      auto has_bound = [&](const std::optional<ValueRange>& r) { return r && (upper ? r->high : r->low); };
      // Only the patient's own limit is read here; the lexicon's span of laboratories' limits (two thresholds)
      // is left to eval_cmp_full, and with neither the comparison is unknown.
      const ValueRange* range = has_bound(o->reference_range) ? &*o->reference_range : nullptr;
      if (!range) {
        if (!(upper ? analyte.uln_span : analyte.lln_span)) v.state |= upper ? kNoUpperLimit : kNoLowerLimit;
        continue;
      }
      const std::string_view range_unit = range->unit.empty() ? std::string_view(o->unit.ucum) : std::string_view(range->unit);
      if (range_unit != o->unit.ucum) continue;  // converted per comparison
      (upper ? v.upper : v.lower) = *(upper ? range->high : range->low);
      v.state |= upper ? kUpperLimit : kLowerLimit;
    }
    values_[index] = v;
  }

  events_.reserve(patient.events.size());
  for (const Event& e : patient.events) {
    if (e.concept_id.empty()) continue;
    const auto index = index_of(e.concept_id);
    if (!index) {
      bound_ = false;
      continue;
    }
    events_.push_back({&e, *index, nullptr, detail::status_kind(e.status)});
  }
  // Ancestors only for events that may be members of a class; another lexicon's table is made here
  // (whole: a criterion's concept may ask for its ancestors too, see ancestors_of).
  builtin_lexicon_ = &lexicon == &Lexicon::builtin();
  if (!builtin_lexicon_) {
    const Ancestry ancestry(lexicon);
    own_ancestry_.reserve(lexicon.concepts().size());
    for (const Concept& c : lexicon.concepts()) own_ancestry_.push_back(ancestry.of(c));
  }
  for (IndexedEvent& indexed : events_)
    if (indexed.event->may_be_a) indexed.ancestors = &ancestors_of(indexed.concept_index);
  // Which concepts a recorded event may bear on (events_may_bear_on): each event's concept, its ancestors
  // (a criterion on a wider concept matches it) and its descendants (it is a wider record of theirs). A
  // superset is safe: a set bit only sends the criterion through the full rules.
  if (!events_.empty()) {
    const std::size_t concepts = lexicon.concepts().size();
    bearing_.assign((concepts + 63) / 64, 0);
    auto mark = [&](std::uint32_t c) {
      if (c < concepts) bearing_[c / 64] |= std::uint64_t{1} << (c % 64);
    };
    for (const IndexedEvent& indexed : events_) {
      mark(indexed.concept_index);
      for (const std::uint32_t a : ancestors_of(indexed.concept_index)) mark(a);
      if (builtin_lexicon_) {
        const auto& below = builtin_descendants();
        if (indexed.concept_index < below.size())
          for (const std::uint32_t d : below[indexed.concept_index]) mark(d);
      }
    }
    if (!builtin_lexicon_) {
      std::vector<std::uint8_t> recorded(concepts, 0);
      for (const IndexedEvent& indexed : events_)
        if (indexed.concept_index < concepts) recorded[indexed.concept_index] = 1;
      for (std::size_t c = 0; c < own_ancestry_.size(); ++c)
        for (const std::uint32_t a : own_ancestry_[c])
          if (a < concepts && recorded[a]) mark(static_cast<std::uint32_t>(c));
    }
  }
  // shown_by_values: asked of each condition defined by a measure the patient has a value of (latest_ is set
  // wherever defining_value_out_of_range could find one: a dated value on or before as_of), by the same function
  // evaluate() asks, once here instead of once per criterion and trial.
  shown_.clear();
  auto ask_shown = [&](std::uint32_t c) {
    const Concept& condition = lexicon.concepts()[c];
    bool measured = false;
    for (const std::uint32_t m : condition.defined_by_index) measured = measured || latest(m) != nullptr;
    if (!measured || !detail::defining_value_out_of_range(condition, patient, lexicon, as_of, std::nullopt)) return;
    if (shown_.empty()) shown_.assign((lexicon.concepts().size() + 63) / 64, 0);
    shown_[c / 64] |= std::uint64_t{1} << (c % 64);
  };
  if (!observed.empty()) {
    if (builtin_lexicon_) {
      for (const std::uint32_t c : builtin_defined_conditions()) ask_shown(c);
    } else {
      for (std::size_t c = 0; c < lexicon.concepts().size(); ++c)
        if (!lexicon.concepts()[c].defined_by.empty()) ask_shown(static_cast<std::uint32_t>(c));
    }
  }
  // silent_on: every concept's bit, from the two above (bearing_ is empty, and bears on nothing, without events).
  speaking_.assign((lexicon.concepts().size() + 63) / 64, 0);
  if (!events_.empty())
    for (std::size_t w = 0; w < speaking_.size(); ++w) speaking_[w] |= w < bearing_.size() ? bearing_[w] : ~std::uint64_t{0};
  for (std::size_t w = 0; w < shown_.size() && w < speaking_.size(); ++w) speaking_[w] |= shown_[w];
  sex_ = patient.sex.empty()       ? RecordedSex::none
         : patient.sex == "female" ? RecordedSex::female
         : patient.sex == "male"   ? RecordedSex::male
                                   : RecordedSex::other;
  // The same condition and arithmetic as an age criterion against the birth date (evaluate_age.cpp).
  if (patient.birth_date && *patient.birth_date <= as_of) {
    age_in_years_ = completed_years(*patient.birth_date, as_of);
    age_in_months_ = completed_months(*patient.birth_date, as_of);
  }
}

const std::vector<std::uint32_t>& PatientFacts::ancestors_of(std::uint32_t concept_index) const noexcept {
  const auto& table = builtin_lexicon_ ? builtin_ancestry() : own_ancestry_;
  static const std::vector<std::uint32_t> none;
  return concept_index < table.size() ? table[concept_index] : none;
}

}  // namespace trialmatch::engine

// What binding settles once per trial instead of per patient (BoundTree's kLexiconUnit*, kAge*, kSex* and
// the factor): each must equal what evaluate() works out per patient, for every unit the lexicon uses.
#include <doctest/doctest.h>

#include <set>

#include "test_eval_support.hpp"

using namespace trialmatch;
using namespace trialmatch::engine;
using namespace trialmatch::engine::testing;

namespace {

// Every unit the built-in lexicon gives a concept, and spellings criteria write.
std::vector<std::string> unit_spellings() {
  std::set<std::string> out{"mg/dL", "g/dL", "g/L", "umol/L", "mmol/L", "10^9/L", "x10^9/L", "/uL", "/mm3", "U/L", "IU/L",
                            "%", "1", "mL/min/1.73m2", "mL/min", "mm[Hg]", "kg/m2", "ng/mL", "ug/L", "pg/mL", "mg/L",
                            "meq/L", "Cel", "[degF]", "a", "mo", "bogus"};
  for (const Concept& c : Lexicon::builtin().concepts())
    if (!c.unit.empty()) out.insert(c.unit);
  return {out.begin(), out.end()};
}

}  // namespace

TEST_CASE("conversion_factor is conversion()'s factor, and an error exactly where conversion() gives one") {
  const auto spellings = unit_spellings();
  for (const std::string& a : spellings)
    for (const std::string& b : spellings) {
      const auto from = units::read_unit(a), to = units::read_unit(b);
      if (!from || !to) continue;
      for (const std::optional<double> molar_mass : {std::optional<double>{}, std::optional<double>{113.12},
                                                     std::optional<double>{-1.0}}) {
        CAPTURE(a);
        CAPTURE(b);
        const units::ConversionResult full = units::conversion(*from, *to, molar_mass);
        const std::optional<double> factor = units::conversion_factor(*from, *to, molar_mass);
        REQUIRE(factor.has_value() == std::holds_alternative<units::Conversion>(full));
        if (factor) CHECK(*factor == std::get<units::Conversion>(full).factor);  // the same double, not nearly
      }
    }
}

TEST_CASE("a unit's UCUM code reads back to the same unit (what the conversion cache's keys rely on)") {
  for (const std::string& spelling : unit_spellings()) {
    const auto unit = units::read_unit(spelling);
    if (!unit) continue;
    CAPTURE(spelling);
    const auto again = units::read_unit(unit->ucum);
    REQUIRE(again);
    CHECK(*again == *unit);
  }
}

TEST_CASE("a comparison's conversion from its concept's lexicon unit, resolved when binding, is the runtime one") {
  const Lexicon& lexicon = Lexicon::builtin();
  units::ConversionCache cache;
  std::size_t same = 0, converted = 0, refused = 0;
  for (const Concept& c : lexicon.concepts()) {
    if (!is_measured(c.kind) || c.id == "age") continue;  // an age criterion binds as an age, not a comparison
    const auto own = units::read_unit(c.unit);
    for (const std::string& spelling : unit_spellings()) {
      CAPTURE(c.id);
      CAPTURE(spelling);
      const BoundTree bound = BoundTree::bind(cmp(c.id, Comparator::ge, 1, spelling), lexicon);
      REQUIRE(bound.bound());
      const BoundTree::Node& n = bound.nodes()[0];
      const bool is_same = n.flags & BoundTree::kLexiconUnitSame, has_factor = n.flags & BoundTree::kLexiconUnitFactor;
      if (!own) {
        CHECK_FALSE(is_same);
        CHECK_FALSE(has_factor);
        continue;
      }
      CHECK(is_same == (spelling == own->ucum));
      const auto target = units::read_unit(spelling);
      if (is_same) {
        ++same;
      } else if (has_factor) {
        ++converted;
        REQUIRE(target);
        // What evaluate() gets for a value in the lexicon unit: without the cache and through it.
        const auto direct = units::conversion(*own, *target, c.molar_mass);
        CHECK(std::get<units::Conversion>(direct).factor == bound.factor(n));
        CHECK(std::get<units::Conversion>(cache.get(*own, *target, c.molar_mass)).factor == bound.factor(n));
      } else {
        ++refused;
        CHECK((!target || std::holds_alternative<units::ConversionError>(units::conversion(*own, *target, c.molar_mass))));
      }
    }
  }
  CHECK(same > 10);
  CHECK(converted > 100);
  CHECK(refused > 100);
}

TEST_CASE("bound sex and age read as evaluate(): values other than female/male, ages in other units") {
  const Lexicon& lexicon = test_lexicon();
  const Date as_of = day("2026-11-21");
  std::vector<Node> trees;
  for (const char* value : {"female", "male", "other", "Female", ""}) trees.push_back(sex(value));
  for (const char* unit : {"", "a", "mo", "wk", "d", "h"})
    for (const double value : {0.5, 1.0, 15.0, 16.0, 18.0, 200.0})
      for (const Comparator op : {Comparator::lt, Comparator::ge, Comparator::eq})
        trees.push_back(cmp("age", op, value, unit));
  std::vector<Patient> patients;
  for (const char* s : {"", "female", "male", "other", "unknown"}) {
    Patient p;
    p.sex = s;
    p.birth_date = day("2010-11-22");
    patients.push_back(p);
    p.birth_date.reset();
    p.age = Amount{16, "a"};
    patients.push_back(p);
    p.age = Amount{200, "mo"};
    patients.push_back(p);
  }
  for (const Patient& patient : patients) {
    const PatientFacts facts(patient, lexicon, as_of);
    for (const Node& tree : trees) {
      EvalOptions o;
      o.as_of = as_of;
      o.evidence = false;
      const BoundTree bound = BoundTree::bind(tree, lexicon);
      REQUIRE(bound.bound());
      CAPTURE(to_canonical(tree));
      CAPTURE(patient.sex);
      const Evaluation slow = evaluate(tree, patient, lexicon, o);
      const TruthOnly fast = evaluate_truth(bound, facts, o);
      CHECK(fast.truth == slow.truth);
      CHECK(fast.judgement == slow.judgement);
    }
  }
}

// The comparisons' units read through a per-thread table (lowerspeed21, lower_cmp.cpp): unit_read against
// engine::units::read_unit, its oracle, on many spellings (more than the table keeps, too long for it, unknown,
// empty); a reference it gave stays good while others are read. And cmp_into, cmp_node built in place: a range reads
// both bounds, each with its warnings. And the variables' lists comparison() takes from a per-thread stack: a
// comparison read inside another's guard takes a list of its own, and a list given back holds nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/engine/units.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_units_kept.hpp"

namespace units = trialmatch::engine::units;
using trialmatch::grammar::detail::unit_read;

namespace {

std::vector<std::string> spellings() {
  std::vector<std::string> out = {
      "", "%", "1", "a", "mo", "wk", "d", "h", "min", "s", "ms", "g/dL", "g/L", "mg/dL", "mg/dl", "mg/L", "ug/L",
      "ng/mL", "pg/mL", "mmol/L", "umol/L", "µmol/L", "mol/L", "meq/L", "mEq/L", "U/L", "IU/L", "[IU]/L", "10*9/L",
      "10^9/L", "10*12/L", "10*3/uL", "/uL", "/mm3", "cells/uL", "{copies}/mL", "mL/min", "mL/min/{1.73_m2}",
      "mL/min/1.73m2", "kg/m2", "mm[Hg]", "mmHg", "kg", "g", "mg", "ug", "cm", "m", "mm", "L", "mL", "dL", "mg/d",
      "Cel", "[degF]", "deg", "/min", "mmol/mol", "m/s", "cm/s", "lb", "[lb_av]", "[in_i]", "years", "yrs", "months",
      "weeks", "days", "hours", "no-such-unit", "xyz", "mg/kg", "mg/m2", "ug/kg/min", "mL/kg/a", "g/(24.h)",
      "a very long unit spelling that no table keeps, longer than thirty-two bytes"};
  // Made-up and prefixed spellings, so that the table fills and the rest are read into the spare.
  for (const char* p : {"k", "d", "c", "m", "u", "n", "p"})
    for (const char* u : {"g/L", "mol/L", "g/dL", "L", "g", "U/L", "q/L"}) out.push_back(std::string(p) + u);
  return out;
}

}  // namespace

TEST_CASE("unit_read answers as read_unit does, kept or not, and what it keeps stays where it is") {
  const auto all = spellings();
  REQUIRE(all.size() > 100);  // more than the table keeps
  std::vector<const std::optional<units::Unit>*> first(all.size());
  for (int round = 0; round < 3; ++round) {
    for (std::size_t x = 0; x < all.size(); ++x) {
      CAPTURE(all[x]);
      std::optional<units::Unit> spare;
      const auto& kept = unit_read(all[x], spare);
      CHECK(kept == units::read_unit(all[x]));
      if (&kept != &spare) {
        // Kept: the same entry every time, holding the same answer after every other spelling was read.
        if (round == 0) first[x] = &kept;
        CHECK(&kept == first[x]);
      } else {
        CHECK(first[x] == nullptr);
      }
    }
  }
  // The references taken in the first round still hold their answers.
  for (std::size_t x = 0; x < all.size(); ++x)
    if (first[x]) CHECK(*first[x] == units::read_unit(all[x]));
  // The table keeps some and not all (bounded).
  const auto kept_count = std::count_if(first.begin(), first.end(), [](const auto* p) { return p != nullptr; });
  CHECK(kept_count > 10);
  CHECK(kept_count < static_cast<long>(all.size()));
}

TEST_CASE("a range reads both bounds in place, each with its warnings") {
  static const trialmatch::grammar::Parser parser(trialmatch::engine::Lexicon::builtin());
  {
    const auto p = parser.parse("Age 18-65 years");
    CHECK(trialmatch::engine::to_canonical(p.tree) == "all(cmp age >= 18 a, cmp age <= 65 a)");
  }
  {
    // Both bounds implausible in the unit written: a warning for each, and the text kept.
    const auto p = parser.parse("Hemoglobin 10-20 mg/dL");
    std::vector<std::string> messages;
    for (const auto& d : p.diagnostics) messages.push_back(d.message);
    CAPTURE(trialmatch::engine::to_canonical(p.tree));
    CHECK(std::count(messages.begin(), messages.end(),
                     "10 mg/dL is outside the plausible range of 'hemoglobin': kept as text") == 1);
    CHECK(std::count(messages.begin(), messages.end(),
                     "20 mg/dL is outside the plausible range of 'hemoglobin': kept as text") == 1);
  }
  {
    const auto p = parser.parse("Weight 40-150 mm");
    CHECK(p.diagnostics.size() == 2);
    CHECK(trialmatch::engine::to_canonical(p.tree).find("cmp body_weight >= 40 mm") != std::string::npos);
  }
}

TEST_CASE("comparison's variables: a comparison in another's guard has a list of its own, each list given back empty") {
  static const trialmatch::grammar::Parser parser(trialmatch::engine::Lexicon::builtin());
  const auto read = [&](const char* line) {
    return trialmatch::engine::to_canonical(parser.parse(line, trialmatch::grammar::CriterionSection::inclusion).tree);
  };
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    // The age in each guard is read while the score's comparison is under way.
    CHECK(read("Karnofsky score (for age ≥16 years) ≥70 or Lansky score (for age <16 years) ≥50") ==
          "all(if(cmp age >= 16 a, cmp karnofsky >= 70 1), if(cmp age < 16 a, cmp lansky >= 50 1))");
    // Several variables in one list, then one: nothing left over from the list before.
    CHECK(read("ALT, AST and bilirubin ≤ 2 × ULN") ==
          "all(cmp alt <= 2 ULN, cmp ast <= 2 ULN, cmp total_bilirubin <= 2 ULN)");
    CHECK(read("AST or ALT > 2.5 x ULN") == "any(cmp ast > 2.5 ULN, cmp alt > 2.5 ULN)");
    CHECK(read("ECOG 0-1") == "all(cmp ecog >= 0 1, cmp ecog <= 1 1)");
    CHECK(read("Systolic/diastolic blood pressure > 140/90 mmHg") ==
          "any(cmp systolic_bp > 140 mm[Hg], cmp diastolic_bp > 90 mm[Hg])");
  }
}

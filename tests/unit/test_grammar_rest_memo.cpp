// lead_in_at_colon does not read again a rest after a colon that it read in the same state and dropped
// (Lowering::rest_read_as_text, lowerspeed13): "Group T : Sedentary : less two hours ..." reads the rest after each
// colon from every colon before it. The list is used only where a reading cannot reach the parser's depth limit
// (depth + tokens <= max_depth): with a limit just above the lines' nesting it is never used, and every line must
// read the same with it as without it (and the same whichever lines were read before: it belongs to one line).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

using trialmatch::engine::Lexicon;
using trialmatch::engine::to_canonical;
using trialmatch::grammar::CriterionSection;
using trialmatch::grammar::Parser;
using trialmatch::grammar::ParserOptions;

namespace {

std::string read(const Parser& p, const std::string& line, CriterionSection section) {
  const auto parsed = p.parse(line, section);
  std::string out = to_canonical(parsed.tree);
  for (const auto& d : parsed.diagnostics) out += "\n" + d.message;
  return out;
}

// Lines whose rests after a colon are read again (the corpus's, and the same with the rest read as a comparison).
const std::vector<std::string> kLines = {
    "-  Group T : Sedentary : less two hours of recreationally practice of sport by week",
    "-  Group S1 : High level jump practice : more 4000 hours of practice during the last five years",
    "-  Group C2 : Amateur cycling practice: less 4000 hours of practice during the last five years",
    "According to groups : Part B : Group C2 : Amateur cycling practice : less 4000 hours of practice during the last "
    "five years",
    "According to groups : Part A : Group S1 : High level jump practice : more 4000 hours of practice during the last "
    "five years",
    "Category 3: Patients with CDC-defined CRE isolated during hospitalization or outpatient visit who are discharged "
    "home and who meet any of the following criteria: Admitted from other care facility (not home origin)",
    "Group A : Part B : Group C : zorp blip flim",
    "Group A : Part B : Group C : HbA1c < 8 %",
    "Cohort 1 : Part B : Group C : Arm D : HbA1c < 8 % and BMI > 30 kg/m2",
    "For patients with diabetes : Group A : Part B : HbA1c < 8 % or fasting glucose > 7 mmol/L",
};

}  // namespace

TEST_CASE("rests after colons read the same whether or not a dropped rest is read again") {
  const Parser with_list(Lexicon::builtin());
  ParserOptions shallow;
  shallow.max_depth = 8;  // above these lines' nesting (none reaches the limit), below depth + tokens of their rests
  const Parser without_list(Lexicon::builtin(), shallow);
  for (const auto section : {CriterionSection::inclusion, CriterionSection::exclusion}) {
    for (const auto& line : kLines) {
      const std::string fresh = read(without_list, line, section);
      CAPTURE(line);
      REQUIRE(fresh.find("nesting deeper") == std::string::npos);
      CHECK(read(with_list, line, section) == fresh);
    }
    // One line's list says nothing of the next line's rests at the same tokens.
    for (auto it = kLines.rbegin(); it != kLines.rend(); ++it) CHECK(read(with_list, *it, section) == read(without_list, *it, section));
  }
}

// The section a line stands in: lists of separate conditions mean any in an exclusion, all in an
// inclusion; one condition keeps its own logic in both; the golden files' section directive.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/golden.hpp"
#include "trialmatch/grammar/parser.hpp"

using trialmatch::engine::Lexicon;
using trialmatch::engine::to_canonical;
using trialmatch::grammar::CriterionSection;
using trialmatch::grammar::Parser;

namespace {

const Parser& section_parser() {
  static const Parser p(Lexicon::builtin());
  return p;
}

std::string read(const std::string& line, CriterionSection section) {
  return to_canonical(section_parser().parse(line, section).tree);
}

}  // namespace

TEST_CASE("grammar section: separate conditions joined by ';' exclude on any, include on all") {
  const std::string line = "Serum creatinine >2× ULN; Serum total bilirubin > 2× ULN; AST and ALT > 2× ULN";
  CAPTURE(line);
  CHECK(read(line, CriterionSection::exclusion) ==
        "any(cmp creatinine > 2 ULN, cmp total_bilirubin > 2 ULN, all(cmp ast > 2 ULN, cmp alt > 2 ULN))");
  CHECK(read(line, CriterionSection::inclusion) ==
        "all(cmp creatinine > 2 ULN, cmp total_bilirubin > 2 ULN, cmp ast > 2 ULN, cmp alt > 2 ULN)");
  CHECK(read(line, CriterionSection::unspecified) == read(line, CriterionSection::inclusion));
}

TEST_CASE("grammar section: a comma list, closed by 'and', is a list of separate conditions") {
  const std::string line = "Serum creatinine >2× ULN, total bilirubin > 2× ULN, and AST > 2× ULN";
  CAPTURE(line);
  CHECK(read(line, CriterionSection::exclusion) ==
        "any(cmp creatinine > 2 ULN, cmp total_bilirubin > 2 ULN, cmp ast > 2 ULN)");
  CHECK(read(line, CriterionSection::inclusion) ==
        "all(cmp creatinine > 2 ULN, cmp total_bilirubin > 2 ULN, cmp ast > 2 ULN)");
}

TEST_CASE("grammar section: one condition keeps its own 'and' and 'or' in both sections") {
  for (auto section : {CriterionSection::exclusion, CriterionSection::inclusion}) {
    CHECK(read("AST and ALT ≤ 3 × ULN", section) == "all(cmp ast <= 3 ULN, cmp alt <= 3 ULN)");
    CHECK(read("Pregnant or nursing", section) == "any(has pregnancy, has breastfeeding)");
    CHECK(read("Age ≥18 and < 65 years", section) == "all(cmp age >= 18 a, cmp age < 65 a)");
  }
}

TEST_CASE("grammar section: a guarded part refines the earlier part on its variable, outside the guard") {
  const std::string line = "Total bilirubin >2.5×ULN; if combined with Gilbert syndrome, total bilirubin >3×ULN";
  CAPTURE(line);
  CHECK(read(line, CriterionSection::exclusion) ==
        "any(all(not(has gilbert_syndrome), cmp total_bilirubin > 2.5 ULN), all(has gilbert_syndrome, "
        "cmp total_bilirubin > 3 ULN))");
  CHECK(read(line, CriterionSection::inclusion) ==
        "all(if(not(has gilbert_syndrome), cmp total_bilirubin > 2.5 ULN), if(has gilbert_syndrome, "
        "cmp total_bilirubin > 3 ULN))");
}

TEST_CASE("grammar section: guards for different people in an exclusion are alternatives") {
  CHECK(read("Hemoglobin <11 g/dL in females and <12 g/dL in males", CriterionSection::exclusion) ==
        "any(all(sex female, cmp hemoglobin < 11 g/dL), all(sex male, cmp hemoglobin < 12 g/dL))");
  CHECK(read("Hemoglobin <11 g/dL in females and <12 g/dL in males", CriterionSection::inclusion) ==
        "all(if(sex female, cmp hemoglobin < 11 g/dL), if(sex male, cmp hemoglobin < 12 g/dL))");
}

TEST_CASE("grammar section: golden files name the section of the cases after a directive") {
  const auto dir = std::filesystem::temp_directory_path() / "trialmatch_golden_section_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "s.golden");
    out << "Hb ≥ 9 g/dL; platelets ≥ 75 × 10^9/L\n  => all(cmp hemoglobin >= 9 g/dL, cmp platelets >= 75 10*9/L)\n"
        << "# section: exclusion\n"
        << "Hb ≥ 9 g/dL; platelets ≥ 75 × 10^9/L\n  => any(cmp hemoglobin >= 9 g/dL, cmp platelets >= 75 10*9/L)\n"
        << "# section: inclusion\n"
        << "Hb ≥ 9 g/dL; platelets ≥ 75 × 10^9/L\n  => all(cmp hemoglobin >= 9 g/dL, cmp platelets >= 75 10*9/L)\n";
  }
  auto run = trialmatch::grammar::run_goldens(dir.string(), section_parser(), false);
  CHECK(run.cases == 3);
  CHECK(run.problems.empty());
  CHECK(run.differences.empty());
  {
    std::ofstream out(dir / "s.golden");
    out << "# section: sideways\nAge ≥ 18\n  => cmp age >= 18 a\n";
  }
  run = trialmatch::grammar::run_goldens(dir.string(), section_parser(), false);
  REQUIRE(run.problems.size() == 1);
  CHECK(run.problems.front().find("s.golden:1: expected '# section: inclusion|exclusion|unspecified'") !=
        std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("grammar: a generic head is a modifier of the infections it names, never an event beside them") {
  CHECK(read("Active infection of hepatitis B virus, C virus or hepatitis E virus", CriterionSection::exclusion) ==
        "any(has hepatitis_b status active, has hepatitis_c status active, has hepatitis_e status active)");
  CHECK(read("Any prior or current malignancy", CriterionSection::exclusion) == "has malignancy");
}

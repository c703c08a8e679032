// parenthesis_group's first reading of the words in parentheses that hold an "or" (s23seq, lower_sequence_scopes.cpp)
// is made only where they may give a comparison or a sex (may_compare): used as it is, it must be alternatives all
// typed, listed and with no event outside a guard's condition. The guard must let through every span whose reading
// is such alternatives or finds a target of purpose: every span of up to eight tokens of every golden line it refuses
// is read as parenthesis_group reads it (nested, in each list reading) and must give neither. And the lines the
// reading is written for read as they did.
#include <doctest/doctest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

// The guard, and the reading it spares as parenthesis_group makes it (nested, in the section's list reading).
struct ComparedAlternativesProbe {
  static bool may_compare(const Lowering& l, std::size_t b, std::size_t e) { return l.may_compare(b, e); }
  static std::optional<engine::Node> read(Lowering& l, std::size_t b, std::size_t e) { return l.sequence(b, e, 1); }
  static std::size_t purpose_targets(const Lowering& l) { return l.purpose_targets_.size(); }
};

}  // namespace trialmatch::grammar::detail

namespace {

using g::detail::ComparedAlternativesProbe;
using g::detail::Lowering;

// The reading parenthesis_group takes as it is (its own test, copied).
bool used_as_alternatives(const e::Node& n) {
  return e::fully_resolved(n) && !g::detail::contains_has(n) && std::holds_alternative<e::Any>(n.kind);
}

struct Counts {
  int spans = 0;
  int refused = 0;
};

void check_line(const std::string& text, std::size_t widest, Counts& counts) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  for (const auto lists : {g::ListReading::all, g::ListReading::any, g::ListReading::as_written}) {
    e::Diagnostics diags;
    Lowering l(text, tokens, lexicon, 8, lists, g::PeopleHeadings::name_cohorts, diags);
    for (std::size_t b = 0; b < tokens.size(); ++b)
      for (std::size_t end = b + 1; end <= tokens.size() && end - b <= widest; ++end) {
        ++counts.spans;
        if (ComparedAlternativesProbe::may_compare(l, b, end)) continue;
        ++counts.refused;
        const std::size_t targets = ComparedAlternativesProbe::purpose_targets(l);
        const auto read = ComparedAlternativesProbe::read(l, b, end);
        CAPTURE(text);
        CAPTURE(b);
        CAPTURE(end);
        CHECK(!(read && used_as_alternatives(*read)));
        CHECK(ComparedAlternativesProbe::purpose_targets(l) == targets);
      }
  }
}

const g::Parser& parser() {
  static const g::Parser p(e::Lexicon::builtin());
  return p;
}

std::string read(const std::string& line, g::CriterionSection section) {
  return e::to_canonical(parser().parse(line, section).tree);
}

// The lines the reading is written for, and others with an "or" in parentheses (most refused).
const std::vector<std::string>& chosen_lines() {
  static const std::vector<std::string> lines = {
      "Hypertension (≥140 mmHg systolic and/or ≥90 mmHg diastolic)",
      "Low ovarian reserve (AFC < 7 and or AMH < 1.1 ng/ml)",
      "Uncontrolled hypertension (SBP>180 mmHg or diastolic blood pressure >110 mmHg)",
      "Heart failure (NYHA Grade III or IV)",
      "Heart failure (NYHA III or IV)",
      "Liver cirrhosis (Child-Pugh A or B)",
      "Performance (ECOG 0 or 1)",
      "Liver disease (Bilirubin > 17mmol/L, AST > 144 IU/L, or ALT>165IU/L)",
      "Adults (male or female)",
      "Patients (> 65 years or < 12 years of age)",
      "Children (< 2 years or > 12 years)",
      "Patients (aged 18 or older or emancipated minors)",
      "Cancer (stage 3 or 4)",
      "Asthma (grade III or IV)",
      "Anemia (transfusion to achieve hemoglobin > 9 g/dL or hematocrit > 27%)",
      "Surgery (robotic or laparoscopic)",
      "Allergy (e.g., mosaicism or translocation)",
      "Infection (bacterial, viral or fungal) requiring treatment",
      "Dementia (other than asthma, AD, or allergic rhinitis)",
      "Pregnancy (if female, pregnant or breastfeeding)",
      "Hepatitis (HBsAg or anti-HCV positive)",
      "Renal failure (eGFR < 30 mL/min or creatinine > 2 mg/dL) within 6 months",
  };
  return lines;
}

}  // namespace

TEST_CASE("compared alternatives: comparisons or sexes listed in parentheses are read, in either section") {
  for (const auto section : {g::CriterionSection::inclusion, g::CriterionSection::exclusion}) {
    CAPTURE(static_cast<int>(section));
    // (What each reads is the line's reading before the guard: the guard changes no line's reading.)
    CHECK(read("Heart failure (NYHA Grade III or IV)", section).find("any(") != std::string::npos);
    CHECK(read("Hypertension (≥140 mmHg systolic and/or ≥90 mmHg diastolic)", section).find("any(") != std::string::npos);
  }
}

TEST_CASE("compared alternatives: the guard lets through the lines the reading is written for") {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  int taken = 0;
  for (const auto& line : chosen_lines()) {
    const std::vector<g::Token> tokens = g::tokenize(line, lexicon);
    for (const auto lists : {g::ListReading::all, g::ListReading::any, g::ListReading::as_written}) {
      e::Diagnostics diags;
      Lowering l(line, tokens, lexicon, 8, lists, g::PeopleHeadings::name_cohorts, diags);
      // The words in the line's first parentheses, as parenthesis_group reads them.
      std::size_t open = 0;
      while (open < tokens.size() && tokens[open].kind != g::Tok::lparen) ++open;
      std::size_t close = open;
      while (close < tokens.size() && tokens[close].kind != g::Tok::rparen) ++close;
      REQUIRE(close < tokens.size());
      const auto read = ComparedAlternativesProbe::read(l, open + 1, close);
      CAPTURE(line);
      if (read && used_as_alternatives(*read)) {
        ++taken;
        CHECK(ComparedAlternativesProbe::may_compare(l, open + 1, close));
      }
    }
  }
  // (Each of the first eight lines is read as alternatives in some list reading at least.)
  CHECK(taken >= 8);
}

TEST_CASE("compared alternatives: a span the guard refuses reads no such alternatives, nor a target") {
  Counts counts;
  for (const auto& line : chosen_lines()) check_line(line, 64, counts);
  CHECK(counts.refused > 50);
  CHECK(counts.refused < counts.spans);
}

TEST_CASE("compared alternatives: every golden line, its spans of up to eight tokens the guard refuses") {
  Counts counts;
  const auto lines = golden_support::all_criterion_lines();
  for (const auto& line : lines) check_line(line, 8, counts);
  CHECK(lines.size() > 1000);
  CHECK(counts.refused > 1000);
}

// The tests guard_or_parenthesis asks before two readings it calls at a guard or a parenthesis (lowerspeed21,
// lower_sequence_scopes.cpp): unread words joined to nothing before "for" (criteria_for_at, "meets DSM-5 criteria
// for X"), a typed item joined to nothing before "in" (patient_or_family, "X in patient or family"). Each must let
// through every line its reading reads. And the not-understood warning written in place (write_warnings).
#include <doctest/doctest.h>

#include <string>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

using trialmatch::engine::to_canonical;

namespace {

const trialmatch::grammar::Parser& parser() {
  static const trialmatch::grammar::Parser p(trialmatch::engine::Lexicon::builtin());
  return p;
}

std::string read(const std::string& line) {
  return to_canonical(parser().parse(line, trialmatch::grammar::CriterionSection::exclusion).tree);
}

std::string first_warning(const std::string& line) {
  const auto p = parser().parse(line, trialmatch::grammar::CriterionSection::exclusion);
  return p.diagnostics.empty() ? "" : p.diagnostics.front().message;
}

}  // namespace

TEST_CASE("guard prechecks: \"meets ... criteria for\" a condition is how it is diagnosed") {
  CHECK(read("Meets DSM-5 criteria for major depressive disorder") == "has major_depressive_disorder");
  CHECK(first_warning("Meets DSM-5 criteria for major depressive disorder") ==
        "'Meets DSM-5 criteria for' read as how the diagnosis is made");
  CHECK(read("meets DSM-IV criteria for schizophrenia") == "has schizophrenia");
}

TEST_CASE("guard prechecks: an event \"in patient or family\" is either's") {
  CHECK(read("History of seizures in patient or family members") ==
        "any(has seizure, text[not_understood] \"seizures in patient or family members\")");
  CHECK(read("Hypertension (in patient or family)") ==
        "any(has hypertension, text[not_understood] \"Hypertension (in patient or family)\")");
}

TEST_CASE("write_warnings: the not-understood message written in the warning's own string") {
  const auto p = parser().parse("  blue sky project plans  ", trialmatch::grammar::CriterionSection::exclusion);
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics.front().message == "not understood, kept as text: 'blue sky project plans'");
  // Two warnings in one line: each written with its own words (a short one and one past the string's own room).
  const auto two = parser().parse("blue sky; the red sea of the long-forgotten southern islands",
                                  trialmatch::grammar::CriterionSection::exclusion);
  REQUIRE(two.diagnostics.size() == 2);
  CHECK(two.diagnostics[0].message == "not understood, kept as text: 'blue sky'");
  CHECK(two.diagnostics[1].message == "not understood, kept as text: 'the red sea of the long-forgotten southern islands'");
}

// Two windows, whichever is longer or shorter, one of them half-lives the record cannot give: parsed and then
// evaluated on patients. "Within 4 weeks or 5 half-lives, whichever is longer" is max(4 weeks, 5 half-lives):
// inside 4 weeks is inside for sure, beyond it unknown, no event at all outside for sure. "Whichever is shorter"
// is min: beyond 4 weeks is outside for sure, inside it unknown. Neither section may turn an unknown into a
// verdict.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "trialmatch/engine/date.hpp"
#include "trialmatch/engine/evaluate.hpp"
#include "trialmatch/engine/patient.hpp"
#include "trialmatch/grammar/parser.hpp"

using namespace trialmatch;
using nlohmann::json;

namespace {
constexpr engine::Truth T = engine::Truth::true_;
constexpr engine::Truth F = engine::Truth::false_;
constexpr engine::Truth U = engine::Truth::unknown;

// The truth of the line for a patient whose last chemotherapy ended on `last_dose` (none where empty), on
// 2026-11-21, in a closed world (what is not recorded did not happen).
engine::Truth truth_of(std::string_view line, grammar::CriterionSection section, const char* last_dose) {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  json p = {{"id", "W"}, {"birth_date", "1970-01-01"}, {"medications", json::array()}};
  if (*last_dose) p["medications"].push_back({{"code", "chemotherapy"}, {"start", "2026-01-05"}, {"end", last_dose}});
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  return engine::evaluate(parser.parse(line, section).tree, engine::read_native_patient(p, lexicon), lexicon, o).truth;
}

constexpr const char* two_weeks_ago = "2026-11-07";
constexpr const char* eight_weeks_ago = "2026-09-26";
constexpr const char* never = "";
}  // namespace

TEST_CASE("whichever is longer, exclusion: inside the typed window excludes, beyond it nothing is decided, never does not exclude") {
  const auto exc = grammar::CriterionSection::exclusion;
  for (const char* line : {"Chemotherapy within 4 weeks or 5 half-lives, whichever is longer, prior to enrolment",
                           "Chemotherapy within 4 weeks (or 5 half-lives of the drug, whichever is longer) prior to enrolment"}) {
    CAPTURE(line);
    CHECK(truth_of(line, exc, two_weeks_ago) == T);    // excluded: inside 4 weeks is inside the longer window
    CHECK(truth_of(line, exc, eight_weeks_ago) == U);  // 5 half-lives may reach 8 weeks back
    CHECK(truth_of(line, exc, never) == F);            // no chemotherapy at all: inside no window
  }
}

TEST_CASE("whichever is shorter, exclusion: beyond the typed window is not excluded, inside it nothing is decided") {
  const auto exc = grammar::CriterionSection::exclusion;
  const char* line = "Chemotherapy within 4 weeks or 5 half-lives, whichever is shorter, prior to enrolment";
  CHECK(truth_of(line, exc, two_weeks_ago) == U);  // 5 half-lives may be shorter than 2 weeks
  CHECK(truth_of(line, exc, eight_weeks_ago) == F);
  CHECK(truth_of(line, exc, never) == F);
}

TEST_CASE("whichever is longer or shorter, inclusion, under a negation and without") {
  const auto inc = grammar::CriterionSection::inclusion;
  const char* no_longer = "No chemotherapy within 4 weeks or 5 half-lives, whichever is longer, prior to enrolment";
  CHECK(truth_of(no_longer, inc, two_weeks_ago) == F);  // not eligible: inside the longer window for sure
  CHECK(truth_of(no_longer, inc, eight_weeks_ago) == U);
  CHECK(truth_of(no_longer, inc, never) == T);
  const char* no_shorter = "No chemotherapy within 4 weeks or 5 half-lives, whichever is shorter, prior to enrolment";
  CHECK(truth_of(no_shorter, inc, two_weeks_ago) == U);
  CHECK(truth_of(no_shorter, inc, eight_weeks_ago) == T);  // outside the shorter window for sure
  CHECK(truth_of(no_shorter, inc, never) == T);
  const char* received = "Received chemotherapy within 4 weeks (or 5 half-lives, whichever is longer) prior to screening";
  CHECK(truth_of(received, inc, two_weeks_ago) == T);
  CHECK(truth_of(received, inc, eight_weeks_ago) == U);
  CHECK(truth_of(received, inc, never) == F);
}

TEST_CASE("whichever is longer, the half-lives first, and as a washout since the last dose") {
  const auto exc = grammar::CriterionSection::exclusion;
  const char* first = "Chemotherapy within 5 half-lives or 4 weeks, whichever is longer, prior to enrolment";
  CHECK(truth_of(first, exc, two_weeks_ago) == T);
  CHECK(truth_of(first, exc, eight_weeks_ago) == U);
  const auto inc = grammar::CriterionSection::inclusion;
  const char* washout = "At least 4 weeks or 5 half-lives (whichever is longer) must have elapsed since the last dose of chemotherapy";
  CHECK(truth_of(washout, inc, two_weeks_ago) == F);   // 2 weeks is less than the longer of the two for sure
  CHECK(truth_of(washout, inc, eight_weeks_ago) == U);  // 5 half-lives may be more than 8 weeks
  CHECK(truth_of(washout, inc, never) == T);            // nothing to wash out
  const char* shorter = "Less than 14 days or 5 half-lives, whichever is shorter, since last chemotherapy";
  CHECK(truth_of(shorter, exc, eight_weeks_ago) == F);
  CHECK(truth_of(shorter, exc, "2026-11-14") == U);  // a week ago: 5 half-lives may be less
}

TEST_CASE("whichever is later or comes first: which window counts is unclear, unknown for everyone") {
  for (const char* line : {"Chemotherapy within 4 weeks or 5 half-lives, whichever is later",
                           "Chemotherapy within 4 weeks or 5 half-lives, whichever comes first"})
    for (const char* dose : {two_weeks_ago, eight_weeks_ago, never}) {
      CAPTURE(line);
      CAPTURE(dose);
      CHECK(truth_of(line, grammar::CriterionSection::exclusion, dose) == U);
    }
}

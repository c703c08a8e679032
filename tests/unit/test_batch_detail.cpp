// Evidence only for what the text report shows: same verdicts and outcomes, same evidence where shown.
#include <doctest/doctest.h>

#include "trialmatch/matcher/library.hpp"
#include "trialmatch/matcher/patients.hpp"

using namespace trialmatch;

TEST_CASE("Detail::shown and Detail::none decide exactly as Detail::all") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  const auto trials = matcher::load_compiled({TRIALMATCH_SOURCE_DIR "/fixtures/trials/seeds"}, parser, lexicon, 1).trials;
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  std::size_t shown = 0;
  for (const char* name : {"example.json", "aml_prednisone.json", "thal_live_vaccine_3wk.json", "thal_missing_labs.json",
                           "tall_creatinine_mgdl_high.json", "aml_alt_default_range.json"}) {
    const auto load = matcher::load_patients(std::string(TRIALMATCH_SOURCE_DIR "/fixtures/patients/") + name, lexicon);
    REQUIRE(load.patients.size() == 1);
    const auto& patient = load.patients[0];
    for (const auto& trial : trials) {
      CAPTURE(name);
      CAPTURE(trial.trial.id);
      const auto all = matcher::match_trial(patient, trial, lexicon, o, matcher::Detail::all);
      const auto part = matcher::match_trial(patient, trial, lexicon, o, matcher::Detail::shown);
      const auto none = matcher::match_trial(patient, trial, lexicon, o, matcher::Detail::none);
      CHECK(part.verdict == all.verdict);
      CHECK(none.verdict == all.verdict);
      CHECK(part.failures == all.failures);
      CHECK(part.unknowns == all.unknowns);
      REQUIRE(part.criteria.size() == all.criteria.size());
      for (std::size_t k = 0; k < all.criteria.size(); ++k) {
        CAPTURE(all.criteria[k].criterion->criterion.number);
        CHECK(part.criteria[k].outcome == all.criteria[k].outcome);
        CHECK(none.criteria[k].outcome == all.criteria[k].outcome);
        CHECK(none.criteria[k].evaluation().evidence.empty());
        const bool is_shown = all.criteria[k].outcome == matcher::Outcome::fail || all.criteria[k].outcome == matcher::Outcome::unknown;
        if (is_shown) {
          ++shown;
          CHECK(part.criteria[k].evaluation().evidence.size() == all.criteria[k].evaluation().evidence.size());
          CHECK(part.criteria[k].evaluation().missing == all.criteria[k].evaluation().missing);
        } else {
          CHECK(part.criteria[k].evaluation().evidence.empty());
        }
      }
    }
  }
  CHECK(shown > 10);
}

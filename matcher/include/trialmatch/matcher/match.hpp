#pragma once
// Compiling trials (criterion text -> trees, once) and matching patients against them.
#include <string>
#include <vector>

#include "trialmatch/engine/evaluate.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/patient.hpp"
#include "trialmatch/grammar/parser.hpp"
#include "trialmatch/matcher/compiled_trial.hpp"
#include "trialmatch/matcher/trial.hpp"

namespace trialmatch::matcher {

grammar::CriterionSection grammar_section(Section s) noexcept;

CompiledTrial compile(const Trial& trial, const grammar::Parser& parser, const engine::Lexicon& lexicon);
std::vector<CompiledTrial> compile(const std::vector<Trial>& trials, const grammar::Parser& parser,
                                   const engine::Lexicon& lexicon);

enum class Outcome : std::uint8_t { pass, fail, unknown, to_confirm };
enum class Verdict : std::uint8_t { eligible, needs_review, ineligible };
const char* to_string(Outcome o) noexcept;
const char* to_string(Verdict v) noexcept;

// What a criterion's truth means for the patient, given its section.
Outcome outcome_of(Section section, const engine::Evaluation& evaluation) noexcept;

struct CriterionResult {
  CriterionRef criterion;  // read through it as through a pointer: `r.criterion->criterion.text`
  engine::Evaluation evaluation;
  Outcome outcome = Outcome::unknown;
};

struct TrialResult {
  const CompiledTrial* trial = nullptr;
  Verdict verdict = Verdict::needs_review;
  std::size_t unknowns = 0;   // criteria whose outcome is unknown
  std::size_t failures = 0;
  // Every criterion, in the trial's order; where `screened_out`, only the structured limits (the text
  // criteria were not evaluated: a structured limit already fails, see TrialIndex in batch.hpp).
  std::vector<CriterionResult> criteria;
  bool screened_out = false;
};

// How much of the evaluation to keep as evidence (evidence strings are most of a match's cost).
enum class Detail : std::uint8_t {
  all,    // evidence and missing for every criterion (JSON and HTML reports, explain)
  shown,  // only for criteria that fail or are unknown (what the text summary shows); others carry truth only
  none,   // truth only (screening)
};

// Binds every criterion's tree to `lexicon` (compile() does this; a trial built by hand or read with
// another lexicon may need it again).
void bind(CompiledTrial& trial, const engine::Lexicon& lexicon);

// The patient's facts indexed once (engine::PatientFacts) serve every trial: the fastest way to match one
// patient against many trials. facts.as_of() must be options.as_of.
TrialResult match_trial(const engine::PatientFacts& facts, const CompiledTrial& trial,
                        const engine::EvalOptions& options, Detail detail);

// Criterion `index` of `trial`, whose bound tree (if any) is at `root` in trial.bound: truth from the bound
// tree where it can be used, evidence as `detail` asks.
CriterionResult match_criterion(const engine::PatientFacts& facts, const CompiledTrial& trial, std::size_t index,
                                std::uint32_t root, const engine::EvalOptions& options, Detail detail);

// A trial's verdict alone (screening: no criterion results, no evidence), with match_trial's counts.
struct Screening {
  Verdict verdict = Verdict::needs_review;
  std::uint32_t failures = 0;
  std::uint32_t unknowns = 0;
};
Screening screen_trial(const engine::PatientFacts& facts, const CompiledTrial& trial, const engine::EvalOptions& options);

// Evidence follows options.evidence: all where set, none where not.
TrialResult match_trial(const engine::Patient& patient, const CompiledTrial& trial, const engine::Lexicon& lexicon,
                        const engine::EvalOptions& options);
TrialResult match_trial(const engine::Patient& patient, const CompiledTrial& trial, const engine::Lexicon& lexicon,
                        const engine::EvalOptions& options, Detail detail);

// Decodes the criteria of every trial not decoded yet, in order, on `jobs` threads: what a pass that builds
// evidence (Detail::shown, all) does first. Decoding trial by trial in the middle of that pass would
// interleave each trial's criteria with the pass's short-lived evidence in the heap, and every later pass
// would pay for the scattered layout (malloc's free lists, cache misses): 1.8x the time at 100,000 trials.
void decode_criteria(const std::vector<CompiledTrial>& trials, unsigned jobs = 1);

// Every trial, ordered: eligible, then needs_review (fewest unknowns first), then ineligible; ties by trial id.
std::vector<TrialResult> match_all(const engine::Patient& patient, const std::vector<CompiledTrial>& trials,
                                   const engine::Lexicon& lexicon, const engine::EvalOptions& options);
std::vector<TrialResult> match_all(const engine::Patient& patient, const std::vector<CompiledTrial>& trials,
                                   const engine::Lexicon& lexicon, const engine::EvalOptions& options, Detail detail);
// The report's order (above), applied in place.
void sort_results(std::vector<TrialResult>& results);

}  // namespace trialmatch::matcher

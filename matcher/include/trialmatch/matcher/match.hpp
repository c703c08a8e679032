#pragma once
// Compiling trials (criterion text -> trees, once) and matching patients against them.
#include <string>
#include <vector>

#include "trialmatch/engine/evaluate.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/patient.hpp"
#include "trialmatch/grammar/parser.hpp"
#include "trialmatch/matcher/trial.hpp"

namespace trialmatch::matcher {

struct CompiledCriterion {
  Criterion criterion;
  engine::Node tree;
  engine::Diagnostics diagnostics;
  bool structured = false;  // built from the record's age/sex fields, not from criterion text
};

// Immutable after compile(); shared by every patient and thread.
struct CompiledTrial {
  Trial trial;  // the record without its criteria (they live once, below, with their trees)
  std::vector<CompiledCriterion> criteria;  // the structured limits first, then the text criteria in order
};

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
  const CompiledCriterion* criterion = nullptr;
  engine::Evaluation evaluation;
  Outcome outcome = Outcome::unknown;
};

struct TrialResult {
  const CompiledTrial* trial = nullptr;
  Verdict verdict = Verdict::needs_review;
  std::size_t unknowns = 0;   // criteria whose outcome is unknown
  std::size_t failures = 0;
  std::vector<CriterionResult> criteria;  // every criterion, in the trial's order
};

// How much of the evaluation to keep as evidence (evidence strings are most of a match's cost).
enum class Detail : std::uint8_t {
  all,    // evidence and missing for every criterion (JSON and HTML reports, explain)
  shown,  // only for criteria that fail or are unknown (what the text summary shows); others carry truth only
  none,   // truth only (screening)
};

// Evidence follows options.evidence: all where set, none where not.
TrialResult match_trial(const engine::Patient& patient, const CompiledTrial& trial, const engine::Lexicon& lexicon,
                        const engine::EvalOptions& options);
TrialResult match_trial(const engine::Patient& patient, const CompiledTrial& trial, const engine::Lexicon& lexicon,
                        const engine::EvalOptions& options, Detail detail);

// Every trial, ordered: eligible, then needs_review (fewest unknowns first), then ineligible; ties by trial id.
std::vector<TrialResult> match_all(const engine::Patient& patient, const std::vector<CompiledTrial>& trials,
                                   const engine::Lexicon& lexicon, const engine::EvalOptions& options);
std::vector<TrialResult> match_all(const engine::Patient& patient, const std::vector<CompiledTrial>& trials,
                                   const engine::Lexicon& lexicon, const engine::EvalOptions& options, Detail detail);
// The report's order (above), applied in place.
void sort_results(std::vector<TrialResult>& results);

}  // namespace trialmatch::matcher

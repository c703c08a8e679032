#pragma once
// Compiling trials (criterion text -> trees, once) and matching patients against them.
#include <memory>
#include <span>
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

// Every criterion of the trial read by the grammar, in order. Where the trial's lead-ins name two or more groups of
// people ("Donors:", "Recipients:"), each such line is read as that group's (grammar::PeopleHeadings).
std::vector<grammar::ParsedCriterion> parse_criteria(const Trial& trial, const grammar::Parser& parser);
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
  Outcome outcome = Outcome::unknown;

  // The criterion's evaluation: its own, or one shared with the alike criteria of other trials
  // (EvidenceMemo), which stays valid while the MatchBuffers that made it holds that patient's match.
  const engine::Evaluation& evaluation() const noexcept { return shared_ ? *shared_ : own_; }
  // Its own evaluation, to be written (a shared one is let go; the own one keeps its buffers).
  engine::Evaluation& own_evaluation() noexcept {
    shared_ = nullptr;
    return own_;
  }
  void share_evaluation(const engine::Evaluation& e) noexcept { shared_ = &e; }
  bool shares_evaluation() const noexcept { return shared_ != nullptr; }

 private:
  engine::Evaluation own_;
  const engine::Evaluation* shared_ = nullptr;
};

// A trial's criterion results, read as a vector: its own, or one list shared by several trials. The trial
// index (batch.hpp) gives every trial of a group that the same structured limit excludes the one list of
// the group's limit results, made once per patient, instead of a copy of their evidence per trial.
class CriterionResults {
 public:
  using value_type = CriterionResult;
  using const_iterator = std::vector<CriterionResult>::const_iterator;

  CriterionResults() = default;
  static CriterionResults shared(std::shared_ptr<const std::vector<CriterionResult>> list) {
    CriterionResults r;
    r.shared_ = std::move(list);
    return r;
  }
  bool is_shared() const noexcept { return shared_ != nullptr; }

  const std::vector<CriterionResult>& list() const noexcept { return shared_ ? *shared_ : own_; }
  const_iterator begin() const noexcept { return list().begin(); }
  const_iterator end() const noexcept { return list().end(); }
  std::size_t size() const noexcept { return list().size(); }
  bool empty() const noexcept { return list().empty(); }
  const CriterionResult& operator[](std::size_t i) const { return list()[i]; }
  const CriterionResult& front() const { return list().front(); }
  const CriterionResult& back() const { return list().back(); }

  // Changing: a shared list is copied first (the other trials keep theirs). Element access is read-only
  // above, so that reading a result never copies it.
  std::vector<CriterionResult>& own() {
    if (shared_) {
      own_ = *shared_;
      shared_.reset();
    }
    return own_;
  }
  void reserve(std::size_t n) { own().reserve(n); }
  // Recycling (a result of an earlier patient filled again): the own list, as it is, for the caller to
  // resize and write over, its elements keeping their vectors' capacity; a shared list is dropped, not copied.
  std::vector<CriterionResult>& own_to_overwrite() noexcept {
    shared_.reset();
    return own_;
  }
  // Shares `list` (the own list is emptied, keeping its capacity).
  void share(std::shared_ptr<const std::vector<CriterionResult>> list) noexcept {
    own_.clear();
    shared_ = std::move(list);
  }
  void resize(std::size_t n) { own().resize(n); }
  CriterionResult& emplace_back() { return own().emplace_back(); }
  void push_back(CriterionResult r) { own().push_back(std::move(r)); }

 private:

  std::vector<CriterionResult> own_;
  std::shared_ptr<const std::vector<CriterionResult>> shared_;
};

struct TrialResult {
  const CompiledTrial* trial = nullptr;
  Verdict verdict = Verdict::needs_review;
  std::size_t unknowns = 0;   // criteria whose outcome is unknown
  std::size_t failures = 0;
  // Every criterion, in the trial's order; where `screened_out`, only the structured limits (the text
  // criteria were not evaluated: a structured limit already fails, see TrialIndex in batch.hpp), then
  // possibly shared with other trials of its group (each criterion then refers to the group's first trial,
  // whose structured criteria read the same: section, number, text, tree, diagnostics).
  CriterionResults criteria;
  bool screened_out = false;
};

// How much of the evaluation to keep as evidence (evidence strings are most of a match's cost).
enum class Detail : std::uint8_t {
  all,    // evidence and missing for every criterion (JSON and HTML reports, explain)
  shown,  // only for criteria that fail or are unknown (what the text summary shows); others carry truth only
  none,   // truth only (screening)
};

// One patient's evaluations with evidence, by tree. Criteria of different trials whose trees are alike (the
// same line in many trials: a lab limit, a performance status, the consent line) evaluate alike for a
// patient, so a batch builds each such evaluation once per patient and every criterion that shows it
// refers to it (CriterionResult::share_evaluation; building it per criterion read the record and formatted
// every figure and date again, and a copy per criterion allocated its strings). The trees' ids are made
// once for all trials (TrialIndex), not per patient. Not thread-safe: one per worker.
class EvidenceMemo {
 public:
  // Starts a patient whose trees have ids below `trees`: every evaluation kept is stale from here on (kept,
  // not freed: its strings are written over when it is made again).
  void next_patient(std::size_t trees);
  // The evaluation with evidence of tree `id` for this patient: made by `make(Evaluation&)` the first time
  // it is asked for.
  template <class Make>
  const engine::Evaluation& get(std::uint32_t id, Make&& make) {
    if (made_for_[id] != patient_) {
      make(evaluations_[id]);
      made_for_[id] = patient_;
    }
    return evaluations_[id];
  }

 private:
  std::vector<engine::Evaluation> evaluations_;  // by tree id
  std::vector<std::uint64_t> made_for_;          // by tree id: the patient (count) its evaluation is of
  std::uint64_t patient_ = 0;                    // patients started, this one included
};

// Where a trial's evidence comes from: `memo` (null: each criterion evaluated on its own) and each
// criterion's tree id in it.
struct SharedEvidence {
  EvidenceMemo* memo = nullptr;
  std::span<const std::uint32_t> tree_ids;  // by criterion
};

// Binds every criterion's tree to `lexicon` (compile() does this; a trial built by hand or read with
// another lexicon may need it again).
void bind(CompiledTrial& trial, const engine::Lexicon& lexicon);

// The patient's facts indexed once (engine::PatientFacts) serve every trial: the fastest way to match one
// patient against many trials. facts.as_of() must be options.as_of.
TrialResult match_trial(const engine::PatientFacts& facts, const CompiledTrial& trial,
                        const engine::EvalOptions& options, Detail detail);
// The same, written over `result` (another trial's or patient's before): its criterion list and their
// evidence and missing vectors are used again (a batch matching patient after patient into one set of
// results allocates no vector per trial or criterion once they have grown). With `shared.memo`, evidence is
// taken from the memo (its criteria then share their evaluations: see CriterionResult::evaluation).
void match_trial(TrialResult& result, const engine::PatientFacts& facts, const CompiledTrial& trial,
                 const engine::EvalOptions& options, Detail detail, SharedEvidence shared = {});

// Criterion `index` of `trial`, whose bound tree (if any) is at `root` in trial.bound: truth from the bound
// tree where it can be used, evidence as `detail` asks (from `shared.memo` where there is one).
CriterionResult match_criterion(const engine::PatientFacts& facts, const CompiledTrial& trial, std::size_t index,
                                std::uint32_t root, const engine::EvalOptions& options, Detail detail,
                                SharedEvidence shared = {});

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

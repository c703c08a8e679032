// The trial index by structured limits (batch.hpp).
#include <algorithm>
#include <map>

#include "trialmatch/matcher/batch.hpp"

namespace trialmatch::matcher {

std::vector<TrialResult> match_all_parallel(const engine::Patient& patient, const std::vector<CompiledTrial>& trials,
                                            const engine::Lexicon& lexicon, const engine::EvalOptions& options,
                                            Detail detail, unsigned jobs) {
  // Blocks of trials, so that threads share a counter, not a cache line per trial.
  constexpr std::size_t kBlock = 256;
  std::vector<TrialResult> results(trials.size());
  parallel_for((trials.size() + kBlock - 1) / kBlock, jobs, [&](std::size_t block) {
    const std::size_t end = std::min(trials.size(), (block + 1) * kBlock);
    for (std::size_t i = block * kBlock; i < end; ++i) results[i] = match_trial(patient, trials[i], lexicon, options, detail);
  });
  sort_results(results);
  return results;
}

TrialIndex::TrialIndex(const std::vector<CompiledTrial>& trials) : trials_(trials) {
  // Key: the structured criteria's trees, written out; equal keys decide equally for every patient.
  std::map<std::string, std::size_t> by_key;
  for (std::size_t i = 0; i < trials.size(); ++i) {
    std::string key;
    std::size_t limits = 0;
    for (const CompiledCriterion& c : trials[i].criteria) {
      if (!c.structured) break;
      key += engine::to_canonical(c.tree);
      key += '\n';
      ++limits;
    }
    const auto [it, added] = by_key.try_emplace(key, groups_.size());
    if (added) groups_.push_back(Group{limits, {}});
    groups_[it->second].members.push_back(i);
  }
}

std::vector<TrialResult> TrialIndex::match(const engine::Patient& patient, const engine::Lexicon& lexicon,
                                           const engine::EvalOptions& options, Detail detail) const {
  std::vector<TrialResult> results;
  results.reserve(trials_.size());
  engine::EvalOptions limit_options = options;
  limit_options.evidence = detail != Detail::none;
  for (const Group& group : groups_) {
    // The group's limits, once: the first member's structured criteria stand for every member's.
    std::vector<CriterionResult> limits;
    std::size_t failures = 0, unknowns = 0;
    const CompiledTrial& first = trials_[group.members.front()];
    for (std::size_t k = 0; k < group.limits; ++k) {
      CriterionResult r;
      r.criterion = &first.criteria[k];
      r.evaluation = engine::evaluate(first.criteria[k].tree, patient, lexicon, limit_options);
      r.outcome = outcome_of(first.criteria[k].criterion.section, r.evaluation);
      failures += r.outcome == Outcome::fail;
      unknowns += r.outcome == Outcome::unknown;
      limits.push_back(std::move(r));
    }
    if (failures == 0) {
      for (std::size_t i : group.members) results.push_back(match_trial(patient, trials_[i], lexicon, options, detail));
      continue;
    }
    for (std::size_t i : group.members) {
      TrialResult skipped;
      skipped.trial = &trials_[i];
      skipped.verdict = Verdict::ineligible;
      skipped.failures = failures;
      skipped.unknowns = unknowns;
      skipped.criteria = limits;
      for (std::size_t k = 0; k < group.limits; ++k) skipped.criteria[k].criterion = &trials_[i].criteria[k];
      results.push_back(std::move(skipped));
    }
  }
  sort_results(results);
  return results;
}

}  // namespace trialmatch::matcher

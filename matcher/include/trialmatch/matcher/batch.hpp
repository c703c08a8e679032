#pragma once
// Work on both cores with a deterministic result: items are produced by worker threads in any order
// and consumed by the calling thread strictly in index order, so output is byte-identical whatever
// the number of jobs.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace trialmatch::matcher {

inline constexpr unsigned kDefaultJobs = 2;

// Runs work(i) for every i in [0, n) on `jobs` threads (the caller is one of them). The first
// exception thrown by any work item is rethrown here after every thread has stopped.
template <class Work>
void parallel_for(std::size_t n, unsigned jobs, Work&& work) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  // Items are taken in runs, not one at a time: a counter bumped per item moves its cache line between the
  // cores at every item, and a criterion line parses in a few microseconds. A run is at most 1/256 of a
  // thread's share (and at most 64 items), so the threads still finish close together.
  const std::size_t run_length = std::clamp<std::size_t>(n / (std::max(jobs, 1u) * 256u), 1, 64);
  auto run = [&] {
    for (std::size_t first; !failed.load(std::memory_order_relaxed) && (first = next.fetch_add(run_length)) < n;) {
      const std::size_t end = std::min(n, first + run_length);
      for (std::size_t i = first; i < end && !failed.load(std::memory_order_relaxed); ++i) {
        try {
          work(i);
        } catch (...) {
          const std::lock_guard lock(error_mutex);
          if (!error) error = std::current_exception();
          failed = true;
        }
      }
    }
  };
  const unsigned helpers = jobs > 1 && n > 1 ? static_cast<unsigned>(std::min<std::size_t>(jobs, n)) - 1 : 0;
  {
    std::vector<std::jthread> threads;
    threads.reserve(helpers);
    for (unsigned t = 0; t < helpers; ++t) threads.emplace_back(run);
    run();
  }
  if (error) std::rethrow_exception(error);
}

// produce(i) -> R runs on `jobs` worker threads; consume(i, R&&) runs on the calling thread in order
// 0, 1, 2, ... At most `window` results wait to be consumed, which bounds memory on long streams.
// With jobs <= 1 everything runs on the calling thread, in order.
template <class Produce, class Consume>
void ordered_pipeline(std::size_t n, unsigned jobs, Produce&& produce, Consume&& consume, std::size_t window = 256) {
  using Result = decltype(produce(std::size_t{0}));
  if (jobs <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) consume(i, produce(i));
    return;
  }
  window = std::max<std::size_t>(window, jobs);
  std::vector<std::optional<Result>> slots(window);
  std::mutex mutex;
  std::condition_variable result_ready;  // a slot was filled (or a worker failed)
  std::condition_variable slot_free;     // the consumer advanced
  std::size_t next = 0;                  // next index to hand out
  std::size_t consumed = 0;              // every index below this was consumed
  bool stop = false;
  std::exception_ptr error;
  // Who sleeps on each condition: a wake-up is a system call, made only where someone waits for it (a result
  // a patient, most of them with nobody waiting).
  std::size_t workers_waiting = 0;
  std::size_t consumer_waits_for = n;  // the index the consumer sleeps for, or n

  auto worker = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        while (!(stop || next >= n || next < consumed + window)) {
          ++workers_waiting;
          slot_free.wait(lock);
          --workers_waiting;
        }
        if (stop || next >= n) return;
        i = next++;
      }
      std::optional<Result> r;
      try {
        r.emplace(produce(i));
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        stop = true;
        result_ready.notify_all();
        slot_free.notify_all();
        return;
      }
      const std::lock_guard lock(mutex);
      slots[i % window] = std::move(r);
      if (consumer_waits_for == i) result_ready.notify_all();
    }
  };
  {
    std::vector<std::jthread> threads;
    threads.reserve(jobs);
    for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
    try {
      for (std::size_t i = 0; i < n; ++i) {
        std::optional<Result> r;
        bool wake = false;
        {
          std::unique_lock lock(mutex);
          while (!(stop || slots[i % window].has_value())) {
            consumer_waits_for = i;
            result_ready.wait(lock);
            consumer_waits_for = n;
          }
          if (stop) break;
          r = std::move(slots[i % window]);
          slots[i % window].reset();
          consumed = i + 1;
          wake = workers_waiting > 0;
        }
        if (wake) slot_free.notify_all();
        consume(i, std::move(*r));
      }
    } catch (...) {
      {
        const std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        stop = true;
      }
      slot_free.notify_all();
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace trialmatch::matcher

#include <optional>

#include "trialmatch/matcher/match.hpp"

namespace trialmatch::matcher {

// match_all for one patient with the trials shared between `jobs` threads (a coordinator waiting for one
// patient against the whole registry); the same results in the same order as match_all.
std::vector<TrialResult> match_all_parallel(const engine::Patient& patient, const std::vector<CompiledTrial>& trials,
                                            const engine::Lexicon& lexicon, const engine::EvalOptions& options,
                                            Detail detail, unsigned jobs);

// What one worker matches patient after patient into (TrialIndex::match): the results, and the patient's
// facts indexed for them. Both are written over by the next patient, their buffers used again: the results,
// their criterion lists and their evidence and missing vectors, and the facts' concept-sized arrays.
struct MatchBuffers {
  std::vector<TrialResult> results;
  std::optional<engine::PatientFacts> facts;  // the last patient's, while its Patient lives
  EvidenceMemo evidence;                      // the last patient's evaluations with evidence, by tree
};

// Trials grouped by their structured limits (the record's min age, max age and sex, compiled as the first
// criteria of a trial). A patient's limits are evaluated once per group, not once per trial, and the
// trials of a group whose limit fails are not evaluated further: each is reported ineligible with its
// structured criteria only (the failing one with its evidence; one list shared by the group's skipped
// trials where their structured criteria read alike, each criterion then referring to the group's first
// trial). A trial is skipped only when one of its own structured criteria fails for the patient, so no
// trial the patient could match is ever skipped.
class TrialIndex {
 public:
  explicit TrialIndex(const std::vector<CompiledTrial>& trials);  // keeps a reference: trials must outlive it

  std::size_t group_count() const noexcept { return groups_.size(); }

  // match_all's result and order, with the skipped trials as described above (marked screened_out); the
  // trials shared between `jobs` threads.
  std::vector<TrialResult> match(const engine::Patient& patient, const engine::Lexicon& lexicon,
                                 const engine::EvalOptions& options, Detail detail, unsigned jobs = 1) const;
  // The same into `into.results` (an earlier patient's, or empty), written over with their buffers used
  // again (match_trial into a result), the facts read into `into.facts`: a worker matching patient after
  // patient into one MatchBuffers stops allocating them once they have grown. With one job, alike criteria
  // share one evaluation in `into.evidence` (CriterionResult::evaluation): the results are valid while
  // `into` holds this patient.
  void match(MatchBuffers& into, const engine::Patient& patient, const engine::Lexicon& lexicon,
             const engine::EvalOptions& options, Detail detail, unsigned jobs = 1) const;
  // Each trial's verdict alone (screen_trial), in the trials' order; a trial outside its structured limits
  // is ineligible with the failing limits' counts, its criteria text not evaluated.
  std::vector<Screening> screen(const engine::Patient& patient, const engine::Lexicon& lexicon,
                                const engine::EvalOptions& options, unsigned jobs = 1) const;

 private:
  struct Group {
    std::size_t limits = 0;            // how many structured criteria lead each member's list
    std::vector<std::size_t> members;  // indices into trials_; the first is evaluated for the group
  };
  // match() into `into`, the evaluations of alike criteria shared through into.evidence where `share_evidence`.
  void match_into(MatchBuffers& into, const engine::Patient& patient, const engine::Lexicon& lexicon,
                  const engine::EvalOptions& options, Detail detail, unsigned jobs, bool share_evidence) const;
  // sort_results' order, in O(n): each verdict's results in by_id_'s order, needs_review then stably by unknowns.
  void sort_by_report_order(std::vector<TrialResult>& results) const;
  // A vector of this index's results (one per trial, in any order) put back in the trials' order.
  void back_to_trial_order(std::vector<TrialResult>& results) const;
  // Every criterion's tree id (EvidenceMemo): alike trees share one. Made at the first match that builds
  // evidence (the criteria are decoded then anyway), once; a screening never decodes them for it.
  void number_trees() const;
  SharedEvidence shared_evidence(EvidenceMemo& memo, std::size_t trial) const {
    const std::uint32_t* at = tree_ids_.data() + tree_ids_at_[trial];
    return {&memo, std::span<const std::uint32_t>(at, tree_ids_at_[trial + 1] - tree_ids_at_[trial])};
  }

  const std::vector<CompiledTrial>& trials_;
  std::vector<std::uint32_t> by_id_;  // trial indices, stably sorted by trial id (made once, not per patient)
  std::vector<Group> groups_;
  std::vector<std::size_t> group_of_;  // by trial
  // By trial: its structured criteria read as its group's first trial's, so a skipped trial's report can
  // show the group's one list of limit results (made once per patient) instead of a copy of its own.
  std::vector<std::uint8_t> shares_limits_;
  std::vector<CompiledTrial> heads_;   // by group: its structured criteria alone
  // number_trees(): every trial's criteria's tree ids one after another, where each trial's start (by trial,
  // and one past the last), and how many distinct trees there are.
  mutable std::once_flag trees_numbered_;
  mutable std::vector<std::uint32_t> tree_ids_;
  mutable std::vector<std::uint32_t> tree_ids_at_;
  mutable std::uint32_t tree_count_ = 0;
};

}  // namespace trialmatch::matcher

// The trial index by structured limits (batch.hpp).
#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <type_traits>
#include <unordered_map>

#include "trialmatch/matcher/batch.hpp"

namespace trialmatch::matcher {

namespace {
// A pass over many trials reads, per trial, a few fields of its CompiledTrial and its bound array, each
// somewhere else in the heap: for 100,000 trials these are cache misses one after another. The fields of
// trial i + 8 and the array of trial i + 4 are asked for ahead (the array's address is read from the
// trial's fields, which were asked for four trials earlier). Hints only: no result depends on them.
inline void prefetch(const void* at) {
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(at)));
#else
  __builtin_prefetch(at);
#endif
}

// Whether a trial's structured criteria read as its group's first trial's (the head, made of them) in all
// a report shows of them: then the first trial's results stand for its own, criterion for criterion.
bool reads_the_same(const std::vector<CompiledCriterion>& prefix, const CriterionList& head) {
  if (prefix.size() != head.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    const CompiledCriterion& a = prefix[k];
    const CompiledCriterion& b = head[k];
    if (a.criterion.section != b.criterion.section || a.criterion.number != b.criterion.number ||
        a.criterion.text != b.criterion.text || a.structured != b.structured || !(a.diagnostics == b.diagnostics))
      return false;  // (the trees are equal: the group's key is made of them)
  }
  return true;
}

// Trees alike for evaluation: equal in everything but the spans of the text they were read from (which no
// evaluation reads). Two such trees give every patient the same evaluation, evidence included.
bool alike(const engine::Node& a, const engine::Node& b) {
  if (a.kind.index() != b.kind.index()) return false;
  return std::visit(
      [&](const auto& x) -> bool {
        using T = std::decay_t<decltype(x)>;
        const T& y = std::get<T>(b.kind);
        if constexpr (std::is_same_v<T, engine::All> || std::is_same_v<T, engine::Any>) {
          if (x.args.size() != y.args.size()) return false;
          for (std::size_t k = 0; k < x.args.size(); ++k)
            if (!alike(x.args[k], y.args[k])) return false;
          return true;
        } else if constexpr (std::is_same_v<T, engine::Not>) {
          return alike(*x.arg, *y.arg);
        } else if constexpr (std::is_same_v<T, engine::If>) {
          return alike(*x.cond, *y.cond) && alike(*x.then, *y.then);
        } else {
          return x == y;  // a leaf holds no span
        }
      },
      a.kind);
}

// A hash of the fields that most often tell trees apart (alike trees hash alike): the bucket in which
// alike() is asked.
std::size_t tree_hash(const engine::Node& n) {
  std::size_t h = n.kind.index();
  const auto mix = [&h](std::size_t v) { h = h * 1000003u ^ v; };
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        const std::hash<std::string> text;
        if constexpr (std::is_same_v<T, engine::All> || std::is_same_v<T, engine::Any>) {
          for (const auto& arg : x.args) mix(tree_hash(arg));
        } else if constexpr (std::is_same_v<T, engine::Not>) {
          mix(tree_hash(*x.arg));
        } else if constexpr (std::is_same_v<T, engine::If>) {
          mix(tree_hash(*x.cond));
          mix(tree_hash(*x.then));
        } else if constexpr (std::is_same_v<T, engine::Cmp>) {
          mix(text(x.var));
          mix(std::hash<double>{}(x.value));
          mix(static_cast<std::size_t>(x.cmp));
        } else if constexpr (std::is_same_v<T, engine::Has>) {
          mix(std::hash<std::string_view>{}(x.concept_id));  // (the same hash as std::string's of its bytes)
        } else if constexpr (std::is_same_v<T, engine::Sex>) {
          mix(text(x.value));
        } else {
          mix(text(x.text));
        }
      },
      n.kind);
  return h;
}

inline void prefetch_ahead(const std::vector<CompiledTrial>& trials, std::size_t i, std::size_t end) {
  if (i + 8 < end) {
    const CompiledTrial& t = trials[i + 8];
    prefetch(&t.criteria);
    prefetch(&t.bound);
  }
  if (i + 4 < end) {
    const auto& nodes = trials[i + 4].bound.nodes();
    const char* first = reinterpret_cast<const char*>(nodes.data());
    const std::size_t bytes = std::min<std::size_t>(nodes.size() * sizeof(nodes[0]), 512);
    for (std::size_t at = 0; at < bytes; at += 64) prefetch(first + at);
  }
}
}  // namespace

std::vector<TrialResult> match_all_parallel(const engine::Patient& patient, const std::vector<CompiledTrial>& trials,
                                            const engine::Lexicon& lexicon, const engine::EvalOptions& options,
                                            Detail detail, unsigned jobs) {
  // Blocks of trials, so that threads share a counter, not a cache line per trial.
  constexpr std::size_t kBlock = 256;
  if (detail != Detail::none) decode_criteria(trials, jobs);
  const engine::PatientFacts facts(patient, lexicon, options.as_of);
  std::vector<TrialResult> results(trials.size());
  parallel_for((trials.size() + kBlock - 1) / kBlock, jobs, [&](std::size_t block) {
    const std::size_t end = std::min(trials.size(), (block + 1) * kBlock);
    for (std::size_t i = block * kBlock; i < end; ++i) results[i] = match_trial(facts, trials[i], options, detail);
  });
  sort_results(results);
  return results;
}

void decode_criteria(const std::vector<CompiledTrial>& trials, unsigned jobs) {
  // After the first pass everything is decoded: then no thread is started.
  if (std::all_of(trials.begin(), trials.end(), [](const CompiledTrial& t) { return t.criteria.is_decoded(); })) return;
  // Blocks of trials per thread: each thread's share lies together in its own part of the heap.
  constexpr std::size_t kBlock = 1024;
  parallel_for((trials.size() + kBlock - 1) / kBlock, jobs, [&](std::size_t block) {
    const std::size_t end = std::min(trials.size(), (block + 1) * kBlock);
    for (std::size_t i = block * kBlock; i < end; ++i) trials[i].criteria.decode();
  });
}

TrialIndex::TrialIndex(const std::vector<CompiledTrial>& trials) : trials_(trials) {
  by_id_.resize(trials.size());
  for (std::size_t i = 0; i < trials.size(); ++i) by_id_[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(by_id_.begin(), by_id_.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return trials[a].trial.id < trials[b].trial.id; });
  // Key: the structured criteria's trees, written out; equal keys decide equally for every patient.
  std::map<std::string, std::size_t> by_key;
  group_of_.reserve(trials.size());
  for (std::size_t i = 0; i < trials.size(); ++i) {
    // The structured limits alone are decoded (and not kept): the index leaves the criteria encoded.
    std::vector<CompiledCriterion> prefix = trials[i].criteria.structured_prefix();
    std::string key;
    const std::size_t limits = prefix.size();
    for (const CompiledCriterion& c : prefix) {
      key += engine::to_canonical(c.tree);
      key += '\n';
    }
    const auto [it, added] = by_key.try_emplace(key, groups_.size());
    if (added) {
      groups_.push_back(Group{limits, {}});
      // The limits alone, as a trial of their own (bound like the trial), for screen().
      CompiledTrial head;
      head.criteria = CriterionList(std::move(prefix));
      if (const engine::Lexicon* lexicon = trials[i].bound.lexicon()) bind(head, *lexicon);
      heads_.push_back(std::move(head));
      shares_limits_.push_back(1);
    } else {
      shares_limits_.push_back(reads_the_same(prefix, heads_[it->second].criteria));
    }
    groups_[it->second].members.push_back(i);
    group_of_.push_back(it->second);
  }
}

void TrialIndex::number_trees() const {
  std::call_once(trees_numbered_, [&] {
    // By hash: the ids of the distinct trees with that hash, and where each was first seen.
    struct Seen {
      std::uint32_t id;
      const engine::Node* tree;
    };
    std::unordered_map<std::size_t, std::vector<Seen>> by_hash;
    tree_ids_at_.reserve(trials_.size() + 1);
    for (const CompiledTrial& trial : trials_) {
      tree_ids_at_.push_back(static_cast<std::uint32_t>(tree_ids_.size()));
      for (const CompiledCriterion& c : trial.criteria) {
        std::vector<Seen>& bucket = by_hash[tree_hash(c.tree)];
        const auto same = std::find_if(bucket.begin(), bucket.end(), [&](const Seen& s) { return alike(*s.tree, c.tree); });
        if (same != bucket.end()) {
          tree_ids_.push_back(same->id);
        } else {
          bucket.push_back({tree_count_, &c.tree});
          tree_ids_.push_back(tree_count_++);
        }
      }
    }
    tree_ids_at_.push_back(static_cast<std::uint32_t>(tree_ids_.size()));
  });
}

std::vector<TrialResult> TrialIndex::match(const engine::Patient& patient, const engine::Lexicon& lexicon,
                                           const engine::EvalOptions& options, Detail detail, unsigned jobs) const {
  // Each result owns its evaluation: the buffers (and their evidence memo) end here.
  MatchBuffers buffers;
  match_into(buffers, patient, lexicon, options, detail, jobs, false);
  return std::move(buffers.results);
}

void TrialIndex::match(MatchBuffers& into, const engine::Patient& patient, const engine::Lexicon& lexicon,
                       const engine::EvalOptions& options, Detail detail, unsigned jobs) const {
  // Evidence shared by alike criteria where one thread matches the patient (the memo is the worker's own).
  match_into(into, patient, lexicon, options, detail, jobs, jobs <= 1);
}

void TrialIndex::match_into(MatchBuffers& into, const engine::Patient& patient, const engine::Lexicon& lexicon,
                            const engine::EvalOptions& options, Detail detail, unsigned jobs, bool share_evidence) const {
  // A skipped trial's report still reads its structured criteria: every trial is decoded.
  if (detail != Detail::none) decode_criteria(trials_, jobs);
  const bool share = detail != Detail::none && share_evidence;
  if (share) {
    number_trees();
    into.evidence.next_patient(tree_count_);
  }
  if (into.facts) into.facts->read(patient, lexicon, options.as_of);
  else into.facts.emplace(patient, lexicon, options.as_of);
  const engine::PatientFacts& facts = *into.facts;
  std::vector<TrialResult>& results = into.results;
  // Each result back to its trial's place (the last patient's results are in report order): a trial's
  // result then serves the same trial patient after patient, and its criteria the same criteria, so their
  // evidence vectors and strings fit again.
  back_to_trial_order(results);
  // Each group's limits, once: the first member's structured criteria stand for every member's. The
  // results are one list, shared by the members it excludes (reads_the_same), not copied per trial.
  struct Limits {
    std::shared_ptr<const std::vector<CriterionResult>> results;
    std::size_t failures = 0, unknowns = 0;
  };
  std::vector<Limits> limits(groups_.size());
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const CompiledTrial& first = trials_[groups_[g].members.front()];
    const bool bound = first.bound.trees() == first.criteria.size();
    std::vector<CriterionResult> list;
    list.reserve(groups_[g].limits);
    std::uint32_t root = 0;
    for (std::size_t k = 0; k < groups_[g].limits; ++k, root = bound ? first.bound.next(root) : 0) {
      list.push_back(match_criterion(facts, first, k, root, options, detail,
                                     share ? shared_evidence(into.evidence, groups_[g].members.front()) : SharedEvidence{}));
      limits[g].failures += list.back().outcome == Outcome::fail;
      limits[g].unknowns += list.back().outcome == Outcome::unknown;
    }
    limits[g].results = std::make_shared<const std::vector<CriterionResult>>(std::move(list));
  }
  // In the trials' own order (as match_all), so that the sort below gives match_all's order exactly. Each
  // result is written over (whichever trial it held before: only its buffers' capacity matters).
  results.resize(trials_.size());
  auto one = [&](std::size_t i) {
    const Limits& l = limits[group_of_[i]];
    if (l.failures == 0) {
      match_trial(results[i], facts, trials_[i], options, detail,
                  share ? shared_evidence(into.evidence, i) : SharedEvidence{});
      return;
    }
    TrialResult& skipped = results[i];
    skipped.trial = &trials_[i];
    skipped.verdict = Verdict::ineligible;
    skipped.failures = l.failures;
    skipped.unknowns = l.unknowns;
    skipped.screened_out = true;
    if (shares_limits_[i]) {
      skipped.criteria.share(l.results);
      return;
    }
    // Structured criteria that read otherwise than the first trial's: a copy that refers to its own.
    std::vector<CriterionResult>& own = skipped.criteria.own_to_overwrite();
    own = *l.results;
    for (std::size_t k = 0; k < own.size(); ++k) own[k].criterion = CriterionRef(&trials_[i], static_cast<std::uint32_t>(k));
  };
  constexpr std::size_t kBlock = 256;
  parallel_for((trials_.size() + kBlock - 1) / kBlock, jobs, [&](std::size_t block) {
    const std::size_t end = std::min(trials_.size(), (block + 1) * kBlock);
    for (std::size_t i = block * kBlock; i < end; ++i) {
      prefetch_ahead(trials_, i, end);
      one(i);
    }
  });
  sort_by_report_order(results);
}

namespace {
// Reorders `results` so that position j holds what was at order[j] (order: a permutation, used up).
void apply_order(std::vector<TrialResult>& results, std::vector<std::uint32_t>& order) {
  // Cycle by cycle: position j takes the result at order[j]; each placed position is marked done by
  // order[j] = j. Every result is swapped at most once into place.
  for (std::size_t start = 0; start < order.size(); ++start) {
    std::size_t j = start;
    while (order[j] != start) {
      const std::size_t from = order[j];
      std::swap(results[j], results[from]);
      order[j] = static_cast<std::uint32_t>(j);
      j = from;
    }
    order[j] = static_cast<std::uint32_t>(j);
  }
}
}  // namespace

void TrialIndex::back_to_trial_order(std::vector<TrialResult>& results) const {
  if (results.size() != trials_.size() || trials_.empty()) return;
  std::vector<std::uint32_t> order(results.size());
  std::vector<std::uint8_t> seen(results.size(), 0);
  const CompiledTrial* first = trials_.data();
  for (std::size_t j = 0; j < results.size(); ++j) {
    const CompiledTrial* t = results[j].trial;
    const std::less<const CompiledTrial*> before;
    if (before(t, first) || !before(t, first + trials_.size())) return;  // not this index's: left as they are
    const auto i = static_cast<std::size_t>(t - first);
    if (seen[i]) return;
    seen[i] = 1;
    order[i] = static_cast<std::uint32_t>(j);  // trial i's result is at j
  }
  apply_order(results, order);
}

void TrialIndex::sort_by_report_order(std::vector<TrialResult>& results) const {
  // sort_results (a stable sort by verdict, unknowns for needs_review, then id) on results in the trials'
  // order is: per verdict, the trials in stable id order; needs_review then stably by unknowns. The order
  // is worked out on indices (the needs_review ones stably sorted by their unknowns), and each result is
  // put in its place by swaps (each result keeps its buffers for the next patient).
  std::vector<std::uint32_t> order;
  order.reserve(results.size());
  std::vector<std::uint32_t> review;
  for (const Verdict verdict : {Verdict::eligible, Verdict::needs_review, Verdict::ineligible}) {
    std::vector<std::uint32_t>& into = verdict == Verdict::needs_review ? review : order;
    for (const std::uint32_t i : by_id_)
      if (results[i].verdict == verdict) into.push_back(i);
    if (verdict == Verdict::needs_review) {
      std::stable_sort(review.begin(), review.end(),
                       [&](std::uint32_t a, std::uint32_t b) { return results[a].unknowns < results[b].unknowns; });
      order.insert(order.end(), review.begin(), review.end());
    }
  }
  apply_order(results, order);
}

std::vector<Screening> TrialIndex::screen(const engine::Patient& patient, const engine::Lexicon& lexicon,
                                          const engine::EvalOptions& options, unsigned jobs) const {
  const engine::PatientFacts facts(patient, lexicon, options.as_of);
  // Each group's limits, once, as a trial of its own: the first member's structured criteria.
  std::vector<Screening> limits(groups_.size());
  for (std::size_t g = 0; g < groups_.size(); ++g) limits[g] = screen_trial(facts, heads_[g], options);
  std::vector<Screening> out(trials_.size());
  constexpr std::size_t kBlock = 256;
  parallel_for((trials_.size() + kBlock - 1) / kBlock, jobs, [&](std::size_t block) {
    const std::size_t end = std::min(trials_.size(), (block + 1) * kBlock);
    for (std::size_t i = block * kBlock; i < end; ++i) {
      prefetch_ahead(trials_, i, end);
      out[i] = limits[group_of_[i]].failures ? limits[group_of_[i]] : screen_trial(facts, trials_[i], options);
    }
  });
  return out;
}

}  // namespace trialmatch::matcher

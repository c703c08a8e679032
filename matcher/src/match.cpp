#include "trialmatch/matcher/match.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>

namespace trialmatch::matcher {

using engine::Evaluation;
using engine::Truth;

const char* to_string(Outcome o) noexcept {
  switch (o) {
    case Outcome::pass: return "pass";
    case Outcome::fail: return "fail";
    case Outcome::unknown: return "unknown";
    case Outcome::to_confirm: return "to_confirm";
  }
  return "?";
}

const char* to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::eligible: return "eligible";
    case Verdict::needs_review: return "needs_review";
    case Verdict::ineligible: return "ineligible";
  }
  return "?";
}

namespace {

std::string unit_words(const engine::Amount& a) {
  if (a.unit == "a") return a.value == 1 ? "year" : "years";
  if (a.unit == "mo") return a.value == 1 ? "month" : "months";
  if (a.unit == "wk") return a.value == 1 ? "week" : "weeks";
  if (a.unit == "d") return a.value == 1 ? "day" : "days";
  if (a.unit == "h") return a.value == 1 ? "hour" : "hours";
  return a.unit;
}

CompiledCriterion structured_age(const engine::Amount& limit, engine::Comparator cmp, const char* number,
                                 const char* label, const engine::Lexicon& lexicon) {
  engine::Cmp node;
  node.var = "age";
  if (const auto* age = lexicon.find("age")) node.loinc = std::string(age->code("loinc"));
  node.cmp = cmp;
  node.value = limit.value;
  node.unit = limit.unit;
  CompiledCriterion c;
  c.criterion.section = Section::inclusion;
  c.criterion.number = number;
  c.criterion.text = fmt::format("{} {} {} (the trial record's structured limit)", label, limit.value, unit_words(limit));
  c.tree = engine::Node{node, {}};
  c.structured = true;
  return c;
}

}  // namespace

grammar::CriterionSection grammar_section(Section s) noexcept {
  return s == Section::inclusion ? grammar::CriterionSection::inclusion : grammar::CriterionSection::exclusion;
}

std::vector<grammar::ParsedCriterion> parse_criteria(const Trial& trial, const grammar::Parser& parser) {
  std::vector<grammar::ParsedCriterion> parsed;
  parsed.reserve(trial.criteria.size());
  for (const Criterion& criterion : trial.criteria)
    parsed.push_back(parser.parse(criterion.text, grammar_section(criterion.section)));
  // "Donors: age 18-60" beside "Recipients: age 18-70" (in either section): each lead-in names a cohort, and its
  // lines are for that cohort only. One group named alone ("Children: 6 to 12 years") restates whom the trial
  // takes; "Patients:" beside "Participants:" is one group.
  std::vector<std::string_view> groups;
  for (const auto& p : parsed)
    if (!p.people_heading.empty() && std::find(groups.begin(), groups.end(), p.people_heading) == groups.end())
      groups.push_back(p.people_heading);
  if (groups.size() < 2) return parsed;
  for (std::size_t i = 0; i < parsed.size(); ++i)
    if (!parsed[i].people_heading.empty())
      parsed[i] = parser.parse(trial.criteria[i].text, grammar_section(trial.criteria[i].section),
                               grammar::PeopleHeadings::name_cohorts);
  return parsed;
}

CompiledTrial compile(const Trial& trial, const grammar::Parser& parser, const engine::Lexicon& lexicon) {
  CompiledTrial out;
  // Everything but the criteria text, which the compiled criteria below hold once.
  out.trial.id = trial.id;
  out.trial.title = trial.title;
  out.trial.conditions = trial.conditions;
  out.trial.min_age = trial.min_age;
  out.trial.max_age = trial.max_age;
  out.trial.sex = trial.sex;
  out.trial.healthy_volunteers = trial.healthy_volunteers;
  out.trial.status = trial.status;
  out.trial.origin = trial.origin;
  out.criteria.reserve(trial.criteria.size() + 3);
  if (trial.min_age)
    out.criteria.push_back(structured_age(*trial.min_age, engine::Comparator::ge, "min_age", "Minimum age", lexicon));
  if (trial.max_age)
    out.criteria.push_back(structured_age(*trial.max_age, engine::Comparator::le, "max_age", "Maximum age", lexicon));
  if (trial.sex == "female" || trial.sex == "male") {
    CompiledCriterion c;
    c.criterion.section = Section::inclusion;
    c.criterion.number = "sex";
    c.criterion.text = fmt::format("Sex: {} only (the trial record's structured limit)", trial.sex);
    c.tree = engine::Node{engine::Sex{trial.sex}, {}};
    c.structured = true;
    out.criteria.push_back(std::move(c));
  }
  std::vector<grammar::ParsedCriterion> parsed = parse_criteria(trial, parser);
  for (std::size_t i = 0; i < parsed.size(); ++i)
    out.criteria.push_back(
        CompiledCriterion{trial.criteria[i], std::move(parsed[i].tree), std::move(parsed[i].diagnostics), false});
  bind(out, lexicon);
  // Matching reads the bound array; the criteria are decoded again only for a report.
  out.criteria.compact();
  return out;
}

namespace {
engine::BoundTree bind_criteria(const CriterionList& criteria, const engine::Lexicon& lexicon) {
  std::vector<std::pair<const engine::Node*, bool>> trees;
  trees.reserve(criteria.size());
  for (const CompiledCriterion& c : criteria) trees.emplace_back(&c.tree, c.criterion.section == Section::exclusion);
  return engine::BoundTree::bind_each(trees, lexicon);
}
}  // namespace

void bind(CompiledTrial& trial, const engine::Lexicon& lexicon) {
  if (trial.criteria.is_encoded() && !trial.criteria.is_decoded()) {
    // Bind from a decoded copy, so that the trial keeps only its encoded criteria.
    const CriterionList copy = trial.criteria;
    trial.bound = bind_criteria(copy, lexicon);
  } else {
    trial.bound = bind_criteria(trial.criteria, lexicon);
  }
}

std::vector<CompiledTrial> compile(const std::vector<Trial>& trials, const grammar::Parser& parser,
                                   const engine::Lexicon& lexicon) {
  std::vector<CompiledTrial> out;
  out.reserve(trials.size());
  for (const Trial& t : trials) out.push_back(compile(t, parser, lexicon));
  return out;
}

Outcome outcome_of(Section section, const Evaluation& evaluation) noexcept {
  switch (evaluation.truth) {
    case Truth::true_: return section == Section::inclusion ? Outcome::pass : Outcome::fail;
    case Truth::false_: return section == Section::inclusion ? Outcome::fail : Outcome::pass;
    case Truth::unknown: return evaluation.judgement ? Outcome::to_confirm : Outcome::unknown;
  }
  return Outcome::unknown;
}

TrialResult match_trial(const engine::Patient& patient, const CompiledTrial& trial, const engine::Lexicon& lexicon,
                        const engine::EvalOptions& options) {
  return match_trial(patient, trial, lexicon, options, options.evidence ? Detail::all : Detail::none);
}

TrialResult match_trial(const engine::Patient& patient, const CompiledTrial& trial, const engine::Lexicon& lexicon,
                        const engine::EvalOptions& options, Detail detail) {
  const engine::PatientFacts facts(patient, lexicon, options.as_of);
  return match_trial(facts, trial, options, detail);
}

namespace {
// The bound trees hold one tree per criterion (else the trial was changed or built by hand: none is used).
bool usable(const CompiledTrial& trial) noexcept { return trial.bound.trees() == trial.criteria.size(); }

using RootTruth = engine::TruthReader::RootTruth;

// Every criterion's truth from the trial's bound array, read in one call per trial (on the stack for a
// trial of usual size); empty where the trial holds no usable array.
class RootTruths {
 public:
  RootTruths(const CompiledTrial& trial, const engine::TruthReader& reader, bool wanted = true) {
    if (!wanted || !usable(trial)) return;
    const std::size_t count = trial.bound.trees();
    if (count > small_.size()) large_.resize(count);
    truths_ = count > small_.size() ? std::span<RootTruth>(large_) : std::span<RootTruth>(small_.data(), count);
    reader.read_all(truths_);
  }
  // Null where the criterion's truth is not read from the array: evaluate() on its tree decides it.
  const RootTruth* at(std::size_t k) const noexcept { return k < truths_.size() && truths_[k].read ? &truths_[k] : nullptr; }
  RootTruths(const RootTruths&) = delete;  // refers to its own array
  RootTruths& operator=(const RootTruths&) = delete;

 private:
  std::array<RootTruth, 48> small_;
  std::vector<RootTruth> large_;
  std::span<RootTruth> truths_;
};

// Criterion `index`'s evaluation with evidence, for `r`: the memo's where there is one (made there the first
// time this patient's tree is asked for), else its own, evaluated here.
void evaluate_with_evidence(CriterionResult& r, const engine::PatientFacts& facts, const CompiledTrial& trial,
                            std::size_t index, const engine::EvalOptions& full, SharedEvidence shared) {
  const engine::Node& tree = trial.criteria[index].tree;
  const auto evaluate = [&](engine::Evaluation& into) { engine::evaluate(tree, facts.patient(), facts.lexicon(), full, into); };
  if (shared.memo) r.share_evaluation(shared.memo->get(shared.tree_ids[index], evaluate));
  else evaluate(r.own_evaluation());
}

// match_criterion with the criterion's truth read beforehand from the bound array where it can be
// (`bound_truth`), else from evaluate(). Writes over `r` in place (a result per criterion per trial: no
// move of it afterwards; a recycled result keeps its vectors' capacity).
void fill_result(CriterionResult& r, const engine::PatientFacts& facts, const RootTruth* bound_truth,
                 const CompiledTrial& trial, std::size_t index, const engine::EvalOptions& options, Detail detail,
                 SharedEvidence shared) {
  const engine::Patient& patient = facts.patient();
  const engine::Lexicon& lexicon = facts.lexicon();
  r.criterion = CriterionRef(&trial, static_cast<std::uint32_t>(index));
  engine::EvalOptions full = options;
  full.evidence = true;
  if (detail == Detail::all) {
    evaluate_with_evidence(r, facts, trial, index, full, shared);
    r.outcome = outcome_of(trial.criteria[index].criterion.section, r.evaluation());
    return;
  }
  engine::Evaluation& own = r.own_evaluation();
  if (bound_truth) {
    // Truth and section from the bound array alone: the criterion itself (text, tree) is not decoded
    // unless its evidence is wanted below, which keeps a pass over many trials in the cache.
    own.evidence.clear();
    own.missing.clear();
    own.truth = bound_truth->truth;
    own.judgement = bound_truth->judgement;
    r.outcome = outcome_of(bound_truth->marked ? Section::exclusion : Section::inclusion, own);
  } else {
    const CompiledCriterion& c = trial.criteria[index];
    engine::EvalOptions truth_only = options;
    truth_only.evidence = false;
    engine::evaluate(c.tree, patient, lexicon, truth_only, own);
    r.outcome = outcome_of(c.criterion.section, own);
  }
  // The summary shows failures and unknowns with their evidence: only those are evaluated again.
  if (detail == Detail::shown && (r.outcome == Outcome::fail || r.outcome == Outcome::unknown))
    evaluate_with_evidence(r, facts, trial, index, full, shared);
}
}  // namespace

CriterionResult match_criterion(const engine::PatientFacts& facts, const CompiledTrial& trial, std::size_t index,
                                std::uint32_t root, const engine::EvalOptions& options, Detail detail,
                                SharedEvidence shared) {
  CriterionResult r;
  const engine::TruthReader reader(trial.bound, facts, options);
  RootTruth truth;
  const bool bound = detail != Detail::all && usable(trial) && reader.can_read(root);
  if (bound) {
    const engine::TruthOnly t = reader.read(root);
    truth = {t.truth, t.judgement, trial.bound.marked(root), true};
  }
  fill_result(r, facts, bound ? &truth : nullptr, trial, index, options, detail, shared);
  return r;
}

TrialResult match_trial(const engine::PatientFacts& facts, const CompiledTrial& trial, const engine::EvalOptions& options,
                        Detail detail) {
  TrialResult result;
  match_trial(result, facts, trial, options, detail);
  return result;
}

void match_trial(TrialResult& result, const engine::PatientFacts& facts, const CompiledTrial& trial,
                 const engine::EvalOptions& options, Detail detail, SharedEvidence shared) {
  result.trial = &trial;
  result.failures = 0;
  result.unknowns = 0;
  result.screened_out = false;
  const std::size_t count = trial.criteria.size();
  // Built in place, once per trial; each element written over (fill_result sets every field).
  std::vector<CriterionResult>& criteria = result.criteria.own_to_overwrite();
  criteria.resize(count);
  const engine::TruthReader reader(trial.bound, facts, options);
  // Every criterion's evidence is built from its tree with Detail::all: then no truth is read beforehand.
  const RootTruths truths(trial, reader, detail != Detail::all);
  // The outcome of a truth read from the bound array, from a table (outcome_of: true fails an exclusion,
  // false an inclusion; unknown is to_confirm where only a person's judgement is missing).
  static constexpr Outcome kOutcome[3][2][2] = {
      {{Outcome::fail, Outcome::pass}, {Outcome::fail, Outcome::pass}},                   // false: [judgement][marked]
      {{Outcome::pass, Outcome::fail}, {Outcome::pass, Outcome::fail}},                   // true
      {{Outcome::unknown, Outcome::unknown}, {Outcome::to_confirm, Outcome::to_confirm}}  // unknown
  };
  if (detail == Detail::none) {
    // Truth only (a screening pass): every criterion read from the bound array goes through this loop;
    // fill_result's truth-only case inline.
    std::size_t failures = 0, unknowns = 0;
    for (std::size_t k = 0; k < count; ++k) {
      CriterionResult& r = criteria[k];
      if (const RootTruth* t = truths.at(k)) {
        r.criterion = CriterionRef(&trial, static_cast<std::uint32_t>(k));
        engine::Evaluation& own = r.own_evaluation();
        own.evidence.clear();
        own.missing.clear();
        own.truth = t->truth;
        own.judgement = t->judgement;
        r.outcome = kOutcome[static_cast<unsigned>(t->truth)][t->judgement][t->marked];
      } else {
        fill_result(r, facts, nullptr, trial, k, options, detail, shared);
      }
      failures += r.outcome == Outcome::fail;
      unknowns += r.outcome == Outcome::unknown;
    }
    result.failures = failures;
    result.unknowns = unknowns;
  } else {
    for (std::size_t k = 0; k < count; ++k) {
      CriterionResult& r = criteria[k];
      const RootTruth* t = truths.at(k);
      if (t && detail == Detail::shown) {
        // fill_result's commonest case inline: a truth read from the bound array that passes (or waits for
        // a person) needs no evidence in the summary.
        const Outcome outcome = kOutcome[static_cast<unsigned>(t->truth)][t->judgement][t->marked];
        if (outcome == Outcome::pass || outcome == Outcome::to_confirm) {
          r.criterion = CriterionRef(&trial, static_cast<std::uint32_t>(k));
          engine::Evaluation& own = r.own_evaluation();
          own.evidence.clear();
          own.missing.clear();
          own.truth = t->truth;
          own.judgement = t->judgement;
          r.outcome = outcome;
          continue;
        }
      }
      fill_result(r, facts, t, trial, k, options, detail, shared);
      if (r.outcome == Outcome::fail) ++result.failures;
      if (r.outcome == Outcome::unknown) ++result.unknowns;
    }
  }
  result.verdict = result.failures ? Verdict::ineligible
                   : result.unknowns ? Verdict::needs_review
                                     : Verdict::eligible;
}

void EvidenceMemo::next_patient(std::size_t trees) {
  if (evaluations_.size() < trees) {
    evaluations_.resize(trees);
    made_for_.resize(trees, 0);
  }
  ++patient_;
}

namespace {
// A criterion's truth from evaluate() on its tree (the bound array cannot say), for screening.
engine::TruthReader::UnreadTruth unread_truth(const engine::PatientFacts& facts, const CompiledTrial& trial, std::size_t k,
                                              const engine::EvalOptions& options) {
  engine::EvalOptions truth_only = options;
  truth_only.evidence = false;
  const Evaluation e = engine::evaluate(trial.criteria[k].tree, facts.patient(), facts.lexicon(), truth_only);
  return {e.truth, e.judgement, trial.criteria[k].criterion.section == Section::exclusion};
}
}  // namespace

Screening screen_trial(const engine::PatientFacts& facts, const CompiledTrial& trial, const engine::EvalOptions& options) {
  Screening s;
  if (usable(trial)) {
    // Only the bound array is read, in one pass that counts as it goes: the criteria (text, trees) stay
    // encoded and out of the cache, except where a tree could not be bound.
    struct Context {
      const engine::PatientFacts& facts;
      const CompiledTrial& trial;
      const engine::EvalOptions& options;
    } context{facts, trial, options};
    const engine::TruthReader reader(trial.bound, facts, options);
    const engine::TruthReader::Counts counts = reader.count_all(
        [](const void* c, std::size_t k) {
          const auto& x = *static_cast<const Context*>(c);
          return unread_truth(x.facts, x.trial, k, x.options);
        },
        &context);
    s.failures = counts.failures;
    s.unknowns = counts.unknowns;
  } else {
    for (std::size_t k = 0, count = trial.criteria.size(); k < count; ++k) {
      const engine::TruthReader::UnreadTruth t = unread_truth(facts, trial, k, options);
      if (t.truth == Truth::unknown) s.unknowns += !t.judgement;
      else s.failures += (t.truth == Truth::true_) == t.exclusion;
    }
  }
  s.verdict = s.failures ? Verdict::ineligible : s.unknowns ? Verdict::needs_review : Verdict::eligible;
  return s;
}

void sort_results(std::vector<TrialResult>& results) {
  std::stable_sort(results.begin(), results.end(), [](const TrialResult& a, const TrialResult& b) {
    if (a.verdict != b.verdict) return a.verdict < b.verdict;
    if (a.verdict == Verdict::needs_review && a.unknowns != b.unknowns) return a.unknowns < b.unknowns;
    return a.trial->trial.id < b.trial->trial.id;
  });
}

std::vector<TrialResult> match_all(const engine::Patient& patient, const std::vector<CompiledTrial>& trials,
                                   const engine::Lexicon& lexicon, const engine::EvalOptions& options) {
  return match_all(patient, trials, lexicon, options, options.evidence ? Detail::all : Detail::none);
}

std::vector<TrialResult> match_all(const engine::Patient& patient, const std::vector<CompiledTrial>& trials,
                                   const engine::Lexicon& lexicon, const engine::EvalOptions& options, Detail detail) {
  if (detail != Detail::none) decode_criteria(trials);
  const engine::PatientFacts facts(patient, lexicon, options.as_of);
  std::vector<TrialResult> results;
  results.reserve(trials.size());
  for (const CompiledTrial& t : trials) results.push_back(match_trial(facts, t, options, detail));
  sort_results(results);
  return results;
}

}  // namespace trialmatch::matcher

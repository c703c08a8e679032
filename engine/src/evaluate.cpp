// The tree walk: Kleene logic over all/any/not/if, leaves delegated to evaluate_{cmp,age,has}.cpp.
#include "trialmatch/engine/evaluate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "evaluate_context.hpp"

namespace trialmatch::engine {

namespace detail {

// fmt::to_string writes what "{}" writes (the shortest exact form), without parsing a format string. A
// whole number below 10^15 (most thresholds and many recorded values) is its digits, in fixed notation:
// those are written directly, without the shortest-form search (tests/unit/test_eval_written.cpp).
std::string show_written(double v) {
  if (std::fabs(v) < 1e15 && v == std::trunc(v) && !(v == 0 && std::signbit(v))) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, static_cast<long long>(v)).ptr;
    return std::string(digits, end);
  }
  return fmt::to_string(v);
}

std::string show_number(double v) {
  const double a = std::fabs(v);
  if (!std::isfinite(v) || a >= 1e15) return fmt::format("{}", v);
  if (a == 0) return "0";
  // A whole number below 10^15 is written with its digits and no decimals either way (the zeros after the
  // point are dropped below): written directly, without the fixed-point formatting.
  if (a < 1e15 && v == std::trunc(v)) return show_written(v);
  const int magnitude = static_cast<int>(std::floor(std::log10(a)));
  const int decimals = std::clamp(3 - magnitude, 0, 12);  // 4 significant digits
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

Verdict Evaluator::eval_all(const std::vector<Node>& args, bool conjunction) {
  // and: false dominates; or: true dominates. An unknown is a judgement only if every unknown is.
  const Truth dominant = conjunction ? Truth::false_ : Truth::true_;
  Truth result = conjunction ? Truth::true_ : Truth::false_;
  bool judgement = true;
  for (const Node& arg : args) {
    const Verdict v = eval(arg);
    if (v.truth == Truth::unknown) judgement = judgement && v.judgement;
    result = conjunction ? kleene_and(result, v.truth) : kleene_or(result, v.truth);
    // Keep evaluating after a decision only to show the other children's evidence.
    if (result == dominant && !explaining()) break;
  }
  return {result, result == Truth::unknown && judgement};
}

Verdict Evaluator::eval(const Node& node) {
  const std::size_t missing_mark = out_.missing.size();
  const Verdict v = std::visit(
      [&](const auto& n) -> Verdict {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, All>) {
          return eval_all(n.args, true);
        } else if constexpr (std::is_same_v<T, Any>) {
          return eval_all(n.args, false);
        } else if constexpr (std::is_same_v<T, Not>) {
          const Verdict inner = eval(*n.arg);
          return {kleene_not(inner.truth), inner.judgement};
        } else if constexpr (std::is_same_v<T, If>) {
          // if(c, t) = (not c) or t: a guarded criterion holds wherever its guard does not.
          const Verdict guard = eval(*n.cond);
          const Verdict then = eval(*n.then);
          const Truth t = kleene_or(kleene_not(guard.truth), then.truth);
          const bool judgement = (guard.truth != Truth::unknown || guard.judgement) &&
                                 (then.truth != Truth::unknown || then.judgement);
          return {t, t == Truth::unknown && judgement};
        } else if constexpr (std::is_same_v<T, Cmp>) {
          return n.var == "age" && n.name.empty() ? eval_age(n) : eval_cmp(n);
        } else if constexpr (std::is_same_v<T, Has>) {
          return eval_has(n);
        } else if constexpr (std::is_same_v<T, Sex>) {
          const Truth t = patient_.sex.empty() ? Truth::unknown : patient_.sex == n.value ? Truth::true_ : Truth::false_;
          if (explaining()) {
            Evidence& e = new_evidence();
            e.var = "sex";
            e.fact = patient_.sex.empty() ? "not recorded" : patient_.sex;
            e.source = patient_.sex.empty() ? "" : "sex";
            e.threshold = n.value;
            e.truth = t;
            if (t == Truth::unknown) add_missing("sex");
          }
          return {t, false};
        } else {
          static_assert(std::is_same_v<T, Text>);
          const bool judgement = n.reason == TextReason::judgement;
          if (explaining()) {
            Evidence& e = new_evidence();
            e.threshold = n.text;
            e.note = judgement ? "only a person can judge this" : "not understood: a person must read it";
          }
          return {Truth::unknown, judgement};
        }
      },
      node.kind);
  // A decided node needs nothing more: forget what its unknown children were missing.
  if (v.truth != Truth::unknown && out_.missing.size() > missing_mark) out_.missing.resize(missing_mark);
  return v;
}

}  // namespace detail

Evaluation evaluate(const Node& tree, const Patient& patient, const Lexicon& lexicon, const EvalOptions& options) {
  Evaluation out;
  evaluate(tree, patient, lexicon, options, out);
  return out;
}

void evaluate(const Node& tree, const Patient& patient, const Lexicon& lexicon, const EvalOptions& options,
              Evaluation& out) {
  out.missing.clear();
  detail::Evaluator evaluator(patient, lexicon, options, out);
  const detail::Verdict v = evaluator.eval(tree);
  // Entries of an earlier evaluation not written over by this one (Evaluator::new_evidence).
  out.evidence.erase(out.evidence.begin() + static_cast<std::ptrdiff_t>(evaluator.evidence_used()), out.evidence.end());
  out.truth = v.truth;
  out.judgement = v.truth == Truth::unknown && v.judgement;
  if (out.missing.size() > 1) {
    // Each variable once, in first-seen order (kept in place: the vector keeps its capacity).
    auto kept = out.missing.begin();
    for (auto m = out.missing.begin(); m != out.missing.end(); ++m)
      if (std::find(out.missing.begin(), kept, *m) == kept) {
        if (m != kept) *kept = std::move(*m);
        ++kept;
      }
    out.missing.erase(kept, out.missing.end());
  }
}

}  // namespace trialmatch::engine

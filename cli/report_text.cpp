#include <fmt/format.h>

#include "report.hpp"

namespace trialmatch::cli {

namespace {

using matcher::Outcome;
using matcher::Verdict;

struct Palette {
  bool on = false;
  std::string paint(std::string_view text, const char* code) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
};

const char* verdict_label(Verdict v) {
  switch (v) {
    case Verdict::eligible: return "ELIGIBLE";
    case Verdict::needs_review: return "NEEDS REVIEW";
    case Verdict::ineligible: return "INELIGIBLE";
  }
  return "?";
}

const char* verdict_colour(Verdict v) {
  return v == Verdict::eligible ? "1;32" : v == Verdict::needs_review ? "1;33" : "1;31";
}

const char* outcome_label(Outcome o) {
  switch (o) {
    case Outcome::pass: return "pass";
    case Outcome::fail: return "FAIL";
    case Outcome::unknown: return "unknown";
    case Outcome::to_confirm: return "to confirm";
  }
  return "?";
}

// Cuts at a UTF-8 boundary so that a long criterion stays on one line in the overview.
std::string shorten(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

std::string evidence_line(const engine::Evidence& e) {
  if (e.var.empty()) return fmt::format("\"{}\": {}", shorten(e.threshold, 140), e.note);
  std::string fact = e.fact;
  if (fact.empty() && e.value) fact = fmt::format("{} {}", *e.value, e.unit);
  std::string line = e.var;
  if (!fact.empty()) line += ": " + fact;
  if (!e.date.empty()) line += fmt::format(" ({})", e.date);
  if (!e.threshold.empty()) line += fmt::format("; needs {}", e.threshold);
  if (!e.conversion.empty()) line += fmt::format("; {}", e.conversion);
  if (!e.note.empty()) line += fmt::format("; {}", e.note);
  line += fmt::format(" -> {}", engine::to_string(e.truth));
  return line;
}

void criterion_block(std::string& out, const matcher::CriterionResult& c, bool full, const Palette& palette) {
  const auto& criterion = c.criterion->criterion;
  const char* colour = c.outcome == Outcome::fail ? "31" : c.outcome == Outcome::unknown ? "33" : c.outcome == Outcome::pass ? "32" : "36";
  const std::string where = fmt::format("{} {}", matcher::to_string(criterion.section), criterion.number);
  out += fmt::format("  {}  {:<15} {}\n", palette.paint(fmt::format("{:<10}", outcome_label(c.outcome)), colour), where,
                     full ? criterion.text : shorten(criterion.text, 110));
  const std::string indent(30, ' ');
  for (const auto& e : c.evaluation.evidence) {
    // The whole criterion left as text needs no quoting again: say only why it is open.
    if (e.var.empty() && e.threshold == criterion.text) out += indent + e.note + "\n";
    else out += indent + evidence_line(e) + "\n";
  }
  if (!c.evaluation.missing.empty()) {
    out += indent + "would be decided by: ";
    for (std::size_t i = 0; i < c.evaluation.missing.size(); ++i) out += (i ? ", " : "") + c.evaluation.missing[i];
    out += "\n";
  }
}

}  // namespace

std::string report_text(const engine::Patient& patient, engine::Date as_of,
                        const std::vector<matcher::TrialResult>& results, const TextStyle& style) {
  const Palette palette{style.colour};
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& r : results) ++counts[static_cast<int>(r.verdict)];
  std::string out = fmt::format("Patient {} as of {}: {} trial{}: {} eligible, {} need{} review, {} ineligible\n",
                                patient.id.empty() ? "(no id)" : patient.id, engine::format_date(as_of), results.size(),
                                results.size() == 1 ? "" : "s", counts[0], counts[1], counts[1] == 1 ? "s" : "",
                                counts[2]);
  for (const auto& w : patient.warnings) out += palette.paint("warning: ", "33") + w + "\n";

  for (const auto& r : results) {
    const auto& trial = r.trial->trial;
    std::string summary;
    if (r.verdict == Verdict::ineligible) summary = fmt::format(" ({} failing)", r.failures);
    if (r.verdict == Verdict::needs_review) summary = fmt::format(" ({} unknown)", r.unknowns);
    out += fmt::format("\n{}  {}  {}{}\n", palette.paint(fmt::format("{:<12}", verdict_label(r.verdict)), verdict_colour(r.verdict)),
                       trial.id, trial.title, summary);
    // Failing first, then unknowns, then what a person must confirm; passes only when explaining.
    std::vector<std::string> to_confirm;
    if (style.every_criterion) {
      // Explaining: every criterion in the trial's own order.
      for (const auto& c : r.criteria) criterion_block(out, c, true, palette);
      continue;
    }
    for (Outcome wanted : {Outcome::fail, Outcome::unknown, Outcome::to_confirm}) {
      for (const auto& c : r.criteria) {
        if (c.outcome != wanted) continue;
        if (wanted == Outcome::to_confirm) {
          to_confirm.push_back(fmt::format("{} {}", matcher::to_string(c.criterion->criterion.section), c.criterion->criterion.number));
          continue;
        }
        criterion_block(out, c, false, palette);
      }
    }
    if (!to_confirm.empty()) {
      out += fmt::format("  {}  {} only a person can judge: ", palette.paint(fmt::format("{:<10}", "to confirm"), "36"),
                         to_confirm.size() == 1 ? "1 criterion" : fmt::format("{} criteria", to_confirm.size()));
      for (std::size_t i = 0; i < to_confirm.size(); ++i) out += (i ? ", " : "") + to_confirm[i];
      out += "\n";
    }
  }
  return out;
}

}  // namespace trialmatch::cli

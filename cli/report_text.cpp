#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <iterator>
#include <string_view>
#include <utility>
#include <vector>

#include "report.hpp"
#include "text_buffer.hpp"

namespace trialmatch::cli {

namespace {

using matcher::Outcome;
using matcher::Verdict;
using namespace std::string_view_literals;  // pieces appended with their length known (no strlen per piece)

// Everything is put in one buffer (no temporary string per line or field), with room made once per line
// (TextBuffer): the text report is most of a batch's output, and its building was most of a batch's time.
struct Palette {
  bool on = false;
  // `text` padded to `width` (0: as it is), in colour where colour is on.
  void paint(TextBuffer& out, std::string_view text, std::string_view code, std::size_t width = 0) const {
    out.room(text.size() + width + code.size() + 8);
    if (on) {
      out.put("\x1b["sv);
      out.put(code);
      out.put('m');
    }
    out.put(text);
    if (text.size() < width) out.spaces(width - text.size());
    if (on) out.put("\x1b[0m"sv);
  }
};

// A count, as "{}" writes it, without a format string parsed per trial. Needs room for 20 bytes.
void put_count(TextBuffer& out, std::size_t n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.put(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

std::string_view verdict_label(Verdict v) {
  switch (v) {
    case Verdict::eligible: return "ELIGIBLE"sv;
    case Verdict::needs_review: return "NEEDS REVIEW"sv;
    case Verdict::ineligible: return "INELIGIBLE"sv;
  }
  return "?"sv;
}

std::string_view verdict_colour(Verdict v) {
  return v == Verdict::eligible ? "1;32"sv : v == Verdict::needs_review ? "1;33"sv : "1;31"sv;
}

std::string_view outcome_label(Outcome o) {
  switch (o) {
    case Outcome::pass: return "pass"sv;
    case Outcome::fail: return "FAIL"sv;
    case Outcome::unknown: return "unknown"sv;
    case Outcome::to_confirm: return "to confirm"sv;
  }
  return "?"sv;
}

// The start of a trial's block without colour: a blank line, the verdict padded to 12 columns and "  ".
std::string_view plain_verdict_start(Verdict v) {
  switch (v) {
    case Verdict::eligible: return "\nELIGIBLE      "sv;
    case Verdict::needs_review: return "\nNEEDS REVIEW  "sv;
    case Verdict::ineligible: return "\nINELIGIBLE    "sv;
  }
  return "\n?             "sv;
}

// matcher::to_string(Section), with its length.
std::string_view section_word(matcher::Section s) { return s == matcher::Section::inclusion ? "inclusion"sv : "exclusion"sv; }

// Runs of fixed text written as one piece each (the report is appended piece by piece, and most of its
// pieces are these): an evidence line's end, " -> " and engine::to_string(truth) and the newline; the
// start of a criterion line without colour, "  " and the outcome label padded to 10 columns and "  ".
std::string_view truth_line_end(engine::Truth t) {
  return t == engine::Truth::true_ ? " -> true\n"sv : t == engine::Truth::false_ ? " -> false\n"sv : " -> unknown\n"sv;
}
std::string_view plain_outcome_start(Outcome o) {
  switch (o) {
    case Outcome::pass: return "  pass        "sv;
    case Outcome::fail: return "  FAIL        "sv;
    case Outcome::unknown: return "  unknown     "sv;
    case Outcome::to_confirm: return "  to confirm  "sv;
  }
  return "  ?           "sv;
}

// Cuts at a UTF-8 boundary so that a long criterion stays on one line in the overview. Needs room for
// min(s.size(), max_bytes + 3) bytes.
void put_shortened(TextBuffer& out, std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) {
    out.put(s);
    return;
  }
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  out.put(s.substr(0, cut));
  out.put("…"sv);
}

// One evidence line, its newline included (room made here).
void put_evidence_line(TextBuffer& out, const engine::Evidence& e) {
  if (e.var.empty()) {
    out.room(e.note.size() + 160);
    out.put('"');
    put_shortened(out, e.threshold, 140);
    out.put("\": "sv);
    out.put(e.note);
    out.put('\n');
    return;
  }
  out.room(e.var.size() + e.fact.size() + e.date.size() + e.threshold.size() + e.conversion.size() + e.note.size() + 40);
  out.put(e.var);
  if (!e.fact.empty()) {
    out.put(": "sv);
    out.put(e.fact);
  } else if (e.value) {
    // A recorded value without its text (rare): fmt writes the figure, then room again for the rest.
    fmt::format_to(std::back_inserter(out), ": {} ", *e.value);
    out.append(e.unit);
    out.room(e.date.size() + e.threshold.size() + e.conversion.size() + e.note.size() + 40);
  }
  // Strings put as they are (what "{}" writes), without a format string parsed per field.
  if (!e.date.empty()) {
    out.put(" ("sv);
    out.put(e.date);
    out.put(')');
  }
  if (!e.threshold.empty()) {
    out.put("; needs "sv);
    out.put(e.threshold);
  }
  if (!e.conversion.empty()) {
    out.put("; "sv);
    out.put(e.conversion);
  }
  if (!e.note.empty()) {
    out.put("; "sv);
    out.put(e.note);
  }
  out.put(truth_line_end(e.truth));
}

// The evidence lines of evaluations shared by alike criteria (CriterionResult::shares_evaluation), where this
// report wrote them first: the same evaluation shows the same lines under every criterion that refers to it,
// so they are copied from there (the same line in many trials is most of a batch's report). One report's.
class SharedEvidenceText {
 public:
  // Where `e`'s lines are in `out`, if written before in this report.
  const std::pair<std::size_t, std::size_t>* find(const engine::Evaluation* e) const {
    for (const Written& w : written_)
      if (w.evaluation == e) return &w.at;
    return nullptr;
  }
  void add(const engine::Evaluation* e, std::size_t begin, std::size_t size) { written_.push_back({e, {begin, size}}); }

 private:
  struct Written {
    const engine::Evaluation* evaluation;
    std::pair<std::size_t, std::size_t> at;  // begin, size in the report's buffer
  };
  std::vector<Written> written_;
};

void evidence_lines(TextBuffer& out, const matcher::CriterionResult& c, const matcher::Criterion& criterion);

// The lines under a criterion's line: copied where its shared evaluation's were written before in this report,
// else written (and noted where they can be copied: a line of text that quotes the criterion itself is
// written otherwise under another criterion's text, so such lines are not noted).
void put_evidence(TextBuffer& out, const matcher::CriterionResult& c, const matcher::Criterion& criterion,
                  SharedEvidenceText& shared) {
  const engine::Evaluation* evaluation = c.shares_evaluation() ? &c.evaluation() : nullptr;
  if (evaluation) {
    if (const auto* at = shared.find(evaluation)) {
      out.room(at->second);
      out.put(out.view().substr(at->first, at->second));
      return;
    }
  }
  const std::size_t begin = out.size();
  evidence_lines(out, c, criterion);
  if (evaluation && std::none_of(evaluation->evidence.begin(), evaluation->evidence.end(),
                                 [](const engine::Evidence& e) { return e.var.empty(); }))
    shared.add(evaluation, begin, out.size() - begin);
}

void criterion_block(TextBuffer& out, const matcher::CriterionResult& c, bool full, const Palette& palette,
                     SharedEvidenceText& shared) {
  const auto& criterion = c.criterion->criterion;
  const std::string_view colour = c.outcome == Outcome::fail      ? "31"sv
                                  : c.outcome == Outcome::unknown ? "33"sv
                                  : c.outcome == Outcome::pass    ? "32"sv
                                                                  : "36"sv;
  if (palette.on) {
    out.room(2);
    out.put("  "sv);
    palette.paint(out, outcome_label(c.outcome), colour, 10);
    out.room(2);
    out.put("  "sv);
  } else {
    out.room(14);
    out.put(plain_outcome_start(c.outcome));
  }
  // "section number" padded to 15 columns: by bytes where ASCII, else as fmt counts width.
  out.room(criterion.number.size() + criterion.text.size() + 32);
  const std::size_t where_at = out.size();
  out.put(criterion.section == matcher::Section::inclusion ? "inclusion "sv : "exclusion "sv);
  out.put(criterion.number);
  const std::string_view where = out.view().substr(where_at);
  if (std::any_of(where.begin(), where.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; })) {
    const std::string copy(where);
    out.cut(where_at);
    fmt::format_to(std::back_inserter(out), "{:<15}", copy);
    out.room(criterion.text.size() + 8);
  } else if (where.size() < 15) {
    out.spaces(15 - where.size());
  }
  out.put(' ');
  if (full) out.put(criterion.text);
  else put_shortened(out, criterion.text, 110);
  out.put('\n');
  put_evidence(out, c, criterion, shared);
}

void evidence_lines(TextBuffer& out, const matcher::CriterionResult& c, const matcher::Criterion& criterion) {
  constexpr std::string_view indent = "                              ";  // 30 spaces
  for (const auto& e : c.evaluation().evidence) {
    // The whole criterion left as text needs no quoting again: say only why it is open.
    if (e.var.empty() && e.threshold == criterion.text) {
      out.room(indent.size() + e.note.size() + 1);
      out.put(indent);
      out.put(e.note);
      out.put('\n');
    } else {
      out.room(indent.size());
      out.put(indent);
      put_evidence_line(out, e);
    }
  }
  if (!c.evaluation().missing.empty()) {
    constexpr std::string_view decided_by = "                              would be decided by: "sv;  // the indent, then the words
    std::size_t size = decided_by.size() + 1;
    for (const auto& m : c.evaluation().missing) size += m.size() + 2;
    out.room(size);
    out.put(decided_by);
    for (std::size_t i = 0; i < c.evaluation().missing.size(); ++i) {
      if (i) out.put(", "sv);
      out.put(c.evaluation().missing[i]);
    }
    out.put('\n');
  }
}

}  // namespace

void report_text(TextBuffer& out, const engine::Patient& patient, engine::Date as_of,
                 const std::vector<matcher::TrialResult>& results, const TextStyle& style) {
  const Palette palette{style.colour};
  SharedEvidenceText shared;
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& r : results) ++counts[static_cast<int>(r.verdict)];
  fmt::format_to(std::back_inserter(out), "Patient {} as of {}: {} trial{}: {} eligible, {} need{} review, {} ineligible\n",
                 patient.id.empty() ? "(no id)" : patient.id, engine::format_date(as_of), results.size(),
                 results.size() == 1 ? "" : "s", counts[0], counts[1], counts[1] == 1 ? "s" : "", counts[2]);
  for (const auto& w : patient.warnings) {
    palette.paint(out, "warning: ", "33");
    out.room(w.size() + 1);
    out.put(w);
    out.put('\n');
  }

  for (const auto& r : results) {
    const auto& trial = r.trial->trial;
    if (palette.on) {
      out.room(1);
      out.put('\n');
      palette.paint(out, verdict_label(r.verdict), verdict_colour(r.verdict), 12);
      out.room(2);
      out.put("  "sv);
    } else {
      out.room(16);
      out.put(plain_verdict_start(r.verdict));
    }
    out.room(trial.id.size() + trial.title.size() + 64);
    out.put(trial.id);
    out.put("  "sv);
    out.put(trial.title);
    if (r.verdict == Verdict::ineligible) {
      if (r.screened_out) out.put(" (outside the trial's structured limits)"sv);
      else {
        out.put(" ("sv);
        put_count(out, r.failures);
        out.put(" failing)"sv);
      }
    }
    if (r.verdict == Verdict::needs_review) {
      out.put(" ("sv);
      put_count(out, r.unknowns);
      out.put(" unknown)"sv);
    }
    out.put('\n');
    if (style.every_criterion) {
      // Explaining: every criterion in the trial's own order.
      for (const auto& c : r.criteria) criterion_block(out, c, true, palette, shared);
      continue;
    }
    // Failing first, then unknowns, then what a person must confirm; passes only when explaining. One
    // pass counts them, so that a trial without any of one kind is not walked for it.
    const std::vector<matcher::CriterionResult>& criteria = r.criteria.list();
    std::size_t failing = 0, unknown = 0, to_confirm = 0;
    for (const auto& c : criteria) {
      failing += c.outcome == Outcome::fail;
      unknown += c.outcome == Outcome::unknown;
      to_confirm += c.outcome == Outcome::to_confirm;
    }
    if (failing)
      for (const auto& c : criteria)
        if (c.outcome == Outcome::fail) criterion_block(out, c, false, palette, shared);
    if (unknown)
      for (const auto& c : criteria)
        if (c.outcome == Outcome::unknown) criterion_block(out, c, false, palette, shared);
    if (r.screened_out) {
      if (palette.on) {
        out.room(2);
        out.put("  "sv);
        palette.paint(out, "skipped", "36", 10);
      } else {
        out.room(12);
        out.put("  skipped   "sv);
      }
      constexpr std::string_view not_checked = "  the criteria text was not checked: the structured limit above already excludes\n"sv;
      out.room(not_checked.size());
      out.put(not_checked);
    }
    if (to_confirm) {
      if (palette.on) {
        out.room(2);
        out.put("  "sv);
        palette.paint(out, "to confirm", "36", 10);
        out.room(2);
        out.put("  "sv);
      } else {
        out.room(14);
        out.put(plain_outcome_start(Outcome::to_confirm));
      }
      out.room(64);
      if (to_confirm == 1) out.put("1 criterion"sv);
      else {
        put_count(out, to_confirm);
        out.put(" criteria"sv);
      }
      out.put(" only a person can judge: "sv);
      bool first = true;
      for (const auto& c : criteria) {
        if (c.outcome != Outcome::to_confirm) continue;
        const std::string& number = c.criterion->criterion.number;
        out.room(number.size() + 16);
        if (!first) out.put(", "sv);
        first = false;
        out.put(section_word(c.criterion->criterion.section));
        out.put(' ');
        out.put(number);
      }
      out.room(1);
      out.put('\n');
    }
  }
}

}  // namespace trialmatch::cli

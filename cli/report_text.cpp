#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <string_view>

#include "report.hpp"

namespace trialmatch::cli {

namespace {

using matcher::Outcome;
using matcher::Verdict;
using namespace std::string_view_literals;  // pieces appended with their length known (no strlen per piece)

// Everything is appended to one output string (no temporary string per line or field): the text report
// is most of a batch's output, and its building was most of a batch's time.
using Out = std::back_insert_iterator<std::string>;

struct Palette {
  bool on = false;
  // `text` padded to `width` (0: as it is), in colour where colour is on.
  void paint(std::string& out, std::string_view text, const char* code, std::size_t width = 0) const {
    if (on) fmt::format_to(Out(out), "\x1b[{}m", code);
    out += text;
    if (text.size() < width) out.append(width - text.size(), ' ');
    if (on) out += "\x1b[0m"sv;
  }
};

// A count, as "{}" writes it, without a format string parsed per trial.
void append_count(std::string& out, std::size_t n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

std::string_view verdict_label(Verdict v) {
  switch (v) {
    case Verdict::eligible: return "ELIGIBLE"sv;
    case Verdict::needs_review: return "NEEDS REVIEW"sv;
    case Verdict::ineligible: return "INELIGIBLE"sv;
  }
  return "?"sv;
}

const char* verdict_colour(Verdict v) {
  return v == Verdict::eligible ? "1;32" : v == Verdict::needs_review ? "1;33" : "1;31";
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

// Cuts at a UTF-8 boundary so that a long criterion stays on one line in the overview.
void append_shortened(std::string& out, std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) {
    out += s;
    return;
  }
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  out += s.substr(0, cut);
  out += "…"sv;
}

// One evidence line, its newline included.
void append_evidence_line(std::string& out, const engine::Evidence& e) {
  if (e.var.empty()) {
    out += '"';
    append_shortened(out, e.threshold, 140);
    out += "\": "sv;
    out += e.note;
    out += '\n';
    return;
  }
  out += e.var;
  if (!e.fact.empty()) {
    out += ": "sv;
    out += e.fact;
  } else if (e.value) {
    fmt::format_to(Out(out), ": {} ", *e.value);
    out += e.unit;
  }
  // Strings appended as they are (what "{}" writes), without a format string parsed per field.
  if (!e.date.empty()) {
    out += " ("sv;
    out += e.date;
    out += ')';
  }
  if (!e.threshold.empty()) {
    out += "; needs "sv;
    out += e.threshold;
  }
  if (!e.conversion.empty()) {
    out += "; "sv;
    out += e.conversion;
  }
  if (!e.note.empty()) {
    out += "; "sv;
    out += e.note;
  }
  out += truth_line_end(e.truth);
}

void criterion_block(std::string& out, const matcher::CriterionResult& c, bool full, const Palette& palette) {
  const auto& criterion = c.criterion->criterion;
  const char* colour = c.outcome == Outcome::fail ? "31" : c.outcome == Outcome::unknown ? "33" : c.outcome == Outcome::pass ? "32" : "36";
  if (palette.on) {
    out += "  "sv;
    palette.paint(out, outcome_label(c.outcome), colour, 10);
    out += "  "sv;
  } else {
    out += plain_outcome_start(c.outcome);
  }
  // "section number" padded to 15 columns: by bytes where ASCII, else as fmt counts width.
  const std::size_t where_at = out.size();
  out += criterion.section == matcher::Section::inclusion ? "inclusion "sv : "exclusion "sv;
  out += criterion.number;
  const std::string_view where(out.data() + where_at, out.size() - where_at);
  if (std::any_of(where.begin(), where.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; })) {
    const std::string copy(where);
    out.resize(where_at);
    fmt::format_to(Out(out), "{:<15}", copy);
  } else if (where.size() < 15) {
    out.append(15 - where.size(), ' ');
  }
  out += ' ';
  if (full) out += criterion.text;
  else append_shortened(out, criterion.text, 110);
  out += '\n';
  constexpr std::string_view indent = "                              ";  // 30 spaces
  for (const auto& e : c.evaluation.evidence) {
    out += indent;
    // The whole criterion left as text needs no quoting again: say only why it is open.
    if (e.var.empty() && e.threshold == criterion.text) {
      out += e.note;
      out += '\n';
    } else {
      append_evidence_line(out, e);
    }
  }
  if (!c.evaluation.missing.empty()) {
    out += "                              would be decided by: "sv;  // the indent, then the words
    for (std::size_t i = 0; i < c.evaluation.missing.size(); ++i) {
      if (i) out += ", "sv;
      out += c.evaluation.missing[i];
    }
    out += '\n';
  }
}

}  // namespace

void report_text(std::string& out, const engine::Patient& patient, engine::Date as_of,
                 const std::vector<matcher::TrialResult>& results, const TextStyle& style) {
  const Palette palette{style.colour};
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& r : results) ++counts[static_cast<int>(r.verdict)];
  out.reserve(out.size() + 4096 + results.size() * 512);
  fmt::format_to(Out(out), "Patient {} as of {}: {} trial{}: {} eligible, {} need{} review, {} ineligible\n",
                 patient.id.empty() ? "(no id)" : patient.id, engine::format_date(as_of), results.size(),
                 results.size() == 1 ? "" : "s", counts[0], counts[1], counts[1] == 1 ? "s" : "", counts[2]);
  for (const auto& w : patient.warnings) {
    palette.paint(out, "warning: ", "33");
    out += w;
    out += '\n';
  }

  for (const auto& r : results) {
    const auto& trial = r.trial->trial;
    if (palette.on) {
      out += '\n';
      palette.paint(out, verdict_label(r.verdict), verdict_colour(r.verdict), 12);
      out += "  "sv;
    } else {
      out += plain_verdict_start(r.verdict);
    }
    out += trial.id;
    out += "  "sv;
    out += trial.title;
    if (r.verdict == Verdict::ineligible) {
      if (r.screened_out) out += " (outside the trial's structured limits)"sv;
      else {
        out += " ("sv;
        append_count(out, r.failures);
        out += " failing)"sv;
      }
    }
    if (r.verdict == Verdict::needs_review) {
      out += " ("sv;
      append_count(out, r.unknowns);
      out += " unknown)"sv;
    }
    out += '\n';
    if (style.every_criterion) {
      // Explaining: every criterion in the trial's own order.
      for (const auto& c : r.criteria) criterion_block(out, c, true, palette);
      continue;
    }
    // Failing first, then unknowns, then what a person must confirm; passes only when explaining.
    for (Outcome wanted : {Outcome::fail, Outcome::unknown}) {
      for (const auto& c : r.criteria)
        if (c.outcome == wanted) criterion_block(out, c, false, palette);
    }
    if (r.screened_out) {
      if (palette.on) {
        out += "  "sv;
        palette.paint(out, "skipped", "36", 10);
      } else {
        out += "  skipped   "sv;
      }
      out += "  the criteria text was not checked: the structured limit above already excludes\n"sv;
    }
    std::size_t to_confirm = 0;
    for (const auto& c : r.criteria) to_confirm += c.outcome == Outcome::to_confirm;
    if (to_confirm) {
      if (palette.on) {
        out += "  "sv;
        palette.paint(out, "to confirm", "36", 10);
        out += "  "sv;
      } else {
        out += plain_outcome_start(Outcome::to_confirm);
      }
      if (to_confirm == 1) out += "1 criterion"sv;
      else {
        append_count(out, to_confirm);
        out += " criteria"sv;
      }
      out += " only a person can judge: "sv;
      bool first = true;
      for (const auto& c : r.criteria) {
        if (c.outcome != Outcome::to_confirm) continue;
        if (!first) out += ", "sv;
        first = false;
        out += section_word(c.criterion->criterion.section);
        out += ' ';
        out += c.criterion->criterion.number;
      }
      out += '\n';
    }
  }
}

}  // namespace trialmatch::cli

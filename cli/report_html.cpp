#include <fmt/format.h>

#include "report.hpp"

namespace trialmatch::cli {

namespace {
std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}
}  // namespace

std::string report_html(const engine::Patient& patient, engine::Date as_of,
                        const std::vector<matcher::TrialResult>& results) {
  std::string out = fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>trialmatch: {0}</title>\n"
      "<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;"
      "padding:4px 8px;vertical-align:top}}.fail{{color:#b00}}.unknown{{color:#a60}}.pass{{color:#070}}"
      ".to_confirm{{color:#06a}}</style></head><body>\n<h1>Patient {0}, as of {1}</h1>\n",
      escape(patient.id), engine::format_date(as_of));
  for (const auto& w : patient.warnings) out += fmt::format("<p class=\"unknown\">warning: {}</p>\n", escape(w));
  for (const auto& r : results) {
    const auto& t = r.trial->trial;
    out += fmt::format("<h2>{} {}: <span class=\"{}\">{}</span></h2>\n<table><tr><th>criterion</th><th>text</th>"
                       "<th>outcome</th><th>evidence</th></tr>\n",
                       escape(t.id), escape(t.title), r.verdict == matcher::Verdict::ineligible ? "fail" : r.verdict == matcher::Verdict::eligible ? "pass" : "unknown",
                       matcher::to_string(r.verdict));
    for (const auto& c : r.criteria) {
      std::string evidence;
      for (const auto& e : c.evaluation().evidence)
        evidence += fmt::format("{} {} {} {}<br>", escape(e.var), escape(e.fact), escape(e.threshold), escape(e.note));
      for (const auto& m : c.evaluation().missing) evidence += fmt::format("missing: {}<br>", escape(m));
      out += fmt::format("<tr><td>{} {}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>\n",
                         matcher::to_string(c.criterion->criterion.section), escape(c.criterion->criterion.number),
                         escape(c.criterion->criterion.text), matcher::to_string(c.outcome), matcher::to_string(c.outcome), evidence);
    }
    out += "</table>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace trialmatch::cli

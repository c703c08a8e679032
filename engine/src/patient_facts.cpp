#include <fmt/format.h>

#include <algorithm>

#include "trialmatch/engine/patient.hpp"

namespace trialmatch::engine {

namespace {
const char* kind_name(EventKind k) {
  switch (k) {
    case EventKind::condition: return "condition";
    case EventKind::medication: return "medication";
    case EventKind::procedure: return "procedure";
    case EventKind::immunization: return "immunization";
  }
  return "?";
}
std::string date_or_dash(const std::optional<Date>& d) { return d ? format_date(*d) : std::string("-"); }
std::string bound(const std::optional<double>& v) { return v ? fmt::format("{}", *v) : std::string(); }
}  // namespace

std::vector<std::string> fact_lines(const Patient& p) {
  std::vector<std::string> out;
  out.push_back(fmt::format("id {}", p.id));
  out.push_back(fmt::format("birth_date {}", date_or_dash(p.birth_date)));
  if (p.age) out.push_back(fmt::format("age {} {}", p.age->value, p.age->unit));
  out.push_back(fmt::format("sex {}", p.sex.empty() ? "-" : p.sex));
  for (const Observation& o : p.observations) {
    if (o.concept_id.empty()) continue;  // unmapped codes are not facts the evaluator can use
    std::string line = fmt::format("observation {} {}{} {} {}", o.concept_id, o.censored ? to_string(*o.censored) : "",
                                   o.value, o.unit.ucum, date_or_dash(o.date));
    if (o.reference_range)
      line += fmt::format(" range {}..{} {}", bound(o.reference_range->low), bound(o.reference_range->high),
                          o.reference_range->unit);
    if (!o.problem.empty()) line += " problem: " + o.problem;
    out.push_back(std::move(line));
  }
  for (const Event& e : p.events) {
    if (e.concept_id.empty()) continue;
    out.push_back(fmt::format("{} {} status {} {}..{}", kind_name(e.kind), e.concept_id, e.status.empty() ? "-" : e.status,
                              date_or_dash(e.start), date_or_dash(e.end)));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace trialmatch::engine

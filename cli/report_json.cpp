#include <nlohmann/json.hpp>

#include "report.hpp"
#include "trialmatch/engine/predicate_json.hpp"

namespace trialmatch::cli {

using nlohmann::json;

namespace {
json evidence_json(const engine::Evidence& e) {
  // A piece of text left for a person has no variable: show the text itself.
  if (e.var.empty()) return json{{"text", e.threshold}, {"note", e.note}, {"truth", engine::to_string(e.truth)}};
  json j{{"var", e.var}};
  if (e.value) j["value"] = *e.value;
  if (!e.unit.empty()) j["unit"] = e.unit;
  if (!e.date.empty()) j["date"] = e.date;
  if (!e.fact.empty()) j["fact"] = e.fact;
  if (!e.source.empty()) j["source"] = e.source;
  if (!e.threshold.empty()) j["threshold"] = e.threshold;
  if (!e.conversion.empty()) j["conversion"] = e.conversion;
  if (!e.note.empty()) j["note"] = e.note;
  j["truth"] = engine::to_string(e.truth);
  return j;
}
}  // namespace

json trial_result_json(const matcher::TrialResult& result) {
  const matcher::Trial& trial = result.trial->trial;
  json criteria = json::array();
  for (const auto& c : result.criteria) {
    json evidence = json::array();
    for (const auto& e : c.evaluation().evidence) evidence.push_back(evidence_json(e));
    json diagnostics = json::array();
    for (const auto& d : c.criterion->diagnostics) diagnostics.push_back(engine::to_json(d));
    json entry{{"section", matcher::to_string(c.criterion->criterion.section)},
               {"number", c.criterion->criterion.number},
               {"text", c.criterion->criterion.text},
               {"truth", engine::to_string(c.evaluation().truth)},
               {"outcome", matcher::to_string(c.outcome)},
               {"tree", engine::to_json(c.criterion->tree)},
               {"evidence", std::move(evidence)},
               {"missing", c.evaluation().missing}};
    if (c.criterion->structured) entry["structured"] = true;
    if (!diagnostics.empty()) entry["diagnostics"] = std::move(diagnostics);
    criteria.push_back(std::move(entry));
  }
  return json{{"trial", trial.id},
              {"title", trial.title},
              {"verdict", matcher::to_string(result.verdict)},
              {"failures", result.failures},
              {"unknowns", result.unknowns},
              {"criteria", std::move(criteria)}};
}

json report_json(const engine::Patient& patient, engine::Date as_of, const std::vector<matcher::TrialResult>& results) {
  json out{{"patient", patient.id}, {"as_of", engine::format_date(as_of)}};
  if (!patient.warnings.empty()) out["warnings"] = patient.warnings;
  json list = json::array();
  for (const auto& r : results) list.push_back(trial_result_json(r));
  out["results"] = std::move(list);
  return out;
}

}  // namespace trialmatch::cli

#pragma once
// Rendering match results: the JSON report of docs/contract-reports.md, text for a person, HTML.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "trialmatch/engine/date.hpp"
#include "trialmatch/engine/patient.hpp"
#include "text_buffer.hpp"
#include "trialmatch/matcher/match.hpp"

namespace trialmatch::cli {

nlohmann::json trial_result_json(const matcher::TrialResult& result);
nlohmann::json report_json(const engine::Patient& patient, engine::Date as_of,
                           const std::vector<matcher::TrialResult>& results);

struct TextStyle {
  bool colour = false;
  bool every_criterion = false;  // explain: show passing criteria too
};
// Appended to `out` (a buffer used again from patient to patient in a batch).
void report_text(TextBuffer& out, const engine::Patient& patient, engine::Date as_of,
                 const std::vector<matcher::TrialResult>& results, const TextStyle& style);
std::string report_html(const engine::Patient& patient, engine::Date as_of,
                        const std::vector<matcher::TrialResult>& results);

}  // namespace trialmatch::cli

#pragma once
// The trial readers behind read_trials (internal to matcher/).
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/matcher/trial.hpp"

namespace trialmatch::matcher::detail {

// Thrown by trial_from_json: `pointer` is where in the JSON, `expected` what should have been there.
struct JsonProblem : std::runtime_error {
  JsonProblem(std::string p, std::string e) : std::runtime_error(p + ": " + e), pointer(std::move(p)), expected(std::move(e)) {}
  std::string pointer;
  std::string expected;
};

// "18 Years" -> {18, "a"}, "6 Months" -> {6, "mo"}, "2 Weeks" -> {2, "wk"}, "30 Days" -> {30, "d"};
// "N/A" and "" -> nullopt with ok; anything else is not an age (ok = false).
struct AgeReading {
  std::optional<engine::Amount> age;
  bool ok = true;
};
AgeReading parse_age(std::string_view s);

// A page's age line: "6-75 years", "18 Years and older", "up to 17 years", "3 Years".
struct AgeRange {
  std::optional<engine::Amount> min;
  std::optional<engine::Amount> max;
};
std::optional<AgeRange> parse_age_range(std::string_view s);

// "ALL", "Both", "Female", "women" ... -> "all", "female", "male".
std::optional<std::string> parse_sex(std::string_view s);

// A stable id for a trial with no NCT id: "TM-" and 12 hex digits of a hash of its title.
std::string derived_id(std::string_view title);

// The first NCT id ("NCT" and 8 digits) in s, or "".
std::string find_nct_id(std::string_view s);

std::string type_name(const nlohmann::json& j);

// ClinicalTrials.gov API v2 study (with protocolSection, or its fields flat) at `pointer`.
void read_api_study(const nlohmann::json& study, const std::string& name, const std::string& where_prefix,
                    const std::string& pointer, LoadResult& out);

// A registry page saved as plain text. Adds a problem when the page holds no criteria.
void read_page(std::string_view content, const std::string& name, LoadResult& out);

}  // namespace trialmatch::matcher::detail

#pragma once
// A normalised trial (docs/contract-reports.md, "A normalised trial") and its readers.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::matcher {

enum class Section : std::uint8_t { inclusion, exclusion };
const char* to_string(Section s) noexcept;

struct Criterion {
  Section section = Section::inclusion;
  std::string number;  // "1", "13.2"
  std::string text;
};

struct Trial {
  std::string id;      // NCT id, or a stable id derived from the title
  std::string title;
  std::vector<std::string> conditions;
  std::optional<engine::Amount> min_age;  // {3, "a"}
  std::optional<engine::Amount> max_age;
  std::string sex = "all";                // "all", "female", "male"
  std::optional<bool> healthy_volunteers;
  std::string status;                     // overallStatus, where given
  std::vector<Criterion> criteria;
  std::string origin;                     // file (and place) it was read from
};

// A problem with one input: which file, where (line or JSON pointer), what was expected.
struct LoadProblem {
  std::string input;
  std::string where;
  std::string message;
};

struct LoadResult {
  std::vector<Trial> trials;
  std::vector<LoadProblem> problems;
};

// Reads any supported trial file's content: API v2 JSON (study, page, array, NDJSON), normalised
// trial JSON (object or NDJSON), or a registry page saved as text. `name` is used in problems.
LoadResult read_trials(std::string_view content, const std::string& name);
// A file, or a folder read recursively.
LoadResult load_trials(const std::string& path);

// Splits criteria text into numbered criteria as a person reads them.
std::vector<Criterion> split_criteria(std::string_view criteria_text);

nlohmann::json to_json(const Trial& t);
Trial trial_from_json(const nlohmann::json& j);  // normalised form; throws naming the JSON pointer

}  // namespace trialmatch::matcher

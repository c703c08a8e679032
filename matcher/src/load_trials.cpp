// read_trials and load_trials: which reader a file needs, and a folder read file by file.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "text_clean.hpp"
#include "trial_readers.hpp"
#include "trialmatch/engine/json_text.hpp"
#include "trialmatch/engine/limits.hpp"

namespace trialmatch::matcher {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* expected_trial =
    "expected a trial: ClinicalTrials.gov API v2 JSON, normalised trial JSON or a registry page saved as text";

std::string joined(const std::string& prefix, const std::string& pointer) {
  if (prefix.empty()) return pointer;
  return pointer.empty() ? prefix : prefix + " " + pointer;
}

void read_normalised(const json& j, const std::string& name, const std::string& prefix,
                     const std::string& pointer, LoadResult& out) {
  try {
    auto t = trial_from_json(j);
    const auto where = joined(prefix, pointer);
    t.origin = where.empty() ? name : name + " " + where;
    out.trials.push_back(std::move(t));
  } catch (const detail::JsonProblem& p) {
    out.problems.push_back({name, joined(prefix, pointer + p.pointer), p.expected});
  }
}

bool looks_like_study(const json& j) {
  return j.contains("protocolSection") || j.contains("nctId") || j.contains("eligibilityCriteria");
}

// One JSON value: a study, a page of studies, a normalised trial, or an array of any of them.
void read_json_value(const json& j, const std::string& name, const std::string& prefix,
                     const std::string& pointer, LoadResult& out, bool allow_array = true) {
  if (j.is_object()) {
    if (const auto studies = j.find("studies"); studies != j.end()) {
      if (!studies->is_array()) {
        out.problems.push_back({name, joined(prefix, pointer + "/studies"),
                                "expected an array of studies, found " + detail::type_name(*studies)});
        return;
      }
      for (std::size_t k = 0; k < studies->size(); ++k) {
        const auto at = pointer + "/studies/" + std::to_string(k);
        if ((*studies)[k].is_object()) detail::read_api_study((*studies)[k], name, prefix, at, out);
        else out.problems.push_back({name, joined(prefix, at), "expected a study object, found " + detail::type_name((*studies)[k])});
      }
      return;
    }
    if (looks_like_study(j)) return detail::read_api_study(j, name, prefix, pointer, out);
    if (j.contains("criteria") || j.contains("id")) return read_normalised(j, name, prefix, pointer, out);
    out.problems.push_back({name, joined(prefix, pointer.empty() ? "/" : pointer),
                            "expected a ClinicalTrials.gov study (protocolSection), a page {\"studies\": [...]} "
                            "or a normalised trial (id, criteria), found an object with neither"});
    return;
  }
  if (j.is_array() && allow_array) {
    if (j.empty()) out.problems.push_back({name, joined(prefix, pointer.empty() ? "/" : pointer), "expected trials, found an empty array"});
    for (std::size_t k = 0; k < j.size(); ++k) read_json_value(j[k], name, prefix, pointer + "/" + std::to_string(k), out, false);
    return;
  }
  out.problems.push_back({name, joined(prefix, pointer.empty() ? "/" : pointer),
                          "expected a study or trial object, found " + detail::type_name(j)});
}

std::string nested_too_deep() {
  return "arrays and objects nested deeper than " + std::to_string(engine::limits::max_json_depth) + " levels; " +
         expected_trial;
}

// A trial with more criteria than the limit is refused on its own; the other trials of the file stay.
void refuse_oversized(const std::string& name, LoadResult& out) {
  auto oversized = [](const Trial& t) { return t.criteria.size() > engine::limits::max_criteria_per_trial; };
  for (const Trial& t : out.trials)
    if (oversized(t))
      out.problems.push_back({name, t.origin.size() > name.size() ? t.origin.substr(name.size() + 1) : std::string(),
                              "trial " + t.id + " has " + std::to_string(t.criteria.size()) +
                                  " criteria, more than the limit of " +
                                  std::to_string(engine::limits::max_criteria_per_trial) + "; not loaded"});
  std::erase_if(out.trials, oversized);
}

// NDJSON: every line on its own; a bad line is a problem with its number, the others still load.
void read_ndjson(std::string_view content, const std::string& name, LoadResult& out) {
  std::size_t pos = 0;
  int line_no = 0;
  while (pos < content.size()) {
    auto end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    const auto line = text::trim(content.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    const auto where = "line " + std::to_string(line_no);
    if (const auto deep = engine::json_depth_exceeded(line)) {
      out.problems.push_back({name, where + ", column " + std::to_string(*deep + 1), nested_too_deep()});
      continue;
    }
    try {
      read_json_value(json::parse(line), name, where, "", out);
    } catch (const json::parse_error& e) {
      out.problems.push_back({name, where + ", column " + std::to_string(e.byte),
                              "expected one JSON object per line: invalid JSON"});
    } catch (const json::exception& e) {  // a value JSON cannot hold, such as a number beyond double
      out.problems.push_back({name, where, std::string("expected one JSON object per line: ") + e.what()});
    }
  }
}

// Two or more lines that each hold a whole object.
bool looks_like_ndjson(std::string_view body) {
  int objects = 0;
  std::size_t pos = 0;
  while (pos < body.size() && objects < 2) {
    auto end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    const auto line = text::trim(body.substr(pos, end - pos));
    if (line.starts_with("{") && line.ends_with("}")) ++objects;
    pos = end + 1;
  }
  return objects >= 2;
}

}  // namespace

namespace {

void read_content(std::string_view content, const std::string& name, LoadResult& out);

}  // namespace

LoadResult read_trials(std::string_view content, const std::string& name) {
  LoadResult out;
  read_content(content, name, out);
  refuse_oversized(name, out);
  return out;
}

namespace {

void read_content(std::string_view content, const std::string& name, LoadResult& out) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);  // a byte-order mark
  const auto body = text::trim(content);
  if (body.empty()) {
    out.problems.push_back({name, "", "the file is empty; " + std::string(expected_trial)});
    return;
  }
  if (body.find('\0') != std::string_view::npos || !text::is_valid_utf8(body)) {
    out.problems.push_back({name, "", "binary or non-UTF-8 content; " + std::string(expected_trial)});
    return;
  }
  if (body.front() == '{' || body.front() == '[') {
    // Too deep to be a trial: NDJSON is read line by line (each line checked), anything else refused.
    if (const auto deep = engine::json_depth_exceeded(body)) {
      if (looks_like_ndjson(body)) read_ndjson(content, name, out);
      else out.problems.push_back({name, "byte " + std::to_string(*deep), nested_too_deep()});
      return;
    }
    json j;
    try {
      j = json::parse(body);
    } catch (const json::parse_error& e) {
      // Several values, one a line, is NDJSON; one broken value is a broken file.
      if (looks_like_ndjson(body)) {
        read_ndjson(content, name, out);
      } else {
        out.problems.push_back({name, "byte " + std::to_string(e.byte), "invalid JSON; " + std::string(expected_trial)});
      }
      return;
    } catch (const json::exception& e) {  // a value JSON cannot hold, such as a number beyond double
      out.problems.push_back({name, "", std::string(e.what()) + "; " + expected_trial});
      return;
    }
    read_json_value(j, name, "", "", out);
    return;
  }
  detail::read_page(content, name, out);
}

}  // namespace

LoadResult load_trials(const std::string& path) {
  LoadResult out;
  std::error_code ec;
  const fs::path root(path);
  if (!fs::exists(root, ec)) {
    out.problems.push_back({path, "", "no such file or folder"});
    return out;
  }
  std::vector<fs::path> files;
  if (fs::is_directory(root, ec)) {
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec)) files.push_back(it->path());
    if (ec) out.problems.push_back({path, "", "could not list the folder: " + ec.message()});
    std::sort(files.begin(), files.end());  // the same order on every machine
    if (files.empty() && !ec) out.problems.push_back({path, "", "the folder holds no files; " + std::string(expected_trial)});
  } else {
    files.push_back(root);
  }
  for (const auto& f : files) {
    if (const auto size = fs::file_size(f, ec); !ec && size > engine::limits::max_file_bytes) {
      out.problems.push_back({f.string(), "", "file of " + std::to_string(size) + " bytes is larger than the limit of " +
                                                  std::to_string(engine::limits::max_file_bytes) + " bytes; not read"});
      continue;
    }
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      out.problems.push_back({f.string(), "", "could not be read"});
      continue;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    auto one = read_trials(buffer.str(), f.string());
    std::move(one.trials.begin(), one.trials.end(), std::back_inserter(out.trials));
    std::move(one.problems.begin(), one.problems.end(), std::back_inserter(out.problems));
  }
  return out;
}

}  // namespace trialmatch::matcher

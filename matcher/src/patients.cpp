#include "trialmatch/matcher/patients.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "trialmatch/engine/json_text.hpp"
#include "trialmatch/engine/limits.hpp"

namespace trialmatch::matcher {

using nlohmann::json;

namespace {

void read_one(const json& j, const std::string& name, const std::string& where, const engine::Lexicon& lexicon,
              PatientLoad& out) {
  try {
    out.patients.push_back(engine::read_patient(j, lexicon));
  } catch (const std::exception& e) {
    out.problems.push_back({name, where, e.what()});
  }
}

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::size_t line_of(std::string_view content, std::size_t byte) {
  byte = std::min(byte, content.size());
  return 1 + static_cast<std::size_t>(std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(byte), '\n'));
}

std::string too_deep(std::size_t byte) {
  return fmt::format("arrays and objects nested deeper than {} levels (at byte {}): expected a patient JSON object",
                     engine::limits::max_json_depth, byte);
}

}  // namespace

PatientLoad read_patients(std::string_view raw, const std::string& name, const engine::Lexicon& lexicon) {
  PatientLoad out;
  if (blank(raw)) {
    out.problems.push_back({name, "line 1", "empty input: expected a patient JSON object or NDJSON lines of them"});
    return out;
  }
  if (const auto nul = raw.find('\0'); nul != std::string_view::npos) {
    out.problems.push_back({name, fmt::format("line {}", line_of(raw, nul)),
                            fmt::format("binary content (a NUL byte at byte {}): expected a patient JSON object or "
                                        "NDJSON lines of them", nul)});
    return out;
  }
  // Invalid UTF-8 in a text field is odd but readable: the bad bytes become U+FFFD, and the patient reader
  // warns about each field holding one (nlohmann's parser would refuse the whole document).
  std::string repaired(raw);
  engine::repair_utf8(repaired);
  const std::string_view content(repaired);
  // One JSON document (pretty-printed or not) is one patient; otherwise each line is one. A document
  // nested too deep is not parsed whole (a single line of it is refused below, as NDJSON).
  const auto deep = engine::json_depth_exceeded(content);
  json whole = deep ? json(json::value_t::discarded) : json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (!whole.is_discarded()) {
    if (whole.is_array()) {
      for (std::size_t i = 0; i < whole.size(); ++i) read_one(whole[i], name, fmt::format("/{}", i), lexicon, out);
    } else {
      read_one(whole, name, "/", lexicon, out);
    }
    return out;
  }
  // NDJSON only where the first non-blank line is a JSON value of its own; otherwise the document is broken.
  const std::size_t first = content.find_first_not_of(" \t\r\n");
  const std::size_t first_end = std::min(content.find('\n', first), content.size());
  if (!json::accept(content.substr(first, first_end - first))) {
    if (deep) {
      out.problems.push_back({name, fmt::format("line {}", line_of(content, *deep)), too_deep(*deep)});
      return out;
    }
    try {
      const json unexpected_success = json::parse(content);  // throws with the position of the error
      out.problems.push_back({name, "/", "expected a patient JSON object or NDJSON lines of them"});
      (void)unexpected_success;
    } catch (const json::parse_error& e) {
      const std::size_t byte = std::min<std::size_t>(e.byte, content.size());
      const auto line = 1 + std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(byte ? byte - 1 : 0), '\n');
      out.problems.push_back({name, fmt::format("line {}", line),
                              fmt::format("not valid JSON ({}): expected a patient JSON object or NDJSON lines of them",
                                          e.what())});
    } catch (const json::exception& e) {
      // Not a syntax error but a value JSON cannot hold (a number beyond double: out_of_range.406).
      out.problems.push_back({name, "", fmt::format("not valid JSON ({}): expected a patient JSON object or NDJSON "
                                                    "lines of them", e.what())});
    }
    return out;
  }
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start <= content.size()) {
    const std::size_t end = std::min(content.find('\n', start), content.size());
    const std::string_view line = content.substr(start, end - start);
    ++line_number;
    start = end + 1;
    if (blank(line)) {
      if (end == content.size()) break;
      continue;
    }
    const std::string where = fmt::format("line {}", line_number);
    if (const auto at = engine::json_depth_exceeded(line)) {
      out.problems.push_back({name, where, too_deep(*at)});
      if (end == content.size()) break;
      continue;
    }
    try {
      read_one(json::parse(line), name, where, lexicon, out);
    } catch (const json::parse_error& e) {
      out.problems.push_back({name, where, fmt::format("not valid JSON (byte {}): expected one patient object per line", e.byte)});
    } catch (const json::exception& e) {
      out.problems.push_back({name, where, fmt::format("not valid JSON ({}): expected one patient object per line", e.what())});
    }
    if (end == content.size()) break;
  }
  return out;
}

PatientLoad load_patients(const std::string& path, const engine::Lexicon& lexicon) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    PatientLoad out;
    out.problems.push_back({path, "", "is a folder: expected a patient file (JSON or NDJSON)"});
    return out;
  }
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > engine::limits::max_file_bytes) {
    PatientLoad out;
    out.problems.push_back({path, "", fmt::format("file of {} bytes is larger than the limit of {} bytes; not read",
                                                  size, engine::limits::max_file_bytes)});
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    PatientLoad out;
    out.problems.push_back({path, "", "cannot open the file: expected a readable patient file"});
    return out;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return read_patients(buffer.str(), path, lexicon);
}

}  // namespace trialmatch::matcher

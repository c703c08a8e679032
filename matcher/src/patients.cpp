#include "trialmatch/matcher/patients.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

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

}  // namespace

PatientLoad read_patients(std::string_view content, const std::string& name, const engine::Lexicon& lexicon) {
  PatientLoad out;
  if (blank(content)) {
    out.problems.push_back({name, "line 1", "empty input: expected a patient JSON object or NDJSON lines of them"});
    return out;
  }
  // One JSON document (pretty-printed or not) is one patient; otherwise each line is one.
  json whole = json::parse(content, nullptr, /*allow_exceptions=*/false);
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
    try {
      read_one(json::parse(line), name, where, lexicon, out);
    } catch (const json::parse_error& e) {
      out.problems.push_back({name, where, fmt::format("not valid JSON (byte {}): expected one patient object per line", e.byte)});
    }
    if (end == content.size()) break;
  }
  return out;
}

PatientLoad load_patients(const std::string& path, const engine::Lexicon& lexicon) {
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

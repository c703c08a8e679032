#include "trialmatch/grammar/golden.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tokens.hpp"
#include "unified_diff.hpp"

namespace trialmatch::grammar {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view arrow = "  => ";

std::vector<fs::path> golden_files(const std::string& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".golden") out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> read_lines(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

bool is_comment_or_blank(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  return first == std::string::npos || s[first] == '#';
}
bool is_tree_line(const std::string& s) { return s.starts_with(arrow) || s == "  =>"; }

struct Case {
  std::size_t line;      // index of the criterion line
  std::optional<std::size_t> tree_line;
  CriterionSection section = CriterionSection::unspecified;
  PeopleHeadings headings = PeopleHeadings::restate_the_population;
};

// A directive comment that sets how the cases after it are read: "# section: exclusion".
template <typename Value>
struct Directive {
  std::string_view prefix;                                  // "# section:"
  std::vector<std::pair<std::string_view, Value>> values;
};

const Directive<CriterionSection> section_directive{
    "# section:",
    {{"inclusion", CriterionSection::inclusion},
     {"exclusion", CriterionSection::exclusion},
     {"unspecified", CriterionSection::unspecified}}};
// "# people headings: cohorts": lead-ins naming people are read as cohorts (as in a trial naming several groups).
const Directive<PeopleHeadings> headings_directive{
    "# people headings:",
    {{"cohorts", PeopleHeadings::name_cohorts}, {"restate", PeopleHeadings::restate_the_population}}};

// The value a directive line names; problems name the file, the line and the values expected.
template <typename Value>
std::optional<Value> read_directive(const Directive<Value>& directive, const std::string& line, const std::string& file,
                                    std::size_t index, std::vector<std::string>& problems) {
  if (!line.starts_with(directive.prefix)) return std::nullopt;
  std::string value = line.substr(directive.prefix.size());
  value.erase(0, value.find_first_not_of(" \t"));
  value.erase(value.find_last_not_of(" \t") + 1);
  std::string expected;
  for (const auto& [name, v] : directive.values) {
    if (value == name) return v;
    expected += expected.empty() ? "" : "|";
    expected += name;
  }
  problems.push_back(fmt::format("{}:{}: expected '{} {}', got '{}'", file, index + 1, directive.prefix, expected, line));
  return std::nullopt;
}

std::vector<Case> read_cases(const std::vector<std::string>& lines, const std::string& file,
                             std::vector<std::string>& problems) {
  std::vector<Case> cases;
  CriterionSection section = CriterionSection::unspecified;
  PeopleHeadings headings = PeopleHeadings::restate_the_population;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (auto s = read_directive(section_directive, lines[i], file, i, problems)) section = *s;
    if (auto h = read_directive(headings_directive, lines[i], file, i, problems)) headings = *h;
    if (is_comment_or_blank(lines[i])) continue;
    if (is_tree_line(lines[i])) {
      problems.push_back(fmt::format("{}:{}: a '=>' tree line with no criterion line before it", file, i + 1));
      continue;
    }
    Case c{i, std::nullopt, section, headings};
    if (i + 1 < lines.size() && is_tree_line(lines[i + 1])) c.tree_line = ++i;
    cases.push_back(c);
  }
  return cases;
}

}  // namespace

GoldenRun run_goldens(const std::string& dir, const Parser& parser, bool update) {
  GoldenRun run;
  if (!fs::is_directory(dir)) {
    run.problems.push_back(fmt::format("{}: not a directory of golden files", dir));
    return run;
  }
  for (const auto& path : golden_files(dir)) {
    ++run.files;
    const std::string file = path.string();
    const auto lines = read_lines(path);
    const auto cases = read_cases(lines, file, run.problems);
    std::vector<std::string> rewritten;
    std::size_t next = 0;  // next line of `lines` to copy
    for (const auto& c : cases) {
      ++run.cases;
      while (next <= c.line) rewritten.push_back(lines[next++]);
      const std::string& criterion = lines[c.line];
      const std::string actual = engine::to_canonical(parser.parse(criterion, c.section, c.headings).tree);
      std::string expected;
      if (c.tree_line) {
        expected = lines[*c.tree_line].size() > arrow.size() ? lines[*c.tree_line].substr(arrow.size()) : "";
        next = *c.tree_line + 1;
      } else {
        run.problems.push_back(fmt::format("{}:{}: expected a line '  => <tree>' after the criterion", file, c.line + 1));
      }
      if (expected != actual) run.differences.push_back({file, c.line + 1, criterion, expected, actual});
      rewritten.push_back(std::string(arrow) + actual);
    }
    while (next < lines.size()) rewritten.push_back(lines[next++]);
    if (rewritten != lines) {
      run.diff += unified_diff(file, lines, rewritten);
      if (update) {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        for (const auto& l : rewritten) out << l << '\n';
        if (!out) run.problems.push_back(fmt::format("{}: could not be rewritten", file));
      }
    }
  }
  return run;
}

std::vector<std::string> uncovered_rules(const std::string& dir, const Parser& parser) {
  std::vector<std::string> criteria;
  std::vector<std::string> ignored;
  for (const auto& path : golden_files(dir)) {
    const auto lines = read_lines(path);
    for (const auto& c : read_cases(lines, path.string(), ignored)) criteria.push_back(lines[c.line]);
  }
  return grammar_rules_not_covered(criteria, parser.lexicon());
}

}  // namespace trialmatch::grammar

#pragma once
// split_criteria's criteria as "inclusion 1: text" lines, printed one a line when a check fails (the splitter's
// unit tests: test_trials_split.cpp, test_trials_groups.cpp, test_trials_layouts13.cpp).
#include <ostream>
#include <string>
#include <vector>

#include "trialmatch/matcher/trial.hpp"

namespace split_support {

struct Lines : std::vector<std::string> {
  using std::vector<std::string>::vector;
};

inline std::ostream& operator<<(std::ostream& os, const Lines& lines) {
  os << "{";
  for (const auto& l : lines) os << "\n  " << l;
  return os << "\n}";
}

inline Lines outline(const std::string& text) {
  Lines out;
  for (const auto& c : trialmatch::matcher::split_criteria(text))
    out.push_back(std::string(to_string(c.section)) + " " + c.number + ": " + c.text);
  return out;
}

}  // namespace split_support

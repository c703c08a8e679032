#pragma once
// The criterion lines of golden files in fixtures/criteria (neither comments nor expected trees), as the grammar's
// unit tests read them to compare a fast form with its oracle on real lines.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

namespace golden_support {

inline std::vector<std::string> criterion_lines(std::initializer_list<const char*> files) {
  std::vector<std::string> out;
  for (const char* name : files) {
    std::ifstream in(std::string(TRIALMATCH_SOURCE_DIR "/fixtures/criteria/") + name + ".golden");
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line[0] != '#' && line.rfind("  ", 0) != 0) out.push_back(line);
  }
  return out;
}

// The criterion lines of every golden file, the files in the order of their names.
inline std::vector<std::string> all_criterion_lines() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(TRIALMATCH_SOURCE_DIR "/fixtures/criteria"))
    if (entry.path().extension() == ".golden") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const auto& file : files) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line[0] != '#' && line.rfind("  ", 0) != 0) out.push_back(line);
  }
  return out;
}

}  // namespace golden_support

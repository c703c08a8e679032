#pragma once
// A unified diff of two texts, line by line (LCS; golden files are small).
#include <string>
#include <vector>

namespace trialmatch::grammar {

std::string unified_diff(const std::string& path, const std::vector<std::string>& before,
                         const std::vector<std::string>& after, std::size_t context = 3);

}  // namespace trialmatch::grammar

#pragma once
// A problem found in some input, kept with its position rather than thrown.
#include <cstdint>
#include <string>
#include <vector>

namespace trialmatch::engine {

enum class Severity : std::uint8_t { warning, error };

struct Diagnostic {
  Severity severity = Severity::warning;
  std::string message;
  std::uint32_t begin = 0;  // byte offsets into the text the diagnostic is about
  std::uint32_t end = 0;
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

using Diagnostics = std::vector<Diagnostic>;

const char* to_string(Severity s) noexcept;

}  // namespace trialmatch::engine

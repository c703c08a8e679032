// Kleene's strong three-valued logic.
#include "trialmatch/engine/evaluate.hpp"

namespace trialmatch::engine {

const char* to_string(Truth t) noexcept {
  switch (t) {
    case Truth::false_: return "false";
    case Truth::true_: return "true";
    case Truth::unknown: return "unknown";
  }
  return "?";
}

Truth kleene_not(Truth t) noexcept {
  switch (t) {
    case Truth::false_: return Truth::true_;
    case Truth::true_: return Truth::false_;
    case Truth::unknown: return Truth::unknown;
  }
  return Truth::unknown;
}

Truth kleene_and(Truth a, Truth b) noexcept {
  if (a == Truth::false_ || b == Truth::false_) return Truth::false_;
  if (a == Truth::true_ && b == Truth::true_) return Truth::true_;
  return Truth::unknown;
}

Truth kleene_or(Truth a, Truth b) noexcept {
  if (a == Truth::true_ || b == Truth::true_) return Truth::true_;
  if (a == Truth::false_ && b == Truth::false_) return Truth::false_;
  return Truth::unknown;
}

}  // namespace trialmatch::engine

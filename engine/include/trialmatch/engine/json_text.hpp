#pragma once
// Checks on JSON text before it is parsed, shared by every reader of patient and trial files:
// nlohmann's parser refuses a whole document for one byte of bad UTF-8 and accepts any nesting depth.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "trialmatch/engine/limits.hpp"

namespace trialmatch::engine {

// Replaces every byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF) with U+FFFD; returns how many bytes were replaced. Readers warn about text
// holding U+FFFD.
std::size_t repair_utf8(std::string& text);
bool is_valid_utf8(std::string_view text) noexcept;

// The byte offset of the first '[' or '{' (outside strings) that opens a level deeper than max_depth;
// nullopt where the text nests no deeper. Reads any bytes, JSON or not, in one pass with no recursion.
std::optional<std::size_t> json_depth_exceeded(std::string_view text,
                                               std::size_t max_depth = limits::max_json_depth) noexcept;

}  // namespace trialmatch::engine

#pragma once
// Sets of token kinds as one 64-bit mask, for the tight walks over a line's tokens that pass most kinds over: one
// shift and test a token, where a chain of compares would be several (lower_pieces.cpp, lower_sequence_scopes.cpp).
#include <cstdint>
#include <initializer_list>

#include "tokens.hpp"

namespace trialmatch::grammar::detail {

static_assert(static_cast<unsigned>(Tok::date) < 64, "one bit per token kind");

constexpr std::uint64_t kinds_mask(std::initializer_list<Tok> kinds) noexcept {
  std::uint64_t bits = 0;
  for (const Tok k : kinds) bits |= std::uint64_t{1} << static_cast<unsigned>(k);
  return bits;
}

// (The kind's bit read out of the mask, not a bit made and tested: one instruction less a token.)
constexpr bool is_one_of(std::uint64_t mask, Tok k) noexcept { return ((mask >> static_cast<unsigned>(k)) & 1U) != 0; }

}  // namespace trialmatch::grammar::detail

// The words finish_items (lower_items.cpp) looks for in unread words to find one that governs the events after it: a
// relation head ("allergy", "planned", "stopped"...), "criteria" (after "exclusion"), a relative ("who", "which"),
// and a one-bit test of a word's first letter and length that passes every word of the three lists (and refuses
// most other words: the scan asks it of every unread word before the piece's last event).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace trialmatch::grammar::detail {

inline constexpr std::string_view kRelationHeads[] = {
    "contraindication", "contraindications", "contraindicated", "allergy", "allergies", "allergic",
    "hypersensitivity", "hypersensitive", "intolerance", "intolerant", "family", "families", "relative", "relatives",
    "risk", "suspected", "suspicion", "planned", "planning", "candidate", "candidates", "indication",
    "indications", "prophylaxis", "fear", "refusal", "refuses", "refused", "awaiting", "scheduled",
    // "having stopped taking anti-inflammatory medicines or analgesics three days before": what was stopped
    // is not taken since, the opposite of the event read alone.
    "stopped", "stopping", "discontinued", "discontinuing", "discontinuation", "ceased", "quit", "withdrawn"};
inline constexpr std::string_view kCriteria[] = {"criteria"};
inline constexpr std::string_view kRelatives[] = {"who", "whom", "whose", "which"};

// The first letters and lengths of the words of a few lists together (either case): a word whose pair no entry has
// is none of them. (A necessary test only: a word it passes is then asked of the lists themselves.)
class FirstLetterAndLength {
 public:
  template <std::size_t... N>
  constexpr explicit FirstLetterAndLength(const std::string_view (&... lists)[N]) {
    (add(lists), ...);
  }
  constexpr bool may_be(std::string_view word) const { return ((lengths_[letter(word)] >> length(word)) & 1) != 0; }

 private:
  template <std::size_t N>
  constexpr void add(const std::string_view (&list)[N]) {
    for (const std::string_view w : list) lengths_[letter(w)] |= std::uint64_t{1} << length(w);
  }
  // a-z (either case) by letter, anything else on 26, the empty word on 27; lengths over 62 share bit 63.
  static constexpr unsigned letter(std::string_view w) {
    if (w.empty()) return 27;
    const auto c = static_cast<unsigned char>(w[0] | 0x20);
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
  }
  static constexpr unsigned length(std::string_view w) { return w.size() < 63 ? static_cast<unsigned>(w.size()) : 63; }
  std::uint64_t lengths_[28] = {};
};

inline constexpr FirstLetterAndLength kGoverningWords(kRelationHeads, kCriteria, kRelatives);

}  // namespace trialmatch::grammar::detail

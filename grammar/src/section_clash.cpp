#include "section_clash.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace trialmatch::grammar::detail {
namespace {

enum class Restates { neither, inclusion, exclusion };

// The restatements are the verb-led section phrases of rules.hpp ("are excluded", "will be included"); the
// moments it also lists ("at the time of enrollment") start with a preposition and restate nothing.
Restates restated_section(std::string_view words) {
  std::array<char, 48> low;  // (only the bytes written are read)
  if (words.size() > low.size()) return Restates::neither;
  // (The verb asked for first, from the longest verb's seven bytes lowered: most long fillers are moments, "at the
  // time of screening", whose every byte was lowered before they were refused.)
  static constexpr std::size_t verb_bytes = 7;  // "should "
  const std::size_t head = std::min(words.size(), verb_bytes);
  for (std::size_t k = 0; k < head; ++k)
    low[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(words[k])));
  static constexpr std::string_view verbs[] = {"may ", "are ", "is ", "will ", "should ", "can "};
  bool verb_led = false;
  for (std::string_view v : verbs) verb_led = verb_led || std::string_view(low.data(), head).starts_with(v);
  if (!verb_led) return Restates::neither;
  for (std::size_t k = head; k < words.size(); ++k)
    low[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(words[k])));
  const std::string_view w(low.data(), words.size());
  if (w.find("exclud") != std::string_view::npos || w.find(" not ") != std::string_view::npos) return Restates::exclusion;
  static constexpr std::string_view including[] = {"includ", "eligib", "enrol", "recruit", "participat"};
  for (std::string_view s : including)
    if (w.find(s) != std::string_view::npos) return Restates::inclusion;
  return Restates::neither;
}

}  // namespace

bool restates_other_section(std::string_view text, const Token& t, bool inclusion) {
  // (The shortest restatement, "is excluded", has 11 bytes; most fillers are short words: "the", "of", "serum".)
  if (t.kind != Tok::filler || t.end - t.begin < 11) return false;
  return restated_section(text.substr(t.begin, t.end - t.begin)) == (inclusion ? Restates::exclusion : Restates::inclusion);
}

}  // namespace trialmatch::grammar::detail

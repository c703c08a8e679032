// The spellings of a count per time (units_frequency.cpp) compare a text with the words of its first letter alone
// (ranges of each list made from the list), and build what a found period spells out of line; the spelling cache
// compares spellings without memcmp (same_spelling.hpp). The oracles are the old forms, kept here word for word:
// frequency_at and its tables as they were, and std::string_view's ==. Compared at every position of every golden
// line, as written and in upper case, on every span of up to 48 bytes of them, and on made-up texts of the words
// the lists hold.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../../grammar/src/same_spelling.hpp"
#include "../../grammar/src/text_span.hpp"
#include "../../grammar/src/units_read.hpp"
#include "golden_support.hpp"

namespace g = trialmatch::grammar;

namespace before {
using trialmatch::grammar::resolve_unit;
using trialmatch::grammar::text_span;
using trialmatch::grammar::tail_from;

// grammar/src/units_frequency.cpp as it was (main d0a5cc6), word for word.
using Phrase = std::pair<std::string_view, std::string_view>;

constexpr bool letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// ASCII only, as std::tolower in the "C" locale the program runs in (no call per byte).
constexpr char lower_byte(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower_byte(c);
  return out;
}

// Case-insensitive prefix test.
bool starts_with_word(std::string_view text, std::size_t pos, std::string_view w) {
  if (text.size() - pos < w.size()) return false;
  for (std::size_t i = 0; i < w.size(); ++i)
    if (lower_byte(text[pos + i]) != w[i]) return false;
  return true;
}

// The period a count is per, after the word that says "per" (longest first where one word begins another).
// A rate's period is one: "pack/years" (plural) is a product, pack-years, and no count per year.
struct PeriodWord {
  std::string_view word, ucum;
  bool abbreviation = false;  // read only after "/"
};
constexpr std::array<PeriodWord, 10> periods{{{"week", "wk"}, {"wk", "wk", true}, {"day", "d"}, {"d", "d", true},
                                              {"month", "mo"}, {"mo", "mo", true}, {"year", "a"}, {"yr", "a", true},
                                              {"hour", "h"}, {"hr", "h", true}}};
// The first letters of the period words (most texts after a "/" or "per" start with none of them).
constexpr std::array<bool, 256> may_start_period = [] {
  std::array<bool, 256> t{};
  for (const auto& p : periods) t[static_cast<unsigned char>(p.word[0])] = true;
  return t;
}();
// Words that are the period and "per" at once.
constexpr std::array<Phrase, 5> periodic_words{
    {{"daily", "d"}, {"weekly", "wk"}, {"monthly", "mo"}, {"yearly", "a"}, {"annually", "a"}}};
// The first letters of the periodic words.
constexpr std::array<bool, 256> may_start_periodic = [] {
  std::array<bool, 256> t{};
  for (const auto& [w, ucum] : periodic_words) t[static_cast<unsigned char>(w[0])] = true;
  return t;
}();
// What says "per" between the count and its period. ("/" is read apart: no blank needed after it.)
constexpr std::array<std::string_view, 7> per_words{"per", "a", "an", "each", "every", "in a", "in one"};
// Their first letters.
constexpr std::array<bool, 256> may_start_per = [] {
  std::array<bool, 256> t{};
  for (const std::string_view w : per_words) t[static_cast<unsigned char>(w[0])] = true;
  return t;
}();
// Words that are never the counted thing ("5 or more days": "or" starts a comparator).
// ("pack", "packs": "10 pack/year" is written for pack-years too.)
constexpr std::array<std::string_view, 24> not_counted{"or", "and", "of", "to", "in", "at", "on", "the", "a", "an",
                                                       "for", "with", "per", "than", "more", "less", "each", "every",
                                                       "by", "from", "as", "is", "pack", "packs"};

// Whether `word` (any case) is one of not_counted, most words turned away by their length or first letter.
bool never_counted(std::string_view word) {
  static constexpr std::size_t longest = [] {
    std::size_t n = 0;
    for (const std::string_view w : not_counted) n = std::max(n, w.size());
    return n;
  }();
  static constexpr std::array<bool, 256> first = [] {
    std::array<bool, 256> t{};
    for (const std::string_view w : not_counted) t[static_cast<unsigned char>(w[0])] = true;
    return t;
  }();
  if (word.empty() || word.size() > longest || !first[static_cast<unsigned char>(lower_byte(word[0]))]) return false;
  // The word lower-cased into one integer, against each listed word so packed (one compare a word).
  static_assert(longest <= 8, "a listed word fits in 64 bits");
  const auto pack = [](std::string_view w) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < w.size(); ++i) v |= std::uint64_t{static_cast<unsigned char>(lower_byte(w[i]))} << (8 * i);
    return v;
  };
  // The packed words in a table of 64 slots by a multiplicative hash that puts no two in one slot (a
  // multiplier found at compile time): one probe instead of a compare per listed word.
  struct Slots {
    std::uint64_t multiplier = 0;
    std::array<std::uint64_t, 64> word{};  // 0: empty (no listed word packs to 0)
  };
  static constexpr Slots slots = [pack] {
    for (std::uint64_t m = 0x9E3779B97F4A7C15ULL;; m += 0x3C6EF372FE94F82AULL) {  // (odd, an even step: top bits vary)
      Slots t{m, {}};
      bool clash = false;
      for (const std::string_view w : not_counted) {
        const std::uint64_t v = pack(w);
        std::uint64_t& slot = t.word[(v * m) >> 58];
        clash = clash || (slot != 0 && slot != v);
        slot = v;
      }
      if (!clash) return t;
    }
  }();
  const std::uint64_t v = pack(word);  // (a letter is never 0: equal packs are equal words)
  return slots.word[(v * slots.multiplier) >> 58] == v;
}

// ASCII letters, by byte (one load a byte where the scan of a word tested two ranges).
constexpr std::array<bool, 256> letter_bytes = [] {
  std::array<bool, 256> t{};
  for (unsigned b = 0; b < 256; ++b) t[b] = letter(static_cast<char>(b));
  return t;
}();

// Bytes of a word at pos: letters, inner hyphens (a hyphen with a letter after it, not first).
std::size_t word_length(std::string_view text, std::size_t pos) {
  const auto is_letter = [](char c) { return letter_bytes[static_cast<unsigned char>(c)]; };
  std::size_t end = pos;
  for (;;) {
    while (end < text.size() && is_letter(text[end])) ++end;
    if (end < text.size() && text[end] == '-' && end > pos && end + 1 < text.size() && is_letter(text[end + 1])) {
      ++end;
      continue;
    }
    return end - pos;
  }
}

bool word_ends(std::string_view text, std::size_t end) {
  return end >= text.size() || !(letter(text[end]) || (text[end] >= '0' && text[end] <= '9'));
}

// A period found: its UCUM code (one of the tables' literals) and where its spelling ends.
struct Period {
  std::string_view ucum;
  std::size_t end = 0;
};

// "per week", "a day", "/week", "/ wk", "weekly": the period starting at pos, and where it ends.
// (Inlined: frequency_at asks it after each word it reads, and most answers are a test or two.)
[[gnu::always_inline]] inline std::optional<Period> period_at(std::string_view text, std::size_t pos, bool bare_periodic) {
  auto blanks = [&](std::size_t p) {
    while (p < text.size() && text[p] == ' ') ++p;
    return p;
  };
  auto period_word = [&](std::size_t p, bool abbreviations) -> std::optional<Period> {
    if (p >= text.size() || !may_start_period[static_cast<unsigned char>(lower_byte(text[p]))]) return std::nullopt;
    for (const auto& [w, ucum, abbreviation] : periods) {
      if (abbreviation && !abbreviations) continue;
      if (starts_with_word(text, p, w) && word_ends(text, p + w.size())) return Period{ucum, p + w.size()};
    }
    return std::nullopt;
  };
  if (pos < text.size() && text[pos] == '/') return period_word(blanks(pos + 1), true);
  const std::size_t p = blanks(pos);
  if (p < text.size() && text[p] == '/') return period_word(blanks(p + 1), true);
  // What is left starts with a periodic word or a word for "per": most texts start with no such letter.
  if (p >= text.size()) return std::nullopt;
  const auto first = static_cast<unsigned char>(lower_byte(text[p]));
  if ((bare_periodic || p > pos) && may_start_periodic[first])
    for (auto [w, ucum] : periodic_words)
      if (starts_with_word(text, p, w) && word_ends(text, p + w.size())) return Period{ucum, p + w.size()};
  if (!may_start_per[first]) return std::nullopt;
  for (std::string_view per : per_words) {
    if (!starts_with_word(text, p, per) || p + per.size() >= text.size() || text[p + per.size()] != ' ') continue;
    if (auto found = period_word(blanks(p + per.size()), false)) return found;
  }
  return std::nullopt;
}

struct Frequency {
  std::size_t length = 0;
  std::string ucum;
};

// The count word and its period, or the period alone, starting at pos. `bare_periodic`: "daily" alone
// is the period (after "twice", "once"). (Inlined into its two callers: one of them asks it after every
// quantity's number, where it almost always finds nothing.)
[[gnu::always_inline]] inline Frequency frequency_at(std::string_view text, std::size_t pos, bool bare_periodic) {
  if (pos >= text.size() || text[pos] == ' ') return {};
  if (auto bare = period_at(text, pos, bare_periodic)) return {bare->end - pos, "/" + std::string(bare->ucum)};
  // The counted thing: one or two words ("cigarettes", "alcoholic drinks"), or "x" / "times".
  std::array<std::pair<std::size_t, std::size_t>, 2> words{};  // begin, length (no vector per quantity)
  std::size_t word_count = 0;
  std::size_t p = pos;
  for (int n = 0; n < 2; ++n) {
    const std::size_t len = word_length(text, p);
    if (len == 0 || len > 20 || !word_ends(text, p + len)) break;
    if (never_counted(text_span(text, p, p + len))) break;
    words[word_count++] = {p, len};
    if (auto period = period_at(text, p + len, false)) {
      const std::string w = lower(text_span(text, p, p + len));
      std::string counted;
      if (word_count == 1 && (w == "times" || w == "time" || w == "x")) counted.clear();
      else if (word_count == 1 && resolve_unit(w)) counted = *resolve_unit(w);  // "5 days a week": d/wk
      else if (word_count == 2 && (resolve_unit(lower(text_span(text, words[0].first, words[0].first + words[0].second))) || resolve_unit(w)))
        return {};  // "30 min moderate exercise per week": a duration, not the thing counted
      else {
        counted = "{" + lower(text_span(text, words[0].first, words[0].first + words[0].second));
        if (word_count == 2) counted += "_" + w;
        counted += "}";
      }
      return {period->end - pos, counted + "/" + std::string(period->ucum)};
    }
    p += len;
    if (p >= text.size() || text[p] != ' ') break;
    ++p;
  }
  return {};
}

// "twice a week", "once daily": the number word is the count; nothing is counted in between.
bool after_count_word(std::string_view text, std::size_t pos) {
  const std::size_t from = pos > 12 ? pos - 12 : 0;  // the word just before, not the whole line
  std::string_view b = text_span(text, from, pos);
  while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
  const auto ends_with = [&b](std::string_view w) { return b.size() >= w.size() && starts_with_word(b, b.size() - w.size(), w); };
  return ends_with("twice") || ends_with("once") || ends_with("thrice");
}


std::size_t frequency_spelling_length(std::string_view text, std::size_t pos) {
  // A count per period starts with a letter (a period word, "per", the counted thing) or with "/" (most
  // unit spellings do not: "%", "(mg/dL)", "x10^9/L"), which frequency_at would find only after its tests.
  if (pos >= text.size() || !(letter(text[pos]) || text[pos] == '/')) return 0;
  // "daily" alone is a period only after a count word; it matters only where a periodic word starts at pos
  // itself (frequency_at's first period_at, with no blank before it), so the words before are read only then.
  // Each periodic word has a first letter of its own, and all end in "y": "months", "years", "days" and
  // "weeks", which start as "monthly", "yearly", "daily" and "weekly" do, are turned away by that "y".
  static constexpr std::array<std::string_view, 256> periodic_by_first = [] {
    std::array<std::string_view, 256> t{};
    for (const auto& [w, ucum] : periodic_words) t[static_cast<unsigned char>(w[0])] = w;
    return t;
  }();
  static_assert([] {
    std::array<int, 256> starting{};
    for (const auto& [w, ucum] : periodic_words) ++starting[static_cast<unsigned char>(w[0])];
    for (const int n : starting)
      if (n > 1) return false;
    return true;
  }(), "one periodic word a first letter");
  const std::string_view periodic = periodic_by_first[static_cast<unsigned char>(lower_byte(text[pos]))];
  const bool periodic_here = !periodic.empty() && text.size() - pos >= periodic.size() &&
                             lower_byte(text[pos + periodic.size() - 1]) == periodic.back() &&
                             starts_with_word(text, pos, periodic) && word_ends(text, pos + periodic.size());
  return frequency_at(text, pos, periodic_here && after_count_word(text, pos)).length;
}

}  // namespace before

namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> lines_both_cases() {
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  const std::size_t n = lines.size();
  for (std::size_t i = 0; i < n; ++i) lines.push_back(upper(lines[i]));
  return lines;
}

// Every reading of a count per time at every position of `text`, against the old form; counts what was found.
std::size_t check_positions(std::string_view text) {
  std::size_t found = 0;
  for (std::size_t pos = 0; pos <= text.size(); ++pos) {
    // (A check each: a CHECK per call would cost more than the readings.)
    const std::size_t n = g::frequency_spelling_length(text, pos);
    if (n != before::frequency_spelling_length(text, pos)) FAIL_CHECK(text << " @" << pos);
    for (const bool bare : {false, true})
      if (g::frequency_length_given(text, pos, bare) != before::frequency_at(text, pos, bare).length)
        FAIL_CHECK(text << " @" << pos << std::string(bare ? " (bare)" : ""));
    found += n > 0;
  }
  return found;
}

// frequency_unit of every span of up to 48 bytes of `text` (where a count per time is spelled whole), against the old
// form; counts the spans read.
std::size_t check_spans(std::string_view text) {
  std::size_t read = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos)
    for (std::size_t len = 1; len <= 48 && pos + len <= text.size(); ++len) {
      const std::string_view span = text.substr(pos, len);
      for (const bool bare : {false, true}) {
        const before::Frequency old = before::frequency_at(span, 0, bare);
        const std::optional<std::string> expected =
            old.length == 0 || old.length != span.size() ? std::nullopt : std::optional<std::string>(old.ucum);
        const std::optional<std::string> unit = g::frequency_unit(span, bare);
        if (unit != expected) FAIL_CHECK(span << std::string(bare ? " (bare)" : ""));
        read += unit.has_value();
      }
    }
  return read;
}

}  // namespace

TEST_CASE("a count per time reads as its form before the first-letter ranges, at every position of the golden lines") {
  const std::vector<std::string> lines = lines_both_cases();
  REQUIRE(lines.size() > 2000);
  std::size_t found = 0;
  for (const std::string& line : lines) found += check_positions(line);
  CHECK(found > 100);  // counts per time found, not only refusals
}

TEST_CASE("frequency_unit reads as its form before the first-letter ranges, on every span of the golden lines") {
  std::size_t read = 0;
  for (const std::string& line : lines_both_cases()) read += check_spans(line);
  CHECK(read > 50);
}

TEST_CASE("a count per time reads as its form before on made-up texts of the lists' words") {
  const char* const pieces[] = {"twice", "once", " ", "  ", "daily", "Daily", "weekly", "WEEKLY", "monthly", "yearly",
                                "annually", "days", "weeks", "months", "years", "hours", "a", "an", "A", "each",
                                "every", "in a", "in one", "In One", "per", "PER", "/", "/ ", "week", "wk", "day", "d",
                                "month", "mo", "year", "yr", "hour", "hr", "HR", "times", "x", "cigarettes", "alcoholic",
                                "drinks", "pack", "packs", "or", "and", "of", "mg", "min", "-", ".", "5", "ly", "per-"};
  std::uint64_t state = 0x510E527FADE682D1ULL;
  const auto next = [&state] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  std::size_t found = 0, read = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (std::uint64_t n = 1 + next() % 7; n > 0; --n) text += pieces[next() % std::size(pieces)];
    found += check_positions(text);
    if (i % 8 == 0) read += check_spans(text);
  }
  CHECK(found > 1000);
  CHECK(read > 500);
}

TEST_CASE("same_spelling is ==, on every span of up to 24 bytes of the golden lines and each with one byte changed") {
  std::size_t compared = 0;
  for (const std::string& line : golden_support::all_criterion_lines()) {
    const std::string_view text = line;
    for (std::size_t pos = 0; pos < text.size(); ++pos)
      for (std::size_t len = 0; len <= 24 && pos + len <= text.size(); ++len) {
        const std::string_view span = text.substr(pos, len);
        const std::string copy(span);  // (the cache's entries are strings: short ones held in place)
        if (!g::same_spelling(copy, span)) FAIL_CHECK(span);
        // The span after it, of the same length, and of one byte more.
        if (pos + 1 + len <= text.size()) {
          const std::string_view other = text.substr(pos + 1, len);
          if (g::same_spelling(copy, other) != (span == other)) FAIL_CHECK(span << " / " << other);
        }
        if (pos + len + 1 <= text.size() && g::same_spelling(copy, text.substr(pos, len + 1))) FAIL_CHECK(span << " +1");
        // One byte changed, at each place.
        for (std::size_t i = 0; i < len; ++i) {
          std::string changed = copy;
          changed[i] = static_cast<char>(changed[i] ^ 0x01);
          if (g::same_spelling(changed, span)) FAIL_CHECK(span << " changed at " << i);
        }
        ++compared;
      }
  }
  CHECK(compared > 100000);
}

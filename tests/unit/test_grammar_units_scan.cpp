// unit_spelling_length's scan (byte tables, the test of what may follow an inner blank) against its form
// before them, kept here as the oracle: at every position of every criterion line of the golden files and of
// made-up texts around the blanks, slashes and degrees it reads.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "../../grammar/src/units_read.hpp"

namespace g = trialmatch::grammar;

namespace {

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_alnum(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool lower_equals(std::string_view s, std::string_view lower_word) noexcept {
  if (s.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (lower(s[i]) != lower_word[i]) return false;
  return true;
}
bool unit_byte(unsigned char c) noexcept {
  return is_alnum(static_cast<char>(c)) || c == '/' || c == '.' || c == '^' || c == '*' || c == '%' || c == '[' ||
         c == ']' || c == '{' || c == '}' || c == '_' || c >= 0x80;
}

// plain_unit_length as it was (grammar/src/units_read.cpp before the byte tables), word for word.
std::size_t plain_unit_length_as_before(std::string_view text, std::size_t pos) {
  const bool paren = text[pos] == '(';
  std::size_t start = paren ? pos + 1 : pos;
  if (start >= text.size()) return 0;
  // "6-month", "24-h": a unit joined to its number by a hyphen.
  const auto is_letter = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!paren && text[start] == '-' && start + 1 < text.size() && is_letter(static_cast<unsigned char>(text[start + 1])))
    ++start;
  const auto first = static_cast<unsigned char>(text[start]);
  // "× 109/L", "* 109 /L": a count unit whose power of ten lost its superscript, read by the engine.
  const std::string_view from_start = text.substr(start);
  std::size_t times = 0;
  if (first == 0xC3 || first == '*' || first == 'x' || first == 'X')  // (the signs' first bytes: most units start otherwise)
    for (std::string_view sign : {std::string_view("\xC3\x97"), std::string_view("*"), std::string_view("x"), std::string_view("X")})
      if (from_start.starts_with(sign)) times = sign.size();
  std::size_t after_times = times;
  while (times && after_times < from_start.size() && from_start[after_times] == ' ') ++after_times;
  const bool count_unit = times && from_start.substr(after_times).starts_with("10");
  const bool starts_ok = is_letter(first) || first == '/' || first == '%' || first == 0xC2 || first == 0xCE || count_unit;
  if (!starts_ok) return 0;
  // The run of unit bytes, at most 40, possibly with one inner blank before "1.73 m2" or "Hg".
  std::size_t end = count_unit ? start + after_times : start;
  while (end < text.size() && end - start < 40) {
    const auto c = static_cast<unsigned char>(text[end]);
    if (unit_byte(c)) { ++end; continue; }
    if (c == ' ' && end + 1 < text.size()) {
      const std::string_view rest = text.substr(end + 1);
      // "kg / m2", "mmol / L", "mL / min / 1.73 m2": blanks around a slash.
      if (rest.starts_with("/") || (end > start && text[end - 1] == '/')) {
        ++end;
        continue;
      }
      // "beats per minute", "150 min per week": "per" and a unit word after a unit word.
      if (end > start && rest.starts_with("per ") && rest.size() > 4 && is_letter(static_cast<unsigned char>(rest[4]))) {
        end += 5;
        continue;
      }
      // "38 degrees C", "37 degrees Celsius"
      const std::string_view so_far = text.substr(start, end - start);
      if ((lower_equals(so_far, "degrees") || lower_equals(so_far, "degree")) && !rest.empty() &&
          (rest[0] == 'C' || rest[0] == 'c' || rest[0] == 'F' || rest[0] == 'f')) {
        ++end;
        continue;
      }
      if (rest.starts_with("1.73") || rest.starts_with("m2") || rest.starts_with("m²") || rest.starts_with("Hg") ||
          rest.starts_with("hg") || rest.starts_with("per 1.73") || rest.starts_with("H2O") || rest.starts_with("H20") ||
          rest.starts_with("h2o")) {  // "cm H2O"
        ++end;
        continue;
      }
    }
    break;
  }
  // Longest prefix that reads as a unit, cut where a unit can end.
  for (std::size_t cut = end; cut > start; --cut) {
    const auto next = cut < text.size() ? static_cast<unsigned char>(text[cut]) : ' ';
    const auto last = static_cast<unsigned char>(text[cut - 1]);
    if (cut < text.size() && is_alnum(static_cast<char>(next)) && is_alnum(static_cast<char>(last))) continue;
    if (cut < text.size() && (next & 0xC0) == 0x80) continue;  // inside a UTF-8 sequence
    if (last == '.' || last == '/' || last == ' ') continue;
    const std::string_view spelling = text.substr(start, cut - start);
    if (!g::resolve_unit(spelling)) continue;
    if (paren) {
      if (cut < text.size() && text[cut] == ')') return cut + 1 - pos;
      continue;
    }
    return cut - pos;
  }
  return 0;
}

std::size_t unit_spelling_length_as_before(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  const std::size_t unit = plain_unit_length_as_before(text, pos);
  const std::size_t frequency = g::frequency_spelling_length(text, pos);
  return frequency > unit ? frequency : unit;
}

std::vector<std::string> golden_lines() {
  std::vector<std::string> lines;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(TRIALMATCH_SOURCE_DIR) + "/fixtures/criteria")) {
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line[0] != '#' && !line.starts_with("  =>")) lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("unit_spelling_length reads as its form before the byte tables, at every position of the golden lines") {
  const std::vector<std::string> lines = golden_lines();
  REQUIRE(lines.size() > 1000);
  std::size_t positions = 0, units = 0;
  for (const std::string& line : lines)
    for (std::size_t pos = 0; pos <= line.size(); ++pos) {
      const std::size_t n = g::unit_spelling_length(line, pos);
      CHECK_MESSAGE(n == unit_spelling_length_as_before(line, pos), line, " @", pos);
      ++positions;
      units += n > 0;
    }
  CHECK(positions > 100000);
  CHECK(units > 1000);  // units read, not only refused
}

TEST_CASE("unit_spelling_length reads as its form before the byte tables, on texts built around inner blanks") {
  const char* const pieces[] = {"mg", "/", " ", "dL", "kg", "m2", "m\xC2\xB2", "1.73", "per", "per ", "Hg", "hg",
                                "H2O", "H20", "h2o", "mm", "degrees", "degree", "C", "c", "F", "f", "min", "mL",
                                "(", ")", "-", "x", "\xC3\x97", "10", "9", "L", "%", "year", "s", "week", "a",
                                "times", "beats", "\xC2\xB5", "mol", ".", "*", "^", "_", "[IU]", "{copies}", "day"};
  const char* const written[] = {"38 degrees C", "100.4 degrees f", "37 Degrees c", "99 degree F", "98 degrees Fahrenheit",
                                 "30 mm Hg", "20 cm H2O", "20 cm H20", "20 cm h2o", "60 mL/min per 1.73 m2",
                                 "60 ml/min/1.73 m\xC2\xB2", "30 kg / m2", "5 mmol / L", "100 beats per minute",
                                 "150 min per week", "60 ml / min / 1.73m", "2 mg/dL or more", "18 years of age",
                                 "3 times a week", "10 cigarettes per day", "1.5 x 10^9/L", "100 \xC3\x97 109/L",
                                 "5 (mg/dL)", "6-month", "24-h", "40 mg/m 2", "2 mmHg per hour", "5 hg", "4 m2 per",
                                 "2 mg-dose per day", "3 h-long sessions per week", "2 g/ day", "1 h/day.", "5 d/wk)",
                                 "2 mg /day", "10 g-tablets daily", "3 L/day of fluid", "1 U/week", "4 min-walks per week"};
  for (const std::string text : written)
    for (std::size_t pos = 0; pos < text.size(); ++pos)
      CHECK_MESSAGE(g::unit_spelling_length(text, pos) == unit_spelling_length_as_before(text, pos), text, " @", pos);
  std::uint64_t state = 0x6A09E667F3BCC909ULL;
  const auto next = [&state] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  std::size_t units = 0;
  for (int i = 0; i < 40000; ++i) {
    std::string text;
    for (std::uint64_t n = 1 + next() % 8; n > 0; --n) text += pieces[next() % std::size(pieces)];
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
      const std::size_t n = g::unit_spelling_length(text, pos);
      CHECK_MESSAGE(n == unit_spelling_length_as_before(text, pos), text, " @", pos);
      units += n > 0;
    }
  }
  CHECK(units > 10000);
}

namespace {

// frequency_spelling_length as it was before its precheck of a periodic word at pos: the words before pos
// read wherever a periodic word's first letter is there (after_count_word, word for word).
constexpr char lower_byte(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool starts_with_word(std::string_view text, std::size_t pos, std::string_view w) {
  if (text.size() - pos < w.size()) return false;
  for (std::size_t i = 0; i < w.size(); ++i)
    if (lower_byte(text[pos + i]) != w[i]) return false;
  return true;
}
bool after_count_word(std::string_view text, std::size_t pos) {
  const std::size_t from = pos > 12 ? pos - 12 : 0;
  std::string_view b = text.substr(from, pos - from);
  while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
  const auto ends_with = [&b](std::string_view w) { return b.size() >= w.size() && starts_with_word(b, b.size() - w.size(), w); };
  return ends_with("twice") || ends_with("once") || ends_with("thrice");
}
std::size_t frequency_spelling_length_as_before(std::string_view text, std::size_t pos) {
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (pos >= text.size() || !(letter(text[pos]) || text[pos] == '/')) return 0;
  const char first = lower_byte(text[pos]);
  const bool periodic_here = first == 'd' || first == 'w' || first == 'm' || first == 'y' || first == 'a';
  return g::frequency_length_given(text, pos, periodic_here && after_count_word(text, pos));
}

}  // namespace

TEST_CASE("frequency_spelling_length reads as before its precheck of a periodic word, on golden lines and made-up texts") {
  std::size_t found = 0;
  const auto check_all = [&found](std::string_view text) {
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
      const std::size_t n = g::frequency_spelling_length(text, pos);
      CHECK_MESSAGE(n == frequency_spelling_length_as_before(text, pos), text, " @", pos);
      found += n > 0;
    }
  };
  for (const std::string& line : golden_lines()) check_all(line);
  for (const char* text : {"twice daily", "once Daily for", "thrice weekly", "twice  monthly.", "once yearly", "Twice annually",
                           "once daily-ish", "twice dailyx", "twice months", "once a day", "3 times daily", "daily",
                           "2 days weekly", "twice d", "once weeklyy", "twice annual", "twice a", "once-daily"})
    check_all(text);
  const char* const pieces[] = {"twice", "once", "thrice", " ", "  ", "daily", "Daily", "weekly", "WEEKLY", "monthly",
                                "yearly", "annually", "days", "weeks", "months", "years", "a", "y", "d", "per", "/",
                                "week", "day", "times", "x", "cigarettes", "-", ".", "ly", "dai", "anually"};
  std::uint64_t state = 0xBB67AE8584CAA73BULL;
  const auto next = [&state] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  for (int i = 0; i < 30000; ++i) {
    std::string text;
    for (std::uint64_t n = 1 + next() % 6; n > 0; --n) text += pieces[next() % std::size(pieces)];
    check_all(text);
  }
  CHECK(found > 2000);  // counts per period found, not only refusals
}

// text::clean, collapse_spaces, trim, lower_ascii (matcher/src/text_clean.cpp) and split::lead_in_end
// (split_criteria.cpp) were rewritten for speed (a byte-class table, runs copied whole, no call per byte; each
// colon read back); their former forms are kept here as the oracle and compared with them on many inputs.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "../../matcher/src/split_parts.hpp"
#include "../../matcher/src/text_clean.hpp"

namespace {

namespace text = trialmatch::matcher::text;
namespace split = trialmatch::matcher::split;

// ---- The oracle: the functions as they were (main at b638f4b). ----
namespace oracle {


void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The named entities registry text actually uses; anything else stays as written.
std::uint32_t named_entity(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::uint32_t>, 26> table{{
      {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
      {"nbsp", 0xA0},    {"le", 0x2264},     {"ge", 0x2265},    {"ne", 0x2260},    {"times", 0xD7},
      {"micro", 0xB5},   {"mu", 0x3BC},      {"beta", 0x3B2},   {"alpha", 0x3B1},  {"gamma", 0x3B3},
      {"deg", 0xB0},     {"plusmn", 0xB1},   {"ndash", 0x2013}, {"mdash", 0x2014}, {"middot", 0xB7},
      {"rsquo", 0x2019}, {"lsquo", 0x2018},  {"rdquo", 0x201D}, {"ldquo", 0x201C}, {"bull", 0x2022},
      {"reg", 0xAE},
  }};
  for (const auto& [n, cp] : table)
    if (n == name) return cp;
  return 0;
}

// Decodes the entity starting at s[0] == '&'; returns the bytes consumed, 0 when it is no entity.
std::size_t decode_entity(std::string_view s, std::string& out) {
  const auto semi = s.find(';');
  if (semi == std::string_view::npos || semi < 2 || semi > 10) return 0;
  const auto body = s.substr(1, semi - 1);
  std::uint32_t cp = 0;
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const auto digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      const int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                    : hex && std::isxdigit(static_cast<unsigned char>(c))
                        ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                        : -1;
      if (d < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      if (cp > 0x10FFFF) return 0;
    }
  } else {
    cp = named_entity(body);
  }
  if (cp == 0) return 0;
  append_utf8(out, cp == 0xA0 ? ' ' : cp);
  return semi + 1;
}

// The byte cp1252 gives the code point cp, for code points that stand for 0x80..0xBF; else -1.
int cp1252_continuation_byte(std::uint32_t cp) {
  static constexpr std::array<std::uint16_t, 32> high{
      0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
      0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
  if (cp >= 0xA0 && cp <= 0xBF) return static_cast<int>(cp);
  for (std::size_t k = 0; k < high.size(); ++k)
    if (high[k] != 0 && high[k] == cp) return static_cast<int>(0x80 + k);
  return -1;
}

// Decodes one UTF-8 character at s[i]; returns its length (0 if invalid).
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d >> 6) != 0x2) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  return n;
}

// UTF-8 once read as cp1252 and saved again ("â‰¥" for "≥", "Ã—" for "×"), as registry records
// sometimes hold it: a lead byte shown as Â..ô followed by continuation bytes is read back as one
// character. Returns the bytes of s used, 0 when s does not start with such a run.
std::size_t repair_mojibake(std::string_view s, std::string& out) {
  std::uint32_t lead = 0;
  std::size_t used = decode_utf8(s, 0, lead);
  if (used != 2 || lead < 0xC2 || lead > 0xF4) return 0;
  const std::size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
  std::string bytes(1, static_cast<char>(lead));
  for (std::size_t k = 0; k < need; ++k) {
    std::uint32_t cp = 0;
    const auto n = used < s.size() ? decode_utf8(s, used, cp) : 0;
    const int b = n ? cp1252_continuation_byte(cp) : -1;
    if (b < 0) return 0;
    bytes += static_cast<char>(b);
    used += n;
  }
  std::uint32_t repaired = 0;
  if (decode_utf8(bytes, 0, repaired) != bytes.size() || repaired < 0x80) return 0;
  out += bytes;
  return used;
}

bool is_markdown_escapable(char c) {
  return std::string_view("\\`*_{}[]()<>#+-.!^~|=").find(c) != std::string_view::npos;
}


std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (c == '\t') {
      out += ' ';
    } else if (c == '\\' && i + 1 < s.size() && is_markdown_escapable(s[i + 1])) {
      out += s[++i];
    } else if (c == '&') {
      const auto used = decode_entity(s.substr(i), out);
      if (used == 0) out += c;
      else i += used - 1;
    } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() &&
               static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      out += ' ';  // U+00A0 no-break space
      ++i;
    } else if (const auto used = static_cast<unsigned char>(c) >= 0xC3 ? repair_mojibake(s.substr(i), out) : 0; used > 0) {
      i += used - 1;
    } else {
      out += c;
    }
  }
  return out;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string_view trim(std::string_view s) noexcept {
  const auto ws = " \t\r\n\f\v";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}


std::size_t lead_in_end(std::string_view t) {
  static constexpr std::string_view words[] = {"including", "include",   "includes",   "following", "follows",
                                               "criteria",  "conditions", "defined as", "defined by", "namely"};
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  const std::string lower = lower_ascii(t);
  std::size_t best = std::string_view::npos;
  for (const auto word : words) {
    for (std::size_t pos = lower.find(word); pos != std::string::npos; pos = lower.find(word, pos + 1)) {
      if (pos > 0 && is_word(lower[pos - 1])) continue;
      std::size_t q = pos + word.size();
      while (q < lower.size() && std::isspace(static_cast<unsigned char>(lower[q]))) ++q;
      if (q + 1 < lower.size() && lower[q] == ':' && (best == std::string_view::npos || q + 1 > best)) best = q + 1;
    }
  }
  return best;
}

}  // namespace oracle

// Pieces the cleaner and the splitter act on: entities (known, unknown, numeric, broken), markdown escapes, line
// ends, tabs, no-break spaces, mojibake and plain UTF-8, white space of every kind, lead-in words and colons.
const std::vector<std::string> pieces{
    "&amp;", "&lt;", "&ge;", "&nbsp;", "&bull;", "&#8805;", "&#x2265;", "&#X41;", "&#;", "&#x;", "&#99999999;",
    "&unknown;", "&", "&amp", ";", "\\<", "\\*", "\\", "\\a", "\r\n", "\r", "\n", "\t", "\v", "\f", " ", "  ",
    "\xC2\xA0", "\xC2", "\xA0", "\xC3\xA2\xE2\x80\xB0\xC2\xA5", "\xC3\x83\xE2\x80\x94", "\xC3\xA2\xE2\x80",
    "\xC3\xA9", "\xE2\x89\xA5", "\xE2\x80\x93", "\xF0\x9F\x98\x80", "\xFF", "\x80", "a", "Z", "_", "1", ":", " :",
    "including", "INCLUDES", "Following", "criteria", "conditions", "defined as", "Defined  By", "namely", "xincluding",
    "include_", "word", "Age", "(", ")", ".", ",", "-", "following:", " include :", "Defined by:\n", "namely:x", "CRITERIA :"};

std::vector<std::string> inputs() {
  std::vector<std::string> all;
  std::mt19937 random(20261206);  // fixed: the same inputs on every run
  for (int n = 0; n < 30000; ++n) {
    std::string s;
    const auto count = random() % 10;
    for (std::size_t k = 0; k < count; ++k) s += pieces[random() % pieces.size()];
    all.push_back(std::move(s));
  }
  for (int n = 0; n < 5000; ++n) {  // any bytes at all
    std::string s(random() % 24, ' ');
    for (char& c : s) c = static_cast<char>(random() % 256);
    all.push_back(std::move(s));
  }
  for (const auto& e : std::filesystem::recursive_directory_iterator(TRIALMATCH_SOURCE_DIR "/fixtures")) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    all.push_back(body.str());  // whole files: long runs, many lines
    std::istringstream lines(body.str());
    for (std::string line; std::getline(lines, line);) all.push_back(line);
  }
  return all;
}

}  // namespace

TEST_CASE("text::clean, collapse_spaces, trim, lower_ascii and lead_in_end give what their former forms gave") {
  std::size_t differences = 0;
  const auto all = inputs();
  REQUIRE(all.size() > 35000);
  for (const auto& s : all) {
    const bool same = text::clean(s) == oracle::clean(s) && text::collapse_spaces(s) == oracle::collapse_spaces(s) &&
                      text::trim(s) == oracle::trim(s) && text::lower_ascii(s) == oracle::lower_ascii(s) &&
                      split::lead_in_end(s) == oracle::lead_in_end(s) &&
                      split::lead_in_end(text::clean(s)) == oracle::lead_in_end(oracle::clean(s));
    if (!same && ++differences <= 10) MESSAGE("differs on \"" << s << "\"");
  }
  CHECK(differences == 0);
}

TEST_CASE("the inputs reach what the rewrites changed") {
  // Each branch of the cleaner and each shape of lead-in is met, so a fault in one would show above.
  const auto all = inputs();
  auto count = [&](auto&& pred) { return std::count_if(all.begin(), all.end(), pred); };
  CHECK(count([](const std::string& s) { return oracle::clean(s) != s; }) > 1000);
  CHECK(count([](const std::string& s) { return oracle::collapse_spaces(s) != s; }) > 1000);
  CHECK(count([](const std::string& s) { return oracle::lead_in_end(s) != std::string_view::npos; }) > 1000);
  CHECK(count([](const std::string& s) { return s.find("\xC3") != std::string::npos && oracle::clean(s).size() < s.size(); }) > 100);
}

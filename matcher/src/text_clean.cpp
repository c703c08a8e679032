#include "text_clean.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

namespace trialmatch::matcher::text {
namespace {

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

// One byte's class, from a table: a test per byte of every record's text.
constexpr std::uint8_t white = 1;     // std::isspace in the "C" locale: " " and "\t" "\n" "\v" "\f" "\r"
constexpr std::uint8_t special = 2;   // clean() has to look at it: "\r" "\t" "\\" "&" and lead bytes 0xC2..
constexpr std::array<std::uint8_t, 256> byte_classes = [] {
  std::array<std::uint8_t, 256> t{};
  for (unsigned char c : {' ', '\t', '\n', '\v', '\f', '\r'}) t[c] |= white;
  for (unsigned char c : {'\r', '\t', '\\', '&'}) t[c] |= special;
  for (unsigned c = 0xC2; c < 256; ++c) t[c] |= special;
  return t;
}();

bool needs_cleaning(char c) { return (byte_classes[static_cast<unsigned char>(c)] & special) != 0; }
bool is_white(char c) { return (byte_classes[static_cast<unsigned char>(c)] & white) != 0; }

}  // namespace

std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Bytes that need nothing done are copied a run at a time: all but "\r", "\t", "\\", "&" and the lead
    // bytes 0xC2.. (a no-break space, or mojibake to repair).
    const std::size_t run = i;
    while (i < s.size() && !needs_cleaning(s[i])) ++i;
    out.append(s.data() + run, i - run);
    if (i == s.size()) break;
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
  std::string out(s);
  collapse_spaces_in_place(out);
  return out;
}

void collapse_spaces_in_place(std::string& s) noexcept {
  // Most texts are collapsed already (trimmed lines joined by one space): the bytes before the first white
  // space that has to go or change stay as they are.
  const std::size_t n = s.size();
  std::size_t keep = 0;
  for (; keep < n; ++keep) {
    if (!is_white(s[keep])) continue;
    if (s[keep] != ' ' || keep == 0 || keep + 1 == n || is_white(s[keep + 1])) break;
  }
  if (keep == n) return;
  // From there on, written byte by byte over s (the text only shrinks, so writing never passes reading), then cut.
  char* const begin = s.data();
  char* o = begin + keep;
  bool space = false;
  for (const char c : std::string_view(s).substr(keep)) {
    if (is_white(c)) {
      space = o != begin;
    } else {
      if (space) *o++ = ' ';
      space = false;
      *o++ = c;
    }
  }
  s.resize(static_cast<std::size_t>(o - begin));
}

std::string_view trim(std::string_view s) noexcept {
  std::size_t b = 0, e = s.size();
  while (b < e && is_white(s[b])) ++b;
  while (e > b && is_white(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)  // as std::tolower in the "C" locale the program runs in, without a call per byte
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool starts_with_lower(std::string_view s) noexcept {
  return !s.empty() && s[0] >= 'a' && s[0] <= 'z';
}

bool is_valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 4;
    if (extra == 4 || i + extra >= s.size() + (extra == 0 ? 1 : 0)) return false;
    for (std::size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace trialmatch::matcher::text

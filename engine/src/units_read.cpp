// Reading unit spellings: UCUM codes (case-sensitive) first, then the spellings laboratories and
// criteria use ("µmol/l", "x10^9/L", "cells/mm³", "mL/min/1.73 m²", "yrs"). Each spelling is parsed
// once into a canonical UCUM code, a dimension and a scale, and remembered.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <span>
#include <cmath>
#include <string>
#include <vector>

#include "trialmatch/engine/short_hash.hpp"
#include "units_detail.hpp"
#include "units_read_detail.hpp"

namespace trialmatch::engine::units {

namespace {

using detail::Atom;
using detail::count_prefix;
using detail::fold;
using detail::Signature;
using detail::whole_aliases;
using detail::word_aliases;

}  // namespace

// (Compared byte by byte: no lower-cased copy of each code per call.)
const Atom* detail::find_atom_any_case(std::string_view lower_code) {
  static constexpr std::string_view codes[] = {"g", "m", "L", "mol", "s", "U", "[IU]", "Pa", "eq", "%"};
  const auto lower_equals = [lower_code](std::string_view code) {
    if (code.size() != lower_code.size()) return false;
    for (std::size_t i = 0; i < code.size(); ++i)
      if (detail::ascii_lower_byte(code[i]) != lower_code[i]) return false;
    return true;
  };
  for (auto code : codes)
    if (lower_equals(code)) return detail::find_atom(code);
  return nullptr;
}

namespace {

// ASCII letters, without a call into the C library per byte (std::isalpha in the "C" locale, the one the program
// runs in).
constexpr bool ascii_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// detail::prefix_factor of a one-byte prefix, by that byte: read once for every byte (its search of the prefixes
// by string cost more than the rest of a symbol's reading).
std::optional<double> prefix_of(char first) noexcept {
  static const std::array<std::optional<double>, 256> factors = [] {
    std::array<std::optional<double>, 256> t{};
    for (unsigned b = 0; b < 256; ++b) {
      const char c = static_cast<char>(b);
      t[b] = detail::prefix_factor(std::string_view(&c, 1));
    }
    return t;
  }();
  return factors[static_cast<unsigned char>(first)];
}

// An exponent as written ("9" in 10*9, "-1" in s-1, "+3"); nullopt where it is no exponent a unit has
// (beyond 10^30 either way, or too many digits for an int), never an exception or an infinite scale.
std::optional<int> read_exponent(std::string_view digits) {
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  int exponent = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
  if (ec != std::errc() || end != digits.data() + digits.size() || exponent > 30 || exponent < -30) return std::nullopt;
  return exponent;
}

struct Parsed {
  std::string code;  // canonical UCUM
  Signature signature;
  double scale = 1;
  bool has_atom = false;      // any real unit atom (vs only numbers and annotations)
  bool has_amount = false;    // an amount-of-substance atom (mmol/mol is a substance fraction)
  bool fraction = false;
  bool affine = false;
};

class Parser {
 public:
  Parser(std::string_view text, bool exact) : text_(text), exact_(exact) {}

  std::optional<Parsed> parse() {
    Parsed p;
    if (!term(p) || pos_ != text_.size()) return std::nullopt;
    return p;
  }

 private:
  std::string_view text_;
  bool exact_;
  std::size_t pos_ = 0;

  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  bool term(Parsed& p) {
    int sign = 1;
    if (at('/')) {
      sign = -1;
      ++pos_;
      p.code += '/';
    }
    while (true) {
      if (!component(p, sign)) return false;
      if (at('/') || at('.')) {
        const char op = text_[pos_++];
        sign = op == '/' ? -1 : 1;
        if (!p.code.empty() || op == '/') p.code += op;
        continue;
      }
      return true;
    }
  }

  // One factor: a group, an annotation, a number (10*n, 10^n, 24) possibly glued to an atom ("24h",
  // "1.73m2"), or a prefixed atom with an exponent.
  bool component(Parsed& p, int sign) {
    if (at('(')) {
      ++pos_;
      Parsed inner;
      if (!term(inner) || !at(')')) return false;
      ++pos_;
      p.code += '(' + inner.code + ')';
      p.signature.add(inner.signature, sign);
      p.scale *= std::pow(inner.scale, sign);
      p.has_atom = p.has_atom || inner.has_atom;
      p.has_amount = p.has_amount || inner.has_amount;
      p.fraction = p.fraction || inner.fraction;
      p.affine = p.affine || inner.affine;
      return true;
    }
    if (at('{')) {
      const auto close = text_.find('}', pos_);
      if (close == std::string_view::npos) return false;
      const std::string_view annotation = text_.substr(pos_, close + 1 - pos_);
      pos_ = close + 1;
      if (annotation != "{cells}" && annotation != "{beats}") p.code += annotation;
      return true;
    }
    if (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) return number(p, sign);
    return atom(p, sign);
  }

  bool number(Parsed& p, int sign) {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.')) {
      // A '.' followed by a non-digit is UCUM's multiplication, not a decimal point.
      if (text_[pos_] == '.' && !(pos_ + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))))
        break;
      ++pos_;
    }
    const std::string digits(text_.substr(start, pos_ - start));
    // 10*9, 10^9, 10E9, 10^(9)
    if (digits == "10" && pos_ < text_.size() && (at('*') || at('^') || at('e') || at('E'))) {
      std::size_t q = pos_ + 1;
      const bool paren = q < text_.size() && text_[q] == '(';
      if (paren) ++q;
      const std::size_t exp_start = q;
      if (q < text_.size() && (text_[q] == '-' || text_[q] == '+')) ++q;
      while (q < text_.size() && std::isdigit(static_cast<unsigned char>(text_[q]))) ++q;
      if (q > exp_start && std::isdigit(static_cast<unsigned char>(text_[q - 1]))) {
        if (paren) {
          if (q >= text_.size() || text_[q] != ')') return false;
        }
        const auto read = read_exponent(text_.substr(exp_start, q - exp_start));
        if (!read) return false;
        const int exponent = *read;
        pos_ = paren ? q + 1 : q;
        p.code += "10*" + std::to_string(exponent);
        p.scale *= std::pow(std::pow(10.0, exponent), sign);
        return true;
      }
      return false;
    }
    // "1.73m2" after a clearance: the body-surface normalisation, UCUM's annotation {1.73_m2}.
    if (digits == "1.73" && text_.substr(pos_, 2) == "m2" &&
        (pos_ + 2 == text_.size() || text_[pos_ + 2] == '/' || text_[pos_ + 2] == '.' || text_[pos_ + 2] == ')')) {
      pos_ += 2;
      p.code += "{1.73_m2}";
      return true;
    }
    double value = 0;
    try {
      value = std::stod(digits);
    } catch (...) {
      return false;
    }
    if (value <= 0) return false;
    const std::size_t code_start = p.code.size();
    p.code += digits;
    p.scale *= std::pow(value, sign);
    // A number glued to an atom multiplies it: "mg/24h" is mg/(24.h) in UCUM, where '/' binds only the
    // next factor.
    if (pos_ < text_.size() && (ascii_letter(text_[pos_]) || at('['))) {
      p.code += '.';
      if (!atom(p, sign)) return false;
      if (sign < 0) p.code = p.code.substr(0, code_start) + '(' + p.code.substr(code_start) + ')';
    }
    return true;
  }

  bool atom(Parsed& p, int sign) {
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '[') {
        const auto close = text_.find(']', pos_);
        if (close == std::string_view::npos) return false;
        pos_ = close + 1;
      } else if (ascii_letter(c) || c == '%' || c == '_') {
        ++pos_;
      } else {
        break;
      }
    }
    if (pos_ == start) return false;
    std::string_view symbol = text_.substr(start, pos_ - start);
    int exponent = 1;
    if (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || at('-') || at('^'))) {
      std::size_t q = pos_;
      if (text_[q] == '^') ++q;
      const std::size_t exp_start = q;
      if (q < text_.size() && text_[q] == '-') ++q;
      while (q < text_.size() && std::isdigit(static_cast<unsigned char>(text_[q]))) ++q;
      if (q > exp_start && std::isdigit(static_cast<unsigned char>(text_[q - 1]))) {
        const auto read = read_exponent(text_.substr(exp_start, q - exp_start));
        if (!read) return false;
        exponent = *read;
        pos_ = q;
      }
    }
    std::string code;
    std::optional<double> prefix;
    const Atom* a = resolve(symbol, code, prefix);
    if (!a) {
      // A counted word with no unit of its own ("cells") is dropped; "copies" becomes {copies}.
      if (exact_ || exponent != 1) return false;
      auto it = word_aliases().find(detail::ascii_lower(symbol));
      if (it == word_aliases().end() || (!it->second.empty() && it->second.front() != '{')) return false;
      p.code += it->second;
      return true;
    }
    const int power = exponent * sign;
    p.code += code;
    if (exponent != 1) p.code += std::to_string(exponent);
    p.signature.add(a->signature, power);
    p.scale *= std::pow(a->factor * prefix.value_or(1.0), power);
    p.has_atom = true;
    p.has_amount = p.has_amount || a->signature.exponent[Signature::amount] != 0;
    p.fraction = p.fraction || a->fraction;
    p.affine = p.affine || a->affine;
    return true;
  }

  // The atom a symbol names, with its canonical code and prefix factor.
  const Atom* resolve(std::string_view symbol, std::string& code, std::optional<double>& prefix) const {
    if (const Atom* a = detail::find_atom(symbol)) {
      code = symbol == "l" ? "L" : std::string(symbol);
      return a;
    }
    if (symbol.size() > 1) {
      if (auto f = prefix_of(symbol[0])) {
        if (const Atom* a = detail::find_atom(symbol.substr(1)); a && a->metric) {
          prefix = f;
          code = std::string(symbol.substr(0, 1)) + (symbol.substr(1) == "l" ? "L" : std::string(symbol.substr(1)));
          return a;
        }
      }
    }
    if (exact_) return nullptr;
    const std::string lower = detail::ascii_lower(symbol);
    if (auto it = word_aliases().find(lower); it != word_aliases().end()) {
      if (it->second.empty() || it->second.front() == '{') return nullptr;
      Parser inner(it->second, true);
      return inner.resolve(it->second, code, prefix);
    }
    if (const Atom* a = detail::find_atom_any_case(lower)) {
      code = std::string(a->code);
      return a;
    }
    if (lower.size() > 1) {
      if (auto f = prefix_of(lower[0])) {
        if (const Atom* a = detail::find_atom_any_case(lower.substr(1)); a && a->metric) {
          prefix = f;
          code = lower.substr(0, 1) + std::string(a->code);
          return a;
        }
      }
    }
    return nullptr;
  }
};

std::optional<Unit> to_unit(const Parsed& p) {
  if (p.affine && !(p.signature == detail::signature_of(Dimension::temperature) && p.code.find_first_of("/.") == std::string::npos))
    return std::nullopt;  // "Cel/min" has no meaning with an offset scale
  Dimension dimension;
  if (p.signature.is_zero()) {
    dimension = p.has_amount ? Dimension::substance_fraction
                : (p.fraction || p.has_atom) ? Dimension::fraction
                                             : Dimension::dimensionless;
  } else {
    auto d = detail::dimension_of(p.signature);
    if (!d) return std::nullopt;
    dimension = *d;
  }
  std::string code = p.code.empty() ? "1" : p.code;
  return Unit{std::move(code), dimension, p.scale};
}

std::optional<Unit> read_as(std::string_view text, bool exact) {
  auto parsed = Parser(text, exact).parse();
  return parsed ? to_unit(*parsed) : std::nullopt;
}

}  // namespace

namespace {

// fold() of an ASCII spelling: of its replacements only " per " is ASCII (the others start with a byte beyond
// it), then the same blanks dropped, wrapping parentheses and "(s)" removed.
std::string fold_ascii(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size();) {
    if (in[i] == ' ' && in.substr(i).starts_with(" per ")) {
      out += '/';
      i += 5;
      continue;
    }
    const char c = in[i++];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  }
  if (out.size() >= 2 && out.front() == '(' && out.back() == ')' && out.find_first_of("()", 1) == out.size() - 1)
    out = out.substr(1, out.size() - 2);
  for (std::size_t p; (p = out.find("(s)")) != std::string::npos;) out.erase(p, 3);
  return out;
}

}  // namespace

std::string detail::fold_if_needed(std::string_view spelling) {
  bool ascii_changed = false;  // a blank or a parenthesis, which fold_ascii reads
  for (const char c : spelling) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80) return fold(spelling);
    ascii_changed = ascii_changed || b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '(';
  }
  return ascii_changed ? fold_ascii(spelling) : std::string(spelling);
}

bool detail::letters_read_as_no_unit(std::string_view spelling) {
  if (spelling.empty()) return false;
  for (const char c : spelling)
    if (!ascii_letter(c)) return false;
  // Such a spelling is its own fold and count_prefix, so parse_spelling reads it as a whole alias, or as one
  // atom: exactly as written, then lower-cased with word aliases and any case (prefixed or not), or as what
  // its "per" becomes. The lookups each reading comes down to, and no more (a few where a parse costs
  // thousands of instructions: the grammar asks this of every word it meets after a number).
  const std::string lower = detail::ascii_lower(spelling);
  if (lower.find("per") != std::string::npos) return false;
  if (whole_aliases().contains(lower) || word_aliases().contains(lower)) return false;
  const auto atom_or_prefixed = [](std::string_view s, bool any_case) {
    const auto atom = [any_case](std::string_view a) {
      return detail::find_atom(a) != nullptr || (any_case && detail::find_atom_any_case(a) != nullptr);
    };
    return atom(s) || (s.size() > 1 && prefix_of(s[0]) && atom(s.substr(1)));
  };
  // (A word written in lower case is read as written by the lower-cased reading, which looks up more.)
  return (spelling == lower || !atom_or_prefixed(spelling, false)) && !atom_or_prefixed(lower, true);
}

std::optional<Unit> detail::parse_spelling(std::string_view spelling) {
  if (detail::letters_read_as_no_unit(spelling)) return std::nullopt;
  return detail::parse_spelling_in_full(spelling);
}

std::optional<Unit> detail::parse_spelling_in_full(std::string_view spelling) {
  const std::string folded = detail::fold_if_needed(spelling);
  if (folded.empty()) return std::nullopt;
  if (folded == "1") return Unit{"1", Dimension::dimensionless, 1};
  // Aliases first: "mL/min/1.73" is valid UCUM (divided by the number 1.73) but means per 1.73 m2.
  std::string lower = detail::ascii_lower(folded);
  if (auto it = whole_aliases().find(lower); it != whole_aliases().end()) return read_as(it->second, true);
  if (auto u = read_as(folded, true)) return u;
  // "mL/min per 1.73 m2"
  for (std::size_t at; (at = lower.find("per")) != std::string::npos && lower.find("percent") != at;) {
    lower.replace(at, 3, "/");
  }
  // (Where count_prefix changes nothing, the exact reading of the same text has failed above.)
  if (std::string counted = count_prefix(folded); counted != folded)
    if (auto u = read_as(counted, true)) return u;
  return read_as(count_prefix(lower), false);
}

namespace {

// Spellings and what they read as, in one open-addressing table: a lookup hashes the few bytes of a
// spelling (short_string_hash) and compares one entry, where std::unordered_map's hash and node walk cost
// several times that (read_unit is asked for the same few spellings thousands of times a parse: "a", "1", "kg/m2").
class SpellingTable {
 public:
  explicit SpellingTable(std::size_t capacity) : capacity_(capacity) {
    std::size_t slots = 16;
    while (slots < 2 * capacity) slots *= 2;  // at most half full
    slots_.assign(slots, 0);
    entries_.reserve(std::min<std::size_t>(capacity, 128));  // (the common spellings without a reallocation)
  }
  static std::uint64_t hash(std::string_view s) noexcept { return short_string_hash(s); }
  // The entry's unit, valid until the next insert() or clear().
  const std::optional<Unit>* find(std::string_view spelling, std::uint64_t h) const noexcept {
    for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const std::uint32_t slot = slots_[i];
      if (slot == 0) return nullptr;
      const Entry& e = entries_[slot - 1];
      if (e.hash == h && e.spelling == spelling) return &e.unit;
    }
  }
  bool full() const noexcept { return entries_.size() >= capacity_; }
  // A spelling not in the table yet, into a table not full.
  void insert(std::string_view spelling, std::uint64_t h, std::optional<Unit> unit) {
    std::size_t i = h & (slots_.size() - 1);
    while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
    entries_.push_back(Entry{std::string(spelling), std::move(unit), h});
    slots_[i] = static_cast<std::uint32_t>(entries_.size());
  }
  void clear() noexcept {
    entries_.clear();
    std::fill(slots_.begin(), slots_.end(), 0);
  }

 private:
  struct Entry {
    std::string spelling;
    std::optional<Unit> unit;
    std::uint64_t hash = 0;
  };
  std::size_t capacity_;
  std::vector<std::uint32_t> slots_;  // 0: empty; else an index into entries_, plus one
  std::vector<Entry> entries_;
};

constexpr const char* kCommonSpellings[] = {
    "1", "%", "a", "mo", "wk", "d", "h", "min", "s", "ms", "/a", "/mo", "/wk", "/d", "/min", "/h",
    "years", "year", "yrs", "yr", "y", "Years", "months", "month", "weeks", "week", "wks", "days", "day",
    "hours", "hour", "hrs", "hr", "minutes", "g/dL", "g/L", "mg/dL", "mg/dl", "mg/L", "ug/L", "ng/mL", "ng/dL",
    "pg/mL", "ng/L", "ug/mL", "mg/g", "mmol/L", "mmol/l", "umol/L", "umol/l", "\xC2\xB5mol/L", "\xC2\xB5mol/l",
    "\xCE\xBCmol/L", "\xCE\xBCmol/l", "nmol/L", "pmol/L", "mol/L", "meq/L", "mEq/L", "U/L", "IU/L", "[IU]/L",
    "m[IU]/L", "mIU/L", "m[IU]/mL", "mIU/mL", "uIU/mL", "10*9/L", "10^9/L", "x10^9/L", "\xC3\x97" "10^9/L",
    "x109/L", "10*12/L", "10*3/uL", "10^3/uL", "/uL", "/\xC2\xB5L", "/mm3", "cells/uL", "cells/mm3",
    "{copies}/mL", "copies/mL", "mL/min", "ml/min", "mL/min/{1.73_m2}", "mL/min/1.73m2", "ml/min/1.73m2",
    "mL/min/1.73 m2", "mL/kg/a", "mL/kg/year", "kg/m2", "kg/m\xC2\xB2", "mm[Hg]", "mmHg", "mm Hg", "bpm",
    "kg", "g", "mg", "ug", "cm", "m", "mm", "L", "mL", "dL", "mg/d", "g/(24.h)", "Cel", "\xC2\xB0" "C", "s",
};

}  // namespace

std::span<const char* const> detail::common_spellings() noexcept { return kCommonSpellings; }

namespace {

// The spellings criteria, lexicon and laboratory feeds use most, read once into an immutable table;
// anything else is parsed on each call (a few microseconds).
// With the table, its spellings of one byte by that byte ("a", "1", "%": half of all calls, from the lowering
// and the plausibility of ages and scores), found without a hash.
struct CommonUnits {
  SpellingTable table{std::size(kCommonSpellings)};
  std::array<const std::optional<Unit>*, 256> by_byte{};  // into table's entries (a move keeps them in place)
};
const CommonUnits& common_units() {
  static const CommonUnits common = [] {
    CommonUnits c;
    for (const char* spelling : kCommonSpellings) {
      const std::uint64_t h = SpellingTable::hash(spelling);
      if (!c.table.find(spelling, h)) c.table.insert(spelling, h, detail::parse_spelling(spelling));  // ("s" twice)
    }
    for (const std::string_view spelling : kCommonSpellings)
      if (spelling.size() == 1)
        c.by_byte[static_cast<unsigned char>(spelling[0])] = c.table.find(spelling, SpellingTable::hash(spelling));
    return c;
  }();
  return common;
}

}  // namespace

std::optional<Unit> read_unit(std::string_view spelling) {
  const CommonUnits& common = common_units();
  if (spelling.size() == 1)
    if (const auto* unit = common.by_byte[static_cast<unsigned char>(spelling[0])]) return *unit;
  const std::uint64_t h = SpellingTable::hash(spelling);
  if (const auto* found = common.table.find(spelling, h)) return *found;
  // A spelling outside the table is parsed once per thread (thousands of instructions each): criteria repeat
  // their few rare spellings, and correct_unit_by_plausibility asks a dozen spellings one prefix away from
  // every implausible unit. Bounded in entries and length, so that no input grows it without limit.
  constexpr std::size_t kMaxRead = 1024, kMaxReadLength = 64;
  if (spelling.size() > kMaxReadLength) return detail::parse_spelling(spelling);
  thread_local SpellingTable read(kMaxRead);
  if (const auto* found = read.find(spelling, h)) return *found;
  auto parsed = detail::parse_spelling(spelling);
  if (read.full()) read.clear();
  read.insert(spelling, h, parsed);
  return parsed;
}

}  // namespace trialmatch::engine::units

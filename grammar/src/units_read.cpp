#include "units_read.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <string>
#include <unordered_set>
#include <cstdint>
#include <utility>
#include <vector>

#include "custom_rules.hpp"
#include "same_spelling.hpp"
#include "text_span.hpp"
#include "trialmatch/engine/short_hash.hpp"
#include "trialmatch/engine/units.hpp"

namespace trialmatch::grammar {
namespace {

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool is_alnum(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Every spelling is read by the engine's units::read_unit (one table for criteria and laboratory feeds);
// only a dose per body weight, which the engine has no dimension for, is named here so that the line
// keeps its typed threshold (the evaluator then reports the unit it cannot compare).
constexpr std::pair<std::string_view, std::string_view> grammar_only_spellings[] = {{"ml/kg", "mL/kg"}};

// Plain words that read_unit might take for a unit but criteria use as words.
constexpr std::array<std::string_view, 12> not_units{"a", "in", "at", "to", "or", "and", "of", "on", "s", "per",
                                                     "as", "t"};

std::string normalise(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB5) { out += 'u'; ++i; continue; }   // µ
    if (c == 0xCE && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) { out += 'u'; ++i; continue; }   // μ
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB2) { out += '2'; ++i; continue; }   // ²
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB3) { out += '3'; ++i; continue; }   // ³
    out += lower(static_cast<char>(c));
  }
  return out;
}

std::optional<std::string> lookup(std::string_view spelling) {
  // "-6.00 D", "(D)": a capital D alone is a dioptre (no unit here), never days ("d").
  if (spelling == "D" || spelling == "(D)") return std::nullopt;
  std::string key = normalise(spelling);
  if (key.size() > 1 && key.front() == '(' && key.back() == ')') key = key.substr(1, key.size() - 2);
  if (std::find(not_units.begin(), not_units.end(), key) != not_units.end()) return std::nullopt;
  for (auto [k, v] : grammar_only_spellings)
    if (k == key) return std::string(v);
  if (auto u = engine::units::read_unit(key)) return u->ucum;
  std::string_view inner = spelling;
  if (inner.size() > 1 && inner.front() == '(' && inner.back() == ')') inner = text_span(inner, 1, inner.size() - 1);
  // As written, where that differs from the key (read_unit is a function of its spelling: the same one fails again).
  if (inner != key)
    if (auto u = engine::units::read_unit(inner)) return u->ucum;
  return frequency_unit(spelling);
}

// The tokenizer tries every cut of a run of unit bytes and reads the unit again to resolve it, and criteria
// repeat few spellings: each spelling is read once per thread (read_unit parses what its table lacks).
// Bounded, so that no input can grow it without limit.
constexpr std::size_t kMaxCachedSpellings = 4096;

// The spellings read so far, in one open-addressing table (a lookup per cut hashes a few bytes and
// compares one entry; std::unordered_map's hash and node walk cost several times that).
class SpellingCache {
 public:
  const std::optional<std::string_view>& get(std::string_view spelling) {
    const std::uint64_t h = hash(spelling);
    if (slots_.empty()) {
      slots_.assign(kSlots, 0);
      entries_.reserve(kMaxCachedSpellings);  // never reallocated: references stay valid until a clear
    }
    for (std::size_t i = h & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      const std::uint32_t slot = slots_[i];
      if (slot == 0) break;
      const Entry& e = entries_[slot - 1];
      if (e.hash == h && same_spelling(e.spelling, spelling)) return e.unit;
    }
    const std::optional<std::string> read = lookup(spelling);  // may read other spellings first (frequency_unit)
    std::optional<std::string_view> unit;
    if (read) unit = kept(*read);
    if (entries_.size() >= kMaxCachedSpellings) clear();
    std::size_t i = h & (kSlots - 1);
    while (slots_[i] != 0) i = (i + 1) & (kSlots - 1);
    entries_.push_back(Entry{std::string(spelling), unit, h});
    slots_[i] = static_cast<std::uint32_t>(entries_.size());
    return entries_.back().unit;
  }
  void clear() noexcept {
    entries_.clear();
    std::fill(slots_.begin(), slots_.end(), 0);
  }

 private:
  static constexpr std::size_t kSlots = 2 * kMaxCachedSpellings;  // at most half full
  static_assert((kSlots & (kSlots - 1)) == 0, "a power of two");
  static std::uint64_t hash(std::string_view s) noexcept { return engine::short_string_hash(s); }
  struct Entry {
    std::string spelling;
    std::optional<std::string_view> unit;  // kept(): outlives a clear of the cache
    std::uint64_t hash = 0;
  };
  std::vector<std::uint32_t> slots_;  // 0: empty; else an index into entries_, plus one
  std::vector<Entry> entries_;
};

SpellingCache& spelling_cache() {
  thread_local SpellingCache read;
  return read;
}

const std::optional<std::string_view>& cached_lookup(std::string_view spelling) {
  return spelling_cache().get(spelling);
}

// kept()'s strings. Node-based: a string once in the set never moves. Looked up by view (no string made for a hit).
struct KeptHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view v) const noexcept { return std::hash<std::string_view>{}(v); }
};
using KeptStore = std::unordered_set<std::string, KeptHash, std::equal_to<>>;
KeptStore& kept_store() {
  thread_local KeptStore strings;
  return strings;
}
// (kept_detail::count, units_read.hpp: kept_store().size(), read at each parse's end without the store's own
// thread_local set-up; a plain integer costs no guard.)

// Whether `s`, its ASCII letters lower-cased, is `lower_word` (no string made).
bool lower_equals(std::string_view s, std::string_view lower_word) noexcept {
  if (s.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (lower(s[i]) != lower_word[i]) return false;
  return true;
}

constexpr bool unit_byte(unsigned char c) noexcept {
  return is_alnum(static_cast<char>(c)) || c == '/' || c == '.' || c == '^' || c == '*' || c == '%' || c == '[' ||
         c == ']' || c == '{' || c == '}' || c == '_' || c >= 0x80;
}

// unit_byte and is_alnum by byte: one load a byte in the scans of plain_unit_at, which reads every byte of a
// unit's run (and again each cut), where the tests above compare a byte up to a dozen times.
constexpr std::array<bool, 256> byte_table(bool (*test)(unsigned char)) {
  std::array<bool, 256> t{};
  for (unsigned b = 0; b < 256; ++b) t[b] = test(static_cast<unsigned char>(b));
  return t;
}
constexpr std::array<bool, 256> unit_bytes = byte_table([](unsigned char c) { return unit_byte(c); });
constexpr std::array<bool, 256> alnum_bytes =
    byte_table([](unsigned char c) { return is_alnum(static_cast<char>(c)); });
// The bytes a unit may go on with after an inner blank (plain_unit_at's tests: "/", "per ", degrees' "C" or
// "F", "1.73", "m2", "m²", "Hg", "H2O"), each test's first byte: after any other, the run ends at the blank.
constexpr std::array<bool, 256> after_blank_bytes = [] {
  std::array<bool, 256> t{};
  for (const char c : std::string_view("/pCcFf1mHh")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

}  // namespace

bool is_time_unit(std::string_view u) noexcept {
  return u == "a" || u == "mo" || u == "wk" || u == "d" || u == "h" || u == "min";
}

double days_in(std::string_view u) noexcept {
  // The engine's units know the calendar (UCUM: a = 365.25 d, mo = a/12); seconds to days here.
  if (!is_time_unit(u)) return 0;
  const auto unit = engine::units::read_unit(u);
  return unit && unit->dimension == engine::units::Dimension::time ? unit->scale / 86400 : 0;
}

std::optional<std::string_view> resolve_unit(std::string_view spelling, int ten_power) {
  const auto& u = cached_lookup(spelling);
  if (!u || ten_power == 0) return u;
  return unit_with_ten_power(*u, ten_power);
}

std::optional<std::string_view> unit_with_ten_power(std::string_view unit, int ten_power) {
  // "×10^9" in front of "/L" reads as the UCUM count unit 10*9/L.
  if (unit.empty() || unit.front() != '/') return std::nullopt;
  return kept("10*" + std::to_string(ten_power) + std::string(unit));
}

std::string_view kept(std::string_view s) {
  KeptStore& strings = kept_store();
  auto it = strings.find(s);
  if (it == strings.end()) {
    it = strings.emplace(s).first;
    ++kept_detail::count;
  }
  return *it;
}

void kept_detail::empty_store() {
  spelling_cache().clear();  // (its codes are views into the store: emptied first)
  KeptStore().swap(kept_store());  // (its buckets too)
  count = 0;
}

std::size_t kept_strings() noexcept { return kept_detail::count; }

namespace {

// The length of the unit spelling at pos as the unit reader reads it; where it is not in parentheses, `plain_unit`
// is the unit its spelling resolved to (the cut's lookup: the bytes from pos, less a hyphen that joins it to its
// number).
std::size_t plain_unit_length(std::string_view text, std::size_t pos, std::optional<std::string_view>& plain_unit) {
  const bool paren = text[pos] == '(';
  std::size_t start = paren ? pos + 1 : pos;
  if (start >= text.size()) return 0;
  // "6-month", "24-h": a unit joined to its number by a hyphen.
  const auto is_letter = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!paren && text[start] == '-' && start + 1 < text.size() && is_letter(static_cast<unsigned char>(text[start + 1])))
    ++start;
  const auto first = static_cast<unsigned char>(text[start]);
  // "× 109/L", "* 109 /L": a count unit whose power of ten lost its superscript, read by the engine.
  const std::string_view from_start = tail_from(text, start);
  std::size_t times = 0;
  if (first == 0xC3 || first == '*' || first == 'x' || first == 'X')  // (the signs' first bytes: most units start otherwise)
    for (std::string_view sign : {std::string_view("\xC3\x97"), std::string_view("*"), std::string_view("x"), std::string_view("X")})
      if (from_start.starts_with(sign)) times = sign.size();
  std::size_t after_times = times;
  while (times && after_times < from_start.size() && from_start[after_times] == ' ') ++after_times;
  const bool count_unit = times && tail_from(from_start, after_times).starts_with("10");
  const bool starts_ok = is_letter(first) || first == '/' || first == '%' || first == 0xC2 || first == 0xCE || count_unit;
  if (!starts_ok) return 0;
  // The run of unit bytes, at most 40, possibly with one inner blank before "1.73 m2" or "Hg".
  std::size_t end = count_unit ? start + after_times : start;
  const std::size_t limit = std::min(text.size(), start + 40);
  while (end < limit) {
    while (end < limit && unit_bytes[static_cast<unsigned char>(text[end])]) ++end;
    if (end == limit) break;
    const auto c = static_cast<unsigned char>(text[end]);
    if (c == ' ' && end + 1 < text.size()) {
      if (!after_blank_bytes[static_cast<unsigned char>(text[end + 1])] && !(end > start && text[end - 1] == '/')) break;
      const std::string_view rest = tail_from(text, end + 1);
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
      const std::string_view so_far = text_span(text, start, end);
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
    if (cut < text.size() && alnum_bytes[next] && alnum_bytes[last]) continue;
    if (cut < text.size() && (next & 0xC0) == 0x80) continue;  // inside a UTF-8 sequence
    if (last == '.' || last == '/' || last == ' ') continue;
    const std::string_view spelling = text_span(text, start, cut);
    const std::optional<std::string_view>& unit = cached_lookup(spelling);
    if (!unit) continue;
    if (paren) {
      if (cut < text.size() && text[cut] == ')') return cut + 1 - pos;
      continue;
    }
    plain_unit = unit;
    return cut - pos;
  }
  return 0;
}

}  // namespace

// (Not inlined into unit_spelling_length below: one copy of plain_unit_length's scan, inlined here.)
[[gnu::noinline]] std::size_t unit_spelling_length_noted(GrammarState& state, std::size_t pos) {
  const std::string_view text = state.text;
  if (pos >= text.size()) return 0;
  // "3 times a week", "10 cigarettes per day": a count per time, where it reads further than a unit would.
  std::optional<std::string_view> plain_unit;
  const std::size_t unit = plain_unit_length(text, pos, plain_unit);
  // The unit's length, its code noted where it is a plain one.
  const auto unit_read = [&] {
    if (plain_unit) state.note_unit(pos, pos + unit, *plain_unit);
    return unit;
  };
  // A count per time is spelled in letters, blanks, hyphens and slashes alone: where a byte of another kind
  // comes within the unit's bytes and the one after them ("years.", "kg/m2", "mg/dL)", a line's end), it
  // cannot read further than the unit, and is not read.
  static constexpr std::array<bool, 256> frequency_bytes = [] {
    std::array<bool, 256> t{};
    for (unsigned b = 0; b < 256; ++b)
      t[b] = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == ' ' || b == '-' || b == '/';
    return t;
  }();
  if (pos + unit >= text.size()) return unit_read();
  // (The byte after the unit first: most often ')', ',' or '.', which settles it before the unit's own bytes.)
  if (!frequency_bytes[static_cast<unsigned char>(text[pos + unit])]) return unit_read();
  for (std::size_t i = pos; i < pos + unit; ++i)
    if (!frequency_bytes[static_cast<unsigned char>(text[i])]) return unit_read();
  const std::size_t frequency = frequency_spelling_length(text, pos);
  return frequency > unit ? frequency : unit_read();
}

std::size_t unit_spelling_length(std::string_view text, std::size_t pos) {
  GrammarState unnoted{text, nullptr};  // (a line's state of its own: the units noted are not read)
  return unit_spelling_length_noted(unnoted, pos);
}

}  // namespace trialmatch::grammar

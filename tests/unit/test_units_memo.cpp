// read_unit's tables (an immutable one of common spellings, a bounded one per thread) against parsing each
// spelling afresh, and the prechecks that spare its parse work (fold_if_needed, find_atom_any_case) against
// the general forms they stand for.
#include <doctest/doctest.h>

#include <cstdint>
#include <utility>
#include <string>
#include <vector>

#include "../../engine/src/units_read_detail.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/short_hash.hpp"
#include "trialmatch/engine/units.hpp"

namespace units = trialmatch::engine::units;
namespace detail = trialmatch::engine::units::detail;
using trialmatch::engine::Concept;
using trialmatch::engine::Lexicon;

namespace {

// Spellings criteria and laboratories write (the corpus's, its near misses, and words that are no unit).
const char* const written[] = {
    "months", "weeks", "PK", "lives", "x109/L", "days", "to", "years", "kg/m\xC2\xB2", "mmol/L", "or", "month",
    "17 years", "responsible", "hours per week", "hours", "%", "17", "/90", "mg*", "mg", "mL/min*", "mL/min",
    "mL/min/1.73 m2", "mg/dL", "degrees", "mm", "mm Hg", "cm H2O", "kg.m2", "kg", "g/dL", "/mm3", "ug/min",
    "ml/min/1.73 m2", "ml", "D", "(D)", "mg/kg", "m / s", "uU/ml", "a", "a week", "ml / min / 1.73m", "ml per day",
    "lbs", "y.o", "cmH2O", "kPa", "wks", "y", "/mm^3", "beats/minute", "breaths/min", "degrees Celsius",
    "degrees C", "cm H20", "/min", "\xC2\xB0" "C", "beats per minute", "yrs", "h", "s", "\xC3\x97 10", "mm2/s",
    "mm2", "mL", "mmol / L", "ml/min", "cm3", "ng/ml", "mEq/L", "mmol/mol", "Years", "pounds", "sec", "mg/d",
    "g/d", "g", "pm", "(mg/dL)", "(mol/L)", "MG/DL", "ML/MIN", "Mmol/L", "MOL", "mIU/ml", "\xC2\xB5g/L",
    "\xCE\xBCg/mL", "10\xE2\x81\xB9/L", "\xC3\x97 10\xE2\x81\xB9/L", "10^12/L", "*10^9/L", "1012/L", "106/L",
    "103/uL", "K/uL", "k/mm3", "mg%", "g%", "bpm", "percent", "year(s)", "month(s)", "mcg/kg/min", "IU/kg",
    "U/kg", "mg/m2", "mg/m\xC2\xB2", "[IU]/mL", "u[IU]/mL", "[lb_av]", "um", "ummol/L", "kmg/dL", "dg/dL",
    "10*9/L", "10*3/uL", "mL/min/{1.73_m2}", "{copies}/mL", "copies/ml", "cells/\xC2\xB5L", "/\xCE\xBCL", "Cel",
    "[degF]", "\xC2\xB0" "F", "\xE2\x84\x83", "deg", "mm[Hg]", "mmHg", "\xE2\x8B\x85", "g\xC2\xB7L", "x 10^9 / L",
    "10^(9)/L", "10E9/L", "10^-3", "s-1", "m2", "1.73m2", "mg/24h", "g/(24.h)", "1", "", " ", "()", "(s)",
    "per", "percent per year", "times/year", "y/o", "microns", "degreesc", "mcL", "gr/dL", "times", "x",
    "10*99999999999/L", "10^31/L", "mg/dL/", "/", "//", "[", "{", "{cells}/uL", "mo", "wk", "d", "min", "/a",
};

// Every spelling the tests read: the written ones, the table's, the lexicon's units, and each of them
// with a metric prefix before it (as correct_unit_by_plausibility asks).
std::vector<std::string> spellings() {
  std::vector<std::string> out(std::begin(written), std::end(written));
  for (const char* s : detail::common_spellings()) out.emplace_back(s);
  for (const Concept& c : Lexicon::builtin().concepts()) {
    if (!c.unit.empty()) out.push_back(c.unit);
    for (const auto& r : c.units_by_size) out.push_back(r.unit);
    if (c.reference_range) out.push_back(c.reference_range->unit);
    if (c.plausible) out.push_back(c.plausible->unit);
  }
  const std::size_t plain = out.size();
  for (std::size_t i = 0; i < plain; ++i)
    for (const char* prefix : {"u", "m", "k", "n", "p", "d", "c", "M", "(", "x"}) out.push_back(prefix + out[i]);
  return out;
}

// The form fold_if_needed and find_atom_any_case stand for, kept as their oracles.
const units::detail::Atom* find_atom_any_case_as_before(std::string_view lower_code) {
  static constexpr std::string_view codes[] = {"g", "m", "L", "mol", "s", "U", "[IU]", "Pa", "eq", "%"};
  for (auto code : codes)
    if (detail::ascii_lower(code) == lower_code) return detail::find_atom(code);
  return nullptr;
}

}  // namespace

TEST_CASE("read_unit: its tables answer as a fresh parse, for every spelling the lexicon, the table and criteria use") {
  const std::vector<std::string> all = spellings();
  CHECK(all.size() > 1000);
  for (int round = 0; round < 2; ++round)  // the first fills the per-thread table, the second reads it
    for (const std::string& s : all) CHECK_MESSAGE(units::read_unit(s) == detail::parse_spelling(s), s);
  // Some answers, that the oracle itself be right.
  CHECK(units::read_unit("a")->ucum == "a");
  CHECK(units::read_unit("MG/DL")->ucum == "mg/dL");
  CHECK(units::read_unit("x109/L")->ucum == "10*9/L");
  CHECK(units::read_unit("(mol/L)")->ucum == "mol/L");
  CHECK(!units::read_unit("responsible"));
}

TEST_CASE("read_unit: the per-thread table stays right past its bound and for spellings too long to keep") {
  const std::vector<std::string> all = spellings();
  std::string long_spelling(70, 'g');
  for (int i = 0; i < 3000; ++i) {  // thousands of distinct spellings: the table is emptied several times
    const std::string made = "mg/" + std::to_string(i) + "L";
    CHECK(units::read_unit(made) == detail::parse_spelling(made));
    const std::string& known = all[static_cast<std::size_t>(i) * 7 % all.size()];
    CHECK(units::read_unit(known) == detail::parse_spelling(known));
  }
  CHECK(units::read_unit(long_spelling) == detail::parse_spelling(long_spelling));
  const std::string long_unit = "mL/min/{1.73_m2}/" + std::string(60, 'x');
  CHECK(units::read_unit(long_unit) == detail::parse_spelling(long_unit));
  for (const std::string& s : all) CHECK_MESSAGE(units::read_unit(s) == detail::parse_spelling(s), s);
}

TEST_CASE("fold_if_needed is fold, on spellings and on random strings of the bytes fold changes") {
  for (const std::string& s : spellings()) CHECK_MESSAGE(detail::fold_if_needed(s) == detail::fold(s), s);
  const char* const pieces[] = {"m", "g", "L", "/", "1", "0", "9", ".", "x", "(", ")", " ", "\t", "\n", "\r", "s",
                                "per", "^", "*", "%", "[", "]", "{", "}", "\xC2\xB5", "\xCE\xBC", "\xC3\x97",
                                "\xE2\x8B\x85", "\xC2\xB7", "\xC2\xB0", "C", "F", "\xC2\xBA", "\xE2\x84\x83",
                                "\xC2\xB2", "\xC2\xB3", "\xE2\x81\xB9", "\xE2\x81\xBB", "\xC2\xB9", "\xC2", "\xE2",
                                "\x01", "\x7F", "-", "_"};
  std::uint64_t state = 0x243F6A8885A308D3ULL;
  const auto next = [&state] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  int changed = 0;
  for (int i = 0; i < 50000; ++i) {
    std::string s;
    for (std::uint64_t n = next() % 9; n > 0; --n) s += pieces[next() % std::size(pieces)];
    const std::string folded = detail::fold(s);
    changed += folded != s;
    CHECK_MESSAGE(detail::fold_if_needed(s) == folded, s);
  }
  CHECK(changed > 10000);  // the inputs reach fold's replacements, not only its copies
  // ASCII alone (fold_if_needed's own reading of blanks, " per ", parentheses and "(s)").
  const char* const ascii_pieces[] = {"m", "g", "/", "per", " per ", " ", "  ", "\t", "\n", "\r", "(", ")", "(s)",
                                      "s", "p", "e", "r", "pe", "1", "x", "percent", "L", " p"};
  changed = 0;
  for (int i = 0; i < 50000; ++i) {
    std::string s;
    for (std::uint64_t n = next() % 7; n > 0; --n) s += ascii_pieces[next() % std::size(ascii_pieces)];
    const std::string folded = detail::fold(s);
    changed += folded != s;
    CHECK_MESSAGE(detail::fold_if_needed(s) == folded, s);
  }
  CHECK(changed > 20000);
}

TEST_CASE("find_atom_any_case is the comparison of each lower-cased code it replaces") {
  std::vector<std::string> words;
  for (const char* w : {"g", "m", "l", "mol", "s", "u", "[iu]", "pa", "eq", "%", "G", "L", "MOL", "Pa", "[IU]", "",
                        "mo", "mols", "ge", "e", "[i", "iu", "p", "gg", "%%"})
    words.emplace_back(w);
  for (const std::string& s : spellings()) words.push_back(detail::ascii_lower(s));
  for (const std::string& w : words)
    CHECK_MESSAGE(detail::find_atom_any_case(w) == find_atom_any_case_as_before(w), w);
  CHECK(detail::find_atom_any_case("mol") != nullptr);
  CHECK(detail::find_atom_any_case("[iu]") != nullptr);
  CHECK(detail::find_atom_any_case("MOL") == nullptr);  // the caller lower-cases
}

TEST_CASE("short_string_hash reads every byte and the length (spellings differing anywhere hash apart)") {
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  const auto next = [&state] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  for (std::size_t n = 0; n <= 48; ++n)
    for (int trial = 0; trial < 20; ++trial) {
      std::string s(n, ' ');
      for (char& c : s) c = static_cast<char>(next());
      const std::uint64_t h = trialmatch::engine::short_string_hash(s);
      for (std::size_t i = 0; i < n; ++i) {  // each byte changed alone changes the hash
        std::string t = s;
        t[i] = static_cast<char>(t[i] ^ (1 + next() % 255));
        CHECK_MESSAGE(trialmatch::engine::short_string_hash(t) != h, n, " ", i);
      }
      CHECK(trialmatch::engine::short_string_hash(s + '\0') != h);  // and the length
    }
  CHECK(trialmatch::engine::short_string_hash("mg/dL") == trialmatch::engine::short_string_hash(std::string("mg/dL")));
}

TEST_CASE("letters_read_as_no_unit turns away only words that a full parse reads as no unit") {
  std::vector<std::string> words;
  const auto add_cases = [&words](const std::string& w) {
    words.push_back(w);
    std::string upper = w, capital = w;
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (!capital.empty() && capital[0] >= 'a' && capital[0] <= 'z') capital[0] = static_cast<char>(capital[0] - 'a' + 'A');
    words.push_back(upper);
    words.push_back(capital);
  };
  // The lexicon's names, word by word (the words criteria write), and the spellings above cut at non-letters.
  for (const Concept& c : Lexicon::builtin().concepts())
    for (const std::string& name : c.names) {
      std::string word;
      for (const char ch : name + ' ') {
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) word += ch;
        else if (!word.empty()) add_cases(std::exchange(word, std::string()));
      }
    }
  for (const std::string& s : spellings()) {
    words.push_back(s);
    std::string word;
    for (const char ch : s + ' ') {
      if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) word += ch;
      else if (!word.empty()) add_cases(std::exchange(word, std::string()));
    }
  }
  for (const char* w : {"per", "perday", "permin", "percent", "Permanent", "upper", "kiu", "miu", "Mmhg", "MMOFHG", "cel",
                        "CEL", "dl", "DL", "dL", "Dl", "ml", "ML", "mmol", "MMOL", "Mmol", "ueq", "UEQ", "kpa", "KPA", "kPa",
                        "mpa", "u", "U", "iu", "IU", "l", "L", "deg", "DEG", "mg", "Mg", "mG", "ug", "mcg", "MCG", "cells",
                        "Cells", "beat", "copies", "Copies", "microns", "yo", "YO", "gm", "Gm", "gr", "fl", "fL", "FL", "pg",
                        "nL", "NL", "fmol", "Fmol", "dam", "da", "h", "H", "sec", "ks", "ms", "MS", "Ms", "a", "A", "mo", "Mo"})
    add_cases(w);
  // Short random words of the letters atoms and prefixes are made of.
  const std::string_view letters = "kdcmunpfgLlsaMoHhPeqUIiywrtbxzCFKDGRSVTWNAmol";
  std::uint64_t state = 0xA54FF53A5F1D36F1ULL;
  const auto next = [&state] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  for (int i = 0; i < 20000; ++i) {
    std::string w;
    for (std::uint64_t n = 1 + next() % 5; n > 0; --n) w += letters[next() % letters.size()];
    words.push_back(w);
  }
  std::size_t turned_away = 0, units = 0;
  for (const std::string& w : words) {
    const auto full = detail::parse_spelling_in_full(w);
    if (detail::letters_read_as_no_unit(w)) {
      ++turned_away;
      CHECK_MESSAGE(!full, w, " reads as ", full->ucum);
    }
    units += full.has_value();
    CHECK_MESSAGE(detail::parse_spelling(w) == full, w);
  }
  CHECK(turned_away > 5000);  // the precheck spares most words their parse
  CHECK(units > 1000);        // and the words include many that read
}

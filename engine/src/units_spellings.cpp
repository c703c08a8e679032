// Spellings of units as criteria and laboratory feeds write them, folded onto UCUM's ASCII forms.
#include <cctype>
#include <string>
#include <unordered_map>

#include "units_detail.hpp"

namespace trialmatch::engine::units::detail {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower_byte(c);
  return out;
}

namespace {
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
}  // namespace

// Folds the Unicode and typographic variants of unit spellings onto ASCII: micro sign and Greek mu
// to u, multiplication sign to x, superscript digits to ^digits, ² and ³ to 2 and 3, °C to Cel;
// drops spaces and a wrapping pair of parentheses ("(mol/L)").
std::string fold(std::string_view in) {
  static constexpr std::pair<std::string_view, std::string_view> replacements[] = {
      {"\xC2\xB5", "u"},          // µ MICRO SIGN
      {"\xCE\xBC", "u"},          // μ GREEK SMALL LETTER MU
      {"\xC3\x97", "x"},          // × MULTIPLICATION SIGN
      {"\xE2\x8B\x85", "."},      // ⋅ DOT OPERATOR
      {"\xC2\xB7", "."},          // · MIDDLE DOT
      {"\xC2\xB0" "C", "Cel"},    // °C
      {"\xC2\xB0" "c", "Cel"},    // °c
      {"\xC2\xBA" "C", "Cel"},    // ºC (masculine ordinal typed for the degree sign)
      {"\xC2\xBA" "c", "Cel"},    // ºc
      {"\xE2\x84\x83", "Cel"},    // ℃
      {"\xC2\xB0" "F", "[degF]"}, // °F
      {" per ", "/"},             // "beats per minute", "150 min per week"
      {"\xC2\xB2", "2"},          // ²
      {"\xC2\xB3", "3"},          // ³
  };
  static constexpr std::string_view superscripts[] = {
      "\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3", "\xE2\x81\xB4",
      "\xE2\x81\xB5", "\xE2\x81\xB6", "\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9"};
  std::string out;
  bool previous_superscript = false;
  for (std::size_t i = 0; i < in.size();) {
    const std::string_view rest = in.substr(i);
    // A superscript run after "10" is an exponent: 10⁹ -> 10^9; elsewhere (m², mm³) a plain digit.
    bool matched = false;
    for (int d = 0; d < 10 && !matched; ++d) {
      if (!starts_with(rest, superscripts[d])) continue;
      if (!previous_superscript && out.size() >= 2 && out.compare(out.size() - 2, 2, "10") == 0) out += '^';
      out += static_cast<char>('0' + d);
      i += superscripts[d].size();
      matched = previous_superscript = true;
    }
    if (!matched && starts_with(rest, "\xE2\x81\xBB")) {  // ⁻ SUPERSCRIPT MINUS
      if (!previous_superscript && out.size() >= 2 && out.compare(out.size() - 2, 2, "10") == 0) out += '^';
      out += '-';
      i += 3;
      matched = previous_superscript = true;
    }
    if (matched) continue;
    previous_superscript = false;
    for (const auto& [from, to] : replacements)
      if (starts_with(rest, from)) {
        out += to;
        i += from.size();
        matched = true;
        break;
      }
    if (matched) continue;
    const char c = in[i++];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  }
  if (out.size() >= 2 && out.front() == '(' && out.back() == ')' &&
      out.find_first_of("()", 1) == out.size() - 1)
    out = out.substr(1, out.size() - 2);
  // "year(s)", "month(s)"
  for (std::size_t p; (p = out.find("(s)")) != std::string::npos;) out.erase(p, 3);
  return out;
}

// Whole spellings with no compositional reading (keys lower-case, after fold()).
const std::unordered_map<std::string_view, std::string_view>& whole_aliases() {
  static const std::unordered_map<std::string_view, std::string_view> aliases{
      {"k/ul", "10*3/uL"},   {"k/mm3", "10*3/uL"},  {"thou/ul", "10*3/uL"}, {"mg%", "mg/dL"},
      {"g%", "g/dL"},        {"gm%", "g/dL"},       {"gms%", "g/dL"},      {"bpm", "/min"},
      {"beats/min", "/min"}, {"beatsperminute", "/min"}, {"breaths/min", "/min"}, {"percent", "%"},
      {"mmofhg", "mm[Hg]"},  {"times/year", "/a"},  {"times/yr", "/a"},  {"degreesc", "Cel"},
      {"degreescelsius", "Cel"}, {"degreec", "Cel"}, {"celsius", "Cel"}, {"degreesf", "[degF]"},
      {"fahrenheit", "[degF]"}, {"microns", "um"}, {"micron", "um"},
      {"degrees", "deg"},    {"degree", "deg"},     {"\xC2\xB0", "deg"},  // an angle; "38 degrees C" is read first
      {"cmh2o", "cm[H2O]"},  {"cmh20", "cm[H2O]"},  // the zero for the letter O is common
      {"y/o", "a"},          {"y.o.", "a"},         {"y.o", "a"},          {"yo", "a"},  // "≥ 20 y/o": years old
      {"ml/min/1.73", "mL/min/{1.73_m2}"},  // the body surface area written without its m2
      {"ml/min/1.73m", "mL/min/{1.73_m2}"}, {"ml/min/1.73m^2", "mL/min/{1.73_m2}"},
  };
  return aliases;
}

// Word spellings of atoms, read without case (keys lower-case). An empty target drops the word
// (counted things: "cells/mm3" is /mm3).
const std::unordered_map<std::string_view, std::string_view>& word_aliases() {
  static const std::unordered_map<std::string_view, std::string_view> aliases{
      {"years", "a"},     {"year", "a"},      {"yrs", "a"},        {"yr", "a"},        {"y", "a"},
      {"months", "mo"},   {"month", "mo"},    {"mos", "mo"},       {"mo", "mo"},       {"mths", "mo"},
      {"mth", "mo"},      {"weeks", "wk"},    {"week", "wk"},      {"wks", "wk"},      {"wk", "wk"},
      {"w", "wk"},        {"days", "d"},      {"day", "d"},        {"d", "d"},         {"hours", "h"},
      {"hour", "h"},      {"hrs", "h"},       {"hr", "h"},         {"h", "h"},         {"minutes", "min"},
      {"minute", "min"},  {"mins", "min"},    {"min", "min"},      {"seconds", "s"},   {"second", "s"},
      {"secs", "s"},      {"sec", "s"},       {"msec", "ms"},      {"mmhg", "mm[Hg]"}, {"mm[hg]", "mm[Hg]"}, {"iu", "[IU]"},
      {"miu", "m[IU]"},   {"uiu", "u[IU]"},   {"kiu", "k[IU]"},    {"meq", "meq"},     {"mcg", "ug"},
      {"gm", "g"},        {"gms", "g"},       {"grams", "g"},      {"gram", "g"},      {"kilograms", "kg"},
      {"kilogram", "kg"}, {"kgs", "kg"},      {"lb", "[lb_av]"},   {"lbs", "[lb_av]"}, {"pounds", "[lb_av]"},
      {"pound", "[lb_av]"}, {"in", "[in_i]"}, {"inch", "[in_i]"},  {"inches", "[in_i]"}, {"ft", "[ft_i]"},
      {"feet", "[ft_i]"}, {"cel", "Cel"},     {"degc", "Cel"},     {"degf", "[degF]"}, {"cells", ""},
      {"cell", ""},       {"beats", ""},      {"copies", "{copies}"}, {"beat", ""}, {"breaths", ""}, {"breath", ""},
      {"yo", "a"},        {"mcl", "uL"},      {"gr", "g"},  // "years old"; "/mcL"; "gr/dL" means grams in lab reports
  };
  return aliases;
}

// Scientific-notation count prefixes as laboratories write them: "x10^9/L", "*10^9/L", and "x109/L"
// or "109/L" where the superscript was lost (only 10^3, 10^6, 10^9 and 10^12 are read that way).
std::string count_prefix(std::string s) {
  if (!s.empty() && (s[0] == 'x' || s[0] == 'X' || s[0] == '*') && s.size() > 2 && s.compare(1, 2, "10") == 0) s.erase(0, 1);
  for (std::string_view lost : {"1012/", "109/", "106/", "103/"})
    if (starts_with(s, lost)) return "10*" + std::string(lost.substr(2, lost.size() - 3)) + s.substr(lost.size() - 1);
  return s;
}

}  // namespace trialmatch::engine::units::detail

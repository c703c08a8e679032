// Ages, sex and ids as registry records write them.
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <regex>

#include "text_clean.hpp"
#include "trial_readers.hpp"

namespace trialmatch::matcher::detail {
namespace {

std::optional<std::string> ucum_unit(std::string_view word) {
  const auto w = text::lower_ascii(word);
  if (w.starts_with("year") || w == "yrs" || w == "yr" || w == "y") return "a";
  if (w.starts_with("month") || w == "mo" || w == "mos") return "mo";
  if (w.starts_with("week") || w == "wk" || w == "wks") return "wk";
  if (w.starts_with("day") || w == "d") return "d";
  if (w.starts_with("hour") || w == "h" || w == "hrs") return "h";
  return std::nullopt;
}

std::optional<engine::Amount> amount(const std::string& number, const std::string& unit) {
  auto u = unit.empty() ? std::optional<std::string>("a") : ucum_unit(unit);
  if (!u) return std::nullopt;
  // The regexes let through any run of digits; a number beyond double ("1e999" written out) is no age.
  const double value = std::strtod(number.c_str(), nullptr);
  if (!std::isfinite(value)) return std::nullopt;
  return engine::Amount{value, *u};
}

}  // namespace

// An age field is a few words; longer text is no age, and std::regex recurses once per character it
// matches, so a long field must not reach it.
constexpr std::size_t max_age_field = 200;

AgeReading parse_age(std::string_view s) {
  const auto t = text::lower_ascii(text::trim(s));
  if (t.size() > max_age_field) return {std::nullopt, false};
  if (t.empty() || t == "n/a" || t == "na" || t == "none" || t == "no limit") return {};
  static const std::regex age_re(R"(^(\d+(?:\.\d+)?)\s*([a-z]+)$)");
  std::smatch m;
  if (std::regex_match(t, m, age_re))
    if (auto a = amount(m[1].str(), m[2].str())) return {a, true};
  return {std::nullopt, false};
}

std::optional<AgeRange> parse_age_range(std::string_view s) {
  auto t = text::lower_ascii(text::collapse_spaces(s));
  if (t.size() > max_age_field) return std::nullopt;
  static const std::regex range_re(R"(^(?:ages?:?\s*)?(\d+(?:\.\d+)?)\s*([a-z]*)\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*(?:old)?$)");
  static const std::regex min_re(R"(^(?:ages?:?\s*)?(?:≥\s*|>=\s*)?(\d+(?:\.\d+)?)\s*(?:\+\s*)?([a-z]+)\s*(?:\+|and older|and over|or older|and above)$)");
  static const std::regex max_re(R"(^(?:ages?:?\s*)?(?:up to|≤|<=)\s*(\d+(?:\.\d+)?)\s*([a-z]+)(?: old)?$)");
  std::smatch m;
  AgeRange r;
  if (std::regex_match(t, m, range_re)) {
    const auto unit = m[4].str();
    r.min = amount(m[1].str(), m[2].length() ? m[2].str() : unit);
    r.max = amount(m[3].str(), unit);
    if (!r.min || !r.max) return std::nullopt;
    return r;
  }
  if (std::regex_match(t, m, min_re)) {
    r.min = amount(m[1].str(), m[2].str());
    return r.min ? std::optional(r) : std::nullopt;
  }
  if (std::regex_match(t, m, max_re)) {
    r.max = amount(m[1].str(), m[2].str());
    return r.max ? std::optional(r) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> parse_sex(std::string_view s) {
  const auto t = text::lower_ascii(text::trim(s));
  if (t == "all" || t == "both" || t == "male and female" || t == "female and male" || t == "any") return "all";
  if (t == "female" || t == "females" || t == "women" || t == "woman" || t == "f") return "female";
  if (t == "male" || t == "males" || t == "men" || t == "man" || t == "m") return "male";
  return std::nullopt;
}

std::string derived_id(std::string_view title) {
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a over the title as a person would compare it
  for (char c : text::lower_ascii(text::collapse_spaces(title))) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string id = "TM-";
  for (int shift = 44; shift >= 0; shift -= 4) id += hex[(h >> shift) & 0xF];
  return id;
}

std::string find_nct_id(std::string_view s) {
  for (std::size_t p = s.find("NCT"); p != std::string_view::npos; p = s.find("NCT", p + 1)) {
    if (p > 0 && std::isalnum(static_cast<unsigned char>(s[p - 1]))) continue;
    std::size_t k = p + 3;
    while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
    if (k - p == 11) return std::string(s.substr(p, 11));
  }
  return {};
}

std::string type_name(const nlohmann::json& j) {
  return j.is_number() ? "a number" : j.is_string() ? "a string" : j.is_boolean() ? "a boolean"
         : j.is_null() ? "null" : j.is_array() ? "an array" : "an object";
}

}  // namespace trialmatch::matcher::detail

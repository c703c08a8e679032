// Item markers and section headings, read from one line at a time.
#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <vector>

#include "split_parts.hpp"
#include "text_clean.hpp"

namespace trialmatch::matcher::split {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// Bullet characters seen in registry text, longest encodings first.
constexpr std::array<std::string_view, 11> bullets{
    "\u2022", "\u00B7", "\u25CF", "\u25E6", "\u25AA", "\u25CB", "\u2013", "\u2014", "\u27A2", "*", "-"};

int roman_value(std::string_view r) {
  static constexpr std::array<std::string_view, 12> numerals{"i", "ii", "iii", "iv", "v", "vi",
                                                             "vii", "viii", "ix", "x", "xi", "xii"};
  const auto l = text::lower_ascii(r);
  for (std::size_t k = 0; k < numerals.size(); ++k)
    if (numerals[k] == l) return static_cast<int>(k) + 1;
  return 0;
}

// Reads "1." "1)" "(1)" "a." "c.Multiple" "(a)" "iv." at the start of s; returns bytes used, 0 if none.
std::size_t read_enumerator(std::string_view s, Marker& m) {
  std::size_t i = 0;
  const bool open = !s.empty() && s[0] == '(';
  if (open) ++i;
  const std::size_t start = i;
  while (i < s.size() && (is_digit(s[i]) || is_alpha(s[i])) && i - start < 5) ++i;
  const auto token = s.substr(start, i - start);
  if (token.empty() || i >= s.size()) return 0;
  const char close = s[i];
  if (open ? close != ')' : (close != '.' && close != ')')) return 0;
  ++i;
  const char next = i < s.size() ? s[i] : ' ';
  const bool all_digits = std::all_of(token.begin(), token.end(), is_digit);
  if (all_digits) {
    // "2.5" and "1.73m2" are numbers, "10%)" never gets here; "7.Refers" is a marker.
    if (token.size() > 2 || !(is_space(next) || is_alpha(next))) return 0;
    m = {MarkerKind::number, open ? "(N)" : std::string("N") + close, std::stoi(std::string(token))};
  } else if (token.size() == 1 && is_alpha(token[0])) {
    // A single letter: "a. text", "c.Multiple", "(b) text"; never "e.g." or "i.e.".
    if (!(is_space(next) || (is_upper(next) && !open))) return 0;
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(token[0])));
    const std::string shape = is_upper(token[0]) ? "A" : "a";
    m = {MarkerKind::letter, open ? "(" + shape + ")" : shape + close, lower - 'a' + 1};
  } else if (const int r = roman_value(token); r > 0 && is_space(next)) {
    const std::string shape = is_upper(token[0]) ? "I" : "i";
    m = {MarkerKind::roman, open ? "(" + shape + ")" : shape + close, r};
  } else {
    return 0;
  }
  return i;
}

int column_of(std::string_view line, std::size_t bytes) {
  int col = 0;  // counts characters, not bytes, so "•" is one column
  for (std::size_t k = 0; k < bytes && k < line.size(); ++k)
    if ((static_cast<unsigned char>(line[k]) & 0xC0) != 0x80) ++col;
  return col;
}

}  // namespace

MarkedLine read_marker(std::string_view line) {
  MarkedLine out;
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos) return out;
  out.indent = column_of(line, i);
  auto rest = line.substr(i);
  for (auto b : bullets) {
    if (!rest.starts_with(b)) continue;
    const auto after = rest.substr(b.size());
    // "*" and "-" must be followed by a space (or nothing: an empty bullet); "-1" is a number.
    const bool ascii = b == "*" || b == "-";
    if (ascii && !after.empty() && !is_space(after[0])) break;
    if ((b == "\u2013" || b == "\u2014") && (after.empty() || !is_space(after[0]))) break;
    const auto skip = after.find_first_not_of(" \t");
    auto body = skip == std::string_view::npos ? std::string_view{} : after.substr(skip);
    for (auto again : bullets)  // "-  • Families ...": a bullet rendered twice
      if (again != "-" && again != "*" && body.starts_with(again)) body = text::trim(body.substr(again.size()));
    Marker numbered;
    if (const auto used = read_enumerator(body, numbered); used > 0) {
      // "• 7.Refers to ...": the number is the marker, the bullet decoration. The number's column
      // places it: renderings put such bullets left of the plain "1." items of the same list.
      out.indent = column_of(line, line.size() - body.size());
      out.marker = numbered;
      out.text = std::string(text::trim(body.substr(used)));
    } else {
      out.marker = {MarkerKind::bullet, std::string(b), 0};
      out.text = std::string(text::trim(body));
    }
    return out;
  }
  Marker m;
  if (const auto used = read_enumerator(rest, m); used > 0) {
    out.marker = m;
    out.text = std::string(text::trim(rest.substr(used)));
  } else {
    out.text = std::string(text::trim(rest));
  }
  return out;
}

std::size_t find_inline_marker(std::string_view text, const std::string& style, int value) {
  if (style != "N)" && style != "N." && style != "(N)") return std::string_view::npos;
  const std::string want = style == "(N)" ? "(" + std::to_string(value) + ")"
                                          : std::to_string(value) + style.back();
  int depth = 0;  // parentheses open before the candidate: "(grade 2) " is no marker
  for (std::size_t p = 0; p < text.size(); ++p) {
    const char c = text[p];
    if (p > 0 && is_space(text[p - 1]) && text.substr(p).starts_with(want) &&
        (p + want.size() == text.size() || is_space(text[p + want.size()])) &&
        !(p >= 2 && is_digit(text[p - 2]))) {
      const auto before = text::trim(text.substr(0, p));
      const char last = before.empty() ? ';' : before.back();
      // "N." only after a sentence or clause end; "N)" also after a plain word (a lost line break).
      const bool boundary = last == ';' || last == '.' || last == ':' || (style == "N)" && depth <= 0);
      if (boundary && depth <= 0 && p + want.size() < text.size()) return p;
    }
    if (c == '(') ++depth;
    if (c == ')') --depth;
  }
  return std::string_view::npos;
}

std::optional<Heading> read_heading(std::string_view line) {
  auto s = text::trim(line);
  bool bulleted = false;
  for (std::string_view b : {"-", "*", "\u2022"}) {
    if (s.starts_with(b) && s.size() > b.size() && is_space(s[b.size()])) {
      s = text::trim(s.substr(b.size()));
      bulleted = true;
    }
  }
  while (s.starts_with("#") || s.starts_with("*")) s = text::trim(s.substr(1));
  while (s.ends_with("*")) s = text::trim(s.substr(0, s.size() - 1));
  if (s.empty() || s.size() > 120) return std::nullopt;
  const auto colon = s.find(':');
  const auto head = text::lower_ascii(text::trim(s.substr(0, colon)));
  std::string rest = colon == std::string_view::npos ? "" : std::string(text::trim(s.substr(colon + 1)));
  if (head.size() > 80) return std::nullopt;

  // Words before the keyword say whose criteria these are ("Key", "Main Study", "Cystic Fibrosis
  // Main Study"); a heading never opens with a negation ("no exclusion criteria", "does not meet ...").
  static const std::regex heading_re(
      R"(^((?:[a-z0-9/-]+ ){0,4}?)(inclusion|exclusion|excluding|inclusions|exclusions)(?: (criteria|criterion|criterias))?\.?(\s*(?:for |\(|- |– |in |of |applicable).*)?$)");
  static const std::regex neutral_re(R"(^(?:key |main )?(?:eligibility|eligibility criteria|criteria|selection criteria)\.?$)");
  std::smatch m;
  if (std::regex_match(head, m, heading_re)) {
    const std::string prefix = m[1].str();
    const bool has_criteria = m[3].matched;
    static const std::regex negation(R"(^(no|not|none|does|do|failure|fail|fails|meet|meets|meeting|all|any|see|other|the|if|and|or|with) )");
    if (!prefix.empty() && (std::regex_search(prefix, negation) || !has_criteria)) {
      static const std::regex plain_prefix(R"(^((key|main|major|general|additional|specific|subject|subjects|patient|patients|participant|participants|study) )+$)");
      if (!std::regex_match(prefix, plain_prefix)) return std::nullopt;
    }
    if (!has_criteria && colon == std::string_view::npos && head.find(' ') != std::string::npos &&
        prefix.empty())
      return std::nullopt;  // "Exclusion from IDEA": a sentence, not a heading
    if (bulleted && (colon == std::string_view::npos || !prefix.empty())) return std::nullopt;
    const auto& word = m[2].str();
    Heading h;
    h.kind = word.starts_with("incl") ? HeadingKind::inclusion : HeadingKind::exclusion;
    h.rest = std::move(rest);
    h.words = std::string(text::trim(s.substr(0, colon)));
    h.names_cohort = names_cohort(head);
    // Whose criteria these are, past the plain words: "for healthy controls", "resident", "(kidney donors)".
    static const std::regex plain_word(R"(\b(key|main|major|general|additional|specific|study|criteria|for|of|in)\b|[()\-–:.]+)");
    h.qualifier = std::regex_replace(prefix + " " + m[4].str(), plain_word, " ");
    h.qualifier.erase(std::remove(h.qualifier.begin(), h.qualifier.end(), ' '), h.qualifier.end());
    static const std::regex everyone(R"(\b(both|all|each|every)\b)");
    if (std::regex_search(head, everyone)) h.qualifier.clear();  // "(both groups)": for everyone
    return h;
  }
  if (!bulleted && std::regex_match(head, neutral_re)) return Heading{HeadingKind::neutral, std::move(rest), {}, {}, false};
  return std::nullopt;
}

bool is_lead_in(std::string_view text) {
  const auto t = text::trim(text);
  if (t.ends_with(":")) return true;
  static const std::regex announce(R"((the following|as follows|any of|one of|following criteria|following conditions|including|includes)\s*[;,]?$)",
                                   std::regex::icase);
  return std::regex_search(std::string(t), announce);
}

bool names_cohort(std::string_view text) {
  static const std::regex cohort(
      R"(\b(cohorts?|groups?|subgroups?|arms?|part [a-z0-9]{1,3}|category [a-z0-9]{1,3}|sub-?stud(y|ies)|controls?|)"
      R"(volunteers|caregivers|carers|parents|families|siblings|staff|residents|clinicians|facilitators)\b)",
      std::regex::icase);
  // "Exclusion Criteria (both groups):", "In all categories": for everyone, so no one arm.
  static const std::regex everyone(R"(\b(both|all|each|every)\b)", std::regex::icase);
  const std::string s(text);
  return std::regex_search(s, cohort) && !std::regex_search(s, everyone);
}

bool frames_sub_items(std::string_view text) {
  static const std::regex framing(R"(\b(the following|as follows|defined as|defined by|this includes|consisting of)\b)",
                                  std::regex::icase);
  return is_lead_in(text) || std::regex_search(std::string(text), framing);
}

bool announces_alternatives(std::string_view lead_in) {
  static const std::regex alternatives(
      R"(\b(any of|any one of|one of|at least one|one or more|one or both|either|any one)\b)", std::regex::icase);
  // "Absence of any of the following:" asks for none of them, each on its own.
  static const std::regex negated(R"(\b(no|none|absence|absent|without|free of|not|neither|nor)\b)", std::regex::icase);
  const std::string s(lead_in);
  return std::regex_search(s, alternatives) && !std::regex_search(s, negated);
}

// "No history of the following:", "Any of the following within 28 days prior to randomization:", "Prior
// malignancy, except:" written as a paragraph over bulleted items: dropped as a heading, the items were asked for
// themselves (a patient without diabetes failed the inclusion "diabetes"), at any time, or the exception excluded.
// (In an exclusion section a negation restates the section, "Patients will not be included if any of the
// following applies:", and the lead-in is dropped as before.)
bool governs_items(std::string_view lead_in, Section section) {
  static const std::regex negation(R"(\b(no|none|absence|absent|without|free of|not|neither|nor|never)\b|n't\b)",
                                   std::regex::icase);
  static const std::regex qualifying(
      R"(\b(except|exception|excluding|other than|apart from|unless|within|prior to|in the (past|last|previous|preceding)|)"
      R"(during|before|since)\b)",
      std::regex::icase);
  const std::string s(lead_in);
  return std::regex_search(s, qualifying) || (section == Section::inclusion && std::regex_search(s, negation));
}

// ("including:" also heads a list of requirements, "Adequate organ function, including:": not taken.)
bool lists_examples(std::string_view lead_in) {
  static const std::regex examples(R"(\b(such as|e\.\s?g\.?|eg|for example|for instance)\s*[:,]?\s*$)", std::regex::icase);
  return std::regex_search(std::string(text::trim(lead_in)), examples);
}

}  // namespace trialmatch::matcher::split

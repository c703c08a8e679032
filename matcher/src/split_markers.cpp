// Item markers and section headings, read from one line at a time.
#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "split_parts.hpp"
#include "text_clean.hpp"
#include "word_match.hpp"

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
    if (p > 0 && is_space(text[p - 1]) && c == want[0] && text.substr(p).starts_with(want) &&
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

namespace {

// The parts of a heading's lower-cased words, as the regex
//   ^((?:[a-z0-9/-]+ ){0,4}?)(inclusion|exclusion|excluding|inclusions|exclusions)(?: (criteria|criterion|criterias))?\.?(\s*(?:for |\(|- |– |in |of |applicable).*)?$
// captured them with std::regex_match (m[1] prefix, m[2] keyword, m[3] criteria word, m[4] tail): the choices
// are tried in the regex's order (the fewest words first, then each keyword, the criteria word before none, the
// "." before none, the tail before none) and the first that reaches the end wins.
struct HeadingWords {
  std::string_view prefix;   // m[1]: up to four words, each followed by one space
  std::string_view keyword;  // m[2]
  bool has_criteria = false; // m[3].matched
  std::string_view tail;     // m[4], empty when unmatched
};

bool is_prefix_word_byte(char c) { return (c >= 'a' && c <= 'z') || is_digit(c) || c == '/' || c == '-'; }

// `(\s*(?:for |\(|- |– |in |of |applicable).*)?$` from byte p: the tail's start, or npos when there is none;
// false when neither reaches the end. `.` takes every byte but "\n" and "\r"; `\s*` takes all the white space
// (no alternative starts with any), and which alternative matched changes no capture.
bool read_heading_tail(std::string_view head, std::size_t p, std::size_t& tail) {
  static constexpr std::array<std::string_view, 7> leads{"for ", "(", "- ", "\u2013 ", "in ", "of ", "applicable"};
  std::size_t s = p;
  while (s < head.size() && words::is_space(head[s])) ++s;
  for (auto lead : leads) {
    if (!head.substr(s).starts_with(lead)) continue;
    if (head.find_first_of("\n\r", s + lead.size()) != std::string_view::npos) break;
    tail = p;
    return true;
  }
  tail = std::string_view::npos;
  return p == head.size();
}

std::optional<HeadingWords> match_heading_words(std::string_view head) {
  static constexpr std::array<std::string_view, 5> keywords{"inclusion", "exclusion", "excluding", "inclusions",
                                                            "exclusions"};
  static constexpr std::array<std::string_view, 3> criteria{"criteria", "criterion", "criterias"};
  std::size_t p = 0;
  for (int count = 0; count <= 4; ++count) {
    if (count > 0) {  // one more word: all of a run of [a-z0-9/-] bytes (no backing off: a space must follow)
      std::size_t q = p;
      while (q < head.size() && is_prefix_word_byte(head[q])) ++q;
      if (q == p || q >= head.size() || head[q] != ' ') return std::nullopt;
      p = q + 1;
    }
    const auto at = head.substr(p);
    for (auto keyword : keywords) {
      if (!at.starts_with(keyword)) continue;
      const std::size_t after = p + keyword.size();
      auto finish = [&](std::size_t q, bool has_criteria) -> std::optional<HeadingWords> {
        std::size_t tail = 0;
        for (const bool dot : {true, false}) {
          if (dot && (q >= head.size() || head[q] != '.')) continue;
          if (read_heading_tail(head, q + (dot ? 1 : 0), tail))
            return HeadingWords{head.substr(0, p), keyword, has_criteria,
                                tail == std::string_view::npos ? std::string_view{} : head.substr(tail)};
        }
        return std::nullopt;
      };
      if (after < head.size() && head[after] == ' ')
        for (auto word : criteria)
          if (head.substr(after + 1).starts_with(word))
            if (auto h = finish(after + 1 + word.size(), true)) return h;
      if (auto h = finish(after, false)) return h;
    }
  }
  return std::nullopt;
}

// `^(no|not|...|with) ` on a heading's prefix words: its first word says it is no heading.
bool opens_with_negation(std::string_view prefix) {
  static constexpr std::array<std::string_view, 20> negation{
      "no", "not", "none", "does", "do", "failure", "fail", "fails", "meet", "meets",
      "meeting", "all", "any", "see", "other", "the", "if", "and", "or", "with"};
  const auto first = prefix.substr(0, prefix.find(' '));
  return first.size() < prefix.size() && std::find(negation.begin(), negation.end(), first) != negation.end();
}

// `^((key|main|...|study) )+$`: each of the prefix's words is a plain one.
bool is_plain_prefix(std::string_view prefix) {
  static constexpr std::array<std::string_view, 13> plain{
      "key",     "main",     "major",       "general",      "additional", "specific", "subject",
      "subjects", "patient", "patients", "participant", "participants", "study"};
  if (prefix.empty()) return false;
  while (!prefix.empty()) {
    const auto space = prefix.find(' ');
    if (space == std::string_view::npos) return false;
    if (std::find(plain.begin(), plain.end(), prefix.substr(0, space)) == plain.end()) return false;
    prefix.remove_prefix(space + 1);
  }
  return true;
}

// `^(?:key |main )?(?:eligibility|eligibility criteria|criteria|selection criteria)\.?$`
bool is_neutral_heading(std::string_view head) {
  if (head.ends_with('.')) head.remove_suffix(1);
  if (head.starts_with("key ") || head.starts_with("main ")) head.remove_prefix(head[0] == 'k' ? 4 : 5);
  return head == "eligibility" || head == "eligibility criteria" || head == "criteria" ||
         head == "selection criteria";
}

// std::regex_replace(s, `\b(key|main|...|in)\b|[()\-–:.]+`, " ") with its spaces then removed. Inside the
// brackets "–" is its three bytes, each on its own: runs of those bytes go too, as they did.
std::string strip_plain_words(std::string_view s) {
  static constexpr std::array<std::string_view, 11> plain{"key",      "main",     "major", "general", "additional",
                                                          "specific", "study",    "criteria", "for", "of", "in"};
  static_assert(words::valid_phrases(plain));
  auto punctuation = [](char c) {
    return std::string_view("()-:.\xE2\x80\x93").find(c) != std::string_view::npos;
  };
  std::string out;
  std::size_t p = 0;
  while (p < s.size()) {
    if (words::is_word_byte(s[p]) && (p == 0 || !words::is_word_byte(s[p - 1]))) {
      std::size_t used = 0;
      for (auto w : plain)
        if (s.substr(p).starts_with(w) && words::at_boundary(s, p + w.size())) {
          used = w.size();
          break;
        }
      if (used > 0) {
        p += used;
        continue;
      }
    }
    if (punctuation(s[p])) {
      while (p < s.size() && punctuation(s[p])) ++p;
      continue;
    }
    if (s[p] != ' ') out += s[p];
    ++p;
  }
  return out;
}

// Every heading's words hold "clu" (each keyword: "inclusion", "excluding", ...), "criteria" or "eligibility"
// (the neutral ones): most lines hold none, and are no heading without being lowered and matched.
bool may_name_heading(std::string_view written) {
  for (std::size_t p = 0; p < written.size(); ++p) {
    const char c = words::fold(written[p]);
    if ((c == 'c' && (words::starts_with_icase(written, p, "clu") || words::starts_with_icase(written, p, "criteria"))) ||
        (c == 'e' && words::starts_with_icase(written, p, "eligibility")))
      return true;
  }
  return false;
}

constexpr std::array<std::string_view, 4> everyone_words{"both", "all", "each", "every"};
static_assert(words::valid_phrases(everyone_words));

}  // namespace

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
  const auto written = text::trim(s.substr(0, colon));
  if (written.size() > 80 || !may_name_heading(written)) return std::nullopt;
  const auto head = text::lower_ascii(written);

  // Words before the keyword say whose criteria these are ("Key", "Main Study", "Cystic Fibrosis
  // Main Study"); a heading never opens with a negation ("no exclusion criteria", "does not meet ...").
  if (const auto m = match_heading_words(head)) {
    if (!m->prefix.empty() && (opens_with_negation(m->prefix) || !m->has_criteria) && !is_plain_prefix(m->prefix))
      return std::nullopt;
    if (!m->has_criteria && colon == std::string_view::npos && head.find(' ') != std::string::npos &&
        m->prefix.empty())
      return std::nullopt;  // "Exclusion from IDEA": a sentence, not a heading
    if (bulleted && (colon == std::string_view::npos || !m->prefix.empty())) return std::nullopt;
    Heading h;
    h.kind = m->keyword.starts_with("incl") ? HeadingKind::inclusion : HeadingKind::exclusion;
    if (colon != std::string_view::npos) h.rest = std::string(text::trim(s.substr(colon + 1)));
    h.words = std::string(text::trim(s.substr(0, colon)));
    h.names_cohort = names_cohort(head);
    // Whose criteria these are, past the plain words: "for healthy controls", "resident", "(kidney donors)".
    // "(both groups)": for everyone.
    if (!words::has_phrase(head, everyone_words))
      h.qualifier = strip_plain_words(std::string(m->prefix) + " " + std::string(m->tail));
    return h;
  }
  if (!bulleted && is_neutral_heading(head)) {
    Heading h{HeadingKind::neutral, {}, {}, {}, false};
    if (colon != std::string_view::npos) h.rest = std::string(text::trim(s.substr(colon + 1)));
    return h;
  }
  return std::nullopt;
}

bool is_lead_in(std::string_view text) {
  const auto t = text::trim(text);
  if (t.ends_with(":")) return true;
  // `(the following|...|includes)\s*[;,]?$` (icase; no word boundary asked): t is trimmed, so an ending
  // ";" or "," and the white space before it are all that may follow the phrase.
  static constexpr std::array<std::string_view, 8> announce{"the following", "as follows", "any of", "one of",
                                                            "following criteria", "following conditions",
                                                            "including", "includes"};
  static_assert(words::valid_phrases(announce));
  auto u = t;
  if (u.ends_with(';') || u.ends_with(',')) u.remove_suffix(1);
  while (!u.empty() && words::is_space(u.back())) u.remove_suffix(1);
  return words::ends_with_any(u, announce);
}

bool names_cohort(std::string_view text) {
  // `\b(cohorts?|groups?|...|part [a-z0-9]{1,3}|category [a-z0-9]{1,3}|sub-?stud(y|ies)|...)\b` (icase)
  static constexpr std::array<std::string_view, 24> cohort{
      "cohort",     "cohorts",    "group",     "groups",     "subgroup",    "subgroups",   "arm",
      "arms",       "substudy",   "substudies", "sub-study", "sub-studies", "control",     "controls",
      "volunteers", "caregivers", "carers",    "parents",    "families",    "siblings",    "staff",
      "residents",  "clinicians", "facilitators"};
  static_assert(words::valid_phrases(cohort));
  const auto named = words::has_phrase(text, cohort) || words::has_phrase_then_code(text, "part ", 3) ||
                     words::has_phrase_then_code(text, "category ", 3);
  // "Exclusion Criteria (both groups):", "In all categories": for everyone, so no one arm.
  return named && !words::has_phrase(text, everyone_words);
}

bool frames_sub_items(std::string_view text) {
  static constexpr std::array<std::string_view, 6> framing{"the following", "as follows",   "defined as",
                                                           "defined by",    "this includes", "consisting of"};
  static_assert(words::valid_phrases(framing));
  return is_lead_in(text) || words::has_phrase(text, framing);
}

bool announces_alternatives(std::string_view lead_in) {
  static constexpr std::array<std::string_view, 8> alternatives{
      "any of", "any one of", "one of", "at least one", "one or more", "one or both", "either", "any one"};
  // "Absence of any of the following:" asks for none of them, each on its own.
  static constexpr std::array<std::string_view, 9> negated{"no",      "none",    "absence", "absent", "without",
                                                           "free of", "not",     "neither", "nor"};
  static_assert(words::valid_phrases(alternatives) && words::valid_phrases(negated));
  return words::has_phrase(lead_in, alternatives) && !words::has_phrase(lead_in, negated);
}

namespace {

// `n't\b` (icase): "n't" anywhere, a word's end after it.
bool has_nt(std::string_view s) {
  for (std::size_t p = 0; p + 3 <= s.size(); ++p)
    if (words::starts_with_icase(s, p, "n't") && words::at_boundary(s, p + 3)) return true;
  return false;
}

}  // namespace

// "No history of the following:", "Any of the following within 28 days prior to randomization:", "Prior
// malignancy, except:" written as a paragraph over bulleted items: dropped as a heading, the items were asked for
// themselves (a patient without diabetes failed the inclusion "diabetes"), at any time, or the exception excluded.
// (In an exclusion section a negation restates the section, "Patients will not be included if any of the
// following applies:", and the lead-in is dropped as before.)
bool governs_items(std::string_view lead_in, Section section) {
  static constexpr std::array<std::string_view, 10> negation{"no",      "none",    "absence", "absent",  "without",
                                                             "free of", "not",     "neither", "nor",     "never"};
  static constexpr std::array<std::string_view, 15> qualifying{
      "except",      "exception",   "excluding",       "other than",       "apart from", "unless", "within", "prior to",
      "in the past", "in the last", "in the previous", "in the preceding", "during",     "before", "since"};
  static_assert(words::valid_phrases(negation) && words::valid_phrases(qualifying));
  return words::has_phrase(lead_in, qualifying) ||
         (section == Section::inclusion && (words::has_phrase(lead_in, negation) || has_nt(lead_in)));
}

// ("including:" also heads a list of requirements, "Adequate organ function, including:": not taken.)
bool lists_examples(std::string_view lead_in) {
  // `\b(such as|e\.\s?g\.?|eg|for example|for instance)\s*[:,]?\s*$` (icase) on the trimmed text: only white
  // space and one ":" or "," may follow the phrase.
  static constexpr std::array<std::string_view, 4> examples{"such as", "eg", "for example", "for instance"};
  static_assert(words::valid_phrases(examples));
  auto t = text::trim(lead_in);
  if (t.ends_with(':') || t.ends_with(',')) t.remove_suffix(1);
  while (!t.empty() && words::is_space(t.back())) t.remove_suffix(1);
  if (words::ends_with_word(t, examples)) return true;
  // "e.g", "e.g.", "e. g" and "e. g." (any one white space byte between).
  if (t.ends_with('.')) t.remove_suffix(1);
  if (t.empty() || words::fold(t.back()) != 'g') return false;
  t.remove_suffix(1);
  if (!t.empty() && words::is_space(t.back())) t.remove_suffix(1);
  if (t.size() < 2 || t.back() != '.' || words::fold(t[t.size() - 2]) != 'e') return false;
  return t.size() == 2 || !words::is_word_byte(t[t.size() - 3]);
}
}  // namespace trialmatch::matcher::split

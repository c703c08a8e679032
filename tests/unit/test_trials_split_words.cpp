// The splitter's word tests (matcher/src/word_match.hpp, split_markers.cpp, split_blocks.cpp) were std::regex; the
// regexes are kept here as the oracle and each hand-written form is compared with its regex on many inputs: the
// phrase lists themselves with word bytes, punctuation, white space and UTF-8 before and after them in mixed case,
// random strings of such pieces, and every line of the fixtures.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "../../matcher/src/split_parts.hpp"
#include "../../matcher/src/text_clean.hpp"
#include "../../matcher/src/word_match.hpp"

namespace {

namespace split = trialmatch::matcher::split;
namespace text = trialmatch::matcher::text;
namespace words = trialmatch::matcher::words;
using trialmatch::matcher::Section;

// ---- The oracle: the splitter's functions as they were, with std::regex (main at b638f4b). ----
namespace oracle {

bool dangles(std::string_view previous) {
  static const std::regex dangling(R"(\b(by|of|the|a|an|with|to|in|for|as|than|at|from|on|per|between|including)$)",
                                   std::regex::icase);
  return std::regex_search(std::string(text::trim(previous)), dangling);
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
  static const std::regex negated(R"(\b(no|none|absence|absent|without|free of|not|neither|nor)\b)", std::regex::icase);
  const std::string s(lead_in);
  return std::regex_search(s, alternatives) && !std::regex_search(s, negated);
}

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

bool lists_examples(std::string_view lead_in) {
  static const std::regex examples(R"(\b(such as|e\.\s?g\.?|eg|for example|for instance)\s*[:,]?\s*$)", std::regex::icase);
  return std::regex_search(std::string(text::trim(lead_in)), examples);
}

std::optional<split::Heading> read_heading(std::string_view line) {
  using split::Heading;
  using split::HeadingKind;
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
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
      return std::nullopt;
    if (bulleted && (colon == std::string_view::npos || !prefix.empty())) return std::nullopt;
    const auto& word = m[2].str();
    Heading h;
    h.kind = word.starts_with("incl") ? HeadingKind::inclusion : HeadingKind::exclusion;
    h.rest = std::move(rest);
    h.words = std::string(text::trim(s.substr(0, colon)));
    h.names_cohort = names_cohort(head);
    static const std::regex plain_word(R"(\b(key|main|major|general|additional|specific|study|criteria|for|of|in)\b|[()\-–:.]+)");
    h.qualifier = std::regex_replace(prefix + " " + m[4].str(), plain_word, " ");
    h.qualifier.erase(std::remove(h.qualifier.begin(), h.qualifier.end(), ' '), h.qualifier.end());
    static const std::regex everyone(R"(\b(both|all|each|every)\b)");
    if (std::regex_search(head, everyone)) h.qualifier.clear();
    return h;
  }
  if (!bulleted && std::regex_match(head, neutral_re)) return Heading{HeadingKind::neutral, std::move(rest), {}, {}, false};
  return std::nullopt;
}

}  // namespace oracle

std::string describe(const std::optional<split::Heading>& h) {
  if (!h) return "none";
  std::ostringstream os;
  os << "kind " << static_cast<int>(h->kind) << " rest [" << h->rest << "] words [" << h->words << "] qualifier ["
     << h->qualifier << "] cohort " << h->names_cohort;
  return os.str();
}

// Each hand-written form against its regex on one input; the differences, described.
struct Comparison {
  std::vector<std::string> differences;
  std::size_t inputs = 0;

  void check(const std::string& what, const std::string& input, bool expected, bool got) {
    if (expected != got && differences.size() < 20)
      differences.push_back(what + "(\"" + input + "\"): regex " + (expected ? "true" : "false"));
  }

  void all(const std::string& s) {
    ++inputs;
    check("dangles", s, oracle::dangles(s), split::dangles(s));
    check("is_lead_in", s, oracle::is_lead_in(s), split::is_lead_in(s));
    check("names_cohort", s, oracle::names_cohort(s), split::names_cohort(s));
    check("frames_sub_items", s, oracle::frames_sub_items(s), split::frames_sub_items(s));
    check("announces_alternatives", s, oracle::announces_alternatives(s), split::announces_alternatives(s));
    check("governs_items/inclusion", s, oracle::governs_items(s, Section::inclusion),
          split::governs_items(s, Section::inclusion));
    check("governs_items/exclusion", s, oracle::governs_items(s, Section::exclusion),
          split::governs_items(s, Section::exclusion));
    check("lists_examples", s, oracle::lists_examples(s), split::lists_examples(s));
    const auto want = describe(oracle::read_heading(s));
    const auto got = describe(split::read_heading(s));
    if (want != got && differences.size() < 20)
      differences.push_back("read_heading(\"" + s + "\"): regex " + want + ", now " + got);
  }

  void report() const {
    for (const auto& d : differences) MESSAGE(d);
    CHECK(differences.empty());
  }
};

// Every phrase the regexes name (their alternatives spelled out), heading words included.
const std::vector<std::string>& phrases() {
  static const std::vector<std::string> all{
      // dangles
      "by", "of", "the", "a", "an", "with", "to", "in", "for", "as", "than", "at", "from", "on", "per", "between",
      "including",
      // is_lead_in
      "the following", "as follows", "any of", "one of", "following criteria", "following conditions", "includes",
      // names_cohort
      "cohort", "cohorts", "group", "groups", "subgroup", "subgroups", "arm", "arms", "part b", "part 12",
      "part abc", "part abcd", "part a_", "part ", "category 2", "category iii", "category", "substudy",
      "substudies", "sub-study", "sub-studies", "sub-studys", "substud", "control", "controls", "volunteers",
      "caregivers", "carers", "parents", "families", "siblings", "staff", "residents", "clinicians", "facilitators",
      "both", "all", "each", "every",
      // frames_sub_items, announces_alternatives, governs_items
      "defined as", "defined by", "this includes", "consisting of", "any one of", "at least one", "one or more",
      "one or both", "either", "any one", "no", "none", "absence", "absent", "without", "free of", "not", "neither",
      "nor", "never", "n't", "don't", "won't", "except", "exception", "excluding", "other than", "apart from",
      "unless", "within", "prior to", "in the past", "in the last", "in the previous", "in the preceding",
      "in the", "during", "before", "since",
      // lists_examples
      "such as", "e.g.", "e.g", "e. g.", "e. g", "e.\tg", "e.  g", "e.g.,", "e.g.:", "eg", "eg.", "for example",
      "for instance",
      // read_heading
      "inclusion", "exclusion", "excluding", "inclusions", "exclusions", "inclusion criteria", "exclusion criterion",
      "inclusion criterias", "exclusions criteria", "inclusion criteria.", "inclusion.", "exclusion criteria for",
      "inclusion criteria (", "exclusion criteria - ", "inclusion criteria \u2013 ", "inclusion criteria in ",
      "exclusion criteria of ", "inclusion criteria applicable", "inclusion criteria.for ", "inclusion criteria  (",
      "key inclusion criteria", "main study exclusion criteria", "cystic fibrosis main study inclusion criteria",
      "a b c d e inclusion criteria", "a/b c-d inclusion criteria", "key main", "major", "general", "additional",
      "specific", "subject", "subjects", "patient", "patients", "participant", "participants", "study", "criteria",
      "does not meet", "fail", "fails", "failure", "meet", "meets", "meeting", "any", "see", "other", "if", "and",
      "or", "do", "does", "eligibility", "eligibility criteria", "selection criteria", "key eligibility",
      "main criteria.", "key selection criteria", "key  criteria", "healthy controls", "(both groups)",
      "kidney donors)", "resident"};
  return all;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// "Title Case" and "aLtErNaTe" spellings.
std::string title(std::string s) {
  for (std::size_t k = 0; k < s.size(); ++k)
    if (k == 0 || s[k - 1] == ' ') s[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[k])));
  return s;
}
std::string alternate(std::string s) {
  for (std::size_t k = 0; k < s.size(); k += 2) s[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[k])));
  return s;
}

const std::vector<std::string> before{"",       "x",   "X",       "_",      "7",   " ",      "  ",    "(",   "-",
                                      "\u2013", "\u2265", "\u00e9", "\t",     "\n",  "\r",     "\v",    "the ", "Key ",
                                      "no ",    "- ",  "\u2022 ", "* ",     "# ",  "**",     "a b c d ", "x:"};
const std::vector<std::string> after{"",    "s",   "x",   "_",      "9",       " ",    ".",         ":",
                                     ",",   ";",   " ;",  " , ",    "..",      ". ",   "\u2013",    "\u2265",
                                     "\n",  "\r",  " for x", " (b)", " criteria", " criteria:", " of", ")",
                                     "'",   "*",   " \u2022", " \n y", ":\u00e9", " e.g."};

}  // namespace

// Whether a decoration is one of the few every other one is paired with (the sanitizers' Debug build runs
// std::regex slowly: all pairs would take minutes there).
bool core(const std::string& decoration) {
  static const std::vector<std::string> cores{"", "x", "_", " ", "(", "\u2013", "\n", "no ", "- ", "Key ", "a b c d ",
                                              "s", ".", ":", ",", ";", "\u2265", " for x", " \n y"};
  return std::find(cores.begin(), cores.end(), decoration) != cores.end();
}

TEST_CASE("the word matchers keep the regexes' meaning: each phrase, decorated before and after, in four cases") {
  Comparison c;
  for (const auto& p : phrases())
    for (const auto& spelled : {p, upper(p), title(p), alternate(p)})
      for (const auto& b : before)
        for (const auto& a : after) {
          // The plain spelling with each decoration alone and the core ones in pairs; the other spellings with a few.
          if (spelled == p ? !((core(b) && core(a)) || b.empty() || a.empty())
                           : !((b.empty() || b == " " || b == "x") && (a.empty() || a == "s" || a == ":")))
            continue;
          c.all(b + spelled + a);
        }
  CAPTURE(c.inputs);
  c.report();
}

TEST_CASE("the word matchers keep the regexes' meaning: random strings of phrases, words and punctuation") {
  std::mt19937 random(20261206);  // fixed: the same inputs on every run
  std::vector<std::string> pieces = phrases();
  for (std::string piece : {" ", " ", " ", ":", ";", ",", ".", "(", ")", "-", "/", "_", "\u2013", "\u2265", "\t", "\n",
                            "\r", "e", "g", "s", "x", "7", "12", "Inclusion", "EXCLUSION", "Criteria", "For",
                            "healthy", "donors", "1.", "*", "#", "\u2022"})
    pieces.push_back(piece);
  Comparison c;
  for (int n = 0; n < 8000; ++n) {
    std::string s;
    const auto count = 1 + random() % 7;
    for (std::size_t k = 0; k < count; ++k) {
      auto piece = pieces[random() % pieces.size()];
      if (random() % 4 == 0) piece = upper(piece);
      if (!s.empty() && random() % 2 == 0) s += ' ';
      s += piece;
    }
    c.all(s);
  }
  c.report();
}

TEST_CASE("the word matchers keep the regexes' meaning: every line of the fixtures") {
  Comparison c;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(TRIALMATCH_SOURCE_DIR "/fixtures"))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 10);
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream all;
    all << in.rdbuf();
    // Lines, and the lines inside JSON strings ("...\n...").
    std::string body = all.str();
    for (std::size_t at = 0; (at = body.find("\\n", at)) != std::string::npos;) body.replace(at, 2, "\n");
    std::istringstream lines(body);
    for (std::string line; std::getline(lines, line);) {
      if (line.size() > 400) line.resize(400);  // the regexes recurse once per byte
      c.all(line);
    }
  }
  CAPTURE(c.inputs);
  CHECK(c.inputs > 5000);
  c.report();
}

TEST_CASE("the word helpers: ECMAScript word boundaries, ASCII case, phrases as whole words") {
  using words::Phrases;
  static constexpr std::array<std::string_view, 2> arm{"arm", "free of"};
  CHECK(words::has_phrase("Arm A", arm));
  CHECK(words::has_phrase("(FREE OF disease)", arm));
  CHECK(words::has_phrase("\u2013arm\u2013", arm));  // UTF-8 bytes are not word bytes
  CHECK_FALSE(words::has_phrase("arms", arm));
  CHECK_FALSE(words::has_phrase("farm", arm));
  CHECK_FALSE(words::has_phrase("arm_", arm));
  CHECK_FALSE(words::has_phrase("free  of", arm));
  CHECK(words::has_phrase_then_code("Part B:", "part ", 3));
  CHECK(words::has_phrase_then_code("in part 1a2", "part ", 3));
  CHECK_FALSE(words::has_phrase_then_code("part 1234", "part ", 3));
  CHECK_FALSE(words::has_phrase_then_code("part a_", "part ", 3));
  CHECK_FALSE(words::has_phrase_then_code("apart b", "part ", 3));
  CHECK(words::ends_with_word("determined BY", arm) == false);
  static constexpr std::array<std::string_view, 1> by{"by"};
  CHECK(words::ends_with_word("determined BY", by));
  CHECK(words::ends_with_word("by", by));
  CHECK_FALSE(words::ends_with_word("nearby", by));
  CHECK(words::ends_with_any("nearby", by));
  CHECK_FALSE(words::valid_phrases(std::array<std::string_view, 1>{"Arm"}));
  CHECK_FALSE(words::valid_phrases(std::array<std::string_view, 1>{"e.g."}));
  CHECK_FALSE(words::valid_phrases(std::array<std::string_view, 1>{"part "}));
  CHECK(words::valid_phrases(std::array<std::string_view, 2>{"free of", "x_1"}));
}

TEST_CASE("the inputs tell a wrong matcher from a right one (a matcher that ignores the end boundary)") {
  // The phrases with their decorations are what found these faults; here one of them, planted, must be seen.
  static const std::regex cohort(R"(\b(arms?|groups?)\b)", std::regex::icase);
  static constexpr std::array<std::string_view, 4> list{"arm", "arms", "group", "groups"};
  std::size_t seen = 0;
  for (const auto& p : phrases())
    for (const auto& a : after) {
      const auto s = p + a;
      const bool want = std::regex_search(s, cohort);
      CHECK(want == words::has_phrase(s, list));
      // Planted: the phrase at a word's start, its end unchecked ("arm" found in "army").
      bool planted = false;
      for (std::size_t k = 0; k < s.size(); ++k)
        for (auto w : list)
          if ((k == 0 || !words::is_word_byte(s[k - 1])) && words::starts_with_icase(s, k, w)) planted = true;
      seen += planted != want;
    }
  CHECK(seen > 0);
}

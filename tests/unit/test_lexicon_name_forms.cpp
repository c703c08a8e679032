// The lookup's short forms of two kinds of name (lexicon.cpp, Index::Form): a name that is its first word alone
// (`word`: no compare past the key) and an abbreviation already in capitals (`capitals`: compared once, not again
// in capitals), against the scan of every name of the bucket they replaced (the oracle): every span of every
// golden line, as written and in capitals, and a small lexicon of the cases at their edges.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

using trialmatch::engine::Concept;
using trialmatch::engine::Lexicon;

namespace {

// ---- the oracle: each name of the first token's bucket compared spelling by spelling, longest first ----

bool word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool separator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-'; }
bool boundary_at(std::string_view text, std::size_t pos) { return pos >= text.size() || !word_byte(text[pos]); }

std::string first_token(std::string_view s) {
  if (s.empty()) return {};
  if (!word_byte(s[0])) {
    const auto c = static_cast<unsigned char>(s[0]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    return std::string(s.substr(0, std::min(s.size(), n)));
  }
  std::string key;
  for (char c : s) {
    if (!word_byte(c)) break;
    key += lower(c);
  }
  return key;
}

std::size_t match_spelling(std::string_view name, bool case_sensitive, std::string_view text, std::size_t pos) {
  std::size_t t = pos;
  for (std::size_t n = 0; n < name.size(); ++n) {
    if (separator(name[n])) {
      if (t >= text.size() || !separator(text[t])) return 0;
      while (t < text.size() && separator(text[t])) ++t;
      while (n + 1 < name.size() && separator(name[n + 1])) ++n;
      continue;
    }
    if (t >= text.size()) return 0;
    if (case_sensitive ? text[t] != name[n] : lower(text[t]) != lower(name[n])) return 0;
    ++t;
  }
  return t - pos;
}

struct ScanName {
  std::string spelling;
  bool case_sensitive = false;
  const Concept* entry = nullptr;
};

class NameScan {
 public:
  explicit NameScan(const Lexicon& lex) {
    for (const auto& c : lex.concepts()) {
      for (const auto& n : c.names)
        if (!n.empty()) buckets_[first_token(n)].push_back({n, false, &c});
      for (const auto& a : c.abbreviations)
        if (!a.empty()) buckets_[first_token(a)].push_back({a, true, &c});
    }
    for (auto& [key, names] : buckets_)
      std::stable_sort(names.begin(), names.end(),
                       [](const ScanName& a, const ScanName& b) { return a.spelling.size() > b.spelling.size(); });
  }

  std::optional<Lexicon::NameMatch> match_name_at(std::string_view text, std::size_t pos) const {
    if (pos >= text.size()) return std::nullopt;
    if (pos > 0 && word_byte(text[pos - 1]) && word_byte(text[pos])) return std::nullopt;
    const auto it = buckets_.find(first_token(text.substr(pos)));
    if (it == buckets_.end()) return std::nullopt;
    std::optional<Lexicon::NameMatch> best;
    bool best_exact = false;
    for (const auto& name : it->second) {
      if (best && name.spelling.size() + 2 < best->length) break;
      std::size_t len = match_spelling(name.spelling, name.case_sensitive, text, pos);
      const bool exact = len != 0;
      if (!len && name.case_sensitive) {  // every abbreviation again in capitals, all-capital ones too
        std::string up(name.spelling);
        for (auto& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        len = match_spelling(up, true, text, pos);
      }
      if (!len) continue;
      std::size_t end = pos + len;
      const bool ends_in_letter = std::isalpha(static_cast<unsigned char>(text[end - 1])) != 0;
      if (!boundary_at(text, end)) {
        if (!name.case_sensitive && ends_in_letter && end < text.size() && lower(text[end]) == 's' && boundary_at(text, end + 1))
          end += 1;
        else if (!name.case_sensitive && ends_in_letter && end + 1 < text.size() && lower(text[end]) == 'e' &&
                 lower(text[end + 1]) == 's' && boundary_at(text, end + 2))
          end += 2;
        else
          continue;
      }
      if (!best || end - pos > best->length || (end - pos == best->length && exact && !best_exact)) {
        best = Lexicon::NameMatch{name.entry, end - pos};
        best_exact = exact;
      }
    }
    return best;
  }

 private:
  std::map<std::string, std::vector<ScanName>> buckets_;
};

std::string described(const std::optional<Lexicon::NameMatch>& m) {
  return m ? m->entry->id + ":" + std::to_string(m->length) : "-";
}

// match_name_at at `pos`, and match_name_in where a word with a bucket starts there (the tokenizer's lookup),
// against the scan; counts the lookups made.
void check_at(const Lexicon& lex, const NameScan& scan, std::string_view text, std::size_t pos, std::size_t& lookups) {
  const std::string expected = described(scan.match_name_at(text, pos));
  if (described(lex.match_name_at(text, pos)) != expected) {
    CAPTURE(text);
    CAPTURE(pos);
    CHECK(described(lex.match_name_at(text, pos)) == expected);
  }
  if (pos >= text.size() || !word_byte(text[pos]) || (pos > 0 && word_byte(text[pos - 1]))) return;
  std::string word;
  for (std::size_t i = pos; i < text.size() && word_byte(text[i]); ++i) word += lower(text[i]);
  const auto* bucket = lex.name_bucket(word);
  if (!bucket) return;
  ++lookups;
  if (described(lex.match_name_in(*bucket, text, pos, word.size())) != expected) {
    CAPTURE(text);
    CAPTURE(pos);
    CHECK(described(lex.match_name_in(*bucket, text, pos, word.size())) == expected);
  }
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST_CASE("name lookups with the short forms find what the scan of every name finds: every span of every golden line") {
  // A name is found from the position of the span's start to its end: every start, every end up to 48 bytes on
  // (where the text ends decides a plural ending, a boundary, the continuation read after the first word).
  const Lexicon& lex = Lexicon::builtin();
  const NameScan scan(lex);
  std::size_t lookups = 0, spans = 0;
  for (const std::string& line : golden_support::all_criterion_lines())
    for (const std::string& text : {line, upper(line)})
      for (std::size_t begin = 0; begin < text.size(); ++begin) {
        if (word_byte(text[begin]) && begin > 0 && word_byte(text[begin - 1])) continue;  // (no lookup inside a word)
        for (std::size_t end = begin + 1; end <= std::min(text.size(), begin + 48); ++end, ++spans)
          check_at(lex, scan, std::string_view(text).substr(0, end), begin, lookups);
      }
  CHECK(spans > 1000000);
  CHECK(lookups > 100000);
}

TEST_CASE("a name that is its word alone, an abbreviation in capitals or not: ties, plurals, boundaries, keys of no word") {
  const Lexicon lex = Lexicon::from_json(R"({"concepts": [
      {"id": "gfr", "kind": "lab", "abbreviations": ["eGFR"]},
      {"id": "egfr_gene", "kind": "biomarker", "names": ["egfr", "egfr mutation"]},
      {"id": "hiv", "kind": "condition", "names": ["hiv infection"], "abbreviations": ["HIV"]},
      {"id": "hiv_word", "kind": "condition", "names": ["hiv"]},
      {"id": "cancer", "kind": "condition", "names": ["cancer", "cancer of the skin"]},
      {"id": "tumour", "kind": "condition", "names": ["tumour", "t"], "abbreviations": ["T"]},
      {"id": "plus", "kind": "condition", "names": ["+"]},
      {"id": "ci", "kind": "score", "abbreviations": ["Ci", "CI"]},
      {"id": "hb", "kind": "lab", "abbreviations": ["Hb"]}]})");
  const NameScan scan(lex);
  const auto at = [&](std::string_view text, std::size_t pos = 0) { return described(lex.match_name_at(text, pos)); };
  // eGFR in capitals is the gene's word alone, written as it is (a tie of length goes to the exact spelling).
  CHECK(at("EGFR") == "egfr_gene:4");
  CHECK(at("eGFR") == "gfr:4");
  CHECK(at("egfr") == "egfr_gene:4");
  CHECK(at("EGFRs") == "-");  // (the key is the run of word bytes: "egfrs", no bucket)
  CHECK(at("EGFR mutation") == "egfr_gene:13");
  // HIV: the abbreviation in capitals is compared once, as written; the word alone (later) ties and stays second.
  CHECK(at("HIV") == "hiv:3");
  CHECK(at("hiv") == "hiv_word:3");
  CHECK(at("Hiv-1") == "hiv_word:3");
  CHECK(at("HIV infections") == "hiv:14");
  CHECK(at("cancer-free") == "cancer:6");
  CHECK(at("CANCERES") == "-");
  CHECK(at("cancer of the skin") == "cancer:18");
  // A key of no word ("+") is a name alone too: only where no word byte follows it.
  CHECK(at("+") == "plus:1");
  CHECK(at("+ 2") == "plus:1");
  CHECK(at("+x") == "-");
  CHECK(at("+s") == "-");
  CHECK(at("Ci") == "ci:2");
  CHECK(at("CI") == "ci:2");
  CHECK(at("cI") == "-");
  // An abbreviation not in capitals is compared in capitals too, as the only name of its bucket.
  CHECK(at("Hb") == "hb:2");
  CHECK(at("HB") == "hb:2");
  CHECK(at("hb") == "-");
  std::size_t lookups = 0;
  for (const std::string text : {"EGFR", "eGFR", "egfr", "Egfr", "EGFRs", "eGFRs", "EGFRes", "EGFR mutation", "EGFR-mutations",
                                 "HIV", "hiv", "Hiv", "hIV", "HIVs", "HIV+", "Hiv-1", "HIV infections", "hiv  infection",
                                 "cancer", "Cancers", "cancer-free", "CANCERES", "cancer of the skin", "cancer of the", "T", "t",
                                 "T2", "T 2", "ts", "Ts", "tumours", "+", "+ 2", "+x", "+s", "++", "Ci", "CI", "ci", "cI", "CIs", "Hb", "HB", "hB", "HBs",
                                 "known HIV, eGFR < 60 and T3 cancer; EGFR+ tumours"})
    for (std::size_t end = 1; end <= text.size(); ++end)
      for (std::size_t pos = 0; pos <= end; ++pos) check_at(lex, scan, std::string_view(text).substr(0, end), pos, lookups);
  CHECK(lookups > 100);
}

#pragma once
// Shared by the lexicon tests.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"

namespace trialmatch::engine::testing {

// The concept the longest name starting at the beginning of `text` names, or "" when none does.
inline std::string named_at_start(const Lexicon& lex, const std::string& text) {
  const auto m = lex.match_name_at(text, 0);
  return m ? m->entry->id : std::string();
}

// ---- the reference: match_name_at as it was, a std::string key per position and a map of buckets, each name of
// the first token's bucket compared spelling by spelling, longest first (the oracle of test_lexicon_index.cpp and
// test_lexicon_name_forms.cpp) ----

inline bool word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

inline std::string first_token(std::string_view s) {
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

inline std::size_t match_spelling(std::string_view name, bool case_sensitive, std::string_view text, std::size_t pos) {
  std::size_t t = pos;
  for (std::size_t n = 0; n < name.size(); ++n) {
    const char nc = name[n];
    if (space(nc) || nc == '-') {
      if (t >= text.size() || !(space(text[t]) || text[t] == '-')) return 0;
      while (t < text.size() && (space(text[t]) || text[t] == '-')) ++t;
      while (n + 1 < name.size() && (space(name[n + 1]) || name[n + 1] == '-')) ++n;
      continue;
    }
    if (t >= text.size()) return 0;
    const char tc = text[t];
    if (case_sensitive ? tc != nc : lower(tc) != lower(nc)) return 0;
    ++t;
  }
  return t - pos;
}

inline bool boundary_at(std::string_view text, std::size_t pos) { return pos >= text.size() || !word_byte(text[pos]); }

struct ScanName {
  std::string spelling;
  bool case_sensitive = false;
  const Concept* entry = nullptr;
};

class ReferenceScan {
 public:
  explicit ReferenceScan(const Lexicon& lex) {
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
    auto it = buckets_.find(first_token(text.substr(pos)));
    if (it == buckets_.end()) return std::nullopt;
    std::optional<Lexicon::NameMatch> best;
    bool best_exact = false;
    for (const auto& name : it->second) {
      if (best && name.spelling.size() + 2 < best->length) break;
      std::size_t len = match_spelling(name.spelling, name.case_sensitive, text, pos);
      const bool exact = len != 0;
      if (!len && name.case_sensitive) {
        std::string up(name.spelling);
        for (auto& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        len = match_spelling(up, true, text, pos);
      }
      if (!len) continue;
      std::size_t end = pos + len;
      const bool ends_in_letter = std::isalpha(static_cast<unsigned char>(text[end - 1])) != 0;
      if (!boundary_at(text, end)) {
        if (!name.case_sensitive && ends_in_letter && end < text.size() && lower(text[end]) == 's' &&
            boundary_at(text, end + 1))
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


}  // namespace trialmatch::engine::testing

#pragma once
// Whether an item's words name the trial's site ("in the affected knee", "of the study eye"): trial_site_reaching's
// test of each item after an event (lower_trial_site.cpp), here so that a unit test can hold it against its old form.
#include <cstddef>
#include <string_view>
#include <vector>

#include "lower_util.hpp"
#include "lower_word_bytes.hpp"

namespace trialmatch::grammar::detail {

// (' ', or '\t' '\n' '\v' '\f' '\r', which are the bytes 9 to 13.)
inline bool trial_site_space_byte(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Whether `words` holds the word "the" (any case) between white space, and after the white space that follows it a
// byte that opens a qualifier or "study" (a, i, o, s or t, any case): a necessary condition of names_trial_site.
// The five bytes " the " are looked at from their last: a byte that is no white space, t, h or e cannot be in any
// of the windows that hold it, and the search moves past it at once (most bytes are such; a byte at a time, as this
// was asked, cost most of a refusal).
inline bool spaced_the_before_qualifier(std::string_view words) {
  for (std::size_t s = 0; s + 6 <= words.size();) {
    const char last = words[s + 4];
    if (!trial_site_space_byte(last)) {
      const int c = last | 0x20;
      s += c == 'e' ? 1 : c == 'h' ? 2 : c == 't' ? 3 : 5;
      continue;
    }
    if (trial_site_space_byte(words[s]) && (words[s + 1] | 0x20) == 't' && (words[s + 2] | 0x20) == 'h' &&
        (words[s + 3] | 0x20) == 'e') {
      std::size_t q = s + 5;
      while (q < words.size() && trial_site_space_byte(words[q])) ++q;
      if (q < words.size()) {
        const int c = words[q] | 0x20;
        if (c == 'a' || c == 'i' || c == 'o' || c == 's' || c == 't') return true;
      }
    }
    s += 4;  // (the white space may open the next window; none of the three before can hold it)
  }
  return false;
}

// Whether `words` names the trial's site: a preposition, "the", then "affected"/"target"/... before another word,
// or "study" before a part of the body ("in the affected knee", "of the study eye"). Words are runs of letters,
// digits and '_', and the three or four of a match are separated by white space only.
inline bool names_trial_site(std::string_view words) {
  static constexpr std::string_view prepositions[] = {"in", "of", "on", "to", "at", "into"};
  static constexpr std::string_view qualifiers[] = {"affected", "target", "index", "treated", "involved", "operated", "same"};
  // ("the study" alone is often the trial's drug or period: "the study drug", "during the study period".)
  static constexpr std::string_view parts[] = {"eye", "knee", "joint", "limb", "side", "hip", "shoulder", "leg",
                                               "arm", "hand", "foot", "tooth", "lesion", "area", "site"};
  // (The shortest match, "in the same x", has 13 bytes: most items, one or two words, are refused by their size.
  // Most others have no " the " before a qualifier's first letter: refused before their words are listed.)
  if (words.size() < 13 || !spaced_the_before_qualifier(words)) return false;
  const auto word_byte = [](char c) { return kTrialSiteWordBytes[static_cast<unsigned char>(c)]; };
  struct Word { std::size_t begin, end; };
  std::vector<Word> ws;
  for (std::size_t p = 0; p < words.size();) {
    if (!word_byte(words[p])) { ++p; continue; }
    std::size_t q = p;
    while (q < words.size() && word_byte(words[q])) ++q;
    ws.push_back({p, q});
    p = q;
  }
  const auto text = [&](std::size_t k) { return words.substr(ws[k].begin, ws[k].end - ws[k].begin); };
  // Only white space between word k and the next.
  const auto spaced = [&](std::size_t k) {
    if (k + 1 >= ws.size() || ws[k + 1].begin == ws[k].end) return false;
    for (std::size_t x = ws[k].end; x < ws[k + 1].begin; ++x)
      if (!trial_site_space_byte(words[x])) return false;
    return true;
  };
  for (std::size_t k = 0; k + 2 < ws.size(); ++k) {
    if (!one_of(text(k), prepositions) || !spaced(k) || !iequals(text(k + 1), "the") || !spaced(k + 1)) continue;
    if (one_of(text(k + 2), qualifiers) && spaced(k + 2)) return true;
    if (iequals(text(k + 2), "study") && spaced(k + 2) && one_of(text(k + 3), parts)) return true;
  }
  return false;
}

}  // namespace trialmatch::grammar::detail

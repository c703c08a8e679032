// The byte tests of trial_site_reaching and body_site_reaching (grammar/src/lower_trial_site_words.hpp,
// lower_word_bytes.hpp), each against the form it replaced, kept here as the oracle: names_trial_site on every
// stretch of every golden line and of strings made to reach the edges of its search; the word bytes on every byte.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "../../grammar/src/lower_trial_site_words.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/lower_word_bytes.hpp"
#include "golden_support.hpp"

namespace {

namespace d = trialmatch::grammar::detail;

bool word_byte(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }
bool space_byte(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// names_trial_site as lower_trial_site.cpp had it: " the " searched a byte at a time, the word bytes compared.
bool names_trial_site_old(std::string_view words) {
  static constexpr std::string_view prepositions[] = {"in", "of", "on", "to", "at", "into"};
  static constexpr std::string_view qualifiers[] = {"affected", "target", "index", "treated", "involved", "operated", "same"};
  static constexpr std::string_view parts[] = {"eye", "knee", "joint", "limb", "side", "hip", "shoulder", "leg",
                                               "arm", "hand", "foot", "tooth", "lesion", "area", "site"};
  if (words.size() < 13) return false;
  bool has_the = false;
  for (std::size_t p = 1; !has_the && p + 4 < words.size(); ++p)
    has_the = (words[p] | 0x20) == 't' && space_byte(words[p - 1]) && (words[p + 1] | 0x20) == 'h' &&
              (words[p + 2] | 0x20) == 'e' && space_byte(words[p + 3]);
  if (!has_the) return false;
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
  const auto spaced = [&](std::size_t k) {
    if (k + 1 >= ws.size() || ws[k + 1].begin == ws[k].end) return false;
    for (std::size_t x = ws[k].end; x < ws[k + 1].begin; ++x)
      if (!space_byte(words[x])) return false;
    return true;
  };
  for (std::size_t k = 0; k + 2 < ws.size(); ++k) {
    if (!d::one_of(text(k), prepositions) || !spaced(k) || !d::iequals(text(k + 1), "the") || !spaced(k + 1)) continue;
    if (d::one_of(text(k + 2), qualifiers) && spaced(k + 2)) return true;
    if (d::iequals(text(k + 2), "study") && spaced(k + 2) && d::one_of(text(k + 3), parts)) return true;
  }
  return false;
}

// Every stretch of up to `longest` bytes of the text: the new form against the old. Returns how many name a site.
int check_text(std::string_view text, std::size_t longest, int& the_found) {
  int named = 0;
  for (std::size_t b = 0; b < text.size(); ++b)
    for (std::size_t n = 0; n <= longest && b + n <= text.size(); ++n) {
      const std::string_view words = text.substr(b, n);
      const bool old = names_trial_site_old(words);
      CAPTURE(words);
      CHECK(d::names_trial_site(words) == old);
      // (Its first test never refuses what the old form reads.)
      if (old) CHECK(d::spaced_the_before_qualifier(words));
      named += old ? 1 : 0;
      the_found += d::spaced_the_before_qualifier(words) ? 1 : 0;
    }
  return named;
}

}  // namespace

TEST_CASE("names_trial_site: its search for \" the \" before a qualifier answers as the byte-by-byte scan did") {
  int named = 0, the_found = 0;
  for (const char* text :
       {"surgery or injection in the affected knee", "IN THE Affected KNEE", "of\tthe\nstudy eye", "at the same side",
        "to  the \t target joint", "into the index lesion", "on the treated  area", "in the involved limb",
        "of the operated hip", "in the the affected knee", "tthe the thethe in the same x", "bathe in\x80the same",
        "in the study drug", "in (the affected) knee", "in the_affected knee", "in the-affected knee",
        "eee hhh ttt in the  same leg", "in the\r\vsame\fhand, or of the STUDY TOOTH"})
    named += check_text(text, 64, the_found);
  CHECK(named > 50);
  int golden = 0;
  for (const std::string& line : golden_support::all_criterion_lines()) golden += check_text(line, 48, the_found);
  CHECK(golden > 0);
  CHECK(the_found > 1000);
}

TEST_CASE("body_site_word_byte answers as the comparisons it replaced, on every byte") {
  int words = 0;
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const bool compared =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    CAPTURE(b);
    CHECK(d::body_site_word_byte(c) == compared);
    words += compared ? 1 : 0;
  }
  CHECK(words == 64);
}

// The words of an alternative that may time the events before it (grammar/src/lower_elapsed_scan.hpp, asked by
// lower_elapsed_list.cpp): against the old scan (kept here as the oracle: from the line's first token for every item)
// on items cut from every golden line's tokens, asked in text order and out of it; and the token reads counted on a
// long line ("diabetes and renal foo and ..." x300), which the old scan made quadratic.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_elapsed_scan.hpp"
#include "../../grammar/src/lower_item_tokens.hpp"  // (its first_token_from beside token_from_cursor: no clash)
#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/tokens.hpp"
#include "../../grammar/src/units_read.hpp"
#include "counting_support.hpp"
#include "golden_support.hpp"

namespace en = trialmatch::engine;
namespace g = trialmatch::grammar;
namespace d = trialmatch::grammar::detail;
using g::Tok;

using counting_support::CountingToks;

namespace {

// The old scan, as elapsed_reaching_alternatives had it: every token of the line from its first, up to the item's end.
template <class Toks, class SinceWord, class Time>
d::ElapsedWords old_elapsed_words(const Toks& toks, std::size_t size, std::size_t begin, std::size_t end,
                                  SinceWord&& since_word, Time&& time) {
  d::ElapsedWords found;
  for (std::size_t x = 0; x < size; ++x) {
    if (toks[x].begin >= end) break;  // (tokens are in text order)
    if (toks[x].begin < begin || toks[x].end > end) continue;
    found.time_word = found.time_word || since_word(x);
    found.time = found.time || time(x);
  }
  return found;
}

struct Span {
  std::size_t begin, end;
};

// Items of the tokens: runs of one to six tokens, each possibly losing a byte at either end; some tokens between
// them belong to none (connectors).
std::vector<Span> cut_spans(std::span<const g::Token> toks, std::mt19937& rng) {
  std::vector<Span> out;
  for (std::size_t x = 0; x < toks.size();) {
    const std::size_t run = 1 + rng() % 6, j = std::min(toks.size(), x + run);
    std::size_t begin = toks[x].begin, end = toks[j - 1].end;
    if (rng() % 8 == 0 && end > begin + 1) ++begin;
    if (rng() % 8 == 0 && end > begin + 1) --end;
    out.push_back({begin, end});
    x = j + (rng() % 3 == 0 ? 1 : 0);
  }
  return out;
}

}  // namespace

TEST_CASE("elapsed_words: the old scan's answers on items cut from every golden line, in text order and out of it") {
  const en::Lexicon& lexicon = en::Lexicon::builtin();
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  lines.insert(lines.end(), {"acute MI or PCI or CABG occurred at least 12 months before entering the study or angina",
                             "stroke or TIA, or seizure 6 months prior to screening or since 2 weeks ago"});
  const std::size_t golden = lines.size();
  for (std::size_t i = 0; i + 2 < golden; i += 3) lines.push_back(lines[i] + " or " + lines[i + 1] + " or " + lines[i + 2]);
  static constexpr std::string_view since[] = {"before", "prior", "ago", "since", "after"};
  std::mt19937 rng(31);
  std::size_t asked = 0, out_of_order = 0, both = 0, failures = 0;
  for (const std::string& text : lines) {
    const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
    const std::span<const g::Token> toks(tokens);
    if (toks.empty()) continue;
    // (The real tests, and random ones that answer for more tokens.)
    const auto since_word = [&](std::size_t x) {
      return d::one_of(std::string_view(text).substr(toks[x].begin, toks[x].end - toks[x].begin), since);
    };
    const auto time_quantity = [&](std::size_t x) {
      return toks[x].kind == Tok::quantity && g::is_time_unit(toks[x].quantity.unit);
    };
    std::vector<bool> marked_a(toks.size()), marked_b(toks.size());
    for (std::size_t x = 0; x < toks.size(); ++x) marked_a[x] = rng() % 5 == 0, marked_b[x] = rng() % 4 == 0;
    const auto a = [&](std::size_t x) { return bool(marked_a[x]); };
    const auto b = [&](std::size_t x) { return bool(marked_b[x]); };
    const std::vector<Span> spans = cut_spans(toks, rng);
    for (int round = 0; round < 4; ++round) {  // (each set of tests twice, cut the same, asked otherwise)
      std::size_t cursor = 0;
      for (std::size_t k = 0; k < spans.size(); ++k) {
        if (rng() % 3 == 0) continue;  // (items not asked: the cursor stays)
        // (Now and then an item before the last asked, as no caller does in text order.)
        const bool back = rng() % 10 == 0 && k > 0;
        const Span s = back ? spans[rng() % k] : spans[k];
        out_of_order += back;
        const d::ElapsedWords got = round % 2 == 0
                                        ? d::elapsed_words(toks, toks.size(), cursor, s.begin, s.end, since_word, time_quantity)
                                        : d::elapsed_words(toks, toks.size(), cursor, s.begin, s.end, a, b);
        const d::ElapsedWords want = round % 2 == 0 ? old_elapsed_words(toks, toks.size(), s.begin, s.end, since_word, time_quantity)
                                                : old_elapsed_words(toks, toks.size(), s.begin, s.end, a, b);
        failures += got.time_word != want.time_word || got.time != want.time;
        both += want.time_word && want.time;
        ++asked;
      }
    }
  }
  CHECK(failures == 0);
  CHECK(asked > 20000);
  CHECK(out_of_order > 1000);
  CHECK(both > 1000);
  MESSAGE("items asked: ", asked, " (", out_of_order, " out of order), both words found: ", both);
}

TEST_CASE("elapsed_words: a long list's tokens read a bounded number of times an item, not from the line's first") {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "diabetes and renal foo and ";
  const std::vector<g::Token> tokens = g::tokenize(text, en::Lexicon::builtin());
  const std::span<const g::Token> toks(tokens);
  // (Items: the words between the "and"s; every other asked, as the unread ones are.)
  std::vector<Span> spans;
  std::size_t start = 0;
  for (std::size_t x = 0; x <= toks.size(); ++x)
    if (x == toks.size() || toks[x].kind == Tok::and_) {
      if (x > start) spans.push_back({toks[start].begin, toks[x - 1].end});
      start = x + 1;
    }
  REQUIRE(spans.size() == 600);
  const auto none = [](std::size_t) { return false; };
  CountingToks old_toks{toks}, new_toks{toks};
  std::size_t cursor = 0, asked = 0;
  for (std::size_t k = 1; k < spans.size(); k += 2, ++asked) {
    const d::ElapsedWords want = old_elapsed_words(old_toks, toks.size(), spans[k].begin, spans[k].end, none, none);
    const d::ElapsedWords got = d::elapsed_words(new_toks, toks.size(), cursor, spans[k].begin, spans[k].end, none, none);
    CHECK((got.time_word == want.time_word && got.time == want.time));
  }
  MESSAGE("token reads for ", asked, " items: old ", old_toks.reads, ", new ", new_toks.reads);
  CHECK(new_toks.reads <= 16 * asked);
  CHECK(old_toks.reads > 20 * new_toks.reads);
}

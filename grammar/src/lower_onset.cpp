// Windows and calendar bounds that hold an event's start (see lower_onset.hpp).

#include "lower_onset.hpp"

#include <array>
#include <cstddef>
#include <utility>
#include <variant>

#include "lower_kind_index.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

// A letter, a digit, '-' or a byte of UTF-8: one look-up (asked of every byte walked).
constexpr std::array<bool, 256> word_chars = [] {
  std::array<bool, 256> out{};
  for (unsigned c = 0; c < 256; ++c)
    out[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c >= 0x80;
  return out;
}();
bool word_char(char c) { return word_chars[static_cast<unsigned char>(c)]; }

// Whether the words of `span`, up to the first word of a time phrase, name the start of the event.
bool names_onset(std::string_view span) {
  // The event began: diagnosed, its onset, started or initiated (a treatment), newly.
  static constexpr std::string_view onset_words[] = {"diagnosed", "diagnosis", "onset",    "new-onset", "newly",
                                                     "started",   "initiated", "initiation", "began",   "begun",
                                                     "commenced"};
  // A time phrase begins; what follows is its length or its reference event.
  static constexpr std::string_view time_words[] = {"within", "during", "since", "before", "prior",  "after",
                                                    "between", "from",  "in",    "over",   "last",   "past",
                                                    "previous", "preceding", "until", "recent", "recently"};
  // (Asked of every word up to the time phrase: most are refused by first letter and length.)
  static constexpr WordList onset_list(onset_words);
  static constexpr WordList time_list(time_words);
  // (The bytes walked directly: every byte of the span up to the time phrase is asked.)
  const char* const bytes = span.data();
  const std::size_t size = span.size();
  std::size_t i = 0;
  while (i < size) {
    // Between words: a comparison sign opens a time phrase of its own ("diagnosis < 6 months"); a
    // parenthesis does not ("(within 30 days)" begins at its first word).
    for (; i < size && !word_char(bytes[i]); ++i)
      if (bytes[i] == '<' || bytes[i] == '>') return false;
    const std::size_t start = i;
    while (i < size && word_char(bytes[i])) ++i;
    if (start == i) break;
    const std::string_view word(bytes + start, i - start);
    if (time_list.contains(word)) return false;
    if (onset_list.contains(word)) return true;
  }
  return false;
}

void mark(std::string_view text, engine::Node& n) {
  // (By the kind's index, not std::visit: visit's table of calls cost more than the tests. The parse marks its tree
  // in finish_tree's walk, lower_finish.cpp; this walk is its oracle in the tests.)
  switch (n.kind.index()) {
    case kind_index<engine::All>:
      for (auto& a : std::get<engine::All>(n.kind).args) mark(text, a);
      return;
    case kind_index<engine::Any>:
      for (auto& a : std::get<engine::Any>(n.kind).args) mark(text, a);
      return;
    case kind_index<engine::Not>:
      mark(text, *std::get<engine::Not>(n.kind).arg);
      return;
    case kind_index<engine::If>: {
      auto& g = std::get<engine::If>(n.kind);
      mark(text, *g.cond);
      mark(text, *g.then);
      return;
    }
    case kind_index<engine::Has>:
      mark_onset(text, n);
      return;
    default:
      return;
  }
}

}  // namespace

void mark_onset(std::string_view text, engine::Node& event) {
  auto& k = std::get<engine::Has>(event.kind);
  const bool bounded = (k.within && !k.ahead) || !k.dated_from.empty() || !k.dated_to.empty();
  if (!bounded || event.span.end <= event.span.begin || event.span.end > text.size()) return;
  k.onset = names_onset(std::string_view(text.data() + event.span.begin, event.span.end - event.span.begin));
}

void mark_onsets(std::string_view text, engine::Node& tree) { mark(text, tree); }

}  // namespace trialmatch::grammar::detail

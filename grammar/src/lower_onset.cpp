// Windows and calendar bounds that hold an event's start (see lower_onset.hpp).

#include "lower_onset.hpp"

#include <cstddef>
#include <variant>

#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         static_cast<unsigned char>(c) >= 0x80;
}

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
  std::size_t i = 0;
  while (i < span.size()) {
    // Between words: a comparison sign opens a time phrase of its own ("diagnosis < 6 months"); a
    // parenthesis does not ("(within 30 days)" begins at its first word).
    for (; i < span.size() && !word_char(span[i]); ++i)
      if (span[i] == '<' || span[i] == '>') return false;
    const std::size_t start = i;
    while (i < span.size() && word_char(span[i])) ++i;
    if (start == i) break;
    const std::string_view word = span.substr(start, i - start);
    if (time_list.contains(word)) return false;
    if (onset_list.contains(word)) return true;
  }
  return false;
}

void mark(std::string_view text, engine::Node& n) {
  std::visit(
      [&](auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, engine::All> || std::is_same_v<K, engine::Any>) {
          for (auto& a : k.args) mark(text, a);
        } else if constexpr (std::is_same_v<K, engine::Not>) {
          mark(text, *k.arg);
        } else if constexpr (std::is_same_v<K, engine::If>) {
          mark(text, *k.cond);
          mark(text, *k.then);
        } else if constexpr (std::is_same_v<K, engine::Has>) {
          const bool bounded = (k.within && !k.ahead) || !k.dated_from.empty() || !k.dated_to.empty();
          if (!bounded || n.span.end <= n.span.begin || n.span.end > text.size()) return;
          k.onset = names_onset(text.substr(n.span.begin, n.span.end - n.span.begin));
        }
      },
      n.kind);
}

}  // namespace

void mark_onsets(std::string_view text, engine::Node& tree) { mark(text, tree); }

}  // namespace trialmatch::grammar::detail

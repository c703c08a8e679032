#pragma once
// The parse's reference: the least any reader of criterion lines must do, hand-coded in plain C++, so that the
// parse's throughput can be given as a ratio to it, measured in the same run (issue 8). Its speed follows the
// machine's hour as the parse's does; the ratio does not.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"

namespace trialmatch::bench {

// One token of a line: a word (possibly the first of a lexicon name of up to four words), a number, or a byte
// of punctuation.
struct RefToken {
  enum Kind : unsigned char { word, name, number, punctuation } kind = word;
  unsigned begin = 0, end = 0;
  double value = 0;  // a number's value
};

// What the reference does with a line: copies it (a parse result keeps its text), cuts it into words, numbers and
// punctuation, reads each number, and looks each word up, with the one to three words after it, among the
// lexicon's names (lower-cased, whole words), the longest name found taking its words; a word that begins no
// name is looked up once. No reading of comparisons,
// units, windows or lists: that is the grammar's own work, which this leaves out.
class ParseReference {
 public:
  explicit ParseReference(const engine::Lexicon& lexicon);
  // The tokens of `line` into `tokens` (emptied first); returns how many names were found.
  std::size_t read(std::string_view line, std::string& text, std::vector<RefToken>& tokens) const;

 private:
  struct Hash {
    using is_transparent = void;
    // FNV-1a: keys are a few bytes long, where it beats the library's general hash.
    std::size_t operator()(std::string_view s) const noexcept {
      std::uint64_t h = 14695981039346656037ULL;
      for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
      return static_cast<std::size_t>(h);
    }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> names_;  // lower-cased, words joined by one space
  // Each first word of a name, with the most words of the names it starts (at most 4 looked up): a word that
  // starts no name costs one lookup.
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> first_words_;
};

}  // namespace trialmatch::bench

#pragma once
// A line's answers to a pure reading of a span of its tokens, kept by (first token, end token), so that a span the
// walk, the open reading and the nested readings each ask is read once.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace trialmatch::grammar::detail {

// The last N answers put (a line asks a few dozen spans at most; an older answer overwritten is read again when
// asked again). Only for a reading whose answer is a function of the line's tokens, text and lexicon and of the
// span alone. Lives in the Lowering of one line (a Lowering reads one line): no line sees another's answers.
// (The answers' room is left unmade until put: a Lowering is made for every line, and most ask no span twice.)
template <class Answer, class End, std::size_t N>
class SpanMemo {
  static_assert(std::is_trivially_copyable_v<Answer>, "answers are copied as bytes");
  static_assert(std::is_trivial_v<End>, "a Lowering's memos are made for every line: no room is initialised");

 public:
  // Copies the answer kept for [b, e) into `out` and `end`; false where there is none.
  bool find(std::size_t b, std::size_t e, Answer& out, End& end) const {
    const std::uint64_t key = key_of(b, e);
    const std::size_t n = put_ < N ? put_ : N;
    for (std::size_t x = 0; x < n; ++x)
      if (keys_[x] == key) {
        std::memcpy(static_cast<void*>(&out), answers_ + x * sizeof(Answer), sizeof(Answer));
        end = ends_[x];
        return true;
      }
    return false;
  }
  // Keeps `a` and `end` as the answer for [b, e) (not kept already: put after find found none).
  void put(std::size_t b, std::size_t e, const Answer& a, End end) {
    const std::size_t x = put_ % N;
    keys_[x] = key_of(b, e);
    std::memcpy(answers_ + x * sizeof(Answer), static_cast<const void*>(&a), sizeof(Answer));
    ends_[x] = end;
    ++put_;
  }
  // A span whose bounds a key cannot hold (a line of more than 4 G tokens) is read every time it is asked.
  static bool keyable(std::size_t b, std::size_t e) { return b < (std::uint64_t{1} << 32) && e < (std::uint64_t{1} << 32); }

 private:
  static std::uint64_t key_of(std::size_t b, std::size_t e) { return (std::uint64_t{b} << 32) | std::uint64_t{e}; }
  std::size_t put_ = 0;
  std::uint64_t keys_[N];
  End ends_[N];
  alignas(Answer) unsigned char answers_[N * sizeof(Answer)];
};

}  // namespace trialmatch::grammar::detail

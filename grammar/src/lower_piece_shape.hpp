// What a piece's items look like, read once for finish_items (lower_items.cpp): which kinds of item stand where,
// joined by which connectors, and the kinds of the piece's tokens. Each step of finish_items asks for a pattern
// it cannot do without ("an event joined by 'or' or a comma to the next item") and is not called where the
// pattern is missing: nearly every piece is refused so, by a bit test instead of a walk over its items and tokens.
// The shape describes the items as they are when it is asked: it is read again after every step that ran (a step
// that was not called changed nothing).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

class PieceShape {
 public:
  // An item's kind: unread words (orphans too, whatever node they hold), one event (engine::Has), any other
  // typed node (comparisons, a sex, a text held as read, and all/any/not/if, which may hold events).
  enum Class : unsigned { text, event, other };
  static constexpr unsigned any_class = 0x7;
  static constexpr unsigned typed = 0x6;
  static constexpr unsigned of(Class c) { return 1u << c; }
  static constexpr unsigned any_conn = 0x1f;
  static constexpr unsigned of(Conn c) { return 1u << static_cast<unsigned>(c); }

  // Two items in a row: the first of one of `classes`, joined by one of `conns` to the second, of one of `nexts`
  // (bit masks of the above). Made at compile time: one bit for each (class, connector, class), 3 * 5 * 3 = 45.
  struct Pairs {
    std::uint64_t bits;
  };
  static consteval Pairs pairs(unsigned classes, unsigned conns, unsigned nexts) {
    std::uint64_t bits = 0;
    for (unsigned a = 0; a < 3; ++a)
      for (unsigned conn = 0; conn < 5; ++conn)
        for (unsigned b = 0; b < 3; ++b)
          if ((classes >> a & 1) && (conns >> conn & 1) && (nexts >> b & 1)) bits |= pair_bit(a, conn, b);
    return {bits};
  }

  PieceShape(TokKinds kinds, const std::vector<Item>& items, const std::vector<Conn>& conns) : kinds_(kinds) {
    read_inline(items, conns);
  }

  static Class class_of(const Item& it) {
    if (it.text) return text;
    return is_has(it.node) ? event : other;
  }

  // Read again from the items and connectors as they are now.
  void read(const std::vector<Item>& items, const std::vector<Conn>& conns) { read_inline(items, conns); }

  TokKinds kinds() const { return kinds_; }
  std::size_t size() const { return size_; }
  // Two items in a row, anywhere; items 0 and 1.
  bool has(Pairs p) const { return (pairs_ & p.bits) != 0; }
  bool first_is(Pairs p) const { return (first_pair_ & p.bits) != 0; }
  // Unread words at index `from` or after.
  bool unread_from(std::size_t from) const { return text_after_ > from; }
  // A typed item that is no single event.
  bool other_item() const { return other_item_; }
  // The last item's class (text where there is none).
  Class last() const { return last_; }

  // The same items' shape (the tokens' kinds aside: a piece's tokens do not change).
  bool same_items(const PieceShape& o) const {
    return size_ == o.size_ && pairs_ == o.pairs_ && first_pair_ == o.first_pair_ && text_after_ == o.text_after_ &&
           other_item_ == o.other_item_ && last_ == o.last_;
  }

 private:
  // (Inlined where the shape is made, once a piece: when finish_items grew, the compiler made it a call there, ~0.5 M
  // a pass more. A step's re-read, rarer, may stay a call.)
  [[gnu::always_inline]] void read_inline(const std::vector<Item>& items, const std::vector<Conn>& conns) {
    const std::size_t n = items.size();
    std::uint64_t pairs = 0;
    std::uint64_t first_pair = 0;
    std::size_t text_after = 0;  // one past the last unread item's index
    bool other_item = false;
    unsigned before = text;
    // (Items 0 and 1 before the loop, the first pair's bit made from their classes: a test of k in the loop costs
    // more on a list of hundreds of items, and classing the two again after it costs ~55 k a pass.)
    const auto take = [&](std::size_t k) {
      const unsigned c = class_of(items[k]);
      if (c == text) text_after = k + 1;
      other_item = other_item || c == other;
      if (k > 0) pairs |= pair_bit(before, static_cast<unsigned>(conns[k - 1]), c);
      before = c;
    };
    if (n > 0) take(0);
    if (n > 1) {
      take(1);
      first_pair = pairs;
    }
    for (std::size_t k = 2; k < n; ++k) take(k);
    size_ = n;
    pairs_ = pairs;
    first_pair_ = first_pair;
    text_after_ = text_after;
    other_item_ = other_item;
    last_ = static_cast<Class>(before);
  }
  static constexpr std::uint64_t pair_bit(unsigned a, unsigned conn, unsigned b) {
    return std::uint64_t{1} << (conn * 9 + a * 3 + b);
  }

  TokKinds kinds_;
  std::size_t size_ = 0;
  std::uint64_t pairs_ = 0;       // pair_bit of each two items in a row
  std::uint64_t first_pair_ = 0;  // pair_bit of items 0 and 1 (none for a single item)
  std::size_t text_after_ = 0;
  bool other_item_ = false;
  Class last_ = text;
};

}  // namespace trialmatch::grammar::detail

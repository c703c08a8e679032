#pragma once
// One index over all the phrase lists a choice may try at the position where it starts (`token`'s
// lists, and the lists that begin its composite alternatives: "within", "or more", "3 x ULN"). At a
// token's position the text is walked once through a trie of every phrase of those lists, which finds
// for each list its longest phrase there; each list's rule then reads its answer instead of scanning
// its own phrases (phrase_rule.hpp). The ordered choice is untouched: its alternatives are tried in the
// same order and each takes exactly what it took before; only the phrase comparisons are shared.
//
// The walk compares as phrase_length does: ASCII letters without case, other bytes exactly, a blank in
// a phrase matches one or more blanks of the text, and a phrase that ends in a letter or digit matches
// only before a word boundary. Because a phrase's blank is the only byte that matches a run, the text
// decides the path through the trie: every phrase that matches lies on that one path, and for each list
// the deepest one that ends there is its longest. (A node reached by a blank takes the text's whole run
// of blanks before its ends are read.)
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include <tao/pegtl.hpp>

#include "first_set.hpp"
#include "phrase_rule.hpp"

// GCC's noipa (callers see the function as opaque: no summary of its body); nothing where the compiler has none.
#if defined(__has_attribute)
#if __has_attribute(noipa)
#define TRIALMATCH_NOIPA __attribute__((noipa))
#endif
#endif
#ifndef TRIALMATCH_NOIPA
#define TRIALMATCH_NOIPA
#endif

namespace trialmatch::grammar::phrases {

namespace pegtl = tao::pegtl;
namespace pi = tao::pegtl::internal;

// A phrase list as a type, so that lists can be collected in a type list.
template <const auto& Phrases>
struct list_tag {
  static constexpr std::span<const std::string_view> phrases() noexcept { return {std::begin(Phrases), std::end(Phrases)}; }
};

template <class List, class T>
struct push_unique;
template <class... Ts, class T>
struct push_unique<pegtl::type_list<Ts...>, T> {
  using type = std::conditional_t<(std::is_same_v<Ts, T> || ...), pegtl::type_list<Ts...>, pegtl::type_list<Ts..., T>>;
};

// The phrase lists a rule may try at the position where it starts, added to Acc (a type_list of
// list_tag). Conservative in the other direction from first_set.hpp: a rule not understood here adds
// nothing, and a list left out is simply matched on its own. `Depth` bounds the walk.
template <class Acc, class RuleT, unsigned Depth>
struct leading_impl {
  using type = Acc;
};
template <class Acc, class Rule, unsigned Depth>
using leading_t = typename leading_impl<Acc, typename Rule::rule_t, Depth>::type;

template <class Acc, const auto& Phrases, unsigned Depth>
struct leading_impl<Acc, rules::one_of_phrases<Phrases>, Depth> {
  using type = typename push_unique<Acc, list_tag<Phrases>>::type;
};

// A choice: every alternative starts at its position.
template <class Acc, unsigned Depth, class... Rules>
struct leading_all {
  using type = Acc;
};
template <class Acc, unsigned Depth, class R, class... Rules>
struct leading_all<Acc, Depth, R, Rules...> {
  using type = typename leading_all<leading_t<Acc, R, Depth>, Depth, Rules...>::type;
};
// A sequence: its elements up to the first that must consume a byte.
template <class Acc, unsigned Depth, class... Rules>
struct leading_seq {
  using type = Acc;
};
template <class Acc, unsigned Depth, class R, class... Rules>
struct leading_seq<Acc, Depth, R, Rules...> {
  using with_first = leading_t<Acc, R, Depth>;
  using type = typename std::conditional_t<first::of<R>.nullable, leading_seq<with_first, Depth, Rules...>,
                                           std::type_identity<with_first>>::type;
};

template <class Acc, class... Rules, unsigned Depth>
  requires(Depth > 0)
struct leading_impl<Acc, pi::sor<Rules...>, Depth> {
  using type = typename leading_all<Acc, Depth - 1, Rules...>::type;
};
template <class Acc, class... Rules, unsigned Depth>
  requires(Depth > 0)
struct leading_impl<Acc, pi::seq<Rules...>, Depth> {
  using type = typename leading_seq<Acc, Depth - 1, Rules...>::type;
};
// Repetitions and lookaheads try their rule where they start.
template <class Acc, class Rule, unsigned Depth>
  requires(Depth > 0)
struct leading_impl<Acc, pi::opt<Rule>, Depth> {
  using type = leading_t<Acc, Rule, Depth - 1>;
};
template <class Acc, class Rule, unsigned Depth>
  requires(Depth > 0)
struct leading_impl<Acc, pi::star<Rule>, Depth> {
  using type = leading_t<Acc, Rule, Depth - 1>;
};
template <class Acc, class Rule, unsigned Depth>
  requires(Depth > 0)
struct leading_impl<Acc, pi::plus<Rule>, Depth> {
  using type = leading_t<Acc, Rule, Depth - 1>;
};
template <class Acc, class Rule, unsigned Depth>
  requires(Depth > 0)
struct leading_impl<Acc, pi::at<Rule>, Depth> {
  using type = leading_t<Acc, Rule, Depth - 1>;
};
template <class Acc, class Rule, unsigned Depth>
  requires(Depth > 0)
struct leading_impl<Acc, pi::not_at<Rule>, Depth> {
  using type = leading_t<Acc, Rule, Depth - 1>;
};


// Whether every match of a rule that consumes a byte begins with a match of one of its leading lists
// (leading_t) at the same position: then, where none of those lists matches, the rule matches nothing
// or nothing at all. False for any rule not understood here (the rule is then always tried).
template <class RuleT, unsigned Depth>
struct gated_impl : std::false_type {};
template <class Rule, unsigned Depth>
inline constexpr bool gated = gated_impl<typename Rule::rule_t, Depth>::value;

template <const auto& Phrases, unsigned Depth>
struct gated_impl<rules::one_of_phrases<Phrases>, Depth> : std::true_type {};
// A sequence: its elements up to the first that must consume a byte, as leading_seq walks them.
template <unsigned Depth, class... Rules>
struct gated_seq : std::true_type {};
template <unsigned Depth, class R, class... Rules>
struct gated_seq<Depth, R, Rules...>
    : std::bool_constant<gated<R, Depth> && (!first::of<R>.nullable || gated_seq<Depth, Rules...>::value)> {};
template <class... Rules, unsigned Depth>
  requires(Depth > 0)
struct gated_impl<pi::seq<Rules...>, Depth> : gated_seq<Depth - 1, Rules...> {};
template <class... Rules, unsigned Depth>
  requires(Depth > 0)
struct gated_impl<pi::sor<Rules...>, Depth> : std::bool_constant<(gated<Rules, Depth - 1> && ...)> {};
template <class Rule, unsigned Depth>
  requires(Depth > 0)
struct gated_impl<pi::opt<Rule>, Depth> : std::bool_constant<gated<Rule, Depth - 1>> {};
template <class Rule, unsigned Depth>
  requires(Depth > 0)
struct gated_impl<pi::star<Rule>, Depth> : std::bool_constant<gated<Rule, Depth - 1>> {};
template <class Rule, unsigned Depth>
  requires(Depth > 0)
struct gated_impl<pi::plus<Rule>, Depth> : std::bool_constant<gated<Rule, Depth - 1>> {};
// Lookaheads consume nothing.
template <class Rule, unsigned Depth>
struct gated_impl<pi::at<Rule>, Depth> : std::true_type {};
template <class Rule, unsigned Depth>
struct gated_impl<pi::not_at<Rule>, Depth> : std::true_type {};

// The bytes at which a rule may begin a match that does not begin with one of its leading lists
// (leading_t, the same walk and depth): where none of those lists matches, the rule can match only at
// these bytes. Conservative: a rule not understood here gives its whole FIRST set, and a nullable first
// element of a sequence gives `nullable` (always try). Only a choice or sequence led by lists narrows it
// (`quantity`: a digit, or a number word the walk found).
template <class RuleT, unsigned Depth>
struct unlisted_impl {
  static constexpr first::First value = first::of_impl<RuleT>::value;
};
template <class Rule, unsigned Depth>
inline constexpr first::First unlisted = unlisted_impl<typename Rule::rule_t, Depth>::value;

template <const auto& Phrases, unsigned Depth>
struct unlisted_impl<rules::one_of_phrases<Phrases>, Depth> {
  static constexpr first::First value{};  // a list's matches are all found by the walk
};
template <class... Rules, unsigned Depth>
  requires(Depth > 0)
struct unlisted_impl<pi::sor<Rules...>, Depth> {
  static constexpr first::First value = [] {
    first::First f;
    ((f.merge(unlisted<Rules, Depth - 1>), f.nullable = f.nullable || unlisted<Rules, Depth - 1>.nullable), ...);
    return f;
  }();
};
template <class R, class... Rules, unsigned Depth>
  requires(Depth > 0)
struct unlisted_impl<pi::seq<R, Rules...>, Depth> {
  static constexpr first::First value = first::of<R>.nullable ? first::anything() : unlisted<R, Depth - 1>;
};

// The list a rule is, as a list_tag (void for a rule that is not a phrase list).
template <class RuleT>
struct list_of {
  using type = void;
};
template <const auto& Phrases>
struct list_of<rules::one_of_phrases<Phrases>> {
  using type = list_tag<Phrases>;
};

// A trie of the phrases of several lists, built once (phrase_index.cpp), laid out as a double array: the
// bytes the phrases hold are numbered (their classes, letters without case, every blank one class), and
// a node's child by class c is the slot at its base plus c, if that slot names the node as its parent.
// A step is then the same few loads whatever the node's edges: no search, no table per node.
class PhraseTrie {
 public:
  // `item_list`: a list whose phrases the walk also names (match's `item`); none by default.
  explicit PhraseTrie(std::span<const std::span<const std::string_view>> lists, std::size_t item_list = ~std::size_t{0});

  std::size_t lists() const noexcept { return lists_; }

  // For each list l that has a phrase matching at the start of `text`, sets bit l of `found` (l / 64 is
  // the word) and writes to length[l] the bytes its longest phrase matches; other lists are not written
  // (the caller zeroes `found` first). Where the item list matched, *item is the index of its phrase
  // that matched (the longest) in that list.
  // No IPA (GCC's noipa; clang has none): the token recorder's walk, inlined into tokenize_text (tokens.cpp),
  // calls this where no NUL follows the line, and GCC's summary of this body (whether its `leave` was inlined
  // here, by the unit's inline budget, which any rule's code size moved) flipped tokenize_text's register
  // allocation between two states 1.25 M instructions a pass apart. Seen as opaque, the call leaves tokenize_text
  // in the cheaper one whatever else the unit holds.
  [[gnu::noinline]] TRIALMATCH_NOIPA void match(std::string_view text, std::uint32_t* length, std::uint64_t* found, std::uint32_t* item = nullptr) const noexcept {
    walk<false>(text, length, found, item);
  }
  // The same, where a NUL byte follows the text and may be read (text.data()[text.size()] == '\0', as after a
  // std::string's bytes or a suffix of them) and the trie holds no NUL byte (nul_free): the NUL, a byte no
  // phrase has, ends the walk as the text's end does, so that no step tests the end. (Inlined: the
  // token recorder's walk; `match` is the general one.)
  void match_terminated(std::string_view text, std::uint32_t* length, std::uint64_t* found, std::uint32_t* item = nullptr) const noexcept {
    walk<true>(text, length, found, item);
  }
  // Whether no phrase holds a NUL byte (match_terminated's condition on the trie).
  bool nul_free() const noexcept { return nul_free_; }
  // How many classes of bytes the phrases hold (the double array's alphabet), and its slots: for tests.
  std::size_t classes() const noexcept { return classes_; }
  std::size_t slots() const noexcept { return slots_.size(); }

 private:
  template <bool Terminated>
  [[gnu::always_inline]] void walk(std::string_view text, std::uint32_t* length, std::uint64_t* found, std::uint32_t* item) const noexcept {
    const char* const s = text.data();
    const std::size_t size = text.size();
    // The first two steps by one table, by the text's first two bytes (terminated: the second is the NUL at
    // worst, which no phrase holds).
    std::uint32_t entry = 0;
    if (Terminated ? size != 0 : size >= 2) [[likely]] entry = pairs_[two_bytes(s)];
    else if (size != 0) entry = first_step(s[0]);
    if (entry == 0) return;
    const char* const slots = reinterpret_cast<const char*>(slots_.data());
    // (An entry without kStopEntry is a node after two steps, its offset alone.)
    const Slot* node = reinterpret_cast<const Slot*>(slots + (entry & ~kEntryBits));
    const char* at = s + 2;  // the next byte
    const auto write = [&](const End* e, const End* const last, std::uint32_t t) {
      for (; e != last; ++e) {
        const std::size_t l = e->list;
        length[l] = t;
        found[e->word] |= e->bit;
        if (l == item_list_) *item = e->phrase;
      }
    };
    const auto ends_of = [&](const Slot& n) { return reinterpret_cast<const End*>(reinterpret_cast<const char*>(ends_.data()) + n.ends); };
    // At a node whose slot's parent is marked kStop: its parent's ends that need a word boundary, where it
    // was reached by a byte that is none (they end before that byte); the run of blanks, where it was
    // reached by a blank (the phrase's blank matches a run); its ends that need no boundary.
    const auto stop_at = [&](const Slot& n) {
      const End* e = ends_of(n);
      if (n.inherited != 0) {
        write(e, e + n.inherited, static_cast<std::uint32_t>(at - 1 - s));
        e += n.inherited;
      }
      if (n.blank_run)
        while ((Terminated || at != s + size) && rules::is_blank(*at)) ++at;
      if (n.free_ends != 0) write(e, e + n.free_ends, static_cast<std::uint32_t>(at - s));
    };
    // Where the walk ends at a node, its ends that need a word boundary, if one follows. (Where it steps on by
    // a byte that is no letter or digit, the child writes them: its `inherited`. So a node whose ends all
    // need a boundary, most nodes with ends, costs no stop on the way.)
    const auto leave = [&](const Slot& n) {
      if (n.boundary_ends == 0) return;
      if ((Terminated || at != s + size) && rules::is_word_byte(*at)) return;
      const End* const e = ends_of(n) + n.inherited + n.free_ends;
      write(e, e + n.boundary_ends, static_cast<std::uint32_t>(at - s));
    };
    if (entry & kStopEntry) [[unlikely]] {
      at = s + (entry & kSteps);
      stop_at(*node);
    }
    // One step from `from` to its child by the next byte, into `to`; false where the walk ends.
    const auto step = [&](const Slot* from, const Slot*& to) __attribute__((always_inline)) {
      if (!Terminated && at == s + size) {
        leave(*from);
        return false;
      }
      // (A byte no phrase holds has class 0: slot `base` is no child of this node, whatever it holds.)
      const std::uint64_t base = from->base;
      to = reinterpret_cast<const Slot*>(slots + base + step_[static_cast<unsigned char>(*at)]);
      const std::uint64_t parent = to->parent;
      if (parent == base) [[likely]] {  // most nodes on a path have no stop
        ++at;
        return true;
      }
      if (parent != base + kStop) {  // (base + kStop is base | kStop: bases are multiples of 16)
        leave(*from);
        return false;
      }
      ++at;
      stop_at(*to);
      return true;
    };
    // Two steps a turn, so that the node stepped from and the one stepped to (which a miss needs, for leave)
    // take turns in two registers instead of a copy per step.
    const Slot* other = nullptr;
    while (step(node, other) && step(other, node)) {
    }
  }

  // The first two bytes of a text as the index of pairs_ (the first byte lowest).
  static std::size_t two_bytes(const char* s) noexcept {
    if constexpr (std::endian::native == std::endian::little) {
      std::uint16_t v;
      std::memcpy(&v, s, 2);
      return v;
    } else {
      return static_cast<unsigned char>(s[0]) | std::size_t{static_cast<unsigned char>(s[1])} << 8;
    }
  }
  // The child of `node` (a byte offset in slots_) by `byte`, or 0; a node reached by a blank is its own
  // child by a blank (the run it takes). For the build and a text of one byte; the walk inlines the step.
  std::uint32_t child(std::uint32_t node, char byte) const noexcept;

  // The entry of pairs_ for a text of one byte.
  std::uint32_t first_step(char byte) const noexcept;

  // 16 bytes a slot; bases are byte offsets in slots_ (the walk adds them to its address).
  struct Slot {
    // The child by a byte is at base + step_[byte], if that slot's parent is this base. Every node with
    // children has a base of its own, at least one slot in; one without keeps 0.
    std::uint32_t base = 0;
    // The parent's base, which names the parent, with kStop set where the walk has more to do at this node
    // than step on (stop_at: inherited ends, free ends or a blank run): one compare tells both. kNoParent in
    // a free slot and in the root.
    std::uint32_t parent = kNoParent;
    // The byte offset in ends_ of this node's ends, in three groups one after the other:
    std::uint32_t ends = 0;
    // its parent's ends that need a word boundary, where the byte that reaches it is no letter or digit
    // (copies: the walk writes them on arrival, with the length before that byte);
    std::uint8_t inherited = 0;
    std::uint8_t free_ends = 0;      // the phrases that end here and need no word boundary;
    std::uint8_t boundary_ends = 0;  // those that end here and need one (written where the walk leaves the node).
    bool blank_run = false;          // reached by a blank: takes the text's whole run of blanks
  };
  static_assert(sizeof(Slot) == 16);
  static constexpr std::uint32_t kNoParent = 0xFFFFFFFFU;  // no base, with or without kStop
  static constexpr std::uint32_t kStop = 1;
  // An entry of pairs_: a node's offset; with kStopEntry, where the walk stops at it (as kStop) or the node is
  // one step in, the steps taken to it (1 or 2) too; 0: none.
  static constexpr std::uint32_t kSteps = 3, kStopEntry = 4, kEntryBits = 7;
  struct End {  // 16 bytes
    std::uint64_t bit = 0;     // the list's bit in its word of `found` (made once: no shift per end)
    std::uint32_t phrase = 0;  // its index in its list
    std::uint16_t list = 0;
    std::uint8_t word = 0;     // the list's word of `found`
    bool boundary = false;  // the phrase ends in a letter or digit: a word boundary must follow
  };
  static_assert(sizeof(End) == 16);
  std::size_t lists_ = 0;
  std::size_t item_list_ = ~std::size_t{0};
  bool nul_free_ = true;
  std::size_t classes_ = 0;
  // By byte, its class times sizeof(Slot) (0: no phrase holds the byte).
  std::array<std::uint16_t, 256> step_{};
  // By the text's first two bytes (two_bytes), the walk's entry: the node after two steps, or after the first
  // where the walk stops there or may end a phrase there before the second byte.
  std::vector<std::uint32_t> pairs_;
  std::vector<Slot> slots_;  // slot 0 is the root
  std::vector<End> ends_;
};

// A phrase's blank matches a run of blanks; any other byte matches one byte. A literal tab or newline in
// a phrase would match one byte where the trie's blank edge takes a run, so the lists must have none.
// Nor two blanks in a row (the first takes the text's whole run).
constexpr bool walkable(std::span<const std::string_view> phrases) noexcept {
  for (const std::string_view p : phrases)
    for (std::size_t i = 0; i < p.size(); ++i)
      if ((rules::is_blank(p[i]) && p[i] != ' ') || (i > 0 && p[i] == ' ' && p[i - 1] == ' ')) return false;
  return true;
}

// The index over a type_list of list_tag.
template <class Lists>
struct combined;
template <class... Tags>
struct combined<pegtl::type_list<Tags...>> {
  static constexpr std::size_t count = sizeof...(Tags);
  static_assert((walkable(Tags::phrases()) && ...), "a phrase holds a tab, CR or LF (write a blank as ' ') or two blanks in a row");
  // The position of Tag in the list, or `count` when it is not there.
  template <class Tag>
  static constexpr std::size_t index_of() noexcept {
    std::size_t i = 0;
    (void)((std::is_same_v<Tag, Tags> ? false : (++i, true)) && ...);
    return i;
  }
  static const PhraseTrie& trie() {
    static const PhraseTrie t(std::array<std::span<const std::string_view>, count>{Tags::phrases()...});
    return t;
  }
  // The same lists and one more after them (list `count`, the item list), given at run time.
  static PhraseTrie trie_with(std::span<const std::string_view> extra) {
    return PhraseTrie(std::array<std::span<const std::string_view>, count + 1>{Tags::phrases()..., extra}, count);
  }
};

// The index of the lists Root may try where it starts.
template <class Root>
using index_for = combined<leading_t<pegtl::type_list<>, Root, 24>>;

}  // namespace trialmatch::grammar::phrases

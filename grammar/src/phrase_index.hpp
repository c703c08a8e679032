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
// the deepest one that ends there is its longest. (A node reached by a blank has an edge by a blank to
// itself: the walk takes a run of blanks one byte at a time with no test of its own.)
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <vector>

#include <tao/pegtl.hpp>

#include "first_set.hpp"
#include "phrase_rule.hpp"

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

// A trie of the phrases of several lists, built once.
class PhraseTrie {
 public:
  // `item_list`: a list whose phrases the walk also names (match's `item`); none by default.
  explicit PhraseTrie(std::span<const std::span<const std::string_view>> lists, std::size_t item_list = ~std::size_t{0})
      : lists_(lists.size()), item_list_(item_list) {
    // Built as a tree whose children are linked in the order they were added (no vector per node: the
    // lexicon's first words make ~20,000 nodes), then laid out with each node's edges side by side.
    struct Building {
      std::uint32_t first = 0, last = 0, next = 0;  // first and last child; the next sibling (0: none)
      std::uint32_t children = 0;
      unsigned char key = 0;  // the edge's byte from the parent
    };
    std::vector<Building> tree(1);
    std::size_t bytes = 1;  // at most one node per byte of the phrases: no reallocation while building
    for (const auto& list : lists)
      for (const std::string_view phrase : list) bytes += phrase.size();
    tree.reserve(bytes);
    std::vector<std::pair<std::uint32_t, End>> ends;  // (node, end), in the order the phrases come
    for (std::size_t l = 0; l < lists.size(); ++l)
      for (std::size_t p = 0; p < lists[l].size(); ++p) {
        const std::string_view phrase = lists[l][p];
        if (phrase.empty()) continue;  // matches nothing
        if (phrase.find('\0') != std::string_view::npos) nul_free_ = false;
        std::uint32_t at = 0;
        for (const char c : phrase) {
          const auto key = static_cast<unsigned char>(rules::ascii_lower(c));
          // (Its second blank could never match: the first takes the text's whole run, by its loop.)
          if (key == ' ' && at != 0 && tree[at].key == ' ')
            throw std::invalid_argument("PhraseTrie: a phrase holds two blanks in a row");
          std::uint32_t next = at == 0 ? root_[key] : 0;  // the root's children by byte; others by their list
          if (at != 0)
            for (std::uint32_t child = tree[at].first; child != 0; child = tree[child].next)
              if (tree[child].key == key) {
                next = child;
                break;
              }
          if (next == 0) {
            next = static_cast<std::uint32_t>(tree.size());
            tree.push_back(Building{0, 0, 0, 0, key});
            Building& parent = tree[at];
            if (parent.last != 0) tree[parent.last].next = next;
            else parent.first = next;
            parent.last = next;
            ++parent.children;
            if (at == 0) root_[key] = next;
          }
          at = next;
        }
        ends.emplace_back(at, End{std::uint64_t{1} << (l % 64), static_cast<std::uint32_t>(p), static_cast<std::uint16_t>(l),
                                  static_cast<std::uint16_t>(l / 64), rules::is_word_byte(phrase.back())});
      }
    // The ends grouped by node, each node's in the order they came.
    std::vector<std::uint32_t> end_begin(tree.size() + 1, 0);
    for (const auto& [node, e] : ends) ++end_begin[node + 1];
    for (std::size_t i = 0; i < tree.size(); ++i) {
      if (end_begin[i + 1] > 255) throw std::length_error("PhraseTrie: more than 255 phrases end at one node");
      end_begin[i + 1] += end_begin[i];
    }
    ends_.resize(ends.size());
    std::vector<std::uint8_t> free_ends(tree.size());
    {
      // Each node's ends that need no word boundary after them first, then those that do, each group in
      // the order the phrases came (the walk tests the boundary once per node, not once per end).
      std::vector<std::uint32_t> fill(end_begin.begin(), end_begin.end() - 1);
      for (const auto& [node, e] : ends)
        if (!e.boundary) ends_[fill[node]++] = e;
      for (std::size_t i = 0; i < tree.size(); ++i) free_ends[i] = static_cast<std::uint8_t>(fill[i] - end_begin[i]);
      for (const auto& [node, e] : ends)
        if (e.boundary) ends_[fill[node]++] = e;
    }
    nodes_.resize(tree.size());
    // Children by their offset in bytes from nodes_'s start (the walk adds it to the array's address).
    const auto offset = [](std::uint32_t node) { return static_cast<std::uint32_t>(node * sizeof(Node)); };
    if (tree.size() > std::numeric_limits<std::uint32_t>::max() / sizeof(Node)) throw std::length_error("PhraseTrie: too many nodes");
    for (auto& child : root_) child = offset(child);
    for (std::uint32_t i = 0; i < tree.size(); ++i) {
      Node& n = nodes_[i];
      const Building& b = tree[i];
      // A node reached by a blank: its edge by a blank leads back to it (after its other edges).
      const bool blank_loop = i != 0 && tree[i].key == ' ';
      const std::uint32_t edges = b.children + (blank_loop ? 1 : 0);
      if (b.first != 0) {
        n.key0 = tree[b.first].key;
        n.child0 = offset(b.first);
      } else if (blank_loop) {
        n.key0 = ' ';
        n.child0 = offset(i);
      }
      if (edges >= kDenseEdges) {
        n.rest = kDense;
        n.edges = static_cast<std::uint32_t>(dense_.size() / 256);
        dense_.resize(dense_.size() + 256, 0);
        for (std::uint32_t child = b.first; child != 0; child = tree[child].next) dense_[n.edges * 256 + tree[child].key] = offset(child);
        if (blank_loop) dense_[n.edges * 256 + ' '] = offset(i);
      } else if (edges > 1) {
        n.edges = static_cast<std::uint32_t>(edge_bytes_.size());
        n.rest = static_cast<std::uint8_t>(edges - 1);
        for (std::uint32_t child = tree[b.first].next; child != 0; child = tree[child].next) {
          edge_bytes_.push_back(tree[child].key);
          edge_child_.push_back(offset(child));
        }
        if (blank_loop) {
          edge_bytes_.push_back(' ');
          edge_child_.push_back(offset(i));
        }
      }
      n.ends = end_begin[i];
      n.end_count = static_cast<std::uint8_t>(end_begin[i + 1] - end_begin[i]);
      n.free_ends = free_ends[i];
    }
    // The first two steps at once, where the first node ends no phrase there (one that needs a boundary ends none
    // before a letter or digit): by the classes of the two keys.
    for (unsigned k1 = 0; k1 < 256; ++k1) {
      const std::uint32_t first = root_[k1];
      if (first == 0 || key_class(static_cast<unsigned char>(k1)) == 0) continue;
      const Node& n = *reinterpret_cast<const Node*>(reinterpret_cast<const char*>(nodes_.data()) + first);
      // Before a letter or digit only the ends that need no boundary would count; before a blank, all.
      if (n.free_ends != 0) continue;
      const std::size_t row = std::size_t{key_class(static_cast<unsigned char>(k1))} * kClasses;
      for (unsigned k2 = 0; k2 < 256; ++k2)
        if (const unsigned c2 = key_class(static_cast<unsigned char>(k2)); c2 != 0 && (rules::is_word_byte(static_cast<char>(k2)) || n.end_count == 0))
          second_[row + c2] = child(n, static_cast<unsigned char>(k2));
    }
  }

  std::size_t lists() const noexcept { return lists_; }

  // For each list l that has a phrase matching at the start of `text`, sets bit l of `found` (l / 64 is
  // the word) and writes to length[l] the bytes its longest phrase matches; other lists are not written
  // (the caller zeroes `found` first). Where the item list matched, *item is the index of its phrase
  // that matched (the longest) in that list.
  [[gnu::noinline]] void match(std::string_view text, std::uint32_t* length, std::uint64_t* found, std::uint32_t* item = nullptr) const noexcept {
    walk<false>(text, length, found, item);
  }
  // The same, where a NUL byte follows the text and may be read (text.data()[text.size()] == '\0', as after a
  // std::string's bytes or a suffix of them) and the trie holds no NUL byte (nul_free): the NUL, a key no
  // phrase has, ends the walk as the text's end does, so that no step tests the end. (Inlined: the
  // token recorder's walk; `match` is the general one.)
  void match_terminated(std::string_view text, std::uint32_t* length, std::uint64_t* found, std::uint32_t* item = nullptr) const noexcept {
    walk<true>(text, length, found, item);
  }
  // Whether no phrase holds a NUL byte (match_terminated's condition on the trie).
  bool nul_free() const noexcept { return nul_free_; }

 private:
  template <bool Terminated>
  [[gnu::always_inline]] void walk(std::string_view text, std::uint32_t* length, std::uint64_t* found, std::uint32_t* item) const noexcept {
    const std::size_t size = text.size();
    std::size_t t = 0;
    // The trie key of the text's next byte, stepping past it (a run of blanks: one by one, by the loop
    // of the node the first reached).
    const auto next_key = [&]() noexcept { return key_of(text.data()[t++]); };
    if (!Terminated && size == 0) return;
    const char* const nodes = reinterpret_cast<const char*>(nodes_.data());
    const unsigned char first = next_key();
    std::uint32_t node = root_[first];
    // Most walks take a second step from a node that ends no phrase, many through its table of edges: both
    // steps by one table (second_), where the two keys have classes.
    if ((Terminated || size >= 2) && node != 0) {  // (terminated: text[1] is the NUL at worst, a key with no class)
      const std::uint32_t pair = second_[std::size_t{key_class(first)} * kClasses + key_class(key_of(text.data()[1]))];
      if (pair != kNoPair) {
        node = pair;
        t = 2;
      }
    }
    while (node != 0) {
      const Node& n = *reinterpret_cast<const Node*>(nodes + node);
      if (n.end_count != 0) {  // most nodes on a path end no phrase
        // Before a word byte only the ends that need no boundary count (they come first).
        const bool boundary = (!Terminated && t >= size) || !rules::is_word_byte(text.data()[t]);
        const End* e = ends_.data() + n.ends;
        const End* const stop = e + (boundary ? n.end_count : n.free_ends);
        for (; e != stop; ++e) {
          const std::size_t l = e->list;
          length[l] = static_cast<std::uint32_t>(t);
          found[e->word] |= e->bit;
          if (l == item_list_) *item = e->phrase;
        }
      }
      if (!Terminated && t >= size) return;
      node = child(n, next_key());  // (terminated: the NUL after the text reaches no node)
    }
  }

  // A node with this many edges or more finds its child in a table by byte (a few dozen such nodes,
  // near the root, where most walks pass); the others compare their few edges.
  static constexpr std::size_t kDenseEdges = 6;
  // A byte as the trie keys it: ASCII letters in lower case, every blank as ' ' (one load, no compares).
  static unsigned char key_of(char c) noexcept {
    static constexpr std::array<unsigned char, 256> keys = [] {
      std::array<unsigned char, 256> k{};
      for (unsigned b = 0; b < 256; ++b) {
        const char c = static_cast<char>(b);
        k[b] = static_cast<unsigned char>(rules::is_blank(c) ? ' ' : rules::ascii_lower(c));
      }
      return k;
    }();
    return keys[static_cast<unsigned char>(c)];
  }
  // Most nodes on a walk's path have one edge (the rest of a word): the first edge is kept in the node
  // itself, so that such a step is one compare (16 bytes a node, as before).
  struct Node {
    std::uint32_t child0 = 0;  // the child by the first edge (0: no edge); children are byte offsets in nodes_
    std::uint32_t edges = 0;   // dense: dense_[edges * 256 + byte] is the child; else the further edges are
                               // edge_bytes_/edge_child_[edges .. edges + rest)
    std::uint32_t ends = 0;    // ends_[ends .. ends + end_count): phrases that end here
    unsigned char key0 = 0;    // the first edge's byte
    std::uint8_t rest = 0;     // kDense: the edges are in dense_
    std::uint8_t end_count = 0;
    std::uint8_t free_ends = 0;  // of the ends, how many need no word boundary (the first ones)
  };
  static constexpr std::uint8_t kDense = 0xFF;
  std::uint32_t child(const Node& n, unsigned char key) const noexcept {
    // (Likely: most steps follow the one edge of a node inside a word; so marked, that step runs straight.)
    if (key == n.key0) [[likely]] return n.child0;  // (a node without edges: key0 0 and child0 0, none either way)
    if (n.rest == kDense) return dense_[n.edges * 256 + key];
    for (std::uint32_t e = n.edges; e < n.edges + n.rest; ++e)
      if (edge_bytes_[e] == key) return edge_child_[e];
    return 0;
  }
  // The keys that the first two steps take by one table (second_): letters, digits, the blank and common
  // punctuation, each a class of its own (0: none).
  static constexpr unsigned kClasses = 64;
  static unsigned key_class(unsigned char key) noexcept {
    static constexpr std::array<std::uint8_t, 256> classes = [] {
      std::array<std::uint8_t, 256> c{};
      std::uint8_t next = 1;
      for (unsigned k = 'a'; k <= 'z'; ++k) c[k] = next++;
      for (unsigned k = '0'; k <= '9'; ++k) c[k] = next++;
      c[' '] = next++;
      for (const char k : std::string_view("-.',/()%:;<>=+&*\"[]")) c[static_cast<unsigned char>(k)] = next++;
      if (next > kClasses) throw std::length_error("PhraseTrie: more key classes than a row of second_ holds");
      return c;
    }();
    return classes[key];
  }
  static constexpr std::uint32_t kNoPair = 0xFFFFFFFFU;
  struct End {
    std::uint64_t bit = 0;     // the list's bit in its word of `found` (made once: no shift per end)
    std::uint32_t phrase = 0;  // its index in its list
    std::uint16_t list = 0;
    std::uint16_t word = 0;    // the list's word of `found`
    bool boundary = false;  // the phrase ends in a letter or digit: a word boundary must follow
  };
  std::size_t lists_ = 0;
  std::size_t item_list_ = ~std::size_t{0};
  bool nul_free_ = true;
  std::array<std::uint32_t, 256> root_{};  // node 0 is the root; 0 as a child means none (offsets, as children)
  // By the classes of the text's first two keys (first * kClasses + second), the node the walk reaches in two
  // steps (0: none), where the first key's node ends no phrase before the second; kNoPair where the table
  // does not say (a key without a class; a first node that may end a phrase there).
  std::vector<std::uint32_t> second_ = std::vector<std::uint32_t>(kClasses * kClasses, kNoPair);
  std::vector<Node> nodes_;
  std::vector<unsigned char> edge_bytes_;
  std::vector<std::uint32_t> edge_child_;
  std::vector<End> ends_;
  std::vector<std::uint32_t> dense_;
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

// The phrase trie's build (phrase_index.hpp): a tree of the phrases, then its layout as a double array and
// the table of the walk's first two steps.
#include "phrase_index.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace trialmatch::grammar::phrases {

namespace {
// A byte as the trie keys it: ASCII letters in lower case, every blank as ' '.
unsigned char key_of(unsigned char byte) noexcept {
  const char c = static_cast<char>(byte);
  return static_cast<unsigned char>(rules::is_blank(c) ? ' ' : rules::ascii_lower(c));
}
}  // namespace

PhraseTrie::PhraseTrie(std::span<const std::span<const std::string_view>> lists, std::size_t item_list)
    : lists_(lists.size()), item_list_(item_list) {
  if (lists.size() > 256 * 64) throw std::length_error("PhraseTrie: more lists than an end's word of `found` names");
  // Built first as a tree whose children are linked in the order they were added (no vector per node: the
  // lexicon's first words make ~20,000 nodes).
  struct Building {
    std::uint32_t first = 0, last = 0, next = 0;  // first and last child; the next sibling (0: none)
    unsigned char key = 0;  // the edge's byte from the parent
  };
  std::vector<Building> tree(1);
  std::array<std::uint32_t, 256> root_child{};  // the root's children by byte (it has many); 0: none
  std::array<std::uint16_t, 256> class_of_key{};  // by key the phrases hold, its class (from 1)
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
        // (Its second blank could never match: the first takes the text's whole run.)
        if (key == ' ' && at != 0 && tree[at].key == ' ') throw std::invalid_argument("PhraseTrie: a phrase holds two blanks in a row");
        std::uint32_t next = at == 0 ? root_child[key] : 0;
        if (at != 0)
          for (std::uint32_t child = tree[at].first; child != 0; child = tree[child].next)
            if (tree[child].key == key) {
              next = child;
              break;
            }
        if (next == 0) {
          next = static_cast<std::uint32_t>(tree.size());
          tree.push_back(Building{0, 0, 0, key});
          class_of_key[key] = 1;  // (numbered below)
          Building& parent = tree[at];
          if (parent.last != 0) tree[parent.last].next = next;
          else parent.first = next;
          parent.last = next;
          if (at == 0) root_child[key] = next;
        }
        at = next;
      }
      ends.emplace_back(at, End{std::uint64_t{1} << (l % 64), static_cast<std::uint32_t>(p), static_cast<std::uint16_t>(l),
                                static_cast<std::uint8_t>(l / 64), rules::is_word_byte(phrase.back())});
    }
  // The ends grouped by node, each node's in the order they came, and split: those that need no word
  // boundary after them, then those that do (the walk writes the first on arrival, the others where it
  // leaves the node before a byte that is no letter or digit). (Flat arrays, not a vector per node.)
  std::vector<std::uint32_t> end_begin(tree.size() + 1, 0);
  std::vector<std::uint8_t> free_count(tree.size(), 0), boundary_count(tree.size(), 0);
  for (const auto& [node, e] : ends) {
    std::uint8_t& count = e.boundary ? boundary_count[node] : free_count[node];
    if (count == 255) throw std::length_error("PhraseTrie: more than 255 phrases end at one node");
    ++count;
    ++end_begin[node + 1];
  }
  for (std::size_t i = 0; i < tree.size(); ++i) end_begin[i + 1] += end_begin[i];
  std::vector<End> grouped(ends.size());
  {
    std::vector<std::uint32_t> fill(end_begin.begin(), end_begin.end() - 1);
    for (const auto& [node, e] : ends)
      if (!e.boundary) grouped[fill[node]++] = e;
    for (const auto& [node, e] : ends)
      if (e.boundary) grouped[fill[node]++] = e;
  }
  std::vector<std::uint32_t> parent_of(tree.size(), 0);
  for (std::uint32_t i = 0; i < tree.size(); ++i)
    for (std::uint32_t child = tree[i].first; child != 0; child = tree[child].next) parent_of[child] = i;
  // A node reached by a byte that is no letter or digit holds a copy of its parent's ends that need a
  // boundary (its `inherited`): the walk that steps there has left the parent before a boundary.
  std::vector<std::uint8_t> inherited(tree.size(), 0);
  for (std::uint32_t i = 1; i < tree.size(); ++i)
    if (!rules::is_word_byte(static_cast<char>(tree[i].key))) inherited[i] = boundary_count[parent_of[i]];
  std::vector<std::uint32_t> ends_at(tree.size(), 0);
  for (std::uint32_t i = 0; i < tree.size(); ++i) {
    ends_at[i] = static_cast<std::uint32_t>(ends_.size() * sizeof(End));
    const auto own = grouped.begin() + end_begin[i];
    const auto parents = grouped.begin() + end_begin[parent_of[i]] + free_count[parent_of[i]];
    ends_.insert(ends_.end(), parents, parents + inherited[i]);
    ends_.insert(ends_.end(), own, grouped.begin() + end_begin[i + 1]);
  }
  const auto stops = [&](std::uint32_t i) { return inherited[i] != 0 || free_count[i] != 0 || tree[i].key == ' '; };

  // The classes: the keys the phrases hold, numbered from 1 in byte order; a byte takes its key's class.
  for (unsigned k = 0; k < 256; ++k)
    if (class_of_key[k] != 0) class_of_key[k] = static_cast<std::uint16_t>(++classes_);
  for (unsigned b = 0; b < 256; ++b) step_[b] = static_cast<std::uint16_t>(class_of_key[key_of(static_cast<unsigned char>(b))] * sizeof(Slot));

  // The double array: a node's children go to its base plus their classes, in slots no other node holds,
  // and no two nodes share a base (a child's slot names its parent by the parent's base). A node's base is
  // the first that fits where its lowest child takes a free slot, the free slots tried in order along a
  // list; a slot that many nodes failed to fill leaves the list (it stays free), so that the search does
  // not grow with the nodes. Nodes are placed in the order they were made (a parent before its children,
  // so that a node's slot is known when it is placed); a node without children keeps base 0 (its steps
  // land on slots whose parent is another base). Slot 0 is the root's and no base plus a class (at least
  // 1) reaches it.
  // By slot: kTaken (a node's), kBase (some node's base), and above them how many nodes failed to fill it.
  constexpr std::uint8_t kTaken = 1, kBase = 2, kFailed = 4, kGiveUp = 16 * kFailed;
  std::vector<std::uint8_t> state;
  std::vector<std::uint32_t> next_free, previous_free;  // the list of free slots still tried, by slot
  const auto grow = [&](std::size_t size) {
    const std::size_t old = state.size();
    if (old >= size) return;
    size = std::max(size, old + old / 2);
    if (size > std::numeric_limits<std::uint32_t>::max() / sizeof(Slot)) throw std::length_error("PhraseTrie: too many nodes");
    state.resize(size, 0);
    slots_.resize(size);
    next_free.resize(size);
    previous_free.resize(size);
    for (std::size_t slot = old; slot < size; ++slot) {  // the new slots join the list's end
      next_free[slot] = static_cast<std::uint32_t>(slot + 1);
      previous_free[slot] = static_cast<std::uint32_t>(slot - 1);
    }
  };
  const auto leave_list = [&](std::size_t slot) {
    next_free[previous_free[slot]] = next_free[slot];
    previous_free[next_free[slot]] = previous_free[slot];
  };
  grow(tree.size() + tree.size() / 8 + 2 * (classes_ + 1));
  state[0] = kTaken | kBase;
  next_free[0] = 1;  // slot 0, the root's, heads the list and never leaves it
  const auto offset = [](std::size_t slot) { return static_cast<std::uint32_t>(slot * sizeof(Slot)); };
  std::size_t used = classes_ + 1;  // every step lands inside: from base 0 by the highest class, and so on
  std::vector<std::uint32_t> slot_of(tree.size(), 0);
  std::vector<std::uint32_t> child_classes;
  for (std::uint32_t i = 0; i < tree.size(); ++i) {
    {
      Slot& n = slots_[slot_of[i]];
      n.ends = ends_at[i];
      n.inherited = inherited[i];
      n.free_ends = free_count[i];
      n.boundary_ends = boundary_count[i];
      n.blank_run = i != 0 && tree[i].key == ' ';
    }
    if (tree[i].first == 0) continue;
    child_classes.clear();
    for (std::uint32_t child = tree[i].first; child != 0; child = tree[child].next) child_classes.push_back(class_of_key[tree[child].key]);
    const std::uint32_t lowest = *std::min_element(child_classes.begin(), child_classes.end());
    std::size_t base = 0;
    for (std::size_t slot = next_free[0];; slot = next_free[slot]) {
      // (The list's last slots are always beyond every child placed: its end is never reached.)
      if (slot + classes_ + 1 >= state.size()) grow(slot + 2 * (classes_ + 1));
      if (slot <= lowest) continue;
      base = slot - lowest;
      if ((state[base] & kBase) == 0 &&
          std::all_of(child_classes.begin(), child_classes.end(), [&](std::uint32_t c) { return (state[base + c] & kTaken) == 0; }))
        break;
      if ((state[slot] += kFailed) >= kGiveUp) leave_list(slot);
    }
    state[base] |= kBase;
    used = std::max(used, base + classes_ + 1);
    slots_[slot_of[i]].base = offset(base);
    for (std::uint32_t child = tree[i].first; child != 0; child = tree[child].next) {
      const std::size_t slot = base + class_of_key[tree[child].key];
      if (state[slot] < kGiveUp) leave_list(slot);
      state[slot] |= kTaken;
      slot_of[child] = static_cast<std::uint32_t>(slot);
      slots_[slot].parent = offset(base) | (stops(child) ? kStop : 0);
    }
  }
  slots_.resize(used);

  // The first two steps at once, by the first two bytes: the node after two steps, or after the first where
  // the walk stops there (its ends that need no boundary, a blank run) or ends there (no child by the
  // second byte, before which it ends a phrase: the loop's first step leaves it, and writes that end).
  // (An entry marks the first node with kStopEntry always, so that the walk's common entry, a node after two
  // steps where it does not stop, is the node's offset alone: no bits to take off.)
  const auto two_steps = [&](std::uint32_t node) {
    return node == 0 || (slots_[node / sizeof(Slot)].parent & kStop) == 0 ? node : node | 2 | kStopEntry;
  };
  pairs_.assign(std::size_t{1} << 16, 0);
  for (unsigned b0 = 0; b0 < 256; ++b0) {
    const std::uint32_t first = child(0, static_cast<char>(b0));
    if (first == 0) continue;
    const Slot& n = slots_[first / sizeof(Slot)];
    for (unsigned b1 = 0; b1 < 256; ++b1) {
      const auto second = static_cast<char>(b1);
      const std::uint32_t next = child(first, second);
      const bool stops_first = (n.parent & kStop) != 0;
      const bool ends_first = next == 0 && n.boundary_ends != 0 && !rules::is_word_byte(second);
      pairs_[b0 | (b1 << 8)] = stops_first || ends_first ? (first | 1 | kStopEntry) : two_steps(next);
    }
  }
}

std::uint32_t PhraseTrie::child(std::uint32_t node, char byte) const noexcept {
  const Slot& n = slots_[node / sizeof(Slot)];
  if (n.blank_run && rules::is_blank(byte)) return node;
  const std::uint32_t next = n.base + step_[static_cast<unsigned char>(byte)];
  return n.base != 0 && (slots_[next / sizeof(Slot)].parent & ~kStop) == n.base ? next : 0;
}

std::uint32_t PhraseTrie::first_step(char byte) const noexcept {
  const std::uint32_t first = child(0, byte);
  return first == 0 ? 0 : first | 1 | kStopEntry;  // (one step: see pairs_)
}

}  // namespace trialmatch::grammar::phrases

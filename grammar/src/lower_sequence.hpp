#pragma once
// The state one sequence() call shares with its steps (lower_sequence_*.cpp): the items read so far, the
// connectors between them, and what a word read earlier carries to the words after it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lower.hpp"

namespace trialmatch::grammar::detail {

// Whether token t may be one of present_use's verbs ("on", "taking", "receiving", "undergoing"), by its length and
// first two letters (either case): asked inline of most words of a piece, so that present_use is called only for
// these.
inline bool may_be_present_verb(const Token& t, std::string_view text) {
  // The first two letters (lower case) of a verb of each length, 0 for a length no verb has. ("use", "uses",
  // "using": lower_use_verb.cpp.) (One table lookup, and the text's bytes read only for a verb's length: the tests
  // one by one cost a dozen instructions a word. The second letter too: "of", of the length and first letter of "on",
  // is among a piece's commonest words, "History of", and each cost present_use's call, ~180 instructions.)
  static constexpr char first_of_length[11] = {0, 0, 'o', 'u', 'u', 'u', 't', 0, 0, 'r', 'u'};
  static constexpr char second_of_length[11] = {0, 0, 'n', 's', 's', 's', 'a', 0, 0, 'e', 'n'};
  const std::uint32_t n = t.end - t.begin;
  return n < sizeof first_of_length && first_of_length[n] != 0 &&
         static_cast<char>(text[t.begin] | 0x20) == first_of_length[n] &&
         static_cast<char>(text[t.begin + 1] | 0x20) == second_of_length[n];
}

// Whether a piece of these token kinds may hold the start of calendar bounds (may_start_dates true at one of its
// tokens): that test reads the token after, inside the piece, and says yes only at a date, "before" or a number
// (may_follow_dates_start). A piece with none of those kinds (more than half the walk's tokens stand in one) is not
// asked it token by token. (Widen with may_follow_dates_start: tests/unit/test_grammar_dates_in_piece.cpp.)
inline bool may_hold_dates_start(const TokKinds& kinds) {
  return kinds.has(Tok::date) || kinds.has(Tok::before) || kinds.has(Tok::quantity);
}

struct SequenceState;
// lower_bracket_status.cpp: "Use dietary supplements (vitamins, minerals, probiotics)": the status past an unread item.
bool bracket_item_keeps_status(const SequenceState& s, std::size_t i);

struct SequenceState {
  SequenceState(std::span<const Token> tokens, std::size_t begin, std::size_t end, std::size_t nesting,
                std::vector<Item>& read, std::vector<Conn>& joins, std::vector<bool>& merged_or, std::vector<int>& depths)
      : toks(tokens), b(begin), e(end), depth(nesting), items(read), conns(joins), text_has_or(merged_or),
        depth_at(depths) {}

  // Made ready for a walk of [begin, end) of `tokens`, every member as the constructor makes it but the vectors
  // (emptied when the walk ends: give_back_room, lower.cpp). (A state kept with its vectors at its nesting level is
  // made ready per walk, not built and destroyed with its string and optionals each time. A member added below must
  // be set here too: tests/unit/test_grammar_sequence_room.cpp asserts the state's size, and fails when one is.)
  void begin_walk(std::span<const Token> tokens, std::size_t begin, std::size_t end, std::size_t nesting) {
    toks = tokens;
    b = begin;
    e = end;
    depth = nesting;
    parenthesis = false;
    depths_made = false;
    pending = Conn::none;
    active = false;
    active_used = false;
    last_event.reset();
    pending_within.reset();
    pending_used = false;
    pending_before.clear();
    window_from = 0;
    dates_from = 0;
    result.reset();
  }

  std::span<const Token> toks;
  std::size_t b, e;    // the piece's tokens
  std::size_t depth;   // how deep sequence() is nested
  std::vector<Item>& items;
  std::vector<Conn>& conns;         // conns[k]: between items[k] and items[k + 1]
  std::vector<bool>& text_has_or;   // per item: a text run merged across "or"
  // Parenthesis depth before each token: "(robotic or laparoscopic)" joins words, not conditions.
  // (A piece without a parenthesis is at depth 0 throughout: most pieces. A piece with one fills the vector at the
  // first depth_before asked, where it is asked at all: an "or" after unread words, a status past a bracketed item,
  // examples closing a list. Most walks with a parenthesis ask none; made before the walk, it was 0.9 M a pass.)
  std::vector<int>& depth_at;
  bool parenthesis = false;  // the piece holds a '(' (set before the walk; depth_at is made only then)
  mutable bool depths_made = false;
  Conn pending = Conn::none;  // the connector read since the last item
  bool active = false;
  // "active virus infection, and ... hepatitis B surface antigen is positive": a status word reaches
  // the events of its own list, not past words the grammar cannot read.
  bool active_used = false;  // the status word has reached an event already
  std::optional<std::size_t> last_event;  // token of the last event read
  std::optional<engine::Amount> pending_within;
  bool pending_used = false;  // a window read before the events it times must time one, or be text
  std::string pending_before;
  std::size_t window_from = 0;  // the first item a window read later may time
  std::size_t dates_from = 0;   // the same for calendar bounds
  std::optional<engine::Node> result;  // the piece's reading, where a step ends the piece (Step::done)

  int depth_before(std::size_t x) const {
    if (!parenthesis) return 0;
    if (!depths_made) make_depths();
    return depth_at[x - b];
  }
  // depth_at for every token of [b, e], from the tokens. (Out of line: asked once in a few walks.)
  [[gnu::noinline]] void make_depths() const {
    depth_at.assign(e - b + 1, 0);
    // (Through locals: a store through the vector's reference made the loop read the flag and the vector again at
    // every token.)
    int* depth = depth_at.data();
    int d = 0;
    for (std::size_t x = b; x < e; ++x) {
      depth[x - b] = d;
      const Tok k = toks[x].kind;
      if (k == Tok::lparen) ++d;
      else if (k == Tok::rparen && d > 0) --d;
    }
    depths_made = true;
  }
  engine::Span span_of(std::size_t from, std::size_t to) const { return engine::Span{toks[from].begin, toks[to - 1].end}; }

  // A typed node goes into the list in its place (built as an Item first and moved in, its Node moved twice).
  void push_typed(engine::Node&& node, std::uint32_t begin, std::uint32_t end) {
    if (!items.empty()) conns.push_back(pending);
    pending = Conn::none;
    text_has_or.push_back(false);
    items.emplace_back(std::move(node), false, begin, end);
  }
  // The same for a node built in the list: the item is placed as push_typed places it, and its node (empty)
  // is given to be built where it stays.
  engine::Node& place_typed(std::uint32_t begin, std::uint32_t end) {
    if (!items.empty()) conns.push_back(pending);
    pending = Conn::none;
    text_has_or.push_back(false);
    Item& typed = items.emplace_back();
    typed.begin = begin;
    typed.end = end;
    return typed.node;
  }
  void push(Item it) {
    if (!items.empty()) {
      if (it.text && items.back().text && !it.orphan && !items.back().orphan) {
        items.back().end = it.end;
        if (pending == Conn::or_ || pending == Conn::slash) text_has_or.back() = true;
        pending = Conn::none;
        return;
      }
      conns.push_back(pending);
    }
    pending = Conn::none;
    text_has_or.push_back(false);
    items.push_back(std::move(it));
  }
  // (Inline: called for most unread words, from sequence()'s loop and its steps.)
  [[gnu::always_inline]] void unknown(std::size_t i) {
    // Most unread words extend the text before them, as push() would: no Item is built for them.
    if (!items.empty() && items.back().text && !items.back().orphan) {
      items.back().end = toks[i].end;
      if (pending == Conn::or_ || pending == Conn::slash) text_has_or.back() = true;
      pending = Conn::none;
    } else {
      // (As push() would place a new text: the Item made in the list, with no Node moved in.)
      if (!items.empty()) conns.push_back(pending);
      pending = Conn::none;
      text_has_or.push_back(false);
      Item& text = items.emplace_back();
      text.text = true;
      text.begin = toks[i].begin;
      text.end = toks[i].end;
    }
    if (active_used && !(parenthesis && bracket_item_keeps_status(*this, i))) active = false;  // (lower_bracket_status.cpp)
  }
  void connector(Conn c) {
    if (items.empty()) return;
    if (pending == Conn::none || pending == Conn::comma) pending = c;
    else if (c == Conn::or_) pending = Conn::or_;
  }
  // Empties the list: a lead-in read as such is replaced by what it leads to.
  void clear_items() {
    items.clear(); conns.clear(); text_has_or.clear(); pending = Conn::none;
  }
};

}  // namespace trialmatch::grammar::detail

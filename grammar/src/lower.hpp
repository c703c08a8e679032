#pragma once
// Lowering: the island tokens of one line -> a predicate tree with diagnostics.
//
// A line splits into pieces at ';' and '.'; a piece is a sequence of items (typed nodes and visible
// text runs) joined by connectors. Adjacent items bind tightest (all), then "or" (any), then
// "and" / "," (all). What the lowering cannot read stays a `text` node; nothing is guessed.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokens.hpp"
#include "trialmatch/engine/diagnostic.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::grammar {

engine::Node lower(std::string_view text, const std::vector<Token>& tokens, const engine::Lexicon& lexicon,
                   std::size_t max_depth, engine::Diagnostics& diagnostics);

namespace detail {

enum class Conn : std::uint8_t { none, and_, or_, comma, slash };

struct Item {
  engine::Node node;
  bool text = false;  // a run of words the grammar could not read
  std::uint32_t begin = 0, end = 0;
};

// A threshold read from the text: one comparison or a range, with the tokens it spans.
struct Threshold {
  engine::Comparator cmp = engine::Comparator::eq;
  Quantity value;
  std::optional<Quantity> high;  // set for a range (value is then the low end)
  bool implies_age = false;      // "older than", "or younger", "years of age"
};

class Lowering {
 public:
  Lowering(std::string_view text, const std::vector<Token>& tokens, const engine::Lexicon& lexicon,
           std::size_t max_depth, engine::Diagnostics& diagnostics)
      : text_(text), toks_(tokens), lexicon_(lexicon), max_depth_(max_depth), diags_(diagnostics) {}

  engine::Node line();

 private:
  // lower.cpp: pieces, items and how they combine.
  std::optional<engine::Node> piece(std::size_t b, std::size_t e);
  std::optional<engine::Node> sequence(std::size_t b, std::size_t e, std::size_t depth);
  engine::Node combine(std::vector<Item>& items, std::vector<Conn>& conns) const;
  engine::Node text_node(std::uint32_t begin, std::uint32_t end, engine::TextReason reason);
  std::optional<std::size_t> guard(std::size_t i, std::size_t e, engine::Node& cond);
  std::optional<std::size_t> window(std::size_t i, std::size_t e, engine::Amount& within, std::string& before);
  std::size_t reference_event(std::size_t i, std::size_t e, std::string& before) const;
  engine::Node has(const engine::Concept& c, std::uint32_t begin, std::uint32_t end) const;

  // lower_cmp.cpp: comparisons of measured variables.
  std::optional<std::size_t> comparison(std::size_t i, std::size_t e, engine::Node& out);
  std::optional<std::size_t> threshold(std::size_t j, std::size_t e, Threshold& out) const;
  std::optional<engine::Node> cmp_node(const engine::Concept& var, engine::Comparator c, const Quantity& q,
                                       std::uint32_t begin, std::uint32_t end);

  bool neutral(std::size_t i) const;
  bool is_measured(std::size_t i) const;
  bool is_event(std::size_t i) const;
  std::size_t skip_neutral(std::size_t i, std::size_t e) const;
  std::string_view slice(std::uint32_t b, std::uint32_t e) const { return text_.substr(b, e - b); }
  void warn(std::string message, std::uint32_t begin, std::uint32_t end);

  std::string_view text_;
  const std::vector<Token>& toks_;
  const engine::Lexicon& lexicon_;
  std::size_t max_depth_;
  engine::Diagnostics& diags_;
  std::size_t sequence_begin_ = 0;  // first token of the piece being lowered
  std::size_t sequence_end_ = 0;
};

}  // namespace detail
}  // namespace trialmatch::grammar

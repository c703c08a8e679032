// Making bound trees (evaluate.hpp, BoundTree): binding predicate trees to the lexicon, and assembling a
// bound array kept elsewhere (the compiled library stores them) without binding anything again.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "lexicon_units.hpp"
#include "trialmatch/engine/evaluate.hpp"
#include "trialmatch/engine/moments.hpp"

namespace trialmatch::engine {

namespace {

using Op = BoundTree::Op;

// What a node's text and unit settle once per trial rather than per patient (the flags evaluate.hpp lists
// for cmp, age and sex): a comparison's conversion from its concept's lexicon unit, the unit patients' values
// are usually in; an age in whole years or months; a sex value that is "female" or "male".
// Returns a cmp's factor from the lexicon unit to `target` (0 where none), kept with the unit's slot.
double resolve_from_text(BoundTree::Node& n, std::string_view text, const units::Unit* target, const Lexicon& lexicon) {
  constexpr auto kDerived = static_cast<std::uint8_t>(16 | 32);
  switch (n.op) {
    case Op::cmp: {
      n.flags &= static_cast<std::uint8_t>(~kDerived);
      if (n.relative_to != RelativeTo::none || text.empty()) return 0;
      std::optional<units::Unit> scratch;
      const units::Unit* own = detail::lexicon_unit(lexicon, n.concept_index, scratch);
      if (!own) return 0;
      if (text == own->ucum) {
        n.flags |= BoundTree::kLexiconUnitSame;
      } else if (target) {
        if (const auto factor = units::conversion_factor(*own, *target, lexicon.concepts()[n.concept_index].molar_mass)) {
          n.flags |= BoundTree::kLexiconUnitFactor;
          return *factor;
        }
      }
      return 0;
    }
    case Op::age:
      // As Screen::eval_age decides per patient: a whole threshold, in years (or no unit) or months.
      n.flags &= static_cast<std::uint8_t>(~kDerived);
      if (std::floor(n.value) != n.value) return 0;
      if (text.empty() || text == "a") n.flags |= BoundTree::kAgeInYears;
      else if (text == "mo") n.flags |= BoundTree::kAgeInMonths;
      return 0;
    case Op::sex:
      n.flags &= static_cast<std::uint8_t>(~kDerived);
      if (text == "female") n.flags |= BoundTree::kSexFemale;
      else if (text == "male") n.flags |= BoundTree::kSexMale;
      return 0;
    default: return 0;
  }
}

// One slot per distinct (unit, factor) of a bound array; 0 where there would be more than 65535.
std::uint16_t slot_for(std::vector<BoundTree::UnitSlot>& slots, const units::Unit& unit, double factor) {
  std::size_t slot = 0;
  while (slot < slots.size() && !(slots[slot].unit == unit && slots[slot].factor == factor)) ++slot;
  if (slot + 1 > std::numeric_limits<std::uint16_t>::max()) return 0;
  if (slot == slots.size()) slots.push_back({unit, factor});
  return static_cast<std::uint16_t>(slot + 1);
}

std::size_t node_count(const engine::Node& node) {
  return std::visit(
      [](const auto& n) -> std::size_t {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, All> || std::is_same_v<T, Any>) {
          std::size_t c = 1;
          for (const engine::Node& a : n.args) c += node_count(a);
          return c;
        } else if constexpr (std::is_same_v<T, Not>) {
          return 1 + node_count(*n.arg);
        } else if constexpr (std::is_same_v<T, If>) {
          return 1 + node_count(*n.cond) + node_count(*n.then);
        } else {
          return 1;
        }
      },
      node.kind);
}

class Binder {
 public:
  Binder(const Lexicon& lexicon, std::vector<BoundTree::Node>& nodes, std::string& text, std::vector<BoundTree::UnitSlot>& units)
      : lexicon_(lexicon), nodes_(nodes), text_(text), units_(units) {}

  // False where the tree names an id the lexicon does not list (and does not mark it unlisted).
  bool add(const engine::Node& node) {
    const std::size_t at = nodes_.size();
    nodes_.emplace_back();
    bool ok = std::visit([&](const auto& n) { return fill(at, n); }, node.kind);
    BoundTree::Node& n = nodes_[at];
    n.end = static_cast<std::uint32_t>(nodes_.size());
    if (ok && n.op != Op::cmp)  // (a cmp is settled in fill, with its unit's slot)
      resolve_from_text(n, std::string_view(text_).substr(n.text_at, n.text_size), nullptr, lexicon_);
    return ok;
  }

 private:
  BoundTree::Node& at(std::size_t i) { return nodes_[i]; }

  bool children(const std::vector<engine::Node>& args) {
    for (const engine::Node& a : args)
      if (!add(a)) return false;
    return true;
  }
  bool fill(std::size_t i, const All& n) { at(i).op = Op::all; return children(n.args); }
  bool fill(std::size_t i, const Any& n) { at(i).op = Op::any; return children(n.args); }
  bool fill(std::size_t i, const Not& n) { at(i).op = Op::not_; return add(*n.arg); }
  bool fill(std::size_t i, const If& n) { at(i).op = Op::if_; return add(*n.cond) && add(*n.then); }
  bool fill(std::size_t i, const Sex& n) {
    at(i).op = Op::sex;
    return keep_text(i, n.value);
  }
  bool fill(std::size_t i, const Text& n) {
    at(i).op = n.reason == TextReason::judgement ? Op::judgement : Op::unknown;
    return true;
  }
  bool fill(std::size_t i, const Cmp& n) {
    if (!n.name.empty()) {  // unlisted: always unknown
      at(i).op = Op::unknown;
      return true;
    }
    at(i).cmp = n.cmp;
    at(i).value = n.value;
    at(i).relative_to = n.relative_to;
    if (n.var == "age") {
      at(i).op = Op::age;
      return keep_text(i, n.unit);
    }
    at(i).op = Op::cmp;
    // A window on a measured value ("within the past 3 months") is rare: evaluate() decides it.
    if (n.within) return false;
    if (!concept_of(i, n.var) || !keep_text(i, n.unit)) return false;
    // The unit read once here, not per patient; an unreadable unit stays unread and decides nothing.
    std::optional<units::Unit> unit;
    if (!n.unit.empty() && n.relative_to == RelativeTo::none) unit = units::read_unit(n.unit);
    const double factor = resolve_from_text(at(i), n.unit, unit ? &*unit : nullptr, lexicon_);
    if (unit && !(at(i).unit_slot = slot_for(units_, *unit, factor))) return false;
    return true;
  }
  bool fill(std::size_t i, const Has& n) {
    if (!n.name.empty()) {
      at(i).op = Op::unknown;
      return true;
    }
    at(i).op = Op::has;
    // A window ahead ("surgery planned within the next 12 months") is rare: evaluate() decides it.
    if (n.within && n.ahead) return false;
    // A window counted from another event ("within a month of the fracture"): rare, evaluate() decides.
    if (n.within && !is_moment_of_matching(n.before)) return false;
    if (!n.dated_from.empty() || !n.dated_to.empty()) return false;  // calendar bounds: rare, evaluate() decides
    if (n.onset) return false;  // "diagnosed within 5 years": evaluate() decides
    if (!concept_of(i, n.concept_id)) return false;
    std::uint8_t flags = 0;
    if (n.status == "active") flags |= BoundTree::kActive;
    if (!n.except.empty()) flags |= BoundTree::kExcept;
    if (is_measured(lexicon_.concepts()[at(i).concept_index].kind)) flags |= BoundTree::kMeasured;
    if (n.within) {
      flags |= BoundTree::kWithin;
      at(i).value = n.within->value;
      if (!keep_text(i, n.within->unit)) return false;
    }
    at(i).flags = flags;
    return true;
  }

  bool concept_of(std::size_t i, std::string_view id) {
    const Concept* c = lexicon_.find(id);
    if (!c) return false;
    at(i).concept_index = static_cast<std::uint32_t>(c - lexicon_.concepts().data());
    return true;
  }
  // Units and sex values are short and few: each distinct spelling once per tree.
  bool keep_text(std::size_t i, std::string_view s) {
    if (s.empty()) return true;
    std::size_t found = text_.find(s);
    if (found == std::string::npos) {
      found = text_.size();
      text_ += s;
    }
    if (found + s.size() > std::numeric_limits<std::uint8_t>::max()) return false;
    at(i).text_at = static_cast<std::uint8_t>(found);
    at(i).text_size = static_cast<std::uint8_t>(s.size());
    return true;
  }

  const Lexicon& lexicon_;
  std::vector<BoundTree::Node>& nodes_;
  std::string& text_;
  std::vector<BoundTree::UnitSlot>& units_;
};

}  // namespace

BoundTree BoundTree::bind(const engine::Node& tree, const Lexicon& lexicon) {
  return bind_each({{&tree, false}}, lexicon);
}

BoundTree BoundTree::bind_each(const std::vector<std::pair<const engine::Node*, bool>>& trees, const Lexicon& lexicon) {
  BoundTree out;
  out.lexicon_ = &lexicon;
  out.trees_ = trees.size();
  // Sized once: one allocation per trial, no growth.
  std::size_t count = 0;
  for (const auto& tree : trees) count += node_count(*tree.first);
  out.nodes_.reserve(count);
  Binder binder(lexicon, out.nodes_, out.text_, out.units_);
  for (const auto& [tree, mark] : trees) {
    const std::size_t root = out.nodes_.size();
    if (!binder.add(*tree)) {
      // Kept as one node: the tree itself is evaluated instead. (Text and units added stay: harmless.)
      out.nodes_.resize(root + 1);
      out.nodes_[root] = Node{};
      out.nodes_[root].op = Op::unbound;
      out.nodes_[root].end = static_cast<std::uint32_t>(root + 1);
    }
    if (mark) out.nodes_[root].flags |= kMark;
  }
  out.units_.shrink_to_fit();
  return out;
}

std::size_t BoundTree::heap_bytes() const noexcept {
  std::size_t bytes = nodes_.capacity() * sizeof(Node) + (text_.capacity() > 15 ? text_.capacity() + 1 : 0);
  for (const UnitSlot& u : units_) bytes += sizeof(UnitSlot) + (u.unit.ucum.capacity() > 15 ? u.unit.ucum.capacity() + 1 : 0);
  return bytes;
}


namespace {

constexpr int kMaxDepth = 256;  // as deep as a tree a library may hold (the evaluator recurses by depth)

// Checks that nodes[i] begins a well-formed subtree ending at or before `limit` and returns its end: what the
// evaluator relies on (each node's end past itself, children exactly filling their parent, leaves alone).
std::uint32_t check_subtree(const std::vector<BoundTree::Node>& nodes, std::uint32_t i, std::uint32_t limit,
                            std::size_t text_size, std::size_t unit_count, std::size_t concept_count, int depth) {
  auto bad = [&](const char* what) {
    throw std::invalid_argument("node " + std::to_string(i) + " of the bound array: " + what);
  };
  if (depth > kMaxDepth) bad("deeper than 256");
  const BoundTree::Node& n = nodes[i];
  if (n.op > Op::unbound) bad("not a node kind");
  if (n.end <= i || n.end > limit) bad("its subtree does not end inside its parent");
  if (n.text_at + n.text_size > text_size) bad("its text lies outside the array's text");
  if (n.cmp > Comparator::ne || n.relative_to > RelativeTo::lln) bad("not a comparison");
  const auto child = [&](std::uint32_t c, std::uint32_t end) {
    if (c >= end) bad("a child is missing");
    return check_subtree(nodes, c, end, text_size, unit_count, concept_count, depth + 1);
  };
  switch (n.op) {
    case Op::all:
    case Op::any:
      for (std::uint32_t c = i + 1; c < n.end;) c = child(c, n.end);
      return n.end;
    case Op::not_:
      if (child(i + 1, n.end) != n.end) bad("not has one child");
      return n.end;
    case Op::if_:
      if (child(child(i + 1, n.end), n.end) != n.end) bad("if has two children");
      return n.end;
    case Op::cmp:
    case Op::has:
      if (n.concept_index >= concept_count && n.concept_index != BoundTree::kNotListed) bad("not a concept");
      if (n.unit_slot > unit_count) bad("not a unit");
      break;
    case Op::unbound:
      if (depth > 0) bad("an unbound tree inside another");
      break;
    default: break;
  }
  if (n.end != i + 1) bad("a leaf with children");
  return n.end;
}

bool names_unlisted(const std::vector<BoundTree::Node>& nodes, std::uint32_t root) {
  for (std::uint32_t i = root; i < nodes[root].end; ++i)
    if ((nodes[i].op == Op::cmp || nodes[i].op == Op::has) && nodes[i].concept_index == BoundTree::kNotListed) return true;
  return false;
}

}  // namespace

BoundTree BoundTree::assemble(std::vector<Node> nodes, std::string text,
                              const std::vector<std::optional<units::Unit>>& units, const Lexicon& lexicon) {
  const std::size_t concept_count = lexicon.concepts().size();
  std::size_t trees = 0;
  for (std::uint32_t root = 0; root < nodes.size(); ++trees)
    root = check_subtree(nodes, root, static_cast<std::uint32_t>(nodes.size()), text.size(), units.size(), concept_count, 0);

  BoundTree out;
  out.lexicon_ = &lexicon;
  out.trees_ = trees;
  out.text_ = std::move(text);
  out.nodes_.reserve(nodes.size());
  for (std::uint32_t root = 0; root < nodes.size(); root = nodes[root].end) {
    if (names_unlisted(nodes, root)) {
      // As bind(): a tree naming a concept the lexicon does not list is left to evaluate().
      Node unbound;
      unbound.op = Op::unbound;
      unbound.flags = nodes[root].flags & kMark;
      unbound.end = static_cast<std::uint32_t>(out.nodes_.size() + 1);
      out.nodes_.push_back(unbound);
      continue;
    }
    const auto shift = static_cast<std::int64_t>(out.nodes_.size()) - root;
    for (std::uint32_t i = root; i < nodes[root].end; ++i) {
      Node n = nodes[i];
      n.end = static_cast<std::uint32_t>(n.end + shift);
      if (n.op == Op::has) {
        n.flags &= static_cast<std::uint8_t>(~kMeasured);
        if (is_measured(lexicon.concepts()[n.concept_index].kind)) n.flags |= kMeasured;
      }
      const units::Unit* target = n.op == Op::cmp && n.unit_slot && units[n.unit_slot - 1] ? &*units[n.unit_slot - 1] : nullptr;
      n.unit_slot = 0;
      // As bind(): flags from the text, and one slot per distinct unit and factor.
      const double factor = resolve_from_text(n, std::string_view(out.text_).substr(n.text_at, n.text_size), target, lexicon);
      if (target && !(n.unit_slot = slot_for(out.units_, *target, factor)))
        throw std::invalid_argument("the bound array holds more than 65535 units");
      out.nodes_.push_back(n);
    }
  }
  return out;
}

}  // namespace trialmatch::engine

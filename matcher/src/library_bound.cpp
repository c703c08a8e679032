// A trial's bound array in the library (library_bound.hpp, docs/library-format.md).
#include "library_bound.hpp"

#include <stdexcept>

namespace trialmatch::matcher::codec {

namespace {
using Op = engine::BoundTree::Op;
using BoundNode = engine::BoundTree::Node;
// What the library keeps of a has node's flags: kMeasured comes from the lexicon when loading.
constexpr std::uint8_t kStoredFlags = engine::BoundTree::kWithin | engine::BoundTree::kActive |
                                      engine::BoundTree::kExcept | engine::BoundTree::kMark;
constexpr std::uint8_t kLastOp = static_cast<std::uint8_t>(Op::unbound);

bool names_concept(const BoundNode& n) { return n.op == Op::cmp || n.op == Op::has; }
bool has_text(const BoundNode& n) {
  return n.op == Op::cmp || n.op == Op::age || n.op == Op::sex || (n.op == Op::has && (n.flags & engine::BoundTree::kWithin));
}
}  // namespace

std::uint32_t NameTable::index(const std::string& name) {
  const auto [it, added] = index_.try_emplace(name, static_cast<std::uint32_t>(names_.size()));
  if (added) names_.push_back(name);
  return it->second;
}

void collect_names(const engine::BoundTree& tree, BoundNames& names) {
  for (const BoundNode& n : tree.nodes()) {
    if (names_concept(n)) names.concepts.index(tree.lexicon()->concepts()[n.concept_index].id);
    if (n.op == Op::cmp && n.unit_slot) names.units.index(std::string(tree.text(n)));
  }
}

void write_bound(Writer& w, const engine::BoundTree& tree, BoundNames& names) {
  const auto& nodes = tree.nodes();
  w.uv(static_cast<std::uint32_t>(nodes.size()));
  w.str(tree.all_text());
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    const BoundNode& n = nodes[i];
    w.u8(static_cast<std::uint8_t>(n.op));
    w.u8(n.flags & kStoredFlags);
    w.uv(n.end - i);
    if (n.op == Op::cmp || n.op == Op::age) {
      w.u8(static_cast<std::uint8_t>(n.cmp));
      w.u8(static_cast<std::uint8_t>(n.relative_to));
      w.f64(n.value);
    }
    if (n.op == Op::has && (n.flags & engine::BoundTree::kWithin)) w.f64(n.value);
    if (names_concept(n)) w.uv(names.concepts.index(tree.lexicon()->concepts()[n.concept_index].id));
    if (n.op == Op::cmp) w.uv(n.unit_slot ? names.units.index(std::string(tree.text(n))) + 1 : 0);
    if (has_text(n)) {
      w.uv(n.text_at);
      w.uv(n.text_size);
    }
  }
}

ResolvedNames resolve_names(const std::vector<std::string>& concepts, const std::vector<std::string>& units,
                            const engine::Lexicon& lexicon) {
  ResolvedNames out;
  out.lexicon = &lexicon;
  out.concepts.reserve(concepts.size());
  for (const std::string& id : concepts) {
    const engine::Concept* c = lexicon.find(id);
    out.concepts.push_back(c ? static_cast<std::uint32_t>(c - lexicon.concepts().data()) : engine::BoundTree::kNotListed);
  }
  if (units.size() > 0xFFFF) throw std::runtime_error("expected at most 65535 unit spellings");
  out.units.reserve(units.size());
  for (const std::string& spelling : units) out.units.push_back(engine::units::read_unit(spelling));
  return out;
}

engine::BoundTree read_bound(Reader& r, const ResolvedNames& names) {
  const std::uint32_t count = r.uv("a node count");
  if (count > r.rest().size()) r.fail("expected a node count no larger than the bytes left", 0);
  std::string text = r.str("the bound array's text");
  std::vector<BoundNode> nodes(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    BoundNode& n = nodes[i];
    n.op = static_cast<Op>(r.u8(kLastOp, "a bound node kind"));
    n.flags = r.u8(0xFF, "a bound node's flags");
    if (n.flags & ~kStoredFlags) r.fail("expected a bound node's flags (within, active, except, mark)", 1);
    n.end = i + r.uv("a bound subtree size");
    if (n.op == Op::cmp || n.op == Op::age) {
      n.cmp = static_cast<engine::Comparator>(r.u8(5, "a comparator"));
      n.relative_to = static_cast<engine::RelativeTo>(r.u8(2, "relative_to"));
      n.value = r.f64("a threshold");
    }
    if (n.op == Op::has && (n.flags & engine::BoundTree::kWithin)) n.value = r.f64("a window");
    if (names_concept(n)) {
      const std::uint32_t name = r.uv("a concept name");
      if (name >= names.concepts.size()) r.fail("expected a concept of the library's table", 1);
      n.concept_index = names.concepts[name];
    }
    if (n.op == Op::cmp) {
      // 1 + the unit's index in the library's table (assemble() makes it the array's own slot), or 0.
      const std::uint32_t name = r.uv("a unit name");
      if (name > names.units.size()) r.fail("expected a unit of the library's table", 1);
      n.unit_slot = static_cast<std::uint16_t>(name);
    }
    if (has_text(n)) {
      const std::uint32_t at = r.uv("a text offset"), size = r.uv("a text size");
      if (at > 0xFF || size > 0xFF) r.fail("expected a text offset and size below 256", 1);
      n.text_at = static_cast<std::uint8_t>(at);
      n.text_size = static_cast<std::uint8_t>(size);
    }
  }
  try {
    return engine::BoundTree::assemble(std::move(nodes), std::move(text), names.units, *names.lexicon);
  } catch (const std::invalid_argument& e) {
    r.fail(e.what(), 0);
  }
}

}  // namespace trialmatch::matcher::codec

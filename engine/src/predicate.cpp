#include "trialmatch/engine/predicate.hpp"

#include <fmt/format.h>

#include "trialmatch/engine/diagnostic.hpp"

namespace trialmatch::engine {

Codes::Codes(std::initializer_list<value_type> entries) {
  entries_.reserve(entries.size());
  for (const auto& [system, code] : entries) emplace(system, code);
}

std::vector<Codes::value_type>::iterator Codes::first_not_before(std::string_view system) noexcept {
  auto it = entries_.begin();  // a few entries: a walk
  while (it != entries_.end() && std::string_view(it->first) < system) ++it;
  return it;
}

Codes::const_iterator Codes::find(std::string_view system) const noexcept {
  for (auto it = begin(); it != end(); ++it)
    if (it->first == system) return it;
  return end();
}

std::string& Codes::operator[](std::string_view system) {
  auto it = first_not_before(system);
  if (it == entries_.end() || it->first != system) it = entries_.emplace(it, system, std::string());
  return it->second;
}

std::pair<Codes::const_iterator, bool> Codes::emplace(std::string_view system, std::string_view code) {
  auto it = first_not_before(system);
  if (it != entries_.end() && it->first == system) return {it, false};
  return {entries_.emplace(it, system, code), true};
}

NodeKind::NodeKind(const Variant& v) : Variant(v) {}
NodeKind::NodeKind(Variant&& v) noexcept : Variant(std::move(v)) {}
NodeKind::~NodeKind() = default;

const char* to_string(Severity s) noexcept { return s == Severity::error ? "error" : "warning"; }

const char* to_string(Comparator c) noexcept {
  switch (c) {
    case Comparator::lt: return "<";
    case Comparator::le: return "<=";
    case Comparator::gt: return ">";
    case Comparator::ge: return ">=";
    case Comparator::eq: return "==";
    case Comparator::ne: return "!=";
  }
  return "?";
}

std::optional<Comparator> comparator_from_string(std::string_view s) noexcept {
  if (s == "<") return Comparator::lt;
  if (s == "<=") return Comparator::le;
  if (s == ">") return Comparator::gt;
  if (s == ">=") return Comparator::ge;
  if (s == "==") return Comparator::eq;
  if (s == "!=") return Comparator::ne;
  return std::nullopt;
}

Comparator negate(Comparator c) noexcept {
  switch (c) {
    case Comparator::lt: return Comparator::ge;
    case Comparator::le: return Comparator::gt;
    case Comparator::gt: return Comparator::le;
    case Comparator::ge: return Comparator::lt;
    case Comparator::eq: return Comparator::ne;
    case Comparator::ne: return Comparator::eq;
  }
  return c;
}

Comparator mirror(Comparator c) noexcept {
  switch (c) {
    case Comparator::lt: return Comparator::gt;
    case Comparator::le: return Comparator::ge;
    case Comparator::gt: return Comparator::lt;
    case Comparator::ge: return Comparator::le;
    default: return c;
  }
}

// (Each kind made in the node's variant from the arguments, `in_place_type`: a kind made apart was moved into the
// variant and destroyed, a second move of its string or list; a one-word text line paid ~30 instructions for it.)
Node make_all(std::vector<Node> args, Span span) {
  return Node{NodeKind(std::in_place_type<All>, std::move(args)), span};
}
Node make_any(std::vector<Node> args, Span span) {
  return Node{NodeKind(std::in_place_type<Any>, std::move(args)), span};
}
Node make_not(Node arg, Span span) {
  return Node{NodeKind(std::in_place_type<Not>, Box<Node>(std::move(arg))), span};
}
Node make_if(Node cond, Node then, Span span) {
  return Node{NodeKind(std::in_place_type<If>, Box<Node>(std::move(cond)), Box<Node>(std::move(then))), span};
}
Node make_text(std::string text, TextReason reason, Span span) {
  return Node{NodeKind(std::in_place_type<Text>, std::move(text), reason), span};
}

namespace {
struct OpName {
  const char* operator()(const All&) const { return "all"; }
  const char* operator()(const Any&) const { return "any"; }
  const char* operator()(const Not&) const { return "not"; }
  const char* operator()(const If&) const { return "if"; }
  const char* operator()(const Cmp&) const { return "cmp"; }
  const char* operator()(const Has&) const { return "has"; }
  const char* operator()(const Sex&) const { return "sex"; }
  const char* operator()(const Text&) const { return "text"; }
};

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

void canonical(const Node& n, std::string& out);

void canonical_list(const char* name, const std::vector<Node>& args, std::string& out) {
  out += name;
  out += '(';
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i) out += ", ";
    canonical(args[i], out);
  }
  out += ')';
}

void canonical(const Node& n, std::string& out) {
  std::visit(
      [&](const auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, All>) {
          canonical_list("all", k.args, out);
        } else if constexpr (std::is_same_v<K, Any>) {
          canonical_list("any", k.args, out);
        } else if constexpr (std::is_same_v<K, Not>) {
          out += "not(";
          canonical(*k.arg, out);
          out += ')';
        } else if constexpr (std::is_same_v<K, If>) {
          out += "if(";
          canonical(*k.cond, out);
          out += ", ";
          canonical(*k.then, out);
          out += ')';
        } else if constexpr (std::is_same_v<K, Cmp>) {
          out += fmt::format("cmp {} {} {} ", k.name.empty() ? k.var : quoted(k.name), to_string(k.cmp), k.value);
          if (k.relative_to == RelativeTo::uln) out += "ULN";
          else if (k.relative_to == RelativeTo::lln) out += "LLN";
          else out += k.unit.empty() ? "?" : k.unit;
          if (k.within) out += fmt::format(" within {} {}", k.within->value, k.within->unit);
        } else if constexpr (std::is_same_v<K, Has>) {
          out += "has ";
          if (k.name.empty()) out += k.concept_id.view();
          else out += quoted(k.name);
          if (!k.status.empty()) out += " status " + k.status.str();
          if (k.onset) out += " onset";
          if (k.within) out += fmt::format(" within {} {}{}", k.within->value, k.within->unit, k.ahead ? " ahead" : "");
          if (!k.before.empty()) out += " before " + k.before.str();
          if (!k.dated_from.empty() || !k.dated_to.empty()) out += " dated " + k.dated_from.str() + ".." + k.dated_to.str();
          if (!k.except.empty()) out += " except " + quoted(k.except);
        } else if constexpr (std::is_same_v<K, Sex>) {
          out += "sex " + k.value;
        } else {
          out += k.reason == TextReason::judgement ? "text[judgement] " : "text[not_understood] ";
          out += quoted(k.text);
        }
      },
      n.kind);
}

// The places of the kinds that hold other nodes in the variant (switched on below).
constexpr std::size_t kAllIndex = 0, kAnyIndex = 1, kNotIndex = 2, kIfIndex = 3;
static_assert(std::is_same_v<std::variant_alternative_t<kAllIndex, NodeKind::Variant>, All> &&
              std::is_same_v<std::variant_alternative_t<kAnyIndex, NodeKind::Variant>, Any> &&
              std::is_same_v<std::variant_alternative_t<kNotIndex, NodeKind::Variant>, Not> &&
              std::is_same_v<std::variant_alternative_t<kIfIndex, NodeKind::Variant>, If>);

// Whether a leaf of `n` (a node that is no all, any, not or if) meets `pred`. (A switch on the kind's index, not
// std::visit: through the visit's table and its frame a tree of one leaf, as most asked are, cost ~40 instructions.)
template <class Pred>
bool any_leaf(const Node& n, Pred pred) {
  switch (n.kind.index()) {
    case kAllIndex:
      for (const auto& a : std::get_if<All>(&n.kind)->args)
        if (any_leaf(a, pred)) return true;
      return false;
    case kAnyIndex:
      for (const auto& a : std::get_if<Any>(&n.kind)->args)
        if (any_leaf(a, pred)) return true;
      return false;
    case kNotIndex:
      return any_leaf(*std::get_if<Not>(&n.kind)->arg, pred);
    case kIfIndex: {
      const If& g = *std::get_if<If>(&n.kind);
      return any_leaf(*g.cond, pred) || any_leaf(*g.then, pred);
    }
    default:
      return pred(n);
  }
}
}  // namespace

const char* op_name(const Node& n) noexcept { return std::visit(OpName{}, n.kind); }

std::string to_canonical(const Node& n) {
  std::string out;
  canonical(n, out);
  return out;
}

bool fully_typed(const Node& n) noexcept {
  return !any_leaf(n, [](const Node& leaf) { return std::holds_alternative<Text>(leaf.kind); });
}

bool partly_typed(const Node& n) noexcept {
  return any_leaf(n, [](const Node& leaf) { return !std::holds_alternative<Text>(leaf.kind); });
}

namespace {
bool unlisted_leaf(const Node& leaf) noexcept {
  if (const auto* c = std::get_if<Cmp>(&leaf.kind)) return !c->name.empty();
  if (const auto* h = std::get_if<Has>(&leaf.kind)) return !h->name.empty();
  return false;
}
}  // namespace

bool has_unlisted(const Node& n) noexcept { return any_leaf(n, unlisted_leaf); }

bool fully_resolved(const Node& n) noexcept { return fully_typed(n) && !has_unlisted(n); }

}  // namespace trialmatch::engine

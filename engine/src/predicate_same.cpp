// same_canonical: the equality of two nodes' canonical forms, field by field. Spans, LOINC and codes are
// not in the canonical form, so they are not compared. A field the form writes bare (an id, a unit) that
// holds a byte the form uses as a delimiter could run into its neighbour; such nodes are compared by
// their canonical strings, so the answer is always that of the strings.
#include <cmath>
#include <string_view>
#include <type_traits>

#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::engine {

namespace {

// Written bare by the canonical form and free of its delimiters: one field, ending where it seems to.
bool plain(std::string_view field) noexcept {
  for (const char c : field)
    if (c == ' ' || c == ',' || c == '(' || c == ')' || c == '"' || c == '\\') return false;
  return true;
}

bool plain_amount(const std::optional<Amount>& a) noexcept { return !a || plain(a->unit); }

// Every bare field of every leaf is plain.
bool plain_tree(const Node& n) noexcept {
  return std::visit(
      [](const auto& k) -> bool {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, All> || std::is_same_v<K, Any>) {
          for (const auto& a : k.args)
            if (!plain_tree(a)) return false;
          return true;
        } else if constexpr (std::is_same_v<K, Not>) {
          return plain_tree(*k.arg);
        } else if constexpr (std::is_same_v<K, If>) {
          return plain_tree(*k.cond) && plain_tree(*k.then);
        } else if constexpr (std::is_same_v<K, Cmp>) {
          return (!k.name.empty() || plain(k.var)) && plain(k.unit) && plain_amount(k.within);
        } else if constexpr (std::is_same_v<K, Has>) {
          return (!k.name.empty() || plain(k.concept_id)) && plain(k.status) && plain(k.before) &&
                 plain_amount(k.within);
        } else if constexpr (std::is_same_v<K, Sex>) {
          return plain(k.value);
        } else {
          return true;  // quoted
        }
      },
      n.kind);
}

// Numbers as "{}" writes them: the shortest form that reads back, so equal values (and the same sign
// for zeros and NaNs) are written the same.
bool same_number(double a, double b) noexcept {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) && std::signbit(a) == std::signbit(b);
  return a == b && std::signbit(a) == std::signbit(b);
}

bool same_amount(const std::optional<Amount>& a, const std::optional<Amount>& b) noexcept {
  if (!a || !b) return !a && !b;
  return same_number(a->value, b->value) && a->unit == b->unit;
}

// The unit as the canonical form writes it.
std::string_view shown_unit(const Cmp& c) noexcept {
  if (c.relative_to == RelativeTo::uln) return "ULN";
  if (c.relative_to == RelativeTo::lln) return "LLN";
  return c.unit.empty() ? std::string_view("?") : std::string_view(c.unit);
}

// A variable or concept is written by its quoted name where it has one, else by its id (plain, so never
// mistaken for a quoted name).
bool same_key(std::string_view name_a, std::string_view id_a, std::string_view name_b, std::string_view id_b) noexcept {
  if (name_a.empty() != name_b.empty()) return false;
  return name_a.empty() ? id_a == id_b : name_a == name_b;
}

bool same_plain(const Node& a, const Node& b);

bool same_list(const std::vector<Node>& a, const std::vector<Node>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_plain(a[i], b[i])) return false;
  return true;
}

// Both trees plain.
bool same_plain(const Node& a, const Node& b) {
  if (a.kind.index() != b.kind.index()) return false;
  return std::visit(
      [&b](const auto& x) -> bool {
        using K = std::decay_t<decltype(x)>;
        const K& y = std::get<K>(b.kind);
        if constexpr (std::is_same_v<K, All> || std::is_same_v<K, Any>) {
          return same_list(x.args, y.args);
        } else if constexpr (std::is_same_v<K, Not>) {
          return same_plain(*x.arg, *y.arg);
        } else if constexpr (std::is_same_v<K, If>) {
          return same_plain(*x.cond, *y.cond) && same_plain(*x.then, *y.then);
        } else if constexpr (std::is_same_v<K, Cmp>) {
          return same_key(x.name, x.var, y.name, y.var) && std::string_view(to_string(x.cmp)) == to_string(y.cmp) &&
                 same_number(x.value, y.value) && shown_unit(x) == shown_unit(y) && same_amount(x.within, y.within);
        } else if constexpr (std::is_same_v<K, Has>) {
          return same_key(x.name, x.concept_id, y.name, y.concept_id) && x.status == y.status &&
                 same_amount(x.within, y.within) && (x.within && x.ahead) == (y.within && y.ahead) && x.before == y.before && x.except == y.except &&
                 x.dated_from == y.dated_from && x.dated_to == y.dated_to && x.onset == y.onset;
        } else if constexpr (std::is_same_v<K, Sex>) {
          return x.value == y.value;
        } else {
          return (x.reason == TextReason::judgement) == (y.reason == TextReason::judgement) && x.text == y.text;
        }
      },
      a.kind);
}

}  // namespace

bool same_canonical(const Node& a, const Node& b) {
  // Each kind's form starts with its own word ("all(", "any(", "not(", "if(", "cmp ", "has ", "sex ", "text["):
  // nodes of two kinds never have the same form, and neither tree need be walked.
  if (a.kind.index() != b.kind.index()) return false;
  if (plain_tree(a) && plain_tree(b)) return same_plain(a, b);
  return to_canonical(a) == to_canonical(b);
}

}  // namespace trialmatch::engine

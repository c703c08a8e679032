// same_canonical: the equality of two nodes' canonical forms, field by field. Spans, LOINC and codes are
// not in the canonical form, so they are not compared. A field the form writes bare (an id, a unit) that
// holds a byte the form uses as a delimiter could run into its neighbour; such nodes are compared by
// their canonical strings, so the answer is always that of the strings. plain_canonical_hash: a hash of the
// fields the field-by-field comparison reads, for the trees it compares.
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
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

// A hash of the fields same_plain compares, mixed in the order it compares them: nodes same_plain calls the same
// have the same hash.
std::uint64_t mix(std::uint64_t h, std::uint64_t v) noexcept {
  h = (h ^ v) * 0x9e3779b97f4a7c15ULL;
  return h ^ (h >> 29);
}

std::uint64_t text_hash(std::string_view s) noexcept { return std::hash<std::string_view>{}(s); }

// As same_number: every NaN of one sign is written alike; other values are the same exactly where their bits are
// (0 and -0 differ, as their forms do).
std::uint64_t number_hash(double v) noexcept {
  if (std::isnan(v)) return std::signbit(v) ? 1 : 2;
  return std::bit_cast<std::uint64_t>(v);
}

std::uint64_t amount_hash(const std::optional<Amount>& a) noexcept {
  return a ? mix(number_hash(a->value), text_hash(a->unit)) : 0;
}

std::uint64_t key_hash(std::string_view name, std::string_view id) noexcept {
  return mix(text_hash(name.empty() ? id : name), name.empty() ? 1 : 2);
}

// plain_tree and the hash in one walk: false (h then means nothing) where a bare field is not plain.
bool plain_hash(const Node& n, std::uint64_t& h) {
  h = mix(h, n.kind.index());
  return std::visit(
      [&h](const auto& k) -> bool {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, All> || std::is_same_v<K, Any>) {
          h = mix(h, k.args.size());
          for (const auto& a : k.args)
            if (!plain_hash(a, h)) return false;
          return true;
        } else if constexpr (std::is_same_v<K, Not>) {
          return plain_hash(*k.arg, h);
        } else if constexpr (std::is_same_v<K, If>) {
          return plain_hash(*k.cond, h) && plain_hash(*k.then, h);
        } else if constexpr (std::is_same_v<K, Cmp>) {
          if (!((!k.name.empty() || plain(k.var)) && plain(k.unit) && plain_amount(k.within))) return false;
          // (Each comparator has its own word, and a value out of the enum's range is written "?".)
          const std::uint64_t word = k.cmp <= Comparator::ne ? static_cast<std::uint64_t>(k.cmp) : 6;
          for (const std::uint64_t v : {key_hash(k.name, k.var), word, number_hash(k.value),
                                        text_hash(shown_unit(k)), amount_hash(k.within)})
            h = mix(h, v);
          return true;
        } else if constexpr (std::is_same_v<K, Has>) {
          if (!((!k.name.empty() || plain(k.concept_id)) && plain(k.status) && plain(k.before) &&
                plain_amount(k.within)))
            return false;
          for (const std::uint64_t v : {key_hash(k.name, k.concept_id), text_hash(k.status), amount_hash(k.within),
                                        std::uint64_t{k.within && k.ahead}, text_hash(k.before), text_hash(k.except),
                                        text_hash(k.dated_from), text_hash(k.dated_to), std::uint64_t{k.onset}})
            h = mix(h, v);
          return true;
        } else if constexpr (std::is_same_v<K, Sex>) {
          if (!plain(k.value)) return false;
          h = mix(h, text_hash(k.value));
          return true;
        } else {
          h = mix(mix(h, k.reason == TextReason::judgement), text_hash(k.text));
          return true;
        }
      },
      n.kind);
}

}  // namespace

std::optional<std::uint64_t> plain_canonical_hash(const Node& n) {
  std::uint64_t h = 0;
  if (!plain_hash(n, h)) return std::nullopt;
  return h;
}

bool same_canonical(const Node& a, const Node& b) {
  // Each kind's form starts with its own word ("all(", "any(", "not(", "if(", "cmp ", "has ", "sex ", "text["):
  // nodes of two kinds never have the same form, and neither tree need be walked.
  if (a.kind.index() != b.kind.index()) return false;
  if (plain_tree(a) && plain_tree(b)) return same_plain(a, b);
  return to_canonical(a) == to_canonical(b);
}

}  // namespace trialmatch::engine

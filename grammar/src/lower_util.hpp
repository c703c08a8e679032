#pragma once
// Small helpers the lowering passes share: tree shape tests, joining and trimming.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "text_span.hpp"
#include "trialmatch/engine/moments.hpp"
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::grammar::detail {

using engine::Node;

inline bool is_has(const Node& n) { return std::holds_alternative<engine::Has>(n.kind); }
// Events only: one, or alternatives of them ("pregnancy or lactation").
inline bool is_has_or_alternatives(const Node& n) {
  if (is_has(n)) return true;
  const auto* any = std::get_if<engine::Any>(&n.kind);
  if (!any) return false;
  for (const auto& a : any->args)
    if (!is_has(a)) return false;
  return true;
}

// True where a comparison on the variable `var` sits anywhere in n (through all, any and if).
inline bool contains_cmp_on(const Node& n, std::string_view var) {
  if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) return c->var == var;
  if (const auto* a = std::get_if<engine::All>(&n.kind)) {
    for (const auto& x : a->args)
      if (contains_cmp_on(x, var)) return true;
  } else if (const auto* o = std::get_if<engine::Any>(&n.kind)) {
    for (const auto& x : o->args)
      if (contains_cmp_on(x, var)) return true;
  } else if (const auto* g = std::get_if<engine::If>(&n.kind)) {
    return contains_cmp_on(*g->then, var);
  }
  return false;
}

// The comparisons in n (through all and any) on a variable `on_var` accepts, and not named already, become the
// unlisted variable `name` ("leg pain", "gastrocsoleus muscle spasticity"): a site's measure, not the lexicon's.
template <class OnVar>
void rename_as_unlisted(Node& n, const std::string& name, const OnVar& on_var) {
  if (auto* c = std::get_if<engine::Cmp>(&n.kind)) {
    if (!on_var(c->var) || !c->name.empty()) return;
    c->name = name;
    c->var.clear();
    for (char ch : name) c->var += ch == ' ' ? '_' : static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    c->loinc.clear();
  } else if (auto* a = std::get_if<engine::All>(&n.kind)) {
    for (auto& x : a->args) rename_as_unlisted(x, name, on_var);
  } else if (auto* o = std::get_if<engine::Any>(&n.kind)) {
    for (auto& x : o->args) rename_as_unlisted(x, name, on_var);
  }
}

// True where a Has node sits anywhere in n (a text beside it may change what it means).
inline bool contains_has(const Node& n) {
  if (is_has(n)) return true;
  return std::visit(
      [](const auto& k) -> bool {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, engine::All> || std::is_same_v<K, engine::Any>) {
          for (const auto& a : k.args)
            if (contains_has(a)) return true;
          return false;
        } else if constexpr (std::is_same_v<K, engine::Not>) {
          return contains_has(*k.arg);
        } else if constexpr (std::is_same_v<K, engine::If>) {
          return contains_has(*k.then);
        } else {
          return false;
        }
      },
      n.kind);
}

inline Node flatten(Node n) {
  auto flatten_list = [](auto& args, auto tag) {
    using K = decltype(tag);
    std::size_t inner_args = 0;
    bool nested = false;
    for (const auto& a : args) {
      const auto* inner = std::get_if<K>(&a.kind);
      nested = nested || inner;
      inner_args += inner ? inner->args.size() : 1;
    }
    if (!nested) return;  // most lists: nothing to move
    std::vector<Node> out;
    out.reserve(inner_args);
    for (auto& a : args) {
      if (auto* inner = std::get_if<K>(&a.kind)) {
        for (auto& x : inner->args) out.push_back(std::move(x));
      } else {
        out.push_back(std::move(a));
      }
    }
    args = std::move(out);
  };
  if (auto* all = std::get_if<engine::All>(&n.kind)) flatten_list(all->args, engine::All{});
  if (auto* any = std::get_if<engine::Any>(&n.kind)) flatten_list(any->args, engine::Any{});
  return n;
}

// Whether two events' canonical forms differ in what they start with, "has " and the concept: the id as written
// where neither has a name (ids that differ before the shorter one ends: an id the other runs on past, "x" and
// "x status ...", could read the same), the quoted name where both have one (a quoted name ends at its own closing
// quote). False where that does not decide it. (Asked before same_canonical, which reads every field of both.)
// Comparisons the same way: "cmp " and the variable's id, or its quoted name.
inline bool other_concepts(const Node& a, const Node& b) {
  const auto differ = [](const engine::RareText& name_a, std::string_view id_a, const engine::RareText& name_b,
                         std::string_view id_b) {
    if (name_a.empty() != name_b.empty()) return false;
    if (!name_a.empty()) return name_a.str() != name_b.str();
    const std::size_t shorter = std::min(id_a.size(), id_b.size());
    return id_a.compare(0, shorter, id_b, 0, shorter) != 0;
  };
  if (const auto* x = std::get_if<engine::Has>(&a.kind))
    if (const auto* y = std::get_if<engine::Has>(&b.kind)) return differ(x->name, x->concept_id, y->name, y->concept_id);
  if (const auto* x = std::get_if<engine::Cmp>(&a.kind))
    if (const auto* y = std::get_if<engine::Cmp>(&b.kind)) return differ(x->name, x->var, y->name, y->var);
  return false;
}

// From this many arguments join looks each one up by a hash of its canonical form instead of comparing it with
// every one kept: a line that runs hundreds of conditions together (a pasted table) would otherwise cost the
// square of their number. Most lists have a handful, where the comparisons cost less than the hashes.
inline constexpr std::size_t kHashedDedupFrom = 16;

// The hash of each node's canonical form (equal forms, equal hashes): from the fields where every node is plain
// (most lists); else from the canonical strings of all, as a tree that is not plain may have the form of one that is.
inline void canonical_hashes(const std::vector<Node>& nodes, std::vector<std::uint64_t>& hashes) {
  hashes.clear();
  for (const auto& n : nodes) {
    const auto h = engine::plain_canonical_hash(n);
    if (!h) break;
    hashes.push_back(*h);
  }
  if (hashes.size() == nodes.size()) return;
  hashes.clear();
  for (const auto& n : nodes) hashes.push_back(std::hash<std::string>{}(engine::to_canonical(n)));
}

// drop_repeats for a long list: each node looked up among those kept by its hash (an open-addressed table of
// their places), compared only with those of the same hash.
template <class Same>
[[gnu::noinline]] void drop_repeats_hashed(std::vector<Node>& nodes, const Same& same) {
  thread_local std::vector<std::uint64_t> hashes;  // of nodes, then of those kept, at their places
  thread_local std::vector<std::uint32_t> table;   // 1 + the place of a kept node; 0 where free
  canonical_hashes(nodes, hashes);
  std::size_t size = 16;
  while (size < 2 * nodes.size()) size *= 2;
  table.assign(size, 0);
  const std::size_t mask = size - 1;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const std::uint64_t h = hashes[i];
    std::size_t slot = static_cast<std::size_t>(h) & mask;
    bool seen = false;
    for (; table[slot] != 0 && !seen; slot = (slot + 1) & mask) {
      const std::size_t k = table[slot] - 1;
      seen = hashes[k] == h && same(nodes[k], nodes[i]);
    }
    if (seen) continue;
    if (kept != i) {
      nodes[kept] = std::move(nodes[i]);
      hashes[kept] = h;
    }
    table[slot] = static_cast<std::uint32_t>(kept + 1);
    ++kept;
  }
  nodes.erase(nodes.begin() + static_cast<std::ptrdiff_t>(kept), nodes.end());
}

// join's deduplication: "HBV (HBsAg/HBV-DNA positive)": the same condition named twice is one argument (the same
// canonical form, as `same` says; the first is kept, in place, and the order stays). Short lists compare each
// node with every one kept; long ones look it up by hash, so the work stays linear in the list.
template <class Same>
void drop_repeats(std::vector<Node>& nodes, const Same& same) {
  if (nodes.size() >= kHashedDedupFrom) return drop_repeats_hashed(nodes, same);
  std::size_t kept = nodes.empty() ? 0 : 1;
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    bool seen = false;
    for (std::size_t k = 0; k < kept && !seen; ++k) seen = same(nodes[k], nodes[i]);
    if (seen) continue;
    if (kept != i) nodes[kept] = std::move(nodes[i]);
    ++kept;
  }
  nodes.erase(nodes.begin() + static_cast<std::ptrdiff_t>(kept), nodes.end());
}

// The equality of two nodes' canonical forms, cheap tests first.
inline constexpr auto same_form = [](const Node& a, const Node& b) {
  // (Two kinds never have the same form, as same_canonical's own first test says: asked here, without its call.)
  return a.kind.index() == b.kind.index() && !other_concepts(a, b) && engine::same_canonical(a, b);
};

inline Node join(std::vector<Node> nodes, bool any, engine::Span span) {
  drop_repeats(nodes, same_form);
  if (nodes.size() == 1) return std::move(nodes.front());
  return flatten(any ? engine::make_any(std::move(nodes), span) : engine::make_all(std::move(nodes), span));
}

// "eGFR < 30 within the past 3 months": the window a comparison's value must be measured in. Sets it on
// every comparison in n that has none; false where n holds no comparison (or an event).
inline bool time_comparisons(Node& n, const engine::Amount& within) {
  if (contains_has(n)) return false;
  bool any = false;
  auto visit = [&](Node& x, auto&& self) -> void {
    if (auto* c = std::get_if<engine::Cmp>(&x.kind)) {
      if (!c->within && c->var != "age") { c->within = within; any = true; }
    } else if (auto* all = std::get_if<engine::All>(&x.kind)) {
      for (auto& a : all->args) self(a, self);
    } else if (auto* alt = std::get_if<engine::Any>(&x.kind)) {
      for (auto& a : alt->args) self(a, self);
    } else if (auto* guarded = std::get_if<engine::If>(&x.kind)) {
      self(*guarded->then, self);
    }
  };
  visit(n, visit);
  return any;
}

// A window's reference event that is the moment of matching itself ("within 4 weeks preceding the
// study", "... before screening"): a comparison measured in that window needs no other event. The
// evaluator asks the same of every window on an event.
inline bool reference_is_entry(std::string_view before) { return engine::is_moment_of_matching(before); }

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// True where `text` equals `lower` (lower case) ignoring ASCII case; no allocation (the lowering asks this
// of most tokens).
inline bool iequals(std::string_view text, std::string_view lower) noexcept {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// True where `word` is one of `words` (lower case), ignoring ASCII case.
template <std::size_t N>
bool one_of(std::string_view word, const std::string_view (&words)[N]) {
  for (std::string_view x : words)
    if (iequals(word, x)) return true;
  return false;
}

// "/90" of "> 140/90", "/10" of "4/10": a unit spelling that is nothing but a slash and a number, read as
// the number after the slash (digits only; the caller decides whether it is a second value or a scale's
// maximum); none for any other spelling.
inline std::optional<double> number_after_slash(std::string_view spelling) {
  while (!spelling.empty() && spelling.front() == ' ') spelling.remove_prefix(1);
  if (spelling.size() < 2 || spelling.front() != '/' ||
      spelling.find_first_not_of("0123456789. ", 1) != std::string_view::npos)
    return std::nullopt;
  double n = 0;
  for (char c : tail_from(spelling, 1))
    if (c >= '0' && c <= '9') n = n * 10 + (c - '0');
  return n;
}

// "whichever is shorter", "whichever comes first": of two windows the shorter one counts, so the typed
// one is only a bound on it.
inline bool whichever_shorter(std::string_view words) {
  for (std::size_t p = words.find("hichever"); p != std::string_view::npos; p = words.find("hichever", p + 1)) {
    std::string_view rest = tail_from(words, p + 8);  // (p + 8 <= size: "hichever" found at p)
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == ',')) rest.remove_prefix(1);
    for (std::string_view w : {"is shorter", "is the shorter", "is sooner", "is less", "is smaller", "comes first", "is earlier"})
      if (rest.size() >= w.size() && iequals(text_span(rest, 0, w.size()), w)) return true;
  }
  return false;
}

// "heparin within 48 hours, resulting in an aPTT above ...": the offset in `words` of the first comma that opens
// a consequence, ", " then perhaps "which " or "that ", then "resulting in ", "resulted in ", "leading to ", "led
// to " or "causing " (ASCII case ignored), all inside `words`; npos where none does. (In place of lowering a copy of
// the words and searching it for each of the 15 phrases: lower_items.cpp asks it between two items.)
inline std::size_t consequence_at(std::string_view words) {
  static constexpr std::string_view leads[] = {"", "which ", "that "};
  static constexpr std::string_view consequences[] = {"resulting in ", "resulted in ", "leading to ", "led to ",
                                                      "causing "};
  const auto starts = [](std::string_view s, std::string_view lower) {
    return s.size() >= lower.size() && iequals(text_span(s, 0, lower.size()), lower);
  };
  for (std::size_t c = words.find(", "); c != std::string_view::npos; c = words.find(", ", c + 1)) {
    const std::string_view rest = tail_from(words, c + 2);  // (", " found at c)
    for (const std::string_view lead : leads) {
      if (!starts(rest, lead)) continue;
      for (const std::string_view consequence : consequences)
        if (starts(tail_from(rest, lead.size()), consequence)) return c;  // (rest starts with lead)
    }
  }
  return std::string_view::npos;
}

// A fixed list of lower-case words, tested ignoring ASCII case like one_of; a word that no entry matches in
// first letter and length together is refused at once (most words tested are none of the list's), and the
// others are compared only with the entries of their first letter (kept together, in list order, at construction).
template <std::size_t N>
class WordList {
 public:
  constexpr explicit WordList(const std::string_view (&words)[N]) {
    std::size_t count[kBuckets + 1] = {};
    for (std::size_t i = 0; i < N; ++i) {
      lengths_[first_bit(words[i])] |= std::uint64_t{1} << length_bit(words[i].size());
      ++count[first_bit(words[i]) + 1];
    }
    for (std::size_t b = 0; b < kBuckets; ++b) starts_[b + 1] = static_cast<std::uint8_t>(starts_[b] + count[b + 1]);
    std::size_t next[kBuckets] = {};
    for (std::size_t b = 0; b < kBuckets; ++b) next[b] = starts_[b];
    for (std::size_t i = 0; i < N; ++i) words_[next[first_bit(words[i])]++] = words[i];
  }
  bool contains(std::string_view word) const noexcept {
    const unsigned b = first_bit(word);
    if (!((lengths_[b] >> length_bit(word.size())) & 1)) return false;
    for (std::size_t i = starts_[b]; i < starts_[b + 1]; ++i)
      if (iequals(word, words_[i])) return true;
    return false;
  }

 private:
  static_assert(N < 256, "a WordList's bucket bounds are bytes");
  static constexpr std::size_t kBuckets = 28;
  static constexpr unsigned length_bit(std::size_t n) noexcept { return n < 63 ? static_cast<unsigned>(n) : 63; }
  // a-z (either case) by letter, anything else (a digit, a byte of UTF-8) on bit 26, the empty word on 27.
  static constexpr unsigned first_bit(std::string_view w) noexcept {
    if (w.empty()) return 27;
    const auto c = static_cast<unsigned char>(w[0] | 0x20);
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
  }
  std::array<std::string_view, N> words_{};
  std::array<std::uint8_t, kBuckets + 1> starts_{};  // bucket b holds words_[starts_[b], starts_[b + 1])
  // The lengths of the entries of each first letter: a word is refused at once unless an entry has both its
  // first letter and its length (one test where a length over all entries, then a first letter, were two, and
  // let through "patients" for "planned").
  std::array<std::uint64_t, kBuckets> lengths_{};
};

inline std::string_view trim_view(std::string_view s) {
  auto is_trim = [](char c) { return c == ' ' || c == '\t' || c == ',' || c == ';' || c == '.' || c == ':'; };
  while (!s.empty() && is_trim(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_trim(s.back())) s.remove_suffix(1);
  return s;
}

inline std::string trim(std::string_view s) { return std::string(trim_view(s)); }

// "not understood, kept as text: '<text>'": the warning of a text node (lower.cpp).
std::string not_understood_message(std::string_view text);

// The parts one after the other, in one allocation: a warning's message, made where fmt's formatting cost several
// times as much (warnings of open readings that are mostly dropped again).
inline std::string concat(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (const std::string_view p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  for (const std::string_view p : parts) out.append(p);
  return out;
}

// A name with the parentheses that do not close inside it dropped (lower_open_names.cpp).
std::string balanced(std::string_view s);

// Calls f on every has node of n reached through any/all only (not under not/if): the events a window or
// dates written after a list apply to.
template <class F>
void for_each_listed_has(engine::Node& n, F&& f) {
  if (auto* h = std::get_if<engine::Has>(&n.kind)) {
    f(*h);
  } else if (auto* any = std::get_if<engine::Any>(&n.kind)) {
    for (auto& a : any->args) for_each_listed_has(a, f);
  } else if (auto* all = std::get_if<engine::All>(&n.kind)) {
    for (auto& a : all->args) for_each_listed_has(a, f);
  }
}

// Calls f on every has node of n, at any depth (through any/all/not/if): the events of a whole tree.
template <class F>
void for_each_has(engine::Node& n, F&& f) {
  if (auto* h = std::get_if<engine::Has>(&n.kind)) {
    f(*h);
  } else if (auto* any = std::get_if<engine::Any>(&n.kind)) {
    for (auto& a : any->args) for_each_has(a, f);
  } else if (auto* all = std::get_if<engine::All>(&n.kind)) {
    for (auto& a : all->args) for_each_has(a, f);
  } else if (auto* no = std::get_if<engine::Not>(&n.kind)) {
    for_each_has(*no->arg, f);
  } else if (auto* guarded = std::get_if<engine::If>(&n.kind)) {
    for_each_has(*guarded->cond, f);
    for_each_has(*guarded->then, f);
  }
}

}  // namespace trialmatch::grammar::detail

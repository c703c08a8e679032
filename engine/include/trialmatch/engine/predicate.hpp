#pragma once
// The predicate tree: what a criterion line means, as typed logic.
// Its outside (JSON) form is docs/contract-predicates.md; see predicate_json.hpp.
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "trialmatch/engine/concept_id.hpp"

namespace trialmatch::engine {

enum class Comparator : std::uint8_t { lt, le, gt, ge, eq, ne };
enum class RelativeTo : std::uint8_t { none, uln, lln };
enum class TextReason : std::uint8_t { judgement, not_understood };

const char* to_string(Comparator c) noexcept;  // "<", "<=", ...
std::optional<Comparator> comparator_from_string(std::string_view s) noexcept;
Comparator negate(Comparator c) noexcept;  // "<" -> ">=" ...
Comparator mirror(Comparator c) noexcept;  // "<" -> ">" (operands swapped)

// Byte range in the criterion text a node was read from.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

// A value with a UCUM unit code, e.g. {6, "wk"}.
struct Amount {
  double value = 0;
  std::string unit;
  friend bool operator==(const Amount&, const Amount&) = default;
};

// Value-semantic box so that recursive node structs stay copyable and comparable.
template <class T>
class Box {
 public:
  Box(T v) : p_(std::make_unique<T>(std::move(v))) {}  // NOLINT: implicit on purpose
  Box(const Box& o) : p_(std::make_unique<T>(*o.p_)) {}
  Box(Box&&) noexcept = default;
  Box& operator=(const Box& o) { p_ = std::make_unique<T>(*o.p_); return *this; }
  Box& operator=(Box&&) noexcept = default;
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  friend bool operator==(const Box& a, const Box& b) { return *a.p_ == *b.p_; }
 private:
  std::unique_ptr<T> p_;
};

// A string most nodes leave empty, held out of line: a node moves one pointer for it, not a whole string (the
// lowering moves every node it builds several times on its way into the tree). Reads as a const std::string&;
// empty exactly where no string is held.
class RareText {
 public:
  RareText() = default;
  RareText(std::string s) { *this = std::move(s); }  // NOLINT: implicit on purpose, as a std::string member was
  RareText(const char* s) : RareText(std::string(s)) {}  // NOLINT
  RareText(std::string_view s) : RareText(std::string(s)) {}  // NOLINT
  RareText(const RareText& o) : p_(o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr) {}
  RareText(RareText&&) noexcept = default;
  RareText& operator=(const RareText& o) { return *this = o.str(); }
  RareText& operator=(RareText&&) noexcept = default;
  RareText& operator=(std::string s) {
    if (s.empty()) p_.reset();
    else if (p_) *p_ = std::move(s);
    else p_ = std::make_unique<std::string>(std::move(s));
    return *this;
  }
  RareText& operator=(const char* s) { return *this = std::string(s); }
  RareText& operator=(std::string_view s) { return *this = std::string(s); }
  bool empty() const noexcept { return !p_; }
  std::size_t size() const noexcept { return p_ ? p_->size() : 0; }
  void clear() noexcept { p_.reset(); }
  const std::string& str() const noexcept {
    static const std::string none;
    return p_ ? *p_ : none;
  }
  operator const std::string&() const noexcept { return str(); }  // NOLINT: implicit on purpose
  operator std::string_view() const noexcept { return str(); }     // NOLINT
  friend bool operator==(const RareText& a, const RareText& b) noexcept { return a.str() == b.str(); }
  friend bool operator==(const RareText& a, std::string_view b) noexcept { return std::string_view(a.str()) == b; }
  friend bool operator==(const RareText& a, const char* b) noexcept { return std::string_view(a.str()) == b; }
 private:
  std::unique_ptr<std::string> p_;
};

// An event's codes, system -> code ("snomed", "icd10", "atc", "cvx"), in the systems' byte order: a sorted vector
// of pairs where a std::map was. An event holds one to three codes; the map allocated a node for each (and its
// walk, insert and rebalance), and made every Has, the largest node, 24 bytes larger. Reads as the map read:
// iteration in key order as (system, code) pairs, [], emplace, emplace_hint, find, size, ==.
class Codes {
 public:
  using value_type = std::pair<std::string, std::string>;
  using const_iterator = std::vector<value_type>::const_iterator;
  Codes() = default;
  Codes(std::initializer_list<value_type> entries);  // the first of a system counts, as std::map's
  const_iterator begin() const noexcept { return entries_.begin(); }
  const_iterator end() const noexcept { return entries_.end(); }
  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }
  void reserve(std::size_t n) { entries_.reserve(n); }
  const_iterator find(std::string_view system) const noexcept;
  // The code of `system`; an empty one is added where it has none.
  std::string& operator[](std::string_view system);
  // Adds `system` -> `code` where `system` has no code; the system's entry, and whether it was added.
  std::pair<const_iterator, bool> emplace(std::string_view system, std::string_view code);
  // emplace, `hint` saying where the system goes: at end() for systems added in their order, which is one append.
  const_iterator emplace_hint(const_iterator hint, std::string_view system, std::string_view code) {
    if (hint == end() && (entries_.empty() || std::string_view(entries_.back().first) < system)) {
      entries_.emplace_back(system, code);
      return std::prev(end());
    }
    return emplace(system, code).first;
  }
  friend bool operator==(const Codes&, const Codes&) = default;
 private:
  std::vector<value_type>::iterator first_not_before(std::string_view system) noexcept;
  std::vector<value_type> entries_;  // by system, each system once
};

struct Node;

struct All { std::vector<Node> args; friend bool operator==(const All&, const All&) = default; };
struct Any { std::vector<Node> args; friend bool operator==(const Any&, const Any&) = default; };
struct Not { Box<Node> arg; friend bool operator==(const Not&, const Not&) = default; };
// Guarded criterion: `then` applies only where `cond` holds.
struct If { Box<Node> cond; Box<Node> then; friend bool operator==(const If&, const If&) = default; };

// A variable or concept the lexicon does not list keeps the words the text names it by in `name`;
// `var` / `concept_id` is then their snake_case form. The structure (comparator, threshold, unit,
// window) is read; the patient's record cannot speak to an unlisted thing, so it evaluates unknown.
struct Cmp {
  std::string var;      // lexicon concept id (or the snake_case form of `name`)
  RareText name;        // the words as written, only for a variable the lexicon does not list
  std::string loinc;    // empty where the lexicon has none
  Comparator cmp = Comparator::eq;
  double value = 0;     // as written in the text
  std::string unit;     // UCUM code; "1" for a score; empty when relative_to is set
  RelativeTo relative_to = RelativeTo::none;
  // "eGFR < 30 within the past 3 months": only a value measured in that window before the reference
  // date counts (JSON "within", as on `has`); an older one leaves the comparison unknown.
  std::optional<Amount> within;
  friend bool operator==(const Cmp&, const Cmp&) = default;
};

struct Has {
  ConceptId concept_id;                       // lexicon concept id (JSON field "concept")
  RareText name;                              // the words as written, only for an unlisted concept
  Codes codes;                                // "snomed", "icd10", "atc", "cvx" -> code
  std::optional<Amount> within;               // in that window before the reference date
  // The window looks ahead: "planned surgery within the next 12 months" is an event in (date, date +
  // window]. Past events never meet it; only a planned event with a future date does (JSON within.ahead).
  bool ahead = false;
  RareText before;                            // the reference event named in the text ("screening")
  // Calendar bounds on the event's date, inclusive, "YYYY-MM-DD" ("diagnosed since 2010", "implanted between
  // 1 January 2014 and 1 October 2015"); empty where the text sets none (JSON dated.from, dated.to).
  RareText dated_from, dated_to;
  RareText status;                            // "active", "history" or empty (either)
  RareText except;                            // an exception named in the text, kept visible
  // The window or calendar bounds hold the event's start ("diagnosed within the last 5 years", "started
  // since 2020"), not any day of it: a diabetes active since 2010 was not diagnosed in the last 5 years.
  bool onset = false;
  friend bool operator==(const Has&, const Has&) = default;
};

struct Sex { std::string value; friend bool operator==(const Sex&, const Sex&) = default; };

struct Text {
  std::string text;
  TextReason reason = TextReason::not_understood;
  friend bool operator==(const Text&, const Text&) = default;
};

// A node's kind: the variant of the kinds, with its destructor out of line (predicate.cpp). Destroying a node
// visits its kind; inline, every file that destroys a node had its own copy of that visit, a local clone of ~1 KB
// (61 in the bench), each going cold in the instruction cache (the copies missed it ~8 % of their instructions).
// Otherwise the variant itself: std::visit, std::get, std::get_if, holds_alternative, ==, its constructors and
// assignments read it as one.
struct NodeKind : std::variant<All, Any, Not, If, Cmp, Has, Sex, Text> {
  using Variant = std::variant<All, Any, Not, If, Cmp, Has, Sex, Text>;
  using Variant::Variant;
  using Variant::operator=;
  NodeKind() = default;
  NodeKind(const Variant& v);      // NOLINT: implicit on purpose, as the variant was
  NodeKind(Variant&& v) noexcept;  // NOLINT
  NodeKind(const NodeKind&) = default;
  NodeKind(NodeKind&&) noexcept = default;
  NodeKind& operator=(const NodeKind&) = default;
  NodeKind& operator=(NodeKind&&) noexcept = default;
  ~NodeKind();
};

struct Node {
  NodeKind kind;
  Span span;
  friend bool operator==(const Node&, const Node&) = default;
};

// Convenience constructors, used by the grammar's lowering pass and by tests.
Node make_all(std::vector<Node> args, Span span = {});
Node make_any(std::vector<Node> args, Span span = {});
Node make_not(Node arg, Span span = {});
Node make_if(Node cond, Node then, Span span = {});
Node make_text(std::string text, TextReason reason, Span span = {});

// "all", "any", "not", "if", "cmp", "has", "sex", "text".
const char* op_name(const Node& n) noexcept;

// A readable, diffable one-line form used by the golden files and `parse`:
//   all(cmp age >= 3 a, cmp age <= 35 a)
//   if(cmp age >= 16 a, cmp karnofsky >= 70 1)
//   cmp alt <= 3 ULN
//   has live_vaccine within 6 wk before screening
//   text[judgement] "Willing to ..."
std::string to_canonical(const Node& n);
// True where to_canonical(a) == to_canonical(b), mostly without building either (the lowering asks it
// of every pair of arguments it joins).
bool same_canonical(const Node& a, const Node& b);
// A hash of n's canonical form, without building it, where every field the form writes bare is free of the form's
// delimiters (the trees same_canonical compares field by field): two such nodes whose forms are equal have equal
// hashes. Empty for any other node (hash its to_canonical string instead). The lowering's join looks up the
// arguments of a long list by it, so that its deduplication stays linear.
std::optional<std::uint64_t> plain_canonical_hash(const Node& n);

// True where every leaf is typed logic (no `text` node anywhere).
bool fully_typed(const Node& n) noexcept;
// True where every leaf is typed logic about lexicon concepts (no `text`, no unlisted name).
bool fully_resolved(const Node& n) noexcept;
// True where some leaf names a variable or concept the lexicon does not list.
bool has_unlisted(const Node& n) noexcept;
// True where at least one leaf is typed logic.
bool partly_typed(const Node& n) noexcept;

}  // namespace trialmatch::engine

// NodeKind has the variant's alternatives (std::visit reads it as its base; these say so to the rest).
template <>
struct std::variant_size<trialmatch::engine::NodeKind>
    : std::variant_size<trialmatch::engine::NodeKind::Variant> {};
template <std::size_t I>
struct std::variant_alternative<I, trialmatch::engine::NodeKind>
    : std::variant_alternative<I, trialmatch::engine::NodeKind::Variant> {};

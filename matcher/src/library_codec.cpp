// The library's byte encoding (library_codec.hpp, docs/library-format.md).
#include "library_codec.hpp"

#include <fmt/format.h>

#include <cstring>
#include <stdexcept>
#include <type_traits>
#include <variant>

namespace trialmatch::matcher::codec {

namespace {
constexpr std::uint8_t kExclusion = 1, kStructured = 2;  // a criterion's flags byte
constexpr std::uint8_t kTextAtSpan = 0x80;               // a text node's reason byte: the words are the criterion's at the span
constexpr int kMaxDepth = 256;
}  // namespace

void Writer::uv(std::uint32_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

void Writer::f64(double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
}

void Writer::str(std::string_view s) {
  uv(static_cast<std::uint32_t>(s.size()));
  out_.append(s);
}

void Writer::amount(const std::optional<engine::Amount>& a) {
  u8(a ? 1 : 0);
  if (a) f64(a->value), str(a->unit);
}

void Writer::node(const engine::Node& n, std::string_view text) {
  u8(static_cast<std::uint8_t>(n.kind.index()));
  uv(n.span.begin);
  uv(n.span.end);
  std::visit(
      [&](const auto& k) {
        using T = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<T, engine::All> || std::is_same_v<T, engine::Any>) {
          uv(static_cast<std::uint32_t>(k.args.size()));
          for (const auto& a : k.args) node(a, text);
        } else if constexpr (std::is_same_v<T, engine::Not>) {
          node(*k.arg, text);
        } else if constexpr (std::is_same_v<T, engine::If>) {
          node(*k.cond, text);
          node(*k.then, text);
        } else if constexpr (std::is_same_v<T, engine::Cmp>) {
          str(k.var), str(k.name), str(k.loinc), u8(static_cast<std::uint8_t>(k.cmp)), f64(k.value), str(k.unit);
          u8(static_cast<std::uint8_t>(k.relative_to));
          amount(k.within);
        } else if constexpr (std::is_same_v<T, engine::Has>) {
          str(k.concept_id), str(k.name);
          uv(static_cast<std::uint32_t>(k.codes.size()));
          for (const auto& [system, code] : k.codes) str(system), str(code);
          amount(k.within);
          // Flags: 1 the window looks ahead (format 7), 2 the window or dates hold the start (format 9).
          u8(static_cast<std::uint8_t>((k.within && k.ahead ? 1 : 0) | (k.onset ? 2 : 0)));
          str(k.before), str(k.status), str(k.except);
          str(k.dated_from), str(k.dated_to);  // format 8: calendar bounds
        } else if constexpr (std::is_same_v<T, engine::Sex>) {
          str(k.value);
        } else {
          // A line left as text usually keeps the words of the line itself: refer to them, not repeat them.
          const bool at_span = n.span.begin <= n.span.end && n.span.end <= text.size() &&
                               text.substr(n.span.begin, n.span.end - n.span.begin) == k.text;
          u8(static_cast<std::uint8_t>(static_cast<std::uint8_t>(k.reason) | (at_span ? kTextAtSpan : 0)));
          if (!at_span) str(k.text);
        }
      },
      n.kind);
}

void Writer::criteria(const CriterionList& list) {
  uv(static_cast<std::uint32_t>(list.size()));
  for (const CompiledCriterion& k : list) {
    u8(static_cast<std::uint8_t>((k.criterion.section == Section::exclusion ? kExclusion : 0) |
                                 (k.structured ? kStructured : 0)));
    str(k.criterion.number);
    str(k.criterion.text);
    uv(static_cast<std::uint32_t>(k.diagnostics.size()));
    for (const auto& d : k.diagnostics) {
      u8(static_cast<std::uint8_t>(d.severity));
      str(d.message);
      uv(d.begin);
      uv(d.end);
    }
    node(k.tree, k.criterion.text);
  }
}

std::uint8_t Reader::u8_checked(std::uint8_t max, const char* what) {
  need(1, what);
  const auto v = static_cast<std::uint8_t>(bytes_[at_++]);
  if (v > max) fail(fmt::format("expected {} (0 to {}), found {}", what, max, v), 1);
  return v;
}

std::uint32_t Reader::uv_long(const char* what) {
  std::uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    need(1, what);
    const auto byte = static_cast<std::uint8_t>(bytes_[at_++]);
    v |= std::uint64_t{byte & 0x7Fu} << shift;
    if (!(byte & 0x80)) break;
    if (shift >= 28) fail(fmt::format("expected {} (a number of at most 5 bytes), found more", what), 1);
  }
  if (v > UINT32_MAX) fail(fmt::format("expected {} (at most {}), found {}", what, UINT32_MAX, v), 1);
  return static_cast<std::uint32_t>(v);
}

double Reader::f64(const char* what) {
  need(8, what);
  std::uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) bits |= std::uint64_t{static_cast<unsigned char>(bytes_[at_ + i])} << (8 * i);
  at_ += 8;
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

std::string Reader::str(const char* what) {
  const std::uint32_t n = uv(what);
  need(n, what);
  std::string s(bytes_.substr(at_, n));
  at_ += n;
  return s;
}

std::optional<engine::Amount> Reader::amount(const char* what) {
  if (!u8(1, what)) return std::nullopt;
  engine::Amount a;
  a.value = f64(what);
  a.unit = str(what);
  return a;
}

engine::Node Reader::node(std::string_view text, int depth) {
  if (depth > kMaxDepth) fail(fmt::format("expected a tree at most {} deep", kMaxDepth), 0);
  engine::Node n;
  const std::uint8_t tag = u8(7, "a node kind");
  n.span.begin = uv("a span");
  n.span.end = uv("a span");
  auto args = [&] {
    const std::uint32_t count = uv("a child count");
    if (count > bytes_.size() - at_) fail("expected a child count no larger than the bytes left", 0);
    std::vector<engine::Node> list(count);
    for (auto& a : list) a = node(text, depth + 1);
    return list;
  };
  switch (tag) {
    case 0: n.kind = engine::All{args()}; break;
    case 1: n.kind = engine::Any{args()}; break;
    case 2: n.kind = engine::Not{node(text, depth + 1)}; break;
    case 3: {
      engine::Node cond = node(text, depth + 1);
      n.kind = engine::If{std::move(cond), node(text, depth + 1)};
      break;
    }
    case 4: {
      engine::Cmp c;
      c.var = str("a variable");
      c.name = str("an unlisted name");
      c.loinc = str("a LOINC code");
      c.cmp = static_cast<engine::Comparator>(u8(5, "a comparator"));
      c.value = f64("a threshold");
      c.unit = str("a unit");
      c.relative_to = static_cast<engine::RelativeTo>(u8(2, "relative_to"));
      c.within = amount("a window");
      n.kind = std::move(c);
      break;
    }
    case 5: {
      engine::Has h;
      h.concept_id = str("a concept");
      h.name = str("an unlisted name");
      for (std::uint32_t k = uv("a code count"); k > 0; --k) {
        std::string system = str("a code system");
        h.codes[std::move(system)] = str("a code");
      }
      h.within = amount("a window");
      const std::uint8_t flags = u8(3, "a has node's flags");
      h.ahead = (flags & 1) != 0;
      h.onset = (flags & 2) != 0;
      h.before = str("a reference event");
      h.status = str("a status");
      h.except = str("an exception");
      h.dated_from = str("a first date");
      h.dated_to = str("a last date");
      n.kind = std::move(h);
      break;
    }
    case 6: n.kind = engine::Sex{str("a sex")}; break;
    default: {
      engine::Text t;
      const std::uint8_t reason = u8(kTextAtSpan | 1, "a text reason");
      if ((reason & ~kTextAtSpan) > 1) fail(fmt::format("expected a text reason (0, 1, 128 or 129), found {}", reason), 1);
      t.reason = static_cast<engine::TextReason>(reason & 1);
      if (reason & kTextAtSpan) {
        if (n.span.begin > n.span.end || n.span.end > text.size())
          fail(fmt::format("expected a span inside the criterion's {} bytes, found {}..{}", text.size(), n.span.begin,
                           n.span.end), 1);
        t.text = std::string(text.substr(n.span.begin, n.span.end - n.span.begin));
      } else {
        t.text = str("a text");
      }
      n.kind = std::move(t);
    }
  }
  return n;
}

CompiledCriterion Reader::criterion() {
  CompiledCriterion k;
  const std::uint8_t flags = u8(kExclusion | kStructured, "a criterion's flags");
  k.criterion.section = flags & kExclusion ? Section::exclusion : Section::inclusion;
  k.structured = flags & kStructured;
  k.criterion.number = str("a criterion number");
  k.criterion.text = str("a criterion text");
  for (std::uint32_t n = uv("a diagnostic count"); n > 0; --n) {
    engine::Diagnostic d;
    d.severity = static_cast<engine::Severity>(u8(1, "a severity"));
    d.message = str("a message");
    d.begin = uv("an offset");
    d.end = uv("an offset");
    k.diagnostics.push_back(std::move(d));
  }
  k.tree = node(k.criterion.text);
  return k;
}

std::vector<CompiledCriterion> Reader::criteria() {
  const std::uint32_t count = uv("a criterion count");
  std::vector<CompiledCriterion> out;
  out.reserve(std::min<std::size_t>(count, bytes_.size() - at_));
  for (std::uint32_t i = 0; i < count; ++i) out.push_back(criterion());
  return out;
}

void Reader::check_amount(const char* what) {
  if (!u8(1, what)) return;
  f64(what);
  skip_str(what);
}

// node() step by step, reading the same bytes in the same order with the same checks.
void Reader::check_node(std::size_t text_size, int depth) {
  if (depth > kMaxDepth) fail(fmt::format("expected a tree at most {} deep", kMaxDepth), 0);
  const std::uint8_t tag = u8(7, "a node kind");
  const std::uint32_t begin = uv("a span");
  const std::uint32_t end = uv("a span");
  switch (tag) {
    case 0:
    case 1: {
      const std::uint32_t count = uv("a child count");
      if (count > bytes_.size() - at_) fail("expected a child count no larger than the bytes left", 0);
      for (std::uint32_t k = 0; k < count; ++k) check_node(text_size, depth + 1);
      break;
    }
    case 2: check_node(text_size, depth + 1); break;
    case 3:
      check_node(text_size, depth + 1);
      check_node(text_size, depth + 1);
      break;
    case 4:
      skip_str("a variable");
      skip_str("an unlisted name");
      skip_str("a LOINC code");
      u8(5, "a comparator");
      f64("a threshold");
      skip_str("a unit");
      u8(2, "relative_to");
      check_amount("a window");
      break;
    case 5:
      skip_str("a concept");
      skip_str("an unlisted name");
      for (std::uint32_t k = uv("a code count"); k > 0; --k) {
        skip_str("a code system");
        skip_str("a code");
      }
      check_amount("a window");
      u8(3, "a has node's flags");
      skip_str("a reference event");
      skip_str("a status");
      skip_str("an exception");
      skip_str("a first date");
      skip_str("a last date");
      break;
    case 6: skip_str("a sex"); break;
    default: {
      const std::uint8_t reason = u8(kTextAtSpan | 1, "a text reason");
      if ((reason & ~kTextAtSpan) > 1) fail(fmt::format("expected a text reason (0, 1, 128 or 129), found {}", reason), 1);
      if (reason & kTextAtSpan) {
        if (begin > end || end > text_size)
          fail(fmt::format("expected a span inside the criterion's {} bytes, found {}..{}", text_size, begin, end), 1);
      } else {
        skip_str("a text");
      }
    }
  }
}

std::uint32_t Reader::check_criteria() {
  const std::uint32_t count = uv("a criterion count");
  for (std::uint32_t i = 0; i < count; ++i) {
    u8(kExclusion | kStructured, "a criterion's flags");
    skip_str("a criterion number");
    const std::uint32_t text_size = uv("a criterion text");
    need(text_size, "a criterion text");
    at_ += text_size;
    for (std::uint32_t n = uv("a diagnostic count"); n > 0; --n) {
      u8(1, "a severity");
      skip_str("a message");
      uv("an offset");
      uv("an offset");
    }
    check_node(text_size, 0);
  }
  return count;
}

void Reader::fail(const std::string& message, std::size_t back) const {
  throw std::runtime_error(fmt::format("byte {} of the record: {}", base_ + at_ - std::min(at_, back), message));
}

void Reader::end_of_record(const char* what) const {
  fail(fmt::format("expected {}, found the end of the record", what), 0);
}

}  // namespace trialmatch::matcher::codec

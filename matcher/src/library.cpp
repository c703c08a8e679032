// The compiled trial library (docs/library-format.md): writing and reading.
#include "trialmatch/matcher/library.hpp"

#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <variant>

#include "trialmatch/matcher/batch.hpp"

namespace trialmatch::matcher {

namespace {

constexpr std::size_t kHeaderBytes = 16;  // magic (8) + record count (u64 little-endian)

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
std::uint64_t get_le(std::string_view bytes, std::size_t at, int width) {
  std::uint64_t v = 0;
  for (int i = 0; i < width; ++i) v |= std::uint64_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
  return v;
}

// The record payload (docs/library-format.md): little-endian integers, IEEE-754 doubles, strings as a
// u32 byte length and the bytes. Hand-written rather than MessagePack: decoding is a walk over bytes,
// with no JSON document built in between.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) { put_u32(out_, v); }
  void f64(double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    put_u64(out_, bits);
  }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  void amount(const std::optional<engine::Amount>& a) {
    u8(a ? 1 : 0);
    if (a) f64(a->value), str(a->unit);
  }
  void node(const engine::Node& n) {
    u8(static_cast<std::uint8_t>(n.kind.index()));
    u32(n.span.begin);
    u32(n.span.end);
    std::visit(
        [&](const auto& k) {
          using T = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<T, engine::All> || std::is_same_v<T, engine::Any>) {
            u32(static_cast<std::uint32_t>(k.args.size()));
            for (const auto& a : k.args) node(a);
          } else if constexpr (std::is_same_v<T, engine::Not>) {
            node(*k.arg);
          } else if constexpr (std::is_same_v<T, engine::If>) {
            node(*k.cond);
            node(*k.then);
          } else if constexpr (std::is_same_v<T, engine::Cmp>) {
            str(k.var), str(k.name), str(k.loinc), u8(static_cast<std::uint8_t>(k.cmp)), f64(k.value), str(k.unit);
            u8(static_cast<std::uint8_t>(k.relative_to));
            amount(k.within);
          } else if constexpr (std::is_same_v<T, engine::Has>) {
            str(k.concept_id), str(k.name);
            u32(static_cast<std::uint32_t>(k.codes.size()));
            for (const auto& [system, code] : k.codes) str(system), str(code);
            amount(k.within);
            str(k.before), str(k.status), str(k.except);
          } else if constexpr (std::is_same_v<T, engine::Sex>) {
            str(k.value);
          } else {
            str(k.text);
            u8(static_cast<std::uint8_t>(k.reason));
          }
        },
        n.kind);
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  std::size_t at() const noexcept { return at_; }
  bool done() const noexcept { return at_ == bytes_.size(); }
  std::uint8_t u8(std::uint8_t max, const char* what) {
    need(1, what);
    const auto v = static_cast<std::uint8_t>(bytes_[at_++]);
    if (v > max) fail(fmt::format("expected {} (0 to {}), found {}", what, max, v), 1);
    return v;
  }
  std::uint32_t u32(const char* what) {
    need(4, what);
    const auto v = static_cast<std::uint32_t>(get_le(bytes_, at_, 4));
    at_ += 4;
    return v;
  }
  double f64(const char* what) {
    need(8, what);
    const std::uint64_t bits = get_le(bytes_, at_, 8);
    at_ += 8;
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  std::string str(const char* what) {
    const std::uint32_t n = u32(what);
    need(n, what);
    std::string s(bytes_.substr(at_, n));
    at_ += n;
    return s;
  }
  std::optional<engine::Amount> amount(const char* what) {
    if (!u8(1, what)) return std::nullopt;
    engine::Amount a;
    a.value = f64(what);
    a.unit = str(what);
    return a;
  }
  engine::Node node(int depth = 0) {
    if (depth > 256) fail("expected a tree at most 256 deep", 0);
    engine::Node n;
    const std::uint8_t tag = u8(7, "a node kind");
    n.span.begin = u32("a span");
    n.span.end = u32("a span");
    auto args = [&] {
      std::vector<engine::Node> list(u32("a child count"));
      for (auto& a : list) a = node(depth + 1);
      return list;
    };
    switch (tag) {
      case 0: n.kind = engine::All{args()}; break;
      case 1: n.kind = engine::Any{args()}; break;
      case 2: n.kind = engine::Not{node(depth + 1)}; break;
      case 3: {
        engine::Node cond = node(depth + 1);
        n.kind = engine::If{std::move(cond), node(depth + 1)};
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
        for (std::uint32_t k = u32("a code count"); k > 0; --k) {
          std::string system = str("a code system");
          h.codes[std::move(system)] = str("a code");
        }
        h.within = amount("a window");
        h.before = str("a reference event");
        h.status = str("a status");
        h.except = str("an exception");
        n.kind = std::move(h);
        break;
      }
      case 6: n.kind = engine::Sex{str("a sex")}; break;
      default: {
        engine::Text t;
        t.text = str("a text");
        t.reason = static_cast<engine::TextReason>(u8(1, "a text reason"));
        n.kind = std::move(t);
      }
    }
    return n;
  }
  [[noreturn]] void fail(const std::string& message, std::size_t back) const {
    throw std::runtime_error(fmt::format("byte {} of the record: {}", at_ - std::min(at_, back), message));
  }

 private:
  void need(std::size_t n, const char* what) const {
    if (bytes_.size() - at_ < n) fail(fmt::format("expected {}, found the end of the record", what), 0);
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
};

void write_record(std::string& out, const CompiledTrial& c) {
  Writer w(out);
  const Trial& t = c.trial;
  w.str(t.id);
  w.str(t.title);
  w.u32(static_cast<std::uint32_t>(t.conditions.size()));
  for (const auto& condition : t.conditions) w.str(condition);
  w.amount(t.min_age);
  w.amount(t.max_age);
  w.str(t.sex);
  w.u8(!t.healthy_volunteers ? 0 : *t.healthy_volunteers ? 2 : 1);
  w.str(t.status);
  w.str(t.origin);
  w.u32(static_cast<std::uint32_t>(c.criteria.size()));
  for (const CompiledCriterion& k : c.criteria) {
    w.u8(static_cast<std::uint8_t>(k.criterion.section));
    w.str(k.criterion.number);
    w.str(k.criterion.text);
    w.u8(k.structured ? 1 : 0);
    w.u32(static_cast<std::uint32_t>(k.diagnostics.size()));
    for (const auto& d : k.diagnostics) {
      w.u8(static_cast<std::uint8_t>(d.severity));
      w.str(d.message);
      w.u32(d.begin);
      w.u32(d.end);
    }
    w.node(k.tree);
  }
}

CompiledTrial read_record(std::string_view bytes) {
  Reader r(bytes);
  CompiledTrial c;
  Trial& t = c.trial;
  t.id = r.str("a trial id");
  t.title = r.str("a title");
  for (std::uint32_t k = r.u32("a condition count"); k > 0; --k) t.conditions.push_back(r.str("a condition"));
  t.min_age = r.amount("a minimum age");
  t.max_age = r.amount("a maximum age");
  t.sex = r.str("a sex");
  if (const auto v = r.u8(2, "healthy volunteers"); v) t.healthy_volunteers = v == 2;
  t.status = r.str("a status");
  t.origin = r.str("an origin");
  const std::uint32_t count = r.u32("a criterion count");
  c.criteria.reserve(std::min<std::uint32_t>(count, 4096));
  for (std::uint32_t i = 0; i < count; ++i) {
    CompiledCriterion k;
    k.criterion.section = static_cast<Section>(r.u8(1, "a section"));
    k.criterion.number = r.str("a criterion number");
    k.criterion.text = r.str("a criterion text");
    k.structured = r.u8(1, "structured") == 1;
    for (std::uint32_t n = r.u32("a diagnostic count"); n > 0; --n) {
      engine::Diagnostic d;
      d.severity = static_cast<engine::Severity>(r.u8(1, "a severity"));
      d.message = r.str("a message");
      d.begin = r.u32("an offset");
      d.end = r.u32("an offset");
      k.diagnostics.push_back(std::move(d));
    }
    k.tree = r.node();
    c.criteria.push_back(std::move(k));
  }
  if (!r.done()) r.fail("expected the end of the record", 0);
  bind(c, engine::Lexicon::builtin());
  return c;
}

}  // namespace

// Any version: an older library is then named as such by read_library, not read as a trial file.
bool is_library(std::string_view content) noexcept {
  return content.size() >= kLibraryMagic.size() && content.substr(0, 7) == kLibraryMagic.substr(0, 7);
}

bool is_library_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  if (!in.read(head, sizeof head)) return false;
  return is_library(std::string_view(head, sizeof head));
}

std::string library_bytes(const std::vector<CompiledTrial>& trials) {
  std::string out(kLibraryMagic);
  put_u64(out, trials.size());
  for (const CompiledTrial& t : trials) {
    const std::size_t length_at = out.size();
    put_u32(out, 0);  // filled in below
    write_record(out, t);
    const auto length = static_cast<std::uint32_t>(out.size() - length_at - 4);
    for (int i = 0; i < 4; ++i) out[length_at + i] = static_cast<char>((length >> (8 * i)) & 0xFF);
  }
  return out;
}

void write_library(std::ostream& out, const std::vector<CompiledTrial>& trials) {
  const std::string bytes = library_bytes(trials);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

LibraryLoad read_library(std::string_view content, const std::string& name, unsigned jobs, const LoadProgress& progress) {
  LibraryLoad out;
  if (!is_library(content) || content.size() < kHeaderBytes) {
    out.problems.push_back({name, "byte 0", "expected a trialmatch library (magic TMLIB, format 4)"});
    return out;
  }
  if (content[7] != kLibraryMagic[7]) {
    out.problems.push_back({name, "byte 7", fmt::format("a library of format {}, this trialmatch reads format {}: compile it again with 'trialmatch compile'",
                                                        static_cast<int>(content[7]), static_cast<int>(kLibraryMagic[7]))});
    return out;
  }
  // Index the records first (cheap), so that decoding can be shared between threads.
  const std::uint64_t count = get_le(content, 8, 8);
  std::vector<std::pair<std::size_t, std::size_t>> records;  // offset, length
  records.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, content.size() / 4)));
  std::size_t at = kHeaderBytes;
  for (std::uint64_t i = 0; i < count; ++i) {
    if (at + 4 > content.size() || at + 4 + get_le(content, at, 4) > content.size()) {
      out.problems.push_back({name, fmt::format("record {} (byte {})", i + 1, at),
                              fmt::format("the file ends early: expected {} records, found {}", count, i)});
      break;
    }
    const std::size_t length = get_le(content, at, 4);
    records.emplace_back(at + 4, length);
    at += 4 + length;
  }
  if (records.size() == count && at != content.size())
    out.problems.push_back({name, fmt::format("byte {}", at), "expected the end of the library after the last record"});

  std::vector<std::optional<CompiledTrial>> decoded(records.size());
  std::vector<std::string> errors(records.size());
  std::atomic<std::size_t> done{0};
  const auto caller = std::this_thread::get_id();
  parallel_for(records.size(), jobs, [&](std::size_t i) {
    const auto [offset, length] = records[i];
    try {
      decoded[i] = read_record(content.substr(offset, length));
    } catch (const std::exception& e) {
      errors[i] = e.what();
    }
    const std::size_t finished = done.fetch_add(1) + 1;
    if (progress && std::this_thread::get_id() == caller && finished % 256 == 0)
      progress("decoding library", finished, records.size());
  });
  out.trials.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (decoded[i]) {
      out.trials.push_back(std::move(*decoded[i]));
    } else {
      out.problems.push_back({name, fmt::format("record {} (byte {})", i + 1, records[i].first - 4),
                              fmt::format("not a compiled trial ({}); the record is skipped", errors[i])});
    }
  }
  return out;
}

LibraryLoad load_library(const std::string& path, unsigned jobs, const LoadProgress& progress) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LibraryLoad out;
    out.problems.push_back({path, "", "cannot open the file: expected a readable trialmatch library"});
    return out;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return read_library(buffer.str(), path, jobs, progress);
}

}  // namespace trialmatch::matcher

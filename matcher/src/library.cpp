// The compiled trial library (docs/library-format.md): writing and reading.
#include "trialmatch/matcher/library.hpp"

#include <fmt/format.h>

#include <atomic>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "library_codec.hpp"
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

void write_record(std::string& out, const CompiledTrial& c) {
  codec::Writer w(out);
  const Trial& t = c.trial;
  w.str(t.id);
  w.str(t.title);
  w.uv(static_cast<std::uint32_t>(t.conditions.size()));
  for (const auto& condition : t.conditions) w.str(condition);
  w.amount(t.min_age);
  w.amount(t.max_age);
  w.str(t.sex);
  w.u8(!t.healthy_volunteers ? 0 : *t.healthy_volunteers ? 2 : 1);
  w.str(t.status);
  w.str(t.origin);
  // The criteria block is what a loaded trial keeps in memory: written as it is.
  if (c.criteria.is_encoded()) out.append(c.criteria.block());
  else w.criteria(c.criteria);
}

CompiledTrial read_record(std::string_view bytes) {
  codec::Reader r(bytes);
  CompiledTrial c;
  Trial& t = c.trial;
  t.id = r.str("a trial id");
  t.title = r.str("a title");
  for (std::uint32_t k = r.uv("a condition count"); k > 0; --k) t.conditions.push_back(r.str("a condition"));
  t.min_age = r.amount("a minimum age");
  t.max_age = r.amount("a maximum age");
  t.sex = r.str("a sex");
  if (const auto v = r.u8(2, "healthy volunteers"); v) t.healthy_volunteers = v == 2;
  t.status = r.str("a status");
  t.origin = r.str("an origin");
  // The criteria are decoded once here, to check them and bind their trees, then kept encoded.
  const std::string_view block = r.rest();
  codec::Reader criteria(block, r.at());
  c.criteria = CriterionList(criteria.criteria());
  if (!criteria.done()) criteria.fail("expected the end of the record", 0);
  bind(c, engine::Lexicon::builtin());
  c.criteria = CriterionList::encoded(block, static_cast<std::uint32_t>(c.criteria.size()));
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
    out.problems.push_back({name, "byte 0", fmt::format("expected a trialmatch library (magic TMLIB, format {})", static_cast<int>(kLibraryMagic[7]))});
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

// The compiled trial library (docs/library-format.md): writing and reading.
#include "trialmatch/matcher/library.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <memory>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "library_bound.hpp"
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

void write_header_fields(codec::Writer& w, const Trial& t) {
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
}

// The bound array of a trial that holds none for its criteria (built by hand, or changed): its criteria
// bound to the built-in lexicon, which loading uses.
engine::BoundTree bound_afresh(const CompiledTrial& c) {
  CompiledTrial copy;
  copy.criteria = c.criteria;
  bind(copy, engine::Lexicon::builtin());
  return std::move(copy.bound);
}

void write_record(std::string& out, const CompiledTrial& c, const engine::BoundTree& bound, codec::BoundNames& names) {
  codec::Writer w(out);
  write_header_fields(w, c.trial);
  codec::write_bound(w, bound, names);
  // The criteria block is what a loaded trial keeps in memory: written as it is.
  if (c.criteria.is_encoded()) out.append(c.criteria.block());
  else w.criteria(c.criteria);
}

// Loading decodes no criterion: the bound array is read as stored and the criteria block is checked
// (as decoding would check it) and kept encoded.
CompiledTrial read_record(std::string_view bytes, const codec::ResolvedNames& names) {
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
  const std::size_t bound_at = r.at();
  c.bound = codec::read_bound(r, names);
  const std::string_view block = r.rest();
  codec::Reader criteria(block, r.at());
  const std::uint32_t count = criteria.check_criteria();
  if (!criteria.done()) criteria.fail("expected the end of the record", 0);
  if (c.bound.trees() != count)
    throw std::runtime_error(fmt::format("byte {} of the record: expected a bound tree for each of the {} criteria, found {}",
                                         bound_at, count, c.bound.trees()));
  c.criteria = CriterionList::encoded(block, count);
  return c;
}

// The tables of names after the header: concept ids, then unit spellings.
void write_names(std::string& out, const codec::BoundNames& names) {
  codec::Writer w(out);
  for (const auto* table : {&names.concepts, &names.units}) {
    w.uv(static_cast<std::uint32_t>(table->names().size()));
    for (const std::string& name : table->names()) w.str(name);
  }
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
  // The names first (the records refer to them), so every bound array is looked at twice.
  std::vector<engine::BoundTree> rebound(trials.size());
  std::vector<const engine::BoundTree*> bound(trials.size());
  codec::BoundNames names;
  for (std::size_t i = 0; i < trials.size(); ++i) {
    const CompiledTrial& t = trials[i];
    if (t.bound.lexicon() && t.bound.trees() == t.criteria.size()) {
      bound[i] = &t.bound;
    } else {
      rebound[i] = bound_afresh(t);
      bound[i] = &rebound[i];
    }
    codec::collect_names(*bound[i], names);
  }
  // A bound node keeps a unit as a 16-bit slot, and loading puts the table's index there.
  if (names.units.names().size() > 0xFFFF)
    throw std::runtime_error("a library holds at most 65535 distinct unit spellings");
  std::string out(kLibraryMagic);
  put_u64(out, trials.size());
  write_names(out, names);
  for (std::size_t i = 0; i < trials.size(); ++i) {
    const std::size_t length_at = out.size();
    put_u32(out, 0);  // filled in below
    write_record(out, trials[i], *bound[i], names);
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
  const std::uint64_t count = get_le(content, 8, 8);
  // The names the bound arrays refer to, resolved once for every record.
  codec::ResolvedNames names;
  std::size_t at = kHeaderBytes;
  try {
    codec::Reader r(content.substr(kHeaderBytes), kHeaderBytes);
    std::vector<std::string> tables[2];
    for (auto& table : tables)
      for (std::uint32_t k = r.uv("a name count"); k > 0; --k) table.push_back(r.str("a name"));
    names = codec::resolve_names(tables[0], tables[1], engine::Lexicon::builtin());
    at += r.at();
  } catch (const std::exception& e) {
    out.problems.push_back({name, "the tables of names after the header", e.what()});
    return out;
  }
  // Index the records first (cheap), so that decoding can be shared between threads.
  std::vector<std::pair<std::size_t, std::size_t>> records;  // offset, length
  records.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, content.size() / 4)));
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

  // Each record decoded in place; the few that fail are noted (under a lock) and taken out afterwards.
  out.trials.resize(records.size());
  std::vector<std::pair<std::size_t, std::string>> errors;
  std::mutex errors_mutex;
  std::atomic<std::size_t> done{0};
  const auto caller = std::this_thread::get_id();
  parallel_for(records.size(), jobs, [&](std::size_t i) {
    const auto [offset, length] = records[i];
    try {
      out.trials[i] = read_record(content.substr(offset, length), names);
    } catch (const std::exception& e) {
      const std::lock_guard lock(errors_mutex);
      errors.emplace_back(i, e.what());
    }
    const std::size_t finished = done.fetch_add(1) + 1;
    if (progress && std::this_thread::get_id() == caller && finished % 256 == 0)
      progress("decoding library", finished, records.size());
  });
  if (!errors.empty()) {
    std::sort(errors.begin(), errors.end());
    std::vector<bool> failed(records.size(), false);
    for (const auto& [i, message] : errors) {
      failed[i] = true;
      out.problems.push_back({name, fmt::format("record {} (byte {})", i + 1, records[i].first - 4),
                              fmt::format("not a compiled trial ({}); the record is skipped", message)});
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < records.size(); ++i)
      if (!failed[i]) {
        if (kept != i) out.trials[kept] = std::move(out.trials[i]);
        ++kept;
      }
    out.trials.erase(out.trials.begin() + static_cast<std::ptrdiff_t>(kept), out.trials.end());
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
  // Read straight into one buffer, not filled first (a stream buffer and its copy held the file twice).
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0));
  in.seekg(0, std::ios::beg);
  const std::unique_ptr<char[]> content(new char[size]);
  in.read(content.get(), static_cast<std::streamsize>(size));
  return read_library(std::string_view(content.get(), static_cast<std::size_t>(in.gcount())), path, jobs, progress);
}

}  // namespace trialmatch::matcher

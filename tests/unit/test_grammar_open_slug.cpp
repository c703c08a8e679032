// slug_of (lower_open_names.cpp), the id of an unlisted name, takes the name a run of kept bytes at a time. Its
// former form, a guarded store at every byte, is kept here as the oracle: both must give the same id for every span
// of the golden lines between word edges, every span of them around the 60-byte limit, and names made to test the
// edges (separators at the start, the end and the limit; UTF-8 cut at the limit).
// The open reading moves an unlisted name into the last node that holds it, and a segment that names nothing
// ("<200 or >300 microns") takes the name as that node holds it: every node of the lines below names the same.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

#include "../../grammar/src/lower_open_names.hpp"
#include "golden_support.hpp"

namespace {

// slug_of as it was before the runs (session 18, first round): the oracle.
std::string slug_of_by_bytes(std::string_view name) {
  constexpr std::array<unsigned char, 256> slug_byte = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned c = 0; c < 256; ++c) {
      if (c >= 'a' && c <= 'z') t[c] = static_cast<unsigned char>(c);
      else if (c >= 'A' && c <= 'Z') t[c] = static_cast<unsigned char>(c - 'A' + 'a');
      else if (c >= '0' && c <= '9') t[c] = static_cast<unsigned char>(c);
      else if (c >= 0x80) t[c] = static_cast<unsigned char>(c);
    }
    return t;
  }();
  std::string out(2 * name.size(), '\0');
  char* const first = out.data();
  char* o = first;
  bool gap = false;
  const std::size_t unlimited = std::min<std::size_t>(name.size(), 60);
  std::size_t i = 0;
  const auto keep = [&](unsigned char kept) {
    *o = '_';
    o += gap ? 1 : 0;
    *o++ = static_cast<char>(kept);
    gap = false;
  };
  for (; i < unlimited; ++i) {
    if (const unsigned char kept = slug_byte[static_cast<unsigned char>(name[i])]; kept != 0) keep(kept);
    else gap = o != first;
  }
  for (; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (o - first >= 60 && (c & 0xC0) != 0x80) break;
    if (const unsigned char kept = slug_byte[c]; kept != 0) keep(kept);
    else gap = o != first;
  }
  out.resize(static_cast<std::size_t>(o - first));
  return out;
}

std::vector<std::string> golden_lines() {
  return golden_support::criterion_lines(
      {"ages_scales", "alternatives", "bounds", "constructions", "counts", "dates", "lct_registry", "measures", "partly",
       "seeds", "spellings", "unlisted", "windows", "windows_context", "audit_s20", "audit_s24"});
}

}  // namespace

TEST_CASE("slug_of: runs of kept bytes give the ids the byte-by-byte form gave") {
  using trialmatch::grammar::detail::slug_of;
  std::size_t asked = 0, cut = 0;
  const auto same = [&](std::string_view name) {
    const std::string want = slug_of_by_bytes(name);
    const std::string got = slug_of(name);
    if (got != want) FAIL_CHECK("'" << std::string(name) << "': '" << got << "', was '" << want << "'");
    ++asked;
    cut += want.size() >= 60 ? 1 : 0;
  };
  const auto lines = golden_lines();
  REQUIRE(lines.size() > 500);
  for (const std::string& line : lines) {
    const std::string_view text = line;
    // Every span between word edges (a space or the line's ends), as the open reading's names are cut.
    std::vector<std::size_t> edges{0};
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == ' ') edges.push_back(i), edges.push_back(i + 1);
    edges.push_back(text.size());
    for (std::size_t x = 0; x < edges.size(); ++x)
      for (std::size_t y = x; y < edges.size(); ++y)
        if (edges[x] <= edges[y]) same(text.substr(edges[x], edges[y] - edges[x]));
    // Every span from each byte of a length around the limit, where the id is cut (inside UTF-8 too).
    for (std::size_t b = 0; b < text.size(); ++b)
      for (std::size_t n = 56; n <= 72 && b + n <= text.size(); ++n) same(text.substr(b, n));
  }
  // Separators at the start, the end, and on either side of the 60th byte.
  for (const std::string_view name :
       {"", " ", "--", "a", "-a-", "  Macular  thickness  ", "(HbA1c)", "naïve", "ÉCOG performance"}) same(name);
  for (std::size_t pad = 0; pad < 70; ++pad) {
    const std::string word(pad, 'x');
    same(word + " " + std::string(40, 'y'));
    same(word + "--" + std::string(40, 'Y'));
    same(std::string(pad, '-') + std::string(70, 'z'));
    same(word + "--ïïïïïïïïïïïïïïïïïïïïïïïïïïïïïïïïïïïï");
    same(word + "ï" + std::string(pad % 5, ' ') + "end");
  }
  // slug_of reads sixteen bytes at a time where it can (SSE2): bytes drawn from the classes it tells apart, many of
  // them parting words, so that runs of them fall across and inside the blocks at every offset, and a name starts or
  // ends with them. (A fixed generator: the same names at every run.)
  const std::string_view alphabet[] = {"a", "z", "A", "Z", "0", "9", " ", " ", "-", ",", "(", "_", "@", "[", "`", "{",
                                       "/", ":", "é", "…", "\x7f", "\xff"};
  std::uint32_t state = 12345;
  for (int k = 0; k < 20000; ++k) {
    std::string name;
    const std::size_t length = k % 90;
    while (name.size() < length) {
      state = state * 1664525U + 1013904223U;
      name += alphabet[(state >> 16) % std::size(alphabet)];
    }
    same(name);
  }
  CHECK(asked > 100000);
  CHECK(cut > 1000);
}

namespace {

// The names and ids of the unlisted comparisons and events of a tree.
void unlisted_names(const trialmatch::engine::Node& n, std::vector<std::string>& names, std::vector<std::string>& ids) {
  namespace e = trialmatch::engine;
  if (const auto* all = std::get_if<e::All>(&n.kind))
    for (const auto& a : all->args) unlisted_names(a, names, ids);
  if (const auto* any = std::get_if<e::Any>(&n.kind))
    for (const auto& a : any->args) unlisted_names(a, names, ids);
  if (const auto* c = std::get_if<e::Cmp>(&n.kind); c && !c->name.empty()) {
    names.push_back(c->name.str());
    ids.push_back(c->var);
  }
  if (const auto* h = std::get_if<e::Has>(&n.kind); h && !h->name.empty()) {
    names.push_back(h->name.str());
    ids.push_back(h->concept_id.str());
  }
}

}  // namespace

TEST_CASE("open reading: a segment that names nothing shares the name the node before it holds") {
  const trialmatch::grammar::Parser parser(trialmatch::engine::Lexicon::builtin());
  struct Case {
    const char* line;
    const char* name;
    std::size_t nodes;
  };
  // (Short names and names past the 15 bytes a string holds without the heap; after one threshold, a range, a
  // window, and several islands read as one name.)
  const Case cases[] = {
      {"Macular thickness below 200 or above 300 microns", "Macular thickness", 2},
      {"Plasmapheresis of the left upper arm within 3 months or within 2 weeks", "Plasmapheresis of the left upper arm", 2},
      {"Zorbitrant serum trough concentration of the drug below 2 or above 40 mg/L",
       "Zorbitrant serum trough concentration of the drug", 2},
      {"Zorbitrant trough between 2 and 5 mg/L for more than 3 months, or above 40 mg/L", "Zorbitrant trough", 4},
      {"Zorbitrant serum trough concentration between 2 and 5 mg/L or above 40 mg/L",
       "Zorbitrant serum trough concentration", 3},
      {"Zorbitrant serum trough concentration between 2 and 5 mg/L, or below 1 mg/L, or above 40 mg/L",
       "Zorbitrant serum trough concentration", 4},
      {"Zor between 2 and 5 mg/L or above 40 mg/L", "Zor", 3},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    std::vector<std::string> names, ids;
    unlisted_names(parser.parse(c.line).tree, names, ids);
    CHECK(names.size() == c.nodes);
    for (std::size_t k = 0; k < names.size(); ++k) {
      CHECK(names[k] == c.name);
      CHECK(ids[k] == trialmatch::grammar::detail::slug_of(c.name));
    }
  }
}

#pragma once
// A trial's bound array in the library (docs/library-format.md, "The bound array"): its nodes with concepts
// and units named by the library's tables of names, so that loading binds no tree again and a lexicon or
// units table changed since compiling is still read by name.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "library_codec.hpp"
#include "trialmatch/engine/evaluate.hpp"

namespace trialmatch::matcher::codec {

// The names the bound arrays of a library refer to, each once, in the order first met.
class NameTable {
 public:
  std::uint32_t index(const std::string& name);  // adds the name where new
  const std::vector<std::string>& names() const noexcept { return names_; }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::uint32_t> index_;
};

struct BoundNames {
  NameTable concepts;  // concept ids
  NameTable units;     // unit spellings as written
};

// Every name `tree` refers to goes into `names`; then write_bound writes the array with their indices.
void collect_names(const engine::BoundTree& tree, BoundNames& names);
void write_bound(Writer& w, const engine::BoundTree& tree, BoundNames& names);

// The library's tables resolved once per load: each concept id to its index in the lexicon (kNotListed
// where it lists none), each unit spelling read (nullopt where no unit reads so).
struct ResolvedNames {
  const engine::Lexicon* lexicon = nullptr;
  std::vector<std::uint32_t> concepts;
  std::vector<std::optional<engine::units::Unit>> units;
};
ResolvedNames resolve_names(const std::vector<std::string>& concepts, const std::vector<std::string>& units,
                            const engine::Lexicon& lexicon);

// Reads a bound array written by write_bound (its trees() counts the trees read).
engine::BoundTree read_bound(Reader& r, const ResolvedNames& names);

}  // namespace trialmatch::matcher::codec

#pragma once
// The compiled trial library: trials with their predicate trees, saved once by `trialmatch compile` and
// loaded without re-parsing any criterion text. The format is docs/library-format.md: an 8-byte magic,
// a record count, then one length-prefixed binary record per trial (records decode independently, so
// loading uses every worker).
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/grammar/parser.hpp"
#include "trialmatch/matcher/match.hpp"
#include "trialmatch/matcher/trial.hpp"

namespace trialmatch::matcher {

inline constexpr std::string_view kLibraryMagic{"TMLIB\x00\x00\x09", 8};  // last byte: format version

// True where the file starts with the library magic (a cheap 8-byte read; false for unreadable files).
bool is_library_file(const std::string& path);
bool is_library(std::string_view content) noexcept;

// Writes the library: magic, count, one record per trial, in the order given.
void write_library(std::ostream& out, const std::vector<CompiledTrial>& trials);
std::string library_bytes(const std::vector<CompiledTrial>& trials);

struct LibraryLoad {
  std::vector<CompiledTrial> trials;
  std::vector<LoadProblem> problems;  // a damaged record is reported ("record 12 (byte 4711)") and skipped
};

// Called on the calling thread only, with (what is being done, items done, items in all); may be empty.
using LoadProgress = std::function<void(std::string_view, std::size_t, std::size_t)>;

// Decodes `content` (a whole library file) on `jobs` threads; `name` names the input in problems.
LibraryLoad read_library(std::string_view content, const std::string& name, unsigned jobs = 1,
                         const LoadProgress& progress = {});
LibraryLoad load_library(const std::string& path, unsigned jobs = 1, const LoadProgress& progress = {});

// compile() on `jobs` threads; the result is in the order given.
std::vector<CompiledTrial> compile_all(const std::vector<Trial>& trials, const grammar::Parser& parser,
                                       const engine::Lexicon& lexicon, unsigned jobs = 1,
                                       const LoadProgress& progress = {});

// Every path in order: a compiled library (recognised by its magic) is decoded, anything else is read
// by load_trials and compiled. Problems of every input are collected.
LibraryLoad load_compiled(const std::vector<std::string>& paths, const grammar::Parser& parser,
                          const engine::Lexicon& lexicon, unsigned jobs = 1, const LoadProgress& progress = {});

}  // namespace trialmatch::matcher

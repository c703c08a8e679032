#pragma once
// Unit spellings as criteria write them, read into UCUM codes.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace trialmatch::grammar {

// The UCUM code of a unit spelling ("mg/dl" -> "mg/dL", "years" -> "a", "(mol/L)" -> "mol/L"),
// or nullopt. `ten_power` is the exponent written before it ("×10^9/L" -> 9, "10*9/L"). The code is
// kept(): it lives as long as the thread.
std::optional<std::string_view> resolve_unit(std::string_view spelling, int ten_power = 0);

// A copy of `s`, each distinct string once: a unit code or spelling made while reading a line (not a
// view into the line) that a Quantity can point at. It lives until the outermost KeptScope of the thread
// ends with more than kMaxKeptStrings kept (a few hundred distinct on the corpus, so in practice for the
// thread's life); outside any scope (tokenize() called directly), until the thread's next scope so ends.
std::string_view kept(std::string_view s);

// A parse under way on this thread (Parser::parse; nested ones count once). Where the outermost ends and
// the store holds more than kMaxKeptStrings, it is emptied, with the spelling cache whose codes point into
// it: no view made during the parse outlives it, and a server parsing for days keeps a bounded store.
inline constexpr std::size_t kMaxKeptStrings = 4096;
namespace kept_detail {
// The thread's depth of KeptScopes and how many strings kept() holds: inline variables, so that a scope's two tests
// are inline in the parse (out of line they were two calls a line), with no thread_local wrapper call.
inline thread_local int scope_depth = 0;
inline thread_local std::size_t count = 0;
void empty_store();  // units_read.cpp: the store and the spelling cache emptied
}  // namespace kept_detail
class KeptScope {
 public:
  KeptScope() noexcept { ++kept_detail::scope_depth; }
  ~KeptScope() {
    if (--kept_detail::scope_depth == 0 && kept_detail::count > kMaxKeptStrings) [[unlikely]]
      kept_detail::empty_store();
  }
  KeptScope(const KeptScope&) = delete;
  KeptScope& operator=(const KeptScope&) = delete;
};
// How many distinct strings kept() holds on this thread now (for the tests of the bound).
std::size_t kept_strings() noexcept;

// The length of a unit spelling at pos ("mg/dL", "(years)", "x 10^9/L", "times a week"), 0 for none: the
// tokenizer's quantity rule (declared in custom_rules.hpp too, for the rules).
std::size_t unit_spelling_length(std::string_view text, std::size_t pos);

// units_frequency.cpp: a count per time after a number ("times a week" -> "/wk", "cigarettes per day"
// -> "{cigarettes}/d", "days a week" -> "d/wk"). The length of the spelling at pos (0 for none), and the
// UCUM code of a whole spelling; `bare_periodic` reads "daily" alone (after "twice", "once").
std::size_t frequency_spelling_length(std::string_view text, std::size_t pos);
std::optional<std::string> frequency_unit(std::string_view spelling, bool bare_periodic = false);
// frequency_spelling_length where whether "daily" alone is the period is given, not read from the words
// before pos (the tests' oracle of the precheck that reads those words only where a periodic word is at pos).
std::size_t frequency_length_given(std::string_view text, std::size_t pos, bool bare_periodic);

// True for time units (a, mo, wk, d, h, min).
bool is_time_unit(std::string_view ucum) noexcept;
// Days in one of a UCUM time unit (a, mo, wk, d, h, min); 0 for any other unit.
double days_in(std::string_view ucum) noexcept;

}  // namespace trialmatch::grammar

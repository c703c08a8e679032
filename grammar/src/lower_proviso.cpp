// "bipolar disorder or schizophrenia or another current Axis I disorder if there is a significant risk of harm":
// a condition clause ("if", "when", "provided") in unread words after the last of several alternatives may bound
// every one of them, as a time at the end of a list may time every event (lower_items.cpp). Read with the
// alternatives standing alone, a patient with a stable bipolar disorder was excluded; which alternatives the
// clause reaches is a person's to read.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool Lowering::proviso_may_reach(std::size_t b, std::size_t e, const std::vector<Item>& items,
                                 const std::vector<Conn>& conns) const {
  if (items.size() < 2 || !items.back().text || conns.back() != Conn::or_) return false;
  // The alternatives of the last item: back over "or" and commas, not past an "and"; one of them read.
  std::size_t first = items.size() - 1;
  while (first > 0 && (conns[first - 1] == Conn::or_ || conns[first - 1] == Conn::comma)) --first;
  bool read = false;
  for (std::size_t k = first; k + 1 < items.size(); ++k) read = read || !items[k].text;
  if (!read) return false;
  static constexpr std::string_view clauses[] = {"if", "when", "whenever", "provided"};
  for (std::size_t x = b; x < e; ++x) {
    if (toks_[x].begin < items.back().begin || toks_[x].end > items.back().end) continue;
    // (Not its first word: "or if ..." opens an alternative of its own.)
    if (toks_[x].begin == items.back().begin) continue;
    const Tok k = toks_[x].kind;
    if ((k == Tok::word || k == Tok::filler || k == Tok::guard) && one_of(lower_ascii(slice(toks_[x].begin, toks_[x].end)), clauses))
      return true;
  }
  return false;
}

}  // namespace trialmatch::grammar::detail

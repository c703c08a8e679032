// "Inability to take part in exercise/physical activity": a slash pairs two words ("exercise/physical activity")
// that the words before the first of them govern together. Where those words are a judgement ("inability to",
// "unable to", "unwilling to"), the second word read alone named the opposite: an exclusion of every patient who
// is physically active. The words from the judgement to the last item the slashes join become one text.
// ("Inability to walk, diabetes": a comma starts an item of its own, read as before.)
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

void Lowering::judged_slash_pair(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                                 std::vector<bool>& text_has_or) {
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (!items[k].text || conns[k] != Conn::slash || items[k + 1].text) continue;
    bool judged = false;
    for (std::size_t x = token_at(items[k].begin, b, e); x < e && toks_[x].begin < items[k].end && !judged; ++x)
      judged = toks_[x].begin >= items[k].begin && toks_[x].kind == Tok::judgement;
    if (!judged) continue;
    std::size_t m = k + 1;
    while (m + 1 < items.size() && conns[m] == Conn::slash) ++m;
    join_items(items, conns, text_has_or, k, m);
  }
}

}  // namespace trialmatch::grammar::detail

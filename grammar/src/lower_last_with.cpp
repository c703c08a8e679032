// "BMI ≥ 40 or ≥ 35 kg/m2 with type 2 diabetes", "severe burns (>10% TBSA or >5% TBSA with full thickness injury)":
// a "with" after the last of two thresholds on one measure asks its object of that threshold only. Read with the
// connectors' precedence ("with" as a looser "and"), the object was asked of both (all(any(BMI ≥ 40, BMI ≥ 35),
// diabetes)): a patient with a BMI of 42 and no diabetes failed an inclusion and was not excluded by an exclusion,
// and the stricter threshold said nothing. Only where the thresholds compare one measure the same way and the one
// the "with" follows is the looser (else one of the two readings leaves a written part with no effect and a
// person decides which); the object runs to the end of the piece, its parts joined by "or" or commas.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {
bool upward(engine::Comparator c) { return c == engine::Comparator::gt || c == engine::Comparator::ge; }
bool downward(engine::Comparator c) { return c == engine::Comparator::lt || c == engine::Comparator::le; }
}  // namespace

void Lowering::with_on_last_threshold(std::vector<Item>& items, std::vector<Conn>& conns) const {
  for (std::size_t k = 1; k + 1 < items.size(); ++k) {
    if (conns[k - 1] != Conn::or_ || conns[k] != Conn::and_ || !joined_by_with(items, k)) continue;
    if (items[k - 1].text || items[k].text) continue;
    const auto* strict = std::get_if<engine::Cmp>(&items[k - 1].node.kind);
    const auto* loose = std::get_if<engine::Cmp>(&items[k].node.kind);
    if (!strict || !loose || strict->var != loose->var || strict->unit != loose->unit ||
        strict->relative_to != loose->relative_to || strict->within != loose->within)
      continue;
    const bool up = upward(strict->cmp) && upward(loose->cmp) && loose->value < strict->value;
    const bool down = downward(strict->cmp) && downward(loose->cmp) && loose->value > strict->value;
    if (!up && !down) continue;
    // The object: every item after the "with", joined by "or" or commas only.
    bool alternatives = true;
    for (std::size_t x = k + 1; x + 1 < items.size() && alternatives; ++x)
      alternatives = conns[x] == Conn::or_ || conns[x] == Conn::comma;
    if (!alternatives) return;
    std::vector<Item> object(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(k) + 1),
                             std::make_move_iterator(items.end()));
    std::vector<Conn> object_conns(conns.begin() + static_cast<std::ptrdiff_t>(k) + 1, conns.end());
    for (auto& c : object_conns) c = Conn::or_;
    const std::uint32_t end = object.back().end;
    Node asked = combine_as(object, object_conns, ListReading::as_written);
    std::vector<Node> both;
    both.push_back(std::move(items[k].node));
    both.push_back(std::move(asked));
    items[k].node = engine::make_all(std::move(both), {items[k].begin, end});
    items[k].end = end;
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(k) + 1, items.end());
    conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(k), conns.end());
    return;
  }
}

}  // namespace trialmatch::grammar::detail

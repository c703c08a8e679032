// How the items of a piece combine, and how a line splits into pieces.
#include <fmt/format.h>

#include <algorithm>

#include "lower.hpp"
#include "lower_finish.hpp"
#include "lower_kind_mask.hpp"
#include "lower_local_node.hpp"
#include "lower_node_slot.hpp"
#include "lower_section_verb.hpp"
#include "lower_setting.hpp"
#include "section_clash.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar {
namespace detail {

namespace {
// True where the comma list around conns[k] is a list of conditions (typed or read by a person), not
// a threshold still looking for its variable.
bool complete_conditions(const std::vector<Item>& items, const std::vector<Conn>& conns, std::size_t k,
                         bool and_before = false) {
  // "(<11 g/dL in females and <12 g/dL in males), refusal of blood products": an "and" before the
  // commas may join parts of one condition; the list is then read as written (unless the caller has made
  // what is before the comma one item, `and_before`).
  for (std::size_t x = 0; x < k && !and_before; ++x)
    if (conns[x] == Conn::and_) return false;
  std::size_t first = k, last = k + 1;
  while (first > 0 && (conns[first - 1] == Conn::comma)) --first;
  while (last < conns.size() && (conns[last] == Conn::comma || conns[last] == Conn::and_)) ++last;
  if (last >= items.size()) last = items.size() - 1;
  // A threshold with no variable may belong to the item before it ("ALT > 3× ULN, > 5× ULN with liver
  // metastases"). The line's first item has none before it: it is the tail of the line above ("PLT\n<140,000,
  // AST >200, ALT >200"), a text of its own.
  for (std::size_t x = first; x <= last; ++x)
    if (items[x].orphan && !(x == 0 && conns[0] == Conn::comma)) return false;
  return true;
}

}  // namespace

Node Lowering::combine(std::vector<Item>& items, std::vector<Conn>& conns) const { return combine_as(items, conns, lists_); }

std::optional<Node> Lowering::combined(std::vector<Item>& items, std::vector<Conn>& conns) const {
  std::optional<Node> out;
  combined_into(items, conns, out);
  return out;
}

void Lowering::combined_into(std::vector<Item>& items, std::vector<Conn>& conns, NodeSlot out) const {
  // (combine_as does nothing else to one item with no connector: every step of it before its own one-item return
  // asks for a connector or for two items.)
  if (items.size() == 1 && conns.empty()) {
    items.front().node.span = {items.front().begin, items.front().end};
    out.make([&] { return Item::take_node(items.front().node); });  // (the item left owning nothing: Item::take_node)
    return;
  }
  out.make([&] { return combine_as(items, conns, lists_); });  // (made in its place: lower_node_slot.hpp)
}

// (`reading`: how the section reads a comma list; as_written for a part read alone.)
Node Lowering::combine_as(std::vector<Item>& items, std::vector<Conn>& conns, ListReading reading) const {
  with_on_last_threshold(items, conns);  // "BMI ≥ 40 or ≥ 35 with diabetes" (lower_last_with.cpp)
  // "Preoperative anemia (hemoglobin <11 g/dL in females and <12 g/dL in males), refusal of blood products": in an
  // exclusion, the parts an "and" joins before the list's first comma are one condition, and the conditions
  // the commas list are each excluded (read as written, the "and" made the whole list one conjunction: no
  // patient without anemia was excluded for refusing blood).
  if (reading == ListReading::any) {
    std::size_t comma = 0;
    while (comma < conns.size() && conns[comma] != Conn::comma) ++comma;
    bool and_before = false;
    for (std::size_t x = 0; x < comma && x < conns.size(); ++x) and_before = and_before || conns[x] == Conn::and_;
    // ("age > 30 years with T2DM, hypertension": the list after "with" is its object, every item with the age.)
    for (std::size_t x = 0; x < comma && x < conns.size() && and_before; ++x)
      and_before = !(conns[x] == Conn::and_ && joined_by_with(items, x));
    bool only_or_after = true;  // "A and B, C or D": a later "and" would make the grouping a person's to read
    for (std::size_t x = comma; x < conns.size(); ++x) only_or_after = only_or_after && conns[x] != Conn::and_;
    // (Read parts only, and no sex, before the comma: "women with heart disease, QT prolongation" keeps the women
    // for every item, "IOP > 20 mm, and h/o ocular hypertension, glaucoma" asks the history with the pressure.
    // Events may be there: "Anemia (hemoglobin <10 g/dL in females and <12 g/dL in males), diabetes"; two events
    // an exclusion joins by "and" were made alternatives before.)
    for (std::size_t x = 0; x <= comma && x < items.size() && and_before; ++x)
      and_before = !items[x].text && !std::holds_alternative<engine::Sex>(items[x].node.kind);
    if (and_before && comma < conns.size() && only_or_after && complete_conditions(items, conns, comma, true)) {
      std::vector<Item> head(std::make_move_iterator(items.begin()),
                             std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(comma) + 1));
      std::vector<Conn> head_conns(conns.begin(), conns.begin() + static_cast<std::ptrdiff_t>(comma));
      const std::uint32_t begin = head.front().begin, end = head.back().end;
      Item joined{combine_as(head, head_conns, ListReading::as_written), false, begin, end};
      items.erase(items.begin() + 1, items.begin() + static_cast<std::ptrdiff_t>(comma) + 1);
      items.front() = std::move(joined);
      conns.erase(conns.begin(), conns.begin() + static_cast<std::ptrdiff_t>(comma));
    }
  }
  if (reading == ListReading::all) unclear_event_lists(items, conns);
  // A comma takes the meaning of the list's last connector ("A, B or C"); a list of events with no
  // last connector is a list of alternatives, a list of thresholds is a list of requirements.
  // (Each comma is judged on the connectors as written: the ones this loop has rewritten already would make
  // "A, B, C" read as "A and (B or C)".)
  // (Copied only where a comma may be read as the section reads lists: the one use of the copy.)
  std::vector<Conn> written;
  if (reading != ListReading::as_written && std::find(conns.begin(), conns.end(), Conn::comma) != conns.end()) written = conns;
  // (Every comma of one run of commas reads the same: the run is judged at its first comma, and the others take
  // that reading without judging it again, which over a list of thousands of items would be quadratic.)
  std::size_t run_end = 0;
  Conn run_reading = Conn::none;
  for (std::size_t k = 0; k < conns.size(); ++k) {
    if (conns[k] == Conn::slash) conns[k] = Conn::or_;
    if (conns[k] != Conn::comma) continue;
    if (k < run_end) {
      conns[k] = run_reading;
      continue;
    }
    run_end = k + 1;
    while (run_end < conns.size() && conns[run_end] == Conn::comma) ++run_end;
    Conn next = Conn::none;
    for (std::size_t m = k + 1; m < conns.size(); ++m)
      if (conns[m] == Conn::and_ || conns[m] == Conn::or_) { next = conns[m]; break; }
      else if (conns[m] != Conn::comma) break;
    // In a section, a comma list of separate conditions ("creatinine >2× ULN, bilirubin >2× ULN, and
    // AST >2× ULN") is read as the section reads lists: any of them excludes, all of them include.
    if (reading != ListReading::as_written && next != Conn::or_ && complete_conditions(items, written, k)) {
      next = reading == ListReading::any ? Conn::or_ : Conn::and_;
      // "A, B, and C" in an exclusion: the list's closing "and" joins one more alternative.
      for (std::size_t m = k + 1; m < conns.size() && (conns[m] == Conn::comma || conns[m] == Conn::and_); ++m)
        if (conns[m] == Conn::and_) { conns[m] = next; break; }
    }
    if (next == Conn::none) {
      // A comma list with conditions in it is a list of alternatives; one of thresholds, of requirements.
      std::size_t first = k, last = k + 1;
      while (first > 0 && conns[first - 1] == Conn::comma) --first;
      while (last < conns.size() && conns[last] == Conn::comma) ++last;
      bool has_event = false, has_cmp = false;
      for (std::size_t x = first; x <= last && x < items.size(); ++x) {
        if (items[x].text) continue;
        // "..., not pregnant": a negated item is a requirement, never one of alternatives.
        if (std::holds_alternative<engine::Not>(items[x].node.kind)) has_cmp = true;
        else if (contains_has(items[x].node)) has_event = true;
        else has_cmp = true;
      }
      next = (has_event && !has_cmp) ? Conn::or_ : Conn::and_;
    }
    conns[k] = next;
    run_reading = next;
  }
  // One item is itself (what the joins below would give it, without their vectors). (Moved out as it is returned:
  // a second named node returned below kept either from being built in place, and each was moved once more.)
  if (items.size() == 1) {
    items.front().node.span = {items.front().begin, items.front().end};
    return Item::take_node(items.front().node);
  }
  // Precedence: adjacency, then "or", then "and". Each group is found by its bounds first, so that a group of
  // one node moves straight into the level above it (through lists of one it was moved at every level).
  auto adjacent_into = [&](std::size_t from, std::size_t to, std::vector<Node>& into) {
    if (to - from == 1) {
      into.emplace_back(MadeBy{[&] { return Item::take_node(items[from].node); }});
      return;
    }
    std::vector<Node> adjacent;
    adjacent.reserve(to - from);
    for (std::size_t x = from; x < to; ++x) adjacent.emplace_back(MadeBy{[&] { return Item::take_node(items[x].node); }});
    into.push_back(join(std::move(adjacent), false, {}));
  };
  // The groups of adjacent items of [from, to) between its "or"s (two or more), joined as alternatives.
  auto joined_alternatives = [&](std::size_t from, std::size_t to) {
    // (Room for every alternative at once: grown one, two, four, each growth moved every node before it.)
    std::size_t groups = 1;
    for (std::size_t k = from + 1; k < to; ++k) groups += conns[k - 1] == Conn::or_ ? 1 : 0;
    std::vector<Node> alternatives;
    alternatives.reserve(groups);
    for (std::size_t k = from; k < to;) {
      std::size_t next = k + 1;
      while (next < to && conns[next - 1] != Conn::or_) ++next;
      adjacent_into(k, next, alternatives);
      k = next;
    }
    // Alternatives that each carry their own guard ("Karnofsky (age ≥16) ≥70 or Lansky (age <16) ≥50")
    // are requirements for different people: all of them hold.
    bool all_guarded = alternatives.size() > 1;
    for (const auto& a : alternatives) all_guarded = all_guarded && std::holds_alternative<engine::If>(a.kind);
    return join(std::move(alternatives), !all_guarded, {});
  };
  auto no_or = [&](std::size_t from, std::size_t to) {
    bool single = true;
    for (std::size_t k = from + 1; k < to && single; ++k) single = conns[k - 1] != Conn::or_;
    return single;
  };
  auto alternatives_into = [&](std::size_t from, std::size_t to, std::vector<Node>& into) {
    if (no_or(from, to)) {
      adjacent_into(from, to, into);
      return;
    }
    into.push_back(joined_alternatives(from, to));
  };
  std::size_t groups = 1;
  for (std::size_t k = 1; k < items.size(); ++k) groups += conns[k - 1] == Conn::and_ ? 1 : 0;
  Node out = [&]() -> Node {
    // One group (no "and" between the items, as in most lists of alternatives): its node is the result, made in
    // `out`. (Through a vector of one conjunct, join gave it back moved once more, and the vector was allocated.)
    // Two or more items here: a list of one was returned above.
    if (groups == 1) {
      if (!no_or(0, items.size())) return joined_alternatives(0, items.size());
      std::vector<Node> adjacent;
      adjacent.reserve(items.size());
      for (Item& it : items) adjacent.emplace_back(MadeBy{[&] { return Item::take_node(it.node); }});
      return join(std::move(adjacent), false, {});
    }
    std::vector<Node> conjuncts;
    conjuncts.reserve(groups);
    for (std::size_t k = 0; k < items.size();) {
      std::size_t next = k + 1;
      while (next < items.size() && conns[next - 1] != Conn::and_) ++next;
      alternatives_into(k, next, conjuncts);
      k = next;
    }
    return join(std::move(conjuncts), false, {});
  }();
  if (!items.empty()) out.span = {items.front().begin, items.back().end};
  return out;
}

// "with or without an assistive device": the phrase and the words it allows, up to the next condition
// (a connector, a threshold, a window, a guard, a parenthesis or the end), at most a few words.
std::optional<std::pair<std::size_t, std::size_t>> Lowering::either_way(std::size_t k, std::size_t e) const {
  std::size_t x = k + 3;
  std::size_t words = 0;
  while (x < e) {
    const Tok t = toks_[x].kind;
    if (t == Tok::word || t == Tok::name || t == Tok::filler || t == Tok::status_active || t == Tok::status_history) {
      if (++words > 6) return std::nullopt;
      ++x;
      continue;
    }
    break;
  }
  if (words == 0) return std::nullopt;
  // Only a clear end: another condition may follow, never more words of the same one.
  if (x < e) {
    const Tok t = toks_[x].kind;
    const bool clear = t == Tok::comma || t == Tok::semicolon || t == Tok::period || t == Tok::and_ || t == Tok::or_ ||
                       t == Tok::cmp || t == Tok::quantity || t == Tok::within || t == Tok::ahead || t == Tok::guard || t == Tok::rparen ||
                       t == Tok::lparen;
    if (!clear) return std::nullopt;
  }
  return std::make_pair(k, x);
}

// "Impaired glucose tolerance: fasting glucose < 7.0 and 2-hour glucose ≥ 7.8 and < 11.1 OR Impaired fasting
// glycaemia: fasting glucose ≥ 6.1 and < 7.0 OR Normal glucose tolerance: ...": groups, each named by a label
// before a colon, joined by an "OR" in capitals, are the alternatives, each read whole; the "and"s inside a
// group do not reach across the "OR" (read by the usual precedence, "or" inside "and", they made one
// contradiction of the three groups). Only where every group opens with its label.
std::optional<Node> Lowering::labelled_alternatives(std::size_t b, std::size_t e) {
  if (b >= e || !kinds_in(b, e).has(Tok::or_) || slice(toks_[b].begin, toks_[e - 1].end).find("OR") == std::string_view::npos) return std::nullopt;
  std::vector<std::size_t> cuts;  // the capital ORs at depth 0
  for (std::size_t x = b, depth = 0; x < e; ++x) {
    if (toks_[x].kind == Tok::lparen) ++depth;
    else if (toks_[x].kind == Tok::rparen && depth > 0) --depth;
    else if (depth == 0 && toks_[x].kind == Tok::or_ && slice(toks_[x].begin, toks_[x].end) == "OR") cuts.push_back(x);
  }
  if (cuts.empty()) return std::nullopt;
  // A label: a few words, then a colon, at the start of each group.
  auto labelled = [&](std::size_t from, std::size_t to) {
    for (std::size_t x = from, words = 0; x < to && words <= 6; ++x) {
      const Tok k = toks_[x].kind;
      if (k == Tok::colon) return words > 0 && x + 1 < to;
      if (k != Tok::word && k != Tok::name && k != Tok::filler && k != Tok::status_history && k != Tok::status_active)
        return false;
      ++words;
    }
    return false;
  };
  std::size_t from = skip_neutral(b, e);
  std::vector<std::pair<std::size_t, std::size_t>> groups;
  for (std::size_t c : cuts) {
    groups.emplace_back(from, c);
    from = c + 1;
  }
  groups.emplace_back(from, e);
  for (const auto& [gb, ge] : groups)
    if (!labelled(gb, ge)) return std::nullopt;
  std::vector<Node> alternatives;
  for (const auto& [gb, ge] : groups) {
    auto read = piece(gb, ge);
    if (!read) read = text_node(toks_[gb].begin, toks_[ge - 1].end, engine::TextReason::not_understood);
    alternatives.push_back(std::move(*read));
  }
  return engine::make_any(std::move(alternatives), {toks_[b].begin, toks_[e - 1].end});
}

std::optional<Node> Lowering::piece(std::size_t b, std::size_t e) {
  std::optional<Node> read;
  piece_into(b, e, read);
  return read;
}

bool Lowering::piece_into(std::size_t b, std::size_t e, NodeSlot out) {
  // (No tokens, no reading: each reading below and the items' walk would refuse it.)
  if (b >= e) return false;
  // A reading that read, put into `out`; the piece from token `first` to its end as text, put there. (Forced inline:
  // as calls they cost 0.3 M instructions a pass.)
  const auto took = [&](std::optional<Node>&& read) __attribute__((always_inline)) {
    if (!read) return false;
    out.put(std::move(*read));
    return true;
  };
  const auto text_from = [&](std::size_t first) __attribute__((always_inline)) {
    out.put(text_node(toks_[first].begin, toks_[e - 1].end, engine::TextReason::not_understood));
    return true;
  };
  // The piece's token kinds, once: each reading below needs some kinds, and is not called where they are
  // missing (its own first test, said again here: most pieces have none of them, and a call per reading and
  // piece adds up). The loops further down look for an "or", a colon, a judgement.
  const TokKinds kinds = kinds_in(b, e);
  const auto holds = [&](Tok k) { return kinds.has(k); };
  // "Age ≥ 30 years (Healthy control group)" (lower_cohort_after.cpp): the cohort in parentheses, which close the
  // piece but for a period, comma or ';' (its own first test).
  const auto closes_with_parenthesis = [&] {
    std::size_t z = e;
    while (z > b && (toks_[z - 1].kind == Tok::period || toks_[z - 1].kind == Tok::comma || toks_[z - 1].kind == Tok::semicolon))
      --z;
    return z > b && toks_[z - 1].kind == Tok::rparen;
  };
  if (holds(Tok::lparen) && holds(Tok::rparen) && closes_with_parenthesis())
    if (took(cohort_after(b, e))) return true;
  if (holds(Tok::negation) && states_exemption(b, e)) return text_from(b);
  // (Each group of labelled alternatives opens with its label, which ends with a colon.)
  if (holds(Tok::or_) && holds(Tok::colon))
    if (took(labelled_alternatives(b, e))) return true;
  // (whichever_window: "whichever comes first" is read only after a "within"; the two windows of "whichever is
  // longer" are joined by an "or", the second a number.)
  if (holds(Tok::within) || (holds(Tok::or_) && holds(Tok::quantity)))
    if (took(whichever_window(b, e))) return true;
  // (now_or_window: "currently or within the past 3 months": an "or" or "and/or" right before the "within".)
  const auto or_then_within = [&] {
    for (std::size_t x = b; x + 1 < e; ++x)
      if ((toks_[x].kind == Tok::or_ || toks_[x].kind == Tok::and_or) && toks_[x + 1].kind == Tok::within) return true;
    return false;
  };
  if (holds(Tok::within) && (holds(Tok::or_) || holds(Tok::and_or)) && or_then_within())
    if (took(now_or_window(b, e))) return true;
  if (holds(Tok::cmp) && holds(Tok::after))
    if (took(elapsed_since(b, e))) return true;
  // (elapsed_ago: "Surgery < 6 months ago": the events open the piece, but for neutral tokens.)
  const auto event_first = [&] {
    const std::size_t first = neutral(b) ? skip_neutral(b, e) : b;
    return first < e && is_event(first);
  };
  if (holds(Tok::name) && holds(Tok::cmp) && holds(Tok::quantity) && event_first())
    if (took(elapsed_ago(b, e))) return true;
  if (holds(Tok::or_) && holds(Tok::cmp) && holds(Tok::name))
    if (took(second_threshold_with(b, e))) return true;  // lower_threshold_with.cpp
  // (survival_unlikely: "unlikely" is the piece's first or last word but for neutral tokens; a word of 8 bytes
  // there, asked first.)
  const auto unlikely_at_an_end = [&] {
    const std::size_t first = neutral(b) ? skip_neutral(b, e) : b;  // (most pieces open with a word: no call)
    if (first < e && toks_[first].end - toks_[first].begin == 8) return true;
    std::size_t end = e;
    while (end > b && neutral(end - 1)) --end;
    return end > b && toks_[end - 1].end - toks_[end - 1].begin == 8;
  };
  if (holds(Tok::quantity) && unlikely_at_an_end())
    if (took(survival_unlikely(b, e))) return true;
  // (stability: its tolerance is written "±" or "+/-", a token of no kind of its own: `other`.)
  if (holds(Tok::name) && holds(Tok::word) && holds(Tok::quantity) && holds(Tok::other))
    if (took(stability(b, e))) return true;
  if (holds(Tok::name) && (holds(Tok::within) || holds(Tok::ahead) || holds(Tok::guard)))
    if (took(planned_ahead(b, e))) return true;
  if (holds(Tok::judgement))
    if (took(ability_for(b, e))) return true;
  // (count_lists_kinds: the kinds listed in the parentheses are joined by a comma, an "or" or an "and/or".)
  if (holds(Tok::lparen) && holds(Tok::quantity) && (holds(Tok::comma) || holds(Tok::or_) || holds(Tok::and_or)) &&
      count_lists_kinds(b, e)) {
    if (took(counted(b, e))) return true;
    return text_from(b);
  }
  // (guarded_alternative: the alternative's threshold, or the limit inside the parentheses, has a number or a
  // multiple of a limit: lower_alternative.cpp, threshold().)
  if ((holds(Tok::rparen) || (holds(Tok::comma) && holds(Tok::or_))) && (holds(Tok::quantity) || holds(Tok::relative)))
    if (took(guarded_alternative(b, e))) return true;
  // (list_with_asides: its asides are in parentheses, and its items are parted by commas outside them.)
  if (lists_ == ListReading::any && (holds(Tok::examples) || holds(Tok::exception)) && holds(Tok::lparen) &&
      holds(Tok::comma))
    if (took(list_with_asides(b, e))) return true;
  // "Patients with or without diabetes", "without or with treatment": what follows is allowed either
  // way, so no condition on it; the lowering would read "without" as a negation. A person reads the
  // piece. The "with" may be before b, skipped with the lead-in ("Patients with").
  auto word_is = [&](std::size_t k, std::string_view w) { return iequals(slice(toks_[k].begin, toks_[k].end), w); };
  // ("without" is a negation token, in the piece or right before it: a piece with none has no such phrase. Nor has
  // one with no "or", asked first: most pieces have none.)
  const bool or_and_negation_near =
      kinds.has(Tok::or_) && (kinds.has(Tok::negation) || (b > 0 && toks_[b - 1].kind == Tok::negation));
  for (std::size_t k = b > 0 ? b - 1 : b; or_and_negation_near && k + 2 < e; ++k) {
    if (toks_[k + 1].kind != Tok::or_ || ignored(k + 1) || !((word_is(k, "with") && word_is(k + 2, "without")) ||
                                           (word_is(k, "without") && word_is(k + 2, "with"))))
      continue;
    // What the phrase allows ends where the next condition starts: the rest is read without it.
    const auto span = either_way(k, e);
    if (!span) return text_from(b);
    if (ignored_.empty()) ignored_.assign(toks_.size(), false);
    IgnoredTokens before = ignored_;
    for (std::size_t x = std::max(span->first, b); x < span->second; ++x) ignored_[x] = true;
    const std::size_t diagnostics_before = diags_.size();
    // (Read into `out`: a reading refused here is replaced by the text below.)
    if (piece_into(b, e, out) && engine::partly_typed(out.get())) {
      warn(fmt::format("'{}' allows either, so it asks nothing", trim(slice(toks_[std::max(span->first, b)].begin,
                                                                          toks_[span->second - 1].end))),
           toks_[std::max(span->first, b)].begin, toks_[span->second - 1].end);
      out.get().span = {toks_[b].begin, toks_[e - 1].end};
      return true;
    }
    diags_.resize(diagnostics_before);
    ignored_ = std::move(before);
    return text_from(b);
  }
  // "History of major organ damage including: AST or ALT >3× ULN": a lead-in with no logic of its own
  // before a colon is a heading for what follows it.
  for (std::size_t c = b, depth = 0; kinds.has(Tok::colon) && c < e; ++c) {
    // (A colon in parentheses heads nothing outside them: "cardiac surgery (eg: CABG)" names an example. A count
    // there, "(three or more of the following: ...)", is read below.)
    if (toks_[c].kind == Tok::lparen) ++depth;
    if (toks_[c].kind == Tok::rparen && depth > 0) --depth;
    if (toks_[c].kind != Tok::colon) continue;
    if (depth > 0) {
      bool count = false;
      for (std::size_t k = b; k + 1 < c && !count; ++k)
        count = toks_[k].kind == Tok::quantity && toks_[k].quantity.unit.empty();
      if (!count) continue;
    }
    bool lead_typed = false;
    // "Criteria for women:" guards what follows; "Key Criteria for Healthy Volunteers:" only names it.
    auto reads_as_guard = [&](std::size_t k) {
      const std::size_t mark = diags_.size();
      Node cond;
      const bool read = guard(k, c, cond).has_value();
      diags_.resize(mark);
      return read;
    };
    // "Any of the following:", "At least one of the following:": one item is enough (lower_lead_ins.cpp).
    // (Its first words may be ones the line's start skipped: "Any of the".)
    std::size_t opening = b;
    while (opening > 0 && (toks_[opening - 1].kind == Tok::subject || neutral(opening - 1)) &&
           toks_[opening - 1].kind != Tok::semicolon && toks_[opening - 1].kind != Tok::period)
      --opening;
    const bool alternatives = announces_alternatives(opening, c);
    if (alternatives && items_hold_lead_ins(c + 1, e)) return text_from(opening);
    // ("At least one of": that comparison counts the items, and compares nothing of the patient's.)
    const auto counts_one = [&](std::size_t k) {
      return alternatives && k + 1 < c && toks_[k + 1].kind == Tok::quantity && toks_[k + 1].quantity.value == 1;
    };
    for (std::size_t k = b; k < c; ++k)
      lead_typed = lead_typed || (toks_[k].kind == Tok::cmp && !counts_one(k)) ||
                   (toks_[k].kind == Tok::quantity && (!toks_[k].quantity.unit.empty() || toks_[k].quantity.unit_unknown ||
                                                       toks_[k].quantity.relative_to != engine::RelativeTo::none)) ||
                   toks_[k].kind == Tok::sex_male || toks_[k].kind == Tok::sex_female ||
                   (toks_[k].kind == Tok::guard && reads_as_guard(k));
    // "having three or more of the following:": a count of the items after the colon, which no list reading
    // expresses; the count is read whole, or a person reads it.
    // (One of the items, after a lead-in that compares nothing, is any of them: read below.)
    for (std::size_t k = b; k < c && !(alternatives && !lead_typed); ++k) {
      if (toks_[k].kind != Tok::quantity || !toks_[k].quantity.unit.empty()) continue;
      std::size_t m = k + 1;
      while (m < c && toks_[m].kind == Tok::cmp_post) ++m;
      if (m < c && toks_[m].kind == Tok::filler && slice(toks_[m].begin, toks_[m].end) == "of") {
        if (took(counted(b, e))) return true;
        return text_from(b);
      }
    }
    // ("Women who are not postmenopausal must have the following: HbA1c >= 7%": a negation in a lead-in the sex
    // word makes typed says for whom, and read on, the negation reached past the colon and negated the item: a
    // woman with HbA1c 8% failed. Its reach is a person's to read, as for an untyped lead-in below. A time in the
    // lead-in, "No history of the following within 6 months:", is read by the windowed lead-in.)
    if (lead_typed && c + 1 < e &&
        ((lead_in_negation(b, c) == LeadNegation::unclear && !holds_an_amount_of_time(toks_[b].begin, toks_[c].begin)) ||
         lead_in_ends_with_examples(b, c))) return text_from(b);
    // "Age at diagnosis: 18 years or older": the lead names whose years follow; no heading.
    if (lead_typed || c + 1 >= e || age_at_other_moment(b, c)) break;
    const std::size_t diagnostics_before = diags_.size();
    // "Other inclusion criteria are: (1) curves 15°-45°": the number of the first item after the heading is layout.
    std::size_t first = c + 1;
    if (first + 3 < e && toks_[first].kind == Tok::lparen && toks_[first + 2].kind == Tok::rparen &&
        toks_[first + 1].kind == Tok::quantity) {
      const Quantity& q = toks_[first + 1].quantity;
      if (q.unit.empty() && !q.unit_unknown && q.relative_to == engine::RelativeTo::none && !q.plus && q.value == 1)
        first += 3;
    }
    // "History of major organ damage including: AST or ALT >3× ULN, bilirubin >2× ULN": the list after examples
    // names kinds of the heading's condition, any of which is it (an inclusion would ask for all of them).
    bool examples = false;
    for (std::size_t k = b; k < c; ++k) examples = examples || toks_[k].kind == Tok::examples;
    // "No history of the following: diabetes, stroke": none of the items (lower_lead_ins.cpp).
    // (Under exclusion criteria, "None of the following:" restates the section: any item excludes; where the
    // section is not known, which of the two it is is a person's to read.)
    LeadNegation negation = lead_in_negation(b, c);
    if (negation == LeadNegation::governs_items && lists_ != ListReading::all)
      negation = lists_ == ListReading::any ? LeadNegation::none : LeadNegation::unclear;
    std::size_t people = b;  // "Patients not on insulin:": the people word the piece begins after
    while (people > 0 && toks_[people - 1].kind == Tok::subject) --people;
    const ListReading section_lists = lists_;
    if ((examples || alternatives || negation == LeadNegation::governs_items) && lists_ == ListReading::all)
      lists_ = ListReading::any;
    // (Read into a LocalNode: an optional<Node> returned by piece() was zero-filled first, lower_local_node.hpp.)
    LocalNode rest_made;
    Node* rest = piece_into(first, e, rest_made.node) ? &rest_made.node : nullptr;
    lists_ = section_lists;
    if (rest && engine::partly_typed(*rest) && negation == LeadNegation::governs_items) {
      // (Whom a negated lead-in names as a cohort, "Controls must not have:", is a person's to read with it.)
      if (names_cohort(people, c)) return text_from(people);
      out.put(engine::make_not(std::move(*rest), {toks_[b].begin, toks_[e - 1].end}));
      return true;
    }
    // ("Not on insulin: HbA1c < 7%", "Controls must not have:": a negation in the lead-in says on what condition
    // or for whom; read as a heading or a guard, the items would be asked for.)
    if (rest && engine::partly_typed(*rest) && negation == LeadNegation::unclear) {
      diags_.resize(diagnostics_before);
      return text_from(people);
    }
    if (rest && engine::partly_typed(*rest)) {
      // "Only for the control group:", "For the volunteers with venous insufficiency:": a lead-in naming whom
      // what follows is for guards it, though the grammar cannot read whom; a person decides who is in it.
      // "Patient Inclusion Criteria:": the people word the piece begins after belongs to the lead-in.
      std::size_t lead = b;
      while (lead > 0 && toks_[lead - 1].kind == Tok::subject) --lead;
      bool guarded = names_cohort(lead, c);
      for (std::size_t k = b; k < c; ++k) guarded = guarded || toks_[k].kind == Tok::guard;
      // (Alternatives behind a guard the grammar cannot read, "score ≥ grade 1 for CNS disorders ... of one of the
      // following:": whether the guard names whom, or the requirement itself, is a person's to read.)
      if (guarded && alternatives) {
        diags_.resize(diagnostics_before);
        return text_from(people);
      }
      if (guarded) {
        const engine::Span span{toks_[lead].begin, toks_[e - 1].end};
        Node cohort = text_node(toks_[lead].begin, toks_[c].begin, engine::TextReason::not_understood);
        out.put(engine::make_if(std::move(cohort), std::move(*rest), span));
        return true;
      }
      // ("Currently taking any of the following:": the lead-in's "current" is the items'; where they cannot all
      // take it, a person reads the piece.)
      if (says_current(opening, c) && !give_current_status(*rest)) {
        diags_.resize(diagnostics_before);
        return text_from(people);
      }
      // ("Prior malignancy, except:", "Cardiovascular disease, such as:": lower_lead_lists.cpp.)
      if (lead_in_excepts(b, c) || lead_in_ends_with_examples(b, c) || condition_heading_admits_normal(b, c, *rest) ||
          lead_in_says_recent(b, c, *rest)) {  // lower_lead_recent.cpp
        diags_.resize(diagnostics_before);
        return text_from(people);
      }
      if (took(heading_condition(b, c, *rest))) return true;  // "Localized ... prostate cancer: Gleason 7 or" (lower_heading_condition.cpp)
      warn(fmt::format("lead-in '{}' read as a heading", trim(slice(toks_[b].begin, toks_[c].begin))), toks_[b].begin,
           toks_[c].begin);
      out.put(std::move(*rest));
      return true;
    }
    diags_.resize(diagnostics_before);
    break;
  }
  // A judgement word ("willing", "clinically significant") leaves its own words to a person; a
  // comparison beside it in the same piece ("Adults aged 55-90 years with significant cataracts")
  // is still read.
  bool judged = false;
  for (std::size_t i = b; kinds.has(Tok::judgement) && i < e && !judged; ++i) judged = judges(i);
  if (!judged) {
    // (The items read into `out`, the caller's node.)
    const std::size_t mark = diags_.size();
    if (!sequence_into(b, e, 0, out)) return false;
    // "At least one lesion, not previously irradiated ...": a count the items could not read, read whole.
    // (A count has a number: counted's own first test, asked before the tree is walked.)
    if (kinds.has(Tok::quantity) && !engine::partly_typed(out.get())) {
      // The items' warnings stay where they are while the count is tried (no copy of them): dropped if it
      // reads, placed after any of its own if it does not.
      const auto items_end = static_cast<std::ptrdiff_t>(diags_.size());
      if (auto count = counted(b, e)) {
        diags_.erase(diags_.begin() + static_cast<std::ptrdiff_t>(mark), diags_.begin() + items_end);
        out.put(std::move(*count));
        return true;
      }
      std::rotate(diags_.begin() + static_cast<std::ptrdiff_t>(mark), diags_.begin() + items_end, diags_.end());
    }
    return true;
  }
  const auto judgement_text = [&] {
    out.make([&] { return text_node(toks_[b].begin, toks_[e - 1].end, engine::TextReason::judgement); });
    return true;
  };
  // A judged piece of unread words alone: sequence_into reads it as text without the walk (unread_words_only), as
  // open_or_text_tokens reads it, and that text, its warning made and dropped below, gives way to the judgement's.
  // Where no word or filler from the filler and subject tokens right before b (which open_reading_or_text reads too)
  // to e is a scale word, the open reading has no island to read (each needs a window, a comparator, a number,
  // "between", a date or a scale word: the piece has none of the kinds), so the reading is text: the judgement's text
  // is made at once, with the state sequence_into leaves. (Half the judged pieces; docs/lowering-guards.md;
  // tests/unit/test_grammar_unread_pieces.cpp reads every judged span both ways.)
  const auto reads_as_text = [&] {
    if (!ignored_.empty() || !unread_words_only(b, e)) return false;
    // (open_or_text_tokens reads from b where the token before it begins earlier and to e where the token after it
    // ends later, as tokens in text order do; elsewhere the reading is asked.)
    if ((b > 0 && toks_[b - 1].begin >= toks_[b].begin) || (e < toks_.size() && toks_[e].end <= toks_[e - 1].end))
      return false;
    std::size_t from = b;
    while (from > 0 && (toks_[from - 1].kind == Tok::filler || toks_[from - 1].kind == Tok::subject)) --from;
    for (std::size_t x = from; x < e; ++x)
      if ((toks_[x].kind == Tok::word || toks_[x].kind == Tok::filler) && scale_word_token(toks_[x])) return false;
    return true;
  };
  if (reads_as_text()) {
    sequence_end_ = e;
    sequence_begin_ = skip_neutral(b, e);
    return judgement_text();
  }
  const std::size_t diagnostics_before = diags_.size();
  if (sequence_into(b, e, 0, out) && engine::partly_typed(out.get())) return true;
  diags_.resize(diagnostics_before);
  return judgement_text();
}

// Tokens of a list marker that starts at i inside a line, or 0: "(ii)", "b)", "2." glued to the
// next word. Never at the start of a piece (that marker is layout, handled by line()).
std::size_t Lowering::inner_marker(std::size_t i, std::size_t b) const {
  const std::size_t n = toks_.size();
  if (i <= b || i + 1 >= n) return 0;
  // Only these start a marker (asked at every token of a line).
  if (toks_[i].kind != Tok::lparen && toks_[i].kind != Tok::word && toks_[i].kind != Tok::quantity) return 0;
  static constexpr std::string_view romans[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};
  auto is_marker_word = [&](std::size_t k) {
    if (toks_[k].kind != Tok::word) return false;
    const std::string_view w = slice(toks_[k].begin, toks_[k].end);
    if (w.size() == 1 && ((w[0] >= 'a' && w[0] <= 'h') || (w[0] >= 'A' && w[0] <= 'H'))) return true;
    return one_of(w, romans);
  };
  // "(ii)" and "b)"
  // (The cheap token tests first: the word test compares against the roman numerals.)
  // ("38 degrees Celsius (C)": the unit before it, abbreviated, not a marker. Asked only of "(x)": a unit is
  // restated in parentheses, and the other markers start with no parenthesis.)
  if (toks_[i].kind == Tok::lparen && i + 2 < n && toks_[i + 2].kind == Tok::rparen && is_marker_word(i + 1))
    return toks_[i - 1].kind == Tok::quantity && unit_restated_at(i, n, toks_[i - 1].quantity.unit) ? 0 : 3;
  if (toks_[i + 1].kind == Tok::rparen && toks_[i].end - toks_[i].begin == 1 && toks_[i - 1].kind != Tok::lparen &&
      toks_[i].begin > 0 && text_[toks_[i].begin - 1] == ' ' && is_marker_word(i)) {
    // "(Child-Pugh class B or C)": the parenthesis closes one opened before it; no marker.
    int open = 0;
    for (std::size_t x = 0; x < i; ++x) {
      if (toks_[x].kind == Tok::lparen) ++open;
      else if (toks_[x].kind == Tok::rparen && open > 0) --open;
    }
    if (open == 0) return 2;
  }
  // "2.Brain": a small whole number, glued to a period glued to a word, after no comparator.
  const Token& q = toks_[i];
  if (q.kind == Tok::quantity && q.quantity.unit.empty() && !q.quantity.unit_unknown && !q.quantity.plus &&
      q.quantity.relative_to == engine::RelativeTo::none && q.quantity.value >= 1 && q.quantity.value <= 30 &&
      q.quantity.value == static_cast<int>(q.quantity.value) && toks_[i + 1].kind == Tok::period &&
      toks_[i + 1].begin == q.end && i + 2 < n && toks_[i + 2].begin == toks_[i + 1].end) {
    const Tok prev = toks_[i - 1].kind;
    if (prev != Tok::cmp && prev != Tok::range_to && prev != Tok::between && prev != Tok::and_ && prev != Tok::or_ &&
        prev != Tok::colon && !is_measured(i - 1))
      return 2;
  }
  return 0;
}

void Lowering::line(Node& tree) {
  std::size_t b = 0;
  const std::size_t n = toks_.size();
  std::size_t words_begin = 0;  // the line's first token after its list marker or bullet
  // A list marker at the start ("1.", "2)", "c.", "•") is layout, not meaning.
  {
    std::size_t i = 0;
    while (i < n && (neutral(i) || toks_[i].kind == Tok::range_to)) ++i;  // "-  1. Age ≥ 18"
    b = i;
    const bool marker = i + 1 < n &&
                        ((toks_[i].kind == Tok::quantity && toks_[i].quantity.unit.empty() && !toks_[i].quantity.unit_unknown) ||
                         (toks_[i].kind == Tok::word && toks_[i].end - toks_[i].begin == 1)) &&
                        (toks_[i + 1].kind == Tok::period || toks_[i + 1].kind == Tok::rparen);
    if (marker) b = i + 2;
    while (words_begin < i && (toks_[words_begin].kind == Tok::range_to || toks_[words_begin].kind == Tok::other)) ++words_begin;
    if (marker) words_begin = b;
  }
  // "Patients with HbA1c > 10% are excluded" among the inclusion criteria: the line is text (section_clash.hpp).
  // (One walk of the line's tokens reads their kinds, kept as kinds_in's answer for the whole line, and finds the
  // first token restating the other section: two walks did this.)
  const bool ask_restated = lists_ != ListReading::as_written && words_begin < n;
  const bool inclusion = lists_ == ListReading::all;
  // (The walk is made in three parts, the first piece's tokens in the middle: the words after the list marker up to
  // a closing period, which most lines are. Their kinds are kept as kinds_in's answer, which the piece asks first;
  // the few tokens before and after add theirs to a second set.)
  std::size_t restated = n;
  TokKinds first_piece;  // the kinds of the first piece's tokens
  TokKinds around;       // and of the line's tokens before and after it
  // limits_by_site (lower_measuring_site.cpp) qualifies the limits of a measure only where two different site words
  // each stand right before a measured name: a line with fewer than two words or fillers so placed, as most are, is
  // not walked for comparisons nor for site words. (Counted in the walk of the line's kinds, at each name token.)
  std::size_t placed_sites = 0;
  const std::size_t tail = n > b && toks_[n - 1].kind == Tok::period ? n - 1 : n;
  bool plain_first_piece = false;  // no '(', ')', ';' or '.' in [b, tail): the walk for markers below passes it over
  {
    // (Forced inline: called three times, the compiler may make it a call, a walk's state through memory.)
    // (One pointer steps over the line's tokens, through the three parts in turn, each walk to the end of its part:
    // through toks_ and an index, the tokens' address was loaded again from the Lowering at every token, and index
    // and address were both stepped.)
    const Token* const first_token = toks_.data();
    const Token* t = first_token;
    // (A constant: a mask made for the line added to every line's fixed cost, and fillers are asked about in most.)
    constexpr std::uint64_t looked_at = kinds_mask({Tok::name, Tok::filler});
    const auto walk_to = [&](const Token* const end, TokKinds& into) __attribute__((always_inline)) {
      for (; t < end; ++t) {
        const Tok kind = t->kind;
        into.add(kind);
        // (Most tokens are neither a name nor a filler: one test of a mask passes them over.)
        if (!is_one_of(looked_at, kind)) continue;
        // (A word or filler right before a measured name may be a site of that measure: limits_by_site below.)
        if (kind == Tok::name && t != first_token && (t[-1].kind == Tok::word || t[-1].kind == Tok::filler) &&
            engine::is_measured(t->entry->kind))
          ++placed_sites;
        // (The length asked here too: most fillers are short, and the test is a call. And the first two bytes of
        // its verb: most long fillers are moments, "at the time of screening", lower_section_verb.hpp.)
        if (ask_restated && kind == Tok::filler && t->end - t->begin >= 11 && may_open_with_section_verb(text_, *t) &&
            restates_other_section(text_, *t, inclusion)) {
          restated = static_cast<std::size_t>(t - first_token);
          return false;
        }
      }
      return true;
    };
    if (walk_to(first_token + b, around) && walk_to(first_token + tail, first_piece) && walk_to(first_token + n, around)) {
      kinds_ = first_piece;
      kinds_b_ = b;
      kinds_e_ = tail;
      plain_first_piece = !first_piece.has(Tok::lparen) && !first_piece.has(Tok::rparen) &&
                          !first_piece.has(Tok::semicolon) && !first_piece.has(Tok::period);
    }
  }
  // The line's token kinds: the first piece's or those around it. (Asked a few times a line: the two sets are
  // kept, not joined by a second walk of the tokens around the piece.)
  const auto line_has = [&](Tok k) { return first_piece.has(k) || around.has(k); };
  if (ask_restated) {
    if (const std::size_t k = restated; k < n) {
      std::size_t last = n;
      while (last > words_begin + 1 && (toks_[last - 1].kind == Tok::period || toks_[last - 1].kind == Tok::semicolon ||
                              toks_[last - 1].kind == Tok::comma))
        --last;
      const Token& t = toks_[k];
      diags_.push_back({engine::Severity::warning,
                        fmt::format("'{}' says the opposite of the {} criteria the line is listed in; kept as text",
                                    slice(t.begin, t.end), lists_ == ListReading::all ? "inclusion" : "exclusion"),
                        t.begin, t.end});
      tree = text_node(toks_[words_begin].begin, toks_[last - 1].end, engine::TextReason::not_understood);
      return;
    }
  }
  // "GAgP parents: i) ...; ii) ...": a cohort heading guards every part of the line (lower_cohort.cpp).
  // ("Children: i) ...": the people word the line's start skipped belongs to the heading.)
  // (The line's token kinds, read above: most lines have no ';', and no colon, which a cohort heading ends with. The
  // heading's first token is read only where there is one: only such a line looks for it.)
  std::size_t heading_begin = b;
  std::optional<std::pair<std::size_t, std::size_t>> heading;
  if (line_has(Tok::colon)) {
    while (heading_begin > 0 && toks_[heading_begin - 1].kind == Tok::subject) --heading_begin;
    heading = cohort_heading(heading_begin, n);
  }
  if (heading) b = heading->second;
  // Most lines are one piece: it is kept apart while it is the only one and becomes the tree itself, with no
  // vector of pieces allocated, moved through and destroyed for it. (`tree` is the parse result's own node, so
  // that the one piece is not moved again on its way out.)
  bool only = false;         // tree holds the line's only piece so far
  // Every piece, once there are two. (Made only then: destroying the empty vector of a line of one piece was a call.)
  std::optional<std::vector<Node>> pieces;
  // Each piece is read where it stays (piece_into): the first into the tree, the others into the vector's last
  // place. (Read into an optional, each was moved into its place and the optional destroyed.)
  const auto read_piece = [&](std::size_t from, std::size_t to) {
    if (!only && !pieces) {
      only = piece_into(from, to, tree);  // (a piece that reads nothing leaves the tree to be written again)
      return;
    }
    if (only) {
      // (Room for two pieces: a third moves them once; more room would be past the small sizes malloc keeps per thread.)
      pieces.emplace().reserve(2);
      pieces->push_back(std::move(tree));
      only = false;
    }
    if (piece_into(from, to, pieces->emplace_back())) return;
    pieces->pop_back();
    // (A second piece that reads nothing leaves the line of one piece it was.)
    if (pieces->size() == 1) {
      tree = std::move(pieces->front());
      pieces.reset();
      only = true;
    }
  };
  int depth = 0;  // a period inside parentheses ("(2020. v1)") does not end a sentence
  // "(systolic 90-140 mmHg; diastolic 50-90 mmHg)": a ';' inside parentheses that close parts what they hold,
  // not the line. (Only those that close: one left open would join the rest of the line into one piece.)
  // (Only a line with a ';' asks it.)
  // (Made only for a line with a ';': an empty vector made and destroyed was a fixed cost of every line.)
  std::optional<std::vector<bool>> enclosed;
  bool semicolon = false;
  for (std::size_t i = b; line_has(Tok::semicolon) && i < n && !semicolon; ++i) semicolon = toks_[i].kind == Tok::semicolon;
  // Where inner_marker may find one: a parenthesis, a word or a number with a ')' or '.' right after it, or
  // "(ii)" (the call was made at every parenthesis, word and number).
  const auto may_start_marker = [&](std::size_t i, Tok k) {
    if (i + 1 >= n || (k != Tok::lparen && k != Tok::word && k != Tok::quantity)) return false;
    const Tok next = toks_[i + 1].kind;
    return next == Tok::rparen || next == Tok::period || (k == Tok::lparen && i + 2 < n && toks_[i + 2].kind == Tok::rparen);
  };
  if (semicolon) {
    enclosed.emplace(n, false);
    std::vector<std::size_t> open;
    for (std::size_t i = b; i < n; ++i) {
      if (toks_[i].kind == Tok::lparen) open.push_back(i);
      else if (toks_[i].kind == Tok::rparen && !open.empty()) {
        for (std::size_t x = open.back() + 1; x < i; ++x) (*enclosed)[x] = true;
        open.pop_back();
      }
    }
    // "One of the following: HbA1c >= 6.5%; fasting glucose >= 126 mg/dL", "No history of the following: A; B":
    // the ';' parts after a lead-in that governs its list are its items, not parts of the line (read apart, each
    // was required). (lower_lead_ins.cpp) (A line with no colon has no such lead-in: lead_in_colon finds a lead-in
    // only at a colon token, examples_colon too, and answers n for each part. The line's kinds say so at once.)
    for (std::size_t part = b; line_has(Tok::colon) && part < n;) {
      if (const std::size_t colon = lead_in_colon(skip_neutral(part, n), n); colon < n) {
        for (std::size_t x = colon + 1; x < n; ++x)  // (a ';' that ends the line still ends it)
          (*enclosed)[x] = (*enclosed)[x] || (toks_[x].kind == Tok::semicolon && skip_neutral(x + 1, n) < n);
        break;
      }
      while (part < n && (toks_[part].kind != Tok::semicolon || (*enclosed)[part])) ++part;
      ++part;  // the part after this ';'
    }
  }
  // The kinds a token must be of for the loop below to do anything at it (a word or a number only before a ')' or
  // '.', where it may be a marker): most tokens are passed over.
  constexpr std::uint64_t acted_on = kinds_mask({Tok::lparen, Tok::rparen, Tok::semicolon, Tok::period});
  constexpr std::uint64_t closing = kinds_mask({Tok::rparen, Tok::period});
  constexpr std::uint64_t marker_like = kinds_mask({Tok::word, Tok::quantity});
  // (A line with none of those kinds, and so no marker-like token either, is one piece: the walk starts at its end.)
  const bool plain = !line_has(Tok::lparen) && !line_has(Tok::rparen) && !line_has(Tok::semicolon) && !line_has(Tok::period);
  // (Nor is one acted at before the closing period of a line whose words before it have none of those kinds: the
  // walk starts at that period. A cohort heading only moves b on, inside those words. The word or number right
  // before that period is no marker: a marker there needs a ')' after it, or a token after the period.)
  const std::size_t walk_from = plain ? n : plain_first_piece ? std::max(b, tail) : b;
  for (std::size_t i = walk_from; i <= n; ++i) {
    if (i < n) {
      // To the next token acted at: the first of the kinds acted on, or the word or number right before it where
      // that is a ')' or '.' (a word before any other token is before one of no such kind: passed over). (One tight
      // walk over the kinds; each word asked for the kind after it too.)
      std::size_t x = i;
      while (x < n && !is_one_of(acted_on, toks_[x].kind)) ++x;
      if (x > i && x < n && is_one_of(closing, toks_[x].kind) && is_one_of(marker_like, toks_[x - 1].kind)) --x;
      i = x;
    }
    // "(i) age 18-80 (ii) fluent in English", "... 2.Brain metastasis": a marker inside the line
    // starts the next item of the list.
    const Tok k = i < n ? toks_[i].kind : Tok::other;
    if (const std::size_t m = may_start_marker(i, k) ? inner_marker(i, b) : 0; m > 0) {
      read_piece(b, i);
      b = i + m;
      i = b - 1;
      continue;
    }
    if (i < n && toks_[i].kind == Tok::lparen) ++depth;
    if (i < n && toks_[i].kind == Tok::rparen && depth > 0) --depth;
    // "HDL-C <50/40 mg/dl; F/M": a key of sexes after a ';' says whom the limits before it are for.
    if (i < n && toks_[i].kind == Tok::semicolon) {
      if (const auto key = sex_key_at(i, n); key && skip_neutral(key->end, n) >= n - (toks_[n - 1].kind == Tok::period))
        continue;
    }
    if (i == n || (semicolon && toks_[i].kind == Tok::semicolon && !(*enclosed)[i]) || (toks_[i].kind == Tok::period && depth == 0)) {
      // "...; B. ALT and AST < 2.5 ULN": a letter before a period is the next item's marker, not a piece.
      // (Only after a ';': the "S" of "U.S." is a word.) (The piece's first word is looked for only there, before
      // a period: at every other end of a piece, as at most, its neutral tokens were skipped for nothing.)
      const auto letter_marker = [&] {
        const std::size_t first = skip_neutral(b, i);
        const char letter = text_[toks_[first].begin];
        return first + 1 == i && toks_[first].kind == Tok::word && toks_[first].end - toks_[first].begin == 1 &&
               letter >= 'A' && letter <= 'H';
      };
      const bool marker = i < n && toks_[i].kind == Tok::period && b > 0 && toks_[b - 1].kind == Tok::semicolon &&
                          letter_marker();
      // (Not the empty piece after a line's closing period: it reads nothing.)
      if (!marker && b < i)
        read_piece(b, i);
      b = i + 1;
    }
  }
  // (No piece read: the line is text, made in the tree's place. Assigned, it was made apart, moved in through the
  // variant's table and destroyed: a line of one word or heading, as many are, paid ~90 instructions for it.)
  if (!only && !pieces) {
    const auto end = static_cast<std::uint32_t>(text_.size());
    NodeSlot(tree).make([&] { return engine::make_text(trim(text_), engine::TextReason::not_understood, {0, end}); });
    return;
  }
  // Sentences and ';' parts are separate conditions: in an exclusion any of them excludes.
  // A later piece that is a guarded requirement ("...; if combined with Gilbert syndrome, total
  // bilirubin >3×ULN") refines the earlier one on the same variable: that one holds outside the guard.
  // (One piece is the tree as it is: no later piece refines it, and join gives one node back unchanged.)
  // (The one piece is finished where it is and moved once, into the tree returned.)
  if (only && !heading) {
    if (lists_ == ListReading::any && !guards_unchanged(tree)) tree = guards_as_conjuncts(std::move(tree));
    if (const auto from = lists_ == ListReading::all ? names_study_procedure(tree, toks_, lexicon_, text_) : std::nullopt)
      tree = engine::make_text(trim(text_.substr(*from)), engine::TextReason::not_understood);  // lower_setting.cpp
    // "Oral temperature > 38 ... or axillary temperature > 37" (lower_measuring_site.cpp). (Two sites at least, each
    // before its measure's name token, `placed_sites`: a line with fewer is not walked for comparisons.)
    if (placed_sites >= 2) limits_by_site(tree);
    tree.span = {0, static_cast<std::uint32_t>(text_.size())};
    return;
  }
  if (only) pieces.emplace().push_back(std::move(tree));
  targets_elsewhere(*pieces);  // "Hb >= 9 g/dL. May receive transfusion so as to have Hb >= 9 g/dL" (lower_purpose.cpp)
  refine_by_guards(*pieces);
  tree = join(std::move(*pieces), lists_ == ListReading::any, {});
  if (placed_sites >= 2) limits_by_site(tree);  // (lower_measuring_site.cpp; as above)
  if (lists_ == ListReading::any && !guards_unchanged(tree)) tree = guards_as_conjuncts(std::move(tree));
  if (heading) {
    const auto end = static_cast<std::uint32_t>(text_.size());
    if (!engine::partly_typed(tree)) {
      tree = engine::make_text(trim(text_), engine::TextReason::not_understood, {0, end});
      return;
    }
    Node cohort = text_node(toks_[heading_begin].begin, toks_[heading->first].begin, engine::TextReason::not_understood);
    tree = engine::make_if(std::move(cohort), std::move(tree));
  }
  tree.span = {0, static_cast<std::uint32_t>(text_.size())};
}

}  // namespace detail

void lower(std::string_view text, const std::vector<Token>& tokens, const engine::Lexicon& lexicon,
           std::size_t max_depth, ListReading lists, PeopleHeadings headings, engine::Diagnostics& diagnostics,
           engine::Node& out) {
  const std::size_t before = diagnostics.size();
  detail::Lowering lowering(text, tokens, lexicon, max_depth, lists, headings, diagnostics);
  lowering.line(out);
  // Disjoint bounds separated, events' starts marked and their codes written, in one walk (lower_finish.cpp). (Not
  // asked of a tree of one comparison, sex or text, which holds neither an `all` nor an event: many lines' trees.)
  if (!std::holds_alternative<engine::Cmp>(out.kind) && !std::holds_alternative<engine::Text>(out.kind) &&
      !std::holds_alternative<engine::Sex>(out.kind))
    detail::finish_tree(out, lists == ListReading::any, text, lexicon, diagnostics, lowering.coder());
  // (Most lines push no warning: the call is not made for them.)
  if (diagnostics.size() != before) lowering.write_warnings(before);
}

}  // namespace trialmatch::grammar

// sequence()'s steps at a negation, a guard and a parenthesis: how far each reaches.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "lower.hpp"
#include "lower_kind_mask.hpp"
#include "lower_local_node.hpp"
#include "lower_node_slot.hpp"
#include "lower_sequence.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar {
namespace detail {

using engine::Node;

// "no", "not", "without": the part it negates, to the next negation joined by a connector.
Step Lowering::negation_scope(SequenceState& s, std::size_t& i) {
  const Token& t = toks_[i];
  const std::size_t b = s.b, e = s.e, depth = s.depth;
  std::size_t j = i + 1;
  if (j < e && toks_[j].kind == Tok::related) ++j;
  // "No pregnancy and no active breastfeeding": a second negation after a connector ends this one's reach.
  std::size_t scope_end = e;
  // (Only parentheses and connectors matter to the scan: the other kinds, most tokens, passed over by one test.)
  constexpr std::uint64_t scope_kinds = kinds_mask({Tok::lparen, Tok::rparen, Tok::and_, Tok::or_, Tok::comma, Tok::and_or});
  for (std::size_t k = j, d = 0; k + 1 < e && scope_end == e; ++k) {
    const Tok c = toks_[k].kind;
    if (!is_one_of(scope_kinds, c)) continue;
    if (c == Tok::lparen) { ++d; continue; }
    if (c == Tok::rparen) { if (d > 0) --d; continue; }
    if (d != 0) continue;
    const std::size_t next = skip_neutral(k + 1, e);
    if (next < e && toks_[next].kind == Tok::negation) scope_end = k;
  }
  // (Read into a LocalNode, sub pointing at it where the reading gave one: an optional<Node> returned by sequence() was
  // zero-filled first at every negation, lower_local_node.hpp.)
  LocalNode sub_made;
  Node* sub = sequence_into(j, scope_end, depth + 1, sub_made.node) ? &sub_made.node : nullptr;
  // "Negative for hepatitis B, C and HIV", "no diabetes and hypertension": none of the events listed
  // (a list under a negation names each thing the patient must not have, not their combination).
  if (sub) {
    auto* all = std::get_if<engine::All>(&sub->kind);
    bool events = all != nullptr;
    for (std::size_t a = 0; events && a < all->args.size(); ++a)
      events = contains_has(all->args[a]) && std::holds_alternative<engine::Has>(all->args[a].kind);
    if (events) *sub = engine::make_any(std::move(all->args), sub->span);
  }
  // "Pregnant or lactating woman, or of childbearing age without effective contraception": right after
  // unread words offered as the last alternative, the negation is theirs, not a requirement on the
  // alternatives before them (a pregnant woman with contraception on record is still pregnant).
  // (A short phrase only: after a comma, "..., provided that no filgrastim was administered" is a
  // proviso on the whole.)
  bool phrase = s.pending == Conn::none && s.items.size() > 1 && s.items.back().text && !s.items.back().orphan &&
                s.conns.back() == Conn::or_;
  for (std::size_t k = b; phrase && k < i; ++k)
    phrase = !(toks_[k].begin >= s.items.back().begin && toks_[k].end <= s.items.back().end &&
               (toks_[k].kind == Tok::comma || toks_[k].kind == Tok::semicolon || toks_[k].kind == Tok::cmp ||
                toks_[k].kind == Tok::quantity));
  if (phrase) {
    s.items.back().end = toks_[scope_end - 1].end;
    i = scope_end;
    return Step::next;
  }
  // "A and/or B not related to C": the negated part is one more requirement on the whole.
  if (s.pending == Conn::none) s.pending = Conn::and_;
  if (sub && engine::fully_typed(*sub))
    s.push_typed(engine::make_not(std::move(*sub), s.span_of(i, scope_end)), t.begin, toks_[scope_end - 1].end);
  // (Unread words after the negation that run over a comma may hold the next items of a list: "a seizure
  // not induced by drug withdrawal, first degree relative with epilepsy, ...". Joined to a typed item by
  // "and", they would be required of it.)
  else if (!s.items.empty() && (!sub || !engine::partly_typed(*sub)) &&
           (s.items.back().text || !list_within(j, scope_end)))
    s.unknown(i), s.items.back().end = toks_[scope_end - 1].end;  // "The age＞18 and no gender limitation"
  else return Step::whole_text;
  i = scope_end;
  return Step::next;
}

// "if", "for patients with", "(": a condition on other parts, a window in parentheses, or a group read
// as one item.
Step Lowering::guard_or_parenthesis(SequenceState& s, std::size_t& i) {
  const Token& t = toks_[i];
  const std::size_t e = s.e, depth = s.depth;
  // "planning to be pregnant in 6 months": the plan's window, ahead (lower_ahead.cpp found it).
  if (i == plan_window_ && !s.items.empty() && !s.items.back().text && contains_has(s.items.back().node)) {
    engine::Amount w;
    std::string bef;
    if (auto j = window(i, e, w, bef); j && bef.empty()) {
      if (!take_window(s, i, w, bef, *j, true)) return Step::whole_text;
      i = *j;
      return Step::next;
    }
  }
  // (Each of these two readings refuses at once unless the item before is of its kind: unread words joined to nothing
  // for criteria_for_at, a typed item joined to nothing for patient_or_family. Asked here, before the calls, which
  // most guards and parentheses made for nothing. A reading that widens what it reads after must widen its test here.)
  const bool after_unjoined = !s.items.empty() && s.pending == Conn::none;
  if (t.kind == Tok::guard && after_unjoined && s.items.back().text && criteria_for_at(s, i))
    return Step::next;  // "meets DSM-5 criteria for X" (lower_criteria_met.cpp)
  if (after_unjoined && !s.items.back().text)
    if (const Step family = patient_or_family(s, i); family != Step::not_read) return family;  // lower_patient_family.cpp
  // (guard() reads nothing unless a guard word is here or right after the parenthesis: asked first, so that a
  // parenthesis with none makes no condition node and no call.)
  if (t.kind == Tok::guard || (i + 1 < e && toks_[i + 1].kind == Tok::guard)) {
    LocalNode cond_made;  // (lower_local_node.hpp: not zero-filled first; most guards are refused)
    Node& cond = cond_made.node;
    const std::size_t guard_diagnostics = diags_.size();
    if (auto j = guard(i, e, cond)) {
      // "who presents for a colonoscopy": right after words the grammar could not read, the
      // phrase is theirs, not a condition on the typed parts before them.
      if (!s.items.empty() && s.items.back().text && !s.items.back().orphan && s.pending == Conn::none) {
        diags_.resize(guard_diagnostics);
        s.items.back().end = toks_[*j - 1].end;
        i = *j;
        return Step::next;
      }
      if (!s.items.empty() && !s.items.back().text && s.pending == Conn::none && !contains_has(s.items.back().node)) {
        s.items.back().node = engine::make_if(std::move(cond), std::move(s.items.back().node), {s.items.back().begin, toks_[*j - 1].end});
        s.items.back().end = toks_[*j - 1].end;
        i = *j;
        return Step::next;
      }
      if (s.items.empty()) {
        auto sub = sequence(*j, e, depth + 1);
        if (sub && engine::fully_typed(*sub)) {
          s.push_typed(engine::make_if(std::move(cond), std::move(*sub), s.span_of(i, e)), t.begin, toks_[e - 1].end);
          i = e;
          return Step::next;
        }
      }
      // "Be 60 or older, and for women, postmenopausal": after a connector the guard opens a part of its
      // own, to the end of the piece. Read only where it is read whole and asks about nothing the earlier
      // parts do: "Hb ≥ 10 g/dL, and for women, ≥ 9 g/dL" relaxes the first limit, which then may not hold
      // for everyone (unread, the part might do the same: the piece is left to a person).
      if (!s.items.empty() && s.pending != Conn::none) {
        auto sub = sequence(*j, e, depth + 1);
        bool shares = false;
        for (const auto& it : s.items) shares = shares || it.text || (sub && share_a_variable(it.node, *sub));
        if (sub && engine::fully_typed(*sub) && !shares) {
          s.push_typed(engine::make_if(std::move(cond), std::move(*sub), s.span_of(i, e)), t.begin, toks_[e - 1].end);
          i = e;
          return Step::next;
        }
      }
      return Step::whole_text;
    }
  }
  if (!s.items.empty() && !s.items.back().text && contains_has(s.items.back().node)) {  // times the events before it
    engine::Amount w;
    std::string bef;
    if (auto j = past_window_in(i, e, w, bef)) {
      if (!take_window(s, i, w, bef, *j)) return Step::whole_text;
      i = *j;
      return Step::next;
    }
  }
  if (t.kind == Tok::lparen) return parenthesis_group(s, i);
  if (loose_preposition(i, e)) { s.unknown(i); ++i; return Step::next; }
  // "Scheduled for open thoracotomy": right after words the grammar could not read, the phrase
  // is theirs, not a condition on the typed parts before them.
  if (!s.items.empty() && s.items.back().text && !s.items.back().orphan && s.pending == Conn::none) { s.unknown(i); ++i; return Step::next; }
  return Step::whole_text;  // a condition the grammar cannot read changes what the rest means
}

// A parenthesis no guard or window starts: what it holds read as one group where it can be.
// "Uncontrolled hypertension (systolic BP > 160 mmHg or diastolic BP > 100 mmHg)": alternatives inside
// parentheses are one item; read through, the "or" would join the first of them to the words before.
Step Lowering::parenthesis_group(SequenceState& s, std::size_t& i) {
  const Token& t = toks_[i];
  const std::size_t e = s.e, depth = s.depth;
  // The closing parenthesis, and whether an "or" stands in the parentheses outside inner ones (asked only where they
  // close: found in the same pass, an "or" at depth 1 counting only once the close is found).
  // (Only parentheses and "or" matter to the scan: the other kinds, most tokens, passed over by one test.)
  constexpr std::uint64_t group_kinds = kinds_mask({Tok::lparen, Tok::rparen, Tok::or_, Tok::and_or});
  std::size_t r = i + 1;
  bool or_inside = false;
  for (int open = 1; r < e; ++r) {
    const Tok k = toks_[r].kind;
    if (!is_one_of(group_kinds, k)) continue;
    if (k == Tok::lparen) ++open;
    else if (k == Tok::rparen) { if (--open == 0) break; }
    else if (open == 1) or_inside = true;
  }
  const bool alternatives = r < e && or_inside;
  // The reading of the words in the parentheses below is the same where the section reads lists as alternatives
  // already: the first is kept, with its warnings, for the second, where the state a reading depends on besides the
  // words (which a nested piece could change) is the same after the first as before it.
  const auto reading_state = [&] {
    return std::make_tuple(lists_, sequence_begin_, sequence_end_, plan_word_, plan_window_, in_open_segment_,
                           ignored_.empty());
  };
  // (The readings' node, where one gave one, in a LocalNode: an optional<Node> made at every parenthesis, and the one
  // sequence() returned, were zero-filled first, lower_local_node.hpp. The first reading's is kept at few; where it is
  // not, the second reading is made in the same node, its node dropped then.)
  LocalNode read_made;
  bool have_kept = false, kept_read = false;
  std::size_t kept_mark = 0;
  // (Read only where the parentheses may hold a comparison or a sex, see may_compare: the reading's one use of its own
  // needs one, and where it could be kept for the reading of an event's kinds below, that reading is made there.)
  if (alternatives && may_compare(i + 1, r)) {
    const std::size_t mark = diags_.size();
    const auto state_before = reading_state();
    const bool read = sequence_into(i + 1, r, depth + 1, read_made.node);
    const Node& sub = read_made.node;
    // Only comparisons on lexicon measures, which define the thing before them; events in parentheses
    // ("Cardiovascular disease (heart failure, myocardial infarction or stroke)") name its kinds.
    if (read && engine::fully_resolved(sub) && !contains_has(sub) && std::holds_alternative<engine::Any>(sub.kind)) {
      s.push_typed(std::move(read_made.node), t.begin, toks_[r].end);
      i = r + 1;
      return Step::next;
    }
    if (lists_ == ListReading::any && ignored_.empty() && reading_state() == state_before) {
      kept_read = read;
      have_kept = true;
      kept_mark = mark;
    } else {
      diags_.resize(mark);
    }
  }
  // "Cardiovascular disease (heart failure, myocardial infarction, stroke)": the kinds of the event before
  // the parentheses, listed; any of them is it, whatever the section reads lists as.
  const bool after_event = r < e && !s.items.empty() && !s.items.back().text && s.pending == Conn::none &&
                           is_has(s.items.back().node) && s.last_event;
  const auto* head = after_event ? concept_of(std::get<engine::Has>(s.items.back().node.kind).concept_id) : nullptr;
  if (have_kept && !head) {  // (not read again below: its warnings go)
    diags_.resize(kept_mark);
    have_kept = false;
  }
  if (after_event) {
    const std::size_t mark = have_kept ? kept_mark : diags_.size();
    // (Read as alternatives, whatever the section: a list of an inclusion with no closing connector is
    // otherwise kept as text.)
    const ListReading section_lists = lists_;
    lists_ = ListReading::any;
    // (Both readings below keep only events the lexicon names, in the parentheses: words that can give none are not
    // read, see may_name_events.)
    const bool read = have_kept ? kept_read
                      : head && may_name_events(i + 1, r) && sequence_into(i + 1, r, depth + 1, read_made.node);
    Node* sub = read ? &read_made.node : nullptr;
    lists_ = section_lists;
    std::vector<const Node*> kinds;
    bool all_kinds = sub && engine::fully_resolved(*sub);
    if (all_kinds) {
      auto collect = [&](const Node& n, auto&& self) -> void {
        if (const auto* h = std::get_if<engine::Has>(&n.kind)) {
          const auto* c = concept_of(h->concept_id);
          all_kinds = all_kinds && c && names_kind_of(*head, *c) && !h->within;
          kinds.push_back(&n);
        } else if (const auto* a = std::get_if<engine::All>(&n.kind)) {
          for (const auto& x : a->args) self(x, self);
        } else if (const auto* o = std::get_if<engine::Any>(&n.kind)) {
          for (const auto& x : o->args) self(x, self);
        } else {
          all_kinds = false;
        }
      };
      collect(*sub, collect);
    }
    if (all_kinds && kinds.size() >= 2) {
      std::vector<Node> alternatives;
      const bool head_active = s.active || head_says_active(*s.last_event) ||
                               std::get<engine::Has>(s.items.back().node.kind).status == "active";
      for (const Node* k : kinds) {
        alternatives.push_back(*k);
        if (head_active) std::get<engine::Has>(alternatives.back().kind).status = "active";
      }
      s.items.back().node = engine::make_any(std::move(alternatives), {s.items.back().begin, toks_[r].end});
      s.items.back().end = toks_[r].end;
      i = r + 1;
      return Step::next;
    }
    diags_.resize(mark);
    // "dementia (infection, vascular, hematological diseases)", "disease/injury (scoliosis, kyphosis, or
    // lordosis)": other conditions listed in parentheses may be the condition's examples, kinds or causes,
    // not more conditions the patient must have beside it; the condition and its parentheses are one text.
    if (sub && head->kind == engine::ConceptKind::condition && lists_conditions(*sub)) {
      s.items.back().text = true;
      s.items.back().end = toks_[r].end;
      i = r + 1;
      return Step::next;
    }
  }
  if (alternatives && r < e)
    if (auto group = grouped_alternatives(i, r, depth, s.items, s.conns, s.pending)) {  // (lower_grouped.cpp)
      s.push_typed(std::move(*group), t.begin, toks_[r].end);
      i = r + 1;
      return Step::next;
    }
  ++i;
  return Step::next;
}

// The first reading of parenthesis_group (parentheses holding an "or") is used as it is only where it gives alternatives
// that are all typed, listed and hold no event outside a guard's condition: comparisons or sexes (or their negations,
// or guarded ones). A comparison is read at a comparator, a number, "between", a limit ("ULN"), a measured name or a
// class glued to its score (a word ending in I or V, other_word); an island of the open reading at those, a window, a
// date or a scale word (may_start_island); a sex at a sex word; a calendar bound at a date, "before" or a number. A
// reading left unused changes, besides its warnings (dropped) and memos, only the targets of purpose it finds, which
// need the word "to" (see may_name_events). Where it would be kept for the reading of the kinds of an event before the
// parentheses, that reading reads the same words in the same state instead (may_name_events decides whether it is
// needed). A piece with none of these tokens is not read there: "(robotic or laparoscopic)", "(e.g., X or Y)", lists of
// events. (A reading that makes a comparison or a sex of other tokens must add them here:
// tests/unit/test_grammar_compared_alternatives.cpp reads every span of the golden lines this refuses.)
bool Lowering::may_compare(std::size_t b, std::size_t e) const {
  constexpr std::uint64_t compared =
      kinds_mask({Tok::quantity, Tok::cmp, Tok::cmp_post, Tok::relative, Tok::between, Tok::range_to, Tok::age_suffix,
                  Tok::within, Tok::ahead, Tok::before, Tok::after, Tok::sex_female, Tok::sex_male, Tok::sex_any, Tok::date});
  for (std::size_t x = b; x < e; ++x) {
    const Token& t = toks_[x];
    if (is_one_of(compared, t.kind)) return true;
    if (t.kind == Tok::name && engine::is_measured(t.entry->kind)) return true;
    if (t.kind != Tok::word && t.kind != Tok::filler) continue;
    const std::uint32_t n = t.end - t.begin;
    const char last = text_[t.end - 1];
    if (last == 'I' || last == 'V' || scale_word_token(t)) return true;
    if (n == 2 && (text_[t.begin] | 0x20) == 't' && (text_[t.begin + 1] | 0x20) == 'o') return true;  // "to"
  }
  return false;
}

// An event the lexicon names is made of a name token of an event or a biomarker (an event, "non" before one, an elided
// head or event after one, a qualified name, an event in an open reading), of "type" before numbers ("type 1 or 2 X",
// kinds_elided_at), or, in an open reading, of words dated by calendar bounds, whose id is their slug and may be a
// lexicon id (a date, "before" or a four-digit number after the bound's first token: may_start_dates). Besides its
// warnings (dropped) and the memos, a reading left unused changes only the targets of purpose it finds
// (lower_purpose.cpp), which need the word "to" (purpose_lead). A piece with none of these tokens gives none of these
// events and changes nothing when read: parenthesis_group does not read it ("(eGFR < 30)", "(NYHA class III or IV)").
// (A reading that makes an event of other tokens must add them here: tests/unit/test_grammar_parenthesis_events.cpp
// reads every span of the golden lines this refuses.)
bool Lowering::may_name_events(std::size_t b, std::size_t e) const {
  for (std::size_t x = b; x < e; ++x) {
    const Token& t = toks_[x];
    const std::uint32_t n = t.end - t.begin;
    if (t.kind == Tok::name && (!engine::is_measured(t.entry->kind) || t.entry->kind == engine::ConceptKind::biomarker))
      return true;
    if (t.kind == Tok::date || t.kind == Tok::before || (t.kind == Tok::quantity && n == 4)) return true;
    const char first = static_cast<char>(text_[t.begin] | 0x20);
    if (first == 't' && (n == 4 || (n == 2 && (text_[t.begin + 1] | 0x20) == 'o'))) return true;  // "type", "to"
  }
  return false;
}

}  // namespace detail
}  // namespace trialmatch::grammar

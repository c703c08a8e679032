// sequence()'s steps at a colon and at examples or an exception: what a lead-in says of the items after it,
// and what an aside says of the item before it.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lower.hpp"
#include "lower_local_node.hpp"
#include "lower_node_slot.hpp"
#include "lower_sequence.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar {
namespace detail {

using engine::Node;

// A colon: the words before it lead in to the items after it (a heading, a guard, a time or a status).
Step Lowering::lead_in_at_colon(SequenceState& s, std::size_t& i) {
  const std::size_t b = s.b, e = s.e, depth = s.depth;
  bool typed = false;
  for (const auto& it : s.items) typed = typed || !it.text;
  // "Criteria for patients with diabetes: HbA1c < 8%": a lead-in naming whom what follows is for guards
  // it (its guard read where it can be, else the lead-in is a text a person decides).
  if (!typed && !s.items.empty()) {
    std::size_t g = e;
    for (std::size_t k = sequence_begin_ < i ? sequence_begin_ : i; k < i && g == e; ++k)
      if (toks_[k].kind == Tok::guard && toks_[k].begin >= s.items.front().begin) g = k;
    // "Patient Inclusion Criteria:": the people word before the first item belongs to the lead-in.
    std::size_t lead = sequence_begin_ < i ? sequence_begin_ : i;
    while (lead > 0 && toks_[lead - 1].kind == Tok::subject) --lead;
    const bool cohort = g == e && lead < i && names_cohort(lead, i);
    if ((g < e || cohort) && i + 1 < e) {
      const std::size_t mark = diags_.size();
      LocalNode cond_made;  // (lower_local_node.hpp: not zero-filled first)
      Node& cond = cond_made.node;
      const auto read = cohort ? std::optional<std::size_t>{} : guard(g, i, cond);
      // "For the T2D study group:" names an arm of the trial, which a diagnosis does not decide.
      static constexpr std::string_view arms[] = {"group", "groups", "arm", "arms", "cohort", "cohorts", "part"};
      bool arm = false;
      for (std::size_t k = cohort ? i : g; k < i; ++k)
        arm = arm || ((toks_[k].kind == Tok::word || toks_[k].kind == Tok::filler) && one_of(slice(toks_[k].begin, toks_[k].end), arms));
      if (!read || skip_neutral(*read, i) != i || arm)
        cond = text_node(cohort ? std::min(toks_[lead].begin, s.items.front().begin) : s.items.front().begin,
                         toks_[i - 1].end, engine::TextReason::not_understood);
      // (Not read again where the same rest was read in the same state and dropped: rest_read_as_text.)
      ReadingState before = reading_state();
      const bool known_text = rest_read_as_text(i + 1, e, depth + 1, before);
      // (Read into a LocalNode: an optional<Node> returned by sequence() was zero-filled first, lower_local_node.hpp.)
      LocalNode rest_made;
      Node* rest = !known_text && sequence_into(i + 1, e, depth + 1, rest_made.node) ? &rest_made.node : nullptr;
      if (rest && engine::partly_typed(*rest)) {
        const std::uint32_t begin = cohort ? std::min(toks_[lead].begin, s.items.front().begin) : s.items.front().begin;
        s.clear_items();
        s.push_typed(engine::make_if(std::move(cond), std::move(*rest), s.span_of(i + 1, e)), begin, toks_[e - 1].end);
        i = e;
        return Step::next;
      }
      // (Kept only where the reading could not reach the depth limit (see rest_read_as_text) and left the state as
      // it found it: a reading that changed it is not the same when skipped.)
      if (!known_text && depth + 1 + (e - i - 1) <= max_depth_ && reading_state() == before)
        rests_read_as_text_.push_back({i + 1, e, std::move(before)});
      diags_.resize(mark);
    }
  }
  // ("No history of the following in the past 6 months: stroke": a time in the lead-in bounds the items;
  // dropped with it, they would be asked of the whole past. It times them where it can, else stays as text.)
  const bool timed = !typed && !s.items.empty() && holds_an_amount_of_time(s.items.front().begin, s.items.back().end);
  std::size_t lead = b;
  while (!typed && !s.items.empty() && lead < i && toks_[lead].begin < s.items.front().begin) ++lead;
  // ("Any of the following active conditions: hepatitis B": the items are current ones.)
  if (!typed && !s.items.empty() && !timed && says_current(lead, i)) {
    const std::size_t mark = diags_.size();
    LocalNode read_made;  // (not zero-filled first, as rest_made above)
    Node* read = sequence_into(i + 1, e, depth + 1, read_made.node) ? &read_made.node : nullptr;
    if (!read || !give_current_status(*read)) {
      diags_.resize(mark);
      s.result = text_node(toks_[std::min(b, sequence_begin_)].begin, toks_[e - 1].end, engine::TextReason::not_understood);
      return Step::done;
    }
    const std::uint32_t begin = s.items.front().begin;
    s.clear_items();
    s.push_typed(std::move(*read), begin, toks_[e - 1].end);
    i = e;
    return Step::next;
  }
  if (timed) {
    if (auto read = windowed_lead_in(lead, i, e, depth)) {
      const std::uint32_t begin = s.items.front().begin;
      s.clear_items();
      s.push_typed(std::move(*read), begin, toks_[e - 1].end);
      i = e;
      return Step::next;
    }
  }
  if (!typed && !s.items.empty() && !timed && recent_lead_in_as_text(s, lead, i)) return Step::done;  // lower_lead_recent.cpp
  if (!typed && !s.items.empty() && !timed) {
    warn(concat({"lead-in '", trim_view(slice(s.items.front().begin, s.items.back().end)), "' read as a heading"}),
         s.items.front().begin, s.items.back().end);
    s.clear_items();
  }
  ++i;
  return Step::next;
}

Lowering::ReadingState Lowering::reading_state() const {
  ReadingState state{lists_, in_open_segment_, sequence_begin_, sequence_end_, plan_word_, plan_window_,
                     purpose_targets_.size(), {}};
  if (std::find(ignored_.begin(), ignored_.end(), true) != ignored_.end()) state.ignored = ignored_.flags();
  return state;
}

// Whether the rest [b, e) was read in this state before and came out not partly typed, so that reading it again
// at `depth` reads the same. A nested reading depends on its tokens, the reading state, and its depth only where
// the depth is 0 (never, nested) or past the limit: each reading nested in it starts past the token it is read
// at and ends at or before e, so one at depth d of n tokens never nests past d + n - 1; within the limit there,
// the depth it is read at changes nothing. (What else a dropped reading leaves: its warnings, resized away by
// the caller; targets of purpose, appended to, so counted in the state; `ignored_` made all false from empty,
// which reads as empty.)
bool Lowering::rest_read_as_text(std::size_t b, std::size_t e, std::size_t depth, const ReadingState& state) const {
  if (depth + (e - b) > max_depth_) return false;
  for (const RestReadAsText& r : rests_read_as_text_)
    if (r.b == b && r.e == e && r.state == state) return true;
  return false;
}

// "including", "such as", "except": examples or an exception of the item before them.
Step Lowering::examples_or_exception(SequenceState& s, std::size_t& i) {
  const Token& t = toks_[i];
  const std::size_t b = s.b, e = s.e, depth = s.depth;
  if (t.kind == Tok::examples && s.items.size() == 1 && (s.pending == Conn::none || s.pending == Conn::comma)) {
    if (auto listed = examples_of(i, e, s.items.back(), depth)) {
      const std::uint32_t begin = s.items.back().begin;
      s.items.back() = Item{std::move(listed->first), false, begin, toks_[listed->second - 1].end};
      s.pending = Conn::none;
      i = listed->second;
      return Step::next;
    }
  }
  // An exception to one condition stays visible on it; anything else is read by a person.
  if (t.kind == Tok::exception && s.items.size() == 1 && !s.items.back().text && is_has(s.items.back().node) &&
      i + 1 < e) {
    // "(except radiotherapy for antalgic purposes) during the last 7 days": an exception in
    // parentheses ends with them, and the rest of the piece is read on.
    std::size_t last = e;
    if (i > 0 && toks_[i - 1].kind == Tok::lparen) {
      for (std::size_t r = i + 1; r < e; ++r) {
        if (toks_[r].kind == Tok::lparen) break;
        if (toks_[r].kind == Tok::rparen) { last = r; break; }
      }
    }
    const std::uint32_t except_end = last < e ? toks_[last].begin : toks_[e - 1].end;
    std::string except = trim(slice(toks_[i + 1].begin, except_end));
    if (!except.empty() && except.back() == ')' && except.find('(') == std::string::npos) except.pop_back();
    std::get<engine::Has>(s.items.back().node.kind).except = except;
    s.items.back().end = last < e ? toks_[last].end : toks_[e - 1].end;
    i = last < e ? last + 1 : e;
    return Step::next;
  }
  // "Age < 18 years, inability to consent, history of intraocular surgery, including photocoagulation
  // (except ...), ...": in an exclusion, the conditions listed before the one the examples or the
  // exception belong to are read; that one and the rest go to a person. Only examples, or an exception
  // bounded by its parentheses (one outside them may qualify the whole list: "malignancy, lymphoma,
  // except treated skin cancer"), and only in a list of separate conditions (commas, "or").
  // (Not where the examples or the exception sit in parentheses opened before the current item, listing
  // kinds of an earlier head; nor where a judgement, "that, in the Investigator's opinion, ...", may
  // qualify every item.)
  if (lists_ == ListReading::any && s.items.size() >= 2) {
    bool bounded = s.depth_before(i) == 0 ? t.kind == Tok::examples : false;
    if (s.depth_before(i) > 0) {
      std::size_t x = i;
      while (x > b && !(toks_[x - 1].kind == Tok::lparen && s.depth_before(x - 1) == s.depth_before(i) - 1)) --x;
      bounded = x > b && toks_[x - 1].begin >= s.items.back().begin;
    }
    bool list = bounded && (s.pending == Conn::comma || s.pending == Conn::none);
    for (const Conn c : s.conns) list = list && c == Conn::comma;
    for (std::size_t x = b; x < e && list; ++x) list = !judges(x);
    bool typed = false;
    for (std::size_t k = 0; k + 1 < s.items.size(); ++k) typed = typed || !s.items[k].text;
    if (list && typed) {
      // The rest is read by a person as written (no unlisted reading: its numbers may be the exception's).
      const std::uint32_t rest_begin = s.items.back().begin;
      bool judged = false;
      for (std::size_t x = b; x < e && !judged; ++x) judged = toks_[x].begin >= rest_begin && judges(x);
      s.items.back() = Item{text_node(rest_begin, toks_[e - 1].end,
                                    judged ? engine::TextReason::judgement : engine::TextReason::not_understood),
                          false, rest_begin, toks_[e - 1].end};
      if (auto read = finish_items(b, e, s.items, s.conns, s.text_has_or)) { s.result = std::move(read); return Step::done; }
    }
  }
  return Step::whole_text;
}

}  // namespace detail
}  // namespace trialmatch::grammar

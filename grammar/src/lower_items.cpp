// After a piece's items are read: how text and typed items beside each other are kept, merged or
// given up to a person. Returns nothing where the whole piece must stay one text.
#include <algorithm>
#include <cassert>
#include <fmt/format.h>

#include "lower.hpp"
#include "lower_and_pairs.hpp"
#include "lower_governing_table.hpp"
#include "lower_governing_words.hpp"
#include "lower_item_tokens.hpp"
#include "lower_node_slot.hpp"
#include "lower_operation_names.hpp"
#include "lower_piece_shape.hpp"
#include "lower_reaction_object.hpp"
#include "lower_result_clause.hpp"
#include "lower_text_runs.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

// Words that make the events after them the object of a relation, not the patient's own condition or
// treatment: "Contraindications for the laser or topical steroid treatment", "allergy to penicillin or
// cephalosporins", "family history of ...", "planned surgery", "stopped taking ...".
bool relation_head(std::string_view word) {
  static constexpr WordList heads(kRelationHeads);  // asked of every word of unread text
  return heads.contains(word);
}

// A word that opens a qualifier of what comes before it rather than the name of another thing: "and taking
// related drugs", "and treated with steroids", "and who ...", "and not controlled".
bool qualifying_word(std::string_view word) {
  static constexpr std::string_view words[] = {"who", "whom", "which", "that", "with", "without", "to", "for", "in",
                                               "on", "at", "by", "from", "not", "no", "is", "are", "was", "were",
                                               "has", "have", "had", "be", "been", "can", "could", "may", "might",
                                               "will", "would", "should", "must", "need", "needs", "unable", "able"};
  static constexpr WordList list(words);
  if (list.contains(word)) return true;
  const auto ends = [&](std::string_view suffix) {
    return word.size() > suffix.size() + 2 && iequals(word.substr(word.size() - suffix.size()), suffix);
  };
  return ends("ing") || ends("ed");  // "taking", "treated", "requiring", "associated"
}

// Whether an item is typed (read by the grammar). (A plain loop: std::all_of's four-way unrolled search costs more on
// the one to three items most pieces have.)
static bool holds_typed(const std::vector<Item>& items) {
  for (const Item& it : items)
    if (!it.text) return true;
  return false;
}

// Whether every typed item holds an event and is glued (no connector between) to unread words beside it: the merge
// of glued runs in finish_items makes each such item text (its run holds unread words and an event), and nothing
// before that merge makes an item typed again. Where it holds, the piece ends with no typed item (or is refused sooner).
static bool typed_all_glued_events(const std::vector<Item>& items, const std::vector<Conn>& conns) {
  const std::size_t n = items.size();
  for (std::size_t k = 0; k < n; ++k) {
    if (items[k].text) continue;
    const bool glued_to_words = (k > 0 && conns[k - 1] == Conn::none && items[k - 1].text) ||
                                (k + 1 < n && conns[k] == Conn::none && items[k + 1].text);
    if (!glued_to_words || !contains_has(items[k].node)) return false;
  }
  return true;
}

std::optional<Node> Lowering::finish_items(std::size_t b, std::size_t e, std::vector<Item>& items,
                                           std::vector<Conn>& conns, std::vector<bool>& text_has_or) {
  std::optional<Node> read;
  finish_items_into(b, e, items, conns, text_has_or, read);
  return read;
}

bool Lowering::finish_items_into(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                                 std::vector<bool>& text_has_or, NodeSlot out) {
  // Unread words alone (most pieces the lowering is given): every step below merges or reorders text, or gives
  // nothing, and none warns, so the piece is nothing read, at once (the caller reads it as text).
  if (!holds_typed(items)) return false;
  // Each step below is called only where the piece has what the step cannot do without (the shape: what
  // items stand where, joined by what, and the kinds of the tokens; said beside each, from the step's own tests).
  // Most pieces have few items and lack it. A step that ran may have changed the items, and the shape is read
  // again where their count changed: each step changes an item's kind or a connector only by joining or dropping
  // items, but those called `in_place` (an item made text, a node replaced), which are read again always. (Steps
  // that change inside nodes keep their kinds: a Has stays a Has, a comparison a comparison.) Builds with
  // assertions check it.
  // One typed item (a third of the pieces): every step below asks for two items or for unread words, but the two
  // that rename a comparison in place (pain_at_site, scale_at_muscle); the item is then combined alone. (A step
  // added below that acts on one typed item must be asked here too.) (Before the shape is read: it would say only
  // whether the item is an event.)
  if (items.size() == 1) {
    const TokKinds kinds = kinds_in(b, e);
    const bool other_item = !is_has(items.front().node);  // (typed: a piece of unread words alone was refused above)
    if (other_item && kinds.has(Tok::name)) pain_at_site(b, e, items);
    if (other_item && kinds.has(Tok::word)) scale_at_muscle(b, e, items);
    combined_into(items, conns, out);
    return true;
  }
  PieceShape shape(kinds_in(b, e), items, conns);
  const auto step = [&](bool may_apply, auto&& run, bool in_place = false) {
    if (!may_apply) return;
    run();
    // (The shape's size is the items' count before the run: the shape is never left stale.)
    if (in_place || items.size() != shape.size()) shape.read(items, conns);
    assert(shape.same_items(PieceShape(shape.kinds(), items, conns)));
  };
  using S = PieceShape;
  constexpr unsigned unread = S::of(S::text), event = S::of(S::event), non_event = S::of(S::other), any = S::any_class,
                     any_typed = S::typed;
  constexpr unsigned by_none = S::of(Conn::none), by_and = S::of(Conn::and_), by_or = S::of(Conn::or_),
                     by_comma = S::of(Conn::comma), by_slash = S::of(Conn::slash), by_any = S::any_conn;
  const TokKinds kinds = shape.kinds();
  // (An event first, joined to the next item by no connector.)
  if (shape.first_is(S::pairs(event, by_none, any)))
    if (auto guarded = condition_must_have(b, e, items, conns)) {  // lower_must_have.cpp
      out.put(std::move(*guarded));
      return true;
    }
  // "not related to trauma" (lower_not_caused.cpp): a negation token right before a cause token.
  step(kinds.has(Tok::negation) && kinds.has(Tok::related), [&] { cause_denied(b, e, items); }, true);
  // "Inability to ... exercise/physical activity" (lower_judged_slash.cpp): unread words with a judgement token,
  // joined by a slash to a typed item.
  step(kinds.has(Tok::judgement) && shape.has(S::pairs(unread, by_slash, any_typed)),
       [&] { judged_slash_pair(b, e, items, conns, text_has_or); });
  // "current diagnosis of A, <unread>, B or C" (lower_status_list.cpp): three items, a comma, a status token.
  step(shape.size() >= 3 && shape.has(S::pairs(any, by_comma, any)) && kinds.has(Tok::status_active),
       [&] { status_across_names(b, e, items, conns); });
  // "a device for step count or physical activity" (lower_governed_or.cpp): items joined by "or" or "and".
  step(shape.has(S::pairs(any, by_or | by_and, any)),
       [&] { object_across_connector(b, e, items, conns, text_has_or); });
  // "MI, heart dysfunction (NYHA ≥ 3) or arrhythmia within 1 year" (lower_window_measure.cpp): four items, the
  // last an event, a number (its window's) among the tokens.
  step(shape.size() >= 4 && shape.last() == S::event && kinds.has(Tok::quantity),
       [&] { window_across_measure(b, e, items, conns); });
  // "symptoms (i.e., ...) that would interfere" (lower_result_examples.cpp): unread words as the third item or later.
  step(shape.unread_from(2), [&] { result_through_examples(text_, toks_, items, conns, text_has_or); });
  // "spasticity and contracture to prevent sitting" (lower_result_clause.cpp): unread words after the first item;
  // an event joined by "or"/"and" to the clause's own event or to the clause.
  step(shape.unread_from(1) && shape.has(S::pairs(event, by_or | by_and, unread | event)),
       [&] { result_reaching(text_, toks_, items, conns, text_has_or); });
  // "Cancer or other illness with life expectancy < 6 months" (lower_illness_with.cpp): unread words after an
  // "or", glued to a typed item that is no single event (its comparisons).
  step(shape.has(S::pairs(any, by_or, unread)) && shape.has(S::pairs(unread, by_none, non_event)),
       [&] { illness_with_measure(b, e, items, conns, text_has_or); });
  // "trauma or infection at femur" (lower_body_site.cpp), "surgery or injection in the affected knee"
  // (lower_trial_site.cpp): an event joined by "or" or a comma to the next item.
  step(shape.has(S::pairs(event, by_or | by_comma, any)), [&] { body_site_reaching(b, e, items, conns, text_has_or); });
  step(shape.has(S::pairs(event, by_or | by_comma, any)), [&] { trial_site_reaching(items, conns, text_has_or); });
  // "Inhalation of ..., and/or glucocorticoids" (lower_route_list.cpp): unread words joined to the next item by
  // "and", "or" or a comma.
  step(shape.has(S::pairs(unread, by_and | by_or | by_comma, any)),
       [&] { route_over_list(b, e, items, conns, text_has_or); });
  // "Exacerbation of a condition (i.e., chronic pain)" (lower_worsening.cpp): unread words before a typed item (the
  // event in parentheses).
  step(shape.has(S::pairs(unread, by_any, any_typed)), [&] { worsening_aside(b, e, items, conns, text_has_or); });
  // "Pain > 4 on a visual numerical scale" (lower_score_scale.cpp): comparisons (a typed item, no single event) glued
  // to unread words.
  step(shape.has(S::pairs(non_event, by_none, unread)), [&] { score_scale_restated(b, e, items, conns, text_has_or); });
  // "NRS leg pain of 6 or more" (lower_pain_site.cpp), "Gastrocsoleus muscle spasticity (Modified Ashworth Scale
  // 1-3)" (lower_muscle_scale.cpp): a comparison, in a typed item that is no single event; a name token (the pain
  // score's), a word token (the muscle's).
  step(shape.other_item() && kinds.has(Tok::name), [&] { pain_at_site(b, e, items); });
  step(shape.other_item() && kinds.has(Tok::word), [&] { scale_at_muscle(b, e, items); });
  // "primary ... glaucoma and secondary ... glaucoma" (lower_primary_secondary.cpp): lists read as all, an "and".
  step(lists_ == ListReading::all && shape.has(S::pairs(any, by_and, any)),
       [&] { primary_and_secondary(items, conns, text_has_or); });
  // "another clinical study with a beta blocker" (lower_study_drug.cpp): two events glued or joined by "and".
  step(shape.has(S::pairs(event, by_none | by_and, event)), [&] { study_treatment_as_text(items, conns); }, true);
  // "less than 28 days old (neonate)" (lower_age_group.cpp): comparisons (no single event) glued to unread words,
  // parentheses among the tokens.
  step(shape.has(S::pairs(non_event, by_none, unread)) && kinds.has(Tok::lparen) && kinds.has(Tok::rparen),
       [&] { age_group_restated(b, e, items, conns, text_has_or); });
  // "meets DSM-5 criteria for anorexia nervosa" (lower_criteria_met.cpp): unread words glued to an event, a name
  // token (the condition's).
  step(shape.has(S::pairs(unread, by_none, event)) && kinds.has(Tok::name),
       [&] { criteria_met(b, e, items, conns, text_has_or); });
  // A relation word in unread text governs the events after it to the end of the piece, across its
  // "or" and commas: they become one text with it ("Patients > 18 years, scheduled for a procedure
  // under general anesthesia" keeps the age).
  // (One pass over the tokens, items in step: items are in text order.)
  // ("Standard exclusion criteria for MRI scanning and TMS": what a criterion excludes from is no event of the
  // patient; "meets diagnostic criteria for AD" names the disease.)
  // "Women with endometrial cancer who receive preoperative chemotherapy or radiation therapy": a relative clause in
  // unread words may take the events after it as its object (a filler word, passed over elsewhere).
  // Every typed item an event glued to unread words (nearly two thirds of the pieces of several items that get here):
  // the merges below (governed words, text runs) only make more text and keep an item's neighbours and connectors
  // where they stay apart, so the merge of glued runs further down makes every typed item text, and the piece is
  // refused where no item is typed (or sooner, by a test on the way: refused all the same). Nothing between warns or
  // gives a reading: refused here, at once. (A guard: docs/lowering-guards.md; tests/unit/test_grammar_items_untyped.cpp.)
  if (typed_all_glued_events(items, conns)) return false;
  const auto relative_at = [&](std::size_t x) {
    // (Asked of every token before and in unread words: all four are of three to five letters, opening with a w.)
    const std::size_t size = toks_[x].end - toks_[x].begin;
    return size >= 3 && size <= 5 && (text_[toks_[x].begin] | 0x20) == 'w' &&
           one_of(slice(toks_[x].begin, toks_[x].end), kRelatives);
  };
  // (Only unread words before the last typed item that holds an event can govern one: the words after it are not
  // scanned. Skipping an item's scan leaves the next one's as it was: that asks only the tokens after the item
  // before it.)
  std::size_t governed_end = items.size();  // one past the last item holding an event; 0: none
  while (governed_end > 0 && (items[governed_end - 1].text || !contains_has(items[governed_end - 1].node)))
    --governed_end;
  for (std::size_t k = 0, x = b; k + 1 < governed_end; ++k) {
    if (!items[k].text) continue;
    bool head = false;
    // (A relative word right before the unread words counts too: "who receive preoperative ...".)
    for (; x < e && toks_[x].begin < items[k].begin; ++x)
      head = head || (k > 0 && toks_[x].begin >= items[k - 1].end && relative_at(x));
    // (The three lists in one table, asked once a word: relation_head's, "criteria" (after "exclusion") and
    // relative_at's; lower_governing_table.hpp. Most words are in none and refused by its first test.)
    for (; x < e && toks_[x].end <= items[k].end && !head; ++x) {
      if (toks_[x].kind != Tok::word && toks_[x].kind != Tok::filler) continue;
      const unsigned lists = kGoverningTable.lists_of(slice(toks_[x].begin, toks_[x].end));
      head = lists != 0 &&
             ((!ignored(x) && ((lists & kRelationHead) ||
                               ((lists & kCriteriaWord) && x > b &&
                                iequals(slice(toks_[x - 1].begin, toks_[x - 1].end), "exclusion")))) ||
              (lists & kRelative));
    }
    if (!head) continue;  // (a head governs: an item after it holds an event)
    items[k].end = items.back().end;
    items[k].orphan = false;
    items.resize(k + 1);
    conns.resize(k);
    text_has_or.resize(k + 1);
    text_has_or[k] = false;
    break;
  }
  // Thresholds that found no variable rejoin the words beside them: "cervical dilation ≤2 cm".
  // (In one pass: lower_text_runs.hpp.)
  rejoin_text_runs(items, conns, text_has_or);

  // Text that was joined by "or" may change what the typed part means: all of it is read by a person.
  // A text with its own "or" that is joined to its neighbours by a connector on every side ("Age
  // between 10 and 18 and living with a parent or guardian", "Acute or chronic inflammatory disease
  // and/or CRP >30 mg/L") is one more condition, read by a person; beside a typed node with no
  // connector it may change what that node means.
  // "candidemia during ICU stay and were treated with echinocandins or azoles": a text with an "and"
  // of its own, offered as an alternative, hides where the "or" binds; a person reads it.
  // Text beside an event ("planned organ transplant", "severe arrhythmia requiring treatment") may
  // change the relation to it: the words joined without a connector become one text.
  // (Only where unread words and a typed item stand side by side with no connector: a run of such items that holds
  // both has two of them.)
  // (The two refusals and the test for glued items in one pass over the items: none of the three changes them, and
  // either refusal refuses whichever item it meets first.)
  bool glued = false;
  {
    const std::size_t n = items.size();
    const bool and_in_piece = kinds.has(Tok::and_);  // (the piece's tokens hold an "and")
    for (std::size_t k = 0; k < n; ++k) {
      const Item& it = items[k];
      if (k + 1 < n) glued = glued || (conns[k] == Conn::none && it.text != items[k + 1].text);
      if (!it.text) continue;
      if (text_has_or[k]) {
        const bool joined_before = k == 0 || conns[k - 1] != Conn::none;
        const bool joined_after = k + 1 >= n || conns[k] != Conn::none;
        if (!(joined_before && joined_after) || n == 1) return false;
      }
      if (!and_in_piece) continue;
      const bool alternative = (k > 0 && conns[k - 1] == Conn::or_) || (k < conns.size() && conns[k] == Conn::or_);
      if (!alternative) continue;
      for (std::size_t x = b; x < e; ++x)
        if (toks_[x].kind == Tok::and_ && toks_[x].begin >= it.begin && toks_[x].end <= it.end) return false;
    }
  }
  // (A run is unread words and events glued, no comparison alone in it; each item's events asked once.)
  const auto holds_event = [&](const Item& it) { return !it.text && contains_has(it.node); };
  for (std::size_t k = 0; glued && k < items.size();) {
    std::size_t m = k;
    bool any_text = items[k].text, any_event = holds_event(items[k]);
    if (any_text || any_event)  // (not a comparison alone)
      while (m + 1 < items.size() && conns[m] == Conn::none) {
        const Item& next = items[m + 1];
        const bool next_event = holds_event(next);
        if (!next.text && !next_event) break;  // a comparison alone
        ++m;
        any_text = any_text || next.text;
        any_event = any_event || next_event;
      }
    // Words that lead the piece ("planned ...", "allergy to ...") may govern all of it, unless the
    // rest is comparisons that stand on their own ("Patients with AF scheduled ..., and ≥20 years").
    if (any_text && any_event && m > k && k == 0) {
      bool rest_stands_alone = true;
      for (std::size_t x = m + 1; x < items.size(); ++x)
        rest_stands_alone = rest_stands_alone && (items[x].text || !contains_has(items[x].node));
      if (!rest_stands_alone) return false;
    }
    if (any_text && any_event && m > k) {
      items[k].text = true;
      items[k].orphan = false;
      items[k].end = items[m].end;
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(k) + 1, items.begin() + static_cast<std::ptrdiff_t>(m) + 1);
      conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(k), conns.begin() + static_cast<std::ptrdiff_t>(m));
    }
    k = k + 1;
  }
  // Unread words alone now (nearly half the pieces of several items: their events glued to words above): the piece is
  // refused below where no item is typed, and nothing before that test makes an item typed, warns or gives a
  // reading (the steps between merge items into text, change connectors or refuse), so it is refused here, at once.
  // (A guard: docs/lowering-guards.md; tests/unit/test_grammar_items_untyped.cpp.)
  if (!holds_typed(items)) return false;
  // "Allergy or intolerance to bupivacaine", "Hypersensitivity, allergy, or significant reaction to any
  // ingredient of Pitocin": a reaction read as a concept, offered beside unread words that carry the object
  // ("to ..."), reacts to that object too; alone it would be an allergy to anything. The reaction and its
  // alternatives up to the object become one text. (lower_reaction_object.hpp)
  {
    // (The item's tokens found by bisection: asked of every event of the piece, a scan from its start would be
    // quadratic over a long list.)
    const auto has_word = [&](const Item& it, auto&& pred) {
      for (std::size_t x = token_at(it.begin, b, e); x < e && toks_[x].begin < it.end; ++x)
        if (toks_[x].end <= it.end && !ignored(x) && pred(slice(toks_[x].begin, toks_[x].end))) return true;
      return false;
    };
    const auto object_word = [](std::string_view w) { return iequals(w, "to") || iequals(w, "against"); };
    reaction_over_object(
        items, conns, [&](const Item& it) { return contains_has(it.node) && has_word(it, reaction_word); },
        [&](const Item& it) { return has_word(it, object_word); },
        [&](std::size_t k, std::size_t m) {
          items[k].text = true;
          join_items(items, conns, text_has_or, k, m);
          text_has_or[k] = true;  // the merged words hold the connectors between them
        });
  }
  // "untreated colon or rectal cancer", "severe heart, liver and kidney dysfunction", "Unstable spinal cord
  // compression/brain metastases": a qualifier that opens a list in words the grammar could not read may
  // qualify every item of it; the events after it alone would be any cancer, any kidney disease. The list,
  // from the qualifier to its last item, is one text.
  // (Across "or", "and" and a slash, not past a comma that starts another item of its own: "Chronic
  // diarrhea, cardiac disease, pregnancy".)
  const auto joins = [](Conn c) { return c == Conn::or_ || c == Conn::and_ || c == Conn::slash; };
  static constexpr std::string_view qualifiers[] = {
      "severe", "significant", "clinically", "uncontrolled", "untreated", "unstable", "symptomatic",
      "decompensated", "progressive", "refractory", "advanced", "serious", "major", "poorly", "difficult",
      "chronic", "acute", "recent", "recurrent", "relevant", "moderate", "mild", "persistent", "medically",
      "unilateral", "bilateral", "isolated", "primary", "localized", "localised", "congenital", "idiopathic",
      "metastatic", "early"};
  static constexpr WordList qualifier_list(qualifiers);
  if (items.size() > 1 && items[0].text && joins(conns[0])) {
    std::size_t x = b;
    while (x < e && (toks_[x].end <= items[0].begin || ignored(x) || neutral(x))) ++x;
    const bool opens = x < e && toks_[x].begin >= items[0].begin && toks_[x].end <= items[0].end &&
                       (toks_[x].kind == Tok::word || toks_[x].kind == Tok::filler || toks_[x].kind == Tok::judgement) &&
                       qualifier_list.contains(slice(toks_[x].begin, toks_[x].end));
    // "Acute disease or active systemic infection or sepsis": the qualifier has a head of its own
    // ("disease", "illness"), the items after it are others.
    static constexpr std::string_view own_heads[] = {"disease", "diseases", "illness", "illnesses", "condition",
                                                     "conditions", "disorder", "disorders"};
    static constexpr WordList own_head_list(own_heads);
    std::size_t last = e;
    for (std::size_t y = b; y < e; ++y)
      if (toks_[y].begin >= items[0].begin && toks_[y].end <= items[0].end && !ignored(y)) last = y;
    const bool headed = last < e && own_head_list.contains(slice(toks_[last].begin, toks_[last].end));
    // (Nor where a head of its own ends the words before a comma: "Congenital lower limb musculoskeletal diseases,
    // Lower limb or spine surgery" opens the list with an item of its own.)
    bool own_item = false;
    for (std::size_t y = x; y + 1 < e && y + 1 <= last && !own_item; ++y)
      own_item = toks_[y + 1].kind == Tok::comma && own_head_list.contains(slice(toks_[y].begin, toks_[y].end));
    std::size_t m = 0;
    bool event = false;
    while (opens && !headed && !own_item && m + 1 < items.size() && joins(conns[m]) && (items[m + 1].text || contains_has(items[m + 1].node))) {
      ++m;
      event = event || (!items[m].text && contains_has(items[m].node));
    }
    if (event) {
      items[0].end = items[m].end;
      items[0].orphan = false;
      items.erase(items.begin() + 1, items.begin() + static_cast<std::ptrdiff_t>(m) + 1);
      conns.erase(conns.begin(), conns.begin() + static_cast<std::ptrdiff_t>(m));
      text_has_or.erase(text_has_or.begin() + 1, text_has_or.begin() + static_cast<std::ptrdiff_t>(m) + 1);
      text_has_or[0] = true;
    }
  }
  // "adrenal insufficiency, pituitary dysfunction, medically uncontrolled hyperthyroidism or hypothyroidism": the
  // same, where the qualifier opens the last part of unread words after a comma (any item of the list).
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (!items[k].text || !joins(conns[k])) continue;
    // (The item's tokens from its first: lower_item_tokens.hpp.)
    std::size_t seg = last_comma_within(toks_, b, e, items[k].begin, items[k].end);
    if (seg == e) continue;
    if (toks_[seg].kind == Tok::comma) ++seg;
    while (seg < e && toks_[seg].begin < items[k].end && (ignored(seg) || neutral(seg))) ++seg;
    if (seg >= e || toks_[seg].begin >= items[k].end || (k == 0 && toks_[seg].begin <= items[k].begin + 1)) continue;
    if (!((toks_[seg].kind == Tok::word || toks_[seg].kind == Tok::filler || toks_[seg].kind == Tok::judgement) &&
          qualifier_list.contains(slice(toks_[seg].begin, toks_[seg].end))))
      continue;
    std::size_t m = k;
    bool event = false;
    while (m + 1 < items.size() && joins(conns[m]) && (items[m + 1].text || contains_has(items[m + 1].node))) {
      ++m;
      event = event || (!items[m].text && contains_has(items[m].node));
    }
    if (!event) continue;
    join_items(items, conns, text_has_or, k, m);
    text_has_or[k] = true;
  }
  // "FEV1 (forced expiratory volume) / FVC < 70%": a measure in unread words joined by a slash to a comparison
  // may be the other half of a ratio; a person reads it.
  // "Hypertensive emergency and urgency", "History of atrial fibrillation and frequent extrasystoles", "Second and
  // third-degree heart block": in an exclusion, an event and unread words that name another thing, joined by a
  // bare "and", list two things, each excluded (as two read events are); required together, a patient with the
  // unread one alone would pass. Words that qualify ("and taking related drugs", "and treated with ...") do not.
  // "Patients with psoriasis and patients with atopic dermatitis", "... and those with hypertension": "and"
  // before the people a second item starts on names a second group, each eligible (or excluded) alone. (Only
  // words that say nothing of the people: "adults with asthma and children with eczema" also ties each
  // condition to an age or sex, which a list would drop: a person reads it.)
  // (lower_and_pairs.hpp: each pair's scan from its own first token on a long list.)
  using Pairs = PairScan<std::span<const Token>>;
  const auto not_read = [&](std::size_t x) { return ignored(x); };
  {
    const Pairs pairs{toks_, text_, b, e, items.size() > Pairs::kLinearPast};
    if (ratio_across_slash(pairs, items, conns, [&](std::size_t x) { return is_measured(x); })) return false;
    // (Both change or refuse only where a written "and" stands between the two items: an and_ token of the piece.
    // A guard: docs/lowering-guards.md; tests/unit/test_grammar_and_pairs.cpp.)
    if (kinds.has(Tok::and_)) {
      if (lists_ == ListReading::any) and_lists_exclusions(pairs, items, conns, not_read);
      if (!groups_across_and(pairs, items, conns, not_read)) return false;
    }
  }
  // "Endocrine disorder, fluid-electrolyte imbalance and infection", "use of anabolic, anti-inflammatory and
  // analgesic drugs": unread list items, merged into one text over their comma, then "and" and an event: the last
  // "and" of a list, which an exclusion reads as "or" (as where every item is read).
  // "QTc interval >450ms on initial electrocardiograph, Hb <8.0, WBC<2000": words after a comparison that run
  // over a comma may hold the next items, which an exclusion asks for alone, not with the comparison: a person
  // reads the piece.
  // (`then_compared`: only where a comparison follows the comma; "creatinine ≥ 1.5 mg/dL that apparently influence
  // glucose, lipid and protein metabolism" is one clause on the comparison.)
  const auto comma_within = [&](const Item& it, bool then_compared) {
    int depth = 0;
    bool comma = false;
    for (std::size_t x = token_at(it.begin, b, e); x < e && toks_[x].begin < it.end; ++x) {
      const Tok kind = toks_[x].kind;
      if (kind == Tok::lparen) ++depth;
      else if (kind == Tok::rparen && depth > 0) --depth;
      else if (depth == 0 && kind == Tok::comma) comma = true;
      if (comma && (!then_compared || kind == Tok::cmp)) return true;
    }
    return false;
  };
  if (lists_ == ListReading::any)
    for (std::size_t k = 0; k + 1 < items.size(); ++k) {
      if (!items[k].text && items[k + 1].text && conns[k] == Conn::none && comma_within(items[k + 1], true))
        return false;
      if (conns[k] == Conn::and_ && items[k].text && !items[k + 1].text && is_has_or_alternatives(items[k + 1].node) &&
          comma_within(items[k], false))
        conns[k] = Conn::or_;
    }
  // "acute MI or PCI or CABG occurred at least 12 months before entering the study": a time at the end of
  // a list, in words the grammar could not read, may time every item: no event before it stands alone.
  // (Alternatives and comma lists only: "TDT and a history of ≥8 transfusions for the prior 2 years" times its own count.)
  // A list's last "and" after commas joins items as its "or" would ("health functional foods, lactic acid
  // bacteria, and red ginseng extracts for the past year").
  const bool listed_and = items.size() > 2 && conns.back() == Conn::and_ && conns[conns.size() - 2] == Conn::comma;
  if (items.size() > 1 && items.back().text && (conns.back() == Conn::or_ || listed_and)) {
    bool timed = false;
    for (std::size_t x = b; x < e; ++x) {
      if (toks_[x].begin < items.back().begin || toks_[x].end > items.back().end) continue;
      const Tok k = toks_[x].kind;
      // "during the study" names the time the trial runs, which starts at matching: no narrower window.
      static constexpr std::string_view study_time[] = {"study", "trial", "participation", "course"};
      const bool study_period = k == Tok::within && x + 1 < e && iequals(slice(toks_[x].begin, toks_[x].end), "during the") &&
                                one_of(slice(toks_[x + 1].begin, toks_[x + 1].end), study_time);
      // "for the past year", "in the last month": a period named without a number.
      static constexpr std::string_view periods[] = {"year", "month", "week", "day", "decade"};
      static constexpr std::string_view recent[] = {"past", "last", "previous", "preceding", "prior"};
      const bool named_period = (k == Tok::word || k == Tok::filler) && one_of(slice(toks_[x].begin, toks_[x].end), periods) &&
                                x > b && one_of(slice(toks_[x - 1].begin, toks_[x - 1].end), recent);
      timed = timed || named_period || k == Tok::before || k == Tok::after || k == Tok::ahead || (k == Tok::within && !study_period) ||
              (k == Tok::quantity && is_time_unit(toks_[x].quantity.unit));
    }
    bool untimed_event = false;
    // Only the alternatives of the last item: back over "or" and commas, not past an "and".
    std::size_t first = items.size() - 1;
    if (listed_and) --first;
    while (first > 0 && (conns[first - 1] == Conn::or_ || conns[first - 1] == Conn::comma)) --first;
    for (std::size_t k = first; k + 1 < items.size(); ++k) {
      if (items[k].text) continue;
      auto visit = [&](const Node& n, auto&& self) -> void {
        if (const auto* h = std::get_if<engine::Has>(&n.kind)) untimed_event = untimed_event || !h->within;
        else if (const auto* all = std::get_if<engine::All>(&n.kind)) for (const auto& a : all->args) self(a, self);
        else if (const auto* any = std::get_if<engine::Any>(&n.kind)) for (const auto& a : any->args) self(a, self);
      };
      visit(items[k].node, visit);
    }
    if (timed && untimed_event) return false;
  }
  // (The next steps refuse at once a piece that lacks what is asked before each call, as their own first tests do:
  // unread words last, after a comma or an "or"; an event before an "or"; a typed item before a comma; unread words
  // glued to a typed item with no event. Most pieces are refused without a call.)
  const auto typed_before = [&](Conn c, bool event) {
    for (std::size_t k = 0; k + 1 < items.size(); ++k)
      if (conns[k] == c && !items[k].text && (!event || is_has(items[k].node))) return true;
    return false;
  };
  const bool last_unread = items.size() > 1 && items.back().text;
  if (lists_ == ListReading::all && last_unread && conns.back() == Conn::comma && !list_or_in_text(b, e, items, conns))
    return false;  // "biopsy, ..., or gross total resection" (lower_hidden_or.cpp)
  if (last_unread && conns.back() == Conn::or_ && proviso_may_reach(b, e, items, conns))
    return false;  // "... or another disorder if ..." (lower_proviso.cpp)
  if (typed_before(Conn::or_, true))  // "MI or CABG at least 12 months before" (lower_elapsed_list.cpp)
    elapsed_reaching_alternatives(items, conns, text_has_or);
  // "within 4 weeks or 5 half-lives, whichever is shorter": the window is at most the typed one, so being
  // inside it decides nothing, being outside it decides "no": the alternative is a condition beside it (all).
  // ("whichever is longer" is at least the typed window: the "or" reads it.)
  bool shorter = false;
  for (const Item& it : items)
    shorter = shorter || (it.text && whichever_shorter(text_.substr(it.begin, it.end - it.begin)));
  if (shorter) {
    // A longer list: which items the condition bounds is a person's to read.
    if (items.size() != 2 || conns[0] != Conn::or_ || !items[1].text) return false;
    conns[0] = Conn::and_;
  }
  if (!holds_typed(items)) return false;
  // A lead-in before the first comparison ("Echocardiography showed LVEF ≥50%") names how it is measured.
  bool lead_names_who = false;  // "Women ≥ 18 years": the lead-in is a requirement of its own
  if (!items.empty() && items[0].text)
    for (std::size_t x = b; x < e && toks_[x].begin < items[0].end; ++x)
      lead_names_who = lead_names_who || toks_[x].kind == Tok::sex_female || toks_[x].kind == Tok::sex_male ||
                       toks_[x].kind == Tok::guard || toks_[x].kind == Tok::negation ||
                       // "sedated (apart from general anesthesia) when receiving or having a Glasgow score <14": an
                       // alternative or an exception in the lead-in is a condition of its own.
                       toks_[x].kind == Tok::or_ || toks_[x].kind == Tok::and_or || toks_[x].kind == Tok::exception ||
                       // "Sample of 40 healthy ASA I or II donors": a number of its own is more than a lead-in.
                       (toks_[x].kind == Tok::quantity && !incidental_number(x)) || toks_[x].kind == Tok::cmp;
  // "Hyperkalemia (serum potassium >5.5 mEq/L)", "Anemia (hemoglobin < 10 g/dL)": a condition read as the thresholds
  // that define it (lower_defines.cpp). (Called where two read items are glued, the first an event: its own first test.)
  for (std::size_t k = 0; k + 1 < items.size(); ++k)
    if (!items[k].text && !items[k + 1].text && conns[k] == Conn::none && is_has(items[k].node)) {
      defining_thresholds(b, e, items, conns, text_has_or);
      break;
    }
  if (items.size() > 1 && conns[0] == Conn::comma && other_quantity_label(b, e, items[0], items[1])) {
    warn(fmt::format("'{}' names another quantity: the comparison after it is left to a person",
                     trim(slice(items[0].begin, items[0].end))),
         items[0].begin, items[0].end);
    // (Built here without a warning: the item's text is warned of where text items are, as any other.)
    items[1].node = Node{engine::Text{std::string(trim_view(slice(items[0].begin, items[1].end))), engine::TextReason::not_understood},
                         {items[0].begin, items[1].end}};
    items[1].text = true;
    items[1].begin = items[0].begin;
    items.erase(items.begin());
    conns.erase(conns.begin());
    if (!text_has_or.empty()) text_has_or.erase(text_has_or.begin());
  }
  if (items.size() > 1 && conns[0] == Conn::comma && measure_label(b, e, items[0], items[1])) {
    warn(fmt::format("'{}' read as the label of the comparison after it", trim(slice(items[0].begin, items[0].end))),
         items[0].begin, items[0].end);
    items.erase(items.begin());
    conns.erase(conns.begin());
    if (!text_has_or.empty()) text_has_or.erase(text_has_or.begin());
  }
  // An age after a lead-in: "Early onset of deafness (< 3 years of age)" is the age at that onset, no reading of
  // today's; "HIV-positive adolescents aged 10-19", "English-speaking individuals between 15-21" ask more than the
  // age, and the rest stays for a person. Only words that name whom ("All patients", "Minors", "being") go.
  if (items.size() > 1 && items[0].text && conns[0] == Conn::none && contains_cmp_on(items[1].node, "age")) {
    static constexpr std::string_view moments[] = {"onset", "diagnosis", "diagnosed", "since", "when", "start",
                                                   "beginning", "first", "initial", "time"};
    static constexpr WordList moment_list(moments);
    static constexpr std::string_view whom[] = {
        "all", "any", "eligible", "being", "be", "will", "are", "is", "who", "whose", "s", "person", "minor", "minors",
        "infant", "infants", "neonate", "neonates", "newborn", "newborns", "adolescent", "adolescents", "teen", "teens",
        "teenager", "teenagers", "youth", "youths", "toddler", "toddlers", "boys", "girls", "men", "women", "aged",
        "age", "ages", "postnatal", "chronological", "minimum", "maximum", "range", "group", "between", "of", "the",
        "a", "an", "with", "and", "must", "should"};
    static constexpr WordList whom_list(whom);
    bool other_moment = false, more = false;
    for (std::size_t x = b; x < e && toks_[x].begin < items[0].end; ++x) {
      if (toks_[x].end <= items[0].begin || neutral(x)) continue;
      const std::string_view w = slice(toks_[x].begin, toks_[x].end);
      other_moment = other_moment || moment_list.contains(w);
      const bool word = toks_[x].kind == Tok::word || toks_[x].kind == Tok::name || toks_[x].kind == Tok::other;
      more = more || !(word && whom_list.contains(w));
    }
    if (other_moment) return false;
    lead_names_who = lead_names_who || more;
  }
  // "mild ... ischemic stroke (NIHSS <16)" (lower_lead_normal.cpp)
  if (!lead_names_who && items.size() > 1 && items[0].text && conns[0] == Conn::none && !contains_has(items[1].node))
    condition_lead_beside(b, e, items, conns, text_has_or);
  if (items.size() > 1 && items[0].text && conns[0] == Conn::none && !contains_has(items[1].node) && !lead_names_who &&
      (episodes_before(b, e, items[1].begin) || purpose_before(b, e, items[0], items[1])))
    episode_as_text(items, conns, text_has_or, 0);  // lower_episodes.cpp, lower_purpose.cpp
  else if (items.size() > 1 && items[0].text && conns[0] == Conn::none && !contains_has(items[1].node) && !lead_names_who &&
           !lead_condition_kept(b, e, items[0], items[1])) {  // lower_lead_condition.cpp
    warn(fmt::format("lead-in '{}' not needed for the comparison", trim(slice(items[0].begin, items[0].end))),
         items[0].begin, items[0].end);
    items.erase(items.begin());
    conns.erase(conns.begin());
  }
  // "Previous brain tumour surgery", "inguinal hernia surgery": a condition right before "surgery" names the
  // operation on it, not the condition and any operation (a patient with an unoperated hernia and a knee
  // replacement is no hernia surgery); the two are one unread name.
  // (Joined in one pass, lower_operation_names.hpp: the test of items k and k + 1 as the list had them.)
  join_operation_names(items, conns, text_has_or, [&](std::size_t k) {
    if (items[k].text || items[k + 1].text || conns[k] != Conn::none || !is_has(items[k].node) ||
        !is_has(items[k + 1].node) || items[k + 1].begin < items[k].end)
      return false;
    const auto& operation = std::get<engine::Has>(items[k + 1].node.kind);
    if (operation.concept_id != "surgery" || !operation.name.empty()) return false;
    return trim_view(text_.substr(items[k].end, items[k + 1].begin - items[k].end)).empty();  // adjacent
  });
  for (auto& it : items) {
    if (!it.text) continue;
    // (The item's tokens only, from its first: lower_item_tokens.hpp. Only a judgement token judges: a piece with none
    // is not scanned.)
    const bool judged = kinds.has(Tok::judgement) &&
                        any_token_within(toks_, b, e, it.begin, it.end, [&](std::size_t x) { return judges(x); });
    // (Made where the item's node was, lower_node_slot.hpp: assigned, the reading was made apart, moved in through the
    // variant's assignment and destroyed, two visits of its kind for each of ~1,700 text items a pass.)
    // (A judged item is its text; another is read as open_reading_or_text reads it, its tokens found in the piece:
    // lower_item_tokens.hpp.)
    if (judged) {
      NodeSlot(it.node).make([&] { return text_node(it.begin, it.end, engine::TextReason::judgement); });
      continue;
    }
    const ItemTokens words = item_tokens(toks_, b, e, it.begin, it.end);
    assert(words.first == token_at(it.begin, 0, toks_.size()));  // (the item's bytes are the piece's)
    NodeSlot(it.node).make([&] { return open_reading_or_text(words.first, words.last, it.begin, it.end); });
  }
  // "Pregnant and lactating women", "history of bleeding and cerebral infarction": two events joined by "and" in an
  // exclusion, or before the people they describe, name two kinds of patient, each meant (a pregnant woman who
  // does not breastfeed is excluded too); it is not one patient with both. (lower_and_pairs.hpp)
  // (Only where a written "and" stands between the two events: an and_ token of the piece. A guard, as above.)
  if (kinds.has(Tok::and_))
    and_names_kinds(Pairs{toks_, text_, b, e, items.size() > Pairs::kLinearPast}, items, conns,
                    lists_ == ListReading::any, not_read);
  // "heparin within 48 hours, resulting in an aPTT above the upper limit of normal": what follows "resulting in",
  // "leading to", "causing" is what the item before it brought about; the criterion is both together, never
  // either alone (heparin with a normal aPTT excludes no one). Between more items, which of them the consequence
  // joins is a person's to read.
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (items[k].text || items[k + 1].begin < items[k].end) continue;
    // (Up to the next item's own words, or into them where they are unread: a window of the first item may
    // come between, "heparin within 48 hours, resulting in ...".)
    const std::uint32_t until = items[k + 1].text ? items[k + 1].end : items[k + 1].begin;
    const std::string_view written = text_.substr(items[k].end, until - items[k].end);
    // (Its comma before the next item's words: within unread words the phrase is theirs.)
    const std::size_t at = consequence_at(written);  // lower_util.hpp
    if (at == std::string_view::npos || items[k].end + at > items[k + 1].begin) continue;
    if (items.size() != 2) return false;
    const std::uint32_t begin = items[0].begin, end = items[1].end;
    std::vector<Node> both;
    both.push_back(std::move(items[0].node));
    both.push_back(std::move(items[1].node));
    out.put(engine::make_all(std::move(both), {begin, end}));
    return true;
  }
  // "iPTH > 800 pg/ml, followed with hypercalcemia and/or hyperphosphatemia", "Diabetes, requiring insulin, or
  // hypertension": unread words after a comma that open with a participle qualify what is before them; with more
  // items after them, which of those the qualifier takes is a person's to read.
  for (std::size_t k = 0; k + 2 < items.size(); ++k) {
    if (conns[k] != Conn::comma || !items[k + 1].text || items[k].text) continue;
    std::string_view first_word;
    for (std::size_t x = token_at(items[k + 1].begin, b, e); x < e && first_word.empty() && toks_[x].begin < items[k + 1].end; ++x)
      if (!ignored(x)) first_word = slice(toks_[x].begin, toks_[x].end);
    static constexpr std::string_view participles[] = {"followed", "accompanied", "associated", "requiring",
                                                       "needing", "treated", "complicated", "caused", "resulting"};
    if (one_of(first_word, participles)) return false;
  }
  if (typed_before(Conn::comma, false) && !comma_qualifier(b, e, items, conns))
    return false;  // ", currently with medication" (lower_comma_qualifier.cpp)
  // "Diabetes or hypertension, which are well controlled", "Heart failure, which requires hospitalization": a
  // relative clause after the list qualifies what it lists, not one more item of it.
  if (items.size() >= 2 && items.back().text && conns.back() == Conn::comma) {
    std::string_view first = text_.substr(items.back().begin, items.back().end - items.back().begin);
    first = first.substr(0, first.find(' '));
    static constexpr std::string_view relatives[] = {"which", "that", "who", "whose", "whom"};
    // "(bipolar disorder, depression, schizophrenia) which is not optimally managed": the clause closes
    // the list from inside a text item; what it qualifies is a person's to read.
    const std::string_view whole = text_.substr(items.back().begin, items.back().end - items.back().begin);
    if (!one_of(first, relatives) && (whole.find(") which ") != std::string_view::npos ||
                                      whole.find(") who ") != std::string_view::npos ||
                                      whole.find(") that ") != std::string_view::npos))
      return false;
    if (one_of(first, relatives)) {
      Item clause = std::move(items.back());
      items.pop_back();
      conns.pop_back();
      const std::uint32_t begin = items.front().begin;
      Node listed = combine(items, conns);
      std::vector<Item> both;
      both.push_back(Item{std::move(listed), false, begin, clause.begin});
      both.push_back(std::move(clause));
      std::vector<Conn> joined{Conn::none};
      out.put(combine(both, joined));
      return true;
    }
  }
  combined_into(items, conns, out);
  return true;
}

}  // namespace trialmatch::grammar::detail

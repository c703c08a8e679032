// sequence()'s steps at the words of the items themselves: comparisons, events, a sex, and the other words
// that join or qualify them.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lower.hpp"
#include "lower_local_node.hpp"
#include "lower_sequence.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar {
namespace detail {

using engine::Node;

// A comparison on a measure the lexicon names, or a bare threshold whose variable is read with the one
// beside it. Step::not_read where none starts at i.
Step Lowering::comparison_at(SequenceState& s, std::size_t& i) {
  const Token& t = toks_[i];
  const std::size_t e = s.e;
  // Set where the comparison refused and found that threshold(i, e) refuses too: the bare threshold below, which
  // reads that threshold first, would refuse (a guard, docs/lowering-guards.md: the same span's answer not asked twice).
  bool no_threshold_at_i = false;
  if (t.kind != Tok::name || is_measured(i)) {
    // (The comparison is built in a spare item after the others, which becomes its item where one is read and
    // is dropped where none is: a Cmp built apart was moved into the list with its strings.)
    const std::size_t count = s.items.size();
    Node& n = s.items.emplace_back().node;
    if (auto j = comparison(i, e, n, &no_threshold_at_i)) {
      // "≥20 and ≤80 years of age": a threshold before it, joined to it, shares its variable.
      // ("Cr > 1.4 or GFR < 60": a threshold right after unread words is theirs where the next
      // comparison names its own variable; "Infant ≥1 and ≤6 months of age" shares the age.)
      const bool orphan_named = count >= 2 && s.items[count - 2].text && s.conns[count - 2] == Conn::none &&
                                t.kind == Tok::name;
      if (count > 0 && s.items[count - 1].orphan && !orphan_named &&
          (s.pending == Conn::and_ || s.pending == Conn::or_)) {
        Item& orphan = s.items[count - 1];
        if (auto shared = shared_cmp(n, *orphan.threshold, orphan.begin, orphan.end)) {
          orphan = Item{std::move(*shared), false, orphan.begin, orphan.end};
        }
      }
      // (Placed as push_typed places an item.)
      if (count > 0) s.conns.push_back(s.pending);
      s.pending = Conn::none;
      s.text_has_or.push_back(false);
      s.items.back().begin = t.begin;
      s.items.back().end = toks_[*j - 1].end;
      i = *j;
      return Step::next;
    }
    s.items.pop_back();
  }
  if (t.kind != Tok::name && !no_threshold_at_i) {
    Threshold th;
    if (auto j = bare_threshold(i, e, th)) {
      const auto end = toks_[*j - 1].end;
      // "age ≥18 and < 65 years": the variable of the comparison before it.
      if (!s.items.empty() && !s.items.back().text && s.pending != Conn::none && s.pending != Conn::slash) {
        if (auto shared = shared_cmp(s.items.back().node, th, t.begin, end)) {
          s.push_typed(std::move(*shared), t.begin, end);
          i = *j;
          return Step::next;
        }
      }
      // (Made empty, as Item() makes its node: a Node{} moved in was zero-filled first, lower_local_node.hpp.)
      Item orphan;
      orphan.text = true;
      orphan.begin = t.begin;
      orphan.end = end;
      orphan.orphan = true;
      orphan.threshold = std::make_unique<Threshold>(th);
      s.push(std::move(orphan));
      i = *j;
      return Step::next;
    }
  }
  return Step::not_read;
}

// An event the lexicon names (or a biomarker), at i: its status, its window and the words around it.
Step Lowering::event_at(SequenceState& s, std::size_t& i) {
  const Token& t = toks_[i];
  const std::size_t e = s.e;
  // "Chemotherapy-naïve", "insulin naive": never had it.
  // (Every spelling naive_after reads opens with "n" or "N", or a hyphen before it: the byte the next token opens
  // with is asked first, before the call.)
  const auto may_be_naive = [&] {
    const char c = i + 1 < e ? text_[toks_[i + 1].begin] : '\0';
    return c == '-' || (c | 0x20) == 'n';
  };
  if (const std::size_t n = may_be_naive() ? naive_after(i, e) : 0; n != 0) {
    s.push(Item{engine::make_not(has(*t.entry, t.begin, toks_[n - 1].end), {t.begin, toks_[n - 1].end}), false,
              t.begin, toks_[n - 1].end});
    s.last_event = i;
    i = n;
    return Step::next;
  }
  if (!s.items.empty() && s.pending == Conn::none && !s.items.back().text && is_has(s.items.back().node) &&
      lexicon_.is_a(std::get<engine::Has>(s.items.back().node.kind).concept_id, t.entry->id)) {
    ++i;  // "hepatitis B virus (HBV)", "HCV infection": the same concept or a wider one
    return Step::next;
  }
  // "Active infection of hepatitis B": the generic head before it is a modifier, not an event.
  std::uint32_t from = t.begin;
  if (!s.items.empty() && s.pending == Conn::none && !s.items.back().text && is_has(s.items.back().node) && s.last_event) {
    const auto* head = concept_of(std::get<engine::Has>(s.items.back().node.kind).concept_id);
    if (head && names_kind_of(*head, *t.entry)) {
      s.active = s.active || head_says_active(*s.last_event);
      from = s.items.back().begin;
      s.items.pop_back();
      if (!s.conns.empty()) { s.pending = s.conns.back(); s.conns.pop_back(); }
      s.text_has_or.pop_back();
    }
  }
  const engine::Concept* qualified_entry = nullptr;  // "chronic neck/back pain": see qualifier_reaches
  bool name_unread = false;
  // "breast or ovarian cancer", "type 1 or type 2 diabetes": the words before "or" name the same kind of
  // thing with the last words left out; read there only where the lexicon names the whole.
  // (Only where nothing unread follows the name: "hip or knee arthroplasty in the dominant limb" may
  // qualify both.)
  // (Asked last, only after unread words and a connector: most events follow neither.)
  const auto name_ends = [&] {
    const std::size_t after_name = skip_neutral(i + 1, e);
    return after_name >= e || toks_[after_name].kind == Tok::comma || toks_[after_name].kind == Tok::and_ ||
           toks_[after_name].kind == Tok::or_ || toks_[after_name].kind == Tok::semicolon ||
           toks_[after_name].kind == Tok::within || toks_[after_name].kind == Tok::ahead;
  };
  if (!s.items.empty() && s.items.back().text && !s.items.back().orphan &&
      (s.pending == Conn::or_ || s.pending == Conn::slash || s.pending == Conn::and_) && from == t.begin && name_ends()) {
    if (auto elided = elided_heads(s.items.back().begin, s.items.back().end, i)) {
      const QualifiedName q = qualifier_reaches(s.items.back().begin, s.items.back().end, i);
      qualified_entry = q.entry;
      name_unread = q.qualified && !q.entry;
      s.items.back().node = std::move(*elided);
      s.items.back().text = false;
      // "breast and ovarian cancer", "hip and knee replacement": kinds of one thing named together are
      // each a kind the criterion means (as "type 1 and 2 diabetes"), not one patient with both. (Not
      // at the end of a comma list, whose last connector says how the whole list is read.)
      if (s.pending == Conn::and_ && (s.conns.empty() || s.conns.back() != Conn::comma)) s.pending = Conn::or_;
      if (s.active)
        for_each_listed_has(s.items.back().node, [](engine::Has& h) { h.status = "active"; });
    }
  }
  // "hypertension treatment", "diabetes therapy": the treatment of a condition is no event the lexicon
  // names, and the condition alone says something else (untreated hypertension has no such treatment).
  static constexpr std::string_view treatment_words[] = {"treatment", "treatments", "therapy", "therapies"};
  // "HIV test within 30 days", "pregnancy test", "HIV status": a test of the condition says nothing of
  // its result unless "positive" says so ("positive pregnancy test", "HIV test positive").
  // ("Tracheostomy status" is the procedure's lasting result: only a condition's status asks for a result.)
  static constexpr std::string_view test_words[] = {"test", "tests", "testing", "result", "results"};
  // (Both words have 8 letters: the length first, before any view of the bytes.)
  auto positive_at = [&](std::size_t x) {
    return x < e && (toks_[x].kind == Tok::filler || toks_[x].kind == Tok::word) && toks_[x].end - toks_[x].begin == 8 &&
           (iequals(slice(toks_[x].begin, toks_[x].end), "positive") || iequals(slice(toks_[x].begin, toks_[x].end), "reactive"));
  };
  const bool followed = i + 1 < e && toks_[i + 1].kind == Tok::filler && from == t.begin;
  const std::string_view next = followed ? slice(toks_[i + 1].begin, toks_[i + 1].end) : std::string_view();
  const bool condition = t.entry->kind == engine::ConceptKind::condition;
  const bool treated = followed && condition && one_of(next, treatment_words);
  // "positive" before the name, over a word or two ("a positive serum pregnancy test"), or after the test.
  // (Asked only of a test word after the name: the one use of the answer.)
  auto positive_near = [&] {
    bool positive = positive_at(i + 2);
    for (std::size_t x = i; x > 0 && x + 3 > i && !positive;) positive = positive_at(--x);
    return positive;
  };
  const bool tested = followed && (one_of(next, test_words) || (condition && iequals(next, "status"))) && !positive_near();
  if (treated || tested) {
    s.unknown(i);
    s.unknown(i + 1);
    i += 2;
    return Step::next;
  }
  // (lower_treatment_of.cpp: "treatment of [the] X" needs two tokens before the name, the one right before it an
  // article or "of"/"for", three bytes or fewer: asked before the call.)
  if (condition && from == t.begin && i >= 2 && toks_[i - 1].end - toks_[i - 1].begin <= 3 &&
      treatment_of_condition(s, i))
    return Step::next;
  if (name_unread) {  // "chronic neck/back pain" and no "chronic back pain" in the lexicon
    s.unknown(i);
    ++i;
    return Step::next;
  }
  // (Built in its item: placed first, as push_typed would place it.)
  Node& h = s.place_typed(from, t.end);
  has_into(h, qualified_entry ? *qualified_entry : *t.entry, from, t.end);
  auto& hv = std::get<engine::Has>(h.kind);
  if (s.active) hv.status = "active";
  s.active_used = s.active_used || s.active;
  if (s.pending_within) { hv.within = s.pending_within; hv.before = s.pending_before; s.pending_used = true; }
  s.last_event = i;
  ++i;
  return Step::next;
}

// "women", "male": a requirement of its own, or words naming whom an event is about.
Step Lowering::sex_word(SequenceState& s, std::size_t& i) {
  const Token& t = toks_[i];
  const std::size_t e = s.e, depth = s.depth;
  // "Pregnant or nursing women": the word names who has the condition, not a requirement.
  if (!s.items.empty() && !s.items.back().text && contains_has(s.items.back().node)) { ++i; return Step::next; }
  // "Women who are pregnant", "Men with hypertension": at the head of the piece, joined by
  // words to an event, the sex is a requirement beside it.
  if (s.items.empty() && depth == 0 && i == sequence_begin_) {
    const std::size_t k = skip_neutral(i + 1, e);
    // "Male", "Female patients", "Women < 18 years old", "Males aged 18 to 45": the sex alone, or
    // before a threshold on the people it names, is a requirement of its own.
    // "Male, aged 18 years or older": the sex as an item of its own list.
    const bool alone_or_threshold =
        k >= e || toks_[k].kind == Tok::cmp || toks_[k].kind == Tok::quantity || toks_[k].kind == Tok::between ||
        toks_[k].kind == Tok::comma || toks_[k].kind == Tok::semicolon ||
        (is_measured(k) && toks_[k].entry->id == "age");
    if (alone_or_threshold) {
      s.push_typed(Node{engine::Sex{t.kind == Tok::sex_female ? "female" : "male"}, {t.begin, t.end}}, t.begin, t.end);
      s.pending = Conn::and_;
      ++i;
      return Step::next;
    }
    if (k > i + 1 && k < e && is_event(k)) {
      s.push_typed(Node{engine::Sex{t.kind == Tok::sex_female ? "female" : "male"}, {t.begin, t.end}}, t.begin, t.end);
      s.pending = Conn::and_;
      ++i;
      return Step::next;
    }
  }
  // "Aged > 20 years old female patients": after the comparisons of the piece, to its end, the sex of the
  // people they are about is a requirement beside them.
  if (!s.items.empty() && !s.items.back().text && !contains_has(s.items.back().node) && s.pending == Conn::none && s.depth_before(i) == 0) {
    std::size_t k = i + 1;
    while (k < e && (toks_[k].kind == Tok::subject || neutral(k))) ++k;
    if (k >= e) {
      s.connector(Conn::and_);
      s.push_typed(Node{engine::Sex{t.kind == Tok::sex_female ? "female" : "male"}, {t.begin, t.end}}, t.begin, t.end);
      i = k;
      return Step::next;
    }
  }
  s.unknown(i); ++i; return Step::next;
}

// Any other token: classes glued to a score, "with" and relative clauses, how a diagnosis is made,
// an elided event; else unread.
Step Lowering::other_word(SequenceState& s, std::size_t& i) {
  const Token& t = toks_[i];
  const std::size_t e = s.e;
  // "ASAI, ASAII, ASAIII": classes glued to their score's abbreviation (a word ending in a roman
  // numeral's last letter, I or V; no Node is built for the other words).
  if (t.kind == Tok::word && (text_[t.end - 1] == 'I' || text_[t.end - 1] == 'V')) {
    LocalNode classes_made;  // (lower_local_node.hpp: not zero-filled first; most such words glue no classes)
    Node& classes = classes_made.node;
    if (auto j = glued_classes(i, e, classes)) {
      s.push_typed(std::move(classes), t.begin, toks_[*j - 1].end);
      i = *j;
      return Step::next;
    }
  }
  // "anticoagulants with an INR > 1.7 or prothrombin time > 15 s": "with" joins one more
  // requirement, looser than the "or" after it.
  // So does a relative clause: "cancer who received chemotherapy or radiotherapy" (the alternatives are
  // both what the clause asks, not radiotherapy alone).
  // (Only where the clause goes straight on to an event the lexicon names, through words like "received":
  // "thyroid disease that requires active treatment" stays one text.)
  static constexpr std::string_view relatives[] = {"who", "whom", "whose", "which", "that"};
  const auto clause_names_event = [&] {
    if (!one_of(slice(t.begin, t.end), relatives)) return false;
    std::size_t k = i + 1;
    while (k < e && toks_[k].kind == Tok::filler) ++k;
    return k > i + 1 && k < e && is_event(k);
  };
  if (t.kind == Tok::filler && !s.items.empty() && !s.items.back().text && s.pending == Conn::none &&
      (slice(t.begin, t.end) == "with" || clause_names_event())) {
    s.connector(Conn::and_);
    ++i;
    return Step::next;
  }
  // "acute myeloid leukemia (AML) according to the revised WHO criteria in 2016": how a diagnosis is
  // made, not another condition; the event stands, the qualifier is noted.
  if (t.kind == Tok::word && t.end - t.begin == 9 && iequals(slice(t.begin, t.end), "according") && i + 1 < e &&
      iequals(slice(toks_[i + 1].begin, toks_[i + 1].end), "to") && !s.items.empty() && !s.items.back().text &&
      is_has(s.items.back().node) && s.pending == Conn::none) {
    std::size_t j = i + 2;
    while (j < e && toks_[j].kind != Tok::comma && toks_[j].kind != Tok::semicolon && toks_[j].kind != Tok::and_ &&
           toks_[j].kind != Tok::or_ && toks_[j].kind != Tok::and_or && toks_[j].kind != Tok::negation)
      ++j;
    warn(fmt::format("'{}' read as how the diagnosis is made", trim(slice(t.begin, toks_[j - 1].end))), t.begin,
         toks_[j - 1].end);
    s.items.back().end = toks_[j - 1].end;
    i = j;
    return Step::next;
  }
  // "Diagnosis of UC confirmed by biopsy", "cancer diagnosed by endoscopic biopsy or CT": how the diagnosis was
  // made, not another event the record must hold (a patient with UC and no biopsy on record is still one).
  if (const auto j = !s.items.empty() && !s.items.back().text && s.pending == Conn::none && is_has(s.items.back().node)
                         ? method_of_diagnosis(i, e)
                         : std::nullopt) {
    warn(fmt::format("'{}' read as how the diagnosis is made", trim(slice(t.begin, toks_[*j - 1].end))), t.begin,
         toks_[*j - 1].end);
    s.items.back().end = toks_[*j - 1].end;
    i = *j;
    return Step::next;
  }
  if (!s.active && may_be_present_verb(t, text_) && present_use_at(s, i)) { s.active = true; s.active_used = false; }  // "Patients receiving X"
  if (neutral(i)) { ++i; return Step::next; }
  if (t.kind == Tok::word && s.last_event && s.pending != Conn::none && !s.items.empty() && is_has(s.items.back().node)) {
    if (const auto* named = elided_event(i, *s.last_event)) {  // "hepatitis B virus, C virus"
      Node h = has(*named, t.begin, t.end);
      if (s.active) std::get<engine::Has>(h.kind).status = "active";
      s.push_typed(std::move(h), t.begin, t.end);
      ++i;
      return Step::next;
    }
  }
  // (lower_present_use.cpp; it answers no unless a status reached an event already: asked first.)
  const bool same_kind = s.active && s.active_used && other_of_list(s, i);
  s.unknown(i);
  if (same_kind) { s.active = true; s.active_used = false; }
  ++i;
  return Step::next;
}

}  // namespace detail
}  // namespace trialmatch::grammar

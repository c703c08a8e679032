// Words the lowering could not read, around thresholds or time windows, about something the lexicon
// does not list: "Macular thickness above 300 microns", "bowel resection within 6 months", "SPADI
// score less than 10% or greater than 90%". Each threshold or window is read exactly; the thing it is
// about keeps the words of the text (an "unlisted" cmp or has, which always evaluates unknown), so a
// person sees what to check and the report still says which number, which way, in which unit.
//
// The text splits at its connectors into segments; a segment is read where it is unambiguous: one
// island, no other number, a name of at most kMaxNameWords words (a segment with no words shares the
// name before it: "<18 or >40 years"). A lexicon measure in a segment goes to the comparison grammar.
// Nothing is read where a negation, an exception, examples or a judgement may reach across segments.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "lower.hpp"
#include "lower_default_made.hpp"
#include "lower_local_node.hpp"
#include "lower_open_names.hpp"
#include "lower_open_segments.hpp"
#include "lower_scratch.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

namespace {

constexpr std::size_t kMaxNameWords = 16;
constexpr std::size_t kMaxIslands = 3;  // in one segment, all about its one name
constexpr std::size_t kMaxOpenTokens = 400;  // longer texts are no criterion a reading could name
constexpr std::size_t kMaxWholeNameWords = 28;  // a text with examples or an exception, kept as one name

// Function words that add nothing to a name at its edges ("Have had a", "at"); filler words with
// content of their own ("treatment", "infection") stay.
bool function_word(std::string_view w) {
  static constexpr std::string_view words[] = {"the", "a", "an", "of", "is", "are", "was", "were", "be", "been",
                                               "has", "have", "had", "having", "with", "who", "that", "their",
                                               "his", "her", "at", "by", "on", "as", "must", "should", "also",
                                               "any", "i.e.", "i.e"};
  static constexpr WordList function_words(words);
  return function_words.contains(w);
}

// A filler phrase that restates the section or names the moment of matching ("will be considered for
// enrolment", "at the time of enrollment"): no word of what is measured.
bool section_or_moment(std::string_view phrase) {
  // ("is excluded" in "(radiotherapy is excluded)" says what does not count: it stays in the name.)
  static constexpr std::string_view heads[] = {"at ", "will ", "can ", "may ", "during "};
  if (phrase.find(' ') == std::string_view::npos) return false;
  for (auto h : heads)
    if (phrase.size() >= h.size() && iequals(phrase.substr(0, h.size()), h)) return true;
  return false;
}

// Tokens that add nothing to a name at its edges: "patients with", "current", "and".
bool edge_word(Tok k) {
  switch (k) {
    case Tok::subject: case Tok::guard: case Tok::status_active: case Tok::status_history:
    case Tok::and_: case Tok::or_: case Tok::and_or: case Tok::comma: case Tok::colon: case Tok::slash:
    case Tok::inclusive: case Tok::sex_any:
      return true;
    default:
      return false;
  }
}

// The lists of one open reading: its islands, its segments, their items and the connectors between them, and the
// islands of one segment. (Each call that looks for islands, half of them made a reading, took three lists from the
// heap and gave them back, and the other two from a buffer on its stack through a memory resource, made and dropped
// with each call; open_reading nests through sequence(): each nesting level takes its own set.)
struct OpenVectors {
  std::vector<Island> islands;
  std::vector<OpenSegment> segments;
  std::vector<Item> items;
  std::vector<Conn> conns;
  std::vector<const Island*> several;
};

// A rare long text does not keep its room.
void give_back_open(OpenVectors& v) {
  keep_small(v.islands, 16);
  keep_small(v.segments, 64);
  keep_small(v.items, 64);
  keep_small(v.conns, 64);
  keep_small(v.several, 16);
}
using OpenScratch = NestedScratch<OpenVectors, give_back_open>;

}  // namespace

namespace {

// open_node's unlisted comparison or event, built in `out` (a node made empty: an item's in its list, whose node is
// not built apart and moved in), its name moved into the last node that holds it (a copy of a string into a node's
// RareText took a heap block for the string and one for its holder). Where `held` is given it is set to the name as
// that node holds it: on the heap, where no move of the node moves it.
void unlisted_node_into(Node& out, const Island& is, std::string name, engine::Span span,
                        std::string_view* held = nullptr) {
  std::string id = slug_of(name);
  out.span = span;
  if (is.dated || is.within) {
    engine::Has& h = out.kind.emplace<engine::Has>(DefaultMade<engine::Has>{});  // (lower_default_made.hpp)
    h.concept_id = std::move(id);
    h.name = std::move(name);
    if (held) *held = h.name.str();
    if (is.dated) {
      h.dated_from = is.dated->from;
      h.dated_to = is.dated->to;
    } else {
      h.within = *is.within;
      h.ahead = is.ahead;
      h.before = is.before;
    }
    return;
  }
  // (`last`: the id's and the name's last use, moved into the comparison instead of copied.)
  auto one_into = [&](Node& n, engine::Comparator c, const Quantity& q, bool last) {
    engine::Cmp& cmp = n.kind.emplace<engine::Cmp>(DefaultMade<engine::Cmp>{});  // (lower_default_made.hpp)
    n.span = span;
    if (last) {
      cmp.var = std::move(id);
      cmp.name = std::move(name);
      if (held) *held = cmp.name.str();
    } else {
      cmp.var = id;
      cmp.name = name;
    }
    cmp.cmp = c;
    cmp.value = q.value;
    if (q.relative_to != engine::RelativeTo::none) cmp.relative_to = q.relative_to;
    else cmp.unit = q.unit;
  };
  const Threshold& t = is.th;
  if (!is.one_of.empty()) {
    std::vector<Node> alternatives;
    alternatives.reserve(is.one_of.size());  // (none moved once made: `held` views the last one's name)
    for (std::size_t k = 0; k < is.one_of.size(); ++k) {
      Quantity q = t.value;
      q.value = is.one_of[k];
      one_into(alternatives.emplace_back(), engine::Comparator::eq, q, k + 1 == is.one_of.size());
    }
    out.kind.emplace<engine::Any>(engine::Any{std::move(alternatives)});  // (as make_any builds it)
    return;
  }
  // (Pushed in order, the second comparison the last use; not a braced list, whose nodes are copied into the vector
  // and dropped, with the name `held` views.)
  if (t.high) {
    std::vector<Node> bounds;
    bounds.reserve(2);
    one_into(bounds.emplace_back(), engine::Comparator::ge, t.value, false);
    one_into(bounds.emplace_back(), t.high_cmp, *t.high, true);
    out.kind.emplace<engine::All>(engine::All{std::move(bounds)});  // (as make_all builds it)
    return;
  }
  one_into(out, t.cmp, t.value, true);
}

Node unlisted_node(const Island& is, std::string name, engine::Span span) {
  Node out;
  unlisted_node_into(out, is, std::move(name), span);
  return out;
}

}  // namespace

// The threshold or time window that starts at token i, if one does.
Node Lowering::open_node(const Island& is, const std::string& name, engine::Span span) const {
  return unlisted_node(is, name, span);
}

// The words of [from, to) with function words and connectors trimmed from both ends.
std::pair<std::size_t, std::size_t> Lowering::name_words(std::size_t from, std::size_t to) const {
  auto edge = [&](std::size_t x) {
    if (toks_[x].kind == Tok::filler)
      return function_word(slice(toks_[x].begin, toks_[x].end)) || section_or_moment(slice(toks_[x].begin, toks_[x].end));
    return edge_word(toks_[x].kind) || neutral(x);
  };
  // "Physically active": a status word after the word it completes is a word of the name.
  auto completes = [&](std::size_t x) {
    return (toks_[x].kind == Tok::status_active || toks_[x].kind == Tok::status_history) && x > from && !ignored(x) &&
           toks_[x - 1].kind == Tok::word && toks_[x - 1].end < toks_[x].begin;
  };
  while (from < to && edge(from)) ++from;
  while (to > from && edge(to - 1) && !completes(to - 1)) --to;
  return {from, to};
}

std::optional<Node> Lowering::open_reading(std::size_t b, std::size_t e) {
  if (b >= e || e - b > kMaxOpenTokens) return std::nullopt;
  // Most texts have no token an island may start at: none of the kinds below, nor a scale word.
  const TokKinds kinds = kinds_in(b, e);
  // may_start_island(i, e) asked of the text's tokens with what the text's kinds already tell: a token starts one
  // by its kind only where the text holds one of those kinds, and a calendar bound (at the token before a date,
  // "before" or a four-digit number) only where the text holds the day, month or year every bound reads (days_at,
  // lower_dates.cpp: a token of kind date or quantity, after the bound's first token and before e; "before" starts
  // none alone). Most texts hold neither: then only a scale word of the text may start one, looked for first.
  const bool by_kind = kinds.has(Tok::within) || kinds.has(Tok::ahead) || kinds.has(Tok::cmp) ||
                       kinds.has(Tok::quantity) || kinds.has(Tok::between);
  const bool dates = kinds.has(Tok::date) || kinds.has(Tok::quantity);
  const auto may_start = [&](std::size_t i) {
    const Tok k = toks_[i].kind;
    if (by_kind && (k == Tok::within || k == Tok::ahead || k == Tok::cmp || k == Tok::quantity || k == Tok::between))
      return true;
    if ((k == Tok::word || k == Tok::filler) && scale_word_token(toks_[i])) return true;
    return dates && may_start_dates(i, e);
  };
  // A negation outside parentheses refuses the text whatever islands it holds (asked again in the segments' pass
  // below, by the same test): asked here first, before the islands are looked for, where that pass would refuse it.
  // (Every refusal before it answers "no reading" too, with no warning written; only a text with "respectively" is
  // read before the negation is asked, and it is left to that pass.)
  if (kinds.has(Tok::negation) && negated_unless_respectively(b, e)) return std::nullopt;
  // A text of one segment (it holds no connector, or examples or an exception make it one) with a number outside its
  // islands that is no threshold is left as text by the segment loop below (not `readable`), and with nothing else
  // read it is refused: refused here at that number, before the islands after it are looked for. (No island holds
  // the number: each begins at the token it is found at, and the ones found before it end before it. Every refusal
  // before the segment loop answers "no reading" too, with no warning written; only "respectively" is read first.)
  const bool one_segment = kinds.has(Tok::exception) || kinds.has(Tok::examples) ||
                           !(kinds.has(Tok::and_) || kinds.has(Tok::or_) || kinds.has(Tok::and_or) ||
                             kinds.has(Tok::comma));
  // A judgement anywhere in a text of one segment leaves the segment as text (the segment loop's `judged`, islands'
  // tokens included) and the text refused: asked here too, before the islands.
  if (one_segment && kinds.has(Tok::judgement) && judges_unless_respectively(b, e)) return std::nullopt;
  // The islands, left to right; a range's "and" or a window's reference event belong to them.
  // (Found first: most texts have none, and then nothing below reads one, the tests before them included.)
  std::size_t first_start = b;
  if (!by_kind && !dates) {
    // (Its words are asked, not the line's, which may hold one where the text holds none: the answer is the same.)
    while (first_start < e && !((toks_[first_start].kind == Tok::word || toks_[first_start].kind == Tok::filler) &&
                                scale_word_token(toks_[first_start])))
      ++first_start;
    if (first_start == e) return std::nullopt;
  }
  OpenScratch scratch_lists;
  OpenVectors& lists = scratch_lists.get();
  std::vector<Island>& islands = lists.islands;
  for (std::size_t i = first_start; i < e; ++i) {
    if (!may_start(i)) continue;
    // Guard: a number with nothing around it that island_into's readings need ("2013 guidelines", "one of the
    // following", "3") starts no island: refused here, before the Island is made and each reading refuses it
    // (lower_islands.cpp, docs/lowering-guards.md; tests/unit/test_grammar_bare_number.cpp).
    if (toks_[i].kind != Tok::quantity || !bare_number_reads_nothing(i, e)) {
      // (Built where it is kept, made in the list and dropped again where none starts here: an Island is large, and
      // one returned was moved twice, into its optional and into the list. DefaultMade: not zero-filled first.)
      if (islands.empty()) islands.reserve(2);  // (most texts read hold one or two: room for two at once)
      if (Island& is = islands.emplace_back(DefaultMade<Island>{}); island_into(i, e, is)) {
        i = is.e - 1;
        continue;
      }
      islands.pop_back();
    }
    if (one_segment && toks_[i].kind == Tok::quantity && !incidental_number(i) && !holds_respectively(b, e))
      return std::nullopt;
  }
  if (islands.empty()) return std::nullopt;
  if (comparator_after_class(islands, e)) return std::nullopt;  // "grade 2 submucous myoma or more" (lower_located.cpp)
  // "within 14 days or 5 half-lives, whichever is shorter": no window read here bounds the one meant.
  if (const std::string_view words = slice(toks_[b].begin, toks_[e - 1].end);
      holds_hichever(words) && whichever_shorter(words))
    return std::nullopt;
  // Examples or an exception may run over commas ("X, e.g. A, B, within 6 months"): the text is then
  // one segment, named by all of it.
  const bool whole = kinds.has(Tok::exception) || kinds.has(Tok::examples);
  // Token -> its island, so every test below is constant time. (On the stack for a text of up to 64 tokens, most
  // of them: no allocation.)
  std::array<int, 64> island_of_small;
  std::vector<int> island_of_large;
  int* const island_of = e - b <= island_of_small.size() ? island_of_small.data()
                                                         : (island_of_large.resize(e - b), island_of_large.data());
  std::fill_n(island_of, e - b, -1);
  for (std::size_t n = 0; n < islands.size(); ++n)
    for (std::size_t x = islands[n].b; x < islands[n].e; ++x) island_of[x - b] = static_cast<int>(n);
  auto in_island = [&](std::size_t x) { return island_of[x - b] >= 0; };
  // The islands meeting [from, to), in text order. (Asked of the islands, not of each token: each island begins at the
  // token it was found at, and the next is looked for from its end, so they are disjoint and in text order, and a
  // range meets a run of them, each once. A text holds a few islands and many tokens.)
  auto meets = [](const Island& is, std::size_t from, std::size_t to) {
    return from < to && is.b < to && is.e > from;
  };
  // (Written into `found`, cleared first: one list serves the last segment's islands and then each segment's.)
  auto islands_into = [&](std::size_t from, std::size_t to, std::vector<const Island*>& found) {
    found.clear();
    for (const Island& is : islands)
      if (meets(is, from, to)) found.push_back(&is);
  };
  // The same questions without the list: whether [from, to) holds an island, and its island where it holds one only.
  auto any_island_in = [&](std::size_t from, std::size_t to) {
    for (const Island& is : islands)
      if (meets(is, from, to)) return true;
    return false;
  };
  auto sole_island_in = [&](std::size_t from, std::size_t to) -> const Island* {
    const Island* sole = nullptr;
    for (const Island& is : islands) {
      if (!meets(is, from, to)) continue;
      if (sole) return nullptr;  // a second
      sole = &is;
    }
    return sole;
  };
  // One pass over the text's tokens finds its segments and what refuses it or reaches over its segments
  // (lower_open_segments.hpp); the refusals are then answered in the order they are asked in. (Each a scan of its own
  // walked the tokens again.)
  using Segment = OpenSegment;
  std::vector<Segment>& segments = lists.segments;
  std::vector<Conn>& conns = lists.conns;
  // (Room for a short list at once, instead of growing one, two, four, eight.)
  segments.reserve(16);
  // (What the pass asks of a token, answered here: the islands' table and the Lowering's own tests.)
  struct AskToken {
    const Lowering& l;
    const int* island_of;
    std::size_t b;
    bool in_island(std::size_t x) const { return island_of[x - b] >= 0; }
    bool ignored(std::size_t x) const { return l.ignored(x); }
    bool judges(std::size_t x) const { return l.judgement_at(x); }
    bool incidental(std::size_t x) const { return l.incidental_number(x); }
  };
  const OpenTextFacts text_facts =
      find_open_segments(toks_, text_, b, e, whole, AskToken{*this, island_of, b}, segments, conns);
  if (text_facts.respectively) return respective_open(b, e);
  if (text_facts.negated || text_facts.judged_outside) return std::nullopt;

  // The guard may reach over the other segments: "Hb ≥ 10 g/dL, and for women, hemoglobin ≥ 9 g/dL" relaxes
  // the first limit, which is then not everyone's. A lexicon measure in another segment is left to a person.
  if (text_facts.people_guard && segments.size() > 1) {
    const std::size_t guard_at = *text_facts.people_guard;
    for (const Segment& seg : segments) {
      if (guard_at >= seg.b && guard_at < seg.e) continue;
      for (std::size_t x = seg.b; x < seg.e; ++x)
        if (is_measured(x)) return std::nullopt;
    }
  }
  // "three months before, having been infected with ...": a window standing alone before the words it
  // times joins them.
  // (Both merges below write the merged list over the one they read, behind the segment read: segments[0, w) are
  // merged, conns[0, w - 1) join them; no other vectors are allocated and moved in.)
  const auto close_merged = [&](std::size_t w) {
    segments.resize(w);
    conns.resize(w > 0 ? w - 1 : 0);
  };
  {
    std::size_t w = 0;
    for (std::size_t s = 0; s < segments.size(); ++s) {
      if (s > 0) conns[w - 1] = conns[s - 1];
      segments[w++] = segments[s];
      if (s + 1 >= segments.size()) continue;
      const Island* only = sole_island_in(segments[s].b, segments[s].e);
      if (!only || !only->within || skip_neutral(segments[s].b, segments[s].e) != only->b ||
          skip_neutral(only->e, segments[s].e) != segments[s].e || any_island_in(segments[s + 1].b, segments[s + 1].e))
        continue;
      segments[w - 1].join(segments[s + 1]);
      ++s;
    }
    close_merged(w);
  }
  // "Acute or chronic bleeding": one word joined by "or" to the words after it qualifies their head; it
  // names nothing alone.
  {
    std::size_t w = 0;
    for (std::size_t s = 0; s < segments.size(); ++s) {
      if (s > 0) conns[w - 1] = conns[s - 1];
      segments[w++] = segments[s];
      // (conns[s] is still the one read: only conns before s - 1 are written.)
      if (s + 1 >= segments.size() || (conns[s] != Conn::or_ && conns[s] != Conn::and_)) continue;
      const auto [nb, ne] = name_words(segments[s].b, segments[s].e);
      if (ne != nb + 1 || toks_[nb].kind != Tok::word) continue;  // (the next segment's words asked only then)
      const auto [mb, me] = name_words(segments[s + 1].b, segments[s + 1].e);
      if (me < mb + 2 || any_island_in(segments[s].b, segments[s].e) ||
          (toks_[mb].kind != Tok::word && toks_[mb].kind != Tok::name))
        continue;
      segments[w - 1].join(segments[s + 1]);
      ++s;
    }
    close_merged(w);
  }

  // "Bleeding, or erythrocyte transfusion, within the preceding 8 weeks": a window closing a list of
  // things with no island of their own times each of them.
  const Island* list_window = nullptr;
  if (segments.size() >= 2 && !whole) {
    const Segment& last = segments.back();
    // (In the list `several` is below, not yet read: it is refilled for each segment.)
    std::vector<const Island*>& here = lists.several;
    islands_into(last.b, last.e, here);
    bool bare_before = true;
    for (std::size_t s = 0; s + 1 < segments.size(); ++s)
      bare_before = bare_before && !any_island_in(segments[s].b, segments[s].e);
    // Only a list of things named by a few words each: a clause ("subject has received X"), a guard ("if
    // former smoker"), people ("women who are nursing") or a status word may be timed otherwise, or not at all.
    for (std::size_t s = 0; s < segments.size() && bare_before; ++s) {
      const std::size_t upto = s + 1 < segments.size() ? segments[s].e : here.front()->b;
      std::size_t words = 0;
      // "History of intake of antibiotics or other medications ... in the previous 6 months": a lead-in
      // before the list's first thing is no clause of its own.
      std::size_t from = segments[s].b;
      while (s == 0 && from < upto && (toks_[from].kind == Tok::status_history || toks_[from].kind == Tok::filler)) ++from;
      for (std::size_t x = from; x < upto; ++x) {
        const Tok k = toks_[x].kind;
        if (k == Tok::subject || k == Tok::guard || k == Tok::sex_female || k == Tok::sex_male || k == Tok::sex_any ||
            k == Tok::status_active || k == Tok::status_history || k == Tok::judgement || k == Tok::related)
          bare_before = false;
        if (k == Tok::filler && !function_word(slice(toks_[x].begin, toks_[x].end))) bare_before = false;
        words += k == Tok::word || k == Tok::name ? 1 : 0;
      }
      if (words > 5) bare_before = false;
    }
    if (bare_before && here.size() == 1 && here.front()->within && skip_neutral(here.front()->e, last.e) == last.e)
      list_window = here.front();
    // The window standing alone after the list's last comma names nothing itself.
    if (list_window && [&] { const auto [nb, ne] = name_words(last.b, list_window->b); return nb == ne; }()) {
      segments.pop_back();
      conns.pop_back();
    }
  }

  const std::size_t diagnostics_before = diags_.size();
  // Whether an event named alone in a segment is read as itself: not where a window, a date, a status or a
  // relation anywhere in the text may reach it, and only after a first segment the grammar reads (a list
  // after an unread head, "Meeting criteria for drug abuse of depressants, opioids", is the head's).
  // (Asked at its first use, for a segment with no island: most texts that reach here are read by their islands.)
  int events_alone = -1;  // not asked yet
  // (The kinds asked of the text's kinds, known: only a number's unit is asked of its tokens, where it holds one.)
  const auto events_stand_alone = [&] {
    if (events_alone < 0) {
      bool alone = !segments.empty() && !whole && !kinds.has(Tok::within) && !kinds.has(Tok::ahead) &&
                   !kinds.has(Tok::before) && !kinds.has(Tok::after) && !kinds.has(Tok::date) &&
                   !kinds.has(Tok::status_active) && !kinds.has(Tok::related) && !kinds.has(Tok::guard);
      if (alone && kinds.has(Tok::quantity))
        for (std::size_t x = b; x < e && alone; ++x)
          alone = !(toks_[x].kind == Tok::quantity && is_time_unit(toks_[x].quantity.unit));
      events_alone = alone ? 1 : 0;
    }
    return events_alone > 0;
  };
  // Only an alternative ("or") after a segment that ends with what the grammar reads there: "stage 4 or 5, or
  // autoimmune disease" (its island), not "2 or more lines of chemotherapy or immunotherapy" (the words before
  // "or" may share their head with it) nor a comma list ("risk factors: smoking, obesity", all of them in an
  // inclusion, where a typed item could make the line false).
  // The lexicon event a segment names and nothing else ("or history of narcolepsy"), or nullptr.
  auto single_event = [&](const Segment& sg) -> const engine::Concept* {
    auto [nb, ne] = name_words(sg.b, sg.e);
    while (nb < ne && (toks_[nb].kind == Tok::filler || toks_[nb].kind == Tok::status_history)) ++nb;
    return ne == nb + 1 && is_event(nb) ? toks_[nb].entry : nullptr;
  };
  auto alternative_after_reading = [&](std::size_t s) {
    if (s == 0 || s > conns.size() || conns[s - 1] != Conn::or_) return false;
    if (s < conns.size() && conns[s] != Conn::or_) return false;
    const Segment& prev = segments[s - 1];
    if (single_event(prev) != nullptr) return true;
    // (Its last island, without a list made of them.)
    const Island* last = nullptr;
    for (const Island& is : islands)
      if (meets(is, prev.b, prev.e)) last = &is;
    return last && skip_neutral(last->e, prev.e) == prev.e;
  };
  std::vector<Item>& items = lists.items;
  items.reserve(segments.size());  // (at most one a segment: the items are not moved as the list grows)
  // The name of the island segment before, for one that names nothing ("<18 or >40 years"): as its item's node holds
  // it (the items are kept to the end), or as `last_joined` holds the name of several islands.
  std::string_view last_name;
  std::string last_joined;
  bool typed = false;
  // "more than 10 pounds in the past three months", "between 0.7 and 3.0 mmol/L for >3 months": several
  // islands about the words around them, each read on that one name. (One list, refilled for each segment.)
  std::vector<const Island*>& several = lists.several;
  several.reserve(kMaxIslands + 1);  // (room for a readable segment's islands at once, not grown one, two, four)
  // A window after a plan word, made to look ahead (below). (Made only for a plan, on the heap: an Island is large to
  // make and drop, and an optional one was tested and dropped at every exit of the loop below. A segment's plan is
  // read only by the segment itself: `several` is refilled for each.)
  std::unique_ptr<Island> planned;
  for (const Segment& seg : segments) {
    const Island* island = nullptr;
    // (What its tokens tell, gathered where the segments were found.)
    bool readable = !seg.stray_number;  // a number that is no threshold leaves it as text
    const bool judged = seg.judged;
    std::optional<std::size_t> measured;
    if (seg.measured != Segment::kNoToken) measured = seg.measured;
    // The words of the segment outside its islands (the name's words, counted below where an exception ends it).
    const std::size_t segment_words = seg.words;
    islands_into(seg.b, seg.e, several);
    if (!several.empty()) island = several.front();
    if (!island && list_window) {
      island = list_window;
      several = {list_window};
      // One lexicon event named alone keeps its concept: "stroke, or MI, within 8 weeks".
      auto [nb, ne] = name_words(seg.b, seg.e);
      while (nb + 1 < ne && toks_[nb].kind == Tok::filler) ++nb;  // "intake of antibiotics"
      if (ne == nb + 1 && is_event(nb)) {
        Node h = has(*toks_[nb].entry, toks_[seg.b].begin, toks_[seg.e - 1].end);
        auto& hv = std::get<engine::Has>(h.kind);
        hv.within = list_window->within;
        hv.ahead = list_window->ahead;
        hv.before = list_window->before;
        items.emplace_back(std::move(h), false, toks_[seg.b].begin, toks_[seg.e - 1].end);
        typed = true;
        last_name = {};
        continue;
      }
    }
    if (several.size() > kMaxIslands) readable = false;
    // "Planning pregnancy within 6 months": a window after a plan word looks ahead; one that names the
    // event it counts back from ("planned surgery within 6 months prior to screening") is left to a person.
    if (island && island->within && !island->ahead) {
      bool plan = false;
      for (std::size_t x = seg.b; x < island->b && !plan; ++x)
        plan = (toks_[x].kind == Tok::word || toks_[x].kind == Tok::filler) && plan_word(slice(toks_[x].begin, toks_[x].end));
      if (plan && (several.size() > 1 || !ahead_of_entry(island->b, island->e, island->before))) readable = false;
      if (plan && readable) {
        planned = std::make_unique<Island>(*island);
        planned->ahead = true;
        planned->before.clear();
        island = planned.get();
        several = {island};
      }
    }
    const engine::Span span{toks_[seg.b].begin, toks_[seg.e - 1].end};
    auto as_text = [&] {
      last_name = {};
      items.emplace_back(text_node(span.begin, span.end, judged ? engine::TextReason::judgement
                                                                : engine::TextReason::not_understood),
                         true, span.begin, span.end);
    };
    // "..., or autoimmune disease, or cirrhosis": a segment that is one lexicon event and nothing else is that event
    // (only where nothing in the text may time or qualify it: "antivirals, or antifungals within 1 week", "drug
    // abuse of depressants, opioids", "active rheumatoid arthritis, psoriatic arthritis").
    if (!island && readable && !judged && events_stand_alone() && alternative_after_reading(&seg - segments.data())) {
      if (const engine::Concept* event = single_event(seg)) {
        items.emplace_back(has(*event, span.begin, span.end), false, span.begin, span.end);
        typed = true;
        last_name = {};
        continue;
      }
    }
    if (!island || !readable || judged) { as_text(); continue; }
    // "ASA I-III male and female patients aged between 18 to 80 years old, who will receive ...": a
    // segment of comparisons the grammar reads whole is read so, whatever the other segments say. (Only
    // comparisons: an event here might be timed by a window elsewhere in the text.)
    if (measured && segments.size() > 1 && !in_open_segment_) {
      const std::size_t mark = diags_.size();
      in_open_segment_ = true;  // the segment's own text is never read this way again (no cycle)
      auto n = sequence(seg.b, seg.e, 1);
      in_open_segment_ = false;
      if (n && engine::fully_typed(*n) && !contains_has(*n)) {
        items.emplace_back(std::move(*n), false, span.begin, span.end);
        typed = true;
        last_name = {};
        continue;
      }
      diags_.resize(mark);
    }
    const bool pair = several.size() > 1;
    // A window ahead times an event planned, never a threshold beside it.
    if (pair && std::any_of(several.begin(), several.end(), [](const Island* is) { return is->ahead; })) { as_text(); continue; }
    // "HbA1c > 8% in the past 3 months": a lexicon comparison with the window its value is measured in.
    if (measured && several.size() == 2 && several[1]->within && !several[1]->ahead &&
        reference_is_entry(several[1]->before) && !several[0]->within) {
      Node n;
      const std::size_t mark = diags_.size();
      const auto k = comparison(*measured, several[1]->b, n);
      if (k && skip_neutral(*k, several[1]->b) == several[1]->b && skip_neutral(several[1]->e, seg.e) == seg.e &&
          *measured <= several[0]->b && time_comparisons(n, *several[1]->within)) {
        items.emplace_back(std::move(n), false, span.begin, span.end);
        typed = true;
        last_name = {};
        continue;
      }
      diags_.resize(mark);
    }
    // "Plasma phosphate between 0.7 and 3.0 mmol/L for >3 months": a lexicon comparison held over a time.
    if (measured && several.size() == 2) {
      const std::size_t mark = diags_.size();
      if (auto held = held_for(*measured, *several[0], *several[1], seg.e)) {
        const auto [nb, ne] = name_words(seg.b, several[0]->e);
        std::string name = balanced(trim_view(slice(toks_[nb].begin, toks_[ne - 1].end)));
        warn(concat({"'", name, "' is not in the lexicon: read as an unlisted variable (how long it has held)"}),
             span.begin, span.end);
        Node how_long = unlisted_node(held->how_long, std::move(name), span);
        items.emplace_back(flatten(engine::make_all({std::move(held->now), std::move(how_long)}, span)), false, span.begin,
                           span.end);
        typed = true;
        last_name = {};
        continue;
      }
      diags_.resize(mark);
    }
    // "changes in body weight more than 10 pounds": a measure the comparison rules refused keeps its
    // words in a longer unlisted name; alone it is not renamed.
    if (measured && pair) {
      bool change = false;
      std::size_t other_words = 0;  // beside the measure's own name
      for (std::size_t x = seg.b; x < seg.e; ++x) {
        if (in_island(x)) continue;
        change = change || ((toks_[x].kind == Tok::word || toks_[x].kind == Tok::filler) &&
                            change_word(slice(toks_[x].begin, toks_[x].end)));
        other_words += toks_[x].kind == Tok::word || (toks_[x].kind == Tok::name && !is_measured(x)) ? 1 : 0;
      }
      if (!change && other_words < 2) { as_text(); continue; }
    }
    // (Not where the words before it hold an alternative or an exception: "sedated (apart from general
    // anesthesia) when receiving or having a Glasgow score <14" is a condition of its own, no lead-in.)
    bool lead_in = measured.has_value();
    for (std::size_t x = seg.b; lead_in && x < *measured; ++x) {
      const Tok k = toks_[x].kind;
      lead_in = k != Tok::or_ && k != Tok::and_or && k != Tok::exception && k != Tok::examples && k != Tok::negation;
    }
    if (lead_in) {
      // A lexicon measure read by the comparison grammar, words before it a lead-in. Where that grammar
      // cannot read it ("pain relieving procedures within 2 weeks"), the measure's name is a word of
      // an unlisted name like any other.
      LocalNode n_made;  // (lower_local_node.hpp: not zero-filled first)
      Node& n = n_made.node;
      const std::size_t mark = diags_.size();
      const auto k = comparison(*measured, seg.e, n);
      if (k && skip_neutral(*k, seg.e) == seg.e && *measured <= island->b) {
        items.emplace_back(std::move(n), false, span.begin, span.end);
        typed = true;
        last_name = {};
        continue;
      }
      diags_.resize(mark);
    }
    // "other malignancies within 3 years, except for ...": an exception after a window stays visible on it.
    std::size_t seg_e = seg.e;
    std::string except;
    if (island->within) {
      for (std::size_t x = island->e; x < seg.e; ++x) {
        if (toks_[x].kind != Tok::exception || x + 1 >= seg.e) continue;
        except = balanced(trim_view(slice(toks_[x + 1].begin, toks_[seg.e - 1].end)));
        seg_e = x;
        break;
      }
    }
    const auto [pre_b, pre_e] = name_words(seg.b, std::min(island->b, seg.e));
    const auto [post_b, post_e] = name_words(island->e, seg_e);
    // "18-20 if still living at home": words after a guard say for whom, not what is measured.
    const std::size_t first_after = skip_neutral(island->e, seg.e);
    if (pre_b == pre_e && first_after < seg.e && toks_[first_after].kind == Tok::guard) { as_text(); continue; }
    std::size_t words = segment_words;
    if (seg_e != seg.e) {
      words = 0;
      for (std::size_t x = seg.b; x < seg_e; ++x)
        if (!in_island(x) && (toks_[x].kind == Tok::word || toks_[x].kind == Tok::name ||
                              toks_[x].kind == Tok::filler || toks_[x].kind == Tok::subject))
          ++words;
    }
    // The words of the segment outside its islands, "…" where an island stood.
    std::string name;
    if (pair) {
      // "aspirin (75~300 mg/d) or large-dose aspirin (>3 g/d)": thresholds joined by "or" are alternatives,
      // which one name holding all of them would contradict.
      bool alternatives = false;
      for (std::size_t n = 0; n + 1 < several.size(); ++n)
        for (std::size_t x = several[n]->e; x < several[n + 1]->b; ++x)
          alternatives = alternatives || toks_[x].kind == Tok::or_ || toks_[x].kind == Tok::and_or;
      if (alternatives) { as_text(); continue; }
      std::string joined;
      std::size_t from = seg.b;
      for (std::size_t n = 0; n <= several.size(); ++n) {
        const std::size_t to = n < several.size() ? several[n]->b : seg.e;
        const auto [nb, ne] = name_words(from, to);
        if (nb < ne) {
          // (Appended where it goes, with no string of its own.)
          if (!joined.empty()) joined.append(" … ");
          append_balanced(joined, trim_view(slice(toks_[nb].begin, toks_[ne - 1].end)));
        }
        if (n < several.size()) from = several[n]->e;
      }
      // (Each part appended in place: no new string for each join.)
      if (!island->class_word.empty()) {
        if (joined.empty()) joined = island->class_word;
        else joined.append(" ").append(island->class_word);
      }
      if (!island->counted.empty()) {
        if (joined.empty()) joined = island->counted;
        else joined.append(" … ").append(island->counted);
      }
      if (joined.empty() || !has_slug(joined) || words > kMaxNameWords) { as_text(); continue; }
      warn(fmt::format("'{}' is not in the lexicon: read as an unlisted variable with {} conditions", joined,
                       several.size()),
           span.begin, span.end);
      std::vector<Node> each;
      each.reserve(several.size());
      // "more than 10 pounds in the past three months": the threshold measured within the window.
      if (several.size() == 2 && !several[0]->within && several[0]->one_of.empty() && several[1]->within &&
          reference_is_entry(several[1]->before)) {
        Node n = open_node(*several[0], joined, span);
        if (time_comparisons(n, *several[1]->within)) each.push_back(std::move(n));
      }
      if (each.empty())
        for (const Island* is : several) unlisted_node_into(each.emplace_back(), *is, joined, span);
      Node read = each.size() == 1 ? std::move(each.front()) : engine::make_all(std::move(each), span);
      items.emplace_back(std::move(read), false, span.begin, span.end);
      typed = true;
      last_joined = std::move(joined);  // (the segment's own, not needed after it)
      last_name = last_joined;
      continue;
    }
    if (pre_b < pre_e) append_balanced(name, trim_view(slice(toks_[pre_b].begin, toks_[pre_e - 1].end)));
    // (Each part appended in place: no new string for each join.)
    if (!island->class_word.empty()) {
      if (name.empty()) name = island->class_word;
      else name.append(" ").append(island->class_word);
    }
    if (!island->counted.empty()) {
      if (name.empty()) name = island->counted;
      else name.append(" … ").append(island->counted);
    }
    if (post_b < post_e) {
      // (Appended where it goes, with no string of its own.)
      name.append(name.empty() ? "… " : " … ");
      append_balanced(name, trim_view(slice(toks_[post_b].begin, toks_[post_e - 1].end)));
    }
    if (name.empty() && pre_b == pre_e && post_b == post_e) name = last_name;  // shares the name before it
    // "Greater than 28 hot flashes per week": the counted thing, in the unit, is all the name there is.
    if (name.empty() && island->th.value.unit.starts_with("{") && !island->th.value.unit_spelling.empty())
      name = trim(island->th.value.unit_spelling);
    // An age the comparison rules refused (another person's: "a child aged 12-18") keeps whose it is;
    // the bare word would read as the participant's.
    if (measured && toks_[*measured].entry->id == "age" && pre_e - pre_b + post_e - post_b <= 1) { as_text(); continue; }
    // "HbA1c above 48" (no unit: % or mmol/mol?): a lexicon measure the comparison rules refused is not
    // renamed an unlisted variable by its own name alone.
    if (measured && pre_e - pre_b + post_e - post_b <= 1) { as_text(); continue; }
    if (name.empty() || !has_slug(name) || words > (whole ? kMaxWholeNameWords : kMaxNameWords)) { as_text(); continue; }
    // "Medication use stable for 6 months prior": the period is how long something stayed unchanged, no window
    // in which an event happened. (A stability word after the window is about something else: "Use of treatments
    // in the past two months ... Note: ... must be on stable unchanged dose".)
    if (island->within && names_stability(seg.b, std::min(island->b, seg_e))) { as_text(); continue; }
    // (Appended, not formatted: many open readings are dropped again with their warnings.)
    warn(unlisted_message(name, island->within ? "event" : "variable"), span.begin, span.end);
    // (The name moved into the node, the segment's own and not needed after it but as the next one's name.)
    // (Built in its item, made empty in the list: no node built apart and moved in.)
    Item& item = items.emplace_back();
    item.begin = span.begin;
    item.end = span.end;
    unlisted_node_into(item.node, *island, std::move(name), span, &last_name);
    if (auto* h = std::get_if<engine::Has>(&item.node.kind)) h->except = std::move(except);
    typed = true;
  }
  if (!typed) {
    diags_.resize(diagnostics_before);
    return std::nullopt;
  }
  // "severe hypoglycemia and acute ketoacidosis within the last 3 months": in an exclusion, events joined by
  // "and" are each excluded, as finish_items reads them.
  if (lists_ == ListReading::any)
    for (std::size_t k = 0; k + 1 < items.size() && k < conns.size(); ++k)
      if (conns[k] == Conn::and_ && !items[k].text && !items[k + 1].text && is_has_or_alternatives(items[k].node) &&
          is_has_or_alternatives(items[k + 1].node))
        conns[k] = Conn::or_;
  // (combined: a text of one segment is its one item's node, without combine's steps for lists.)
  std::optional<Node> out = combined(items, conns);
  out->span = {toks_[b].begin, toks_[e - 1].end};
  return out;
}

Node Lowering::open_or_text_tokens(std::size_t b, std::size_t e, engine::TextReason reason) {
  const std::uint32_t begin = toks_[b].begin, end = toks_[e - 1].end;
  if (reason != engine::TextReason::not_understood) return text_node(begin, end, reason);
  // (token_at(begin) is b itself where the token before b begins earlier, as tokens in text order do.)
  return open_reading_or_text(b == 0 || toks_[b - 1].begin < begin ? b : token_at(begin, 0, toks_.size()), e, begin, end);
}

// The reading of the bytes [begin, end) of open_or_text_tokens and of an unread item (lower_items.cpp), whose first
// token is `first` (and whose tokens end at `last`, where that is known: more than the token count where it is not).
Node Lowering::open_reading_or_text(std::size_t first, std::size_t last, std::uint32_t begin, std::uint32_t end) {
  {
    std::size_t b = first;
    // "score of 2 or greater on ...": the words the lowering passed over as neutral name the thing too.
    while (b > 0 && b <= toks_.size() && (toks_[b - 1].kind == Tok::filler || toks_[b - 1].kind == Tok::subject)) --b;
    // (Their ends rise too: the first from b that ends past `end`, also by bisection.)
    // (That is `last` where the token after it ends later, as tokens in text order do.)
    const bool known = last <= toks_.size() && last > b && (last == toks_.size() || toks_[last].end > end);
    const auto e = known ? last
                         : static_cast<std::size_t>(
                               std::partition_point(toks_.begin() + static_cast<std::ptrdiff_t>(b), toks_.end(),
                                                    [&](const Token& t) { return t.end <= end; }) - toks_.begin());
    // Most texts have no token an island may start at, and open_reading refuses them first: they are refused here,
    // by the same test, before open_reading's frame (large, with its room on the stack) is made and dropped. (A
    // calendar bound needs a day, a month or a four-digit year in the text, a token of kind date or quantity: "prior
    // to screening", whose only such token is "before", holds none. See open_reading's `dates`.)
    const auto may_hold_island = [&] {
      if (b >= e || e - b > kMaxOpenTokens) return false;
      const TokKinds kinds = kinds_in(b, e);  // (kept: open_reading asks it of the same range)
      if (kinds.has(Tok::within) || kinds.has(Tok::ahead) || kinds.has(Tok::cmp) || kinds.has(Tok::quantity) ||
          kinds.has(Tok::between) || kinds.has(Tok::date))
        return true;
      for (std::size_t x = b; x < e; ++x)
        if ((toks_[x].kind == Tok::word || toks_[x].kind == Tok::filler) && scale_word_token(toks_[x])) return true;
      return false;
    };
    if (may_hold_island())
      if (auto read = open_reading(b, e)) return std::move(*read);
  }
  return text_node(begin, end, engine::TextReason::not_understood);
}

}  // namespace trialmatch::grammar::detail

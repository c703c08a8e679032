#include "lower.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <deque>

#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar {
namespace detail {

using engine::Node;

namespace {

// The working vectors of one sequence() call, taken together from a per-thread stack and given back empty,
// so that their capacity serves the next piece and line instead of growing again (sequence nests: each call
// takes the set of its nesting level; one stack for the four, which were taken one by one).
struct SequenceVectors {
  std::vector<Item> items;
  std::vector<Conn> conns;
  std::vector<bool> text_has_or;  // per item: a text run merged across "or"
  std::vector<int> depth_at;      // per token: the parenthesis depth before it
};

class SequenceScratch {
 public:
  // The set of the next nesting level: the per-thread stack of sets only grows (a deque, so that the sets of the
  // calls around this one stay where they are); a set is used in place, not moved out and back.
  SequenceScratch() : stack_(stack()) {
    if (stack_.used == stack_.sets.size()) stack_.sets.emplace_back();
    v_ = &stack_.sets[stack_.used++];
  }
  ~SequenceScratch() {
    // A rare long piece does not keep its memory.
    keep_small(v_->items);
    keep_small(v_->conns);
    keep_small(v_->text_has_or);
    keep_small(v_->depth_at);
    --stack_.used;
  }
  SequenceScratch(const SequenceScratch&) = delete;
  SequenceScratch& operator=(const SequenceScratch&) = delete;
  SequenceVectors& get() noexcept { return *v_; }

 private:
  static constexpr std::size_t kMaxKept = 256;
  template <class T>
  static void keep_small(std::vector<T>& v) {
    v.clear();
    if (v.capacity() > kMaxKept) std::vector<T>().swap(v);
  }
  struct Stack {
    std::deque<SequenceVectors> sets;
    std::size_t used = 0;  // sets[0, used) belong to the calls under way on this thread
  };
  static Stack& stack() {
    thread_local Stack s;
    return s;
  }
  Stack& stack_;
  SequenceVectors* v_ = nullptr;
};

// A line that warns mostly warns a few times (open readings push warnings and drop them again): room for
// four at its first, instead of growing one, two, four with every message moved each time.
void make_room_for_warning(engine::Diagnostics& diags) {
  if (diags.capacity() == 0) diags.reserve(4);
}

}  // namespace


void Lowering::warn(std::string message, std::uint32_t begin, std::uint32_t end) {
  make_room_for_warning(diags_);
  diags_.push_back({engine::Severity::warning, std::move(message), begin, end});
}

// Most of these warnings belong to open readings that are dropped again, and the text is that of the
// warning's own span: it is pushed without a message, written once the line is read (write_warnings).
void Lowering::warn_not_understood(std::uint32_t begin, std::uint32_t end) {
  make_room_for_warning(diags_);
  diags_.push_back({engine::Severity::warning, std::string(), begin, end});
}

std::string not_understood_message(std::string_view text) {
  static constexpr std::string_view head = "not understood, kept as text: '";
  std::string out;
  out.reserve(head.size() + text.size() + 1);
  out.append(head).append(text).push_back('\'');
  return out;
}

void Lowering::write_warnings(std::size_t from) {
  for (std::size_t d = from; d < diags_.size(); ++d)
    if (diags_[d].message.empty()) diags_[d].message = not_understood_message(trim_view(slice(diags_[d].begin, diags_[d].end)));
}

// An `other` token that is layout: stray punctuation, a bullet, a quotation mark.
bool Lowering::neutral_other(const Token& t) const {
  const auto c = static_cast<unsigned char>(text_[t.begin]);
  if (c < 0x80) return true;                               // stray ASCII punctuation
  const std::string_view s = slice(t.begin, t.end);
  return s == "•" || s == "·" || s == "“" || s == "”" || s == "‘" || s == "’" || s == "…" || s == "，";
}

// A judgement word that asks a person to decide. "Consent" after "prior to (signing the informed)" is
// the moment a window counts back from, no judgement.
bool Lowering::judgement_at(std::size_t i) const {
  if (!iequals(slice(toks_[i].begin, toks_[i].end), "consent")) return true;
  static constexpr std::string_view leads[] = {"informed", "signing", "signed", "the", "of", "written", "study", "a",
                                               "date", "day", "time", "moment"};
  std::size_t k = i;
  while (k > 0 && (toks_[k - 1].kind == Tok::word || toks_[k - 1].kind == Tok::filler) &&
         one_of(slice(toks_[k - 1].begin, toks_[k - 1].end), leads))
    --k;
  // "at the date of consent", "on the day of consent": the moment of matching too.
  static constexpr std::string_view at[] = {"at", "on"};
  if (k > 0 && k < i && (toks_[k - 1].kind == Tok::word || toks_[k - 1].kind == Tok::filler) &&
      one_of(slice(toks_[k - 1].begin, toks_[k - 1].end), at))
    return false;
  return k == 0 || (toks_[k - 1].kind != Tok::before && toks_[k - 1].kind != Tok::after);
}


// "confirmed by biopsy", "diagnosed by electrophysiological study or ultrasound": a participle of diagnosis and
// "by" at i; the end of the method phrase: a comma before an event or a value, a semicolon, a negation, or an
// "and"/"or" before a comparison (which is a requirement of its own).
std::optional<std::size_t> Lowering::method_of_diagnosis(std::size_t i, std::size_t e) const {
  // (Asked at most tokens of a piece: the participles as a WordList, whose length and first-letter filter turns
  // most words away at once.)
  static constexpr std::string_view participle_words[] = {"confirmed", "proven", "documented", "diagnosed", "verified",
                                                          "established", "demonstrated", "evidenced"};
  static constexpr WordList participles(participle_words);
  static constexpr std::string_view means[] = {"by", "on", "through", "via", "using"};
  if (i + 2 >= e || (toks_[i].kind != Tok::word && toks_[i].kind != Tok::filler) ||
      !participles.contains(slice(toks_[i].begin, toks_[i].end)))
    return std::nullopt;
  // (The means may be read as one phrase with its object: "by biopsy", "on previous biopsy".)
  const std::string_view by = slice(toks_[i + 1].begin, toks_[i + 1].end);
  if (!one_of(by.substr(0, by.find(' ')), means)) return std::nullopt;
  std::size_t j = i + 2;
  for (; j < e; ++j) {
    const Tok k = toks_[j].kind;
    if (k == Tok::semicolon || k == Tok::period || k == Tok::negation) break;
    // "by standard clinical, radiographic, endoscopic, and histopathologic criteria": a comma goes on with the
    // method where nothing after it up to the next one names an event or a value.
    if (k == Tok::comma) {
      bool other = false;
      for (std::size_t x = j + 1; x < e && !other && toks_[x].kind != Tok::comma && toks_[x].kind != Tok::semicolon; ++x)
        other = toks_[x].kind == Tok::name || toks_[x].kind == Tok::cmp || toks_[x].kind == Tok::quantity ||
                toks_[x].kind == Tok::negation || toks_[x].kind == Tok::sex_female || toks_[x].kind == Tok::sex_male;
      if (other) break;
      continue;
    }
    if (k == Tok::and_ || k == Tok::or_ || k == Tok::and_or) {
      const std::size_t next = skip_neutral(j + 1, e);
      if (next < e && (toks_[next].kind == Tok::cmp || toks_[next].kind == Tok::quantity || is_measured(next) ||
                       toks_[next].kind == Tok::sex_female || toks_[next].kind == Tok::sex_male))
        break;
    }
  }
  return j > i + 2 ? std::optional<std::size_t>(j) : std::nullopt;
}

// "i.e.", "that is", "namely" at token i: the words after restate the ones before.
bool Lowering::restating(std::size_t i, std::size_t e) const {
  if (i >= e || toks_[i].kind != Tok::filler) return false;
  static constexpr std::string_view words[] = {"i.e.", "i.e", "that is", "namely"};
  return one_of(slice(toks_[i].begin, toks_[i].end), words);
}

// A comma or semicolon outside parentheses in [b, e): where unread words run over one, nobody can tell where
// the phrase they belong to ends and the next item of a list begins.
bool Lowering::list_within(std::size_t b, std::size_t e) const {
  int depth = 0;
  for (std::size_t k = b; k < e; ++k) {
    const Tok c = toks_[k].kind;
    if (c == Tok::lparen) ++depth;
    else if (c == Tok::rparen && depth > 0) --depth;
    else if (depth == 0 && (c == Tok::comma || c == Tok::semicolon)) return true;
  }
  return false;
}

std::size_t Lowering::skip_neutral(std::size_t i, std::size_t e) const {
  while (i < e && neutral(i)) ++i;
  return i;
}

Node Lowering::text_node(std::uint32_t begin, std::uint32_t end, engine::TextReason reason) {
  // Keep a closing parenthesis with the text it closes: "oxygen (state)".
  const std::string_view raw = slice(begin, end);
  if (raw.find('(') != std::string_view::npos && raw.find(')') == std::string_view::npos && end < text_.size() &&
      text_[end] == ')')
    ++end;
  if (reason == engine::TextReason::not_understood) warn_not_understood(begin, end);
  // (As engine::make_text would give it, the string made in its Text: not moved through a call and two moves.)
  return Node{engine::Text{std::string(trim_view(slice(begin, end))), reason}, {begin, end}};
}

Node Lowering::has(const engine::Concept& c, std::uint32_t begin, std::uint32_t end) const {
  // Built in the node it is returned in (a Has built apart and moved in moved its seven strings).
  Node out;
  has_into(out, c, begin, end);
  return out;
}

void Lowering::has_into(Node& out, const engine::Concept& c, std::uint32_t begin, std::uint32_t end) const {
  engine::Has& h = out.kind.emplace<engine::Has>();
  out.span = {begin, end};
  h.concept_id = c.id;
  // "active malignancy", "current smoker", "currently pregnant": a lexicon name that carries the status.
  // (A name shorter than six bytes holds none of the words.)
  if (end - begin >= 6 && c.id.rfind("active_", 0) != 0) {  // "active infection" is a concept, its status said by its name
    static constexpr std::string_view active_words[] = {"active", "current", "currently", "ongoing"};
    const std::string_view named = slice(begin, end);
    std::size_t p = 0;
    // (ASCII letters: std::isalpha in the "C" locale the program runs in, without a call per byte.)
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    while (p < named.size()) {
      while (p < named.size() && !letter(named[p])) ++p;
      std::size_t q = p;
      while (q < named.size() && (letter(named[q]) || named[q] == '-')) ++q;
      // (A word of another length or first letter is none of the four: most words are compared with none.)
      const std::size_t n = q - p;
      const char first = static_cast<char>(n > 0 ? named[p] | 0x20 : 0);
      if ((n == 6 || n == 7 || n == 9) && (first == 'a' || first == 'c' || first == 'o') &&
          one_of(named.substr(p, n), active_words)) {
        h.status = "active";
        break;  // (the status is all a further word could set)
      }
      p = q;
    }
  }
  // The primary code of each of these systems, each once. (One walk of the concept's map, in key order,
  // which is the order of h.codes too: each goes in at the end.)
  static constexpr std::string_view systems[] = {"snomed", "icd10", "atc", "cvx"};
  for (const auto& [system, list] : c.codes) {
    if (list.empty() || list.front().empty() || std::find(std::begin(systems), std::end(systems), system) == std::end(systems))
      continue;
    h.codes.emplace_hint(h.codes.end(), system, list.front());
  }
}

std::optional<Node> Lowering::sequence(std::size_t b, std::size_t e, std::size_t depth) {
  const auto span_of = [&](std::size_t from, std::size_t to) {
    return engine::Span{toks_[from].begin, toks_[to - 1].end};
  };
  if (b >= e) return std::nullopt;
  if (depth == 0) sequence_end_ = e;
  if (depth == 0) sequence_begin_ = skip_neutral(b, e);
  if (depth > max_depth_) {
    warn("nesting deeper than the parser's limit; kept as text", toks_[b].begin, toks_[e - 1].end);
    return text_node(toks_[b].begin, toks_[e - 1].end, engine::TextReason::not_understood);
  }
  auto whole_text = [&]() { return open_or_text_tokens(b, e, engine::TextReason::not_understood); };

  SequenceScratch scratch;
  std::vector<Item>& items = scratch.get().items;
  std::vector<Conn>& conns = scratch.get().conns;
  std::vector<bool>& text_has_or = scratch.get().text_has_or;
  Conn pending = Conn::none;
  bool active = false;
  std::optional<std::size_t> last_event;  // token of the last event read
  std::optional<engine::Amount> pending_within;
  bool pending_used = false;  // a window read before the events it times must time one, or be text
  std::string pending_before;
  std::size_t window_from = 0;

  // A typed node goes into the list in its place (built as an Item first and moved in, its Node moved twice).
  auto push_typed = [&](Node&& node, std::uint32_t begin, std::uint32_t end) {
    if (!items.empty()) conns.push_back(pending);
    pending = Conn::none;
    text_has_or.push_back(false);
    items.emplace_back(std::move(node), false, begin, end);
  };
  // The same for a node built in the list: the item is placed as push_typed places it, and its node (empty)
  // is given to be built where it stays.
  auto place_typed = [&](std::uint32_t begin, std::uint32_t end) -> Node& {
    if (!items.empty()) conns.push_back(pending);
    pending = Conn::none;
    text_has_or.push_back(false);
    Item& typed = items.emplace_back();
    typed.begin = begin;
    typed.end = end;
    return typed.node;
  };
  auto push = [&](Item it) {
    if (!items.empty()) {
      if (it.text && items.back().text && !it.orphan && !items.back().orphan) {
        items.back().end = it.end;
        if (pending == Conn::or_ || pending == Conn::slash) text_has_or.back() = true;
        pending = Conn::none;
        return;
      }
      conns.push_back(pending);
    }
    pending = Conn::none;
    text_has_or.push_back(false);
    items.push_back(std::move(it));
  };
  // "active virus infection, and ... hepatitis B surface antigen is positive": a status word reaches
  // the events of its own list, not past words the grammar cannot read.
  bool active_used = false;  // the status word has reached an event already
  auto unknown = [&](std::size_t i) {
    // Most unread words extend the text before them, as push() would: no Item is built for them.
    if (!items.empty() && items.back().text && !items.back().orphan) {
      items.back().end = toks_[i].end;
      if (pending == Conn::or_ || pending == Conn::slash) text_has_or.back() = true;
      pending = Conn::none;
    } else {
      // (As push() would place a new text: the Item made in the list, with no Node moved in.)
      if (!items.empty()) conns.push_back(pending);
      pending = Conn::none;
      text_has_or.push_back(false);
      Item& text = items.emplace_back();
      text.text = true;
      text.begin = toks_[i].begin;
      text.end = toks_[i].end;
    }
    if (active_used) active = false;
  };
  auto connector = [&](Conn c) {
    if (items.empty()) return;
    if (pending == Conn::none || pending == Conn::comma) pending = c;
    else if (c == Conn::or_) pending = Conn::or_;
  };
  // Where a window read after the items goes: onto the events before it, to the words right before it,
  // or nowhere certain (the piece is then read by a person).
  enum class WindowUse : std::uint8_t { applied, to_text, unclear };
  // `ahead`: the window looks after the reference date ("in the next 12 months"); only events take it.
  auto apply_window = [&](const engine::Amount& w, const std::string& bef, bool ahead) -> WindowUse {
    // "bowel resection within 6 months", "infection requiring treatment within 6 months": a window
    // right after words the grammar could not read (or a threshold that found no variable) belongs
    // to them; the text keeps it (it may be read as an unlisted event).
    if (!items.empty() && items.back().text && pending == Conn::none) {
      // "stroke, MI, or deep vein thrombosis/pulmonary emboli within one month": the unread words are the last
      // element of a list of events, which the window times as a whole (as where every element is read).
      const std::size_t last = items.size() - 1;
      const bool element = last > 0 && (conns[last - 1] == Conn::or_ || conns[last - 1] == Conn::slash ||
                                        conns[last - 1] == Conn::comma);
      if (element && !ahead)
        for (std::size_t k = last; k-- > window_from;) {
          if (items[k].text || !contains_has(items[k].node)) break;
          for_each_listed_has(items[k].node, [&](engine::Has& h) {
            if (!h.within) { h.within = w; h.before = bef; }
          });
          if (k == 0 || (conns[k - 1] != Conn::or_ && conns[k - 1] != Conn::slash && conns[k - 1] != Conn::comma)) break;
        }
      return WindowUse::to_text;
    }
    // "eGFR < 30 within the past 3 months" (no reference event: a time before the screening): the
    // comparison right before it must be measured in that window.
    if (!ahead && !items.empty() && !items.back().text && pending == Conn::none && reference_is_entry(bef) &&
        time_comparisons(items.back().node, w)) {
      window_from = items.size();
      return WindowUse::applied;
    }
    // "Renal failure (eGFR <30 within the past 3 months)": a window after a comparison times the
    // measurement, not the events before it.
    std::size_t from = items.size();
    while (from > window_from && (items[from - 1].text || contains_has(items[from - 1].node))) --from;
    // "Pregnant, or planning to be pregnant in 6 months": a plan's window times only the events planned.
    if (ahead && plan_word_ < toks_.size())
      while (from < items.size() && items[from].begin < toks_[plan_word_].end) ++from;
    // An event beyond unread words ("X and a history of ... or ≥8 transfusions for the prior 2 years")
    // may not be what the window times.
    // Unread words that are an element of the list ("MI or bypass or stent surgery within 12 months")
    // do not stand in the way.
    // "Subject has previously received allogeneic SCT, or subject has received autologous SCT within 3 months":
    // a subject named again starts a clause of its own; whether the window times the events of the clause
    // before it (previously, ever) is for a person to read.
    for (std::size_t k = from + 1; k < items.size(); ++k)
      if (!items[k].text && contains_has(items[k].node) && subject_between(items[k - 1].end, items[k].begin))
        for (std::size_t x = from; x < k; ++x)
          if (!items[x].text && contains_has(items[x].node)) return WindowUse::unclear;
    bool text_seen = false;
    for (std::size_t k = items.size(); k-- > from;) {
      const bool joined_before = k > 0 && conns[k - 1] != Conn::none;
      const bool joined_after = k + 1 < items.size() ? conns[k] != Conn::none : pending != Conn::none;
      if (items[k].text && !(joined_before && joined_after)) text_seen = true;
      else if (text_seen && contains_has(items[k].node)) return WindowUse::unclear;
    }
    bool applied = false;
    for (std::size_t k = from; k < items.size(); ++k) {
      if (items[k].text) continue;
      for_each_listed_has(items[k].node, [&](engine::Has& h) {
        if (!h.within) { h.within = w; h.ahead = ahead; h.before = bef; applied = true; }
      });
    }
    window_from = items.size();
    if (!applied && ahead) return WindowUse::unclear;  // a window ahead before its events: rare, left to a person
    if (!applied) {
      pending_within = w;
      pending_before = bef;
    }
    return WindowUse::applied;
  };
  // Applies a window read up to token `last` (exclusive); false where the piece is left to a person.
  // (`first`: the window's first token.)
  auto take_window = [&](std::size_t first, const engine::Amount& w, const std::string& bef, std::size_t last,
                         bool ahead = false) {
    if (treatment_timed(items, first)) return false;
    const WindowUse use = apply_window(w, bef, ahead);
    if (use == WindowUse::to_text) items.back().end = toks_[last - 1].end;
    return use != WindowUse::unclear;
  };

  // Parenthesis depth before each token: "(robotic or laparoscopic)" joins words, not conditions.
  std::vector<int>& depth_at = scratch.get().depth_at;
  // (A piece without a parenthesis is at depth 0 throughout: most pieces, whose kinds piece() has just asked. Only a
  // piece with one fills the vector.)
  const bool parenthesis = kinds_in(b, e).has(Tok::lparen);
  if (parenthesis) depth_at.assign(e - b + 1, 0);
  const auto depth_before = [&](std::size_t x) { return parenthesis ? depth_at[x - b] : 0; };
  for (std::size_t x = b, d = 0; parenthesis && x < e; ++x) {
    depth_at[x - b] = static_cast<int>(d);
    if (toks_[x].kind == Tok::lparen) ++d;
    else if (toks_[x].kind == Tok::rparen && d > 0) --d;
  }

  // Calendar bounds ("since 2010", "between 2007 and June 2016") go onto the events before them, as a window
  // does; right after words the grammar could not read they are those words' (read as an unlisted event).
  std::size_t dates_from = 0;
  auto take_dates = [&](const DateRange& d) {
    if (!items.empty() && items.back().text && pending == Conn::none) {
      items.back().end = toks_[d.end - 1].end;
      return true;
    }
    bool applied = false;
    for (std::size_t k = dates_from; k < items.size(); ++k) {
      if (items[k].text) continue;
      for_each_listed_has(items[k].node, [&](engine::Has& h) {
        if (h.dated_from.empty() && h.dated_to.empty()) { h.dated_from = d.from; h.dated_to = d.to; applied = true; }
      });
    }
    dates_from = items.size();
    return applied;
  };

  for (std::size_t i = b; i < e;) {
    const Token& t = toks_[i];
    if (ignored(i)) { ++i; continue; }
    // "Non-smoker", "non-pregnant women", "non-diabetic": the event's absence now (a former smoker is a non-smoker).
    // (Only a three-letter word, "non", starts one: the test before the call, which every token reaches.)
    if (const std::size_t n = t.kind == Tok::word && t.end - t.begin == 3 ? event_after_non(i, e) : 0; n != 0) {
      Node now = has(*toks_[n].entry, toks_[n].begin, toks_[n].end);
      std::get<engine::Has>(now.kind).status = "active";
      push(Item{engine::make_not(std::move(now), {t.begin, toks_[n].end}), false, t.begin, toks_[n].end});
      last_event = n;
      i = n + 1;
      continue;
    }
    // "type 1 or 2 diabetes": both kinds the lexicon names, as alternatives.
    if (t.kind == Tok::word && t.end - t.begin == 4 && i + 4 < e) {
      if (const auto kinds = kinds_elided_at(i, e)) {
        const auto span_end = toks_[kinds->second - 1].end;
        std::vector<Node> both;
        both.push_back(has(*kinds->first.first, t.begin, span_end));
        both.push_back(has(*kinds->first.second, t.begin, span_end));
        if (active)
          for (auto& h : both) std::get<engine::Has>(h.kind).status = "active";
        if (pending_within)
          for (auto& h : both) {
            std::get<engine::Has>(h.kind).within = pending_within;
            std::get<engine::Has>(h.kind).before = pending_before;
            pending_used = true;
          }
        push_typed(engine::make_any(std::move(both), {t.begin, span_end}), t.begin, span_end);
        last_event = kinds->second - 1;
        i = kinds->second;
        continue;
      }
    }
    if (t.kind == Tok::between || t.kind == Tok::after || t.kind == Tok::before || t.kind == Tok::negation ||
        t.kind == Tok::word || t.kind == Tok::filler || t.kind == Tok::guard || t.kind == Tok::range_to) {
      if (const auto dates = may_start_dates(i, e) ? date_range_at(i, e) : std::nullopt) {
        if (!take_dates(*dates)) return whole_text();
        i = dates->end;
        continue;
      }
    }
    switch (t.kind) {
      case Tok::and_: connector(Conn::and_); ++i; continue;
      case Tok::or_: case Tok::and_or:
        if (depth_before(i) > 0 && !items.empty() && items.back().text && !items.back().orphan && pending == Conn::none &&
            i + 1 < e && toks_[i + 1].kind == Tok::word && !compared_before_close(i, e)) {  // (lower_grouped.cpp)
          unknown(i); ++i; continue;  // "(robotic or laparoscopic)": words of the text in parentheses
        }
        connector(Conn::or_); ++i; continue;
      case Tok::comma:
        // "History of heart failure, i.e. NYHA class III-IV": what follows says which of the thing before is
        // meant, as a parenthesis would; it is no other item of a list.
        if (!restating(i + 1, e)) connector(Conn::comma);
        ++i;
        continue;
      // Inside parentheses (line() parts the line at the others): "(systolic 90-140 mmHg; diastolic 50-90 mmHg)".
      case Tok::semicolon: connector(Conn::comma); ++i; continue;
      case Tok::range_to:
        // "≥ 12 to < 18 years of age": two bounds, each with its comparator.
        if (!items.empty() && i + 1 < e && toks_[i + 1].kind == Tok::cmp) { connector(Conn::and_); ++i; continue; }
        if (neutral(i)) { ++i; continue; }
        unknown(i); ++i; continue;
      case Tok::slash: connector(Conn::slash); ++i; continue;
      case Tok::status_active: active = true; active_used = false; ++i; continue;
      case Tok::examples: case Tok::exception: {
        if (t.kind == Tok::examples && items.size() == 1 && (pending == Conn::none || pending == Conn::comma)) {
          if (auto listed = examples_of(i, e, items.back(), depth)) {
            const std::uint32_t begin = items.back().begin;
            items.back() = Item{std::move(listed->first), false, begin, toks_[listed->second - 1].end};
            pending = Conn::none;
            i = listed->second;
            continue;
          }
        }
        // An exception to one condition stays visible on it; anything else is read by a person.
        if (t.kind == Tok::exception && items.size() == 1 && !items.back().text && is_has(items.back().node) &&
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
          std::get<engine::Has>(items.back().node.kind).except = except;
          items.back().end = last < e ? toks_[last].end : toks_[e - 1].end;
          i = last < e ? last + 1 : e;
          continue;
        }
        // "Age < 18 years, inability to consent, history of intraocular surgery, including photocoagulation
        // (except ...), ...": in an exclusion, the conditions listed before the one the examples or the
        // exception belong to are read; that one and the rest go to a person. Only examples, or an exception
        // bounded by its parentheses (one outside them may qualify the whole list: "malignancy, lymphoma,
        // except treated skin cancer"), and only in a list of separate conditions (commas, "or").
        // (Not where the examples or the exception sit in parentheses opened before the current item, listing
        // kinds of an earlier head; nor where a judgement, "that, in the Investigator's opinion, ...", may
        // qualify every item.)
        if (lists_ == ListReading::any && items.size() >= 2) {
          bool bounded = depth_before(i) == 0 ? t.kind == Tok::examples : false;
          if (depth_before(i) > 0) {
            std::size_t x = i;
            while (x > b && !(toks_[x - 1].kind == Tok::lparen && depth_before(x - 1) == depth_before(i) - 1)) --x;
            bounded = x > b && toks_[x - 1].begin >= items.back().begin;
          }
          bool list = bounded && (pending == Conn::comma || pending == Conn::none);
          for (const Conn c : conns) list = list && c == Conn::comma;
          for (std::size_t x = b; x < e && list; ++x) list = !judges(x);
          bool typed = false;
          for (std::size_t k = 0; k + 1 < items.size(); ++k) typed = typed || !items[k].text;
          if (list && typed) {
            // The rest is read by a person as written (no unlisted reading: its numbers may be the exception's).
            const std::uint32_t rest_begin = items.back().begin;
            bool judged = false;
            for (std::size_t x = b; x < e && !judged; ++x) judged = toks_[x].begin >= rest_begin && judges(x);
            items.back() = Item{text_node(rest_begin, toks_[e - 1].end,
                                          judged ? engine::TextReason::judgement : engine::TextReason::not_understood),
                                false, rest_begin, toks_[e - 1].end};
            if (auto read = finish_items(b, e, items, conns, text_has_or)) return read;
          }
        }
        return whole_text();
      }
      case Tok::colon: {
        bool typed = false;
        for (const auto& it : items) typed = typed || !it.text;
        // "Criteria for patients with diabetes: HbA1c < 8%": a lead-in naming whom what follows is for guards
        // it (its guard read where it can be, else the lead-in is a text a person decides).
        if (!typed && !items.empty()) {
          std::size_t g = e;
          for (std::size_t k = sequence_begin_ < i ? sequence_begin_ : i; k < i && g == e; ++k)
            if (toks_[k].kind == Tok::guard && toks_[k].begin >= items.front().begin) g = k;
          // "Patient Inclusion Criteria:": the people word before the first item belongs to the lead-in.
          std::size_t lead = sequence_begin_ < i ? sequence_begin_ : i;
          while (lead > 0 && toks_[lead - 1].kind == Tok::subject) --lead;
          const bool cohort = g == e && lead < i && names_cohort(lead, i);
          if ((g < e || cohort) && i + 1 < e) {
            const std::size_t mark = diags_.size();
            Node cond;
            const auto read = cohort ? std::optional<std::size_t>{} : guard(g, i, cond);
            // "For the T2D study group:" names an arm of the trial, which a diagnosis does not decide.
            static constexpr std::string_view arms[] = {"group", "groups", "arm", "arms", "cohort", "cohorts", "part"};
            bool arm = false;
            for (std::size_t k = cohort ? i : g; k < i; ++k)
              arm = arm || ((toks_[k].kind == Tok::word || toks_[k].kind == Tok::filler) && one_of(slice(toks_[k].begin, toks_[k].end), arms));
            if (!read || skip_neutral(*read, i) != i || arm)
              cond = text_node(cohort ? std::min(toks_[lead].begin, items.front().begin) : items.front().begin,
                               toks_[i - 1].end, engine::TextReason::not_understood);
            auto rest = sequence(i + 1, e, depth + 1);
            if (rest && engine::partly_typed(*rest)) {
              const std::uint32_t begin = cohort ? std::min(toks_[lead].begin, items.front().begin) : items.front().begin;
              items.clear(); conns.clear(); text_has_or.clear(); pending = Conn::none;
              push_typed(engine::make_if(std::move(cond), std::move(*rest), span_of(i + 1, e)), begin, toks_[e - 1].end);
              i = e;
              continue;
            }
            diags_.resize(mark);
          }
        }
        // ("No history of the following in the past 6 months: stroke": a time in the lead-in bounds the items;
        // dropped with it, they would be asked of the whole past. It times them where it can, else stays as text.)
        const bool timed = !typed && !items.empty() && holds_an_amount_of_time(items.front().begin, items.back().end);
        std::size_t lead = b;
        while (!typed && !items.empty() && lead < i && toks_[lead].begin < items.front().begin) ++lead;
        // ("Any of the following active conditions: hepatitis B": the items are current ones.)
        if (!typed && !items.empty() && !timed && says_current(lead, i)) {
          const std::size_t mark = diags_.size();
          auto read = sequence(i + 1, e, depth + 1);
          if (!read || !give_current_status(*read)) {
            diags_.resize(mark);
            return text_node(toks_[std::min(b, sequence_begin_)].begin, toks_[e - 1].end, engine::TextReason::not_understood);
          }
          const std::uint32_t begin = items.front().begin;
          items.clear(); conns.clear(); text_has_or.clear(); pending = Conn::none;
          push_typed(std::move(*read), begin, toks_[e - 1].end);
          i = e;
          continue;
        }
        if (timed) {
          if (auto read = windowed_lead_in(lead, i, e, depth)) {
            const std::uint32_t begin = items.front().begin;
            items.clear(); conns.clear(); text_has_or.clear(); pending = Conn::none;
            push_typed(std::move(*read), begin, toks_[e - 1].end);
            i = e;
            continue;
          }
        }
        if (!typed && !items.empty() && !timed) {
          warn(fmt::format("lead-in '{}' read as a heading", trim(slice(items.front().begin, items.back().end))),
               items.front().begin, items.back().end);
          items.clear(); conns.clear(); text_has_or.clear(); pending = Conn::none;
        }
        ++i;
        continue;
      }
      case Tok::negation: {
        std::size_t j = i + 1;
        if (j < e && toks_[j].kind == Tok::related) ++j;
        // "No pregnancy and no active breastfeeding": a second negation after a connector ends this one's reach.
        std::size_t scope_end = e;
        for (std::size_t k = j, d = 0; k + 1 < e && scope_end == e; ++k) {
          if (toks_[k].kind == Tok::lparen) ++d;
          if (toks_[k].kind == Tok::rparen && d > 0) --d;
          const Tok c = toks_[k].kind;
          if (d != 0 || (c != Tok::and_ && c != Tok::or_ && c != Tok::comma && c != Tok::and_or)) continue;
          const std::size_t next = skip_neutral(k + 1, e);
          if (next < e && toks_[next].kind == Tok::negation) scope_end = k;
        }
        auto sub = sequence(j, scope_end, depth + 1);
        // "Negative for hepatitis B, C and HIV", "no diabetes and hypertension": none of the events listed
        // (a list under a negation names each thing the patient must not have, not their combination).
        if (sub) {
          auto* all = std::get_if<engine::All>(&sub->kind);
          bool events = all != nullptr;
          for (std::size_t a = 0; events && a < all->args.size(); ++a)
            events = contains_has(all->args[a]) && std::holds_alternative<engine::Has>(all->args[a].kind);
          if (events) sub = engine::make_any(std::move(all->args), sub->span);
        }
        // "Pregnant or lactating woman, or of childbearing age without effective contraception": right after
        // unread words offered as the last alternative, the negation is theirs, not a requirement on the
        // alternatives before them (a pregnant woman with contraception on record is still pregnant).
        // (A short phrase only: after a comma, "..., provided that no filgrastim was administered" is a
        // proviso on the whole.)
        bool phrase = pending == Conn::none && items.size() > 1 && items.back().text && !items.back().orphan &&
                      conns.back() == Conn::or_;
        for (std::size_t k = b; phrase && k < i; ++k)
          phrase = !(toks_[k].begin >= items.back().begin && toks_[k].end <= items.back().end &&
                     (toks_[k].kind == Tok::comma || toks_[k].kind == Tok::semicolon || toks_[k].kind == Tok::cmp ||
                      toks_[k].kind == Tok::quantity));
        if (phrase) {
          items.back().end = toks_[scope_end - 1].end;
          i = scope_end;
          continue;
        }
        // "A and/or B not related to C": the negated part is one more requirement on the whole.
        if (pending == Conn::none) pending = Conn::and_;
        if (sub && engine::fully_typed(*sub))
          push_typed(engine::make_not(std::move(*sub), span_of(i, scope_end)), t.begin, toks_[scope_end - 1].end);
        // (Unread words after the negation that run over a comma may hold the next items of a list: "a seizure
        // not induced by drug withdrawal, first degree relative with epilepsy, ...". Joined to a typed item by
        // "and", they would be required of it.)
        else if (!items.empty() && (!sub || !engine::partly_typed(*sub)) &&
                 (items.back().text || !list_within(j, scope_end)))
          unknown(i), items.back().end = toks_[scope_end - 1].end;  // "The age＞18 and no gender limitation"
        else return whole_text();
        i = scope_end;
        continue;
      }
      case Tok::guard: case Tok::lparen: {
        // "planning to be pregnant in 6 months": the plan's window, ahead (lower_ahead.cpp found it).
        if (i == plan_window_ && !items.empty() && !items.back().text && contains_has(items.back().node)) {
          engine::Amount w;
          std::string bef;
          if (auto j = window(i, e, w, bef); j && bef.empty()) {
            if (!take_window(i, w, bef, *j, true)) return whole_text();
            i = *j;
            continue;
          }
        }
        Node cond;
        const std::size_t guard_diagnostics = diags_.size();
        if (auto j = guard(i, e, cond)) {
          // "who presents for a colonoscopy": right after words the grammar could not read, the
          // phrase is theirs, not a condition on the typed parts before them.
          if (!items.empty() && items.back().text && !items.back().orphan && pending == Conn::none) {
            diags_.resize(guard_diagnostics);
            items.back().end = toks_[*j - 1].end;
            i = *j;
            continue;
          }
          if (!items.empty() && !items.back().text && pending == Conn::none && !contains_has(items.back().node)) {
            items.back().node = engine::make_if(std::move(cond), std::move(items.back().node), {items.back().begin, toks_[*j - 1].end});
            items.back().end = toks_[*j - 1].end;
            i = *j;
            continue;
          }
          if (items.empty()) {
            auto sub = sequence(*j, e, depth + 1);
            if (sub && engine::fully_typed(*sub)) {
              push_typed(engine::make_if(std::move(cond), std::move(*sub), span_of(i, e)), t.begin, toks_[e - 1].end);
              i = e;
              continue;
            }
          }
          // "Be 60 or older, and for women, postmenopausal": after a connector the guard opens a part of its
          // own, to the end of the piece. Read only where it is read whole and asks about nothing the earlier
          // parts do: "Hb ≥ 10 g/dL, and for women, ≥ 9 g/dL" relaxes the first limit, which then may not hold
          // for everyone (unread, the part might do the same: the piece is left to a person).
          if (!items.empty() && pending != Conn::none) {
            auto sub = sequence(*j, e, depth + 1);
            bool shares = false;
            for (const auto& it : items) shares = shares || it.text || (sub && share_a_variable(it.node, *sub));
            if (sub && engine::fully_typed(*sub) && !shares) {
              push_typed(engine::make_if(std::move(cond), std::move(*sub), span_of(i, e)), t.begin, toks_[e - 1].end);
              i = e;
              continue;
            }
          }
          return whole_text();
        }
        if (!items.empty() && !items.back().text && contains_has(items.back().node)) {  // times the events before it
          engine::Amount w;
          std::string bef;
          if (auto j = past_window_in(i, e, w, bef)) {
            if (!take_window(i, w, bef, *j)) return whole_text();
            i = *j;
            continue;
          }
        }
        // "Uncontrolled hypertension (systolic BP > 160 mmHg or diastolic BP > 100 mmHg)": alternatives inside
        // parentheses are one item; read through, the "or" would join the first of them to the words before.
        if (t.kind == Tok::lparen) {
          std::size_t r = i + 1;
          for (int open = 1; r < e; ++r) {
            if (toks_[r].kind == Tok::lparen) ++open;
            if (toks_[r].kind == Tok::rparen && --open == 0) break;
          }
          bool alternatives = false;
          for (std::size_t x = i + 1, d = 0; x < r && r < e; ++x) {
            if (toks_[x].kind == Tok::lparen) ++d;
            if (toks_[x].kind == Tok::rparen && d > 0) --d;
            alternatives = alternatives || (d == 0 && (toks_[x].kind == Tok::or_ || toks_[x].kind == Tok::and_or));
          }
          if (alternatives) {
            const std::size_t mark = diags_.size();
            auto sub = sequence(i + 1, r, depth + 1);
            // Only comparisons on lexicon measures, which define the thing before them; events in parentheses
            // ("Cardiovascular disease (heart failure, myocardial infarction or stroke)") name its kinds.
            if (sub && engine::fully_resolved(*sub) && !contains_has(*sub) && std::holds_alternative<engine::Any>(sub->kind)) {
              push_typed(std::move(*sub), t.begin, toks_[r].end);
              i = r + 1;
              continue;
            }
            diags_.resize(mark);
          }
          // "Cardiovascular disease (heart failure, myocardial infarction, stroke)": the kinds of the event before
          // the parentheses, listed; any of them is it, whatever the section reads lists as.
          if (r < e && !items.empty() && !items.back().text && pending == Conn::none && is_has(items.back().node) &&
              last_event) {
            const auto* head = lexicon_.find(std::get<engine::Has>(items.back().node.kind).concept_id);
            const std::size_t mark = diags_.size();
            // (Read as alternatives, whatever the section: a list of an inclusion with no closing connector is
            // otherwise kept as text.)
            const ListReading section_lists = lists_;
            lists_ = ListReading::any;
            auto sub = head ? sequence(i + 1, r, depth + 1) : std::nullopt;
            lists_ = section_lists;
            std::vector<const Node*> kinds;
            bool all_kinds = sub && engine::fully_resolved(*sub);
            if (all_kinds) {
              auto collect = [&](const Node& n, auto&& self) -> void {
                if (const auto* h = std::get_if<engine::Has>(&n.kind)) {
                  const auto* c = lexicon_.find(h->concept_id);
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
              const bool head_active = active || head_says_active(*last_event) ||
                                       std::get<engine::Has>(items.back().node.kind).status == "active";
              for (const Node* k : kinds) {
                alternatives.push_back(*k);
                if (head_active) std::get<engine::Has>(alternatives.back().kind).status = "active";
              }
              items.back().node = engine::make_any(std::move(alternatives), {items.back().begin, toks_[r].end});
              items.back().end = toks_[r].end;
              i = r + 1;
              continue;
            }
            diags_.resize(mark);
            // "dementia (infection, vascular, hematological diseases)", "disease/injury (scoliosis, kyphosis, or
            // lordosis)": other conditions listed in parentheses may be the condition's examples, kinds or causes,
            // not more conditions the patient must have beside it; the condition and its parentheses are one text.
            if (sub && head->kind == engine::ConceptKind::condition && lists_conditions(*sub)) {
              items.back().text = true;
              items.back().end = toks_[r].end;
              i = r + 1;
              continue;
            }
          }
          if (alternatives && r < e)
            if (auto group = grouped_alternatives(i, r, depth, items, conns, pending)) {  // (lower_grouped.cpp)
              push_typed(std::move(*group), t.begin, toks_[r].end);
              i = r + 1;
              continue;
            }
          ++i;
          continue;
        }
        if (loose_preposition(i, e)) { unknown(i); ++i; continue; }
        // "Scheduled for open thoracotomy": right after words the grammar could not read, the phrase
        // is theirs, not a condition on the typed parts before them.
        if (!items.empty() && items.back().text && !items.back().orphan && pending == Conn::none) { unknown(i); ++i; continue; }
        return whole_text();  // a condition the grammar cannot read changes what the rest means
      }
      case Tok::within: case Tok::ahead: {
        engine::Amount w;
        std::string bef;
        if (auto j = window(i, e, w, bef)) {
          // A window after a plan word looks ahead too ("planning pregnancy within 6 months"); one ahead
          // names no event it counts back from.
          const bool ahead = t.kind == Tok::ahead || i == plan_window_;
          if (ahead && !ahead_of_entry(i, *j, bef)) return whole_text();
          if (ahead) bef.clear();  // counted from the moment of matching, as the reference date is
          if (!take_window(i, w, bef, *j, ahead)) return whole_text();
          i = *j;
          continue;
        }
        unknown(i); ++i; continue;
      }
      case Tok::quantity: case Tok::cmp: case Tok::between: case Tok::relative: case Tok::name: {
        if (t.kind != Tok::name || is_measured(i)) {
          // (The comparison is built in a spare item after the others, which becomes its item where one is read and
          // is dropped where none is: a Cmp built apart was moved into the list with its strings.)
          const std::size_t count = items.size();
          Node& n = items.emplace_back().node;
          if (auto j = comparison(i, e, n)) {
            // "≥20 and ≤80 years of age": a threshold before it, joined to it, shares its variable.
            // ("Cr > 1.4 or GFR < 60": a threshold right after unread words is theirs where the next
            // comparison names its own variable; "Infant ≥1 and ≤6 months of age" shares the age.)
            const bool orphan_named = count >= 2 && items[count - 2].text && conns[count - 2] == Conn::none &&
                                      t.kind == Tok::name;
            if (count > 0 && items[count - 1].orphan && !orphan_named &&
                (pending == Conn::and_ || pending == Conn::or_)) {
              Item& orphan = items[count - 1];
              if (auto shared = shared_cmp(n, *orphan.threshold, orphan.begin, orphan.end)) {
                orphan = Item{std::move(*shared), false, orphan.begin, orphan.end};
              }
            }
            // (Placed as push_typed places an item.)
            if (count > 0) conns.push_back(pending);
            pending = Conn::none;
            text_has_or.push_back(false);
            items.back().begin = t.begin;
            items.back().end = toks_[*j - 1].end;
            i = *j;
            continue;
          }
          items.pop_back();
        }
        if (t.kind != Tok::name) {
          Threshold th;
          if (auto j = bare_threshold(i, e, th)) {
            const auto end = toks_[*j - 1].end;
            // "age ≥18 and < 65 years": the variable of the comparison before it.
            if (!items.empty() && !items.back().text && pending != Conn::none && pending != Conn::slash) {
              if (auto shared = shared_cmp(items.back().node, th, t.begin, end)) {
                push_typed(std::move(*shared), t.begin, end);
                i = *j;
                continue;
              }
            }
            Item orphan{Node{}, true, t.begin, end, true, std::make_unique<Threshold>(th)};
            push(std::move(orphan));
            i = *j;
            continue;
          }
        }
        // A time before an event: "<4 weeks before enrollment", "four weeks received radiotherapy".
        std::size_t j = i;
        if (toks_[j].kind == Tok::cmp && (toks_[j].cmp == engine::Comparator::lt || toks_[j].cmp == engine::Comparator::le)) ++j;
        if (j < e && toks_[j].kind == Tok::quantity && is_time_unit(toks_[j].quantity.unit)) {
          const engine::Amount w{toks_[j].quantity.value, toks_[j].quantity.unit};
          const std::size_t k = skip_neutral(j + 1, e);
          if (k < e && toks_[k].kind == Tok::before) {
            std::string bef;
            const std::size_t after_ref = reference_event(k + 1, e, bef);
            if (!take_window(i, w, bef, after_ref)) return whole_text();
            i = after_ref;
            continue;
          }
          // ("a 2-year history of diabetes": a duration glued to its noun is how long, not how recent.)
          const Quantity& q = toks_[j].quantity;
          const bool glued = !q.unit_spelling.empty() && text_[q.unit_begin] == '-';
          if (k < e && j == i && is_event(k) && !glued) {
            pending_within = w;
            pending_before.clear();
            i = k;
            continue;
          }
        }
        if (is_event(i) || (t.kind == Tok::name && t.entry->kind == engine::ConceptKind::biomarker)) {
          // "Chemotherapy-naïve", "insulin naive": never had it.
          if (const std::size_t n = naive_after(i, e); n != 0) {
            push(Item{engine::make_not(has(*t.entry, t.begin, toks_[n - 1].end), {t.begin, toks_[n - 1].end}), false,
                      t.begin, toks_[n - 1].end});
            last_event = i;
            i = n;
            continue;
          }
          if (!items.empty() && pending == Conn::none && !items.back().text && is_has(items.back().node) &&
              lexicon_.is_a(std::get<engine::Has>(items.back().node.kind).concept_id, t.entry->id)) {
            ++i;  // "hepatitis B virus (HBV)", "HCV infection": the same concept or a wider one
            continue;
          }
          // "Active infection of hepatitis B": the generic head before it is a modifier, not an event.
          std::uint32_t from = t.begin;
          if (!items.empty() && pending == Conn::none && !items.back().text && is_has(items.back().node) && last_event) {
            const auto* head = lexicon_.find(std::get<engine::Has>(items.back().node.kind).concept_id);
            if (head && names_kind_of(*head, *t.entry)) {
              active = active || head_says_active(*last_event);
              from = items.back().begin;
              items.pop_back();
              if (!conns.empty()) { pending = conns.back(); conns.pop_back(); }
              text_has_or.pop_back();
            }
          }
          const engine::Concept* qualified_entry = nullptr;  // "chronic neck/back pain": see qualifier_reaches
          bool name_unread = false;
          // "breast or ovarian cancer", "type 1 or type 2 diabetes": the words before "or" name the same kind of
          // thing with the last words left out; read there only where the lexicon names the whole.
          // (Only where nothing unread follows the name: "hip or knee arthroplasty in the dominant limb" may
          // qualify both.)
          const std::size_t after_name = skip_neutral(i + 1, e);
          const bool name_ends = after_name >= e || toks_[after_name].kind == Tok::comma ||
                                 toks_[after_name].kind == Tok::and_ || toks_[after_name].kind == Tok::or_ ||
                                 toks_[after_name].kind == Tok::semicolon || toks_[after_name].kind == Tok::within ||
                                 toks_[after_name].kind == Tok::ahead;
          if (!items.empty() && items.back().text && !items.back().orphan &&
              (pending == Conn::or_ || pending == Conn::slash || pending == Conn::and_) && from == t.begin && name_ends) {
            if (auto elided = elided_heads(items.back().begin, items.back().end, i)) {
              const QualifiedName q = qualifier_reaches(items.back().begin, items.back().end, i);
              qualified_entry = q.entry;
              name_unread = q.qualified && !q.entry;
              items.back().node = std::move(*elided);
              items.back().text = false;
              // "breast and ovarian cancer", "hip and knee replacement": kinds of one thing named together are
              // each a kind the criterion means (as "type 1 and 2 diabetes"), not one patient with both. (Not
              // at the end of a comma list, whose last connector says how the whole list is read.)
              if (pending == Conn::and_ && (conns.empty() || conns.back() != Conn::comma)) pending = Conn::or_;
              if (active)
                for_each_listed_has(items.back().node, [](engine::Has& h) { h.status = "active"; });
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
          bool positive = positive_at(i + 2);
          for (std::size_t x = i; x > 0 && x + 3 > i && !positive;) positive = positive_at(--x);
          const bool tested = followed && (one_of(next, test_words) || (condition && iequals(next, "status"))) && !positive;
          if (treated || tested) {
            unknown(i);
            unknown(i + 1);
            i += 2;
            continue;
          }
          if (name_unread) {  // "chronic neck/back pain" and no "chronic back pain" in the lexicon
            unknown(i);
            ++i;
            continue;
          }
          // (Built in its item: placed first, as push_typed would place it.)
          Node& h = place_typed(from, t.end);
          has_into(h, qualified_entry ? *qualified_entry : *t.entry, from, t.end);
          auto& hv = std::get<engine::Has>(h.kind);
          if (active) hv.status = "active";
          active_used = active_used || active;
          if (pending_within) { hv.within = pending_within; hv.before = pending_before; pending_used = true; }
          last_event = i;
          ++i;
          continue;
        }
        unknown(i);
        // A comparator that found no variable takes its number with it: never re-read alone.
        if (t.kind == Tok::cmp && i + 1 < e && toks_[i + 1].kind == Tok::quantity) unknown(++i);
        ++i;
        continue;
      }
      case Tok::sex_female: case Tok::sex_male:
        // "Pregnant or nursing women": the word names who has the condition, not a requirement.
        if (!items.empty() && !items.back().text && contains_has(items.back().node)) { ++i; continue; }
        // "Women who are pregnant", "Men with hypertension": at the head of the piece, joined by
        // words to an event, the sex is a requirement beside it.
        if (items.empty() && depth == 0 && i == sequence_begin_) {
          const std::size_t k = skip_neutral(i + 1, e);
          // "Male", "Female patients", "Women < 18 years old", "Males aged 18 to 45": the sex alone, or
          // before a threshold on the people it names, is a requirement of its own.
          // "Male, aged 18 years or older": the sex as an item of its own list.
          const bool alone_or_threshold =
              k >= e || toks_[k].kind == Tok::cmp || toks_[k].kind == Tok::quantity || toks_[k].kind == Tok::between ||
              toks_[k].kind == Tok::comma || toks_[k].kind == Tok::semicolon ||
              (is_measured(k) && toks_[k].entry->id == "age");
          if (alone_or_threshold) {
            push_typed(Node{engine::Sex{t.kind == Tok::sex_female ? "female" : "male"}, {t.begin, t.end}}, t.begin, t.end);
            pending = Conn::and_;
            ++i;
            continue;
          }
          if (k > i + 1 && k < e && is_event(k)) {
            push_typed(Node{engine::Sex{t.kind == Tok::sex_female ? "female" : "male"}, {t.begin, t.end}}, t.begin, t.end);
            pending = Conn::and_;
            ++i;
            continue;
          }
        }
        // "Aged > 20 years old female patients": after the comparisons of the piece, to its end, the sex of the
        // people they are about is a requirement beside them.
        if (!items.empty() && !items.back().text && !contains_has(items.back().node) && pending == Conn::none && depth_before(i) == 0) {
          std::size_t k = i + 1;
          while (k < e && (toks_[k].kind == Tok::subject || neutral(k))) ++k;
          if (k >= e) {
            connector(Conn::and_);
            push_typed(Node{engine::Sex{t.kind == Tok::sex_female ? "female" : "male"}, {t.begin, t.end}}, t.begin, t.end);
            i = k;
            continue;
          }
        }
        unknown(i); ++i; continue;
      default:
        // "ASAI, ASAII, ASAIII": classes glued to their score's abbreviation (a word ending in a roman
        // numeral's last letter, I or V; no Node is built for the other words).
        if (t.kind == Tok::word && (text_[t.end - 1] == 'I' || text_[t.end - 1] == 'V')) {
          Node classes;
          if (auto j = glued_classes(i, e, classes)) {
            push_typed(std::move(classes), t.begin, toks_[*j - 1].end);
            i = *j;
            continue;
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
        if (t.kind == Tok::filler && !items.empty() && !items.back().text && pending == Conn::none &&
            (slice(t.begin, t.end) == "with" || clause_names_event())) {
          connector(Conn::and_);
          ++i;
          continue;
        }
        // "acute myeloid leukemia (AML) according to the revised WHO criteria in 2016": how a diagnosis is
        // made, not another condition; the event stands, the qualifier is noted.
        if (t.kind == Tok::word && t.end - t.begin == 9 && iequals(slice(t.begin, t.end), "according") && i + 1 < e &&
            iequals(slice(toks_[i + 1].begin, toks_[i + 1].end), "to") && !items.empty() && !items.back().text &&
            is_has(items.back().node) && pending == Conn::none) {
          std::size_t j = i + 2;
          while (j < e && toks_[j].kind != Tok::comma && toks_[j].kind != Tok::semicolon && toks_[j].kind != Tok::and_ &&
                 toks_[j].kind != Tok::or_ && toks_[j].kind != Tok::and_or && toks_[j].kind != Tok::negation)
            ++j;
          warn(fmt::format("'{}' read as how the diagnosis is made", trim(slice(t.begin, toks_[j - 1].end))), t.begin,
               toks_[j - 1].end);
          items.back().end = toks_[j - 1].end;
          i = j;
          continue;
        }
        // "Diagnosis of UC confirmed by biopsy", "cancer diagnosed by endoscopic biopsy or CT": how the diagnosis was
        // made, not another event the record must hold (a patient with UC and no biopsy on record is still one).
        if (const auto j = !items.empty() && !items.back().text && pending == Conn::none && is_has(items.back().node)
                               ? method_of_diagnosis(i, e)
                               : std::nullopt) {
          warn(fmt::format("'{}' read as how the diagnosis is made", trim(slice(t.begin, toks_[*j - 1].end))), t.begin,
               toks_[*j - 1].end);
          items.back().end = toks_[*j - 1].end;
          i = *j;
          continue;
        }
        if (neutral(i)) { ++i; continue; }
        if (t.kind == Tok::word && last_event && pending != Conn::none && !items.empty() && is_has(items.back().node)) {
          if (const auto* named = elided_event(i, *last_event)) {  // "hepatitis B virus, C virus"
            Node h = has(*named, t.begin, t.end);
            if (active) std::get<engine::Has>(h.kind).status = "active";
            push_typed(std::move(h), t.begin, t.end);
            ++i;
            continue;
          }
        }
        unknown(i); ++i; continue;
    }
  }
  if (items.empty()) return std::nullopt;
  // A window that timed nothing would be lost from the reading: a person reads the piece.
  if (pending_within && !pending_used) return whole_text();
  // (One object returned on every path of this step, so that the tree finish_items made is not moved again.)
  const auto finished = [&] {
    std::optional<Node> read = finish_items(b, e, items, conns, text_has_or);
    if (!read) read = whole_text();
    return read;
  };
  return finished();
}

}  // namespace detail
}  // namespace trialmatch::grammar

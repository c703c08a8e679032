// finish_items' steps whose refusals were made cheaper (grammar/src/lower_criteria_met.cpp, lower_governed_or.cpp):
// each against its old form, kept here as the oracle, on items made from every span of every golden line and of the
// lines the steps are written for.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

struct StepRefusalProbe {
  static void criteria_met(Lowering& l, std::size_t b, std::size_t e, std::vector<Item>& items,
                           std::vector<Conn>& conns, std::vector<bool>& text_has_or) {
    l.criteria_met(b, e, items, conns, text_has_or);
  }
  static void object_across_connector(Lowering& l, std::size_t b, std::size_t e, std::vector<Item>& items,
                                      std::vector<Conn>& conns, std::vector<bool>& text_has_or) {
    l.object_across_connector(b, e, items, conns, text_has_or);
  }
  static bool is_event(const Lowering& l, std::size_t x) { return l.is_event(x); }

  // criteria_met before its refusal was asked per item: a scan of every token of the piece for "criteria" or
  // "criterion" first (the oracle).
  static void criteria_met_old(Lowering& l, std::size_t b, std::size_t e, std::vector<Item>& items,
                               std::vector<Conn>& conns, std::vector<bool>& text_has_or) {
    const auto& toks_ = l.toks_;
    bool criteria = false;
    for (std::size_t x = b; x < e && !criteria; ++x) {
      const std::size_t size = toks_[x].end - toks_[x].begin;
      criteria = (size == 8 || size == 9) && (iequals(l.slice(toks_[x].begin, toks_[x].end), "criteria") ||
                                              iequals(l.slice(toks_[x].begin, toks_[x].end), "criterion"));
    }
    if (!criteria) return;
    for (std::size_t k = 0; k + 1 < items.size(); ++k) {
      if (!items[k].text || items[k + 1].text || conns[k] != Conn::none || text_has_or[k] || !is_has(items[k + 1].node))
        continue;
      const std::size_t first = l.token_at(items[k].begin, b, e), condition = l.token_at(items[k + 1].begin, b, e);
      if (condition >= e || !l.names_condition(condition) || !l.meeting_criteria(b, first, condition)) continue;
      l.warn("criteria", items[k].begin, items[k].end);
      items[k + 1].begin = items[k].begin;
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(k));
      conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(k));
      text_has_or.erase(text_has_or.begin() + static_cast<std::ptrdiff_t>(k));
    }
  }

  // object_across_connector before its refusal was asked per unread phrase: a scan of every token of the piece for
  // a governor first, then the items (the oracle).
  static void object_across_connector_old(Lowering& l, std::size_t b, std::size_t e, std::vector<Item>& items,
                                          std::vector<Conn>& conns, std::vector<bool>& text_has_or) {
    const auto& toks_ = l.toks_;
    const auto slice = [&](std::uint32_t from, std::uint32_t to) { return l.slice(from, to); };
    static constexpr std::string_view firsts[] = {"owing", "interfere", "interferes", "interfering"};
    static constexpr std::string_view seconds[] = {"to", "with"};
    const auto plain = [&](std::size_t x) {
      const Tok k = toks_[x].kind;
      return k == Tok::word || k == Tok::filler || k == Tok::guard || k == Tok::range_to;
    };
    bool governor = false;
    for (std::size_t x = b; x < e && !governor; ++x) {
      const std::size_t size = toks_[x].end - toks_[x].begin;
      governor = toks_[x].kind == Tok::related ||
                 ((size == 3 || size == 5 || size >= 9) && plain(x) &&
                  (iequals(slice(toks_[x].begin, toks_[x].end), "for") ||
                   one_of(slice(toks_[x].begin, toks_[x].end), firsts)));
    }
    if (!governor) return;
    for (std::size_t k = 0; k + 1 < items.size(); ++k) {
      if (items[k].orphan || (!items[k].text && engine::partly_typed(items[k].node))) continue;
      std::size_t last = k;
      while (last + 1 < items.size() && conns[last] == Conn::none) ++last;
      if (last + 1 >= items.size() || (conns[last] != Conn::or_ && conns[last] != Conn::and_)) continue;
      if (slice(items[last].end, items[last + 1].begin).find_first_of(",;:") != std::string_view::npos) continue;
      bool governed = false, object = false;
      for (std::size_t x = l.token_at(items[k].begin, b, e); x < e && toks_[x].end <= items[last].end; ++x) {
        const std::string_view w = slice(toks_[x].begin, toks_[x].end);
        const bool governs =
            toks_[x].kind == Tok::related ||
            (plain(x) &&
             ((iequals(w, "for") &&
               !(x + 1 < e && (toks_[x + 1].kind == Tok::quantity || toks_[x + 1].kind == Tok::cmp))) ||
              (one_of(w, seconds) && x > 0 && toks_[x - 1].begin >= items[k].begin && plain(x - 1) &&
               one_of(slice(toks_[x - 1].begin, toks_[x - 1].end), firsts))));
        if (governs) {
          governed = true;
          object = false;
        } else if (governed && (plain(x) || toks_[x].kind == Tok::name || toks_[x].kind == Tok::other)) {
          object = object || !(plain(x) && one_of(w, firsts));
        }
      }
      if (!governed || !object) continue;
      std::size_t m = last + 1;
      while (m + 1 < items.size() && conns[m] == Conn::none) ++m;
      bool names = false;
      for (std::size_t x = l.token_at(items[last + 1].begin, b, e); x < e && toks_[x].end <= items[m].end && !names;
           ++x) {
        if (toks_[x].kind == Tok::cmp || toks_[x].kind == Tok::quantity) break;
        names = toks_[x].kind == Tok::name && !engine::is_measured(toks_[x].entry->kind);
      }
      for (std::size_t x = last + 1; x <= m && !names; ++x) names = !items[x].text && contains_has(items[x].node);
      if (!names) continue;
      join_items(items, conns, text_has_or, k, m);
      items[k].text = true;
      text_has_or[k] = true;
    }
  }
};

}  // namespace trialmatch::grammar::detail

namespace {

using g::Tok;
using g::detail::Conn;
using g::detail::Item;
using g::detail::Lowering;
using g::detail::StepRefusalProbe;

struct Piece {
  std::vector<Item> items;
  std::vector<Conn> conns;
  std::vector<bool> text_has_or;
};

// Items as the sequence walk leaves them, made from the tokens [b, e): a connector token ("and", "or", a comma, a
// slash) ends an item and joins it to the next; between them, every event token is an item of its own (a Has), and
// the runs of other tokens unread items glued to them. `or_flags` marks every other unread item as holding an "or".
Piece items_of(const Lowering& l, const std::vector<g::Token>& toks, std::size_t b, std::size_t e, bool or_flags) {
  Piece p;
  bool open_text = false;
  Conn pending = Conn::none;
  const auto start = [&](Item&& item) {
    if (!p.items.empty()) p.conns.push_back(pending);
    pending = Conn::none;
    p.text_has_or.push_back(or_flags && item.text && p.items.size() % 2 == 0);
    p.items.push_back(std::move(item));
  };
  for (std::size_t x = b; x < e; ++x) {
    const Tok k = toks[x].kind;
    const Conn c = k == Tok::and_ ? Conn::and_ : k == Tok::or_ ? Conn::or_ : k == Tok::comma ? Conn::comma
                   : k == Tok::slash ? Conn::slash : Conn::none;
    if (c != Conn::none) {
      if (!p.items.empty()) pending = c;
      open_text = false;
      continue;
    }
    if (StepRefusalProbe::is_event(l, x)) {
      e::Has h;
      h.concept_id = std::string(toks[x].entry->id);
      start(Item(e::Node{std::move(h), {toks[x].begin, toks[x].end}}, false, toks[x].begin, toks[x].end));
      open_text = false;
    } else if (open_text && pending == Conn::none) {
      p.items.back().end = toks[x].end;
    } else {
      start(Item(e::Node{}, true, toks[x].begin, toks[x].end));
      open_text = true;
    }
  }
  return p;
}

std::string described(const Piece& p, const e::Diagnostics& diags) {
  std::string out;
  for (std::size_t k = 0; k < p.items.size(); ++k) {
    out += (p.items[k].text ? "text " : "node ") + std::to_string(p.items[k].begin) + "-" +
           std::to_string(p.items[k].end) + (p.text_has_or[k] ? " or" : "") + (g::detail::is_has(p.items[k].node) ? " has" : "");
    if (k < p.conns.size()) out += " conn" + std::to_string(static_cast<int>(p.conns[k]));
    out += "; ";
  }
  return out + std::to_string(diags.size()) + " warnings";
}

using Step = void (*)(Lowering&, std::size_t, std::size_t, std::vector<Item>&, std::vector<Conn>&, std::vector<bool>&);

// Every span of up to 14 tokens of the line, its items made with and without or-flags: the step against its old form.
// Returns how many spans the step changed.
int check_line(const std::string& text, Step step, Step oracle) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  e::Diagnostics new_diags, old_diags;
  Lowering fast(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, new_diags);
  Lowering old(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, old_diags);
  int changed = 0;
  for (std::size_t b = 0; b < tokens.size(); ++b)
    for (std::size_t end = b + 1; end <= tokens.size() && end <= b + 14; ++end)
      for (const bool or_flags : {false, true}) {
        Piece a = items_of(fast, tokens, b, end, or_flags), o = items_of(old, tokens, b, end, or_flags);
        new_diags.clear();
        old_diags.clear();
        const std::string before = described(a, new_diags);
        step(fast, b, end, a.items, a.conns, a.text_has_or);
        oracle(old, b, end, o.items, o.conns, o.text_has_or);
        CAPTURE(text);
        CAPTURE(b);
        CAPTURE(end);
        const std::string after = described(a, new_diags);
        CHECK(after == described(o, old_diags));
        changed += after != before ? 1 : 0;
      }
  return changed;
}

int check_all(Step step, Step oracle, std::initializer_list<const char*> written_for) {
  int changed = 0;
  for (const char* line : written_for) changed += check_line(line, step, oracle);
  for (const std::string& line : golden_support::all_criterion_lines()) changed += check_line(line, step, oracle);
  return changed;
}

}  // namespace

TEST_CASE("criteria_met: asked per item, it reads as its scan of the whole piece first did") {
  const int changed = check_all(StepRefusalProbe::criteria_met, StepRefusalProbe::criteria_met_old,
                                {"Meets DSM-5 criteria for anorexia nervosa",
                                 "Subjects diagnosed according to the American College of Rheumatology 2016 diagnostic "
                                 "criteria for fibromyalgia",
                                 "Patients meeting the ACR criteria of rheumatoid arthritis or fibromyalgia",
                                 "fulfilled criterion for depression, does not meet criteria for asthma"});
  // (The lines it is written for are read: the comparison is not of refusals alone.)
  CHECK(changed > 20);
}

TEST_CASE("object_across_connector: asked per unread phrase, it reads as its scan of the whole piece first did") {
  const int changed = check_all(StepRefusalProbe::object_across_connector,
                                StepRefusalProbe::object_across_connector_old,
                                {"Patient currently using any kind of e-device for step count or physical activity",
                                 "Inability to follow procedures due to psychological disorders or dementia",
                                 "any condition that could interfere with study procedures or dementia",
                                 "illness owing to smoking and asthma, treated for 3 months or diabetes",
                                 "Use of a device for glucose monitoring, or insulin pump"});
  CHECK(changed > 20);
}

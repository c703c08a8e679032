#include "tokens.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>
#include <chrono>
#include <cmath>
#include <span>
#include <type_traits>
#include <unordered_set>

#include <tao/pegtl.hpp>

#include "token_kinds.hpp"
#include "token_rules.hpp"
#include "text_span.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar {
namespace {

namespace pegtl = tao::pegtl;
namespace r = rules;

template <class Rule>
using recording_control = TokenRecording::control<Rule>;
template <class R>
constexpr std::uint8_t kind_of = TokenRules::index_of<R>();

// A recorded match with the records under it.
struct Match {
  std::span<const Record> records;
  std::size_t at = 0;
  std::string_view text;

  const Record& rec() const { return records[at]; }
  template <class R>
  bool is() const { return rec().rule == kind_of<R>; }
  std::uint32_t begin() const { return rec().begin; }
  std::uint32_t end() const { return rec().end; }
  std::string_view string_view() const { return text_span(text, begin(), end()); }
  // The records directly under this one, in order.
  template <class F>
  void for_each_child(F&& f) const {
    const auto depth = rec().depth;
    for (std::size_t j = at + 1; j < records.size() && records[j].depth > depth; ++j)
      if (records[j].depth == depth + 1) f(Match{records, j, text});
  }
};

double number_word_value(std::string_view w) {
  static constexpr std::pair<std::string_view, double> words[] = {
      {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7}, {"eight", 8},
      {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"twice", 2}, {"half", 0.5}, {"once", 1}, {"thrice", 3}};
  for (auto [k, v] : words)
    if (equals_lowered(w, k)) return v;
  return 0;
}

double numeral_value(std::string_view s) {
  double v = 0;
  bool has_comma = false;  // (a loop, not find(): numerals are a few bytes, and find() calls memchr)
  for (const char c : s) has_comma |= c == ',';
  if (!has_comma) {  // the digits as written
    // Most numerals are whole numbers of a few digits: summed exactly (below 2^53, as from_chars reads them).
    if (s.size() <= 15) {
      std::uint64_t whole = 0;
      bool digits_only = !s.empty();
      for (const char c : s) {
        digits_only = digits_only && c >= '0' && c <= '9';
        whole = whole * 10 + static_cast<std::uint64_t>(c - '0');
      }
      if (digits_only) return static_cast<double>(whole);
    }
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
  }
  std::string digits;
  // A comma with one or two digits after it is a decimal comma (the grammar reads it so only before a
  // unit); other commas separate thousands.
  const std::size_t comma = s.rfind(',');
  const bool decimal_comma = comma != std::string_view::npos && s.size() - comma - 1 <= 2 && s.find('.') == std::string_view::npos;
  for (char c : s) {
    if (c == ',' && decimal_comma) digits += '.';
    else if (c != ',') digits += c;
  }
  std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return v;
}

int exponent_value(std::string_view s) {
  static constexpr std::string_view supers[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  int v = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      v = v * 10 + (c - '0');
      ++i;
      continue;
    }
    bool super = false;
    for (int d = 0; d < 10; ++d)
      if (tail_from(s, i).starts_with(supers[d])) {
        v = v * 10 + d;
        i += supers[d].size();
        super = true;
        break;
      }
    if (!super) ++i;
  }
  return v;
}

// "34 6/7 weeks" is 34 weeks and 6 days: exactly 244 days (a decimal of weeks would not be exact). The
// notation is of weeks: with no unit written it is weeks (the weeks follow the other end of its range,
// "16 0/7 to 22 0/7 weeks"); with another unit, or a fraction of a week before it, it is not read.
void read_week_days(Quantity& q, int days) {
  if (q.unit.empty() && !q.unit_unknown && q.ten_power == 0 && q.relative_to == engine::RelativeTo::none) q.unit = "wk";
  if (q.unit != "wk" || !(q.value >= 0 && q.value <= 100) || q.value != std::floor(q.value) || q.plus) {
    q.unit_unknown = true;
    return;
  }
  if (days == 0) return;
  q.value = q.value * 7 + days;
  q.unit = "d";
}

// "2 times higher than normal", "3 times above the ULN": the multiple says its comparison itself.
bool says_above(std::string_view limit) {
  std::string lower(limit);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("higher than") != std::string::npos || lower.find("greater than") != std::string::npos ||
         lower.find("above") != std::string::npos;
}

// Into `out`, a default Quantity (the token's own, written in place: no Quantity made and copied). `state`: the
// line's, with the units its rule noted.
void read_quantity(const Match& q, const GrammarState& state, Quantity& out) {
  std::string_view unit_text;
  int week_days = -1;  // "33+6 weeks", "34 6/7 weeks": the days after the completed weeks
  bool times_word = false;  // "twice daily": the period alone is the unit
  bool half = false;        // "half a year": half of one period, no rate
  q.for_each_child([&](const Match& child) {
    if (child.is<r::numeral>()) out.value = numeral_value(child.string_view());
    else if (child.is<r::gestation_days>()) {
      for (char c : child.string_view())
        if (c >= '0' && c <= '6') { week_days = c - '0'; break; }
    }
    else if (child.is<r::number_word>() || child.is<r::count_word>()) {
      out.value = number_word_value(child.string_view());
      // "twice", "once", "thrice" count times themselves: "twice daily" is 2 /d.
      const std::string_view w = child.string_view();
      times_word = child.is<r::count_word>() || equals_lowered(w, "twice");
      half = equals_lowered(w, "half");
    }
    else if (child.is<r::plus_sign>()) out.plus = true;
    else if (child.is<r::exponent>()) out.ten_power = exponent_value(child.string_view());
    else if (child.is<r::relative_limit>()) {
      out.relative_to = engine::RelativeTo::uln;  // "3 times normal" names no limit: its upper one
      child.for_each_child([&](const Match& lim) {
        if (lim.is<r::lln>()) out.relative_to = engine::RelativeTo::lln;
      });
      out.above = says_above(child.string_view());
      out.unit_begin = child.begin();
      out.unit_end = child.end();
    } else if (child.is<r::ratio_to_one>()) {
      unit_text = {};
      out.unit = "1";
      out.unit_spelling = child.string_view();
      out.unit_begin = child.begin();
      out.unit_end = child.end();
    } else if (child.is<r::unit_spelling>()) {
      unit_text = child.string_view();
      out.unit_begin = child.begin();
      out.unit_end = child.end();
    }
  });
  if (!unit_text.empty()) {
    if (unit_text.front() == '-') unit_text.remove_prefix(1);  // "6-month"
    out.unit_spelling = unit_text;
    // (Where the rule noted these bytes' unit as it read them, that is resolve_unit's answer for the spelling: the
    // same bytes, less the same hyphen.)
    const std::optional<std::string_view> noted = state.unit_noted(out.unit_begin, out.unit_end);
    if (auto u = !noted ? resolve_unit(unit_text, out.ten_power)
                        : out.ten_power == 0 ? noted : unit_with_ten_power(*noted, out.ten_power))
      out.unit = *u;
    else if (auto f = times_word ? frequency_unit(unit_text, true) : std::nullopt) out.unit = kept(*f);
    else out.unit_unknown = true;
    // "within half a year", "half an hour": "a" here is one, not "per"; the period is the unit.
    const bool one_period = unit_text.starts_with("a ") || unit_text.starts_with("an ") ||
                            unit_text.starts_with("A ") || unit_text.starts_with("An ");
    if (half && one_period && out.unit.size() > 1 && out.unit.front() == '/' && is_time_unit(tail_from(out.unit, 1)))
      out.unit.remove_prefix(1);
  } else if (out.ten_power != 0) {
    out.unit_unknown = true;  // "100 × 10^9" with no unit after it
  }
  if (week_days >= 0) read_week_days(out, week_days);
}

// "2019-01-01", "1st of january 2000", "January 1, 2014", "June 2016" (r::day_date, r::month_date): the
// first and last day it covers; false where the day does not exist ("31 June 2016").
bool read_calendar_date(std::string_view s, Token& t) {
  static constexpr std::string_view months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                "jul", "aug", "sep", "oct", "nov", "dec"};
  int year = 0, month = 0, day = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c)) {
      std::size_t j = i;
      int v = 0;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) v = v * 10 + (s[j++] - '0');
      if (j - i == 4) year = v;
      else if (j - i == 2 && year != 0 && month == 0 && s[i - 1] == '-') month = v;  // ISO: year-month-day
      else day = v;
      i = j;
    } else if (std::isalpha(c) && month == 0 && i + 3 <= s.size()) {
      // (Lower-cased as it is compared: no copy of the three bytes.)
      const std::string_view head = text_span(s, i, i + 3);
      const auto same_lowered = [](char x, char lowered) { return std::tolower(static_cast<unsigned char>(x)) == lowered; };
      for (std::size_t m = 0; m < 12; ++m)
        if (std::equal(head.begin(), head.end(), months[m].begin(), same_lowered)) month = static_cast<int>(m) + 1;
      while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    } else {
      ++i;
    }
  }
  using namespace std::chrono;
  if (year == 0 || month < 1 || month > 12) return false;
  const year_month ym{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)}};
  if (day == 0) {
    t.first_day = sys_days{ym / 1};
    t.last_day = sys_days{ym / last};
    return true;
  }
  const year_month_day ymd{ym / std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return false;
  t.first_day = t.last_day = sys_days{ymd};
  return true;
}

// What the steps after reading need to know of a line's tokens (counted where those kinds are read, so
// that other tokens pay nothing for the count).
struct TokenCounts {
  std::size_t quantities = 0, parentheses = 0;  // Tok::quantity, Tok::lparen
};
// The indexes of the first '(' tokens and quantities, in order (all of them where the count is no more than
// their room): the steps that read what parentheses hold visit these, and the joins look there first, not at
// every token. Only the first `count` of each are written (apart from TokenCounts, so that read_tokens returns
// the counts in registers and makes no room here).
struct NotedTokens {
  static constexpr std::size_t room = 8;
  std::array<std::uint32_t, room> lparen_at;
  std::array<std::uint32_t, room> quantity_at;
};

// The rest of a quantity, date or relative limit token of records[at], whose kind, comparator and bytes `t` has
// already: what the records under it say (the match with those is made only here). Out of line: one token in
// twenty is read here, and inlined into read_tokens its frame and spills cost every line and its loop registers.
[[gnu::noinline]] void read_from_records(std::span<const Record> records, std::size_t at, const GrammarState& state, Token& t) {
  const std::string_view text = state.text;
  const Record& rec = records[at];
  const auto n = [&] { return Match{records, at, text}; };
  switch (rec.rule) {
    case kind_of<r::quantity>:
      read_quantity(n(), state, t.quantity);  // (t.quantity is the blank token's: a default Quantity)
      break;
    case kind_of<r::day_date>: case kind_of<r::month_date>:
      if (!read_calendar_date(n().string_view(), t)) t.kind = Tok::word;
      break;
    case kind_of<r::relative_limit>:
      t.quantity.value = 1;
      t.quantity.relative_to = engine::RelativeTo::uln;
      n().for_each_child([&](const Match& lim) {
        if (lim.is<r::lln>()) t.quantity.relative_to = engine::RelativeTo::lln;
      });
      break;
    default: break;
  }
}

// How many of the smaller time unit make one of the larger, where that is a whole number by definition
// (UCUM: a = 12 mo; wk = 7 d); 0 otherwise (a month is not a whole number of days).
int smaller_units_in(std::string_view larger, std::string_view smaller) {
  static constexpr struct { std::string_view larger, smaller; int count; } exact[] = {
      {"a", "mo", 12}, {"wk", "d", 7}, {"d", "h", 24}, {"h", "min", 60}, {"min", "s", 60}};
  for (const auto& x : exact)
    if (x.larger == larger && x.smaller == smaller) return x.count;
  return 0;
}

bool whole(double v) { return v >= 0 && v <= 1000 && v == std::floor(v); }

// "progressive supranuclear palsy (PSP)", "latent autoimmune diabetes in adults (LADA)": a name followed by
// its initials in parentheses says nothing more than the name. The initials become filler (an abbreviation the lexicon lists is a name token and is read as the name already; one it leaves
// out, "AD", "PSP", is read here only right after the words it abbreviates).
bool initials_of(std::string_view acronym, std::string_view name) {
  static constexpr std::string_view small[] = {"of", "in", "the", "and", "with", "for", "to", "on", "or"};
  std::size_t a = 0;
  for (std::size_t p = 0; p < name.size();) {
    while (p < name.size() && !std::isalnum(static_cast<unsigned char>(name[p]))) ++p;
    std::size_t q = p;
    while (q < name.size() && std::isalnum(static_cast<unsigned char>(name[q]))) ++q;
    if (q == p) break;
    const std::string_view word = text_span(name, p, q);
    p = q;
    if (word.size() == 1 && (word[0] == 's' || word[0] == 'S') && q > 1 && name[q - 2] == '\'') continue;  // "Alzheimer's"
    const char initial = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    if (a < acronym.size() && std::toupper(static_cast<unsigned char>(acronym[a])) == initial) {
      ++a;
      continue;
    }
    bool skip = false;
    for (auto w : small)
      if (word.size() == w.size() && std::equal(w.begin(), w.end(), word.begin(), [](char x, char y) {
            return x == std::tolower(static_cast<unsigned char>(y));
          }))
        skip = true;
    if (!skip) return false;
  }
  return a == acronym.size();
}

// Whether toks[i] is a '(' that holds the initials of the name before it (1 <= i, i + 2 < toks.size()); if so,
// the initials become filler.
bool initials_as_filler_at(std::vector<Token>& toks, std::size_t i, std::string_view text) {
  if (toks[i].kind != Tok::lparen || toks[i - 1].kind != Tok::name || toks[i + 1].kind != Tok::word ||
      toks[i + 2].kind != Tok::rparen)
    return false;
  const std::string_view acronym = text_span(text, toks[i + 1].begin, toks[i + 1].end);
  // Two to six capitals (and no other letters), the first a capital: "AD", "LADA", not "(the)".
  std::size_t capitals = 0;
  bool letters_only_capitals = acronym.size() >= 2 && acronym.size() <= 6;
  for (char c : acronym) {
    if (c >= 'A' && c <= 'Z') ++capitals;
    else letters_only_capitals = false;
  }
  if (!letters_only_capitals || capitals < 2) return false;
  const std::string_view name = text_span(text, toks[i - 1].begin, toks[i - 1].end);
  if (!initials_of(acronym, name)) return false;
  toks[i + 1].kind = Tok::filler;
  return true;
}

// "> 90 beats/minute (min)", "2 hours (hr)", "-10 diopters (D)": the unit's word restated by its abbreviation in
// parentheses says nothing more. The abbreviation (letters only, at most four) starts with the word's first letter
// and its letters come in the word's order; it becomes filler. Anything else in the parentheses is read as before.
bool abbreviates(std::string_view abbr, std::string_view word) {
  if (abbr.empty() || abbr.size() > 4 || word.size() < abbr.size()) return false;
  std::size_t w = 0;
  for (std::size_t a = 0; a < abbr.size(); ++a) {
    const auto c = static_cast<unsigned char>(abbr[a]);
    if (!std::isalpha(c)) return false;
    while (w < word.size() && std::tolower(static_cast<unsigned char>(word[w])) != std::tolower(c)) {
      if (a == 0) return false;  // the first letters agree
      ++w;
    }
    if (w == word.size()) return false;
    ++w;
  }
  return true;
}

// Whether toks[i] is a '(' that holds an abbreviation of the unit's word of the quantity before it (1 <= i,
// i + 2 < toks.size()); if so, the abbreviation becomes filler.
bool unit_abbreviation_as_filler_at(std::vector<Token>& toks, std::size_t i, std::string_view text) {
  if (toks[i].kind != Tok::lparen || toks[i - 1].kind != Tok::quantity || toks[i - 1].quantity.unit.empty() ||
      toks[i + 2].kind != Tok::rparen)
    return false;
  const std::string_view quantity = text_span(text, toks[i - 1].begin, toks[i - 1].end);
  std::size_t word_end = quantity.size();  // the last run of letters: the unit's last word
  while (word_end > 0 && !std::isalpha(static_cast<unsigned char>(quantity[word_end - 1]))) --word_end;
  std::size_t word_begin = word_end;
  while (word_begin > 0 && std::isalpha(static_cast<unsigned char>(quantity[word_begin - 1]))) --word_begin;
  if (word_end != quantity.size()) return false;  // the quantity ends in its unit's word
  const std::string_view abbr = text_span(text, toks[i + 1].begin, toks[i + 1].end);
  if (!abbreviates(abbr, text_span(quantity, word_begin, word_end))) return false;
  toks[i + 1].kind = Tok::filler;
  return true;
}

// A reading of what one pair of parentheses holds (the two above), applied at every '(' token from the first
// on, as a scan of every token does: a '(' that it reads skips the two tokens after it. The '(' tokens are
// `noted.lparen_at` where it holds them all (`count` of them, the tokens not moved since), else found by the scan.
template <class ReadAt>
void read_parentheses(std::vector<Token>& toks, std::string_view text, const TokenCounts& counts, const NotedTokens& noted,
                      bool moved, ReadAt read_at) {
  if (!moved && counts.parentheses <= NotedTokens::room) {
    std::size_t next = 1;  // (the scan's i)
    for (std::size_t n = 0; n < counts.parentheses; ++n) {
      const std::size_t i = noted.lparen_at[n];
      if (i < next || i + 2 >= toks.size()) continue;
      if (read_at(toks, i, text)) next = i + 3;
    }
    return;
  }
  for (std::size_t i = 1; i + 2 < toks.size(); ++i)
    if (read_at(toks, i, text)) i += 2;
}

// "23 weeks 6 days", "1 year and 6 months", "2 hours + 30 minutes": one duration written in two units, the
// second fewer than make one of the first. It becomes one quantity in the smaller unit (167 d), exact.
// After "between" an "and" is the range's ("between 1 year and 6 months" is left as written).
void join_compound_durations(std::vector<Token>& toks, std::string_view text) {
  // Compacted in place: toks[0, kept) is the output so far, and a token moves only after a join.
  // Only a quantity starts a join, so every other token costs one test.
  std::size_t kept = 0;
  const std::size_t size = toks.size();
  for (std::size_t i = 0; i < size; ++i) {
    Token& t = toks[i];
    if (t.kind != Tok::quantity) {
      if (kept != i) toks[kept] = std::move(t);
      ++kept;
      continue;
    }
    const bool after_between = kept > 0 && toks[kept - 1].kind == Tok::between;
    std::size_t next = i + 1;
    const bool joined_by_word = next < size && toks[next].kind == Tok::and_ &&
                                text_span(text, toks[next].begin, toks[next].end) == "and";
    const bool joined_by_plus = next < size && toks[next].kind == Tok::other &&
                                text_span(text, toks[next].begin, toks[next].end) == "+";
    if ((joined_by_word && !after_between) || joined_by_plus) ++next;
    if (next < size && toks[next].kind == Tok::quantity) {
      Quantity& a = t.quantity;
      const Quantity& b = toks[next].quantity;
      const int count = smaller_units_in(a.unit, b.unit);
      if (count > 0 && whole(a.value) && whole(b.value) && b.value < count && !a.plus && !b.plus &&
          a.relative_to == engine::RelativeTo::none && b.relative_to == engine::RelativeTo::none) {
        a.value = a.value * count + b.value;
        a.unit = b.unit;
        a.unit_end = b.unit_end;
        a.unit_spelling = text_span(text, a.unit_begin, a.unit_end);
        t.end = toks[next].end;
        if (kept != i) toks[kept] = std::move(t);
        ++kept;
        i = next;
        continue;
      }
    }
    if (kept != i) toks[kept] = std::move(t);
    ++kept;
  }
  toks.erase(toks.begin() + static_cast<std::ptrdiff_t>(kept), toks.end());
}

// "≤-3SD", "< -1 on the RASS", "T-score of -2.5 or lower": a minus sign glued to a number after a comparator
// or a word (a range's word too) is the number's sign; a range's dash follows a number ("2-3", "18 -65").
// Without it the threshold would be read positive.
void join_negative_signs(std::vector<Token>& toks, std::string_view text) {
  // A sign is a "-" or a U+2212 token: a line with neither byte sequence has none to join.
  if (text.find('-') == std::string_view::npos && text.find("\u2212") == std::string_view::npos) return;
  std::size_t kept = 0;
  const std::size_t size = toks.size();
  for (std::size_t i = 0; i < size; ++i) {
    Token& t = toks[i];
    const bool sign = i + 1 < size && kept > 0 && toks[i + 1].kind == Tok::quantity && t.end == toks[i + 1].begin &&
                      (t.kind == Tok::range_to || t.kind == Tok::other) &&
                      (text_span(text, t.begin, t.end) == "-" || text_span(text, t.begin, t.end) == "\u2212");
    const Token* before = kept > 0 ? &toks[kept - 1] : nullptr;
    const bool after_cmp = before && before->kind == Tok::cmp;
    // ("between -6.00 and -0.50", "-1 to -10": a range's word before it, never its dash.)
    const bool after_word = before && before->end < t.begin &&
                            (before->kind == Tok::word || before->kind == Tok::filler || before->kind == Tok::name ||
                             before->kind == Tok::between || before->kind == Tok::and_ || before->kind == Tok::or_ ||
                             (before->kind == Tok::range_to && text_span(text, before->begin, before->end) == "to"));
    // A time is never below zero ("Day -1" has no unit; "-3 months" no window, age or duration).
    if (sign && (after_cmp || after_word) && !toks[i + 1].quantity.plus && toks[i + 1].quantity.value > 0 &&
        !is_time_unit(toks[i + 1].quantity.unit)) {
      Token& q = toks[i + 1];
      q.quantity.value = -q.quantity.value;
      q.begin = t.begin;
      toks[kept++] = std::move(q);
      ++i;
      continue;
    }
    if (kept != i) toks[kept] = std::move(t);
    ++kept;
  }
  toks.erase(toks.begin() + static_cast<std::ptrdiff_t>(kept), toks.end());
}

// Whether, by the quantities read_tokens noted (all of them, the tokens not moved since), a join of either kind
// above may find its tokens, from the joins' own first tests: two quantities next to each other or one token
// apart (join_compound_durations); a quantity after a range's dash or an `other` token that ends where it begins,
// with a token before that (join_negative_signs). True where the quantities were not all noted.
bool compound_may_join(const TokenCounts& counts, const NotedTokens& noted) {
  if (counts.quantities > NotedTokens::room) return true;
  for (std::size_t n = 1; n < counts.quantities; ++n)
    if (noted.quantity_at[n] - noted.quantity_at[n - 1] <= 2) return true;
  return false;
}
bool sign_may_join(const std::vector<Token>& toks, const TokenCounts& counts, const NotedTokens& noted) {
  if (counts.quantities > NotedTokens::room) return true;
  for (std::size_t n = 0; n < counts.quantities; ++n) {
    const std::size_t j = noted.quantity_at[n];
    if (j >= 2 && (toks[j - 1].kind == Tok::range_to || toks[j - 1].kind == Tok::other) && toks[j - 1].end == toks[j].begin)
      return true;
  }
  return false;
}

// A Token as made with no arguments, copied in one block per word (a Token is trivially copyable: a few
// wide moves, where value-initialising it wrote its fields one by one).
constexpr Token blank_token{};
static_assert(std::is_trivially_copyable_v<Token>);

// The tokens of the top-level records, in order, into `out` (empty). Out of line: inlined into tokenize,
// beside the parse's inlined walk and choice, its loop kept its values on the stack.
[[gnu::noinline]] TokenCounts read_tokens(std::span<const Record> records, const GrammarState& state,
                                          std::vector<Token>& out, NotedTokens& noted) {
  // A blank token for every record (at least one record per token), filled in order and the rest cut off: a fill
  // of blanks costs less than a blank's copy and a test of the room per token.
  // (`out` is empty already: cleared here too, so that the compiler knows it, and the assign neither fills elements
  // in place nor divides for the size, a fixed cost of every line.)
  out.clear();
  out.assign(records.size(), blank_token);
  Token* const tokens = out.data();
  Token* t = tokens;
  TokenCounts counts;
  // (A pointer walk: indexing 12-byte records cost a multiply per record.)
  const Record* const first = records.data();
  const Record* const last = first + records.size();
  for (const Record* rec = first; rec != last; ++rec) {
    if (rec->depth != 0) continue;
    t->begin = rec->begin;
    t->end = rec->end;
    const RecordKind& k = record_kinds[rec->rule];
    t->kind = k.kind;
    t->cmp = k.cmp;
    if (k.read_further) [[unlikely]] {  // (record_kinds: the rules whose tokens are read further)
      const auto index = static_cast<std::uint32_t>(t - tokens);
      if (rec->rule == kind_of<r::lparen>) {
        if (counts.parentheses < NotedTokens::room) noted.lparen_at[counts.parentheses] = index;
        ++counts.parentheses;
      } else if (rec->rule == kind_of<r::concept_name>) {
        // The rule found this name already; the state kept which concept it was.
        t->entry = state.name_found_at(t->begin);
        if (!t->entry) t->kind = Tok::word;
      } else {
        read_from_records(records, static_cast<std::size_t>(rec - first), state, *t);
        if (rec->rule == kind_of<r::quantity>) {
          if (counts.quantities < NotedTokens::room) noted.quantity_at[counts.quantities] = index;
          ++counts.quantities;
        }
      }
    }
    ++t;
  }
  // (An erase of the rest, not a resize: the compiler knows it shortens, and writes no path that grows.)
  out.erase(out.begin() + (t - tokens), out.end());
  return counts;
}

// The tokenizer's working vectors, kept per thread so that their capacity serves the next line: lent to the
// line's recorder and state while `in_use` (a nested call makes its own).
struct Scratch {
  std::vector<Record> records;
  NamesFound names_found;
  bool in_use = false;
};
thread_local Scratch scratch;

}  // namespace

std::vector<Token> tokenize(std::string_view text, const engine::Lexicon& lexicon) {
  std::vector<Token> out;
  tokenize(text, lexicon, out);
  return out;
}

struct TokenizerTables {
  phrases::PhraseTrie walk;
  std::size_t first_words = 0;  // the list of the walk that holds the names' first words
  std::vector<const engine::Lexicon::NameBucket*> buckets;  // by first word: the names it begins
};

std::shared_ptr<const TokenizerTables> make_tokenizer_tables(const engine::Lexicon& lexicon) {
  using Index = TokenRecording::memo_index;
  static_assert(Index::count < PhraseMemo::capacity, "no room in PhraseMemo for the list of first words");
  // A name's first word as Lexicon::match_name_at looks it up: the run of ASCII letters and digits that
  // starts it, without case, which must end where the text's word ends (the trie's word boundary).
  // A name that starts with another byte is listed by that byte alone: the walk then finds it wherever
  // that byte is (more than the lookup's first code point, never less), and the lookup decides.
  // Each word once (a set, not a sort: sorting thousands of strings cost more than the trie).
  std::unordered_set<std::string> seen;
  std::vector<std::string_view> words;
  const auto add = [&](std::string w) {
    if (const auto [it, fresh] = seen.insert(std::move(w)); fresh) words.emplace_back(*it);  // node-based: stable
  };
  for (const auto& c : lexicon.concepts())
    for (const auto* spellings : {&c.names, &c.abbreviations})
      for (const std::string& s : *spellings) {
        if (s.empty()) continue;
        if (!rules::is_word_byte(s[0])) {
          add(std::string(1, s[0]));
          continue;
        }
        std::string w;
        for (std::size_t i = 0; i < s.size() && rules::is_word_byte(s[i]); ++i) w += rules::ascii_lower(s[i]);
        add(std::move(w));
      }
  const std::vector<std::string_view>& views = words;
  std::vector<const engine::Lexicon::NameBucket*> buckets;
  buckets.reserve(words.size());
  for (const std::string_view w : words) buckets.push_back(rules::is_word_byte(w[0]) ? lexicon.name_bucket(w) : nullptr);
  return std::make_shared<const TokenizerTables>(TokenizerTables{Index::trie_with(views), Index::count, std::move(buckets)});
}

void tokenize(std::string_view text, const engine::Lexicon& lexicon, std::vector<Token>& out) {
  tokenize(text, lexicon, out, nullptr);
}

namespace {
void tokenize_text(std::string_view text, bool nul_after, const engine::Lexicon& lexicon, std::vector<Token>& out,
                   const TokenizerTables* tables);

// A call made while the thread's scratch is lent (a tokenize within a line's): the lent vectors are put aside, the
// call gets the scratch with vectors of its own, and they are put back after it (the line's recorder and state,
// which point at the scratch, find their own vectors there again).
[[gnu::noinline]] void tokenize_nested(std::string_view text, bool nul_after, const engine::Lexicon& lexicon,
                                       std::vector<Token>& out, const TokenizerTables* tables) {
  Scratch aside;
  std::swap(aside.records, scratch.records);
  std::swap(aside.names_found, scratch.names_found);
  scratch.in_use = false;
  struct PutBack {
    Scratch& aside;
    ~PutBack() {
      std::swap(aside.records, scratch.records);
      std::swap(aside.names_found, scratch.names_found);
      scratch.in_use = true;
    }
  } put_back{aside};
  tokenize_text(text, nul_after, lexicon, out, tables);
}

// `nul_after`: text.data()[text.size()] is a NUL that may be read.
void tokenize_text(std::string_view text, bool nul_after, const engine::Lexicon& lexicon, std::vector<Token>& out,
                   const TokenizerTables* tables) {
  // The thread's scratch is lent to the line's recorder and state, which use its vectors in place (not swapped in
  // and given back): their capacity serves the next line.
  Scratch& lent = scratch;
  if (lent.in_use) [[unlikely]] {
    tokenize_nested(text, nul_after, lexicon, out, tables);
    return;
  }
  lent.in_use = true;
  struct GivenBack {
    Scratch& lent;
    ~GivenBack() { lent.in_use = false; }
  } given_back{lent};
  out.clear();
  GrammarState state{text, &lexicon, lent.names_found};
  if (tables) {
    state.walk = &tables->walk;
    state.first_words = tables->first_words;
    state.first_word_buckets = tables->buckets.data();
  }
  state.nul_after_text = nul_after && (tables ? tables->walk.nul_free() : TokenRecording::memo_index::trie().nul_free());
  if (tables && state.nul_after_text && tables->first_words == TokenRecording::memo_index::count) state.terminated_walk = &tables->walk;
  Recorder rec(lent.records);  // its elements are room (Recorder): its size is kept
  // Lazy tracking: nothing here asks for a line or column, so bump() need not count newlines. The source's name is
  // a literal, not a std::string made and unmade every line (no rule here raises an error that would show it).
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*> in(text.data(), text.size(), "criterion");
  if (pegtl::parse<r::line, pegtl::nothing, recording_control>(in, rec, state)) {  // r::line accepts every input
    NotedTokens noted;  // (written by read_tokens as far as it counts)
    const TokenCounts counts = read_tokens(rec.recorded(), state, out, noted);
    // (A join removes tokens: where none did, no token moved, and the '(' tokens and quantities are where
    // read_tokens put them.)
    const std::size_t read = out.size();
    // Guards (docs/lowering-guards.md): each join only where its tokens may stand, by the quantities noted.
    if (counts.quantities >= 2 && compound_may_join(counts, noted)) join_compound_durations(out, text);  // a join needs two quantities
    if (counts.quantities >= 1 && (out.size() != read || sign_may_join(out, counts, noted))) join_negative_signs(out, text);
    const bool moved = out.size() != read;
    if (counts.parentheses >= 1) read_parentheses(out, text, counts, noted, moved, initials_as_filler_at);  // initials follow a '(' token (the joins remove none)
    // (An abbreviation of a unit sits in parentheses too; the joins remove no '(' token.)
    if (counts.quantities >= 1 && counts.parentheses >= 1) read_parentheses(out, text, counts, noted, moved, unit_abbreviation_as_filler_at);
  }
}
}  // namespace

void tokenize(std::string_view text, const engine::Lexicon& lexicon, std::vector<Token>& out, const TokenizerTables* tables) {
  tokenize_text(text, false, lexicon, out, tables);
}

void tokenize(const std::string& line, const engine::Lexicon& lexicon, std::vector<Token>& out, const TokenizerTables* tables) {
  tokenize_text(line, true, lexicon, out, tables);  // (a std::string's bytes end in a NUL)
}

}  // namespace trialmatch::grammar

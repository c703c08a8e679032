#include "tokens.hpp"

#include <charconv>
#include <set>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "rules.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar {
namespace {

namespace pegtl = tao::pegtl;
namespace r = rules;

// Only the rules the lowering needs become nodes; the parse tree pops nodes of failed attempts,
// so backtracking leaves nothing behind.
template <class Rule>
using selector = pegtl::parse_tree::selector<
    Rule, pegtl::parse_tree::store_content::on<
              r::quantity, r::plus_sign, r::numeral, r::number_word, r::exponent, r::uln, r::lln, r::relative_limit,
              r::unit_spelling, r::cmp_le, r::cmp_ge, r::cmp_lt, r::cmp_gt, r::cmp_eq, r::cmp_post_ge,
              r::cmp_post_le, r::range_to, r::between, r::inclusive, r::age_suffix, r::within, r::before, r::after,
              r::and_word, r::or_word, r::and_or, r::comma, r::slash, r::semicolon, r::period, r::colon, r::lparen,
              r::rparen, r::negation, r::related, r::exception, r::guard, r::subject, r::sex_any, r::sex_female,
              r::sex_male, r::status_active, r::status_any, r::status_history, r::judgement, r::examples, r::section_phrase, r::filler, r::concept_name,
              r::other_word, r::other_char>>;

using node = pegtl::parse_tree::node;

std::uint32_t offset(const node& n, std::string_view text) {
  return static_cast<std::uint32_t>(n.m_begin.data - text.data());
}
std::uint32_t end_offset(const node& n, std::string_view text) {
  return static_cast<std::uint32_t>(n.m_end.data - text.data());
}

double number_word_value(std::string_view w) {
  static constexpr std::pair<std::string_view, double> words[] = {
      {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7}, {"eight", 8},
      {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"twice", 2}, {"half", 0.5}};
  std::string lw(w);
  for (auto& c : lw) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto [k, v] : words)
    if (k == lw) return v;
  return 0;
}

double numeral_value(std::string_view s) {
  std::string digits;
  // A comma with one or two digits after it is a decimal comma (the grammar reads it so only before a
  // unit); other commas separate thousands.
  const std::size_t comma = s.rfind(',');
  const bool decimal_comma = comma != std::string_view::npos && s.size() - comma - 1 <= 2 && s.find('.') == std::string_view::npos;
  for (char c : s) {
    if (c == ',' && decimal_comma) digits += '.';
    else if (c != ',') digits += c;
  }
  double v = 0;
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
      if (s.substr(i).starts_with(supers[d])) {
        v = v * 10 + d;
        i += supers[d].size();
        super = true;
        break;
      }
    if (!super) ++i;
  }
  return v;
}

Quantity read_quantity(const node& q, std::string_view text) {
  Quantity out;
  std::string_view unit_text;
  for (const auto& child : q.children) {
    if (child->is_type<r::numeral>()) out.value = numeral_value(child->string_view());
    else if (child->is_type<r::number_word>()) out.value = number_word_value(child->string_view());
    else if (child->is_type<r::plus_sign>()) out.plus = true;
    else if (child->is_type<r::exponent>()) out.ten_power = exponent_value(child->string_view());
    else if (child->is_type<r::relative_limit>()) {
      for (const auto& lim : child->children)
        out.relative_to = lim->is_type<r::lln>() ? engine::RelativeTo::lln : engine::RelativeTo::uln;
      out.unit_begin = offset(*child, text);
      out.unit_end = end_offset(*child, text);
    } else if (child->is_type<r::unit_spelling>()) {
      unit_text = child->string_view();
      out.unit_begin = offset(*child, text);
      out.unit_end = end_offset(*child, text);
    }
  }
  if (!unit_text.empty()) {
    if (unit_text.front() == '-') unit_text.remove_prefix(1);  // "6-month"
    out.unit_spelling = std::string(unit_text);
    if (auto u = resolve_unit(unit_text, out.ten_power)) out.unit = *u;
    else out.unit_unknown = true;
  } else if (out.ten_power != 0) {
    out.unit_unknown = true;  // "100 × 10^9" with no unit after it
  }
  return out;
}

template <class... Rs>
bool is_one_of(const node& n) {
  return (n.is_type<Rs>() || ...);
}

Token read_token(const node& n, std::string_view text, const engine::Lexicon& lexicon) {
  Token t;
  t.begin = offset(n, text);
  t.end = end_offset(n, text);
  using engine::Comparator;
  if (n.is_type<r::quantity>()) {
    t.kind = Tok::quantity;
    t.quantity = read_quantity(n, text);
  } else if (n.is_type<r::cmp_le>()) { t.kind = Tok::cmp; t.cmp = Comparator::le; }
  else if (n.is_type<r::cmp_ge>()) { t.kind = Tok::cmp; t.cmp = Comparator::ge; }
  else if (n.is_type<r::cmp_lt>()) { t.kind = Tok::cmp; t.cmp = Comparator::lt; }
  else if (n.is_type<r::cmp_gt>()) { t.kind = Tok::cmp; t.cmp = Comparator::gt; }
  else if (n.is_type<r::cmp_eq>()) { t.kind = Tok::cmp; t.cmp = Comparator::eq; }
  else if (n.is_type<r::cmp_post_ge>()) { t.kind = Tok::cmp_post; t.cmp = Comparator::ge; }
  else if (n.is_type<r::cmp_post_le>()) { t.kind = Tok::cmp_post; t.cmp = Comparator::le; }
  else if (n.is_type<r::relative_limit>()) {
    t.kind = Tok::relative;
    t.quantity.value = 1;
    for (const auto& lim : n.children)
      t.quantity.relative_to = lim->is_type<r::lln>() ? engine::RelativeTo::lln : engine::RelativeTo::uln;
  }
  else if (n.is_type<r::range_to>()) t.kind = Tok::range_to;
  else if (n.is_type<r::between>()) t.kind = Tok::between;
  else if (n.is_type<r::inclusive>()) t.kind = Tok::inclusive;
  else if (n.is_type<r::age_suffix>()) t.kind = Tok::age_suffix;
  else if (n.is_type<r::within>()) t.kind = Tok::within;
  else if (n.is_type<r::before>()) t.kind = Tok::before;
  else if (n.is_type<r::after>()) t.kind = Tok::after;
  else if (n.is_type<r::and_word>()) t.kind = Tok::and_;
  else if (n.is_type<r::or_word>()) t.kind = Tok::or_;
  else if (n.is_type<r::and_or>()) t.kind = Tok::and_or;
  else if (n.is_type<r::comma>()) t.kind = Tok::comma;
  else if (n.is_type<r::slash>()) t.kind = Tok::slash;
  else if (n.is_type<r::semicolon>()) t.kind = Tok::semicolon;
  else if (n.is_type<r::period>()) t.kind = Tok::period;
  else if (n.is_type<r::colon>()) t.kind = Tok::colon;
  else if (n.is_type<r::lparen>()) t.kind = Tok::lparen;
  else if (n.is_type<r::rparen>()) t.kind = Tok::rparen;
  else if (n.is_type<r::negation>()) t.kind = Tok::negation;
  else if (n.is_type<r::related>()) t.kind = Tok::related;
  else if (n.is_type<r::exception>()) t.kind = Tok::exception;
  else if (n.is_type<r::guard>()) t.kind = Tok::guard;
  else if (n.is_type<r::subject>()) t.kind = Tok::subject;
  else if (n.is_type<r::sex_any>()) t.kind = Tok::sex_any;
  else if (n.is_type<r::sex_female>()) t.kind = Tok::sex_female;
  else if (n.is_type<r::sex_male>()) t.kind = Tok::sex_male;
  else if (n.is_type<r::status_active>()) t.kind = Tok::status_active;
  else if (n.is_type<r::status_history>()) t.kind = Tok::status_history;
  else if (n.is_type<r::judgement>()) t.kind = Tok::judgement;
  else if (n.is_type<r::examples>()) t.kind = Tok::examples;
  else if (n.is_type<r::filler>() || n.is_type<r::section_phrase>() || n.is_type<r::status_any>()) t.kind = Tok::filler;
  else if (n.is_type<r::concept_name>()) {
    t.kind = Tok::name;
    if (auto m = lexicon.match_name_at(text, t.begin)) t.entry = m->entry;
    if (!t.entry) t.kind = Tok::word;
  } else if (n.is_type<r::other_word>()) t.kind = Tok::word;
  else t.kind = Tok::other;
  return t;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, const engine::Lexicon& lexicon) {
  std::vector<Token> out;
  GrammarState state{text, &lexicon};
  pegtl::memory_input in(text.data(), text.size(), "criterion");
  auto root = pegtl::parse_tree::parse<r::line, selector>(in, state);
  if (!root) return out;  // r::line accepts every input; kept for safety
  out.reserve(root->children.size());
  for (const auto& child : root->children) out.push_back(read_token(*child, text, lexicon));
  return out;
}

}  // namespace trialmatch::grammar

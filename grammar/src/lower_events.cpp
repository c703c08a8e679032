// Events named through a generic head or with the head left out:
//   "Active infection of hepatitis B virus, C virus or hepatitis E virus"
//     -> any(has hepatitis_b active, has hepatitis_c active, has hepatitis_e active)
// The generic head ("active infection of", "disease of") is a modifier of the named events, never
// a condition of its own beside them; "C virus" after "hepatitis B virus," is hepatitis C.
#include <algorithm>
#include <cctype>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

// True where `specific` is a kind of what the generic `head` names (or of the head's own group:
// "active infection" is an infection, so "active infection of hepatitis B" names hepatitis B).
bool Lowering::names_kind_of(const engine::Concept& head, const engine::Concept& specific) const {
  if (head.id == specific.id) return false;
  if (lexicon_.is_a(specific.id, head.id)) return true;
  for (const auto& parent : head.is_a)
    if (lexicon_.is_a(specific.id, parent)) return true;
  return false;
}

// A head word that carries the status: "active infection of", "ongoing infection with".
bool Lowering::head_says_active(std::size_t tok) const {
  std::string s(slice(toks_[tok].begin, toks_[tok].end));
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s.find("active") != std::string::npos || s.find("ongoing") != std::string::npos ||
         s.find("uncontrolled") != std::string::npos;
}

// "C" in "hepatitis B virus, C virus": the earlier event's name with its one-letter word replaced.
const engine::Concept* Lowering::elided_event(std::size_t i, std::size_t earlier) const {
  const std::string_view letter = slice(toks_[i].begin, toks_[i].end);
  if (letter.size() != 1 || letter[0] < 'A' || letter[0] > 'Z') return nullptr;
  const std::string_view name = slice(toks_[earlier].begin, toks_[earlier].end);
  for (std::size_t p = 0; p < name.size(); ++p) {
    const bool alone = (p == 0 || name[p - 1] == ' ') && (p + 1 == name.size() || name[p + 1] == ' ');
    if (!alone || name[p] < 'A' || name[p] > 'Z' || name[p] == letter[0]) continue;
    std::string candidate(name);
    candidate[p] = letter[0];
    const auto m = lexicon_.match_name_at(candidate, 0);
    if (m && m->entry && m->length == candidate.size()) return m->entry;
  }
  return nullptr;
}

// "breast" before "or ovarian cancer", "type 1" before "or type 2 diabetes": the unread words [begin, end) with
// the name's last words after them, where the lexicon names that whole as the same kind of thing. A few words
// only: a longer text is no elided name. The whole may name the named concept itself ("acute" before "or
// decompensated heart failure": both name acute heart failure), a synonym the criterion wrote twice.
const engine::Concept* Lowering::elided_head(std::uint32_t begin, std::uint32_t end, std::size_t name_tok) const {
  const std::string words = trim(slice(begin, end));
  if (words.empty() || std::count(words.begin(), words.end(), ' ') > 2) return nullptr;
  for (char c : words)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '\'')) return nullptr;
  const std::string_view name = slice(toks_[name_tok].begin, toks_[name_tok].end);
  const engine::Concept& named = *toks_[name_tok].entry;
  for (std::size_t p = name.find(' '); p != std::string_view::npos; p = name.find(' ', p + 1)) {
    const std::string candidate = words + std::string(name.substr(p));
    const auto m = lexicon_.match_name_at(candidate, 0);
    if (m && m->entry && m->length == candidate.size() && m->entry->kind == named.kind)
      return m->entry;
  }
  return nullptr;
}

std::size_t Lowering::naive_after(std::size_t i, std::size_t e) const {
  std::size_t k = i + 1;
  if (k < e && toks_[k].kind == Tok::other && slice(toks_[k].begin, toks_[k].end) == "-") ++k;
  if (k >= e || toks_[k].begin > toks_[i].end + 1) return 0;  // a hyphen or a space between, no more
  // "naïve": the tokens split the word at its non-ASCII letter ("na", "ï", "ve"); the text decides, up to the
  // end of the word, and the reading goes on at the token after it.
  std::string_view w = text_.substr(toks_[k].begin);
  if (!w.empty() && w.front() == '-') w.remove_prefix(1);
  // (Every spelling opens with "na" and is five bytes or more: most words after an event are refused here, before
  // the three comparisons.)
  if (w.size() < 5 || (w[0] | 0x20) != 'n' || (w[1] | 0x20) != 'a') return 0;
  std::size_t length = 0;
  for (std::string_view spelling : {"naives", "naive", "na\u00efve"})
    if (length == 0 && w.size() >= spelling.size() && iequals(w.substr(0, spelling.size()), spelling)) length = spelling.size();
  if (length == 0) return 0;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c & 0x80) != 0; };
  if (length < w.size() && letter(w[length])) return 0;  // "naivety"
  const std::uint32_t word_end = static_cast<std::uint32_t>(w.data() + length - text_.data());
  std::size_t n = k;
  while (n < e && toks_[n].begin < word_end) ++n;
  if (toks_[n - 1].end != word_end) return 0;  // a token that runs past the word ("naive T cells")
  return n;
}

std::size_t Lowering::event_after_non(std::size_t i, std::size_t e) const {
  const Token& t = toks_[i];
  if (t.kind != Tok::word || t.end - t.begin != 3 || !iequals(slice(t.begin, t.end), "non")) return 0;
  std::size_t n = i + 1;
  if (n < e && toks_[n].begin == t.end && slice(toks_[n].begin, toks_[n].end) == "-") ++n;
  const bool glued = n < e && toks_[n].begin <= toks_[n - 1].end + (n == i + 1 ? 1 : 0);
  if (!glued || !is_event(n)) return 0;
  if (n + 1 >= e) return n;
  const Tok next = toks_[n + 1].kind;
  const bool ends = next == Tok::comma || next == Tok::semicolon || next == Tok::period || next == Tok::or_ ||
                    next == Tok::and_ || next == Tok::rparen || next == Tok::subject || next == Tok::sex_female ||
                    next == Tok::sex_male || next == Tok::sex_any;
  return ends ? n : 0;
}

// The unread words [begin, end) before "or" and a name, each part between commas an elided name ("prostate,
// breast" before "or ovarian cancer"): the events they name, or nothing where any part names none.
std::optional<engine::Node> Lowering::elided_heads(std::uint32_t begin, std::uint32_t end, std::size_t name_tok) const {
  std::vector<engine::Node> named;
  for (std::uint32_t from = begin; from < end;) {
    std::uint32_t to = from;
    while (to < end && text_[to] != ',') ++to;
    std::uint32_t part = from;
    const std::string_view piece = text_.substr(from, to - from);
    if (named.size() > 0 || to < end) {  // "lung, liver, and brain": the list's own "and"/"or" before an item
      std::uint32_t lead = 0;
      while (lead < piece.size() && piece[lead] == ' ') ++lead;
      const std::string_view rest = piece.substr(lead);
      for (std::string_view joiner : {"and ", "or "})
        if (rest.size() > joiner.size() && iequals(rest.substr(0, joiner.size()), joiner))
          part = from + lead + static_cast<std::uint32_t>(joiner.size());
    }
    const engine::Concept* c = elided_head(part, to, name_tok);
    if (!c) return std::nullopt;
    named.push_back(has(*c, part, to));
    from = to + 1;
  }
  if (named.empty()) return std::nullopt;
  if (named.size() == 1) return std::move(named.front());
  return engine::make_any(std::move(named), {begin, end});
}

// "type 1 or 2 diabetes", "type I or II diabetes mellitus", "type 1/2 DM": a kind word with two numbers and the
// name after the second, where the lexicon names "type 1 diabetes" and "type 2 diabetes" both.
std::optional<std::pair<std::pair<const engine::Concept*, const engine::Concept*>, std::size_t>> Lowering::kinds_elided_at(
    std::size_t i, std::size_t e) const {
  if (i + 4 >= e) return std::nullopt;
  const std::string_view kind = slice(toks_[i].begin, toks_[i].end);
  if (!iequals(kind, "type")) return std::nullopt;
  auto numeral = [&](std::size_t k) -> std::string_view {
    const Token& t = toks_[k];
    if (t.kind == Tok::quantity && t.quantity.unit.empty() && !t.quantity.unit_unknown && t.end - t.begin == 1) return slice(t.begin, t.end);
    if (t.kind == Tok::word) {
      const std::string_view w = slice(t.begin, t.end);
      if (w == "I" || w == "II") return w;
    }
    return {};
  };
  const std::string_view first = numeral(i + 1), second = numeral(i + 3);
  const Tok joiner = toks_[i + 2].kind;
  if (first.empty() || second.empty() || (joiner != Tok::or_ && joiner != Tok::and_or && joiner != Tok::slash && joiner != Tok::and_))
    return std::nullopt;
  // The name right after the second number: a lexicon name or the words up to the next connector.
  const std::size_t n = i + 4;
  if (toks_[n].kind != Tok::name && toks_[n].kind != Tok::word) return std::nullopt;
  const std::string_view rest = slice(toks_[n].begin, toks_[n].end);
  auto named = [&](std::string_view number) -> const engine::Concept* {
    const std::string candidate = std::string(kind) + " " + std::string(number) + " " + std::string(rest);
    const auto m = lexicon_.match_name_at(candidate, 0);
    return m && m->entry && m->length == candidate.size() ? m->entry : nullptr;
  };
  const engine::Concept* a = named(first);
  const engine::Concept* b = named(second);
  if (!a || !b || a == b) return std::nullopt;
  return std::make_pair(std::make_pair(a, b), n + 1);
}

}  // namespace trialmatch::grammar::detail

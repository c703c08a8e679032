#include "parse_reference.hpp"

#include <algorithm>
#include <charconv>

namespace trialmatch::bench {
namespace {

bool is_word_byte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : static_cast<char>(c); }

// A name as the reference looks it up: lower-cased, runs of anything but letters and digits as one space.
std::string normalised(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (is_word_byte(u) || is_digit(u)) out += lower(u);
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

ParseReference::ParseReference(const engine::Lexicon& lexicon) {
  for (const auto& entry : lexicon.concepts()) {
    for (const auto& name : entry.names) {
      std::string n = normalised(name);
      if (n.empty()) continue;
      const auto words = std::min<std::size_t>(4, 1 + static_cast<std::size_t>(std::count(n.begin(), n.end(), ' ')));
      std::size_t& most = first_words_[n.substr(0, n.find(' '))];
      most = std::max(most, words);
      names_.insert(std::move(n));
    }
  }
}

std::size_t ParseReference::read(std::string_view line, std::string& text, std::vector<RefToken>& tokens) const {
  text.assign(line);
  tokens.clear();
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const auto n = static_cast<unsigned>(text.size());
  for (unsigned i = 0; i < n;) {
    const unsigned char c = s[i];
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (is_digit(c)) {
      RefToken t{RefToken::number, i, i};
      const auto r = std::from_chars(text.data() + i, text.data() + n, t.value);
      t.end = static_cast<unsigned>(r.ptr - text.data());
      i = t.end;
      tokens.push_back(t);
    } else if (is_word_byte(c)) {
      unsigned e = i;
      while (e < n && (is_word_byte(s[e]) || is_digit(s[e]))) ++e;
      tokens.push_back({RefToken::word, i, e});
      i = e;
    } else {
      tokens.push_back({RefToken::punctuation, i, i + 1});
      ++i;
    }
  }
  // Names: at each word, the longest run of one to four words (joined by one space, lower-cased) that is a name.
  std::size_t found = 0;
  char key[256];
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    if (tokens[t].kind != RefToken::word) continue;
    std::size_t length = tokens[t].end - tokens[t].begin;
    if (length > sizeof key) continue;
    for (unsigned b = tokens[t].begin; b < tokens[t].end; ++b) key[b - tokens[t].begin] = lower(s[b]);
    const auto first = first_words_.find(std::string_view(key, length));
    if (first == first_words_.end()) continue;
    const std::size_t most = first->second;
    length = 0;
    std::size_t words = 0, best_words = 0;
    for (std::size_t u = t; u < tokens.size() && words < most && tokens[u].kind == RefToken::word; ++u) {
      if (words != 0) key[length++] = ' ';
      if (length + (tokens[u].end - tokens[u].begin) > sizeof key) break;
      for (unsigned b = tokens[u].begin; b < tokens[u].end; ++b) key[length++] = lower(s[b]);
      ++words;
      if (names_.find(std::string_view(key, length)) != names_.end()) best_words = words;
    }
    if (best_words == 0) continue;
    ++found;
    tokens[t].kind = RefToken::name;
    tokens[t].end = tokens[t + best_words - 1].end;
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(t) + 1, tokens.begin() + static_cast<std::ptrdiff_t>(t + best_words));
  }
  return found;
}

}  // namespace trialmatch::bench

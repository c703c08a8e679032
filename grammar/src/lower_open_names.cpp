// The names of the open reading's unlisted things (lower_open.cpp): their ids, their words with the brackets that
// do not close inside them dropped, and the warning that names them; and the words "whichever" needs.
#include "lower_open_names.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory_resource>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

// What slug_of writes for each byte: an ASCII letter or digit in lower case, a byte of UTF-8 as it is, 0 for a byte
// that only parts words (one table load per byte instead of three range tests and a case fold).
constexpr std::array<unsigned char, 256> kSlugByte = [] {
  std::array<unsigned char, 256> t{};
  for (unsigned c = 0; c < 256; ++c) {
    if (c >= 'a' && c <= 'z') t[c] = static_cast<unsigned char>(c);
    else if (c >= 'A' && c <= 'Z') t[c] = static_cast<unsigned char>(c - 'A' + 'a');
    else if (c >= '0' && c <= '9') t[c] = static_cast<unsigned char>(c);
    else if (c >= 0x80) t[c] = static_cast<unsigned char>(c);  // keep non-ASCII letters as written ("naïve")
  }
  return t;
}();

}  // namespace

#if defined(__SSE2__)
namespace {

// slug_of's bytes sixteen at a time (SSE2, in every x86-64): `w` gets the block's bytes as slug_of writes them (an
// ASCII letter in lower case, a digit or a byte of UTF-8 as it is, '_' for a byte that parts words), and the answer
// has bit k set where byte k parts words. (The table's classes by byte compares: a letter is one whose byte with the
// case bit set is in 'a'..'z', UTF-8 a byte negative as signed.)
inline unsigned slug_block(const char* in, __m128i& w) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
  const __m128i letter =
      _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  const __m128i kept = _mm_or_si128(_mm_or_si128(letter, digit), _mm_cmplt_epi8(v, _mm_setzero_si128()));
  const __m128i as_kept = _mm_or_si128(_mm_and_si128(letter, lower), _mm_andnot_si128(letter, v));
  w = _mm_or_si128(_mm_and_si128(kept, as_kept), _mm_andnot_si128(kept, _mm_set1_epi8('_')));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(kept, _mm_setzero_si128())));
}

}  // namespace
#endif

std::string slug_of(std::string_view name) {
  // (Written through a pointer into room for the longest id, one byte for each byte of the name, then cut to its
  // length: an append per byte tested the size and the capacity each time. A name of up to 15 bytes needs no heap.)
  std::string out(name.size(), '\0');
  char* const first = out.data();
  char* o = first;
  // (The id grows by at most one byte a byte of the name, an underscore standing for at least one byte passed: the
  // length limit cannot be reached before the name's 60th byte, and the bytes before it are not tested for it.)
  const std::size_t unlimited = std::min<std::size_t>(name.size(), 60);
  const auto slug_byte = [&](std::size_t at) { return kSlugByte[static_cast<unsigned char>(name[at])]; };
  std::size_t i = 0;
  // Whether an underscore goes before the next kept byte: bytes that part words were passed since one was written.
  // (Set only once a byte was written: an id never starts with one.)
  bool gap = false;
#if defined(__SSE2__)
  // Sixteen bytes at a time while sixteen are left before the limit. A block's bytes are stored as they are written
  // (a byte that parts words as '_'), and taken up to the first two that part words side by side: each '_' taken then
  // stands alone between kept bytes. One that ends the bytes taken is not counted yet (`gap`: the next kept byte
  // writes it, or a '_' that opens the next block stands for it). (Room: the id so far is never longer than the
  // bytes read, and shorter by one where a gap waits: a block and the '_' before it fit in the name's size.)
  while (i + 16 <= unlimited) {
    __m128i w;
    const unsigned parts = slug_block(name.data() + i, w);
    if (o == first && (parts & 1U) != 0) {  // nothing written yet: the bytes that part words before the first are passed
      i += static_cast<std::size_t>(__builtin_ctz(~parts));
      continue;
    }
    if (gap && (parts & 1U) == 0) *o++ = '_';
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o), w);
    const unsigned pairs = parts & (parts >> 1);
    const unsigned taken = pairs != 0 ? static_cast<unsigned>(__builtin_ctz(pairs)) + 1 : 16;
    gap = ((parts >> (taken - 1)) & 1U) != 0;
    o += taken - (gap ? 1 : 0);
    i += taken;
  }
#endif
  // ASCII letters and digits (std::isalnum and std::tolower in the "C" locale the program runs in) and UTF-8, taken
  // a run of kept bytes at a time: the underscore written once before a run that follows one, not tested at each
  // byte.
  while (true) {
    const std::size_t parted_from = i;
    while (i < unlimited && slug_byte(i) == 0) ++i;
    gap = gap || (i > parted_from && o != first);
    if (i == unlimited) break;
    if (gap) *o++ = '_';  // (bytes that part words were passed)
    gap = false;
    unsigned char kept = slug_byte(i);
    do {
      *o++ = static_cast<char>(kept);
      ++i;
    } while (i < unlimited && (kept = slug_byte(i)) != 0);
  }
  for (; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    // The length limit ends the id between characters, never inside a UTF-8 sequence ("naïve" cut after its
    // first byte of "ï" was no valid UTF-8, in the id and in the JSON written with it).
    if (o - first >= 60 && (c & 0xC0) != 0x80) break;
    if (const unsigned char kept = kSlugByte[c]; kept != 0) {
      if (gap) *o++ = '_';
      *o++ = static_cast<char>(kept);
      gap = false;
    } else {
      gap = o != first;
    }
  }
  out.resize(static_cast<std::size_t>(o - first));
  return out;
}

// True where slug_of(name) is not empty (an ASCII letter or digit, or a byte of UTF-8), without building it.
bool has_slug(std::string_view name) {
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) return true;
  }
  return false;
}

// Whether `words` hold "hichever" (of "whichever"), which whichever_shorter looks for first: found by its 'v', which
// few bytes of a text are (its 'h' is in "with", "the", "months": each a stop of find's search).
bool holds_hichever(std::string_view words) {
  for (std::size_t v = words.find('v', 5); v != std::string_view::npos; v = words.find('v', v + 1))
    if (words.compare(v - 5, 8, "hichever") == 0) return true;
  return false;
}

// "'<name>' is not in the lexicon: read as an unlisted <what>", written into room made for all of it at once, each
// part copied where it goes. (concat appended each part, each append testing the room; most of these messages are
// dropped again with their readings.)
std::string unlisted_message(std::string_view name, std::string_view what) {
  static constexpr std::string_view middle = "' is not in the lexicon: read as an unlisted ";
  std::string out(1 + name.size() + middle.size() + what.size(), '\'');  // (its first byte the quote)
  char* o = out.data() + 1;
  std::memcpy(o, name.data(), name.size());
  o += name.size();
  std::memcpy(o, middle.data(), middle.size());
  o += middle.size();
  std::memcpy(o, what.data(), what.size());
  return out;
}

namespace {

// The bytes of x (eight of a name) that are zero: 0x80 in each such byte, nothing in the others. (Exact: no byte's
// sum carries into the next.) Written as its complement, f(x), whose high bit is set in each byte that is not zero:
// the zero bytes of a or of b are ~(f(a) & f(b)), of a and of b ~(f(a) | f(b)).
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7F;
constexpr std::uint64_t kEach = 0x0101010101010101;
constexpr std::uint64_t nonzero_bytes(std::uint64_t x) { return ((x & kLow7) + kLow7) | x; }

// Lanes of x that are no bracket: the high bit set in each such byte. ('(' 0x28 and ')' 0x29 differ in their lowest
// bit, '[' 0x5B and ']' 0x5D in two: so do 'Y' 0x59 and '_' 0x5F, taken for brackets here.)
constexpr std::uint64_t no_bracket_bytes(std::uint64_t x) {
  return nonzero_bytes((x & ~kEach) ^ (kEach * 0x28)) & nonzero_bytes((x & ~(kEach * 0x06)) ^ (kEach * 0x59));
}

// True where `in` holds no bracket and no two spaces in a row; false where it may (the caller then asks each byte).
// Eight bytes a test, each with the byte after it; the last test reads the last nine bytes, over bytes read before.
bool surely_plain(std::string_view in) {
  if (in.size() < 9) return false;  // (few bytes: asked one by one)
  const char* p = in.data();
  const char* const last = p + in.size() - 9;  // the last nine bytes' first
  std::uint64_t found = 0;  // high bits of the bytes that may be a bracket or start two spaces
  const auto test = [&](const char* at, bool last_byte_too) {
    std::uint64_t w, next;
    std::memcpy(&w, at, 8);
    std::memcpy(&next, at + 1, 8);
    const std::uint64_t not_two_spaces = nonzero_bytes(w ^ (kEach * ' ')) | nonzero_bytes(next ^ (kEach * ' '));
    std::uint64_t fine = no_bracket_bytes(w) & not_two_spaces;
    if (last_byte_too) fine &= no_bracket_bytes(next);
    found |= ~fine;
  };
  for (; p < last; p += 8) test(p, false);
  test(last, true);
  return (found & ~kLow7) == 0;
}

#if defined(__SSE2__)
// The bytes among the first sixteen from `at` that are a bracket or the first of two spaces in a row (each byte asked
// with the one after it: seventeen bytes read), one bit each, exactly (SSE2, in every x86-64).
inline unsigned brackets_or_two_spaces(const char* at) {
  const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 1));
  const auto is = [&](char c) { return _mm_cmpeq_epi8(w, _mm_set1_epi8(c)); };
  const __m128i bracket = _mm_or_si128(_mm_or_si128(is('('), is(')')), _mm_or_si128(is('['), is(']')));
  const __m128i two_spaces = _mm_and_si128(is(' '), _mm_cmpeq_epi8(next, _mm_set1_epi8(' ')));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(bracket, two_spaces)));
}
#endif

// A name with no bracket and no two spaces in a row, which balanced() only trims: most names.
// (Asked eight bytes at a time first, sixteen where SSE2 is there and the name is longer than sixteen; a name that may
// hold one has each byte asked.)
bool plain_name(std::string_view in) {
#if defined(__SSE2__)
  if (in.size() > 16) {
    // (The last test reads the last seventeen bytes, over bytes read before; the last byte is asked alone.)
    const char* p = in.data();
    const char* const last = p + in.size() - 17;
    for (; p < last; p += 16)
      if (brackets_or_two_spaces(p) != 0) return false;
    const char end = in.back();
    return brackets_or_two_spaces(last) == 0 && end != '(' && end != ')' && end != '[' && end != ']';
  }
#endif
  if (surely_plain(in)) return true;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    // (Letters and UTF-8 are above ']', the highest of the bytes looked for: one test passes most bytes.)
    if (static_cast<unsigned char>(c) > ']') continue;
    if (c == '(' || c == ')' || c == '[' || c == ']' || (c == ' ' && i + 1 < in.size() && in[i + 1] == ' '))
      return false;
  }
  return true;
}

// balanced() of a name that is not plain.
std::string brackets_dropped(std::string_view in);

std::string brackets_dropped(std::string_view in) {
  // (The lists of brackets take their room from a buffer on the stack: most names hold a few.)
  std::array<std::byte, 512> room;
  std::pmr::monotonic_buffer_resource lists_room(room.data(), room.size());
  std::pmr::vector<std::size_t> open(&lists_room);
  std::pmr::vector<std::size_t> drop(&lists_room);
  std::pmr::vector<std::size_t> two_spaces(&lists_room);  // where two spaces in a row start, in order
  const std::size_t n = in.size();
  const auto mark = [&](std::size_t i) {
    const char c = in[i];
    if (c == '(' || c == '[') {
      open.push_back(i);
    } else if (c == ')' || c == ']') {
      if (open.empty()) drop.push_back(i);
      else open.pop_back();
    } else if (c == ' ' && i + 1 < n && in[i + 1] == ' ') {
      two_spaces.push_back(i);
    }
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  // (Sixteen bytes a test, in order; only the few marked are asked which they are.)
  for (; i + 17 <= n; i += 16)
    for (unsigned marked = brackets_or_two_spaces(in.data() + i); marked != 0; marked &= marked - 1)
      mark(i + static_cast<std::size_t>(__builtin_ctz(marked)));
#endif
  for (; i < n; ++i)
    if (static_cast<unsigned char>(in[i]) <= ']') mark(i);  // (letters and UTF-8: most bytes)
  drop.insert(drop.end(), open.begin(), open.end());
  std::sort(drop.begin(), drop.end());
  // (The kept bytes written once, in order, with runs of spaces made one: the dropped brackets are skipped
  // where they are, not erased from a copy one by one. Written through a pointer into room for all of them, then
  // cut to their length: a push_back tested the capacity at each byte.)
  std::string out(n, '\0');
  char* const first = out.data();
  char* o = first;
  // (The bytes between two dropped brackets a run: no test of the next drop at each byte. A run without two spaces
  // in a row inside it is copied whole, but for a space that opens it after a space written, which is dropped: the
  // two spaces a dropped bracket stood between.)
  std::size_t from = 0;
  std::size_t pair = 0;  // the first of two_spaces not before `from`
  for (std::size_t d = 0; d <= drop.size(); ++d) {
    const std::size_t to = d < drop.size() ? drop[d] : n;
    while (pair < two_spaces.size() && two_spaces[pair] < from) ++pair;
    if (pair < two_spaces.size() && two_spaces[pair] < to) {
      for (std::size_t x = from; x < to; ++x) {
        const char c = in[x];
        if (!(c == ' ' && o != first && o[-1] == ' ')) *o++ = c;
      }
    } else if (from < to) {
      const std::size_t x = in[from] == ' ' && o != first && o[-1] == ' ' ? from + 1 : from;
      std::memcpy(o, in.data() + x, to - x);
      o += to - x;
    }
    from = to + 1;
  }
  out.resize(static_cast<std::size_t>(o - first));
  const std::string_view kept = trim_view(out);
  if (kept.size() == out.size()) return out;
  return std::string(kept);
}

}  // namespace

// Drops parentheses that do not close inside the name: "Engorgement (any breast" -> "Engorgement any breast".
// (A view: the callers' trimmed slice is read where it is; only the result is a string.)
std::string balanced(std::string_view in) {
  // Most names hold no bracket and no double space: nothing would change them but the trim.
  if (plain_name(in)) return std::string(trim_view(in));
  return brackets_dropped(in);
}

// Appends balanced(in) to `out`: a plain name's bytes go there as they are, with no string of their own.
void append_balanced(std::string& out, std::string_view in) {
  if (plain_name(in)) out.append(trim_view(in));
  else out.append(brackets_dropped(in));
}

}  // namespace trialmatch::grammar::detail

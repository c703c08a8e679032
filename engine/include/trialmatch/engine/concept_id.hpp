#pragma once
// engine::ConceptId: the id of a concept a Has names (predicate.hpp), held in place up to 31 bytes.
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace trialmatch::engine {

// A concept's id (Has::concept_id): up to 31 bytes held in place, longer ones out of line. The lexicon's ids are of
// 42 bytes at most and half are over the 15 that std::string holds in place: a third of the events the lowering
// builds allocated their id, and freed it again. Holds its bytes itself, whatever outlives what (a tree outlives its
// lexicon, and is copied, compared, serialised and read back). Moving it copies its 32 bytes. Reads as a
// std::string_view; compares with ids, strings and views.
class ConceptId {
 public:
  ConceptId() noexcept { set_empty(); }
  ConceptId(std::string_view s) { set_empty(); assign(s); }                // NOLINT: implicit on purpose, as a
  ConceptId(const std::string& s) : ConceptId(std::string_view(s)) {}      // NOLINT  std::string member was
  ConceptId(const char* s) : ConceptId(std::string_view(s)) {}             // NOLINT
  ConceptId(const ConceptId& o) {
    if (o.held_apart()) set_empty(), assign(o.view());
    else std::memcpy(bytes_, o.bytes_, sizeof bytes_);
  }
  ConceptId(ConceptId&& o) noexcept {
    std::memcpy(bytes_, o.bytes_, sizeof bytes_);
    o.set_empty();
  }
  ConceptId& operator=(const ConceptId& o) {
    if (this != &o) assign(o.view());
    return *this;
  }
  ConceptId& operator=(ConceptId&& o) noexcept {
    if (this != &o) {
      release();
      std::memcpy(bytes_, o.bytes_, sizeof bytes_);
      o.set_empty();
    }
    return *this;
  }
  ~ConceptId() { release(); }

  // The id made `s` (which may be a part of this id's own bytes).
  void assign(std::string_view s) {
    if (s.size() < sizeof bytes_) {
      char copy[sizeof bytes_] = {};
      std::memcpy(copy, s.data(), s.size());
      release();
      std::memcpy(bytes_, copy, sizeof bytes_);
      bytes_[kTag] = static_cast<char>(s.size());
      return;
    }
    char* apart = new char[s.size()];
    std::memcpy(apart, s.data(), s.size());
    const std::size_t size = s.size();
    release();
    std::memcpy(bytes_, &apart, sizeof apart);
    std::memcpy(bytes_ + sizeof apart, &size, sizeof size);
    bytes_[kTag] = kApart;
  }
  std::string_view view() const noexcept {
    if (!held_apart()) return {bytes_, static_cast<std::size_t>(bytes_[kTag])};
    const char* apart;
    std::size_t size;
    std::memcpy(&apart, bytes_, sizeof apart);
    std::memcpy(&size, bytes_ + sizeof apart, sizeof size);
    return {apart, size};
  }
  operator std::string_view() const noexcept { return view(); }  // NOLINT: implicit on purpose
  std::string str() const { return std::string(view()); }
  const char* data() const noexcept { return view().data(); }
  std::size_t size() const noexcept { return view().size(); }
  bool empty() const noexcept { return bytes_[kTag] == 0; }
  bool starts_with(std::string_view s) const noexcept { return view().starts_with(s); }

  friend bool operator==(const ConceptId& a, const ConceptId& b) noexcept { return a.view() == b.view(); }
  friend bool operator==(const ConceptId& a, std::string_view b) noexcept { return a.view() == b; }
  friend bool operator==(const ConceptId& a, const std::string& b) noexcept { return a.view() == b; }
  friend bool operator==(const ConceptId& a, const char* b) noexcept { return a.view() == b; }
  friend auto operator<=>(const ConceptId& a, const ConceptId& b) noexcept { return a.view() <=> b.view(); }

 private:
  static constexpr std::size_t kTag = 31;  // the last byte: the size of an id held in place, or kApart
  static constexpr char kApart = static_cast<char>(0x80);
  bool held_apart() const noexcept { return bytes_[kTag] == kApart; }
  void set_empty() noexcept { std::memset(bytes_, 0, sizeof bytes_); }
  void release() noexcept {
    if (!held_apart()) return;
    char* apart;
    std::memcpy(&apart, bytes_, sizeof apart);
    delete[] apart;
  }
  alignas(8) char bytes_[32];
};

}  // namespace trialmatch::engine

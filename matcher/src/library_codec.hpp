#pragma once
// The byte encoding of the compiled library (docs/library-format.md, format 8), shared by the library file
// and by the encoded criteria a CompiledTrial keeps in memory (CriterionList): the same bytes serve both,
// so writing a loaded library copies each trial's criteria block as it is.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/matcher/match.hpp"

namespace trialmatch::matcher::codec {

// Little-endian integers, LEB128 variable-length unsigned integers (`uv`: lengths, counts, offsets; most
// fit one byte), IEEE-754 doubles, strings as a uv byte length and the bytes.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void uv(std::uint32_t v);
  void f64(double v);
  void str(std::string_view s);
  void amount(const std::optional<engine::Amount>& a);
  // `text` is the criterion's text: a `text` node repeating the words at its span refers to them.
  void node(const engine::Node& n, std::string_view text);
  // A criteria block: uv count, then each criterion (its section, number, text, diagnostics, tree).
  void criteria(const CriterionList& list);

 private:
  std::string& out_;
};

// Throws std::runtime_error("byte N of the record: expected ..., found ...") on anything malformed.
class Reader {
 public:
  // `base`: where `bytes` starts inside the record, so that errors name the record's byte.
  explicit Reader(std::string_view bytes, std::size_t base = 0) : bytes_(bytes), base_(base) {}
  std::size_t at() const noexcept { return at_; }
  bool done() const noexcept { return at_ == bytes_.size(); }
  std::string_view rest() const noexcept { return bytes_.substr(at_); }
  // u8 and uv inline where the byte is there and in range (most numbers are one byte): loading a library
  // reads millions of them.
  std::uint8_t u8(std::uint8_t max, const char* what) {
    if (at_ < bytes_.size() && static_cast<std::uint8_t>(bytes_[at_]) <= max) return static_cast<std::uint8_t>(bytes_[at_++]);
    return u8_checked(max, what);
  }
  std::uint32_t uv(const char* what) {
    if (at_ < bytes_.size() && !(bytes_[at_] & 0x80)) return static_cast<std::uint8_t>(bytes_[at_++]);
    return uv_long(what);
  }
  double f64(const char* what);
  std::string str(const char* what);
  std::optional<engine::Amount> amount(const char* what);
  engine::Node node(std::string_view text, int depth = 0);
  CompiledCriterion criterion();
  std::vector<CompiledCriterion> criteria();
  // What criteria() checks, without building anything (loading keeps the block encoded): bytes that
  // criteria() rejects fail here with the same message. Returns the number of criteria.
  std::uint32_t check_criteria();
  [[noreturn]] void fail(const std::string& message, std::size_t back) const;

 private:
  void skip_str(const char* what) {
    const std::uint32_t n = uv(what);
    need(n, what);
    at_ += n;
  }
  void check_amount(const char* what);
  void check_node(std::size_t text_size, int depth);
  std::uint8_t u8_checked(std::uint8_t max, const char* what);
  std::uint32_t uv_long(const char* what);
  void need(std::size_t n, const char* what) const {
    if (bytes_.size() - at_ < n) end_of_record(what);
  }
  [[noreturn]] void end_of_record(const char* what) const;
  std::string_view bytes_;
  std::size_t base_ = 0;
  std::size_t at_ = 0;
};

}  // namespace trialmatch::matcher::codec

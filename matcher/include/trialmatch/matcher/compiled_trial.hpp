#pragma once
// A compiled trial: its record, its criteria (text, tree, diagnostics) and their trees bound to the lexicon.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "trialmatch/engine/diagnostic.hpp"
#include "trialmatch/engine/evaluate.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/matcher/trial.hpp"

namespace trialmatch::matcher {

struct CompiledCriterion {
  Criterion criterion;
  engine::Node tree;
  engine::Diagnostics diagnostics;
  bool structured = false;  // built from the record's age/sex fields, not from criterion text
};

// The criteria of a compiled trial. Truth and verdicts are read from the trial's bound array alone, so
// only a report (evidence, text, trees) needs the criteria themselves: compile() and the library reader
// keep them encoded (a criteria block of docs/library-format.md, about a seventh of their decoded size) and they are
// decoded the first time something reads them, once, and kept. Reading is thread-safe (concurrent first
// reads decode once); changing the list (push_back) decodes it for good and is not.
class CriterionList {
 public:
  using const_iterator = std::vector<CompiledCriterion>::const_iterator;

  CriterionList() = default;
  CriterionList(std::vector<CompiledCriterion> items);  // NOLINT: implicit, as the vector it replaces
  CriterionList(const CriterionList& other);
  CriterionList(CriterionList&& other) noexcept;
  CriterionList& operator=(const CriterionList& other);
  CriterionList& operator=(CriterionList&& other) noexcept;
  ~CriterionList();

  // A list kept as its encoded criteria block (`count` criteria), as the library reader makes it. The
  // bytes must decode (the reader checks them as decoding would); a block that does not is a programming
  // error (std::logic_error when read).
  static CriterionList encoded(std::string_view block, std::uint32_t count);

  std::size_t size() const noexcept {  // inline: the matching loops ask it per criterion
    if (block_) return count_;
    const auto* items = decoded_.load(std::memory_order_acquire);
    return items ? items->size() : 0;
  }
  bool empty() const noexcept { return size() == 0; }
  const CompiledCriterion& operator[](std::size_t i) const { return items()[i]; }
  const CompiledCriterion& front() const { return items().front(); }
  const CompiledCriterion& back() const { return items().back(); }
  const_iterator begin() const { return items().begin(); }
  const_iterator end() const { return items().end(); }

  // Reading never drops the encoded block; changing the list does (there is no element access to change
  // one criterion in place: build the list again).
  void push_back(CompiledCriterion c) { edit().push_back(std::move(c)); }
  void reserve(std::size_t n) { edit().reserve(n); }

  // Encodes the criteria and drops the decoded ones (what compile() keeps).
  void compact();
  // True where the criteria are kept encoded (then block() is their bytes).
  bool is_encoded() const noexcept { return block_ != nullptr; }
  std::string_view block() const noexcept { return {block_.get(), block_size_}; }
  // Decodes the criteria now where they are not yet (what the first read would do).
  void decode() const { (void)items(); }
  // True where the criteria are decoded now (read once, or never encoded).
  bool is_decoded() const noexcept { return decoded_.load(std::memory_order_acquire) != nullptr; }
  // The leading structured criteria (the record's age/sex limits), decoded alone: the rest is neither
  // decoded nor kept.
  std::vector<CompiledCriterion> structured_prefix() const;

 private:
  const std::vector<CompiledCriterion>& items() const;  // decodes once
  std::vector<CompiledCriterion>& edit();               // decodes, then drops the encoded block
  void reset() noexcept;

  std::unique_ptr<char[]> block_;
  std::uint32_t block_size_ = 0;
  std::uint32_t count_ = 0;  // where encoded
  mutable std::atomic<std::vector<CompiledCriterion>*> decoded_{nullptr};
};

// Immutable after compile(); shared by every patient and thread.
struct CompiledTrial {
  Trial trial;  // the record without its criteria (they live once, below, with their trees)
  CriterionList criteria;  // the structured limits first, then the text criteria in order
  // Every criterion's tree bound to the lexicon, in one array in the criteria's order (each root marked
  // where the criterion is an exclusion): truth without evidence is read from it, without touching the
  // criteria above. Made by compile() and the library reader (against the lexicon given, or
  // Lexicon::builtin()); bind() again after changing `criteria`. Where it does not hold one tree per
  // criterion (a trial built by hand), every tree is evaluated as it is.
  engine::BoundTree bound;
};

// Which criterion of which trial a result is about. The criterion is read (the trial's criteria decoded,
// the first time) only when dereferenced, so results without evidence never decode a trial.
class CriterionRef {
 public:
  CriterionRef() = default;
  CriterionRef(const CompiledTrial* trial, std::uint32_t index) noexcept : trial_(trial), index_(index) {}

  const CompiledCriterion* get() const { return trial_ ? &trial_->criteria[index_] : nullptr; }
  const CompiledCriterion* operator->() const { return get(); }
  const CompiledCriterion& operator*() const { return *get(); }
  explicit operator bool() const noexcept { return trial_ != nullptr; }
  const CompiledTrial* trial() const noexcept { return trial_; }
  std::uint32_t index() const noexcept { return index_; }
  friend bool operator==(const CriterionRef&, const CriterionRef&) = default;

 private:
  const CompiledTrial* trial_ = nullptr;
  std::uint32_t index_ = 0;
};

}  // namespace trialmatch::matcher

// A compiled trial's criteria, kept encoded and decoded on first read (compiled_trial.hpp).
#include <cstring>
#include <stdexcept>
#include <utility>

#include "library_codec.hpp"
#include "trialmatch/matcher/compiled_trial.hpp"

namespace trialmatch::matcher {

namespace {
std::vector<CompiledCriterion>* decode_block(std::string_view block) {
  try {
    codec::Reader reader(block);
    auto items = std::make_unique<std::vector<CompiledCriterion>>(reader.criteria());
    if (!reader.done()) reader.fail("expected the end of the criteria", 0);
    return items.release();
  } catch (const std::runtime_error& e) {
    throw std::logic_error(std::string("a compiled trial's encoded criteria do not decode: ") + e.what());
  }
}
}  // namespace

CriterionList::CriterionList(std::vector<CompiledCriterion> items)
    : decoded_(new std::vector<CompiledCriterion>(std::move(items))) {}

CriterionList::CriterionList(const CriterionList& other) { *this = other; }

CriterionList::CriterionList(CriterionList&& other) noexcept { *this = std::move(other); }

CriterionList& CriterionList::operator=(const CriterionList& other) {
  if (this == &other) return *this;
  reset();
  if (other.block_) {
    // The copy decodes on its own first read.
    block_ = std::make_unique<char[]>(other.block_size_);
    std::memcpy(block_.get(), other.block_.get(), other.block_size_);
    block_size_ = other.block_size_;
    count_ = other.count_;
  } else if (const auto* items = other.decoded_.load(std::memory_order_acquire)) {
    decoded_.store(new std::vector<CompiledCriterion>(*items), std::memory_order_release);
  }
  return *this;
}

CriterionList& CriterionList::operator=(CriterionList&& other) noexcept {
  if (this == &other) return *this;
  reset();
  block_ = std::move(other.block_);
  block_size_ = std::exchange(other.block_size_, 0);
  count_ = std::exchange(other.count_, 0);
  decoded_.store(other.decoded_.exchange(nullptr, std::memory_order_acq_rel), std::memory_order_release);
  return *this;
}

CriterionList::~CriterionList() { reset(); }

void CriterionList::reset() noexcept {
  delete decoded_.exchange(nullptr, std::memory_order_acq_rel);
  block_.reset();
  block_size_ = 0;
  count_ = 0;
}

CriterionList CriterionList::encoded(std::string_view block, std::uint32_t count) {
  CriterionList out;
  out.block_ = std::make_unique<char[]>(block.size());
  std::memcpy(out.block_.get(), block.data(), block.size());
  out.block_size_ = static_cast<std::uint32_t>(block.size());
  out.count_ = count;
  return out;
}

const std::vector<CompiledCriterion>& CriterionList::items() const {
  if (auto* items = decoded_.load(std::memory_order_acquire)) return *items;
  std::vector<CompiledCriterion>* mine =
      block_ ? decode_block(block()) : new std::vector<CompiledCriterion>();
  std::vector<CompiledCriterion>* expected = nullptr;
  if (decoded_.compare_exchange_strong(expected, mine, std::memory_order_acq_rel)) return *mine;
  delete mine;  // another thread decoded first: its copy is the one kept
  return *expected;
}

std::vector<CompiledCriterion>& CriterionList::edit() {
  auto& items = const_cast<std::vector<CompiledCriterion>&>(this->items());
  block_.reset();
  block_size_ = 0;
  count_ = 0;
  return items;
}

void CriterionList::compact() {
  const auto* items = decoded_.load(std::memory_order_acquire);
  if (block_ || !items) return;
  std::string bytes;
  codec::Writer(bytes).criteria(*this);
  *this = encoded(bytes, static_cast<std::uint32_t>(items->size()));
}

std::vector<CompiledCriterion> CriterionList::structured_prefix() const {
  std::vector<CompiledCriterion> out;
  if (const auto* items = decoded_.load(std::memory_order_acquire)) {
    for (const CompiledCriterion& c : *items) {
      if (!c.structured) break;
      out.push_back(c);
    }
    return out;
  }
  if (!block_) return out;
  try {
    codec::Reader reader(block());
    for (std::uint32_t n = reader.uv("a criterion count"); n > 0; --n) {
      CompiledCriterion c = reader.criterion();
      if (!c.structured) break;
      out.push_back(std::move(c));
    }
  } catch (const std::runtime_error& e) {
    throw std::logic_error(std::string("a compiled trial's encoded criteria do not decode: ") + e.what());
  }
  return out;
}

}  // namespace trialmatch::matcher

// Where each value of a parsed document starts in its source: recorded by the parse only when it failed
// (most documents have nothing to report), otherwise found by the token scan when a diagnostic first
// asks, and looked up through an index by address.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "json/parsed_json.h"
#include "json/tokens.h"

namespace backfill::detail {

namespace {

// Visits the first `count` values of the document in pre-order (the order in which the parser
// records their offsets) with each one's index in that order, until `visit` returns false.
template <typename Visit>
void for_each_in_document_order(const Value& root, std::size_t count, Visit visit) {
  std::vector<const Value*> pending{&root};
  std::size_t index = 0;
  while (!pending.empty() && index < count) {
    const Value* value = pending.back();
    pending.pop_back();
    if (!visit(value, index++)) return;
    if (value->IsArray()) {
      for (auto it = value->End(); it != value->Begin();) pending.push_back(&*--it);
    } else if (value->IsObject()) {
      for (auto it = value->MemberEnd(); it != value->MemberBegin();) pending.push_back(&(--it)->value);
    }
  }
}

}  // namespace

void ParsedJson::record_offsets(std::size_t count) const {
  count = std::min(count, value_count_);
  if (offsets_recorded_ || preorder_offsets_.size() >= count) return;
  auto& self = const_cast<ParsedJson&>(*this);
  self.preorder_offsets_.clear();
  self.preorder_offsets_.reserve(count);
  scan_value_offsets(text_, self.preorder_offsets_, count);
  offsets_recorded_ = preorder_offsets_.size() == value_count_;
  if (preorder_offsets_.size() == count) return;
  // Not expected: the scan and the parser disagree on what the values are. Parse again, recording
  // (nothing is built), so that positions stay exact whatever the scan missed.
  offsets_recorded_by_parsing();
}

std::vector<std::size_t> ParsedJson::offsets_of(const std::vector<const Value*>& values) const {
  std::vector<std::size_t> offsets(values.size(), 0);
  if (values.empty()) return offsets;
  if (!offset_index_.empty()) {
    for (std::size_t i = 0; i < values.size(); ++i) offsets[i] = offset_of(values[i]);
    return offsets;
  }
  // A string parsed in situ is where it was in the text (its quote just before it): found without
  // a walk or a scan, which a flood of findings on strings would otherwise pay for.
  std::vector<std::pair<const Value*, std::size_t>> wanted;  // (value, index into values), by address
  wanted.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!in_situ_offset(values[i], offsets[i])) wanted.emplace_back(values[i], i);
  }
  if (wanted.empty()) return offsets;
  // The others: each one's index in document order, from a walk that stops at the last of them;
  // then offsets up to that index only.
  const auto by_address = [](const auto& a, const auto& b) { return std::less<const Value*>()(a.first, b.first); };
  std::sort(wanted.begin(), wanted.end(), by_address);
  std::vector<std::size_t> order(values.size(), value_count_);  // value_count_: not in this document
  std::size_t left = wanted.size(), last = 0;
  for_each_in_document_order(document_, value_count_, [&](const Value* value, std::size_t index) {
    auto it =
        std::lower_bound(wanted.begin(), wanted.end(), std::pair<const Value*, std::size_t>{value, 0}, by_address);
    for (; it != wanted.end() && it->first == value; ++it) {
      order[it->second] = index;
      last = index;
      --left;
    }
    return left > 0;
  });
  record_offsets(last + 1);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (order[i] < preorder_offsets_.size()) offsets[i] = preorder_offsets_[order[i]];
  }
  return offsets;
}

bool ParsedJson::in_situ_start(const char* string, std::size_t& offset) const {
  if (!in_situ_ || string == nullptr) return false;
  // Compared as integers: pointers into different objects are not ordered.
  const auto at = reinterpret_cast<std::uintptr_t>(string), begin = reinterpret_cast<std::uintptr_t>(source_.data());
  if (at <= begin || at - begin > text_.size()) return false;
  offset = static_cast<std::size_t>(at - begin);
  return true;
}

bool ParsedJson::in_situ_offset(const Value* value, std::size_t& offset) const {
  if (value == nullptr || !value->IsString() || !in_situ_start(value->GetString(), offset)) return false;
  --offset;  // its opening quote
  return true;
}

bool ParsedJson::offset_after_name(std::string_view name, std::size_t& offset) const {
  // The copy parsed in situ has the text's offsets: the name starts after its quote there, and in the
  // text it is still as written (escapes make it longer, never shorter).
  std::size_t i = 0;
  if (!in_situ_start(name.data(), i) || text_[i - 1] != '"') return false;
  while (i < text_.size() && text_[i] != '"') i += text_[i] == '\\' ? 2 : 1;
  const auto skip_space = [&] {
    while (i < text_.size() && is_json_space(text_[i])) ++i;
  };
  ++i;
  skip_space();
  if (i >= text_.size() || text_[i] != ':') return false;
  ++i;
  skip_space();
  if (i >= text_.size()) return false;
  offset = i;
  return true;
}

std::size_t ParsedJson::offset_of(const Value* target) const {
  record_offsets(value_count_);
  if (offset_index_.empty() && !preorder_offsets_.empty()) {
    offset_index_.reserve(preorder_offsets_.size());
    for_each_in_document_order(document_, preorder_offsets_.size(), [&](const Value* value, std::size_t index) {
      offset_index_.emplace_back(value, preorder_offsets_[index]);
      return true;
    });
    std::sort(offset_index_.begin(), offset_index_.end(),
              [](const auto& a, const auto& b) { return std::less<const Value*>()(a.first, b.first); });
  }
  const auto before = [](const auto& entry, const Value* v) { return std::less<const Value*>()(entry.first, v); };
  const auto found = std::lower_bound(offset_index_.begin(), offset_index_.end(), target, before);
  return found == offset_index_.end() || found->first != target ? 0 : found->second;
}

}  // namespace backfill::detail

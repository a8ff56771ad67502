// Request rules for CreateBackfilledMaintenanceRequest. The contract (API reference, "updates"):
// "Exactly two updates are required: the start (in_progress) and the end (completed)."
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>

#include "rules/context.h"
#include "formats/uuid.h"

namespace backfill::detail {

namespace {

constexpr std::string_view kUpdatesPointer = "/data/attributes/updates";

std::string update_pointer(std::size_t index, std::string_view member_name = {}) {
  std::string pointer(kUpdatesPointer);
  append_pointer_index(pointer, index);
  if (!member_name.empty()) append_pointer_token(pointer, member_name);
  return pointer;
}

// ASCII case folding (what std::tolower does in the C locale, without a libc call per byte and
// without depending on the process locale): UUIDs differ in case only in their hex digits.
unsigned char fold(char c) noexcept { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); }

bool folded_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

// A component id. Ids compare case-insensitively; a UUID (nearly always) is compared by its
// UuidKey, which is that comparison done in five integer compares instead of 36 folded bytes (a
// large request lists a thousand components). Other ids are rare (uuid-format reports them) and
// compare as folded text; folding keeps a UUID a UUID, so the two kinds never equal each other.
struct ComponentId {
  UuidKey key;
  std::string_view text;
  bool uuid;
  rapidjson::SizeType position;  // index in components_affected

  bool same_id(const ComponentId& other) const noexcept {
    return uuid == other.uuid && (uuid ? key == other.key : folded_equal(text, other.text));
  }
  std::uint64_t hash(std::uint64_t seed) const noexcept {
    if (uuid) {  // chained, so that no part of the key can cancel another without the seed
      std::uint64_t h = mix(key.words[0] ^ seed);
      for (int w = 1; w < 4; ++w) h = mix(h ^ key.words[w]);
      return mix(h ^ key.tail);
    }
    // 8 folded bytes at a time (the last word zero-padded): a flood of ids that are not UUIDs (each
    // already a uuid-format error) must not cost a multiplication per byte.
    std::uint64_t h = mix(seed ^ text.size());
    for (std::size_t i = 0; i < text.size(); i += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, std::min<std::size_t>(8, text.size() - i));
      h = mix(h ^ fold_word(word));
    }
    return h;
  }
  // fold() on each byte of a word: 0x20 added to the bytes 'A' to 'Z'.
  static std::uint64_t fold_word(std::uint64_t w) noexcept {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    const std::uint64_t low = w & ~kHighs;                    // each byte below 0x80, without carries
    const std::uint64_t from_a = low + kOnes * (0x80 - 'A');  // high bit: at least 'A'
    const std::uint64_t past_z = low + kOnes * (0x7F - 'Z');  // high bit: past 'Z'
    const std::uint64_t upper = from_a & ~past_z & ~w & kHighs;
    return w | (upper >> 2);
  }
  // MurmurHash3's finalizer: a bijection that spreads every input bit over the whole word.
  static std::uint64_t mix(std::uint64_t x) noexcept {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
  }
};

// Ids come from the document: with a fixed hash, crafted ids could all land in one slot and make
// the table quadratic. A seed chosen per process (address layout and clock) keeps that out of an
// author's reach; results never depend on it (entries are visited in list order).
std::uint64_t hash_seed() noexcept {
  static const std::uint64_t seed =
      ComponentId::mix(static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
                       static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&seed)));
  return seed;
}

ComponentId component_id(std::string_view text, rapidjson::SizeType position) noexcept {
  ComponentId id{{}, text, false, position};
  id.uuid = parse_uuid(text, id.key);
  return id;
}

// An update's components: each one's id and status, read once; the string ids in list order; and
// a hash table from id to the first entry with it (for more than a few): linear in the number of
// components, where sorting them was the most expensive step in validating a large request.
class ComponentIndex {
 public:
  ComponentIndex() = default;
  explicit ComponentIndex(const Value& components) {
    ids_.reserve(components.Size());
    listed_.resize(components.Size());
    for (rapidjson::SizeType c = 0; c < components.Size(); ++c) {
      Listed& listed = listed_[c];
      if (!components[c].IsObject()) continue;
      // One pass over the members for both (the first of each name counts, as with member()).
      const Value* id = nullptr;
      const Value* status = nullptr;
      for (const auto& m : components[c].GetObject()) {
        const std::string_view name = text_of(m.name);
        if (id == nullptr && name == "id")
          id = &m.value;
        else if (status == nullptr && name == "status")
          status = &m.value;
      }
      listed.id = id && id->IsString() ? id : nullptr;
      listed.status = status && status->IsString() ? status : nullptr;
      if (listed.id != nullptr) {
        ids_.push_back(component_id(text_of(*listed.id), c));
        all_uuids_ = all_uuids_ && ids_.back().uuid;
      }
    }
    if (ids_.size() <= kLinearUpTo) return;
    std::size_t size = 16;
    while (size < 2 * ids_.size()) size *= 2;
    slots_.assign(size, 0);
  }

  /// A component's "id" and "status" when they are strings (else nullptr), by position.
  struct Listed {
    const Value* id = nullptr;
    const Value* status = nullptr;
  };
  const Listed& at(rapidjson::SizeType position) const noexcept { return listed_[position]; }
  /// The components with a string id, in list order.
  const std::vector<ComponentId>& ids() const noexcept { return ids_; }
  bool all_uuids() const noexcept { return all_uuids_; }

  /// Adds ids()[i] (call for every i in order); returns the entry it repeats, or nullptr.
  const ComponentId* add(std::size_t i) {
    if (slots_.empty()) {
      for (std::size_t j = 0; j < i; ++j) {
        if (ids_[j].same_id(ids_[i])) return &ids_[j];
      }
      return nullptr;
    }
    std::size_t& slot = find_slot(ids_[i]);
    if (slot == 0) {
      slot = i + 1;
      return nullptr;
    }
    return &ids_[slot - 1];
  }
  /// After every add(): the first entry with `key`'s id, or nullptr.
  const ComponentId* first(const ComponentId& key) const {
    if (slots_.empty()) {
      for (const ComponentId& id : ids_) {
        if (id.same_id(key)) return &id;
      }
      return nullptr;
    }
    const std::size_t slot = const_cast<ComponentIndex*>(this)->find_slot(key);
    return slot == 0 ? nullptr : &ids_[slot - 1];
  }

 private:
  std::size_t& find_slot(const ComponentId& key) {
    const std::size_t mask = slots_.size() - 1;  // at most half full: a probe always ends
    for (std::size_t at = key.hash(seed_) & mask;; at = (at + 1) & mask) {
      if (slots_[at] == 0 || ids_[slots_[at] - 1].same_id(key)) return slots_[at];
    }
  }

  // A short list is searched directly: cheaper than hashing, and no table to allocate.
  static constexpr std::size_t kLinearUpTo = 16;
  std::vector<Listed> listed_;
  std::vector<ComponentId> ids_;
  std::vector<std::size_t> slots_;  // 1 + index into ids_; 0: empty; unused for a short list
  bool all_uuids_ = true;
  std::uint64_t seed_ = hash_seed();
};

// BF2001: exactly two updates.
void check_updates_count(const RuleContext& context, const Value& updates) {
  if (updates.Size() == 2) return;
  context.report(Code::updates_count, &updates, std::string(kUpdatesPointer),
                 "updates holds " + std::to_string(updates.Size()) + (updates.Size() == 1 ? " item" : " items") +
                     "; exactly two are required: the start (in_progress) and the end (completed)");
}

// BF2002: first in_progress, second completed.
void check_status_order(const RuleContext& context, const Value& updates) {
  static constexpr std::string_view kExpected[] = {"in_progress", "completed"};
  static constexpr std::string_view kRole[] = {"first update (the start)", "second update (the end)"};
  for (rapidjson::SizeType i = 0; i < std::min<rapidjson::SizeType>(updates.Size(), 2); ++i) {
    const Value* status = string_member(&updates[i], "status");
    if (status == nullptr || text_of(*status) == kExpected[i]) continue;
    context.report(Code::updates_status_order, status, update_pointer(i, "status"),
                   "the " + std::string(kRole[i]) + " has status " + quote_value(*status) + "; it must be \"" +
                       std::string(kExpected[i]) + "\"");
  }
}

// BF2003 and BF2009: started_at strictly increasing as instants; the end not after now.
void check_started_at(const RuleContext& context, const Value& updates) {
  if (updates.Size() < 2) return;
  const Value* first = string_member(&updates[0], "started_at");
  const Value* second = string_member(&updates[1], "started_at");
  if (second == nullptr) return;
  const DateTimeParse end = parse_date_time(text_of(*second));
  if (!end.instant) return;  // reported by date-time-format
  const Instant finish = *end.instant;
  if (first != nullptr) {
    const DateTimeParse begin = parse_date_time(text_of(*first));
    if (begin.instant && finish <= *begin.instant) {
      context.report(Code::started_at_order, second, update_pointer(1, "started_at"),
                     "the second update starts at " + quote_value(*second) +
                         (finish == *begin.instant ? ", the same instant as" : ", before") + " the first update's " +
                         quote_value(*first) + "; it must be strictly later");
    }
  }
  if (finish > context.now) {
    context.report(Code::completed_in_future, second, update_pointer(1, "started_at"),
                   "the maintenance completes at " + quote_value(*second) + ", after now (" +
                       format_instant(context.now) + "); a backfill records a maintenance that already happened");
  }
}

// BF2006 component statuses; BF2007 duplicates within an update.
void check_components(const RuleContext& context, const Value& components, ComponentIndex& index, std::size_t update) {
  for (rapidjson::SizeType c = 0; c < components.Size(); ++c) {
    const Value* status = index.at(c).status;
    if (status == nullptr) continue;
    const std::string_view s = text_of(*status);
    if (s != "operational" && s != "maintenance") {
      context.report_lazily(Code::component_status, status, [&] {
        std::string pointer = update_pointer(update, "components_affected");
        append_pointer_index(pointer, c);
        return FindingText{pointer + "/status",
                           quote_value(*status) +
                               " is not a status of a component under maintenance; expected "
                               "\"operational\" or \"maintenance\"",
                           {}};
      });
    }
  }
  // Each repeat is reported against the previous copy (a third copy against the second).
  std::vector<rapidjson::SizeType> latest;  // by index in ids(): the latest copy of a repeated id
  for (std::size_t i = 0; i < index.ids().size(); ++i) {
    const ComponentId* repeated = index.add(i);
    if (repeated == nullptr) continue;
    if (latest.empty()) latest.resize(index.ids().size());
    const std::size_t first = static_cast<std::size_t>(repeated - index.ids().data());
    const rapidjson::SizeType earlier = latest[first] != 0 ? latest[first] : repeated->position;
    const rapidjson::SizeType later = index.ids()[i].position;
    latest[first] = later;
    const Value* id = index.at(later).id;
    context.report_lazily(Code::component_duplicate, id, [&] {
      std::string pointer = update_pointer(update, "components_affected");
      append_pointer_index(pointer, later);
      return FindingText{pointer + "/id",
                         "component " + quote_value(*id) + " is already listed at index " + std::to_string(earlier) +
                             " of this update; list each component once",
                         {}};
    });
  }
}

// BF2008: a component put in maintenance at the start is operational at the end.
void check_components_restored(const RuleContext& context, const ComponentIndex& at_start, const Value& end,
                               const ComponentIndex& at_end) {
  // An unreadable id at completion may be the missing component: its own diagnostic suffices.
  if (!at_end.all_uuids()) return;
  for (const ComponentId& key : at_start.ids()) {
    const Value* status = at_start.at(key.position).status;
    if (status == nullptr || text_of(*status) != "maintenance") continue;
    const Value& id = *at_start.at(key.position).id;
    const ComponentId* restored = at_end.first(key);
    if (restored == nullptr) {
      context.report_lazily(Code::component_not_restored, &end, [&] {
        return FindingText{update_pointer(1, "components_affected"),
                           "component " + quote_value(id) +
                               " is in maintenance at the start but not listed at "
                               "completion; list it with status \"operational\"",
                           {}};
      });
      continue;
    }
    const Value* end_status = at_end.at(restored->position).status;
    if (end_status && text_of(*end_status) == "maintenance") {
      context.report_lazily(Code::component_not_restored, end_status, [&] {
        std::string pointer = update_pointer(1, "components_affected");
        append_pointer_index(pointer, restored->position);
        return FindingText{pointer + "/status",
                           "component " + quote_value(id) +
                               " is still in maintenance at completion; expected "
                               "\"operational\"",
                           {}};
      });
    }
  }
}

}  // namespace

void check_request_rules(const RuleContext& context) {
  const Value* data = member(context.root, "data");
  const Value* attributes = data ? member(*data, "attributes") : nullptr;
  const Value* updates = attributes ? member(*attributes, "updates") : nullptr;
  if (updates == nullptr || !updates->IsArray()) return;
  check_updates_count(context, *updates);
  check_status_order(context, *updates);
  check_started_at(context, *updates);
  // Each update's component ids are indexed once, for both component rules.
  ComponentIndex indexes[2];
  const Value* lists[2] = {nullptr, nullptr};
  for (rapidjson::SizeType i = 0; i < updates->Size(); ++i) {
    const Value* components = (*updates)[i].IsObject() ? member((*updates)[i], "components_affected") : nullptr;
    if (components == nullptr || !components->IsArray()) continue;
    ComponentIndex index(*components);
    check_components(context, *components, index, i);
    if (i < 2) {
      lists[i] = components;
      indexes[i] = std::move(index);
    }
  }
  if (lists[0] != nullptr && lists[1] != nullptr) check_components_restored(context, indexes[0], *lists[1], indexes[1]);
}

bool rule_subsumes(Code rule, std::string_view keyword) noexcept {
  switch (rule) {
    case Code::updates_count: return keyword == "minItems" || keyword == "maxItems";
    case Code::updates_status_order:
    case Code::component_status:
    case Code::relationship_type:
    case Code::maintenance_status: return keyword == "enum";
    default: return false;
  }
}

}  // namespace backfill::detail

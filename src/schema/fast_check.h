// The fast check: the schema model evaluated directly on a parsed document. It decides "valid or
// not" with no messages, no context paths and no allocation, and names the common failures exactly
// as the reference validator's mapping does. It answers only for a model that is checkable(), and
// says "unknown" where it does not go (an instance deeper than it recurses): the reference
// validator decides then, so there is never a silent pass.
#pragma once

#include <cstdint>

#include "json/json.h"
#include "json/value_path.h"
#include "schema/model.h"

namespace backfill::detail {

class Findings;
class WalkReporter;

class FastCheck {
 public:
  enum class Verdict : std::uint8_t { valid, invalid, unknown };

  /// `model` must outlive this.
  explicit FastCheck(const SchemaModel& model) noexcept : model_(&model) {}
  /// True when the model is one this check implements.
  bool usable() const noexcept { return model_->checkable(); }

  /// The reference validator's verdict on `instance` (strong types; formats are the walk's), or
  /// unknown; never throws.
  Verdict check(const Value& instance) const noexcept;
  /// check(), also setting `walk_may_report` from the same pass: false only when the instance is
  /// valid and the schema walk certainly has nothing to report on it (no applicator on the way and
  /// no repeated names: the common case). `request`: whether the walk reports read-only members.
  Verdict check(const Value& instance, bool request, bool& walk_may_report) const noexcept;
  /// check(), also reporting through `walk` what the schema walk would report, from the same pass:
  /// `walk_needed` is false when those reports are the walk's (the instance is valid and the pass
  /// followed all of it: no applicator on the way, no repeated names); otherwise they are partial,
  /// for the caller to drop before it runs the walk.
  Verdict check(const Value& instance, const WalkReporter& walk, bool& walk_needed) const;

  /// The failures of `instance`, into `findings` (texts only as Findings decides). With
  /// `best_effort` it never gives up: where it cannot be sure to word a failure as the reference
  /// validator would, it names it in its own words (a keyword and a value, always), skips a repeated
  /// name's later occurrences, and returns true; the caller then needs no reference report, whose
  /// memory grows with every failure it collects. Without it, it returns false for anything but
  /// type, enum, required, minItems and maxItems failures outside any applicator, one keyword per
  /// value (the findings added are then the caller's to drop).
  bool report_failures(const Value& instance, Findings& findings, bool best_effort) const;

 private:
  struct Probe;
  struct Collector;
  // Throws only what a probe's reporter throws (out of memory).
  Verdict check(NodeId id, const Value& value, unsigned depth, Probe* probe = nullptr) const;
  bool collect(NodeId id, const Value& value, Collector& collector, unsigned depth) const;

  const SchemaModel* model_;
};

}  // namespace backfill::detail

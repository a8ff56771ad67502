// backfill-check: build a valid Create-backfilled-maintenance request from plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "backfill/export.h"
#include "backfill/formats.h"
#include "backfill/validate.h"

namespace backfill {

/// A component's status in one update of a maintenance.
enum class ComponentStatus : std::uint8_t {
  operational,  ///< Working normally (the usual status at completion).
  maintenance,  ///< Under maintenance (the usual status at the start).
};

/// What RequestBuilder::build() made: the request body, or the report saying why there is none.
struct BuiltRequest {
  std::string json;  ///< The serialised request (compact JSON); empty when `report` has an error.
  Report report;     ///< What validating the request found; warnings are kept when it is built.

  /// True when the request was built, i.e. the report has no error.
  bool ok() const noexcept { return !json.empty(); }
};

/// Makes a CreateBackfilledMaintenanceRequest from plain values. build() validates the request it
/// serialises with the library's own rules and hands out the JSON only when there is no error, so an
/// invalid request (end not after start, a bad UUID, a malformed date-time) is reported, not built.
class BACKFILL_API RequestBuilder {
 public:
  /// The maintenance title, e.g. "Past Database Maintenance".
  RequestBuilder& title(std::string title) noexcept;

  /// A component affected by the maintenance: its UUID, its status in the first update (usually
  /// maintenance) and in the second (usually operational).
  RequestBuilder& component(std::string id, ComponentStatus at_start = ComponentStatus::maintenance,
                            ComponentStatus at_end = ComponentStatus::operational) noexcept;

  /// When the maintenance started (RFC 3339 date-time) and the description of the in_progress update.
  RequestBuilder& start(std::string started_at, std::string description) noexcept;
  /// When the maintenance started (written in UTC) and the description of the in_progress update.
  RequestBuilder& start(const Instant& started_at, std::string description) noexcept;

  /// When the maintenance completed (RFC 3339 date-time) and the description of the completed update.
  RequestBuilder& end(std::string completed_at, std::string description) noexcept;
  /// When the maintenance completed (written in UTC) and the description of the completed update.
  RequestBuilder& end(const Instant& completed_at, std::string description) noexcept;

  /// Serialises the request and validates it with `options` (its kind is forced to request).
  BuiltRequest build(const Options& options = {}) const noexcept;
  /// As above, with a caller's Validator (which holds the compiled schemas).
  BuiltRequest build(const Validator& validator, const Options& options = {}) const noexcept;

 private:
  /// One entry of components_affected, for both updates.
  struct Component {
    std::string id;            ///< The component's UUID.
    ComponentStatus at_start;  ///< Its status in the in_progress update.
    ComponentStatus at_end;    ///< Its status in the completed update.
  };
  /// One update: when it happened and what it says.
  struct Update {
    std::string started_at;   ///< RFC 3339 date-time (validated at build()).
    std::string description;  ///< The update's text.
  };

  /// The request as compact JSON, members in the documentation's order.
  std::string serialise() const;
  /// build() with `validator`, or the process-wide one when null.
  BuiltRequest build_with(const Validator* validator, const Options& options) const noexcept;
  /// Pairs the report with the JSON, dropping the JSON when the report has an error.
  static BuiltRequest finish(Report report, std::string json) noexcept;

  std::string title_;
  std::vector<Component> components_;
  Update start_;
  Update end_;
  bool out_of_memory_ = false;  // a setter could not store its value; build() reports BF0001
};

}  // namespace backfill

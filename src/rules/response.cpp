// Response rules for the 201 `Maintenance` body of Create backfilled maintenance. What the recorded
// live API does beyond the spec is a warning (spec-deviation).
#include <algorithm>

#include "rules/context.h"

namespace backfill::detail {

namespace {

std::optional<Instant> instant_of(const Value* value) {
  return value && value->IsString() ? parse_date_time(text_of(*value)).instant : std::nullopt;
}

constexpr std::string_view kAttributes = "/data/attributes";

// BF3001, BF3006: a backfilled maintenance is returned completed and, when said, backfilled.
void check_status(const RuleContext& context, const Value& attributes) {
  if (const Value* status = string_member(&attributes, "status"); status && text_of(*status) != "completed") {
    context.report(
        Code::maintenance_status, status, std::string(kAttributes) + "/status",
        "a backfilled maintenance is returned with status " + quote_value(*status) + "; expected \"completed\"");
  }
  if (const Value* flag = member(attributes, "is_backfilled"); flag && flag->IsBool() && !flag->GetBool()) {
    context.report(Code::not_backfilled, flag, std::string(kAttributes) + "/is_backfilled",
                   "is_backfilled is false in the answer to Create backfilled maintenance; expected true");
  }
}

// BF3002-BF3005: updates in order; start_date and completed_date agree with them.
void check_dates(const RuleContext& context, const Value& attributes) {
  const Value* updates = member(attributes, "updates");
  const Value* first = nullptr;
  const Value* last = nullptr;
  if (updates && updates->IsArray()) {
    std::optional<Instant> previous;
    const Value* previous_text = nullptr;
    for (rapidjson::SizeType i = 0; i < updates->Size(); ++i) {
      const Value* started = string_member(&(*updates)[i], "started_at");
      const auto instant = instant_of(started);
      if (!instant) continue;
      if (first == nullptr) first = started;
      last = started;
      if (previous && *instant < *previous) {
        std::string pointer = std::string(kAttributes) + "/updates";
        append_pointer_index(pointer, i);
        context.report(Code::response_updates_order, started, pointer + "/started_at",
                       "update " + std::to_string(i) + " started at " + quote_value(*started) +
                           ", before the previous update's " + quote_value(*previous_text) +
                           "; updates are listed in the order they happened");
      }
      previous = instant;
      previous_text = started;
    }
  }
  const Value* start_date = string_member(&attributes, "start_date");
  const Value* completed_date = string_member(&attributes, "completed_date");
  const auto start = instant_of(start_date);
  const auto completed = instant_of(completed_date);
  if (start && first && *start != *instant_of(first)) {
    context.report(
        Code::start_date_mismatch, start_date, std::string(kAttributes) + "/start_date",
        "start_date " + quote_value(*start_date) + " is not the first update's started_at " + quote_value(*first));
  }
  if (completed && last && *completed != *instant_of(last)) {
    context.report(Code::completed_date_mismatch, completed_date, std::string(kAttributes) + "/completed_date",
                   "completed_date " + quote_value(*completed_date) + " is not the last update's started_at " +
                       quote_value(*last));
  }
  if (start && completed && *completed < *start) {
    context.report(
        Code::completed_before_start, completed_date, std::string(kAttributes) + "/completed_date",
        "completed_date " + quote_value(*completed_date) + " is before start_date " + quote_value(*start_date));
  }
}

struct Role {
  std::string_view name;
  std::string_view type;
};
constexpr Role kRoles[] = {{"created_by_user", "users"},
                           {"last_modified_by_user", "users"},
                           {"status_page", "status_pages"},
                           {"template", "maintenance_templates"}};

// BF3009 relationship types; BF3007 and BF3008 included resources.
void check_relationships(const RuleContext& context, const Value& data) {
  const Value* relationships = object_member(&data, "relationships");
  std::vector<std::pair<std::string, std::string>> named;  // type, id
  if (relationships) {
    for (const Role& role : kRoles) {
      const Value* target = object_member(object_member(relationships, role.name), "data");
      const Value* type = string_member(target, "type");
      const Value* id = string_member(target, "id");
      if (type && text_of(*type) != role.type) {
        context.report(Code::relationship_type, type, "/data/relationships/" + std::string(role.name) + "/data/type",
                       std::string(role.name) + " names a resource of type " + quote_value(*type) + "; expected \"" +
                           std::string(role.type) + "\"");
      }
      if (type && id) named.emplace_back(std::string(text_of(*type)), std::string(text_of(*id)));
    }
  }
  const Value* included = member(context.root, "included");
  if (included == nullptr || !included->IsArray()) return;
  std::vector<std::pair<std::string, std::string>> seen;
  for (rapidjson::SizeType i = 0; i < included->Size(); ++i) {
    const Value& item = (*included)[i];
    const Value* type = string_member(&item, "type");
    const Value* id = string_member(&item, "id");
    if (type == nullptr || id == nullptr) continue;
    std::pair<std::string, std::string> key{std::string(text_of(*type)), std::string(text_of(*id))};
    std::string pointer = "/included";
    append_pointer_index(pointer, i);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      context.report(Code::included_duplicate, &item, pointer,
                     "resource " + key.first + " " + quote_value(*id) + " is included more than once");
      continue;
    }
    seen.push_back(key);
    if (std::find(named.begin(), named.end(), key) == named.end()) {
      context.report(
          Code::included_unreferenced, &item, pointer,
          "included resource " + key.first + " " + quote_value(*id) + " is not named by any of data.relationships");
    }
  }
}

// BF3010: the live API's nulls and empty strings, accepted with a warning.
void check_spec_deviations(const RuleContext& context, const Value& attributes) {
  if (const Value* scheduled = string_member(&attributes, "scheduled_description");
      scheduled && scheduled->GetStringLength() == 0) {
    context.report(Code::spec_deviation, scheduled, std::string(kAttributes) + "/scheduled_description",
                   "scheduled_description is an empty string, as the live API returns for a backfill; the spec "
                   "describes a description here");
  }
  const Value* included = member(context.root, "included");
  if (included == nullptr || !included->IsArray()) return;
  for (rapidjson::SizeType i = 0; i < included->Size(); ++i) {
    const Value* type = string_member(&(*included)[i], "type");
    const Value* attrs = object_member(&(*included)[i], "attributes");
    if (type == nullptr || text_of(*type) != "status_pages" || attrs == nullptr) continue;
    for (std::string_view name : {"company_logo", "custom_domain", "email_header_image", "favicon"}) {
      const Value* value = member(*attrs, name);
      if (value == nullptr || !value->IsNull()) continue;
      std::string pointer = "/included";
      append_pointer_index(pointer, i);
      pointer += "/attributes/";
      pointer += name;
      context.report(Code::spec_deviation, value, pointer,
                     std::string(name) + " is null, as the live API returns when it is unset; the spec says string");
    }
  }
}

}  // namespace

void check_response_rules(const RuleContext& context) {
  const Value* data = object_member(&context.root, "data");
  if (data == nullptr) return;
  if (const Value* attributes = object_member(data, "attributes")) {
    check_status(context, *attributes);
    check_dates(context, *attributes);
    check_spec_deviations(context, *attributes);
  }
  check_relationships(context, *data);
}

}  // namespace backfill::detail

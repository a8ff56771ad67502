// The mock's 201 body: the Maintenance the live API makes from a valid request, in the member order
// and formats of the recorded exchange (shared/reference/cassettes). Nullable members the live API
// sends as null (BF3010 warnings) are left out, so every body is valid even under --strict.
#include <iterator>
#include <random>
#include <unordered_map>

#include <fmt/format.h>

#include "backfill/endpoint.h"
#include "backfill/render.h"
#include "json/json.h"

namespace backfill {

namespace {

using detail::string_member;
using detail::text_of;
using detail::Value;
constexpr auto at = detail::member_at;

// The live API writes instants in UTC with microseconds; requests are echoed with their own
// precision, in UTC (the same instant, which is what the exchange rules compare).
std::string utc(std::string_view date_time) {
  const DateTimeParse parsed = parse_date_time(date_time);
  return parsed.instant ? format_instant(*parsed.instant) : std::string(date_time);
}

std::string quoted(std::string_view text) { return '"' + json_escape(text) + '"'; }

// Component names: the mock's status page names each component by its first appearance.
struct Components {
  std::vector<std::string_view> ids;
  std::unordered_map<std::string, std::size_t> index;  // lower-case id -> position

  std::size_t position(std::string_view id) {
    std::string key(id);
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto [it, added] = index.emplace(std::move(key), ids.size());
    if (added) ids.push_back(id);
    return it->second;
  }
};

void append_components(std::string& out, const Value* list, Components& components) {
  out += '[';
  if (list != nullptr && list->IsArray()) {
    bool first = true;
    for (const Value& c : list->GetArray()) {
      const std::string_view id = text_of(*string_member(&c, "id"));
      fmt::format_to(std::back_inserter(out), R"({}{{"id":{},"name":"Component {}","status":{}}})", first ? "" : ",",
                     quoted(id), components.position(id) + 1, quoted(text_of(*string_member(&c, "status"))));
      first = false;
    }
  }
  out += ']';
}

std::string user_relationship(std::string_view user_id) {
  return fmt::format(R"({{"data":{{"id":"{}","type":"users"}}}})", user_id);
}

std::string included_user(std::string_view user_id) {
  return fmt::format(R"({{"type":"users","id":"{0}","attributes":{{"email":"mock@backfill-check.invalid",)"
                     R"("handle":"mock@backfill-check.invalid","icon":"https://secure.gravatar.com/avatar/0",)"
                     R"("name":"backfill-check mock","uuid":"{0}"}}}})",
                     user_id);
}

std::string included_page(std::string_view page_id, std::string_view user_id, const Components& components,
                          const std::string& now) {
  std::string out = fmt::format(R"({{"id":{},"type":"status_pages","attributes":{{"components":[{{"id":"{}",)"
                                R"("name":"Application","type":"group","position":0,"components":[)",
                                quoted(page_id), random_uuid());
  for (std::size_t i = 0; i < components.ids.size(); ++i) {
    fmt::format_to(std::back_inserter(out),
                   R"({}{{"id":{},"name":"Component {}","type":"component","status":"operational","position":{}}})",
                   i ? "," : "", quoted(components.ids[i]), i + 1, i);
  }
  fmt::format_to(std::back_inserter(out),
                 R"(]}}],"created_at":"{0}","custom_domain_enabled":false,"domain_prefix":"backfill-check-mock",)"
                 R"("enabled":true,"modified_at":"{0}","name":"Mock Status Page",)"
                 R"("page_url":"https://backfill-check.invalid/status-pages/{1}/view","subscriptions_enabled":false,)"
                 R"("type":"internal","visualization_type":"bars_and_uptime_percentage"}},)"
                 R"("relationships":{{"created_by_user":{2},"last_modified_by_user":{2}}}}})",
                 now, json_escape(page_id), user_relationship(user_id));
  return out;
}

}  // namespace

std::string random_uuid() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  const std::uint64_t high = (generator() & ~0xF000ull) | 0x4000ull;                 // version 4
  const std::uint64_t low = (generator() & ~(0xC000ull << 48)) | (0x8000ull << 48);  // variant 10
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF, high & 0xFFFF, low >> 48,
                     low & 0xFFFFFFFFFFFFull);
}

std::string mock_maintenance(std::string_view request, std::string_view page_id, std::string_view include,
                             std::string_view user_id, const Instant& now_instant) {
  detail::ParsedJson parsed;
  detail::ParseError error;
  if (!parsed.parse(request, request.size(), 1000, error)) return {};
  const Value* attributes = at(at(&parsed.root(), "data"), "attributes");
  const Value& updates = *at(attributes, "updates");
  const Value& first = updates[0];
  const Value& last = updates[updates.Size() - 1];
  const std::string now = format_instant(now_instant);
  const std::string start = utc(text_of(*string_member(&first, "started_at")));
  const std::string end = utc(text_of(*string_member(&last, "started_at")));
  Components components;

  std::string out = fmt::format(R"({{"data":{{"id":"{}","type":"maintenances","attributes":{{"completed_date":"{}",)"
                                R"("completed_description":{},"components_affected":)",
                                random_uuid(), end, quoted(text_of(*string_member(&last, "description"))));
  std::string update_list = "[";
  for (rapidjson::SizeType i = 0; i < updates.Size(); ++i) {  // components named in update order
    const Value& update = updates[i];
    fmt::format_to(std::back_inserter(update_list),
                   R"({}{{"id":"{}","created_at":"{}","modified_at":"{}","started_at":"{}","manual_transition":false,)"
                   R"("status":{},"description":{},"components_affected":)",
                   i ? "," : "", random_uuid(), now, now, utc(text_of(*string_member(&update, "started_at"))),
                   quoted(text_of(*string_member(&update, "status"))),
                   quoted(text_of(*string_member(&update, "description"))));
    append_components(update_list, at(&update, "components_affected"), components);
    update_list += '}';
  }
  update_list += ']';
  append_components(out, at(&last, "components_affected"), components);
  fmt::format_to(std::back_inserter(out),
                 R"(,"in_progress_description":{},"modified_at":"{}","published_date":"{}","start_date":"{}",)"
                 R"("status":"completed","title":{},"updates":{}}},"relationships":{{"created_by_user":{},)"
                 R"("last_modified_by_user":{},"status_page":{{"data":{{"id":{},"type":"status_pages"}}}}}}}})",
                 quoted(text_of(*string_member(&first, "description"))), now, start, start,
                 quoted(text_of(*string_member(attributes, "title"))), update_list, user_relationship(user_id),
                 user_relationship(user_id), quoted(page_id));

  // included: each resource the include list names, once, in the list's order.
  std::string included;
  bool user_added = false, page_added = false;
  for (std::size_t pos = 0; pos < include.size();) {
    const std::size_t stop = std::min(include.find(',', pos), include.size());
    const std::string_view item = include.substr(pos, stop - pos);
    pos = stop + 1;
    std::string resource;
    if ((item == "created_by_user" || item == "last_modified_by_user") && !user_added) {
      resource = included_user(user_id);
      user_added = true;
    } else if (item == "status_page" && !page_added) {
      resource = included_page(page_id, user_id, components, now);
      page_added = true;
    }
    if (resource.empty()) continue;
    included += included.empty() ? "" : ",";
    included += resource;
  }
  if (!include.empty()) out += R"(,"included":[)" + included + "]";
  out += '}';
  return out;
}

}  // namespace backfill

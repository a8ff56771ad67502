// Exchange conformance: a 201 response must reflect the request that produced it.
#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "backfill/exchange.h"
#include "backfill/render.h"
#include "rules/context.h"
#include "rules/include_list.h"
#include "validate_document.h"

namespace backfill {

namespace {

using detail::member;
using detail::quote_text;
using detail::quote_value;
using detail::text_of;
using detail::Value;

using detail::ascii_lower;
using detail::string_member;
constexpr auto at = detail::member_at;

// Run as an extra rule on the response, so that its findings are folded, listed and ordered with the
// response's own in one report.
class Comparison {
 public:
  Comparison(const Value& request, const detail::RuleContext& response)
      : request_(request), response_(response.root), context_(response) {}

  void run(const Parameters& parameters) {
    const Value* req_attrs = at(at(&request_, "data"), "attributes");
    const Value* resp_data = at(&response_, "data");
    const Value* resp_attrs = at(resp_data, "attributes");
    if (resp_attrs == nullptr || !resp_attrs->IsObject()) {
      // Nothing to compare is not agreement: a 201 returns the maintenance the request created.
      const bool has_data = resp_data != nullptr && resp_data->IsObject();
      report(Code::exchange_mismatch, has_data ? resp_data : &response_, has_data ? "/data" : "",
             has_data ? "the response's data has no attributes object; a 201 response returns the maintenance the "
                        "request created"
                      : "the response has no data object; a 201 response returns the maintenance the request created");
    }
    if (req_attrs && resp_attrs && resp_attrs->IsObject()) {
      same_string(req_attrs, resp_attrs, "title", "/data/attributes");
      const Value* req_updates = at(req_attrs, "updates");
      const Value* resp_updates = at(resp_attrs, "updates");
      if (req_updates && req_updates->IsArray() && resp_updates && resp_updates->IsArray()) {
        if (req_updates->Size() != resp_updates->Size()) {
          report(Code::exchange_mismatch, resp_updates, "/data/attributes/updates",
                 "the response has " + std::to_string(resp_updates->Size()) + " updates; the request sent " +
                     std::to_string(req_updates->Size()));
        }
        const auto n = std::min(req_updates->Size(), resp_updates->Size());
        for (rapidjson::SizeType i = 0; i < n; ++i) {
          const std::string base = "/data/attributes/updates/" + std::to_string(i);
          same_string(&(*req_updates)[i], &(*resp_updates)[i], "description", base);
          same_string(&(*req_updates)[i], &(*resp_updates)[i], "status", base);
          same_instant(&(*req_updates)[i], &(*resp_updates)[i], base);
          same_components(&(*req_updates)[i], &(*resp_updates)[i], base);
        }
      }
    }
    if (parameters.page_id) check_page(*parameters.page_id, resp_data);
    check_included(parameters.include, resp_data);
  }

 private:
  void report(Code code, const Value* node, std::string pointer, std::string message) {
    context_.report(code, node, std::move(pointer), std::move(message));
  }

  void same_string(const Value* req, const Value* resp, std::string_view name, const std::string& base) {
    const Value* sent = string_member(req, name);
    if (sent == nullptr) return;
    const Value* got = at(resp, name);
    const std::string pointer = base + "/" + std::string(name);
    if (got == nullptr) {
      report(Code::exchange_mismatch, resp, base,
             "the response lacks " + std::string(name) + "; the request sent " + quote_value(*sent));
    } else if (!got->IsString() || text_of(*got) != text_of(*sent)) {
      report(Code::exchange_mismatch, got, pointer,
             std::string(name) + " is " + quote_value(*got) + "; the request sent " + quote_value(*sent));
    }
  }

  void same_instant(const Value* req, const Value* resp, const std::string& base) {
    const Value* sent = string_member(req, "started_at");
    const Value* got = string_member(resp, "started_at");
    if (sent == nullptr || got == nullptr) return;
    const auto a = parse_date_time(text_of(*sent)).instant;
    const auto b = parse_date_time(text_of(*got)).instant;
    if (a && b && *a != *b) {
      report(Code::exchange_mismatch, got, base + "/started_at",
             "started_at " + quote_value(*got) + " is not the instant the request sent, " + quote_value(*sent));
    }
  }

  struct Component {
    std::string_view id;  // as sent, for messages
    std::string_view status;
  };

  // Components by id: ids compare case-insensitively (UUIDs), messages echo them as written.
  static std::map<std::string, Component> components_of(const Value* update) {
    std::map<std::string, Component> out;
    const Value* list = at(update, "components_affected");
    if (list == nullptr || !list->IsArray()) return out;
    for (const Value& c : list->GetArray()) {
      const Value* id = string_member(&c, "id");
      const Value* status = string_member(&c, "status");
      if (id && status) out.emplace(ascii_lower(text_of(*id)), Component{text_of(*id), text_of(*status)});
    }
    return out;
  }

  void same_components(const Value* req, const Value* resp, const std::string& base) {
    if (string_member(req, "status") == nullptr || at(req, "components_affected") == nullptr) return;
    const auto sent = components_of(req);
    const auto got = components_of(resp);
    const Value* node = at(resp, "components_affected");
    const std::string pointer = base + "/components_affected";
    for (const auto& [key, component] : sent) {
      const auto found = got.find(key);
      if (found == got.end()) {
        report(Code::exchange_mismatch, node ? node : resp, node ? pointer : base,
               "component " + quote_text(component.id) + " sent with status " + quote_text(component.status) +
                   " is missing from the response");
      } else if (found->second.status != component.status) {
        report(Code::exchange_mismatch, node, pointer,
               "component " + quote_text(component.id) + " has status " + quote_text(found->second.status) +
                   "; the request sent " + quote_text(component.status));
      }
    }
    for (const auto& [key, component] : got) {
      if (sent.count(key) == 0) {
        report(Code::exchange_mismatch, node, pointer,
               "component " + quote_text(component.id) + " was not in the request");
      }
    }
  }

  void check_page(const std::string& page_id, const Value* data) {
    const Value* id = string_member(at(at(at(data, "relationships"), "status_page"), "data"), "id");
    if (id && ascii_lower(text_of(*id)) != ascii_lower(page_id)) {
      report(Code::page_id_mismatch, id, "/data/relationships/status_page/data/id",
             "the maintenance belongs to status page " + quote_value(*id) + ", not to the page_id of the request \"" +
                 page_id + "\"");
    }
  }

  // Linear in the include list, the relationships and included: each is read once into a hash table,
  // and messages quote values with a length cap (a list of N names must not cost N x N bytes).
  void check_included(const std::optional<std::string>& include, const Value* data) {
    std::unordered_map<std::string_view, const Value*>
        relationships;  // the first of a repeated name, as member() finds
    if (const Value* object = at(data, "relationships"); object && object->IsObject()) {
      for (const auto& m : object->GetObject()) relationships.emplace(text_of(m.name), &m.value);
    }
    struct Wanted {
      std::string_view item, type, id;
    };
    std::vector<Wanted> expected;  // in include order, each resource once
    std::unordered_set<std::string> expected_keys;
    const auto key_of = [](std::string_view type, std::string_view id) {
      std::string key(type);
      key += '\0';
      key += id;
      return key;
    };
    if (include) {
      detail::for_each_include_item(*include, [&](std::string_view item) {
        const auto relationship = relationships.find(item);
        if (relationship == relationships.end()) return true;
        const Value* target = at(relationship->second, "data");
        const Value* type = string_member(target, "type");
        const Value* id = string_member(target, "id");
        if (type && id && expected_keys.insert(key_of(text_of(*type), text_of(*id))).second) {
          expected.push_back({item, text_of(*type), text_of(*id)});
        }
        return true;
      });
    }
    const Value* included = at(&response_, "included");
    std::unordered_set<std::string> present;
    if (included && included->IsArray()) {
      for (rapidjson::SizeType i = 0; i < included->Size(); ++i) {
        const Value* type = string_member(&(*included)[i], "type");
        const Value* id = string_member(&(*included)[i], "id");
        if (type == nullptr || id == nullptr) continue;
        std::string key = key_of(text_of(*type), text_of(*id));
        if (expected_keys.count(key) == 0) {
          report(Code::exchange_included, &(*included)[i], "/included/" + std::to_string(i),
                 "included resource type " + quote_text(text_of(*type)) + " id " + quote_text(text_of(*id)) +
                     " was not requested" +
                     (include ? " (include=" + quote_text(*include) + ")" : " (no include parameter)"));
        }
        present.insert(std::move(key));
      }
    }
    for (const Wanted& wanted : expected) {
      if (present.count(key_of(wanted.type, wanted.id)) == 0) {
        report(Code::exchange_included, included ? included : &response_, included ? "/included" : "",
               "include " + quote_text(wanted.item) + " asks for resource type " + quote_text(wanted.type) + " id " +
                   quote_text(wanted.id) + ", which included lacks");
      }
    }
  }

  const Value& request_;
  const Value& response_;
  const detail::RuleContext& context_;
};

Kind kind_for_status(int status) {
  if (status == 201) return Kind::response;
  if (status == 429 || status == 400 || status == 403 || status == 404) return Kind::error;
  return Kind::automatic;
}

}  // namespace

std::string parameters_document(const Parameters& p) {
  std::string out = "{";
  auto add = [&](std::string_view name, const std::string& json_value) {
    if (out.size() > 1) out += ", ";
    out += "\"" + std::string(name) + "\": " + json_value;
  };
  if (p.page_id) add("page_id", "\"" + json_escape(*p.page_id) + "\"");
  if (p.include) add("include", "\"" + json_escape(*p.include) + "\"");
  if (p.status) add("status", std::to_string(*p.status));
  if (p.content_type) add("content_type", "\"" + json_escape(*p.content_type) + "\"");
  return out + "}";
}

Report validate_parameters(const Validator& validator, const Parameters& parameters, const Options& options) noexcept {
  Options o = options;
  o.kind = Kind::parameters;
  try {
    return validator.validate(parameters_document(parameters), o);
  } catch (...) {  // only allocation can fail here
    return detail::single_report(Kind::parameters, Code::internal_error, "out of memory");
  }
}

bool ExchangeReport::valid() const noexcept { return parameters.valid() && request.valid() && response.valid(); }

ExchangeReport validate_exchange(const Validator& validator, const Exchange& exchange,
                                 const Options& options) noexcept {
  ExchangeReport out;
  try {
    Parameters parameters = exchange.parameters;
    if (!parameters.status) parameters.status = 201;
    out.parameters_text = parameters_document(parameters);
    Options o = options;
    o.kind = Kind::parameters;
    out.parameters = validator.validate(out.parameters_text, o);
    o.kind = Kind::request;
    detail::ParsedJson request;
    out.request = detail::validate_document(validator, exchange.request, o, request);
    o.kind = kind_for_status(*parameters.status);
    const bool no_body = exchange.response.find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (o.kind == Kind::automatic && no_body) {
      out.response.kind = Kind::automatic;  // a status without a known body (BF4003) and no body: one fault
    } else if (*parameters.status == 201 && request.ok()) {
      detail::ParsedJson response;
      out.response = detail::validate_document(
          validator, exchange.response, o, response,
          [&](const detail::RuleContext& context) { Comparison(request.root(), context).run(parameters); });
    } else {
      out.response = validator.validate(exchange.response, o);
    }
  } catch (...) {  // only allocation can fail here
    out.response = detail::single_report(Kind::response, Code::internal_error, "exchange validation failed internally");
  }
  return out;
}

}  // namespace backfill

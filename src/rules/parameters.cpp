// The rules of the call's parameters (page_id and include from the URL, the answer's status and
// content type), checked as a small JSON document of Kind::parameters.
#include <algorithm>

#include "rules/context.h"
#include "rules/include_list.h"

namespace backfill::detail {

void check_parameter_rules(const RuleContext& context) {
  if (const Value* include = string_member(&context.root, "include")) {
    std::vector<std::string_view> items;
    for_each_include_item(text_of(*include), [&](std::string_view item) {
      std::string problem;
      if (item.empty()) {
        problem = "has an empty item";
      } else if (std::find(std::begin(kIncludable), std::end(kIncludable), item) == std::end(kIncludable)) {
        problem = "names " + quote_text(item) + ", which is not created_by_user, last_modified_by_user or status_page";
      } else if (std::find(items.begin(), items.end(), item) != items.end()) {
        problem = "names " + quote_text(item) + " twice";
      }
      if (!problem.empty()) {
        context.report(Code::include_parameter, include, "/include",
                       "the include list " + quote_value(*include) + " " + problem);
        return false;
      }
      items.push_back(item);
      return true;
    });
  }
  if (const Value* status = member(context.root, "status"); status && status->IsInt()) {
    const int code = status->GetInt();
    if (code == 400 || code == 403 || code == 404) {
      context.report(Code::status_undocumented, status, "/status",
                     "status " + std::to_string(code) +
                         " is not in this endpoint's spec (201, 429); its body is "
                         "checked as APIErrorResponse, Datadog's common error body");
    } else if (code != 201 && code != 429) {
      context.report(Code::status_unexpected, status, "/status",
                     "status " + std::to_string(code) +
                         " is not an answer of this endpoint; expected 201 or 429 "
                         "(or 400, 403, 404)");
    }
  }
  if (const Value* type = string_member(&context.root, "content_type")) {
    std::string media = ascii_lower(text_of(*type).substr(0, text_of(*type).find(';')));
    while (!media.empty() && media.back() == ' ') media.pop_back();
    if (media != "application/json" && media != "application/vnd.api+json") {
      context.report(Code::content_type, type, "/content_type",
                     "content type " + quote_value(*type) + " is not application/json or application/vnd.api+json");
    }
  }
}

}  // namespace backfill::detail

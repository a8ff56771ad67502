// JSON Schema 2020-12 "basic" output (section 12.4.2 of the core specification): a flat list of
// output units. Rule diagnostics, which no schema keyword produces, are given the keyword location
// "/x-backfill-rules/<CODE>" so that every unit names what failed in the same shape.
#include "json/json.h"

#include <fmt/format.h>

#include "backfill/render.h"
#include "schema/schema.h"

namespace backfill {

std::string render_jsonschema(const Report& report) { return render_jsonschema(report, RecordSource{}); }

std::string render_jsonschema(const Report& report, const RecordSource& source) {
  // The schema the report was made with; a report made by hand names the default contract's.
  const detail::CompiledSchema* compiled = report.schema.get();
  try {
    if (compiled == nullptr) compiled = detail::embedded_compiled_schema(report.kind);
  } catch (const std::exception&) {
    // the report already says BF0001
  }
  const std::string id = compiled ? std::string(compiled->model().id()) : std::string();
  std::string errors, annotations;
  for (const Diagnostic& d : report.diagnostics) {
    std::string keyword_location, absolute;
    if (d.keyword_location.empty()) {
      keyword_location = fmt::format("/x-backfill-rules/{}", rule_info(d.code).id);
      absolute = id + "#" + keyword_location;
    } else if (compiled == nullptr) {
      keyword_location = d.keyword_location;
      absolute = id + "#" + keyword_location;
    } else {
      keyword_location = d.keyword_location;
      try {
        absolute = compiled->model().absolute_location(d.keyword_location);
      } catch (const std::logic_error&) {
        absolute = id + "#" + keyword_location;  // a RapidJSON assertion: the location unresolved
      }
    }
    const bool error = d.severity == Severity::error;
    std::string& list = error ? errors : annotations;
    fmt::format_to(std::back_inserter(list), R"({}{{"keywordLocation":"{}",)", list.empty() ? "" : ",",
                   json_escape(keyword_location));
    // Without a schema (a document of unrecognised kind) there is no absolute IRI to give (12.3.2).
    if (!id.empty()) {
      fmt::format_to(std::back_inserter(list), R"("absoluteKeywordLocation":"{}",)", json_escape(absolute));
    }
    fmt::format_to(std::back_inserter(list), R"("instanceLocation":"{}","{}":"{}"}})", json_escape(d.pointer),
                   error ? "error" : "annotation", json_escape(d.message));
  }
  std::string out = fmt::format(R"({{"valid":{})", report.valid() ? "true" : "false");
  // Output units may carry more members; these say which document a record in a stream describes.
  if (!source.name.empty()) fmt::format_to(std::back_inserter(out), R"(,"source":"{}")", json_escape(source.name));
  if (source.line != 0) fmt::format_to(std::back_inserter(out), R"(,"line":{})", source.line);
  if (!errors.empty()) out += R"(,"errors":[)" + errors + "]";
  if (!annotations.empty()) out += R"(,"annotations":[)" + annotations + "]";
  out += "}\n";
  return out;
}

}  // namespace backfill

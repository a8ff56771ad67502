// JSON Schema 2020-12 "basic" output (section 12.4.2 of the core specification): a flat list of
// output units. Rule diagnostics, which no schema keyword produces, are given the keyword location
// "/x-backfill-rules/<CODE>" so that every unit names what failed in the same shape.
#include "json.h"

#include <fmt/format.h>

#include <array>

#include "backfill/render.h"
#include "embedded_schemas.h"

namespace backfill {

namespace {

// The embedded schema of each kind, parsed once (immutable afterwards, so shared across threads).
struct SchemaDocument {
  rapidjson::Document document;
  std::string id;
};

constexpr std::size_t kMaxKinds = 8;  // more than Kind has values; an unknown kind has no schema

const SchemaDocument& schema_document(Kind kind) {
  static const std::array<SchemaDocument, kMaxKinds> documents = [] {
    std::array<SchemaDocument, kMaxKinds> out;
    for (std::size_t k = 0; k < kMaxKinds; ++k) {
      const std::string_view text = schema_text(static_cast<Kind>(k));
      if (text.empty()) continue;
      SchemaDocument& doc = out[k];
      doc.document.Parse(text.data(), text.size());
      if (doc.document.HasParseError()) continue;
      if (const detail::Value* id = detail::member(doc.document, "$id"); id && id->IsString()) {
        doc.id = std::string(detail::text_of(*id));
      }
    }
    return out;
  }();
  static const SchemaDocument none;
  const auto index = static_cast<std::size_t>(kind);
  return index < kMaxKinds ? documents[index] : none;
}

// The keyword location with every "$ref" followed, as a pointer into the schema document
// ("/properties/data/properties/type/$ref/enum" becomes "/definitions/MaintenancesType/enum").
// Only local references ("#/...") occur in the embedded schemas; anything else is kept as is.
std::string resolve_refs(const detail::Value& root, std::string_view location) {
  std::string resolved;
  std::size_t at = 0;
  while (at < location.size()) {
    const std::size_t next = location.find('/', at + 1);
    const std::string_view token = location.substr(at + 1, next == std::string_view::npos ? next : next - at - 1);
    at = next == std::string_view::npos ? location.size() : next;
    if (token == "$ref") {
      const detail::Value* node = detail::resolve_pointer(root, resolved);
      const detail::Value* ref = node ? detail::member(*node, "$ref") : nullptr;
      if (ref && ref->IsString() && detail::text_of(*ref).substr(0, 1) == "#") {
        resolved = std::string(detail::text_of(*ref).substr(1));
        continue;
      }
      return std::string(location);
    }
    resolved += '/';
    resolved += token;
  }
  return resolved;
}

// The absolute keyword location: the schema's $id, '#', the resolved pointer. A definition that
// scripts/embed_schemas.py bundled from another file ("/definitions/common.Uuid", from
// "common.schema.json#/definitions/Uuid") is named where it is published: the source's reference
// resolved against the $id (RFC 3986), i.e. ".../schemas/common.schema.json#/definitions/Uuid".
std::string absolute_location(const std::string& id, const std::string& resolved) {
  constexpr std::string_view kDefinitions = "/definitions/";
  if (resolved.rfind(kDefinitions, 0) == 0) {
    const std::size_t name_end = std::min(resolved.find('/', kDefinitions.size()), resolved.size());
    const std::string name = resolved.substr(kDefinitions.size(), name_end - kDefinitions.size());
    const std::size_t dot = name.find('.');
    const std::string file = dot == std::string::npos ? "" : name.substr(0, dot) + ".schema.json";
    const std::size_t base_end = id.rfind('/');
    if (!file.empty() && !detail::embedded_schema_file(file).empty() && base_end != std::string::npos) {
      return id.substr(0, base_end + 1) + file + "#" + std::string(kDefinitions) + name.substr(dot + 1) +
             resolved.substr(name_end);
    }
  }
  return id + "#" + resolved;
}

}  // namespace

std::string render_jsonschema(const Report& report) { return render_jsonschema(report, RecordSource{}); }

std::string render_jsonschema(const Report& report, const RecordSource& source) {
  const SchemaDocument& schema = schema_document(report.kind);
  std::string errors, annotations;
  for (const Diagnostic& d : report.diagnostics) {
    std::string keyword_location, absolute;
    if (d.keyword_location.empty()) {
      keyword_location = fmt::format("/x-backfill-rules/{}", rule_info(d.code).id);
      absolute = schema.id + "#" + keyword_location;
    } else {
      keyword_location = d.keyword_location;
      std::string resolved = d.keyword_location;
      try {
        resolved = resolve_refs(schema.document, d.keyword_location);
      } catch (const std::logic_error&) {
        // a RapidJSON assertion: keep the unresolved location
      }
      absolute = absolute_location(schema.id, resolved);
    }
    const bool error = d.severity == Severity::error;
    std::string& list = error ? errors : annotations;
    fmt::format_to(std::back_inserter(list), R"({}{{"keywordLocation":"{}",)", list.empty() ? "" : ",",
                   json_escape(keyword_location));
    // Without a schema (a document of unrecognised kind) there is no absolute IRI to give (12.3.2).
    if (!schema.id.empty()) {
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

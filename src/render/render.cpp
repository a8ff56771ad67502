// The format table: names, and the one dispatch from a format to its renderer that the CLI, the C
// API and the Python binding share.
#include "backfill/render.h"

namespace backfill {

namespace {

struct FormatInfo {
  Format format;
  std::string_view name;
};

constexpr FormatInfo kFormatTable[] = {
    {Format::text, "text"},
    {Format::json, "json"},
    {Format::sarif, "sarif"},
    {Format::github, "github"},
    {Format::jsonschema, "jsonschema"},
    {Format::problem, "problem"},
};
static_assert(std::size(kFormatTable) == std::size(kFormats), "every format has a name");

}  // namespace

std::string_view format_name(Format format) noexcept {
  for (const FormatInfo& f : kFormatTable) {
    if (f.format == format) return f.name;
  }
  return "unknown";
}

std::optional<Format> parse_format(std::string_view name) noexcept {
  for (const FormatInfo& f : kFormatTable) {
    if (f.name == name) return f.format;
  }
  return std::nullopt;
}

std::string render(Format format, const Report& report, std::string_view source, std::string_view document,
                   const RenderOptions& options, const RecordSource& record) {
  switch (format) {
    case Format::text:
      return document.empty() ? render_text(report, source, options) : render_text(report, source, document, options);
    case Format::json: return render_json(report, RecordSource{source, record.line});
    case Format::sarif: return render_sarif({NamedReport{std::string(source), report}});
    case Format::github: return render_github(report, source);
    case Format::jsonschema: return render_jsonschema(report, record);
    case Format::problem: return render_problem(report, record);
  }
  return {};
}

}  // namespace backfill

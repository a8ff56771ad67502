// backfill-check: pure renderers from reports to text.
#pragma once

#include <string>
#include <string_view>

#include "backfill/export.h"
#include "backfill/validate.h"

namespace backfill {

/// Options shared by the renderers.
struct RenderOptions {
  bool color = false; ///< ANSI colours (text format only).
};

/// Compiler-style lines, `source:line:column: severity[CODE] rule: message`, one per diagnostic.
BACKFILL_API std::string render_text(const Report& report, std::string_view source,
                                     const RenderOptions& options = {});

/// One JSON object on one line: {"source", "kind", "valid", "diagnostics": [...]}, newline-terminated.
BACKFILL_API std::string render_json(const Report& report, std::string_view source);

/// Escapes a string for use inside a JSON string literal (no surrounding quotes).
BACKFILL_API std::string json_escape(std::string_view text);

}  // namespace backfill

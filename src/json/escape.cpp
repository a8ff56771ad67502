// JSON string escaping, the one definition shared by the renderers (json_escape()) and the request
// builder.
#include "json/escape.h"

#include <fmt/format.h>

#include <iterator>

#include "json/utf8.h"
#include "render/neutralize.h"

namespace backfill::detail {

void append_json_escaped(std::string& out, std::string_view text, bool repair_utf8) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      char32_t cp = 0;
      const std::size_t length = decode_utf8(text, i, cp);
      if (length == 0) {
        if (repair_utf8)
          out += "\\ufffd";
        else
          out += static_cast<char>(c);
        ++i;
      } else {
        // C1 controls, bidirectional controls and separators: the same string, but nothing raw.
        if (is_unsafe_code_point(cp))
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(cp));
        else
          out.append(text, i, length);
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F || is_legacy_command_prefix(text, i)) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

}  // namespace backfill::detail

// RFC 3986 percent-encoding, shared by the renderers that write URIs (SARIF) and URI fragments (problem details).
#pragma once

#include <iterator>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace backfill::detail {

/// ASCII letters, digits and the `allowed` characters stay; every other byte becomes %XX.
inline std::string percent_encode(std::string_view text, std::string_view allowed) {
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      allowed.find(ch) != std::string_view::npos;
    if (keep)
      out += ch;
    else
      fmt::format_to(std::back_inserter(out), "%{:02X}", c);
  }
  return out;
}

/// A file name as a URI reference (RFC 3986): unreserved characters, sub-delims, '@' and '/' stay,
/// everything else (':' too, which would read as a scheme, and every non-ASCII byte) is percent-encoded.
inline std::string uri_of_path(std::string_view path) { return percent_encode(path, "-._~/!$&'()*+,;=@"); }

}  // namespace backfill::detail

// The one internal header that includes RapidJSON (and valijson's RapidJSON adapter, which must come
// first so that a single RAPIDJSON_ASSERT is in force). Everything else includes this (usually through
// json/json.h), never <rapidjson/...> directly.
#pragma once

namespace backfill::detail {
/// Thrown (and caught inside the library) when RapidJSON or valijson hits an internal assertion.
[[noreturn]] void assertion_failed(const char* what);
}  // namespace backfill::detail

// valijson aborts on internal errors unless VALIJSON_USE_EXCEPTIONS is set; with it set, its RapidJSON
// adapter would define a RAPIDJSON_ASSERT that builds a std::string on every check (several times
// slower, see docs/performance.md) and warn if one exists. So: exceptions.hpp is included with
// exceptions on, the adapter with the macro briefly unset (it then keeps the cheap throwing
// RAPIDJSON_ASSERT below), and every later valijson header sees it on again.
#define RAPIDJSON_ASSERT(x) ((x) ? static_cast<void>(0) : ::backfill::detail::assertion_failed(#x))
#define RAPIDJSON_HAS_STDSTRING 1
// SSE2 (baseline on x86-64) lets the reader copy unescaped string bytes 16 at a time from a
// StringStream (parse.cpp pads its input for it). Its aligned loads may read past the NUL of
// other callers' strings within the same 16 bytes, which AddressSanitizer would report: off there.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BACKFILL_ASAN 1
#endif
#endif
#if defined(__SSE2__) && !defined(__SANITIZE_ADDRESS__) && !defined(BACKFILL_ASAN) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#undef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/exceptions.hpp>
#undef VALIJSON_USE_EXCEPTIONS
#include <valijson/adapters/rapidjson_adapter.hpp>
#define VALIJSON_USE_EXCEPTIONS 1
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

namespace backfill::detail {

using Value = rapidjson::Value;

}  // namespace backfill::detail

// RapidJSON's and valijson's internal assertions (RAPIDJSON_ASSERT, json/rapidjson.h) end here: an
// exception the library's entry points turn into an internal-error diagnostic, never an abort.
#include "json/rapidjson.h"

#include <stdexcept>
#include <string>

namespace backfill::detail {

void assertion_failed(const char* what) { throw std::logic_error(std::string("internal assertion failed: ") + what); }

}  // namespace backfill::detail

// backfill/version.h (generated from the project version) and the library agree.
#include <string>

#include "backfill/backfill.h"
#include "backfill/validate.h"
#include "backfill/version.h"
#include "helpers.h"

TEST_CASE("version: the generated header, backfill::version() and bfc_version() agree") {
  const std::string parts = std::to_string(BACKFILL_VERSION_MAJOR) + "." + std::to_string(BACKFILL_VERSION_MINOR) +
                            "." + std::to_string(BACKFILL_VERSION_PATCH);
  CHECK(parts == BACKFILL_VERSION_STRING);
  CHECK(std::string(backfill::version()) == BACKFILL_VERSION_STRING);
  CHECK(std::string(bfc_version()) == BACKFILL_VERSION_STRING);
}

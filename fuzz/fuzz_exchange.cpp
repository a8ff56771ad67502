// libFuzzer target: an exchange, the request body and the response body separated by a NUL byte.
#include "harness.h"
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return backfill::fuzz::check_exchange(data, size);
}

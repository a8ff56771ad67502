// libFuzzer target: any input, validated as a HAR 1.2 file of calls.
#include "harness.h"
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return backfill::fuzz::check_har(data, size);
}

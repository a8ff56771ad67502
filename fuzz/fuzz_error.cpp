// libFuzzer target: any input, validated as a error.
#include "harness.h"
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return backfill::fuzz::check_document(data, size, backfill::Kind::error);
}

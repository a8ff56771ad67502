// backfill-check: symbol visibility for the shared library.
#pragma once

#if defined(_WIN32)
#define BACKFILL_API
#else
#define BACKFILL_API __attribute__((visibility("default")))
#endif

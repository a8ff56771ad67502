/* backfill-check: symbol visibility for the shared library (C and C++ compatible, hence C comments). */
#pragma once

/** Marks a public entry point: exported from the shared library, whose other symbols are hidden. */
#if defined(_WIN32)
#define BACKFILL_API
#else
#define BACKFILL_API __attribute__((visibility("default")))
#endif

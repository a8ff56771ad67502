/* backfill-check: symbol visibility for the shared library (C and C++ compatible, hence C comments). */
#pragma once

/** Marks a public entry point: exported from the shared library, whose other symbols are hidden.
 *  On Windows the library is built with BACKFILL_BUILDING (dllexport); programs that link the static
 *  library define BACKFILL_STATIC (pkg-config --static and the CMake target backfill-check::static do);
 *  all others import from the DLL. */
#if defined(_WIN32) || defined(__CYGWIN__)
#if defined(BACKFILL_BUILDING)
#define BACKFILL_API __declspec(dllexport)
#elif defined(BACKFILL_STATIC)
#define BACKFILL_API
#else
#define BACKFILL_API __declspec(dllimport)
#endif
#else
#define BACKFILL_API __attribute__((visibility("default")))
#endif

// The JSON layer in one include: RapidJSON configured (json/rapidjson.h, which must come before any
// other RapidJSON or valijson header), the parsed document with its offsets, source positions,
// JSON Pointers and value helpers. Files that need only one of these include that header instead.
#pragma once

#include "json/rapidjson.h"
#include "json/parsed_json.h"
#include "json/pointer.h"
#include "json/source_map.h"
#include "json/values.h"

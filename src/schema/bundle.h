// Schema documents that refer to each other made into one self-contained document at run time, as
// scripts/embed_schemas.py does at build time: a reference "FILE#/definitions/NAME" into another
// file becomes "#/definitions/<FILE's stem>.NAME", with that definition (and what it refers to in
// turn) copied there. The model, the fast check and valijson then follow local references only.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "json/json.h"

namespace backfill::detail {

/// The schema documents a bundle may take definitions from, by file name ("common.schema.json").
using SchemaFiles = std::map<std::string, const Value*, std::less<>>;

/// Copies `own` (the document of file `own_name`, also in `files`) into `out` with every reference
/// to another file made local. A reference names its file by the last segment of its path or URI
/// ("../common.schema.json", "https://host/schemas/common.schema.json"). False, with `error` naming
/// the file, the reference's JSON Pointer and the problem, when a reference names a file not in
/// `files`, a pointer into another file other than /definitions/NAME, or nothing.
bool bundle_schema(const Value& own, std::string_view own_name, const SchemaFiles& files, rapidjson::Document& out,
                   std::string& error);

/// Undoes the bundling of file `file` in a bundled document: its "<stem>.NAME" definitions removed
/// and the references to them made "FILE#/definitions/NAME" again, so that bundling takes them from
/// another copy of that file. Returns whether the document had any.
bool unbundle_file(rapidjson::Document& document, std::string_view file);

}  // namespace backfill::detail

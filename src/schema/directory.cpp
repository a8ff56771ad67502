#include "schema/directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "backfill/contracts.h"
#include "contracts.h"
#include "json/json.h"
// After json/json.h, which configures RapidJSON. The writer serialises a bundle for the model
// (canonical numbers only: RapidJSON's number parser never sees text from a user).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "json/source_map.h"
#include "kinds.h"
#include "schema/bounds.h"
#include "schema/bundle.h"
#include "schema/embedded.h"

namespace backfill::detail {

namespace {

constexpr std::string_view kMetaschemaFile = "meta/draft-07.schema.json";

// A schema file of the directory, parsed.
struct UserFile {
  std::string name;  // "request.schema.json"
  std::string path;  // as the user named it: DIR/request.schema.json
  std::string text;
  ParsedJson parsed;
};

std::string where(const UserFile& file, std::size_t offset) {
  std::uint32_t line = 0, column = 0;
  SourceMap(file.text).locate(offset, line, column);
  return file.path + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// Reads at most kMaxSchemaFileBytes of a regular file; "" when it is, else why not. Opened without
// blocking and checked before reading: a FIFO or a device named like a schema file must not hang us.
std::string read_file(const std::string& path, std::string& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return "cannot read " + path + ": " + std::strerror(errno);
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return "cannot read " + path + ": not a regular file";
  }
  std::FILE* f = ::fdopen(fd, "rb");
  if (f == nullptr) {
    const int why = errno;
    ::close(fd);
    return "cannot read " + path + ": " + std::strerror(why);
  }
  out.assign(kMaxSchemaFileBytes + 1, '\0');
  const std::size_t n = std::fread(out.data(), 1, out.size(), f);
  const int why = std::ferror(f) != 0 ? errno : 0;
  std::fclose(f);
  if (why != 0) return "cannot read " + path + ": " + std::strerror(why);
  if (n > kMaxSchemaFileBytes) return path + ": larger than " + std::to_string(kMaxSchemaFileBytes) + " bytes";
  out.resize(n);
  return {};
}

const CompiledSchema& metaschema() {
  static CompiledSchema compiled;
  static std::once_flag once;
  std::call_once(once, [] { compiled.compile(embedded_schema_file(kMetaschemaFile)); });
  return compiled;
}

// Reads and checks one file of the directory; "" when it is a usable draft-07 schema document.
std::string load_file(UserFile& file) {
  if (std::string why = read_file(file.path, file.text); !why.empty()) return why;
  ParseError error;
  if (!file.parsed.parse(file.text, kMaxSchemaFileBytes, kMaxSchemaFileDepth, error)) {
    return where(file, error.offset) + ": not JSON: " + error.message;
  }
  const std::vector<DuplicateKey> duplicates = file.parsed.find_duplicate_keys();
  if (!duplicates.empty()) {
    return where(file, file.parsed.offset_of(duplicates.front().value)) + ": member \"" +
           std::string(duplicates.front().name) + "\" appears more than once in this object";
  }
  const Value& root = file.parsed.root();
  if (!root.IsObject()) return where(file, 0) + ": not a schema file: a schema file holds a JSON Schema object";
  const std::vector<SchemaFailure> failures = metaschema().reference().failures(root);
  if (!failures.empty()) {
    const SchemaFailure& first = failures.front();
    return where(file, first.node ? file.parsed.offset_of(first.node) : 0) + ": not a draft-07 schema: at " +
           (first.pointer.empty() ? std::string("the root") : first.pointer) + ", " + first.message;
  }
  return {};
}

// The file names of the directory's schemas: each kind's, then the shared one.
std::vector<std::string_view> schema_file_names() {
  std::vector<std::string_view> names;
  for (Kind kind : kKinds) {
    if (!kind_info(kind).schema_file.empty()) names.push_back(kind_info(kind).schema_file);
  }
  names.push_back(kSharedSchemaFile);
  return names;
}

std::string absolute_path(const std::string& path) {
  char resolved[PATH_MAX];
  return realpath(path.c_str(), resolved) ? std::string(resolved) : path;
}

// Loads the set; an error (and a null set) when anything is wrong.
struct Loader {
  const std::string& directory;
  const ContractInfo& contract;
  SchemaDirectory result;
  std::vector<std::unique_ptr<UserFile>> files;
  std::vector<std::unique_ptr<rapidjson::Document>> embedded;  // the contract's files the directory lacks
  SchemaFiles by_name;

  bool fail(std::string why) {
    result.error = std::move(why);
    return false;
  }

  bool read_directory() {
    struct stat info {};
    if (::stat(directory.c_str(), &info) != 0) {
      return fail("cannot read schema directory " + directory + ": " + std::strerror(errno));
    }
    if (!S_ISDIR(info.st_mode)) return fail(directory + " is not a directory");
    std::string names;
    for (std::string_view name : schema_file_names()) {
      names += (names.empty() ? "" : ", ") + std::string(name);
      auto file = std::make_unique<UserFile>();
      file->name = std::string(name);
      file->path = directory + (directory.back() == '/' ? "" : "/") + file->name;
      if (::stat(file->path.c_str(), &info) != 0 && errno == ENOENT) continue;
      if (std::string why = load_file(*file); !why.empty()) return fail(std::move(why));
      by_name.emplace(file->name, &file->parsed.root());
      files.push_back(std::move(file));
    }
    if (files.empty()) return fail(directory + " holds none of the schema files " + names);
    return true;
  }

  std::string_view embedded_text(std::string_view name) const {
    for (Kind kind : kKinds) {
      if (kind_info(kind).schema_file == name) return contract_schema(contract, kind);
    }
    return embedded_schema_file(name);
  }

  // The contract's files the directory does not replace, for references into them.
  void add_embedded() {
    for (std::string_view name : schema_file_names()) {
      if (by_name.count(name) != 0) continue;
      auto document = std::make_unique<rapidjson::Document>();
      const std::string_view text = embedded_text(name);
      document->Parse(text.data(), text.size());
      by_name.emplace(std::string(name), document.get());
      embedded.push_back(std::move(document));
    }
  }

  // A file's "$id", or (the base of its absolute keyword locations, RFC 3986 section 5.1.3) where
  // it was read from.
  std::string id_of(std::string_view name) const {
    const auto found = by_name.find(name);
    if (found != by_name.end()) {
      if (const Value* id = member(*found->second, "$id"); id && id->IsString()) return std::string(text_of(*id));
    }
    const UserFile* file = user_file(name);
    return file ? "file://" + absolute_path(file->path) : std::string();
  }

  const UserFile* user_file(std::string_view name) const {
    for (const auto& file : files) {
      if (file->name == name) return file.get();
    }
    return nullptr;
  }

  // The kind's schema: the user's file, or the contract's with the user's shared files bundled in.
  bool compile_kind(Kind kind, SchemaSet& schemas) {
    const std::string_view name = kind_info(kind).schema_file;
    const UserFile* own = user_file(name);
    const std::string label =
        own ? own->path : std::string(name) + " (embedded, contract " + std::string(contract.name) + ")";
    rapidjson::Document source;
    bool replaced = own != nullptr;
    if (own == nullptr) {
      const std::string_view text = contract_schema(contract, kind);
      source.Parse(text.data(), text.size());
      for (const auto& file : files) replaced = unbundle_file(source, file->name) || replaced;
    }
    rapidjson::Document bundled;
    std::string error;
    if (!bundle_schema(own ? own->parsed.root() : static_cast<const Value&>(source), name, by_name, bundled, error)) {
      return fail(own ? directory + "/" + error : error);
    }
    if (std::string why = unbounded_schema(bundled); !why.empty()) return fail(label + ": " + why);
    if (own && member(bundled, "$id") == nullptr) {
      bundled.AddMember("$id", Value(id_of(name).c_str(), bundled.GetAllocator()), bundled.GetAllocator());
    }
    rapidjson::StringBuffer text;
    rapidjson::Writer<rapidjson::StringBuffer> writer(text);
    bundled.Accept(writer);
    try {
      schemas.schema(kind).compile(std::string_view(text.GetString(), text.GetSize()));
    } catch (const std::exception& e) { return fail(label + ": " + e.what()); }
    for (const auto& [file, unused] : by_name) {
      if (file != name) schemas.schema(kind).name_bundled_file(file, id_of(file));
    }
    if (replaced) schemas.mark_replaced(kind);
    // Said only where the fast check decided before: a kind the reference validator decides under
    // the contract too (parameters, for "minimum") gets no slower.
    const CompiledSchema* before = contract_compiled_schema(contract, kind);
    if (!schemas.schema(kind).model().checkable() && before != nullptr && before->model().checkable()) {
      result.notes.push_back(
          label + ": the fast check does not implement " + schemas.schema(kind).model().unsupported() +
          "; the reference validator (valijson) decides " + std::string(kind_info(kind).name) + " documents");
    }
    return true;
  }

  void load() {
    if (!read_directory()) return;
    add_embedded();
    auto schemas = std::make_shared<SchemaSet>(contract, false);
    for (Kind kind : kKinds) {
      if (!kind_info(kind).schema_file.empty() && !compile_kind(kind, *schemas)) return;
    }
    result.schemas = std::move(schemas);
  }
};

}  // namespace

SchemaDirectory load_schema_directory(const std::string& directory, const ContractInfo& contract) {
  Loader loader{directory, contract, {}, {}, {}, {}};
  if (directory.empty()) {
    loader.result.error = "the schema directory is empty (give a path)";
    return std::move(loader.result);
  }
  try {
    loader.load();
  } catch (const std::bad_alloc&) {
    loader.result = {nullptr, "out of memory while loading the schemas of " + directory, {}};
  } catch (const std::exception& e) {
    loader.result = {nullptr, "the schemas of " + directory + " could not be loaded: " + e.what(), {}};
  }
  return std::move(loader.result);
}

}  // namespace backfill::detail

namespace backfill {

LoadedSchemas load_schemas(const std::string& directory, std::string_view contract) noexcept {
  LoadedSchemas out;
  try {
    const detail::ContractInfo* base = detail::find_contract(contract);
    detail::SchemaDirectory loaded;
    if (base == nullptr) {
      loaded.error = detail::unknown_contract(contract);
    } else if (directory.find('\0') != std::string::npos) {
      loaded.error = "the directory name holds a NUL byte";
    } else {
      loaded = detail::load_schema_directory(directory, *base);
    }
    out.error = loaded.error;
    out.notes = std::move(loaded.notes);
    const std::string setup_error = out.ok() ? std::string() : "the schemas could not be loaded: " + out.error;
    out.validator = detail::make_validator(std::move(loaded.schemas), setup_error);
  } catch (...) {
    try {
      out.error = "out of memory while loading the schemas";
      out.validator = detail::make_validator(nullptr, "the schemas could not be loaded: " + out.error);
    } catch (...) {
      out.validator = detail::make_validator(nullptr, {});  // its validate() says out of memory
    }
  }
  return out;
}

}  // namespace backfill

#include "schema/bundle.h"

#include <set>
#include <vector>

namespace backfill::detail {

namespace {

constexpr std::string_view kDefinitionsRef = "#/definitions/";

std::string_view stem(std::string_view file) { return file.substr(0, file.find('.')); }

// Values of these keywords are data: a "$ref" member inside one is not a reference.
bool holds_data(std::string_view keyword) {
  return keyword == "enum" || keyword == "const" || keyword == "default" || keyword == "examples";
}

// RFC 6901: the one reference token `pointer` holds ("/NAME"), unescaped; false when it holds more.
bool single_token(std::string_view pointer, std::string& token) {
  if (pointer.empty() || pointer[0] != '/' || pointer.find('/', 1) != std::string_view::npos) return false;
  token.clear();
  for (std::size_t i = 1; i < pointer.size(); ++i) {
    if (pointer[i] == '~' && i + 1 < pointer.size() && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
      token += pointer[++i] == '0' ? '~' : '/';
    } else {
      token += pointer[i];
    }
  }
  return true;
}

class Bundler {
 public:
  Bundler(std::string_view own, const SchemaFiles& files, rapidjson::Document& out)
      : own_(own), files_(files), out_(out) {}

  bool run(const Value& source, std::string& error) {
    out_.CopyFrom(source, out_.GetAllocator());
    std::string at;
    if (!rewrite(out_, own_, at, error)) return false;
    while (!pending_.empty()) {
      const Pending next = pending_.back();
      pending_.pop_back();
      const Value* definition = definition_of(next.file, next.name);
      Value copy(*definition, out_.GetAllocator());
      std::string pointer = "/definitions";
      append_pointer_token(pointer, next.name);
      if (!rewrite(copy, next.file, pointer, error)) return false;
      Value* definitions = out_.IsObject() ? const_cast<Value*>(member(out_, "definitions")) : nullptr;
      if (definitions == nullptr && out_.IsObject()) {
        out_.AddMember("definitions", Value(rapidjson::kObjectType), out_.GetAllocator());
        definitions = const_cast<Value*>(member(out_, "definitions"));
      }
      if (definitions == nullptr || !definitions->IsObject()) {
        error = std::string(own_) +
                ": \"definitions\" is not an object, so the definitions it refers to in other "
                "files cannot be added";
        return false;
      }
      definitions->AddMember(Value(next.local.c_str(), out_.GetAllocator()), copy, out_.GetAllocator());
    }
    return true;
  }

 private:
  struct Pending {
    std::string file, name, local;
  };

  const Value* definition_of(std::string_view file, std::string_view name) const {
    const auto found = files_.find(file);
    if (found == files_.end()) return nullptr;
    const Value* definitions = member(*found->second, "definitions");
    return definitions && definitions->IsObject() ? member(*definitions, name) : nullptr;
  }

  // Rewrites the references in `node` (in file `file`, at `pointer` there).
  bool rewrite(Value& node, std::string_view file, std::string& pointer, std::string& error) {
    const std::size_t size = pointer.size();
    if (node.IsObject()) {
      for (auto& m : node.GetObject()) {
        const std::string_view keyword = text_of(m.name);
        if (keyword == "$ref" && m.value.IsString()) {
          if (!rewrite_reference(m.value, file, pointer, error)) return false;
          continue;
        }
        if (holds_data(keyword)) continue;
        append_pointer_token(pointer, keyword);
        if (!rewrite(m.value, file, pointer, error)) return false;
        pointer.resize(size);
      }
    } else if (node.IsArray()) {
      for (rapidjson::SizeType i = 0; i < node.Size(); ++i) {
        append_pointer_index(pointer, i);
        if (!rewrite(node[i], file, pointer, error)) return false;
        pointer.resize(size);
      }
    }
    return true;
  }

  bool rewrite_reference(Value& ref, std::string_view file, const std::string& pointer, std::string& error) {
    const std::string reference(text_of(ref));
    auto fail = [&](std::string_view why) {
      error = std::string(file) + ": \"$ref\": \"" + reference + "\" at " + (pointer.empty() ? "the root" : pointer) +
              " " + std::string(why);
      return false;
    };
    // RFC 6901 fragments may percent-encode, which valijson decodes and our pointers do not: one
    // reference must name one target for every reader, so none is taken.
    if (reference.find('%') != std::string::npos) return fail("is percent-encoded; write the names as they are");
    const std::size_t hash = reference.find('#');
    const std::string_view path = std::string_view(reference).substr(0, hash);
    const std::string_view fragment =
        hash == std::string::npos ? std::string_view() : std::string_view(reference).substr(hash + 1);
    const std::string_view target = path.empty() ? file : path.substr(path.rfind('/') + 1);
    const auto found = files_.find(target);
    if (found == files_.end()) {
      return fail("names " + std::string(target) +
                  ", which is not a schema file of the directory or of the contract (only local references and "
                  "references to those files are followed)");
    }
    if (target == own_) {  // into the document itself: stays (or becomes) local
      if (resolve_pointer(*found->second, fragment) == nullptr) return fail("names nothing");
      ref.SetString(("#" + std::string(fragment)).c_str(), out_.GetAllocator());
      return true;
    }
    std::string name;
    constexpr std::string_view kDefinitions = "/definitions";
    if (fragment.substr(0, kDefinitions.size()) != kDefinitions ||
        !single_token(fragment.substr(kDefinitions.size()), name)) {
      return fail("points into " + std::string(target) +
                  " elsewhere than #/definitions/NAME (only definitions can "
                  "be bundled)");
    }
    if (definition_of(target, name) == nullptr) return fail("names nothing in " + std::string(target));
    const std::string local = std::string(stem(target)) + "." + name;
    std::string local_ref(kDefinitionsRef.substr(0, kDefinitionsRef.size() - 1));
    append_pointer_token(local_ref, local);
    ref.SetString(local_ref.c_str(), out_.GetAllocator());
    if (reserved_.insert(local).second) {
      if (const Value* definitions = member(out_, "definitions"); definitions && member(*definitions, local)) {
        return fail("would be bundled as definition \"" + local + "\", which " + std::string(own_) + " already has");
      }
      pending_.push_back({std::string(target), name, local});
    }
    return true;
  }

  std::string_view own_;
  const SchemaFiles& files_;
  rapidjson::Document& out_;
  std::set<std::string> reserved_;  // local names of the definitions bundled (or about to be)
  std::vector<Pending> pending_;
};

void restore_references(Value& node, std::string_view file, rapidjson::Document::AllocatorType& allocator) {
  if (node.IsObject()) {
    for (auto& m : node.GetObject()) {
      const std::string_view keyword = text_of(m.name);
      if (keyword == "$ref" && m.value.IsString()) {
        const std::string_view ref = text_of(m.value);
        const std::string prefix = std::string(kDefinitionsRef) + std::string(stem(file)) + ".";
        if (ref.substr(0, prefix.size()) == prefix && ref.find('/', prefix.size()) == std::string_view::npos) {
          const std::string restored = std::string(file) + "#/definitions/" + std::string(ref.substr(prefix.size()));
          m.value.SetString(restored.c_str(), allocator);
        }
      } else if (!holds_data(keyword)) {
        restore_references(m.value, file, allocator);
      }
    }
  } else if (node.IsArray()) {
    for (auto& item : node.GetArray()) restore_references(item, file, allocator);
  }
}

}  // namespace

bool bundle_schema(const Value& own, std::string_view own_name, const SchemaFiles& files, rapidjson::Document& out,
                   std::string& error) {
  return Bundler(own_name, files, out).run(own, error);
}

bool unbundle_file(rapidjson::Document& document, std::string_view file) {
  Value* definitions = document.IsObject() ? const_cast<Value*>(member(document, "definitions")) : nullptr;
  if (definitions == nullptr || !definitions->IsObject()) return false;
  const std::string prefix = std::string(stem(file)) + ".";
  bool removed = false;
  for (auto m = definitions->MemberBegin(); m != definitions->MemberEnd();) {
    if (text_of(m->name).substr(0, prefix.size()) == prefix) {
      m = definitions->EraseMember(m);
      removed = true;
    } else {
      ++m;
    }
  }
  if (removed) restore_references(document, file, document.GetAllocator());
  return removed;
}

}  // namespace backfill::detail

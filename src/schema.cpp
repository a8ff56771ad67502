// valijson as configured for this project: "format" keywords are removed before compiling (formats
// are checked exactly by the rule layer; valijson's date-time regex overflows the stack on long
// strings and its format check throws on non-strings), and its English error report is mapped to
// keywords, pointers and schema locations, with cascade messages ("Failed to validate item #...")
// dropped.
#include "schema.h"

#include "schema_facts.h"

#include <algorithm>
#include <unordered_set>

#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace backfill::detail {

namespace {

using Adapter = valijson::adapters::RapidJsonAdapter;

// Removes string-valued "format" members from every object of the schema document.
void strip_formats(Value& node) {
  if (node.IsObject()) {
    auto found = node.FindMember("format");
    if (found != node.MemberEnd() && found->value.IsString()) node.RemoveMember(found);
    for (auto& m : node.GetObject()) strip_formats(m.value);
  } else if (node.IsArray()) {
    for (auto& item : node.GetArray()) strip_formats(item);
  }
}

struct KeywordPattern {
  std::string_view prefix;
  std::string_view keyword;  // empty: a cascade message, dropped
  Code code;
};

// valijson 1.0's messages (validation_visitor.hpp), most specific first.
constexpr KeywordPattern kPatterns[] = {
    {"Value type not permitted by 'type' constraint", "type", Code::schema_type},
    {"Missing required property", "required", Code::schema_required},
    {"Failed to match against any enum values", "enum", Code::schema_enum},
    {"Array should contain no fewer than", "minItems", Code::schema_items},
    {"Array should contain no more than", "maxItems", Code::schema_items},
    {"Failed to validate against any child schemas allowed by oneOf", "oneOf", Code::schema_one_of},
    {"Failed to validate against exactly one child schema", "oneOf", Code::schema_one_of},
    {"Failed to validate against any schemas allowed by anyOf", "anyOf", Code::schema_one_of},
    {"String should be no more than", "maxLength", Code::schema_other},
    {"String should be no fewer than", "minLength", Code::schema_other},
    {"Expected number less than or equal", "maximum", Code::schema_other},
    {"Expected number less than", "exclusiveMaximum", Code::schema_other},
    {"Expected number greater than or equal", "minimum", Code::schema_other},
    {"Expected number greater than", "exclusiveMinimum", Code::schema_other},
    {"Failed to match expected value set by 'const'", "const", Code::schema_other},
    {"Object contains a property that could not be validated", "additionalProperties", Code::schema_other},
    {"Object should have no", "properties", Code::schema_other},
    {"Failed to validate item #", "", Code::schema_other},
    {"Failed to validate against schema associated with", "", Code::schema_other},
    {"Failed to validate against child schema", "", Code::schema_other},
    {"Failed to validate against additional", "", Code::schema_other},
    {"Failed to validate against dependent schema", "", Code::schema_other},
};

}  // namespace

// Shared with the fast path (fast_path.h), so that both word a failure identically.
std::string describe_types(const Value* type) {
  if (type == nullptr) return "another type";
  auto one = [](std::string_view name) {
    const bool vowel = !name.empty() && (name[0] == 'a' || name[0] == 'i' || name[0] == 'o');
    return std::string(vowel ? "an " : "a ") + std::string(name);
  };
  if (type->IsString()) return one(text_of(*type));
  std::string out;
  if (type->IsArray()) {
    for (rapidjson::SizeType i = 0; i < type->Size(); ++i) {
      if (!(*type)[i].IsString()) continue;
      if (!out.empty()) out += i + 1 == type->Size() ? " or " : ", ";
      out += one(text_of((*type)[i]));
    }
  }
  return out.empty() ? "another type" : out;
}

std::string describe_found(const Value& value) {
  // Containers are described by quote_value() with their article ("an object", "an array of 3
  // items"); scalars by their type and value ("integer 5", "string \"x\"").
  if (value.IsObject() || value.IsArray()) return quote_value(value);
  return std::string(json_type_name(value)) + " " + quote_value(value);
}

std::string describe_enum(const Value* values) {
  if (values == nullptr || !values->IsArray()) return "one of the documented values";
  std::string out;
  for (rapidjson::SizeType i = 0; i < values->Size(); ++i) {
    if (i) out += i + 1 == values->Size() ? " or " : ", ";
    out += quote_value((*values)[i]);
  }
  return out;
}

CompiledSchema::CompiledSchema() = default;
CompiledSchema::~CompiledSchema() = default;

void CompiledSchema::compile(std::string_view text) {
  document_.Parse(text.data(), text.size());
  if (document_.HasParseError() || !document_.IsObject()) throw std::runtime_error("embedded schema is not JSON");
  if (const Value* id = member(document_, "$id"); id && id->IsString()) id_ = std::string(text_of(*id));
  // Every local "$ref" resolved once, for follow_refs().
  refs_.clear();
  std::vector<const Value*> pending{&document_};
  while (!pending.empty()) {
    const Value* node = pending.back();
    pending.pop_back();
    if (node->IsArray()) {
      for (const Value& item : node->GetArray()) pending.push_back(&item);
    } else if (node->IsObject()) {
      for (const auto& m : node->GetObject()) {
        const std::string_view target = m.value.IsString() ? text_of(m.value) : std::string_view();
        if (text_of(m.name) == "$ref" && !target.empty() && target[0] == '#') {
          refs_.emplace_back(&m.value, resolve_pointer(document_, target.substr(1)));
        }
        pending.push_back(&m.value);
      }
    }
  }
  std::sort(refs_.begin(), refs_.end(), [](const auto& a, const auto& b) { return std::less<const Value*>()(a.first, b.first); });
  rapidjson::Document stripped;
  stripped.CopyFrom(document_, stripped.GetAllocator());
  strip_formats(stripped);
  compiled_ = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  parser.populateSchema(Adapter(stripped), *compiled_);
  facts_ = std::make_unique<SchemaFacts>(*this, document_);
}

bool CompiledSchema::accepts(const Value& instance) const {
  valijson::Validator validator;  // per call: it caches regexes, so it is not shareable
  return validator.validate(*compiled_, Adapter(instance), nullptr);
}

std::vector<SchemaFailure> CompiledSchema::failures(const Value& instance) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  validator.validate(*compiled_, Adapter(instance), &results);
  std::vector<SchemaFailure> out;
  for (auto it = results.begin(); it != results.end(); ++it) {
    SchemaFailure failure = map_failure(instance, it->context, it->description);
    if (!failure.keyword.empty()) out.push_back(std::move(failure));
  }
  // Hostile input can give millions of failures: the filters below use hash sets, never a scan per
  // failure (which made 30,000 empty updates take minutes).
  // A failed oneOf/anyOf stands for its branches' failures: drop what was found beneath it.
  std::unordered_set<std::string> alternatives;
  for (const auto& f : out) {
    if (f.code == Code::schema_one_of) alternatives.insert(f.pointer);
  }
  if (!alternatives.empty()) {
    auto beneath_alternative = [&](const SchemaFailure& f) {
      if (f.code == Code::schema_one_of) return false;
      for (std::size_t end = 0; end <= f.pointer.size(); ++end) {  // every ancestor, and the value itself
        if ((end == f.pointer.size() || f.pointer[end] == '/') && alternatives.count(f.pointer.substr(0, end)) != 0) return true;
      }
      return false;
    };
    out.erase(std::remove_if(out.begin(), out.end(), beneath_alternative), out.end());
  }
  // A value of the wrong type fails its other keywords too (enum, ...): the type failure stands alone.
  std::unordered_set<std::string> mistyped;
  for (const auto& f : out) {
    if (f.keyword == "type") mistyped.insert(f.pointer);
  }
  if (!mistyped.empty()) {
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const SchemaFailure& f) {
                               return f.keyword != "type" && f.keyword != "required" && mistyped.count(f.pointer) != 0;
                             }),
              out.end());
  }
  // valijson reports the same failure again from each branch it retries; keep one.
  std::vector<SchemaFailure> unique;
  std::unordered_set<std::string> seen;
  for (auto& f : out) {
    if (seen.insert(f.pointer + '\0' + f.keyword + '\0' + f.message).second) unique.push_back(std::move(f));
  }
  return unique;
}

SchemaCursor CompiledSchema::root() const { return resolve({&document_, ""}); }

const Value* CompiledSchema::follow_refs(const Value* schema, int* hops) const {
  int followed = 0;
  // Bounded: a reference cycle in our own schemas would be a bug, but must not hang.
  for (; followed < 16 && schema != nullptr; ++followed) {
    const Value* ref = member(*schema, "$ref");
    if (ref == nullptr || !ref->IsString()) break;
    const std::string_view target = text_of(*ref);
    if (target.empty() || target[0] != '#') break;
    // Resolved once by compile(); a reference it could not resolve names nothing.
    const auto found = std::lower_bound(refs_.begin(), refs_.end(), ref, [](const auto& entry, const Value* key) {
      return std::less<const Value*>()(entry.first, key);
    });
    schema = found != refs_.end() && found->first == ref ? found->second : nullptr;
  }
  if (hops != nullptr) *hops = followed;
  return schema;
}

SchemaCursor CompiledSchema::resolve(SchemaCursor cursor) const {
  int hops = 0;
  cursor.schema = follow_refs(cursor.schema, &hops);
  for (int i = 0; i < hops; ++i) cursor.location += "/$ref";
  return cursor;
}

const Value* CompiledSchema::raw_member_subschema(const Value* object, std::string_view name,
                                                  bool& via_properties) const {
  if (object == nullptr) return nullptr;
  if (const Value* properties = member(*object, "properties")) {
    if (const Value* sub = member(*properties, name); sub && sub->IsObject()) {
      via_properties = true;
      return sub;
    }
  }
  via_properties = false;
  const Value* additional = member(*object, "additionalProperties");
  return additional && additional->IsObject() ? additional : nullptr;
}

const Value* CompiledSchema::member_subschema(const Value* object, std::string_view name) const {
  bool via_properties = false;
  const Value* sub = raw_member_subschema(object, name, via_properties);
  return sub ? follow_refs(sub) : nullptr;
}

const Value* CompiledSchema::items_subschema(const Value* array) const {
  const Value* items = array ? member(*array, "items") : nullptr;
  return items && items->IsObject() ? follow_refs(items) : nullptr;
}

bool CompiledSchema::member_schema(const SchemaCursor& object, std::string_view name, SchemaCursor& out) const {
  bool via_properties = false;
  const Value* sub = raw_member_subschema(object.schema, name, via_properties);
  if (sub == nullptr) return false;
  std::string location = object.location + (via_properties ? "/properties" : "/additionalProperties");
  if (via_properties) append_pointer_token(location, name);
  out = resolve({sub, std::move(location)});
  return true;
}

bool CompiledSchema::items_schema(const SchemaCursor& array, SchemaCursor& out) const {
  if (array.schema == nullptr) return false;
  const Value* items = member(*array.schema, "items");
  if (items == nullptr || !items->IsObject()) return false;
  out = resolve({items, array.location + "/items"});
  return true;
}

SchemaFailure CompiledSchema::map_failure(const Value& instance, const std::vector<std::string>& context,
                                          const std::string& description) const {
  SchemaFailure failure;
  const KeywordPattern* pattern = nullptr;
  for (const auto& p : kPatterns) {
    if (std::string_view(description).substr(0, p.prefix.size()) == p.prefix) { pattern = &p; break; }
  }
  if (pattern != nullptr && pattern->keyword.empty()) return failure;  // cascade: dropped
  failure.keyword = pattern ? std::string(pattern->keyword) : "unknown";
  failure.code = pattern ? pattern->code : Code::schema_other;

  // Walk the instance and the schema together along valijson's context ("<root>", "[name]", "[0]").
  const Value* node = &instance;
  SchemaCursor cursor = root();
  for (std::size_t i = 1; i < context.size() && node != nullptr; ++i) {
    std::string_view token = context[i];
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') token = token.substr(1, token.size() - 2);
    SchemaCursor next;
    if (node->IsArray()) {
      const unsigned long index = std::strtoul(std::string(token).c_str(), nullptr, 10);
      if (index >= node->Size()) break;
      node = &(*node)[static_cast<rapidjson::SizeType>(index)];
      append_pointer_index(failure.pointer, index);
      cursor = items_schema(cursor, next) ? next : SchemaCursor{};
    } else {
      node = member(*node, token);
      append_pointer_token(failure.pointer, token);
      cursor = member_schema(cursor, token, next) ? next : SchemaCursor{};
    }
  }
  failure.node = node;
  failure.keyword_location = cursor.location + "/" + failure.keyword;
  const Value* schema = cursor.schema;
  const Value* keyword_value = schema ? member(*schema, failure.keyword) : nullptr;

  if (failure.keyword == "type" && node) {
    failure.message = "expected " + describe_types(keyword_value) + ", found " + describe_found(*node);
  } else if (failure.keyword == "required") {
    const auto open = description.find('\'');
    const auto close = description.rfind('\'');
    const std::string name = open != std::string::npos && close > open ? description.substr(open + 1, close - open - 1) : "";
    failure.message = "missing required member " + quote_text(name);
    failure.missing = name;
  } else if (failure.keyword == "enum" && node) {
    failure.message = quote_value(*node) + " is not an allowed value; expected " + describe_enum(keyword_value);
  } else if ((failure.keyword == "minItems" || failure.keyword == "maxItems") && node && node->IsArray() &&
             keyword_value && keyword_value->IsUint()) {
    failure.message = "array has " + std::to_string(node->Size()) + " items; " +
                      (failure.keyword == "minItems" ? "at least " : "at most ") +
                      std::to_string(keyword_value->GetUint()) + " allowed";
  } else if (failure.keyword == "oneOf" || failure.keyword == "anyOf") {
    failure.message = "value matches none of the allowed shapes";
  } else {
    std::string text = description;
    if (!text.empty() && text.back() == '.') text.pop_back();
    if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    failure.message = text;
  }
  return failure;
}

}  // namespace backfill::detail

// valijson as configured for this project, and its English error report mapped to keywords,
// pointers and keyword locations, with cascade messages ("Failed to validate item #...") dropped.
#include "schema/reference.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_set>

#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "schema/model.h"
#include "schema/wording.h"

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

ReferenceSchema::ReferenceSchema() = default;
ReferenceSchema::~ReferenceSchema() = default;
ReferenceSchema::ReferenceSchema(ReferenceSchema&&) noexcept = default;
ReferenceSchema& ReferenceSchema::operator=(ReferenceSchema&&) noexcept = default;

void ReferenceSchema::compile(const SchemaModel& model) {
  model_ = &model;
  rapidjson::Document stripped;
  stripped.CopyFrom(model.document(), stripped.GetAllocator());
  strip_formats(stripped);
  compiled_ = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  parser.populateSchema(Adapter(stripped), *compiled_);
}

bool ReferenceSchema::accepts(const Value& instance) const {
  valijson::Validator validator;  // per call: it caches regexes, so it is not shareable
  return validator.validate(*compiled_, Adapter(instance), nullptr);
}

std::vector<SchemaFailure> ReferenceSchema::failures(const Value& instance) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  validator.validate(*compiled_, Adapter(instance), &results);
  std::vector<SchemaFailure> out;
  for (auto it = results.begin(); it != results.end(); ++it) {
    SchemaFailure failure = map_failure(instance, it->context, it->description);
    if (!failure.keyword.empty()) out.push_back(std::move(failure));
  }
  // Hostile input can give millions of failures: the filters below use hash sets, never a scan per
  // failure.
  // A failed oneOf/anyOf stands for its branches' failures: drop what was found beneath it.
  std::unordered_set<std::string> alternatives;
  for (const auto& f : out) {
    if (f.code == Code::schema_one_of) alternatives.insert(f.pointer);
  }
  if (!alternatives.empty()) {
    auto beneath_alternative = [&](const SchemaFailure& f) {
      if (f.code == Code::schema_one_of) return false;
      for (std::size_t end = 0; end <= f.pointer.size(); ++end) {  // every ancestor, and the value itself
        if ((end == f.pointer.size() || f.pointer[end] == '/') && alternatives.count(f.pointer.substr(0, end)) != 0)
          return true;
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

SchemaFailure ReferenceSchema::map_failure(const Value& instance, const std::vector<std::string>& context,
                                           const std::string& description) const {
  SchemaFailure failure;
  const KeywordPattern* pattern = nullptr;
  for (const auto& p : kPatterns) {
    if (std::string_view(description).substr(0, p.prefix.size()) == p.prefix) {
      pattern = &p;
      break;
    }
  }
  if (pattern != nullptr && pattern->keyword.empty()) return failure;  // cascade: dropped
  failure.keyword = pattern ? std::string(pattern->keyword) : "unknown";
  failure.code = pattern ? pattern->code : Code::schema_other;

  // Walk the instance and the model together along valijson's context ("<root>", "[name]", "[0]").
  // Where the model describes no subschema, the location starts again from "" (as does valijson's).
  const Value* node = &instance;
  NodeId at = model_->root();
  std::string location = model_->root_edge();
  for (std::size_t i = 1; i < context.size() && node != nullptr; ++i) {
    std::string_view token = context[i];
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') token = token.substr(1, token.size() - 2);
    const std::string* edge = nullptr;
    if (node->IsArray()) {
      const unsigned long index = std::strtoul(std::string(token).c_str(), nullptr, 10);
      if (index >= node->Size()) break;
      node = &(*node)[static_cast<rapidjson::SizeType>(index)];
      append_pointer_index(failure.pointer, index);
      at = model_->items_schema(at, &edge);
    } else {
      node = member(*node, token);
      append_pointer_token(failure.pointer, token);
      at = model_->member_schema(at, token, &edge);
    }
    if (at < 0)
      location.clear();
    else
      location += *edge;
  }
  failure.node = node;
  failure.keyword_location = location + "/" + failure.keyword;
  const std::size_t open = description.find('\''), close = description.rfind('\'');
  if (failure.keyword == "required" && open != std::string::npos && close > open) {
    failure.missing = description.substr(open + 1, close - open - 1);
  }
  if (auto message = describe_failure(failure.keyword, model_->keyword(at, failure.keyword), node, failure.missing)) {
    failure.message = std::move(*message);
  } else {
    std::string text = description;
    if (!text.empty() && text.back() == '.') text.pop_back();
    if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    failure.message = std::move(text);
  }
  return failure;
}

}  // namespace backfill::detail

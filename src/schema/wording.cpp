#include "schema/wording.h"

namespace backfill::detail {

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

std::optional<std::string> describe_failure(std::string_view keyword, const Value* keyword_value, const Value* instance,
                                            std::string_view missing) {
  if (keyword == "type" && instance) {
    return "expected " + describe_types(keyword_value) + ", found " + describe_found(*instance);
  }
  if (keyword == "required") return "missing required member " + quote_text(missing);
  if (keyword == "enum" && instance) {
    return quote_value(*instance) + " is not an allowed value; expected " + describe_enum(keyword_value);
  }
  if ((keyword == "minItems" || keyword == "maxItems") && instance && instance->IsArray() && keyword_value &&
      keyword_value->IsUint()) {
    return "array has " + std::to_string(instance->Size()) + " items; " +
           (keyword == "minItems" ? "at least " : "at most ") + std::to_string(keyword_value->GetUint()) + " allowed";
  }
  if (keyword == "oneOf" || keyword == "anyOf") return std::string("value matches none of the allowed shapes");
  return std::nullopt;
}

}  // namespace backfill::detail

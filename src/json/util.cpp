// JSON Pointer (RFC 6901) helpers and small value utilities shared by the schema layer and rules.
#include "json/json.h"

namespace backfill::detail {

void assertion_failed(const char* what) {
  throw std::logic_error(std::string("internal assertion failed: ") + what);
}

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer += '/';
  if (token.find_first_of("~/") == std::string_view::npos) {  // the usual name: nothing to escape
    pointer += token;
    return;
  }
  for (char c : token) {
    if (c == '~') pointer += "~0";
    else if (c == '/') pointer += "~1";
    else pointer += c;
  }
}

void append_pointer_index(std::string& pointer, std::size_t index) {
  pointer += '/';
  pointer += std::to_string(index);
}

const Value* member(const Value& object, std::string_view name) noexcept {
  if (!object.IsObject()) return nullptr;
  for (const auto& m : object.GetObject()) {
    if (text_of(m.name) == name) return &m.value;
  }
  return nullptr;
}

const Value* member_at(const Value* object, std::string_view name) noexcept {
  return object ? member(*object, name) : nullptr;
}

const Value* string_member(const Value* object, std::string_view name) noexcept {
  const Value* value = member_at(object, name);
  return value && value->IsString() ? value : nullptr;
}

const Value* object_member(const Value* object, std::string_view name) noexcept {
  const Value* value = member_at(object, name);
  return value && value->IsObject() ? value : nullptr;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const Value* resolve_pointer(const Value& root, std::string_view pointer) {
  const Value* current = &root;
  std::size_t pos = 0;
  if (pointer.empty()) return current;
  if (pointer[0] != '/') return nullptr;
  while (pos < pointer.size()) {
    const std::size_t start = pos + 1;
    std::size_t end = pointer.find('/', start);
    if (end == std::string_view::npos) end = pointer.size();
    std::string token;
    for (std::size_t i = start; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token += pointer[i + 1] == '0' ? '~' : '/';
        ++i;
      } else if (pointer[i] == '~') {
        return nullptr;
      } else {
        token += pointer[i];
      }
    }
    if (current->IsObject()) {
      current = member(*current, token);
    } else if (current->IsArray()) {
      if (token.empty() || token.size() > 10 || token.find_first_not_of("0123456789") != std::string::npos ||
          (token.size() > 1 && token[0] == '0')) {
        return nullptr;
      }
      const unsigned long index = std::stoul(token);
      if (index >= current->Size()) return nullptr;
      current = &(*current)[static_cast<rapidjson::SizeType>(index)];
    } else {
      return nullptr;
    }
    if (current == nullptr) return nullptr;
    pos = end;
  }
  return current;
}

std::string quote_text(std::string_view text) {
  std::string out;
  append_quoted(out, text);
  return out;
}

void append_quoted(std::string& out, std::string_view text) {
  constexpr std::size_t kMax = 60;
  out += '"';
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    // Cut only at a character boundary, so the message stays valid UTF-8.
    if (shown >= kMax && (c & 0xC0) != 0x80) {
      out += "...";
      break;
    }
    if (c == '"' || c == '\\') { out += '\\'; out += static_cast<char>(c); }
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20) { out += "\\u00"; out += "0123456789abcdef"[c >> 4]; out += "0123456789abcdef"[c & 15]; }
    else out += static_cast<char>(c);
    if ((c & 0xC0) != 0x80) ++shown;
  }
  out += '"';
}

std::string quote_value(const Value& value) {
  if (value.IsString()) return quote_text(text_of(value));
  if (value.IsNull()) return "null";
  if (value.IsBool()) return value.GetBool() ? "true" : "false";
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  if (value.IsDouble()) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value.GetDouble());
    return buffer;
  }
  if (value.IsArray()) return "an array of " + std::to_string(value.Size()) + " items";
  return "an object";
}

std::string_view json_type_name(const Value& value) noexcept {
  if (value.IsNull()) return "null";
  if (value.IsBool()) return "boolean";
  if (value.IsString()) return "string";
  if (value.IsNumber()) return value.IsDouble() ? "number" : "integer";
  if (value.IsArray()) return "array";
  return "object";
}

}  // namespace backfill::detail

// A RapidJSON value written back as compact JSON text, for tests that build documents as values.
#pragma once

#include "json/json.h"  // first: it configures RapidJSON

#include <string>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace test {

inline std::string json_text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace test

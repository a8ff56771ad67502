#include "helpers.h"

#include <random>

#include "json/json.h"
#include "json/padded_stream.h"
#include "oracles.h"

using backfill::Code;

namespace {
// The one diagnostic of a report, with copies of its texts (the report is a temporary here).
struct Only {
  Code code;
  std::string pointer, message;
  std::uint32_t line, column;
};
Only only(const backfill::Report& report) {
  REQUIRE(report.diagnostics.size() == 1);
  const backfill::Diagnostic& d = report.diagnostics[0];
  return {d.code, std::string(d.pointer), std::string(d.message), d.line, d.column};
}
}  // namespace

TEST_CASE("parse: malformed input is BF0002 with its position") {
  SUBCASE("trailing comma") {
    const auto d = only(test::check("{\n  \"data\": {\"type\": \"maintenances\",}\n}"));
    CHECK(d.code == Code::json_syntax);
    CHECK(d.line == 2);
    CHECK(d.column == 35);
  }
  SUBCASE("trailing data after the value") {
    const auto d = only(test::check("{} {}"));
    CHECK(d.code == Code::json_syntax);
    CHECK(d.column == 4);
  }
  SUBCASE("empty and blank input") {
    CHECK(only(test::check("")).code == Code::json_syntax);
    CHECK(only(test::check(" \n\t")).code == Code::json_syntax);
  }
  SUBCASE("a NUL byte does not silently end the input") {
    const auto d = only(test::check(std::string("{}\0garbage", 10)));
    CHECK(d.code == Code::json_syntax);
    CHECK(d.column == 3);
    CHECK(d.message.find("NUL") != std::string::npos);
  }
  SUBCASE("a byte-order mark, whole or partial, is not skipped") {
    CHECK(only(test::check("\xEF\xBB\xBF{}")).code == Code::json_syntax);
    CHECK(only(test::check("\xEF\xBB{}")).code != Code::schema_type);
  }
  SUBCASE("comments, NaN and single quotes are not JSON") {
    CHECK(only(test::check("{/*c*/}")).code == Code::json_syntax);
    CHECK(only(test::check("[NaN]")).code == Code::json_syntax);
    CHECK(only(test::check("{'a':1}")).code == Code::json_syntax);
  }
}

TEST_CASE("parse: encoding faults are BF0003") {
  SUBCASE("invalid UTF-8") {
    const auto d = only(test::check("{\"title\": \"\xC3\x28\"}"));
    CHECK(d.code == Code::json_encoding);
  }
  SUBCASE("a lone low surrogate escape") {
    const auto d = only(test::check(R"({"title": "\udfaa"})"));
    CHECK(d.code == Code::json_encoding);
    CHECK(d.column == 11);
  }
  SUBCASE("a lone high surrogate escape") {
    CHECK(only(test::check(R"({"title": "\ud800x"})")).code == Code::json_encoding);
  }
  SUBCASE("a lone surrogate in a member name") {
    CHECK(only(test::check(R"({"\udc00": 1})")).code == Code::json_encoding);
  }
  SUBCASE("a valid surrogate pair is fine") {
    const auto report = test::check(R"({"data": "\ud83d\ude00"})");
    CHECK(report.diagnostics.size() == 1);
    CHECK(report.diagnostics[0].code == Code::schema_type);
  }
}

TEST_CASE("parse: numbers are converted safely (CVE-2024-38517)") {
  SUBCASE("huge negative exponent does not crash") {
    const auto report = test::check(R"({"x":0.0000074836628E-2147483636})");
    CHECK(backfill::rule_info(report.diagnostics.at(0).code).id == "BF1002");
  }
  SUBCASE("overflow is reported") {
    const auto d = only(test::check("[1e400]"));
    CHECK(d.code == Code::json_limits);
  }
  SUBCASE("int and double edges parse") {
    const auto report = test::check(
        "[2147483647, 2147483648, -2147483648, -2147483649, 4294967295, 4294967296, 9223372036854775807,"
        " 18446744073709551615, 18446744073709551616, -9223372036854775809, 1.7976931348623157e308, 5e-324, -0]");
    CHECK(report.diagnostics.size() == 1);
    CHECK(report.diagnostics[0].code == Code::schema_type);
  }
  SUBCASE("a 100,000-digit number is a limit, not a hang") {
    const auto d = only(test::check("[" + std::string(100000, '7') + "]"));
    CHECK(d.code == Code::json_limits);
  }
}

TEST_CASE("parse: size and depth limits are BF0004") {
  SUBCASE("depth") {
    const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
    const auto d = only(test::check(deep));
    CHECK(d.code == Code::json_limits);
    CHECK(d.column == 129);
    backfill::Options options = test::options_at_fixed_now();
    options.limits.max_depth = 3;
    CHECK(backfill::validate("[[[]]]", options).diagnostics.at(0).code == Code::schema_type);
    CHECK(backfill::validate("[[[[]]]]", options).diagnostics.at(0).code == Code::json_limits);
  }
  SUBCASE("a raised depth limit is capped at 1000 levels") {
    backfill::Options options = test::options_at_fixed_now();
    options.limits.max_depth = 1000000;
    const auto report = backfill::validate(std::string(5000, '[') + std::string(5000, ']'), options);
    REQUIRE(report.diagnostics.size() == 1);
    CHECK(report.diagnostics[0].code == Code::json_limits);
    CHECK(report.diagnostics[0].column == 1001);
  }
  SUBCASE("size") {
    backfill::Options options = test::options_at_fixed_now();
    options.limits.max_bytes = 10;
    const auto report = backfill::validate("{\"data\": 12345}", options);
    REQUIRE(report.diagnostics.size() == 1);
    CHECK(report.diagnostics[0].code == Code::json_limits);
    CHECK(report.diagnostics[0].message.find("limit is 10") != std::string::npos);
  }
}

TEST_CASE("parse: duplicate member names are BF0005 at the repeat") {
  const auto report = test::check(
      test::replace(test::kValidRequest, R"("title": "Past Database Maintenance",)", R"("title": "A", "title": "B",)"));
  REQUIRE(report.diagnostics.size() == 1);
  const auto& d = report.diagnostics[0];
  CHECK(d.code == Code::json_duplicate_key);
  CHECK(d.pointer == "/data/attributes/title");
  CHECK(d.line == 4);
  CHECK(d.column == 30);

  SUBCASE("in a large object too") {
    std::string big = "[{";
    for (int i = 0; i < 1000; ++i) big += "\"k" + std::to_string(i) + "\":1,";
    big += "\"k500\":2}]";
    const auto r = test::check(big);
    CHECK(test::summary(r) == std::vector<std::string>{"BF1001@", "BF0005@/0/k500"});
  }
}

TEST_CASE("parse: positions are 1-based lines and code-point columns of the named value") {
  const auto report = test::check(
      "{\"data\":\n  {\"type\": \"maintenances\", \"attributes\": {\"title\": \"\xC3\xA9\xE2\x9C\x93\", \"updates\": "
      "5}}}");
  REQUIRE(report.diagnostics.size() == 1);
  CHECK(report.diagnostics[0].pointer == "/data/attributes/updates");
  CHECK(report.diagnostics[0].line == 2);
  CHECK(report.diagnostics[0].column == 69);
}

TEST_CASE("pointer: RFC 6901 escaping and resolution") {
  std::string pointer;
  backfill::detail::append_pointer_token(pointer, "a/b~c");
  backfill::detail::append_pointer_index(pointer, 3);
  CHECK(pointer == "/a~1b~0c/3");
  rapidjson::Document doc;
  doc.Parse(R"({"a/b~c": [0, 1, 2, {"": 7}]})");
  const auto* v = backfill::detail::resolve_pointer(doc, "/a~1b~0c/3/");
  REQUIRE(v != nullptr);
  CHECK(v->GetInt() == 7);
  CHECK(backfill::detail::resolve_pointer(doc, "/a~1b~0c/03") == nullptr);
  CHECK(backfill::detail::resolve_pointer(doc, "/a~2") == nullptr);
  CHECK(backfill::detail::resolve_pointer(doc, "") == &doc);
}

TEST_CASE("parse: offsets found lazily (a token scan) are the ones the parser records") {
  // Formatting, escapes and nesting that a token scan could get wrong.
  const std::vector<std::string> tricky = {
      R"({})",
      R"([])",
      R"([[],{},[[{}]]])",
      R"("a")",
      "7",
      "-0.5e+10",
      "true",
      " \n\t null \r\n",
      R"({"a":{},"b":[],"c":[{},[]],"d":{"e":{"f":[1,2,{"g":null}]}}})",
      R"({"k\"ey":"va\"lue","k\\":"\\","q":"\\\"","x":"}],:{[","y":"\u0041\u00e9"})",
      R"({ "a" : [ 1 , 2e-3 , -4.5E+6 , true , false , null ] , "b" : "x" })",
      "{\n  \"data\": {\n    \"type\": \"maintenances\",\n    \"attributes\": {\"updates\": [1,\n2]}\n  }\n}",
      R"([ "\\", "\\\\", "a\\\"b", "]", "}" , "," , ":" ])",
      R"({"":"","\/":"\b\f\n\r\t","\ud83d\ude00":[-1,0.0,1e5]})",
  };
  for (const std::string& text : tricky) {
    CAPTURE(text);
    CHECK(test::value_offsets_agree(text));
  }
  // Escapes at every position of strings longer than the 16 bytes the scan reads at a time.
  for (std::size_t length = 0; length < 40; ++length) {
    for (const char* escape : {"\\\"", "\\\\", "\\n", "\\u0041"}) {
      for (std::size_t at = 0; at <= length; ++at) {
        std::string inner(length, 'x');
        inner.insert(at, escape);
        const std::string text = "[\"" + inner + "\",{\"" + inner + "\":[1,\"" + inner + "\"]},2]";
        CAPTURE(text);
        REQUIRE(test::value_offsets_agree(text));
      }
    }
  }
  // Every example and recorded document of the repository, and the JSONTestSuite's y_ files.
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"examples", "tests/data", "fuzz/corpus"}) {
    const auto root = test::source_dir() / dir;
    if (!std::filesystem::exists(root)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      if (entry.is_regular_file() && entry.file_size() < (1u << 20)) files.push_back(entry.path());
    }
  }
  if (const auto shared = test::shared_dir(); !shared.empty()) {
    for (const auto& entry : std::filesystem::directory_iterator(shared / "conformance/JSONTestSuite/test_parsing")) {
      if (entry.path().filename().string().rfind("y_", 0) == 0) files.push_back(entry.path());
    }
  }
  CHECK(files.size() > 20);
  for (const auto& path : files) {
    CAPTURE(path.string());
    CHECK(test::value_offsets_agree(test::read_file(path)));
  }
}

namespace {

// Whether any object of `value` repeats a name, by brute force.
bool repeats_a_name(const rapidjson::Value& value) {
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) {
      if (repeats_a_name(item)) return true;
    }
  } else if (value.IsObject()) {
    for (auto a = value.MemberBegin(); a != value.MemberEnd(); ++a) {
      for (auto b = value.MemberBegin(); b != a; ++b) {
        if (std::string_view(a->name.GetString(), a->name.GetStringLength()) ==
            std::string_view(b->name.GetString(), b->name.GetStringLength())) {
          return true;
        }
      }
      if (repeats_a_name(a->value)) return true;
    }
  }
  return false;
}

// A random document whose member names come from a few letters, so that repeats are common, with
// objects on both sides of the 16 names the parser compares as it goes.
std::string random_document(unsigned& seed, int depth) {
  const auto next = [&seed](unsigned n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  if (depth == 0 || next(4) == 0) return std::to_string(next(100));
  std::string out;
  if (next(3) == 0) {
    out = "[";
    for (unsigned i = 0, n = next(4); i < n; ++i) out += (i ? "," : "") + random_document(seed, depth - 1);
    return out + "]";
  }
  out = "{";
  const unsigned members = next(5) == 0 ? 15 + next(4) : next(5);
  const unsigned letters = members > 8 ? 26 : 6;
  for (unsigned i = 0; i < members; ++i) {
    std::string name(1 + next(2), 'a');
    for (char& c : name) c = static_cast<char>('a' + next(letters));
    out += (i ? ",\"" : "\"") + name + "\":" + random_document(seed, depth - 1);
  }
  return out + "}";
}

}  // namespace

TEST_CASE("parse: repeated member names are found at any depth, in objects of any size") {
  unsigned seed = 7;
  std::size_t with = 0, without = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string text = random_document(seed, 4);
    rapidjson::Document reference;
    reference.Parse(text.data(), text.size());
    REQUIRE_FALSE(reference.HasParseError());
    backfill::detail::ParsedJson parsed;
    backfill::detail::ParseError error;
    REQUIRE(parsed.parse(text, 1u << 20, 128, error));
    CAPTURE(text);
    const bool repeats = repeats_a_name(reference);
    CHECK(!parsed.find_duplicate_keys().empty() == repeats);
    (repeats ? with : without) += 1;
  }
  CHECK(with > 300);
  CHECK(without > 300);
}

TEST_CASE("parse: the encoding check before the fast first pass accepts only what RapidJSON accepts") {
  // Every 1-, 2- and 3-byte sequence and a sweep of 4-byte ones inside a string, parsed by
  // ParsedJson (which skips RapidJSON's validation for text it finds well-formed) and by RapidJSON
  // with validation: the same verdict. A wrong "well-formed" would let invalid UTF-8 through.
  const auto rapidjson_accepts = [](const std::string& text) {
    rapidjson::Document document;
    document.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
    return !document.HasParseError();
  };
  const auto check = [&](const std::string& bytes) {
    const std::string text = "[\"" + bytes + "\"]";
    backfill::detail::ParsedJson parsed;
    backfill::detail::ParseError error;
    const bool ours = parsed.parse(text, 1u << 20, 128, error);
    if (ours != rapidjson_accepts(text)) {
      CAPTURE(text);
      CHECK(ours == rapidjson_accepts(text));
      return false;
    }
    return true;
  };
  std::size_t accepted = 0, checked = 0;
  const auto plain = [](int b) { return b >= 0x20 && b != '"' && b != '\\'; };
  for (int a = 0; a < 256; ++a) {
    if (!plain(a)) continue;
    for (int b = 0; b < 256; ++b) {
      if (!plain(b)) continue;
      REQUIRE(check({static_cast<char>(a), static_cast<char>(b)}));
      ++checked;
      if (a < 0xE0) continue;
      for (int c = 0x70; c < 0xD0; ++c) {  // around the continuation range 80-BF
        const std::string three{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        REQUIRE(check(three));
        ++checked;
        if (a >= 0xF0 && (b & 0x0F) == 0 && (c & 0x0F) == 0) {
          for (int d : {0x7F, 0x80, 0xBF, 0xC0}) REQUIRE(check(three + static_cast<char>(d)));
        }
      }
    }
  }
  for (const char* text : {"\xC3\xA9", "\xE2\x9C\x93", "\xF0\x9F\x98\x80", "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF"}) {
    accepted += check(text) ? 1 : 0;
  }
  CHECK(accepted == 5);
  CHECK(checked > 700000);
}

TEST_CASE("parse: a string's plain bytes are scanned from any alignment, up to the first byte that stops them") {
  // scan_unescaped() against a byte-by-byte reference: every start in a 16-byte window, lengths
  // across two loads, each kind of stop (quote, backslash, control, the padding's NUL), in place
  // and copying down behind an earlier escape (q < p).
  std::mt19937 random(20261130);
  const char stops[] = {'"', '\\', '\n', '\x1F', '\0'};
  const char plain[] = {'a', ' ', '~', '\x7F', '\x80', '\xC3', '\xFF', '/', '!', '#'};
  std::size_t checked = 0;
  for (std::size_t start = 0; start < 16; ++start) {
    for (std::size_t length = 0; length <= 40; ++length) {
      for (const char stop : stops) {
        for (const std::size_t behind : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{16}}) {
          std::string buffer(16 + start + length + 1 + backfill::detail::kStringScanPadding, '\0');
          const std::size_t from = 16 + start;
          for (std::size_t i = 0; i < length; ++i) buffer[from + i] = plain[random() % sizeof plain];
          buffer[from + length] = stop;
          // Bytes after the stop (still in the padding's place for a NUL stop) must not be read as string.
          if (stop != '\0') {
            for (std::size_t i = from + length + 1; i < buffer.size() - backfill::detail::kStringScanPadding; ++i) {
              buffer[i] = 'z';
            }
          }
          const std::string before = buffer;
          char* p = &buffer[from];
          char* q = p - behind;
          backfill::detail::scan_unescaped(p, q);
          CAPTURE(start);
          CAPTURE(length);
          CAPTURE(static_cast<int>(stop));
          CAPTURE(behind);
          REQUIRE(p == &buffer[from + length]);
          REQUIRE(q == &buffer[from + length - behind]);
          // The plain bytes were copied down; nothing from the stop on was written.
          CHECK(buffer.compare(from - behind, length, before, from, length) == 0);
          CHECK(buffer.compare(from + length, std::string::npos, before, from + length, std::string::npos) == 0);
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 10000);
}

TEST_CASE("parse: strings parsed in situ are those the recording parser reads, escapes and all") {
  // Random documents of strings with escapes, control characters, quotes and multi-byte
  // characters at every offset: the in-situ pass (its padded 16-byte scan) against the recording
  // parser (RapidJSON's own stream), which a depth limit past 128 selects. Same verdict, same strings.
  std::mt19937 random(7);
  const std::vector<std::string> pieces = {"a",  "bc",       "\\\"", "\\\\", "\\n",     "\\u00e9", "\\ud83d\\ude00",
                                           " ",  "\xC3\xA9", "/",    "\\/",  "\x01",    "\"",      "xxxxxxxxxxxxxxx",
                                           "\t", "\\t",      "~",    "\x7F", "\\u0000", "\x1A",    "\x1F"};
  const auto strings_of = [](const backfill::detail::Value& root) {
    std::vector<std::string> out;
    for (const auto& item : root.GetArray()) {
      for (const auto& m : item.GetObject()) {
        out.emplace_back(m.name.GetString(), m.name.GetStringLength());
        out.emplace_back(m.value.GetString(), m.value.GetStringLength());
      }
    }
    return out;
  };
  std::size_t parsed_both = 0, failed_both = 0;
  for (int round = 0; round < 6000; ++round) {
    std::string text = std::string(random() % 17, ' ') + "[";
    const std::size_t items = 1 + random() % 6;
    for (std::size_t i = 0; i < items; ++i) {
      if (i != 0) text += ",";
      text += "{\"";
      for (std::size_t k = random() % 4; k > 0; --k) text += pieces[random() % 7];
      text += "\":\"";
      for (std::size_t k = random() % 9; k > 0; --k) text += pieces[random() % pieces.size()];
      text += "\"}";
    }
    text += "]";
    CAPTURE(text);
    backfill::detail::ParsedJson in_situ, recording;
    backfill::detail::ParseError error;
    const bool fast = in_situ.parse(text, 1u << 20, 128, error);
    const bool reference = recording.parse(text, 1u << 20, 1000, error);
    REQUIRE(fast == reference);
    if (!fast) {
      ++failed_both;
      continue;
    }
    ++parsed_both;
    CHECK(strings_of(in_situ.root()) == strings_of(recording.root()));
  }
  CHECK(parsed_both > 500);
  CHECK(failed_both > 500);
}

TEST_CASE("parse: a raw control character in a string is BF0002 at the character, wherever it lies") {
  // RapidJSON's own 16-byte string scan (SSE2) let 0x1A-0x1F through past a string's first 16-byte
  // boundary; the byte-wise scan and RFC 8259 reject every byte below 0x20. Each control byte, at
  // each position in strings at each alignment, in situ and recording: the same fault, at the byte.
  std::size_t checked = 0;
  for (int byte = 0x01; byte < 0x20; ++byte) {
    for (std::size_t lead = 0; lead < 16; ++lead) {
      for (std::size_t at = 0; at < 40; at += 3) {
        const std::string text =
            std::string(lead, ' ') + "[\"" + std::string(at, 'a') + static_cast<char>(byte) + "bc\"]";
        const std::size_t offset = lead + 2 + at;
        for (const std::uint32_t depth : {128u, 1000u}) {  // in situ, recording
          backfill::detail::ParsedJson parsed;
          backfill::detail::ParseError error;
          CAPTURE(byte);
          CAPTURE(lead);
          CAPTURE(at);
          CAPTURE(depth);
          REQUIRE_FALSE(parsed.parse(text, 1u << 20, depth, error));
          CHECK(error.code == Code::json_syntax);
          CHECK(error.offset == offset);
          CHECK(error.message.find("raw control character U+00") == 0);
          ++checked;
        }
      }
    }
  }
  CHECK(checked == 31 * 16 * 14 * 2);
}

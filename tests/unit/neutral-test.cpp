// Issue 11, section 3: nothing from the input reaches a terminal or a CI log raw. neutralize() and
// json_escape() are the choke points; every renderer must put every input-derived string through one.
#include "helpers.h"

#include "json/json.h"  // first: it configures RapidJSON

#include <cstdint>
#include <random>

#include "../../fuzz/invariants_neutral.h"
#include "backfill/render.h"

namespace {

using backfill::fuzz::neutral_renderings_violation;
using backfill::fuzz::neutral_violation;
using backfill::fuzz::Shape;

std::string utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

std::string u_escape(char32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(cp));
  return buffer;
}

std::string x_escapes(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned char>(c));
    out += buffer;
  }
  return out;
}

bool is_bidi_or_separator(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

// Neutral text in the middle of a line (where neutralize() puts it; neutralize_name() guards a line's
// start): nothing below U+0020, nothing neutralize() escapes. "" when neutral.
std::string text_violation(const std::string& text) {
  const char* v = neutral_violation("> " + text + "\n", Shape::text, 0);
  return v ? v : "";
}

// What json_escape() output parses to, as a JSON string ("<not JSON>" when it does not parse).
std::string parse_json_string(const std::string& escaped) {
  const std::string literal = "\"" + escaped + "\"";
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(literal.data(), literal.size());
  if (doc.HasParseError() || !doc.IsString()) return "<not JSON>";
  return {doc.GetString(), doc.GetStringLength()};
}

// Strings of random bytes biased towards the interesting ones.
std::vector<std::string> random_strings(std::size_t count) {
  static const std::string kPieces[] = {"\x1b",
                                        "\x07",
                                        "\r",
                                        "\n",
                                        "\t",
                                        std::string(1, '\0'),
                                        "\x7f",
                                        "\xc2\x9b",
                                        "\xc2\x85",
                                        "\xe2\x80\xae",
                                        "\xe2\x81\xa6",
                                        "\xe2\x80\xa8",
                                        "\xff",
                                        "\xfe",
                                        "\xc3",
                                        "\xe2\x82",
                                        "\xed\xa0\x80",
                                        "\xf4\x90\x80\x80",
                                        "\xc0\xaf",
                                        "::",
                                        "##[",
                                        "#",
                                        "[",
                                        "%0A",
                                        "%",
                                        ":",
                                        ",",
                                        "\\",
                                        "\"",
                                        "a",
                                        " ",
                                        "\xe6\x97\xa5"};
  std::mt19937 random(11);
  std::vector<std::string> out;
  for (std::size_t n = 0; n < count; ++n) {
    std::string s;
    const std::size_t pieces = random() % 12;
    for (std::size_t i = 0; i < pieces; ++i) {
      if (random() % 3 == 0)
        s += static_cast<char>(random() % 256);
      else
        s += kPieces[random() % std::size(kPieces)];
    }
    out.push_back(std::move(s));
  }
  out.push_back(std::string("a\0b", 3));
  return out;
}

}  // namespace

TEST_CASE("neutralize: every single byte") {
  for (unsigned b = 0; b < 256; ++b) {
    CAPTURE(b);
    const std::string in(1, static_cast<char>(b));
    const std::string out = backfill::neutralize(in);
    if (b < 0x20 || b == 0x7F)
      CHECK(out == u_escape(b));
    else if (b < 0x80)
      CHECK(out == in);
    else
      CHECK(out == x_escapes(in));  // a lone byte >= 0x80 is never UTF-8
    CHECK(text_violation(out).empty());
  }
}

TEST_CASE("neutralize: every code point, encoded as UTF-8") {
  std::size_t escaped = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string in = utf8(cp);
    const std::string out = backfill::neutralize(in);
    const bool unsafe = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || is_bidi_or_separator(cp);
    if (unsafe ? out != u_escape(cp) : out != in) {
      FAIL_CHECK("code point " << static_cast<unsigned>(cp) << " gave " << out);
    }
    escaped += unsafe;
  }
  CHECK(escaped == 32 + 1 + 32 + 3 + 7 + 4);
}

TEST_CASE("neutralize: the controls of the issue, one by one") {
  CHECK(backfill::neutralize("\x1b]0;x\x07") == "\\u001b]0;x\\u0007");
  CHECK(backfill::neutralize("\x1b[2J") == "\\u001b[2J");
  CHECK(backfill::neutralize("a\r\n::error file=a::forged") == "a\\u000d\\u000a::error file=a::forged");
  CHECK(backfill::neutralize(std::string("a\0b", 3)) == "a\\u0000b");
  CHECK(backfill::neutralize("\xc2\x9b"
                             "2J") == "\\u009b2J");
  for (char32_t cp : {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
    CHECK(backfill::neutralize("x" + utf8(cp) + "y") == "x" + u_escape(cp) + "y");
  }
  SUBCASE("\"##[\" (a GitHub workflow command anywhere in a line) loses its second '#'") {
    CHECK(backfill::neutralize("##[error]x") == "#\\u0023[error]x");
    CHECK(backfill::neutralize("###[") == "##\\u0023[");
    CHECK(backfill::neutralize("## [ #[ ##") == "## [ #[ ##");
  }
  SUBCASE("text that is already safe is kept byte for byte") {
    const std::string safe = "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80 \"quoted\" \\u001b %0A :: ,";
    CHECK(backfill::neutralize(safe) == safe);
  }
}

TEST_CASE("neutralize: every kind of ill-formed UTF-8 is escaped byte by byte, the rest kept") {
  struct Case {
    const char* what;
    std::string bytes;  // ill-formed
  };
  const Case cases[] = {
      {"stray continuation", "\x80"},
      {"stray continuation run", "\x80\xbf\x90"},
      {"C0/C1 lead (always overlong)", "\xc0\xaf"},
      {"C1 lead", "\xc1\xbf"},
      {"overlong 3 bytes", "\xe0\x80\xaf"},
      {"overlong 3 bytes, high", "\xe0\x9f\xbf"},
      {"overlong 4 bytes", "\xf0\x80\x80\xaf"},
      {"overlong 4 bytes, high", "\xf0\x8f\xbf\xbf"},
      {"surrogate, low end", "\xed\xa0\x80"},
      {"surrogate, high end", "\xed\xbf\xbf"},
      {"above U+10FFFF", "\xf4\x90\x80\x80"},
      {"F5 lead", "\xf5\x80\x80\x80"},
      {"FE", "\xfe"},
      {"FF", "\xff"},
      {"truncated 2 bytes", "\xc3"},
      {"truncated 3 bytes", "\xe2\x82"},
      {"truncated 4 bytes", "\xf0\x9f\x98"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    CHECK(backfill::neutralize(c.bytes) == x_escapes(c.bytes));
    // What follows is kept, whether it is ASCII or a well-formed sequence.
    CHECK(backfill::neutralize(c.bytes + "A") == x_escapes(c.bytes) + "A");
    CHECK(backfill::neutralize(c.bytes + "\xc3\xa9") == x_escapes(c.bytes) + "\xc3\xa9");
  }
  SUBCASE("a lead byte followed by a non-continuation") {
    CHECK(backfill::neutralize("\xc3"
                               "A") == "\\xc3A");
    CHECK(backfill::neutralize("\xe2\x82"
                               "A") == "\\xe2\\x82A");
  }
  SUBCASE("the edges of well-formed UTF-8 are kept") {
    for (const char* ok : {"\xc2\xa0", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
                           "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf"}) {
      CHECK(backfill::neutralize(ok) == ok);
    }
  }
}

TEST_CASE("neutralize: every two-byte string, and random ones, come out neutral; neutralizing again changes nothing") {
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      const char in[2] = {static_cast<char>(a), static_cast<char>(b)};
      const std::string out = backfill::neutralize(std::string_view(in, 2));
      if (const std::string v = text_violation(out); !v.empty()) FAIL_CHECK(a << "," << b << ": " << v);
    }
  }
  for (const std::string& in : random_strings(20000)) {
    const std::string out = backfill::neutralize(in);
    const std::string v = text_violation(out);
    if (!v.empty() || backfill::neutralize(out) != out)
      FAIL_CHECK(x_escapes(in) << ": " << (v.empty() ? "not idempotent" : v));
  }
}

TEST_CASE("neutralize_name: a name cannot start a line as a workflow command") {
  CHECK(backfill::neutralize_name("::error file=x::forged") == "./::error file=x::forged");
  CHECK(backfill::neutralize_name("  ::warning::x") == "./  ::warning::x");
  CHECK(backfill::neutralize_name("\xe3\x80\x80::x") == "./\xe3\x80\x80::x");  // after U+3000, which .NET trims
  CHECK(backfill::neutralize_name("\t::x") == "\\u0009::x");                   // a tab is escaped anyway
  CHECK(backfill::neutralize_name("a::b") == "a::b");
  CHECK(backfill::neutralize_name(":a") == ":a");
  CHECK(backfill::neutralize_name("dir/x.json") == "dir/x.json");
}

TEST_CASE("json_escape: controls, DEL, C1, bidi controls escaped; ill-formed UTF-8 repaired; same string parsed") {
  for (unsigned b = 0; b < 0x80; ++b) {
    CAPTURE(b);
    const std::string in(1, static_cast<char>(b));
    const std::string out = backfill::json_escape(in);
    if (b == '"')
      CHECK(out == "\\\"");
    else if (b == '\\')
      CHECK(out == "\\\\");
    else if (b == '\n')
      CHECK(out == "\\n");
    else if (b == '\r')
      CHECK(out == "\\r");
    else if (b == '\t')
      CHECK(out == "\\t");
    else if (b < 0x20 || b == 0x7F)
      CHECK(out == u_escape(b));
    else
      CHECK(out == in);
    CHECK(parse_json_string(out) == in);
  }
  for (unsigned b = 0x80; b < 0x100; ++b)
    CHECK(backfill::json_escape(std::string(1, static_cast<char>(b))) == "\\ufffd");
  for (char32_t cp = 0x80; cp <= 0x9F; ++cp) {
    CHECK(backfill::json_escape(utf8(cp)) == u_escape(cp));
    CHECK(parse_json_string(u_escape(cp)) == utf8(cp));
  }
  for (char32_t cp : {0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067,
                      0x2068, 0x2069}) {
    CHECK(backfill::json_escape(utf8(cp)) == u_escape(cp));
    CHECK(parse_json_string(backfill::json_escape(utf8(cp))) == utf8(cp));
  }
  // Plain text is copied 16 and eight bytes at a time, the last bytes of a text from the block that
  // ends with it: every byte at every position of strings of every length around those sizes is
  // escaped as it is alone.
  for (std::size_t size = 1; size <= 40; ++size) {
    for (unsigned b = 0; b < 0x100; ++b) {
      for (std::size_t at = 0; at < size; ++at) {
        std::string in(size, 'a');
        in[at] = static_cast<char>(b);
        const std::string expected = std::string(at, 'a') +
                                     backfill::json_escape(std::string(1, static_cast<char>(b))) +
                                     std::string(size - 1 - at, 'a');
        if (backfill::json_escape(in) != expected) FAIL_CHECK("byte " << b << " at " << at << " of " << size);
      }
    }
  }
  CHECK(backfill::json_escape("##[error]x") == "#\\u0023[error]x");
  CHECK(parse_json_string(backfill::json_escape("##[error]x")) == "##[error]x");
  CHECK(backfill::json_escape("\xe6\x97\xa5 \xf0\x9f\x98\x80") == "\xe6\x97\xa5 \xf0\x9f\x98\x80");
  CHECK(backfill::json_escape("\xed\xa0\x80"
                              "a") == "\\ufffd\\ufffd\\ufffda");

  SUBCASE("random strings: the output is neutral JSON, and well-formed input parses back to itself") {
    for (const std::string& in : random_strings(20000)) {
      const std::string out = backfill::json_escape(in);
      if (const char* v = neutral_violation("\"" + out + "\"\n", Shape::json, 0))
        FAIL_CHECK(x_escapes(in) << ": " << std::string(v));
      if (backfill::neutralize(in).find("\\x") == std::string::npos && parse_json_string(out) != in) {
        FAIL_CHECK(x_escapes(in) << ": parses to another string");
      }
    }
  }
}

namespace {

// The payloads of the issue, each alone and all together.
const std::vector<std::string> kPayloads = {
    "\x1b]0;x\x07",
    "\x1b[2J",
    "a\r\nb",
    "\n::error file=a::forged",
    "::error file=a::forged",
    "%0A::error::x",
    "\xe2\x80\xae"
    "evil",
    "\xc2\x9b"
    "2J",
    std::string("nul\0byte", 8),
    "\xff\xfe",
    "##[error]forged",
    "\x7f",
    "\xe2\x81\xa6\xe2\x80\xa8",
    "\t\v\f",
    std::string("\x1b]0;x\x07\x1b[2J\r\n::error file=a::forged %0A \xe2\x80\xae\xc2\x9b\0\xff\xfe##[warning]", 48)};

backfill::Report payload_report(const std::string& payload, backfill::Kind kind) {
  backfill::Report report;
  report.kind = kind;
  const backfill::Code codes[] = {backfill::Code::schema_type, backfill::Code::updates_status_order,
                                  backfill::Code::read_only_member, backfill::Code::exchange_mismatch};
  std::uint32_t line = 1;
  const std::string pointer = "/data/" + payload + "/x", message = "value \"" + payload + "\" is " + payload,
                    location = "/properties/" + payload + "/type";
  for (backfill::Code code : codes) {
    backfill::Diagnostic d;
    d.code = code;
    d.severity = code == backfill::Code::read_only_member ? backfill::Severity::warning : backfill::Severity::error;
    d.pointer = pointer;
    d.message = message;
    d.line = line;
    d.column = line * 3;
    line += 1;
    if (code == backfill::Code::schema_type) d.keyword_location = location;
    report.add(d);  // copies the texts into the report
  }
  return report;
}

}  // namespace

TEST_CASE("renderers: payloads in messages, pointers, keyword locations, source names and documents stay inert") {
  for (const std::string& payload : kPayloads) {
    CAPTURE(x_escapes(payload));
    // The document the excerpts come from carries the payload on every line, around the columns.
    std::string document;
    for (int i = 0; i < 5; ++i) document += payload + "[\"" + payload + "\", \xe6\x97\xa5 \t" + payload + "]\r\n";
    for (backfill::Kind kind : {backfill::Kind::request, backfill::Kind::response, backfill::Kind::error}) {
      const backfill::Report report = payload_report(payload, kind);
      for (const std::string& source : {payload, payload + ".json", "  " + payload, std::string("dir/") + payload,
                                        std::string(backfill::fuzz::kHostileSourceName)}) {
        const std::string violation = neutral_renderings_violation(report, source, document);
        if (!violation.empty()) FAIL_CHECK(x_escapes(source) << ": " << violation);
      }
    }
  }
}

TEST_CASE("renderers: each puts the payload through the choke point where it is written") {
  const std::string payload = "\x1b[2J\r\n::error file=a::forged \xe2\x80\xae\xc2\x9b";
  const backfill::Report report = payload_report(payload, backfill::Kind::request);

  SUBCASE("text: name and message neutralized, a name starting with '::' shown as ./") {
    const std::string text = backfill::render_text(report, "::error file=a::forged");
    CHECK(text.rfind("./::error file=a::forged:1:3: error[", 0) == 0);
    CHECK(text.find("\\u001b[2J\\u000d\\u000a::error file=a::forged \\u202e\\u009b") != std::string::npos);
    const std::string colored = backfill::render_text(report, "::x", {true});
    CHECK(colored.rfind("\x1b[1m./::x:1:3:", 0) == 0);
  }
  SUBCASE("github: neutralized, then escaped as @actions/core does") {
    const std::string out = backfill::render_github(report, "a,b:c%\n.json");
    CHECK(out.rfind("::error file=a%2Cb%3Ac%25\\u000a.json,line=1,col=3,title=BF1001 schema-type::value \"", 0) == 0);
    CHECK(out.find("\\u001b[2J\\u000d\\u000a::error file=a::forged \\u202e\\u009b") != std::string::npos);
    CHECK(std::count(out.begin(), out.end(), '\n') == 4);
  }
  SUBCASE("json: parses back to the same message, with nothing raw in the line") {
    const std::string line = backfill::render_json(report, payload);
    rapidjson::Document doc;
    doc.Parse(line.data(), line.size());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["source"].GetString()) == payload);
    CHECK(std::string(doc["diagnostics"][0]["message"].GetString()) == report.diagnostics[0].message);
    CHECK(std::string(doc["diagnostics"][0]["pointer"].GetString()) == report.diagnostics[0].pointer);
    CHECK(std::string(doc["diagnostics"][0]["keywordLocation"].GetString()) == report.diagnostics[0].keyword_location);
    CHECK(line.find("\\u001b[2J\\r\\n::error file=a::forged \\u202e\\u009b") != std::string::npos);
  }
  SUBCASE("sarif, jsonschema, problem: the same strings parse back") {
    rapidjson::Document doc;
    const std::string sarif = backfill::render_sarif({{payload, report}});
    doc.Parse(sarif.data(), sarif.size());
    REQUIRE_FALSE(doc.HasParseError());
    const auto& result = doc["runs"][0]["results"][0];
    CHECK(std::string(result["message"]["text"].GetString()) == report.diagnostics[0].message);
    CHECK(std::string(result["properties"]["pointer"].GetString()) == report.diagnostics[0].pointer);
    const std::string schema = backfill::render_jsonschema(report);
    doc.Parse(schema.data(), schema.size());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["errors"][0]["instanceLocation"].GetString()) == report.diagnostics[0].pointer);
    CHECK(std::string(doc["errors"][0]["error"].GetString()) == report.diagnostics[0].message);
    const std::string problem = backfill::render_problem(report);
    doc.Parse(problem.data(), problem.size());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["errors"][0]["detail"].GetString()) == report.diagnostics[0].message);
  }
}

TEST_CASE("renderers: real reports of documents carrying the payload in values and member names") {
  for (const std::string& payload : kPayloads) {
    if (payload.find('\0') != std::string::npos) continue;  // a NUL cannot be in JSON text raw; see below
    CAPTURE(x_escapes(payload));
    const std::string value = test::replace(test::kValidRequest, "\"completed\"", "\"" + payload + "\"");
    const std::string name = test::replace(test::kValidRequest, "\"title\"", "\"" + payload + "\"");
    const std::string id = test::replace(test::kValidRequest, "4e9d3726-bdd7-0079-613c-e9aaba89eb01", payload);
    for (const std::string& document : {value, name, id, payload}) {
      const backfill::Report report = test::check(document);
      CHECK_FALSE(report.valid());
      const std::string violation = neutral_renderings_violation(report, payload, document);
      if (!violation.empty()) FAIL_CHECK(violation);
    }
  }
  // Escaped in JSON text, the controls reach the parsed values (and so the messages) raw.
  const std::string escaped = test::replace(test::kValidRequest, "\"completed\"",
                                            R"("\u001b]0;x\u0007\u0000\r\n::error file=a::forged\u202e\u009b")");
  const backfill::Report report = test::check(escaped);
  CHECK(neutral_renderings_violation(report, "f.json", escaped).empty());
}

// Locating listed findings: pointers written from kept paths against the per-value walk of
// pointers_of, SourceMap::locate against a byte-by-byte count, on generated documents (random
// nesting, member names that need ~0 and ~1, multi-byte UTF-8, several lines, CRLF), and a listed
// fact's pointer against its line and column on generated requests.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "backfill/validate.h"
#include "json/json.h"
#include "json/value_path.h"
#include "text_store.h"

namespace {

using backfill::detail::ParsedJson;
using backfill::detail::PathLink;
using backfill::detail::PathPointers;
using backfill::detail::SourceMap;
using backfill::detail::Value;
using backfill::detail::ValuePaths;

// A random JSON text: nested objects and arrays, member names with '~', '/', multi-byte UTF-8 and
// repeats, strings with multi-byte characters, and whitespace that spans lines (LF and CRLF).
class DocumentGenerator {
 public:
  explicit DocumentGenerator(std::uint32_t seed) : random_(seed) {}

  std::string document() {
    std::string text;
    value(text, 0);
    return text;
  }

 private:
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }

  void space(std::string& text) {
    static const char* const kSpaces[] = {"", "", "", " ", "\n", "\r\n", "\n  ", "\t"};
    text += kSpaces[pick(8)];
  }

  void string(std::string& text) {
    static const char* const kStrings[] = {"x",
                                           "",
                                           "caf\xc3\xa9",
                                           "\xe6\x97\xa5\xe6\x9c\xac",
                                           "\xf0\x9f\x98\x80!",
                                           "a\\\"b",
                                           "\\u00e9t\\u00e9",
                                           "long \xe2\x80\x94 text with words"};
    text += '"';
    text += kStrings[pick(8)];
    text += '"';
  }

  void value(std::string& text, int depth) {
    space(text);
    // Mostly shallow, sometimes deeper than the walk's first path capacity (8 steps), never endless.
    const std::size_t kind = depth >= 14 ? 3 + pick(5) : depth >= 6 ? (pick(3) == 0 ? pick(3) : 3 + pick(5)) : pick(8);
    if (kind < 2) {
      static const char* const kNames[] = {
          "name", "id", "a~b", "c/d", "~0~1//", "", "\xc3\xa9t\xc3\xa9", "components_affected", "x"};
      text += '{';
      const std::size_t members = pick(6);
      for (std::size_t i = 0; i < members; ++i) {
        if (i > 0) text += ',';
        space(text);
        text += '"';
        text += kNames[pick(9)];
        text += '"';
        space(text);
        text += ':';
        value(text, depth + 1);
      }
      space(text);
      text += '}';
    } else if (kind < 3) {
      text += '[';
      const std::size_t items = pick(depth == 0 ? 40 : 14);
      for (std::size_t i = 0; i < items; ++i) {
        if (i > 0) text += ',';
        value(text, depth + 1);
      }
      space(text);
      text += ']';
    } else if (kind < 6) {
      string(text);
    } else {
      static const char* const kScalars[] = {"1", "-2.5e3", "true", "false", "null"};
      text += kScalars[pick(5)];
    }
    space(text);
  }

  std::mt19937 random_;
};

// Every value below `value` (which `in` links to its container; nullptr: the root), each kept with
// the path of its container (`paths`) as a finding would be, some of them twice.
void keep_values(const Value& value, const PathLink* in, ValuePaths& paths, std::mt19937& random,
                 std::vector<std::pair<std::uint32_t, const Value*>>& kept) {
  const std::uint32_t path = in != nullptr ? paths.keep(*in) : backfill::detail::kNoPath;
  kept.emplace_back(path, &value);
  if (random() % 7 == 0) kept.emplace_back(path, &value);
  const PathLink here{in, &value};
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) keep_values(item, &here, paths, random, kept);
  } else if (value.IsObject()) {
    for (const auto& m : value.GetObject()) keep_values(m.value, &here, paths, random, kept);
  }
}

// Line and column (1-based, columns in code points) of `offset`, byte by byte.
void naive_locate(const std::string& text, std::size_t offset, std::uint32_t& line, std::uint32_t& column) {
  line = 1;
  column = 1;
  for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
}

}  // namespace

TEST_CASE("pointers from kept paths: PathPointers names what pointers_of names, in any order") {
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    const std::string text = DocumentGenerator(seed).document();
    CAPTURE(text);
    // The in-situ parse and (past depth 128) the one that records offsets build documents apart.
    for (const std::uint32_t max_depth : {128u, 1000u}) {
      ParsedJson parsed;
      backfill::detail::ParseError error;
      REQUIRE(parsed.parse(text, 1 << 22, max_depth, error));
      std::mt19937 random(seed);
      for (int round = 0; round < 4; ++round) {
        CAPTURE(round);
        ValuePaths paths;
        std::vector<std::pair<std::uint32_t, const Value*>> kept;
        keep_values(parsed.root(), nullptr, paths, random, kept);
        // A random selection in any order: a container's pointer, once written, is copied by the
        // pointers below it, whichever comes first.
        std::shuffle(kept.begin(), kept.end(), random);
        kept.resize(kept.size() * (1 + round) / 4);
        std::vector<const Value*> values;
        for (const auto& k : kept) values.push_back(k.second);
        const std::vector<std::string> expected = parsed.pointers_of(values);
        backfill::detail::TextBuffer out(round % 2 == 0 ? 0 : 7);  // growing from nothing, or from little
        out += "xyz";
        PathPointers pointers(paths, out);
        for (std::size_t i = 0; i < kept.size(); ++i) {
          CAPTURE(i);
          // Now and then a limit that some pointers do not fit: those append nothing, and the
          // containers they wrote are written again by the next pointer that needs them.
          const std::size_t most = round == 3 && random() % 3 == 0 ? random() % 30 : static_cast<std::size_t>(-1);
          const std::size_t begin = out.size();
          // Members' values are named by their name when the caller has it (half of the time).
          const std::string_view* name = nullptr;
          std::string_view member_name;
          if (kept[i].first != backfill::detail::kNoPath && random() % 2 == 0) {
            const Value& container = *paths[kept[i].first].container;
            if (container.IsObject()) {
              for (const auto& m : container.GetObject()) {
                if (&m.value == kept[i].second) member_name = backfill::detail::text_of(m.name);
              }
              name = &member_name;
            }
          }
          const bool appended = pointers.append(kept[i].first, *kept[i].second, name, most);
          CHECK(appended == (expected[i].size() <= most));
          CHECK(out.view().substr(begin) == (appended ? expected[i] : ""));
          out += '\0';
        }
        CHECK(out.view().substr(0, 3) == "xyz");
      }
    }
  }
}

// A request with faults that the schema walk reports as facts (unknown members, read-only names,
// ids that are not UUIDs, dates that are not RFC 3339) at random places; random white space (LF and
// CRLF lines), names that need ~0 and ~1, multi-byte UTF-8; sometimes a repeated "description",
// which hands the reports from the fast check's one pass over to the schema walk.
class FaultyRequest {
 public:
  explicit FaultyRequest(std::uint32_t seed) : random_(seed) {}

  std::string text() {
    std::string updates;
    for (const char* status : {"in_progress", "completed"}) {
      std::string components;
      const std::size_t count = pick(12);
      for (std::size_t i = 0; i < count; ++i) {
        char id[48];
        std::snprintf(id, sizeof id, "4e9d3726-bdd7-0079-613c-%012zx", i);
        std::string members = member("id", pick(5) == 0 ? "\"not-" + std::to_string(i) + "\"" : quoted(id)) + "," +
                              member("status", "\"operational\"");
        if (pick(3) != 0) members += "," + member("name", "\"Comp\u00e9 " + std::to_string(i) + "\"");
        components += std::string(i ? "," : "") + object(members);
      }
      std::string update = member("description", "\"a\"");
      if (pick(6) == 0) update += "," + member("description", "\"again\"");
      update += "," + member("started_at", pick(4) == 0 ? "\"2021-13-11 10:11\"" : "\"2021-11-11T10:11:11Z\"") + "," +
                member("status", quoted(status)) + "," +
                member("components_affected", "[" + components + space() + "]");
      updates += std::string(updates.empty() ? "" : ",") + object(update);
    }
    const std::string attributes = member("title", "\"t\u00e9\"") + "," + member("updates", "[" + updates + "]");
    return object(
        member("data", object(member("type", "\"maintenances\"") + "," + member("attributes", object(attributes)))));
  }

 private:
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }
  std::string space() {
    static const char* const kSpaces[] = {"", "", " ", "\n", "\r\n  ", "\t"};
    return kSpaces[pick(6)];
  }
  static std::string quoted(const std::string& text) { return "\"" + text + "\""; }
  std::string member(const std::string& name, const std::string& value) {
    return space() + quoted(name) + space() + ":" + space() + value + space();
  }
  // An object of `members`, with unknown members before or after them now and then.
  std::string object(const std::string& members) {
    static const char* const kNames[] = {"x", "a~b", "c/d", "~0~1//", "\u00e9t\u00e9", "n\u00e4me", "id "};
    std::string before, after;
    if (pick(3) == 0) before = member(kNames[pick(7)] + std::string("1"), unknown_value()) + ",";
    if (pick(3) == 0) after = "," + member(kNames[pick(7)] + std::string("2"), unknown_value());
    return "{" + before + members + after + "}";
  }
  std::string unknown_value() {
    static const char* const kValues[] = {"1", "\"s\"", "[1,{\"k\":[]}]", "{\"deep\":{\"er\":null}}", "true", "-2e3"};
    return kValues[pick(6)];
  }

  std::mt19937 random_;
};

TEST_CASE("locating facts: a listed fact's pointer names the value at its line and column") {
  // The pointer comes from the path kept as the fact was found, the position from the value's
  // address or its name: the two must name one value, which an independent parse resolves.
  std::map<std::string, std::size_t> seen;
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    CAPTURE(seed);
    const std::string text = FaultyRequest(seed).text();
    CAPTURE(text);
    backfill::Options options;
    options.kind = backfill::Kind::request;
    options.limits.max_diagnostics = 100000;
    const backfill::Report report = backfill::validate(text, options);
    ParsedJson reference;
    backfill::detail::ParseError error;
    REQUIRE(reference.parse(text, 1 << 22, 1000, error));  // past depth 128: offsets recorded by parsing
    const SourceMap positions(text);
    for (const backfill::Diagnostic& d : report.diagnostics) {
      const std::string code(backfill::rule_info(d.code).id);
      if (code != "BF2004" && code != "BF2005" && code != "BF2010" && code != "BF2011") continue;
      CAPTURE(code);
      CAPTURE(d.pointer);
      const Value* value = backfill::detail::resolve_pointer(reference.root(), d.pointer);
      REQUIRE(value != nullptr);
      std::uint32_t line = 0, column = 0;
      positions.locate(reference.offset_of(value), line, column);
      CHECK(d.line == line);
      CHECK(d.column == column);
      ++seen[code];
    }
  }
  // Each kind of fact was made many times.
  for (const char* code : {"BF2004", "BF2005", "BF2010", "BF2011"}) {
    CAPTURE(code);
    CHECK(seen[code] > 50);
  }
}

TEST_CASE("source map: locate counts as a byte-by-byte pass does, in order and with jumps") {
  // Short texts (the tail of a block cannot be read ahead), long lines (more than 254 blocks
  // between two offsets), LF and CRLF lines.
  std::vector<std::string> texts;
  for (std::uint32_t seed = 1; seed <= 30; ++seed) texts.push_back(DocumentGenerator(seed).document());
  texts.push_back("");
  texts.push_back("\xc3\xa9");
  texts.push_back("ab\r\n\xe2\x80\x94x");
  std::string wide;
  for (int i = 0; i < 3000; ++i) wide += i % 3 == 0 ? "\xf0\x9f\x98\x80" : i % 3 == 1 ? "\xc3\xa9" : "z";
  texts.push_back(wide + "\r\n" + wide + "\n" + wide.substr(0, 21));
  texts.push_back(std::string(40, 'a') + "\n" + std::string(37, 'b') + wide.substr(0, 90) + "\r\nxyz");
  // Marked blocks far apart (in different words of marks), ASCII between them.
  texts.push_back(std::string(4000, 'a') + "\xc3\xa9" + std::string(9000, 'b') + "\n\xe2\x80\x94" +
                  std::string(300, 'c'));
  for (const std::string& text : texts) {
    CAPTURE(text.size());
    // Without a hint, and told the blocks with bytes above 0x7F (where columns need counting).
    backfill::detail::NonAsciiBlocks blocks;
    REQUIRE(backfill::detail::is_utf8(text, blocks));
    const backfill::detail::NonAsciiBlocks* const known = &blocks;
    const backfill::detail::NonAsciiBlocks* const unknown = nullptr;
    for (const backfill::detail::NonAsciiBlocks* hint : {known, unknown}) {
      CAPTURE(hint == nullptr);
      std::uint32_t line = 0, column = 0, expected_line = 1, expected_column = 1;
      // Every offset in ascending order, one map (the cursor resumes); the expected position moves
      // on by the byte passed.
      const SourceMap ascending(text, hint);
      for (std::size_t offset = 0; offset <= text.size() + 2; ++offset) {
        CAPTURE(offset);
        ascending.locate(offset, line, column);
        REQUIRE(line == expected_line);
        REQUIRE(column == expected_column);
        if (offset >= text.size()) continue;
        if (text[offset] == '\n') {
          ++expected_line;
          expected_column = 1;
        } else if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) {
          ++expected_column;
        }
      }
    }
    std::uint32_t line = 0, column = 0, expected_line = 1, expected_column = 1;
    // Random offsets on one map: forward, back, to other lines.
    const SourceMap jumping(text, &blocks);
    std::mt19937 random(static_cast<std::uint32_t>(text.size()));
    for (int k = 0; k < 300; ++k) {
      const std::size_t offset = random() % (text.size() + 2);
      CAPTURE(offset);
      jumping.locate(offset, line, column);
      naive_locate(text, offset, expected_line, expected_column);
      REQUIRE(line == expected_line);
      REQUIRE(column == expected_column);
    }
  }
}

// The schema fast path: the same draft-07 schema documents that valijson compiles, compiled once more
// into a compact tree of checks that decides "valid or not" (no messages, no context paths, no
// allocation per document) and, for the common failures, names them exactly as the valijson layer
// does. valijson remains the reference: it describes every invalid document that this path cannot
// describe with certainty, and decides whenever the schema uses anything this path does not implement.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "backfill/validate.h"
#include "json/json.h"
#include "schema/reference.h"

namespace backfill::detail {

class Findings;

class FastSchema {
 public:
  enum class Verdict : std::uint8_t { valid, invalid, unknown };

  /// Compiles schema text. Returns false (and leaves the path unusable, so every document goes to
  /// valijson) when the text is not JSON or uses a keyword or form this path does not implement.
  bool compile(std::string_view schema_text);
  /// True when compile() succeeded.
  bool usable() const noexcept { return !nodes_.empty(); }
  /// Why compile() failed ("" when usable).
  const std::string& unsupported() const noexcept { return unsupported_; }

  /// valijson's verdict on `instance` (strong types, formats not checked), or unknown when the
  /// instance nests deeper than this path recurses; never throws.
  Verdict check(const Value& instance) const noexcept;

  /// check(), also setting `walk_may_report` to walk_may_report(instance, request) when the same
  /// pass can answer it: the instance is valid and its schema path has no applicator (oneOf, anyOf,
  /// allOf) and no repeated names (the common case). Otherwise it is true (the walk then prunes).
  Verdict check(const Value& instance, bool request, bool& walk_may_report) const noexcept;

  /// False only when the schema walk (check_against_schema_walk: formats, read-only and unknown
  /// members) certainly has nothing to report on `instance`; true when it may (or when unusable).
  /// `request`: whether the walk reports read-only members (it does for Kind::request).
  bool walk_may_report(const Value& instance, bool request) const noexcept;

  /// For pruning the schema walk (check_against_schema_walk), which follows these nodes: the root
  /// node; the oneOf branch it follows for an object at `node`; the node of member `name`; the node
  /// of the items of an array. -1 where the walk goes nowhere or this path is unusable.
  std::int32_t walk_root() const noexcept { return usable() ? root_ : -1; }
  std::int32_t walk_branch(std::int32_t node, const Value& value) const noexcept;
  std::int32_t walk_member(std::int32_t node, std::string_view name) const noexcept;
  std::int32_t walk_items(std::int32_t node) const noexcept;
  /// walk_may_report() for `value` at `node` (a node from the functions above).
  bool walk_may_report_at(std::int32_t node, const Value& value, bool request) const noexcept {
    return node < 0 || walk_may_report(node, value, request, 0);
  }

  /// The failures CompiledSchema::failures(instance) returns, in the same form, when this path can
  /// be sure of them: type, enum, required, minItems and maxItems failures outside any oneOf, anyOf
  /// or allOf, at most one keyword per value (several missing members of one object are fine).
  /// Returns false for anything else (additionalProperties false, a failing applicator, a value
  /// failing two keywords, ...), and then the caller asks valijson. `instance` must have no
  /// repeated member names (valijson and this path would name different occurrences).
  /// Past `capacity` failures, further ones are only counted in `*dropped` (a flood of faults must not
  /// cost a message each).
  bool failures(const Value& instance, std::vector<SchemaFailure>& out) const;

  /// The failures failures() finds, into `findings` (texts only as Findings decides). With
  /// `best_effort` it never gives up: where it cannot be sure to word a failure as valijson would,
  /// it names it in its own words (a keyword and a value, always), skips a repeated name's later
  /// occurrences, and returns true; the caller then needs no valijson report, whose memory grows
  /// with every failure it collects. Without it, returns false where failures() would (the
  /// findings added are then the caller's to drop).
  bool report_failures(const Value& instance, Findings& findings, bool best_effort) const;

 private:
  struct Property {
    std::string name;
    std::int32_t schema = -1;  // node index; -1: listed only in "required"
    std::string edge;          // its keyword location relative to the parent's (see Collector)
  };
  struct Node {
    const Value* schema = nullptr;       // the subschema (in document_), "$ref" followed
    std::uint8_t types = 0;              // kType* bits; 0: any type
    bool has_enum = false;
    std::vector<std::string> enum_strings;
    std::vector<Property> properties;    // "properties" plus names only in "required"
    std::uint64_t required_mask = 0;     // bits into properties
    bool object_keywords = false;        // properties, required or additionalProperties present
    std::int32_t additional = kAnything; // node index, kAnything or kNothing
    std::int32_t items = kAnything;
    std::string additional_edge, items_edge;  // as Property::edge
    std::uint64_t min_items = 0;
    std::uint64_t max_items = UINT64_MAX;
    std::vector<std::int32_t> one_of, any_of, all_of;
    // What the schema walk looks at (rules_schema_walk.cpp).
    std::uint8_t format = 0;             // kFormat*
    bool read_only = false;
    bool has_properties = false;         // "properties" present
    bool closed = false;                 // "additionalProperties" is a boolean: no unknown-member warning
  };
  static constexpr std::int32_t kAnything = -1;
  static constexpr std::int32_t kNothing = -2;

  std::int32_t compile_node(const Value& schema, int hops);
  std::string edge(std::string keyword_path, const Value& subschema) const;
  bool fail(std::string why);
  std::int32_t refuse(std::string why);  // fail() inside compile_node
  // What the one-pass check learns about the schema walk (see check(instance, request, ...)).
  struct WalkProbe {
    bool request = false;
    bool may_report = false;  // a format, read-only or unknown member the walk would report
    bool unsure = false;      // a part the probe does not follow: walk_may_report() decides
  };
  Verdict check(std::int32_t index, const Value& value, unsigned depth, WalkProbe* probe = nullptr) const noexcept;
  bool walk_may_report(std::int32_t index, const Value& value, bool request, unsigned depth) const noexcept;
  std::int32_t member_node(const Node& node, std::string_view name) const noexcept;
  struct Collector;
  bool collect(std::int32_t index, const Value& value, Collector& collector, unsigned depth) const;

  rapidjson::Document document_;
  std::vector<Node> nodes_;
  std::int32_t root_ = 0;
  std::vector<std::pair<const Value*, std::int32_t>> compiled_;  // schema object -> node, for $ref reuse
  std::string unsupported_;
};

/// How schema failures name the expected types and values (defined in schema.cpp, used by both paths).
std::string describe_types(const Value* type);
std::string describe_enum(const Value* values);
std::string describe_found(const Value& value);

/// False when the environment variable BACKFILL_SCHEMA_PATH is "reference": Validators built then
/// let valijson decide every document (for benchmarks and for comparing the two paths end to end).
bool fast_path_enabled() noexcept;

/// The verdict of the schema layer: the fast path's when it knows, otherwise valijson's. With
/// `walk_needed`, also whether check_against_schema_walk must run (see FastSchema::check): false
/// only when the fast path proves it would report nothing.
bool schema_accepts(const FastSchema& fast, const CompiledSchema& reference, const Value& instance,
                    Kind kind = Kind::request, bool* walk_needed = nullptr);

/// For the differential test and a fuzz target: parses `text` and compares the fast path with
/// valijson on it (as `kind`): the verdict, and the failures whenever the fast path gives them.
/// Returns false only when they disagree on a parsed document; text that does not parse, or a
/// schema the fast path cannot compile, agrees trivially. Never throws.
bool fast_path_agrees(std::string_view text, Kind kind) noexcept;

}  // namespace backfill::detail

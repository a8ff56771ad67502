// Checks driven by the schema document itself: every string whose subschema says "format": "uuid"
// or "date-time" is checked with the exact checkers (BF2004, BF2005), every member the schema marks
// readOnly is reported when sent in a request (BF2010), and every member the schema does not
// describe is reported as a likely typo (BF2011).
#include <algorithm>

#include "fast_path.h"
#include "rules.h"
#include "schema_facts.h"

namespace backfill::detail {

namespace {

// Edit distance, ASCII case-insensitive, '-' and '_' alike; names longer than 64 characters are
// never suggested (so two rows on the stack suffice: this runs for every unknown member).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  constexpr std::size_t kLongest = 64;
  if (a.size() > kLongest || b.size() > kLongest) return 1000;
  const auto fold = [](char c) {
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    return c == '-' ? '_' : c;
  };
  std::size_t rows[2][kLongest + 1];
  std::size_t* previous = rows[0];
  std::size_t* current = rows[1];
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = fold(a[i - 1]) == fold(b[j - 1]);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// "before" + the quoted text + "after" in one allocation: floods of findings are described this way.
std::string message(std::string_view before, std::string_view quoted, std::string_view after) {
  std::string out;
  out.reserve(before.size() + after.size() + std::min<std::size_t>(quoted.size(), 64) + 16);
  out += before;
  append_quoted(out, quoted);
  out += after;
  return out;
}

// A view into the schema document, which outlives the findings.
std::string_view suggestion(const Value& properties, std::string_view name) {
  std::string_view best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const auto& p : properties.GetObject()) {
    const std::size_t d = edit_distance(name, text_of(p.name));
    if (d < best_distance) { best_distance = d; best = text_of(p.name); }
  }
  return best;
}

// Picks the branch of a oneOf whose "type" member enum names the instance's "type" (JSON:API style).
const Value* choose_branch(const CompiledSchema& schema, const Value* branches, const Value& value) {
  const Value* type = member(value, "type");
  if (branches == nullptr || type == nullptr || !type->IsString()) return nullptr;
  for (const Value& candidate : branches->GetArray()) {
    const Value* branch = schema.follow_refs(&candidate);
    const Value* type_schema = branch ? schema.member_subschema(branch, "type") : nullptr;
    const Value* values = type_schema ? member(*type_schema, "enum") : nullptr;
    if (values == nullptr || !values->IsArray()) continue;
    for (const auto& v : values->GetArray()) {
      if (v.IsString() && text_of(v) == text_of(*type)) return branch;
    }
  }
  return nullptr;
}

// `fast`, when given, prunes the walk: a subtree where FastSchema::walk_may_report_at() proves
// there is nothing to report is not visited (the walk follows its nodes alongside the schema).
class Walker {
 public:
  Walker(const CompiledSchema& schema, const FastSchema* fast, const RuleContext& context)
      : schema_(schema), facts_(schema.facts()), fast_(fast), context_(context), request_(context.kind == Kind::request) {}

  // `subschema`: the one `value` is checked against ("$ref" followed); `node`: the fast path's.
  void walk(const Value& value, const Value* subschema, std::string& pointer, std::int32_t node) {
    if (subschema == nullptr) return;
    const SchemaFacts::Facts* facts = &facts_.of(subschema);
    if (value.IsObject() && facts->one_of != nullptr) {
      if (const Value* branch = choose_branch(schema_, facts->one_of, value)) facts = &facts_.of(branch);
    }
    node = fast_ ? fast_->walk_branch(node, value) : -1;
    if (value.IsString()) {
      check_format(value, facts->format, pointer);
    } else if (value.IsObject()) {
      const Value* properties = facts->properties;
      const bool closed = facts->closed;  // additionalProperties true or false: no typo warning
      for (const auto& m : value.GetObject()) {
        const std::string_view name = text_of(m.name);
        const std::size_t mark = pointer.size();
        append_pointer_token(pointer, name);
        const SchemaFacts::MemberSchema described = facts->member(name);
        if (const Value* sub = described.schema) {
          if (context_.kind == Kind::request && described.read_only) {
            context_.report_lazily(Code::read_only_member, &m.value, [&] {
              return FindingText{pointer, message("member ", name, " is read-only; the server sets it and ignores it in a request"), {}};
            });
          }
          const std::int32_t sub_node = fast_ ? fast_->walk_member(node, name) : -1;
          if (sub_node < 0 || fast_->walk_may_report_at(sub_node, m.value, request_)) walk(m.value, sub, pointer, sub_node);
        } else if (properties != nullptr && !closed) {
          const std::string_view near = suggestion(*properties, name);
          Finding& finding = context_.report_lazily(Code::unknown_member, &m.value, [&] {
            std::string text = message("member ", name, " is not part of the documented shape and is ignored");
            if (!near.empty()) {
              text += "; did you mean ";
              append_quoted(text, near);
              text += '?';
            }
            return FindingText{pointer, std::move(text), {}};
          });
          finding.related = near;
          finding.token = name;
          finding.owner = &value;
        }
        pointer.resize(mark);
      }
    } else if (value.IsArray()) {
      const Value* items = facts->items;
      if (items == nullptr) return;
      const std::int32_t items_node = fast_ ? fast_->walk_items(node) : -1;
      std::size_t index = 0;
      for (const Value& item : value.GetArray()) {
        if (items_node >= 0 && !fast_->walk_may_report_at(items_node, item, request_)) {
          ++index;
          continue;
        }
        const std::size_t mark = pointer.size();
        append_pointer_index(pointer, index++);
        walk(item, items, pointer, items_node);
        pointer.resize(mark);
      }
    }
  }

 private:
  void check_format(const Value& value, SchemaFacts::Format format, const std::string& pointer) {
    if (format == SchemaFacts::Format::none) return;
    const std::string_view text = text_of(value);
    if (format == SchemaFacts::Format::date_time) {
      const DateTimeParse parsed = parse_date_time(text);
      if (!parsed.instant) {
        context_.report_lazily(Code::date_time_format, &value, [&] {
          return FindingText{pointer,
                             message("", text, " is not an RFC 3339 date-time (") + std::string(parsed.problem) +
                                 "); expected e.g. \"2021-11-11T10:11:11+00:00\"",
                             {}};
        });
      }
    } else if (format == SchemaFacts::Format::uuid && !is_uuid(text)) {
      context_.report_lazily(Code::uuid_format, &value, [&] {
        return FindingText{pointer,
                           message("", text, " is not a UUID; expected 8-4-4-4-12 hexadecimal digits, e.g. "
                                             "\"4e9d3726-bdd7-0079-613c-e9aaba89eb01\""),
                           {}};
      });
    }
  }

  const CompiledSchema& schema_;
  const SchemaFacts& facts_;
  const FastSchema* fast_;
  const RuleContext& context_;
  bool request_;
};

}  // namespace

void check_against_schema_walk(const CompiledSchema& schema, const RuleContext& context, const FastSchema* fast) {
  std::string pointer;
  if (fast != nullptr && !fast->usable()) fast = nullptr;
  Walker(schema, fast, context).walk(context.root, schema.root_schema(), pointer, fast ? fast->walk_root() : -1);
}

}  // namespace backfill::detail

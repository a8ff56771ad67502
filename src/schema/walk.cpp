#include "schema/walk.h"

#include <algorithm>

#include "backfill/formats.h"
#include "formats/uuid.h"
#include "rules/context.h"
#include "text_store.h"

namespace backfill::detail {

namespace {

// Edit distance, ASCII case-insensitive, '-' and '_' alike, or `limit` once it cannot be below it
// (a row's smallest entry never shrinks further down); names longer than 64 characters are never
// suggested (so two rows on the stack suffice: this runs for every unknown member listed).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  constexpr std::size_t kLongest = 64;
  if (a.size() > kLongest || b.size() > kLongest) return limit;
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
    std::size_t smallest = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = fold(a[i - 1]) == fold(b[j - 1]);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      smallest = std::min(smallest, current[j]);
    }
    if (smallest >= limit) return limit;
    std::swap(previous, current);
  }
  return std::min(previous[b.size()], limit);
}

// The documented member nearest to `name`: a view into the schema document, which outlives the findings.
std::string_view suggestion(const Value* properties, std::string_view name) {
  std::string_view best;
  if (properties == nullptr || !properties->IsObject()) return best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const auto& p : properties->GetObject()) {
    // The distance is at least the difference in length: a name that far off is not computed.
    const std::size_t length = p.name.GetStringLength();
    if ((length > name.size() ? length - name.size() : name.size() - length) >= best_distance) continue;
    const std::size_t d = edit_distance(name, text_of(p.name), best_distance);
    if (d < best_distance) {
      best_distance = d;
      best = text_of(p.name);
    }
  }
  return best;
}

// The messages of the walk's findings, written from the finding alone once it is listed, straight
// into the report's texts: floods of them are described this way.
void append_message(TextBuffer& out, std::string_view before, std::string_view quoted, std::string_view after) {
  out += before;
  if (quoted_as_is(quoted)) {
    out += '"';
    out += quoted;
    out += '"';
  } else {
    std::string escaped;
    append_quoted(escaped, quoted);
    out += escaped;
  }
  out += after;
}

constexpr std::string_view kDateTimeExample = "); expected e.g. \"2021-11-11T10:11:11+00:00\"";

void describe_date_time(const Finding& f, Describing& describing) {
  TextBuffer& out = describing.message;
  const std::string_view text = text_of(*f.node);
  const std::string_view problem = parse_date_time(text).problem;
  append_message(out, "", text, " is not an RFC 3339 date-time (");
  out += problem;
  out += kDateTimeExample;
}

void describe_uuid(const Finding& f, Describing& describing) {
  TextBuffer& out = describing.message;
  append_message(
      out, "", text_of(*f.node),
      " is not a UUID; expected 8-4-4-4-12 hexadecimal digits, e.g. \"4e9d3726-bdd7-0079-613c-e9aaba89eb01\"");
}

// Writes a message that depends only on the kind of fact, its member name and its schema once per
// report (`write` appends it); every later one shares the first one's bytes (Describing::repeated).
template <typename Write>
void write_once(const Finding& f, Describing& describing, Write&& write) {
  if (shares_last_message(f, describing)) return;
  const auto [entry, added] = describing.written.try_emplace(Describing::Key{f.describe, f.known, f.token});
  describing.last = &*entry;
  if (added) {
    TextBuffer& out = describing.message;
    entry->second.begin = out.size();
    write(out);
    entry->second.size = out.size() - entry->second.begin;
    return;
  }
  describing.repeated = entry->second;
}

void describe_read_only(const Finding& f, Describing& describing) {
  write_once(f, describing, [&](TextBuffer& out) {
    append_message(out, "member ", f.token, " is read-only; the server sets it and ignores it in a request");
  });
}

void describe_unknown(const Finding& f, Describing& describing) {
  write_once(f, describing, [&](TextBuffer& out) {
    append_message(out, "member ", f.token, " is not part of the documented shape and is ignored");
    const std::string_view near = suggestion(f.known, f.token);
    if (!near.empty()) append_message(out, "; did you mean ", near, "?");
  });
}

// The one walk. `Sink` receives what it finds (format(), read_only(), unknown(), each returning
// true to stop the walk); the walk itself builds no strings. `in`: the link of the container `value`
// is a child of (nullptr at the root), for the sink to keep where a finding lies.
template <typename Sink>
bool walk(const SchemaModel& model, NodeId id, const Value& value, Sink& sink, unsigned depth, const PathLink* in) {
  if (id < 0 || depth > kMaxSchemaDepth) return false;
  id = model.branch_for(id, value);
  const SchemaNode& node = model.node(id);
  if (value.IsString()) { return node.format != StringFormat::none && sink.format(node.format, value, in); }
  const PathLink here{in, &value};
  if (value.IsObject()) {
    for (const auto& m : value.GetObject()) {
      const std::string_view name = text_of(m.name);
      const NodeId sub = model.member_schema(id, name);
      bool stop = false;
      if (sub >= 0) {
        stop = (sink.request() && model.node(sub).read_only && sink.read_only(m.value, name, here)) ||
               walk(model, sub, m.value, sink, depth + 1, &here);
      } else if (node.warns_of_unknown_members()) {
        stop = sink.unknown(id, m.value, name, here);
      }
      if (stop) return true;
    }
  } else if (value.IsArray()) {
    const NodeId items = model.items_schema(id);
    if (items < 0) return false;
    for (const Value& item : value.GetArray()) {
      if (walk(model, items, item, sink, depth + 1, &here)) return true;
    }
  }
  return false;
}

// Stops at the first thing the walk would report.
struct FirstReport {
  bool requested;
  bool request() const { return requested; }
  bool format(StringFormat format, const Value& value, const PathLink*) const {
    return string_fails_format(format, text_of(value));
  }
  bool read_only(const Value&, std::string_view, const PathLink&) const { return true; }
  bool unknown(NodeId, const Value&, std::string_view, const PathLink&) const { return true; }
};

// Reports everything.
struct ReportAll {
  const WalkReporter& reporter;
  bool request() const { return reporter.request(); }
  bool format(StringFormat format, const Value& value, const PathLink* in) const {
    reporter.format(format, value, in);
    return false;
  }
  bool read_only(const Value& value, std::string_view name, const PathLink& in) const {
    reporter.read_only(value, name, in);
    return false;
  }
  bool unknown(NodeId at, const Value& value, std::string_view name, const PathLink& in) const {
    reporter.unknown(at, value, name, in);
    return false;
  }
};

}  // namespace

bool WalkReporter::format(StringFormat format, const Value& value, const PathLink* in) const {
  if (format == StringFormat::date_time && !parse_date_time(text_of(value)).instant) {
    findings_->add_fact(Code::date_time_format, &value, in, describe_date_time);
    return true;
  }
  if (format == StringFormat::uuid && !is_uuid(text_of(value))) {
    findings_->add_fact(Code::uuid_format, &value, in, describe_uuid);
    return true;
  }
  return false;
}

void WalkReporter::read_only(const Value& value, std::string_view name, const PathLink& in) const {
  findings_->add_fact(Code::read_only_member, &value, &in, describe_read_only).token = name;
}

void WalkReporter::unknown(NodeId at, const Value& value, std::string_view name, const PathLink& in) const {
  Finding& finding = findings_->add_fact(Code::unknown_member, &value, &in, describe_unknown);
  finding.known = model_->keyword(at, "properties");
  finding.token = name;
}

std::string_view likely_intent(const Finding& unknown) { return suggestion(unknown.known, unknown.token); }

bool string_fails_format(StringFormat format, std::string_view text) noexcept {
  switch (format) {
    case StringFormat::date_time: return !parse_date_time(text).instant;
    case StringFormat::uuid: return !is_uuid(text);
    case StringFormat::none: break;
  }
  return false;
}

bool walk_may_report(const SchemaModel& model, const Value& instance, bool request) noexcept {
  FirstReport sink{request};
  return walk(model, model.root(), instance, sink, 0, nullptr);
}

void check_against_schema_walk(const WalkReporter& reporter, const Value& instance) {
  ReportAll sink{reporter};
  walk(reporter.model(), reporter.model().root(), instance, sink, 0, nullptr);
}

}  // namespace backfill::detail

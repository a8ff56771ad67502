// RequestBuilder: plain values in, a request body out, but only one the validator accepts.
#include "backfill/builder.h"

#include <utility>

#include "json/escape.h"
#include "rules/context.h"

namespace backfill {

namespace {

std::string_view status_name(ComponentStatus status) {
  return status == ComponentStatus::maintenance ? "maintenance" : "operational";
}

// Appends "text" as a JSON string literal. Invalid UTF-8 is copied as is: the validator then reports
// it (BF0003) instead of the builder silently repairing a caller's data.
void append_string(std::string& out, std::string_view text) {
  out += '"';
  detail::append_json_escaped(out, text, /*repair_utf8=*/false);
  out += '"';
}

// The report of a build that could not even serialise (out of memory).
Report internal_error(std::string message) noexcept {
  try {
    return detail::single_report(Kind::request, Code::internal_error, std::move(message));
  } catch (...) {  // nothing left to report with; ok() is false all the same
    return Report{};
  }
}

}  // namespace

RequestBuilder& RequestBuilder::title(std::string title) noexcept {
  title_ = std::move(title);
  return *this;
}

RequestBuilder& RequestBuilder::component(std::string id, ComponentStatus at_start, ComponentStatus at_end) noexcept {
  try {
    components_.push_back({std::move(id), at_start, at_end});
  } catch (...) { out_of_memory_ = true; }
  return *this;
}

RequestBuilder& RequestBuilder::start(std::string started_at, std::string description) noexcept {
  start_ = {std::move(started_at), std::move(description)};
  return *this;
}

RequestBuilder& RequestBuilder::start(const Instant& started_at, std::string description) noexcept {
  try {
    return start(format_instant(started_at), std::move(description));
  } catch (...) {
    out_of_memory_ = true;
    return *this;
  }
}

RequestBuilder& RequestBuilder::end(std::string completed_at, std::string description) noexcept {
  end_ = {std::move(completed_at), std::move(description)};
  return *this;
}

RequestBuilder& RequestBuilder::end(const Instant& completed_at, std::string description) noexcept {
  try {
    return end(format_instant(completed_at), std::move(description));
  } catch (...) {
    out_of_memory_ = true;
    return *this;
  }
}

// Members in the documentation's order; the first update puts each component in its at_start status,
// the second in its at_end status.
std::string RequestBuilder::serialise() const {
  std::string out = R"({"data":{"type":"maintenances","attributes":{"title":)";
  append_string(out, title_);
  out += R"(,"updates":[)";
  const Update* updates[2] = {&start_, &end_};
  for (int i = 0; i < 2; ++i) {
    out += i == 0 ? "{" : ",{";
    out += R"("components_affected":[)";
    for (std::size_t c = 0; c < components_.size(); ++c) {
      out += c == 0 ? R"({"id":)" : R"(,{"id":)";
      append_string(out, components_[c].id);
      out += R"(,"status":)";
      append_string(out, status_name(i == 0 ? components_[c].at_start : components_[c].at_end));
      out += '}';
    }
    out += R"(],"description":)";
    append_string(out, updates[i]->description);
    out += R"(,"started_at":)";
    append_string(out, updates[i]->started_at);
    out += R"(,"status":)";
    append_string(out, i == 0 ? "in_progress" : "completed");
    out += '}';
  }
  out += "]}}}";
  return out;
}

BuiltRequest RequestBuilder::finish(Report report, std::string json) noexcept {
  BuiltRequest built;
  if (report.valid()) built.json = std::move(json);
  built.report = std::move(report);
  return built;
}

BuiltRequest RequestBuilder::build(const Options& options) const noexcept { return build_with(nullptr, options); }

BuiltRequest RequestBuilder::build(const Validator& validator, const Options& options) const noexcept {
  return build_with(&validator, options);
}

BuiltRequest RequestBuilder::build_with(const Validator* validator, const Options& options) const noexcept {
  if (out_of_memory_) return finish(internal_error("out of memory while storing the builder's values"), {});
  try {
    std::string json = serialise();
    Options request_options = options;
    request_options.kind = Kind::request;
    // No validator given: the process-wide one behind backfill::validate(), so schemas compile once.
    Report report = validator ? validator->validate(json, request_options) : validate(json, request_options);
    return finish(std::move(report), std::move(json));
  } catch (...) {  // std::bad_alloc while serialising
    return finish(internal_error("out of memory while serialising the request"), {});
  }
}

}  // namespace backfill

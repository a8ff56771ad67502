// From findings to a report: where they are, which are listed, and their texts in one buffer the
// report owns; the Report type itself.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backfill/validate.h"
#include "contracts.h"
#include "json/value_path.h"
#include "json/source_map.h"
#include "rules/context.h"
#include "rules/finding_order.h"
#include "schema/schema.h"
#include "schema/wording.h"
#include "text_store.h"

namespace backfill {

namespace detail {

void TextBuffer::grow(std::size_t more) {
  constexpr std::size_t kLargest = static_cast<std::size_t>(PTRDIFF_MAX) / 2;
  if (more > kLargest - size_ || capacity_ > kLargest) throw std::bad_alloc();
  const std::size_t capacity = std::max(size_ + more, 2 * capacity_);
  std::unique_ptr<char[]> data(new char[capacity]);  // not zeroed: every byte is written before it is read
  if (size_ != 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

std::string_view TextStore::keep(std::string_view text) {
  TextBuffer block(text.size() + 1);
  block.append_text(text);
  return {adopt(std::move(block)), text.size()};
}

const char* TextStore::adopt(TextBuffer&& block) { return blocks_.emplace_back(std::move(block)).data(); }

void TextStore::copy_of(const TextStore& from, std::vector<Diagnostic>& to) {
  blocks_.clear();
  for (const TextBuffer& block : from.blocks_) {
    TextBuffer& copy = blocks_.emplace_back(block.size());
    copy += block.view();
  }
  // The blocks by address, to find the one a view lies in (a report may hold many).
  std::vector<std::pair<const char*, std::size_t>> by_address;
  for (std::size_t i = 0; i < from.blocks_.size(); ++i) by_address.emplace_back(from.blocks_[i].data(), i);
  const std::less<const char*> before;
  std::sort(by_address.begin(), by_address.end(),
            [&](const auto& a, const auto& b) { return before(a.first, b.first); });
  const auto rebase = [&](std::string_view& text) {
    if (text.data() == nullptr) return;
    auto it = std::upper_bound(by_address.begin(), by_address.end(), text.data(),
                               [&](const char* p, const auto& block) { return before(p, block.first); });
    if (it == by_address.begin()) return;
    --it;
    const TextBuffer& block = from.blocks_[it->second];
    if (!before(text.data(), block.data() + block.size())) return;  // not in this store
    text = {blocks_[it->second].data() + (text.data() - block.data()), text.size()};
  };
  for (Diagnostic& d : to) {
    rebase(d.pointer);
    rebase(d.message);
    rebase(d.keyword_location);
  }
}

TextStore& ReportAccess::texts(Report& report) {
  if (!report.texts_) report.texts_ = std::make_unique<TextStore>();
  return *report.texts_;
}

}  // namespace detail

Report::Report() noexcept = default;
Report::~Report() = default;
Report::Report(Report&&) noexcept = default;
Report& Report::operator=(Report&&) noexcept = default;

Report::Report(const Report& other)
    : kind(other.kind),
      diagnostics(other.diagnostics),
      suppressed(other.suppressed),
      suppressed_errors(other.suppressed_errors),
      suppressed_warnings(other.suppressed_warnings),
      schema(other.schema) {
  if (other.texts_) detail::ReportAccess::texts(*this).copy_of(*other.texts_, diagnostics);
}

Report& Report::operator=(const Report& other) {
  if (this != &other) *this = Report(other);
  return *this;
}

Diagnostic& Report::add(const Diagnostic& diagnostic) {
  // One block for the three texts, each followed by a NUL.
  detail::TextBuffer block(diagnostic.pointer.size() + diagnostic.message.size() + diagnostic.keyword_location.size() +
                           3);
  for (std::string_view text : {diagnostic.pointer, diagnostic.message, diagnostic.keyword_location}) {
    block.append_text(text);
  }
  Diagnostic& d = diagnostics.emplace_back(diagnostic);
  const char* at = detail::ReportAccess::texts(*this).adopt(std::move(block));
  for (std::string_view* text : {&d.pointer, &d.message, &d.keyword_location}) {
    *text = {at, text->size()};
    at += text->size() + 1;
  }
  return d;
}

std::string_view Report::keep(std::string_view text) { return detail::ReportAccess::texts(*this).keep(text); }

bool Report::valid() const noexcept {
  return suppressed_errors == 0 && std::none_of(diagnostics.begin(), diagnostics.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::size_t Report::count(Severity severity) const noexcept {
  const std::size_t unlisted = severity == Severity::error     ? suppressed_errors
                               : severity == Severity::warning ? suppressed_warnings
                                                               : 0;
  return unlisted +
         static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [&](const Diagnostic& d) { return d.severity == severity; }));
}

namespace {

using detail::Finding;

Severity severity_of(Code code, const Options& options) {
  const Severity severity = rule_info(code).severity;
  return options.strict && severity == Severity::warning ? Severity::error : severity;
}

// A report's texts while they are written, into one buffer that the report then takes over whole;
// views are made only then, when the buffer no longer moves.
class TextWriter {
 public:
  struct Span {
    std::size_t begin = 0, size = 0;
  };
  explicit TextWriter(std::size_t expected) : buffer_(expected) {}
  Span put(std::string_view text) { return {buffer_.append_text(text), text.size()}; }
  /// The buffer to append one text to; end() then closes it.
  detail::TextBuffer& open() {
    open_ = buffer_.size();
    return buffer_;
  }
  /// The open text, to append more to it.
  detail::TextBuffer& current() { return buffer_; }
  Span end() {
    const Span span{open_, buffer_.size() - open_};
    buffer_ += '\0';
    return span;
  }
  const char* data() const noexcept { return buffer_.data(); }
  std::size_t size() const noexcept { return buffer_.size(); }
  /// Hands the buffer to `report` (its bytes stay where they are).
  void finish(Report& report) { detail::ReportAccess::texts(report).adopt(std::move(buffer_)); }

 private:
  detail::TextBuffer buffer_;
  std::size_t open_ = 0;
};

// Keeps the views of diagnostics into a growing buffer valid: when the buffer has moved, the views
// into its old bytes (those written so far) are pointed at the same offsets of the new ones. Only
// addresses are compared, as integers: the old bytes are gone.
class ViewsMover {
 public:
  explicit ViewsMover(const char* base) noexcept : base_(base) {}
  /// The buffer's bytes now at `base`: the views of diagnostics[0, count) are moved if they moved.
  const char* follow(const char* base, std::vector<Diagnostic>& diagnostics, std::size_t count) noexcept {
    if (base != base_) {
      const auto from = reinterpret_cast<std::uintptr_t>(base_);
      const auto move = [&](std::string_view& view) {
        const std::uintptr_t at = reinterpret_cast<std::uintptr_t>(view.data()) - from;
        if (view.data() != nullptr && at < written_) view = {base + at, view.size()};
      };
      for (std::size_t k = 0; k < count; ++k) {
        move(diagnostics[k].pointer);
        move(diagnostics[k].message);
        move(diagnostics[k].keyword_location);
      }
      base_ = base;
    }
    return base_;
  }
  /// Bytes written so far: every view made lies within them.
  void written(std::size_t size) noexcept { written_ = size; }

 private:
  const char* base_;
  std::uintptr_t written_ = 0;
};

struct DiagnosticSpans {
  TextWriter::Span pointer, message, keyword_location;  // an empty keyword location is not written
};

// The view of every empty keyword location (a fact's): NUL-terminated, and no byte of any report.
constexpr std::string_view kNoText = "";

// severity_of() for the findings in order: floods repeat one code.
class Severities {
 public:
  explicit Severities(const Options& options) : options_(options) {}
  Severity of(Code code) {
    if (code != code_) {
      code_ = code;
      severity_ = severity_of(code, options_);
    }
    return severity_;
  }

 private:
  const Options& options_;
  Code code_ = Code::internal_error;
  Severity severity_ = severity_of(Code::internal_error, options_);
};

}  // namespace

namespace detail {

void locate_findings(detail::FindingList& findings, const ParsedJson* parsed) {
  if (parsed == nullptr) return;
  // Strings parsed in situ (what floods of findings are mostly about) say where they are themselves,
  // and an unknown member's value, whatever it is, is found from its name.
  std::vector<const detail::Value*> nodes;
  std::vector<Finding*> rest;
  // Whether they come in order (by offset, then serial) is seen on the way: nothing to sort then.
  bool ordered = true;
  const Finding* previous = nullptr;
  for (Finding& f : findings) {
    std::size_t offset = f.offset;
    if (f.node != nullptr && !parsed->in_situ_offset(f.node, offset) &&
        !(f.code == Code::unknown_member && parsed->offset_after_name(f.token, offset))) {
      nodes.push_back(f.node);
      rest.push_back(&f);
    }
    f.offset = static_cast<std::uint32_t>(offset);
    ordered =
        ordered && (previous == nullptr || position_before(previous->offset, previous->serial, f.offset, f.serial));
    previous = &f;
  }
  if (nodes.empty()) {
    if (!ordered) detail::sort_by_position(findings);
    return;
  }
  const std::vector<std::size_t> offsets = parsed->offsets_of(nodes);
  for (std::size_t k = 0; k < rest.size(); ++k) rest[k]->offset = static_cast<std::uint32_t>(offsets[k]);
  detail::sort_by_position(findings);
}

std::vector<bool> listed_findings(const detail::FindingList& findings, const Options& options) {
  std::vector<bool> listed(findings.size(), findings.size() <= options.limits.max_diagnostics);
  if (findings.size() <= options.limits.max_diagnostics) return listed;
  // Not all fit: errors first (a reader must see why the document failed), then warnings, then notes.
  std::size_t room = options.limits.max_diagnostics;
  for (Severity severity : {Severity::error, Severity::warning, Severity::info}) {
    std::size_t i = 0;
    for (auto f = findings.begin(); f != findings.end() && room > 0; ++f, ++i) {
      if (severity_of(f->code, options) == severity) {
        listed[i] = true;
        --room;
      }
    }
  }
  return listed;
}

Report build_report(const SchemaSet* schemas, Kind kind, detail::FindingList& findings, const ValuePaths* paths,
                    const std::vector<bool>& listed, std::string_view text, const Options& options,
                    const ParsedJson* parsed) {
  Report report;
  report.kind = kind;
  if (schemas != nullptr) report.schema = schemas->share(kind);
  // The contracts' differences say nothing about a schema from the user's files.
  const bool contract_hints = schemas != nullptr && !schemas->replaced(kind);
  // Texts of facts share the output budget: a constant plus a multiple of the input.
  std::size_t room = text_budget(text.size());
  // Room for as many diagnostics as may be listed (not counted first: one pass less over a flood).
  const std::size_t shown_count = std::min<std::size_t>(findings.size(), options.limits.max_diagnostics);
  // A listed finding without its text is one the output budget had no room for (see Findings).
  const detail::SourceMap source(text, parsed != nullptr ? parsed->non_ascii_blocks(text) : nullptr);
  report.diagnostics.reserve(shown_count);
  constexpr std::size_t kTextsGuess = 160;  // a typical pointer, message and their NULs: enough to grow rarely
  // No more than the budget lets facts write: a flood of listed facts is mostly cut off by `room`.
  TextWriter texts(std::min(shown_count * kTextsGuess, room));
  // Views into the texts are made as each diagnostic is written; the buffer rarely grows, and when it
  // does, the views made before point into the bytes it left and are moved along (ViewsMover).
  ViewsMover views(texts.data());
  Describing describing{texts.current(), {}, nullptr, std::nullopt};
  const ValuePaths no_paths;
  PathPointers fact_pointers(paths != nullptr ? *paths : no_paths, texts.current());
  Severities severities(options);
  std::size_t i = 0;
  for (Finding& f : findings) {
    const Severity severity = severities.of(f.code);
    bool shown = listed[i++] && f.describable() && (f.describe == nullptr || room > 0);
    // A fact's pointer is written first: one the budget has no room for leaves it unlisted.
    TextWriter::Span pointer;
    if (shown && f.describe != nullptr) {
      texts.open();
      // A member's fact (read-only, unknown) carries its name.
      const bool named = f.code == Code::read_only_member || f.code == Code::unknown_member;
      shown = fact_pointers.append(f.path, *f.node, named ? &f.token : nullptr, room);
      if (shown) {
        pointer = texts.end();
        room -= pointer.size;
      }
    }
    if (!shown) {
      ++report.suppressed;
      if (severity == Severity::error) ++report.suppressed_errors;
      if (severity == Severity::warning) ++report.suppressed_warnings;
      continue;
    }
    Diagnostic& d = report.diagnostics.emplace_back();
    d.code = f.code;
    d.severity = severity;
    DiagnosticSpans at;
    std::string_view keyword_location;
    if (f.describe != nullptr) {
      at.pointer = pointer;
      texts.open();
      if (!shares_last_message(f, describing)) f.describe(f, describing);
    } else {
      at.pointer = texts.put(f.text->pointer);
      texts.open() += f.text->message;
      keyword_location = f.text->keyword_location;
    }
    if (f.code == Code::schema_required && contract_hints) {
      texts.current() += detail::required_hint(schemas->contract(), kind, keyword_location, f.related);
    }
    if (f.code == Code::schema_required && !f.token.empty()) {
      texts.current() += "; found " + detail::quote_text(f.token) + ", which looks like a misspelling of it";
    }
    if (describing.repeated) {
      at.message = {describing.repeated->begin, describing.repeated->size};  // a view shared with an earlier one
      describing.repeated.reset();
    } else {
      at.message = texts.end();
    }
    if (f.describe != nullptr) room -= std::min(room, at.message.size);
    if (!keyword_location.empty()) at.keyword_location = texts.put(keyword_location);
    source.locate(f.offset, d.line, d.column);
    const char* const base = views.follow(texts.data(), report.diagnostics, report.diagnostics.size() - 1);
    d.pointer = {base + at.pointer.begin, at.pointer.size};
    d.message = {base + at.message.begin, at.message.size};
    d.keyword_location = at.keyword_location.size == 0
                             ? kNoText
                             : std::string_view(base + at.keyword_location.begin, at.keyword_location.size);
    views.written(texts.size());
  }
  texts.finish(report);  // the buffer itself moves, its bytes do not
  note_truncation(report, options);
  return report;
}

void note_truncation(Report& report, const Options& options) {
  if (report.suppressed == 0) return;
  // A cut list reads errors first (each severity in document order): why the document failed
  // comes before what else was noticed.
  std::stable_sort(report.diagnostics.begin(), report.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.severity > b.severity; });
  const std::string message =
      std::to_string(report.suppressed) + " further diagnostics were not listed (limit " +
      std::to_string(options.limits.max_diagnostics) + "): " + std::to_string(report.suppressed_errors) +
      (report.suppressed_errors == 1 ? " error, " : " errors, ") + std::to_string(report.suppressed_warnings) +
      (report.suppressed_warnings == 1 ? " warning" : " warnings");
  report.add({Code::diagnostics_truncated, Severity::info, "", message, 1, 1, ""});
}

Report place(Kind kind, std::vector<Finding>& made, const ParsedJson* parsed, std::string_view text,
             const Options& options) {
  FindingList findings;
  for (std::size_t i = 0; i < made.size(); ++i) {
    made[i].serial = static_cast<std::uint32_t>(i);
    findings.push_back(std::move(made[i]));
  }
  locate_findings(findings, parsed);
  return build_report(nullptr, kind, findings, nullptr, listed_findings(findings, options), text, options, parsed);
}

Report single_report(Kind kind, Code code, std::string message) {
  Report report;
  report.kind = kind;
  report.add({code, rule_info(code).severity, "", message, 0, 0, ""});
  return report;
}

}  // namespace detail

}  // namespace backfill

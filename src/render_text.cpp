// Compiler-style text: `source:line:column: severity[CODE] rule: message`, optionally followed by the
// source line and a caret under the column, as gcc and rustc show them.
#include <fmt/format.h>

#include <cstdint>

#include "backfill/render.h"

namespace backfill {

namespace {

std::string_view color_of(Severity severity) {
  switch (severity) {
    case Severity::error: return "\x1b[1;31m";
    case Severity::warning: return "\x1b[1;33m";
    case Severity::info: return "\x1b[1;36m";
  }
  return "";
}

constexpr std::uint32_t kWindowColumns = 120;      // longest excerpt shown of one line
constexpr std::uint32_t kColumnsBeforeCaret = 60;  // context left of the caret when the line is cut
constexpr std::uint32_t kCutAfterColumn = 100;     // a caret further right starts the excerpt mid-line

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// One column's worth of source (a code point, as the parser counts columns: a byte that is not a
// UTF-8 continuation byte plus the continuation bytes after it) made safe for a terminal: invalid
// UTF-8, control characters (C0, DEL, C1) and bidirectional overrides (which can make the line read
// differently from what the parser saw) become '?'. One cell stays one column, so the caret lines up.
void append_cell(std::string& out, std::string_view cell) {
  const auto lead = static_cast<unsigned char>(cell[0]);
  if (cell.size() == 1) {
    out += (lead < 0x20 && lead != '\t') || lead == 0x7F || lead >= 0x80 ? '?' : cell[0];
    return;
  }
  const std::size_t expected = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
  if (expected != cell.size() || lead > 0xF4) { out += '?'; return; }
  std::uint32_t code = lead & (0xFF >> (expected + 1));
  for (std::size_t i = 1; i < cell.size(); ++i) code = (code << 6) | (static_cast<unsigned char>(cell[i]) & 0x3F);
  const bool overlong = (expected == 3 && code < 0x800) || (expected == 4 && code < 0x10000);
  const bool bad = overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || code < 0xA0 ||
                   (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
  if (bad) out += '?';
  else out.append(cell.data(), cell.size());
}

// Finds lines and columns in the document, resuming from the previous lookup: diagnostics come in
// document order, so a whole report costs about one pass over the text even when it is one long line.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}

  /// The text of 1-based line `line` without its line break; false when the document has no such line.
  bool seek_line(std::uint32_t line, std::string_view& out) {
    if (line == 0) return false;
    if (line < line_) reset();
    while (line_ < line) {
      const std::size_t next = text_.find('\n', begin_);
      if (next == std::string_view::npos) return false;
      begin_ = next + 1;
      ++line_;
      end_ = std::string_view::npos;
      cell_ = 0;
      cell_offset_ = begin_;
    }
    if (end_ == std::string_view::npos) {
      const std::size_t next = text_.find('\n', begin_);
      end_ = next == std::string_view::npos ? text_.size() : next;
      if (end_ > begin_ && text_[end_ - 1] == '\r') --end_;
    }
    out = text_.substr(begin_, end_ - begin_);
    return true;
  }

  /// Byte offset within the current line of 0-based column `cell` (the line's length when past its end).
  std::size_t offset_of_cell(std::uint32_t cell) {
    if (cell < cell_) { cell_ = 0; cell_offset_ = begin_; }
    while (cell_ < cell && cell_offset_ < end_) {
      ++cell_offset_;
      while (cell_offset_ < end_ && is_continuation(text_[cell_offset_])) ++cell_offset_;
      ++cell_;
    }
    return cell_offset_ - begin_;
  }

 private:
  void reset() { line_ = 1; begin_ = 0; end_ = std::string_view::npos; cell_ = 0; cell_offset_ = 0; }

  std::string_view text_;
  std::uint32_t line_ = 1;
  std::size_t begin_ = 0;                        // first byte of line_
  std::size_t end_ = std::string_view::npos;     // end of line_ (excluding "\r\n"), once known
  std::uint32_t cell_ = 0;                       // a column of line_ already located ...
  std::size_t cell_offset_ = 0;                  // ... and its byte offset in text_
};

// "    8 |   {"id": ...}" and "      |          ^" under it.
void append_excerpt(std::string& out, LineCursor& cursor, const Diagnostic& d, const RenderOptions& options) {
  std::string_view line;
  if (!cursor.seek_line(d.line, line)) return;
  const std::uint32_t column = d.column == 0 ? 0 : d.column - 1;
  const std::uint32_t first = column >= kCutAfterColumn ? column - kColumnsBeforeCaret : 0;
  const std::size_t from = cursor.offset_of_cell(first);
  const std::size_t caret_at = cursor.offset_of_cell(column);
  const std::uint32_t last = first > UINT32_MAX - kWindowColumns ? UINT32_MAX : first + kWindowColumns;
  const std::size_t to = cursor.offset_of_cell(last);

  std::string shown = first > 0 ? "..." : "";
  std::string under = first > 0 ? "   " : "";
  for (std::size_t i = from; i < to;) {
    std::size_t next = i + 1;
    while (next < to && is_continuation(line[next])) ++next;
    append_cell(shown, line.substr(i, next - i));
    if (i < caret_at) under += line[i] == '\t' ? '\t' : ' ';  // a tab keeps the caret aligned
    i = next;
  }
  if (to < line.size()) shown += "...";
  const std::string gutter = fmt::format("{:>5} | ", d.line);
  fmt::format_to(std::back_inserter(out), "{}{}\n{:>5} | ", gutter, shown, "");
  if (options.color) fmt::format_to(std::back_inserter(out), "{}{}^\x1b[0m\n", under, color_of(d.severity));
  else fmt::format_to(std::back_inserter(out), "{}^\n", under);
}

void append_headline(std::string& out, const Diagnostic& d, std::string_view source, const RenderOptions& options) {
  const RuleInfo& rule = rule_info(d.code);
  if (options.color) {
    fmt::format_to(std::back_inserter(out), "\x1b[1m{}:{}:{}:\x1b[0m {}{}[{}]\x1b[0m {}: {}\n", source, d.line,
                   d.column, color_of(d.severity), severity_name(d.severity), rule.id, rule.name, d.message);
  } else {
    fmt::format_to(std::back_inserter(out), "{}:{}:{}: {}[{}] {}: {}\n", source, d.line, d.column,
                   severity_name(d.severity), rule.id, rule.name, d.message);
  }
}

}  // namespace

std::string render_text(const Report& report, std::string_view source, const RenderOptions& options) {
  std::string out;
  for (const Diagnostic& d : report.diagnostics) append_headline(out, d, source, options);
  return out;
}

std::string render_text(const Report& report, std::string_view source, std::string_view document,
                        const RenderOptions& options) {
  std::string out;
  LineCursor cursor(document);
  for (const Diagnostic& d : report.diagnostics) {
    append_headline(out, d, source, options);
    append_excerpt(out, cursor, d, options);
  }
  return out;
}

}  // namespace backfill

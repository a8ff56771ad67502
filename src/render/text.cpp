// Compiler-style text: `source:line:column: severity[CODE] rule: message`, optionally followed by the
// source line and a caret under the column, as gcc and rustc show them.
#include <fmt/format.h>

#include <cstdint>
#include <vector>

#include "backfill/render.h"
#include "json/utf8.h"
#include "render/neutralize.h"

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

// Appends the bytes [from, to) of a source line made safe for a terminal, as neutralize() makes text
// (what it escapes is shown escaped, "##[" included, as the line is printed whole), except that a tab
// stays; and to `under`, the caret line's indentation up to byte `caret_at`: as many spaces as the
// text before it takes on a terminal (two for a wide character, none for a combining mark, the
// escape's length for an escape), a tab for a tab, so the caret lines up whatever the line holds.
void append_excerpt_text(std::string& shown, std::string& under, std::string_view line, std::size_t from,
                         std::size_t to, std::size_t caret_at) {
  for (std::size_t i = from; i < to;) {
    char32_t cp = 0;
    std::size_t length = detail::decode_utf8(line.substr(0, to), i, cp);
    const std::size_t before = shown.size();
    std::size_t width = 0;
    if (length == 0) {
      length = 1;
      detail::append_neutralized(shown, line.substr(i, 1));
      width = shown.size() - before;
    } else if (cp == '\t') {
      shown += '\t';
    } else if (detail::is_unsafe_code_point(cp)) {
      detail::append_neutralized(shown, line.substr(i, length));
      width = shown.size() - before;
    } else if (detail::is_legacy_command_prefix(line, i)) {
      shown += "\\u0023";
      width = shown.size() - before;
    } else {
      shown.append(line, i, length);
      width = static_cast<std::size_t>(detail::display_width(cp));
    }
    if (i < caret_at) {
      if (cp == '\t' && width == 0)
        under += '\t';
      else
        under.append(width, ' ');
    }
    i += length;
  }
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
    if (cell < cell_) {
      cell_ = 0;
      cell_offset_ = begin_;
    }
    while (cell_ < cell && cell_offset_ < end_) {
      ++cell_offset_;
      while (cell_offset_ < end_ && detail::is_utf8_continuation(text_[cell_offset_])) ++cell_offset_;
      ++cell_;
    }
    return cell_offset_ - begin_;
  }

 private:
  void reset() {
    line_ = 1;
    begin_ = 0;
    end_ = std::string_view::npos;
    cell_ = 0;
    cell_offset_ = 0;
  }

  std::string_view text_;
  std::uint32_t line_ = 1;
  std::size_t begin_ = 0;                     // first byte of line_
  std::size_t end_ = std::string_view::npos;  // end of line_ (excluding "\r\n"), once known
  std::uint32_t cell_ = 0;                    // a column of line_ already located ...
  std::size_t cell_offset_ = 0;               // ... and its byte offset in text_
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
  append_excerpt_text(shown, under, line, from, to, caret_at);
  if (to < line.size()) shown += "...";
  const std::string gutter = fmt::format("{:>5} | ", d.line);
  fmt::format_to(std::back_inserter(out), "{}{}\n{:>5} | ", gutter, shown, "");
  if (options.color)
    fmt::format_to(std::back_inserter(out), "{}{}^\x1b[0m\n", under, color_of(d.severity));
  else
    fmt::format_to(std::back_inserter(out), "{}^\n", under);
}

// The source name and the message come from input: both pass through the choke point here.
void append_headline(std::string& out, const Diagnostic& d, std::string_view source, const RenderOptions& options) {
  const RuleInfo& rule = rule_info(d.code);
  const std::string name = neutralize_name(source);
  const std::string message = neutralize(d.message);
  if (options.color) {
    fmt::format_to(std::back_inserter(out), "\x1b[1m{}:{}:{}:\x1b[0m {}{}[{}]\x1b[0m {}: {}\n", name, d.line, d.column,
                   color_of(d.severity), severity_name(d.severity), rule.id, rule.name, message);
  } else {
    fmt::format_to(std::back_inserter(out), "{}:{}:{}: {}[{}] {}: {}\n", name, d.line, d.column,
                   severity_name(d.severity), rule.id, rule.name, message);
  }
}

// Which diagnostics a person reads in full: the first `repeats_listed` of each rule. A flood of one
// rule (a name on every component copied from a GET) then reads as three examples and a count,
// given right after the last one shown.
class RepeatGroups {
 public:
  RepeatGroups(const Report& report, std::size_t repeats_listed) : limit_(repeats_listed) {
    if (limit_ == 0) return;
    for (const Diagnostic& d : report.diagnostics) ++of(d.code).total;
  }
  /// Whether `d` is listed; call once per diagnostic, in order.
  bool listed(const Diagnostic& d) { return limit_ == 0 || ++of(d.code).seen <= limit_; }
  /// After a listed `d`: the line that counts its rule's unlisted repeats, when it was the last listed.
  void append_count(std::string& out, const Diagnostic& d) {
    if (limit_ == 0) return;
    const Count& count = of(d.code);
    if (count.seen != limit_ || count.total <= limit_) return;
    const std::size_t more = count.total - limit_;
    const std::string_view severity = d.severity == Severity::info ? "note" : severity_name(d.severity);
    const RuleInfo& rule = rule_info(d.code);
    fmt::format_to(std::back_inserter(out), "... and {} more {} {} {}{}\n", more, rule.id, rule.name, severity,
                   more == 1 ? "" : "s");
  }

 private:
  struct Count {
    Code code;
    std::size_t total = 0;
    std::size_t seen = 0;
  };
  // A report holds a few distinct rules (at most the catalogue): a short list searched in place.
  Count& of(Code code) {
    for (Count& count : counts_) {
      if (count.code == code) return count;
    }
    return counts_.emplace_back(Count{code});
  }
  std::size_t limit_;
  std::vector<Count> counts_;
};

}  // namespace

std::string render_text(const Report& report, std::string_view source, const RenderOptions& options) {
  std::string out;
  RepeatGroups groups(report, options.repeats_listed);
  for (const Diagnostic& d : report.diagnostics) {
    if (!groups.listed(d)) continue;
    append_headline(out, d, source, options);
    groups.append_count(out, d);
  }
  return out;
}

std::string render_text(const Report& report, std::string_view source, std::string_view document,
                        const RenderOptions& options) {
  std::string out;
  LineCursor cursor(document);
  RepeatGroups groups(report, options.repeats_listed);
  for (const Diagnostic& d : report.diagnostics) {
    if (!groups.listed(d)) continue;
    append_headline(out, d, source, options);
    append_excerpt(out, cursor, d, options);
    groups.append_count(out, d);
  }
  return out;
}

}  // namespace backfill

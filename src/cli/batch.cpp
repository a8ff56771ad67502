// NDJSON batch mode. Memory stays bounded whatever the input size: the input is read in 1 MiB chunks,
// lines are grouped into batches of at most kBatchDocuments documents or kBatchBytes bytes, and at
// most 2 x jobs batches holding at most BatchSettings::in_flight_bytes of text are in flight, whatever
// --jobs is (a batch larger than that is validated alone); a line over the size limit is counted, not
// kept.
#include "batch.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <future>
#include <limits>

#include <fmt/format.h>

#include "backfill/render.h"
#include "io.h"

namespace cli {

namespace {

constexpr std::size_t kBatchDocuments = 256;
constexpr std::size_t kBatchBytes = 4u << 20;
constexpr std::size_t kReadChunk = 1u << 20;

struct Line {
  std::size_t offset = 0;    // into Batch::text
  std::size_t size = 0;      // its true length (only offset..size kept when not oversized)
  std::uint64_t number = 0;  // 1-based line of the file
  bool oversized = false;    // over Limits::max_bytes: not kept
};

// A run of lines validated together on one thread.
struct Batch {
  std::string text;  // the kept lines' bytes, back to back
  std::vector<Line> lines;
  std::vector<backfill::Report> reports;
};

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Reads a file line by line into batches, in fixed-size chunks.
class LineReader {
 public:
  LineReader(std::FILE* file, std::size_t max_line, std::size_t batch_bytes)
      : file_(file), max_line_(max_line), batch_bytes_(batch_bytes), buffer_(kReadChunk) {}

  /// Fills `batch` with the next non-blank lines; false when the input is exhausted and nothing was added.
  bool next(Batch& batch) {
    batch.text.clear();
    batch.lines.clear();
    while (batch.lines.size() < kBatchDocuments && batch.text.size() < batch_bytes_) {
      Line line;
      line.offset = batch.text.size();
      if (!append_line(batch.text, line)) break;
      const std::string_view kept = std::string_view(batch.text).substr(line.offset);
      if (!line.oversized && is_blank(kept)) {
        batch.text.resize(line.offset);
        continue;
      }
      batch.lines.push_back(line);
    }
    return !batch.lines.empty();
  }

  /// The errno of a failed read; 0 when every read succeeded.
  int error() const { return error_; }
  std::uint64_t bytes_read() const { return bytes_read_; }
  std::uint64_t lines_read() const { return line_number_; }

 private:
  bool fill() {
    begin_ = 0;
    end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
    if (end_ == 0 && std::ferror(file_) && error_ == 0) error_ = errno != 0 ? errno : EIO;
    bytes_read_ += end_;
    return end_ > 0;
  }

  // Appends the next line (without its '\n') to `out`; a line over the limit is dropped from `out`
  // and only measured. False at the end of the input.
  bool append_line(std::string& out, Line& line) {
    bool any = false;
    for (;;) {
      if (begin_ == end_ && !fill()) break;
      any = true;
      const char* start = buffer_.data() + begin_;
      const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
      const std::size_t n = newline ? static_cast<std::size_t>(newline - start) : end_ - begin_;
      line.size += n;
      if (!line.oversized && line.size > max_line_) {
        line.oversized = true;
        out.resize(line.offset);
      }
      if (!line.oversized) out.append(start, n);
      begin_ += n + (newline ? 1 : 0);
      if (newline) break;
    }
    if (any) line.number = ++line_number_;
    return any;
  }

  std::FILE* file_;
  std::size_t max_line_;
  std::size_t batch_bytes_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0;
  std::uint64_t bytes_read_ = 0;
  std::uint64_t line_number_ = 0;
  int error_ = 0;
};

std::uint32_t clamp_line(std::uint64_t number) {
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(number, std::numeric_limits<std::uint32_t>::max()));
}

// The report the library gives a document over the size limit, without holding the document.
backfill::Report oversized_report(std::size_t size, const backfill::Options& options) {
  backfill::Report report;
  report.kind = options.kind;
  const std::string message = fmt::format("document is {} bytes; the limit is {}", size, options.limits.max_bytes);
  report.add(
      {backfill::Code::json_limits, backfill::rule_info(backfill::Code::json_limits).severity, "", message, 1, 1, ""});
  return report;
}

// Validates each line; diagnostics move from the document's line 1 to the line of the file.
void validate_batch(Batch& batch, const backfill::Validator& validator, const backfill::Options& options) {
  batch.reports.clear();
  batch.reports.reserve(batch.lines.size());
  for (const Line& line : batch.lines) {
    backfill::Report report =
        line.oversized ? oversized_report(line.size, options)
                       : validator.validate(std::string_view(batch.text).substr(line.offset, line.size), options);
    for (backfill::Diagnostic& d : report.diagnostics) {
      if (d.line != 0) d.line = clamp_line(line.number);  // one line per document: only the line changes
    }
    batch.reports.push_back(std::move(report));
  }
}

// "\r45% of 1000 MB, 123456 documents" on a terminal, at most four times a second.
class Progress {
 public:
  Progress(std::FILE* file, bool is_stdin) {
    struct stat info {};
    if (!is_stdin && isatty(STDERR_FILENO) && fstat(fileno(file), &info) == 0 && S_ISREG(info.st_mode)) {
      total_ = static_cast<std::uint64_t>(info.st_size);
      enabled_ = total_ > 0;
    }
  }
  ~Progress() {
    if (shown_) std::fputs("\r\x1b[K", stderr);
  }
  void update(std::uint64_t bytes, std::size_t documents) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    shown_ = true;
    fmt::print(stderr, "\r\x1b[Kbackfill-check: {}% of {} MB, {} documents", bytes * 100 / total_,
               (total_ + 999999) / 1000000, documents);
    std::fflush(stderr);
  }

 private:
  bool enabled_ = false, shown_ = false;
  std::uint64_t total_ = 0;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int check_ndjson(const backfill::Validator& validator, const backfill::Options& options,
                 const std::vector<std::string>& files, const BatchSettings& settings, Output& output) {
  if (settings.summary) output.summary_only();
  const unsigned jobs = std::max(1u, settings.jobs);
  for (const std::string& path : files) {
    const bool is_stdin = path == "-";
    const std::string source = is_stdin ? settings.stdin_name : path;
    std::string error;
    const int fd = open_input(path, source, error);
    std::FILE* file = is_stdin ? stdin : fd >= 0 ? ::fdopen(fd, "rb") : nullptr;
    if (file == nullptr) {
      if (fd >= 0) {
        error = fmt::format("cannot read {}: {}", backfill::neutralize(source), std::strerror(errno));
        ::close(fd);
      }
      output.unreadable(error, source);
      continue;
    }
    // A batch is at most a quarter of the budget, so that several fit in it.
    LineReader reader(file, options.limits.max_bytes,
                      std::clamp<std::size_t>(settings.in_flight_bytes / 4, 1, kBatchBytes));
    Progress progress(file, is_stdin);
    std::size_t documents = 0;
    auto emit = [&](Batch& batch) {
      for (std::size_t i = 0; i < batch.reports.size(); ++i) {
        // No excerpt (diagnostics give lines of the file); records name the line.
        output.emit(source, {}, std::move(batch.reports[i]), batch.lines[i].number);
      }
      documents += batch.reports.size();
      progress.update(reader.bytes_read(), documents);
    };
    if (jobs == 1) {
      Batch batch;
      while (reader.next(batch)) {
        validate_batch(batch, validator, options);
        emit(batch);
      }
    } else {
      // Batches are validated on worker threads and emitted in input order; at most 2 x jobs of them
      // and settings.in_flight_bytes of their text in flight (the batch being read comes on top).
      std::deque<std::pair<std::future<Batch>, std::size_t>> in_flight;  // with the bytes each holds
      std::size_t in_flight_bytes = 0;
      for (;;) {
        Batch batch;
        const bool more = reader.next(batch);
        const std::size_t bytes = batch.text.capacity();
        while (!in_flight.empty() &&
               (!more || in_flight.size() >= 2 * jobs || in_flight_bytes + bytes > settings.in_flight_bytes)) {
          Batch done = in_flight.front().first.get();
          in_flight_bytes -= in_flight.front().second;
          in_flight.pop_front();
          emit(done);
        }
        if (!more) break;
        in_flight_bytes += bytes;
        if (settings.peak_in_flight != nullptr)
          *settings.peak_in_flight = std::max(*settings.peak_in_flight, in_flight_bytes);
        in_flight.emplace_back(std::async(
                                   std::launch::async,
                                   [&validator, &options](Batch b) {
                                     validate_batch(b, validator, options);
                                     return b;
                                   },
                                   std::move(batch)),
                               bytes);
      }
    }
    if (reader.error() != 0) {
      output.unreadable(fmt::format("cannot read {}: {}", backfill::neutralize(source), std::strerror(reader.error())),
                        source);
    }
    if (!is_stdin) std::fclose(file);
  }
  return output.finish();
}

}  // namespace cli

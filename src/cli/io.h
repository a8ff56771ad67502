// The CLI's one way in and one way out: inputs are read with POSIX calls (a directory, FIFO or device
// is an error, not an abort), and every write to standard output goes through write_stdout(), whose
// failures close_stdout() turns into exit code 2 on every exit path.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace cli {

/// Opens `path` for reading ("-": standard input, which may be anything); any other path must be a
/// regular file. Returns the descriptor, or -1 with `error` set to "cannot read PATH: REASON".
int open_input(const std::string& path, std::string_view display_name, std::string& error);

/// Reads a whole input (see open_input). False with `error` set when it cannot be opened or read.
bool read_input(const std::string& path, std::string_view display_name, std::string& out, std::string& error);

/// Writes to standard output; a failure is remembered (and reported by close_stdout).
void write_stdout(std::string_view text);

/// True when a write to standard output has failed.
bool stdout_failed();

/// Flushes standard output and returns `code`, or 2 after reporting on stderr when any write to it
/// failed. Called once, on the way out of main.
int close_stdout(int code);

}  // namespace cli

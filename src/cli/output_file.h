// --output FILE: the report is written to a temporary file beside FILE, which replaces FILE only once
// everything was written (rename(2) is atomic within a directory), so a reader never sees half a
// report and a failed run leaves the previous FILE as it was.
#pragma once

#include <string>

namespace cli {

/// Sends standard output to a new temporary file in FILE's directory. False, with `error` set, when it
/// cannot be created.
bool open_output_file(const std::string& path, std::string& error);

/// After close_stdout(): puts the temporary file in place of FILE when every write succeeded, else
/// removes it. Returns `code`, or kExitUsage after a message when the file cannot be put in place.
/// Does nothing (returns `code`) when open_output_file() was not called.
int commit_output_file(int code);

}  // namespace cli

// Shell completions (--completions bash|zsh|fish), generated from the CLI's own option table so that
// they cannot fall behind it.
#pragma once

#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

namespace cli {

/// The shells completion_script() writes for.
inline constexpr std::string_view kCompletionShells[] = {"bash", "zsh", "fish"};

/// A completion script for `shell` ("bash", "zsh" or "fish"; "" for any other) covering every option
/// of `app`: the values of an option that takes one of a fixed set (`TEXT:{a,b}`), rule codes for one
/// whose type is CODE, file names for one whose type is FILE and for the positional arguments.
std::string completion_script(const CLI::App& app, std::string_view shell);

}  // namespace cli

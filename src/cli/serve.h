// `backfill-check serve`: the local endpoint (mock) and the validating proxy.
#pragma once

namespace cli {

/// Runs `backfill-check serve ARGS...` (argv[0] is "serve"); returns the exit code.
int serve(int argc, char** argv);

}  // namespace cli

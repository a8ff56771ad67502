// A small HTTP/1.1 server with hard bounds, for `backfill-check serve`: what it reads, how many
// connections it holds and for how long are all capped, so no client can exhaust it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace serve {

/// The bounds. Every one is enforced while reading, never after.
struct ServerLimits {
  std::size_t max_body = 1u << 20;   ///< Larger Content-Length: 413 before the body is read.
  std::size_t max_head = 16u << 10;  ///< Request line plus headers: 431 when longer.
  unsigned max_connections = 64;     ///< Served at once (one thread each); more wait, up to as many again.
  unsigned max_requests_per_connection = 10000;
  std::chrono::milliseconds idle{5000};         ///< Longest wait for the next bytes of a request or request.
  std::chrono::milliseconds connection{60000};  ///< Longest life of one connection, however busy.
};

/// One parsed request.
struct Request {
  std::string method;
  std::string target;  ///< Origin form, as sent: "/path?query".
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  /// The first header of that name (case-insensitive), or "" when absent.
  std::string_view header(std::string_view name) const noexcept;
  /// Whether a header of that name was sent.
  bool has_header(std::string_view name) const noexcept;
};

/// One response; `verdict` and `codes` only go to the log.
struct Response {
  int status = 500;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string verdict;  ///< "valid", "invalid", "refused", ...
  std::string codes;    ///< Diagnostic codes, comma-separated.
};

using Handler = std::function<Response(const Request&)>;

/// Serves `handler` on one address until stop(). Logs one JSON line per request on stderr.
class Server {
 public:
  Server(ServerLimits limits, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds "HOST:PORT" (port 0: any free port). False with `error` set when it cannot.
  bool listen(const std::string& address, std::string& error);
  /// The bound port.
  int port() const noexcept { return port_; }
  /// Serves until stop(); then answers the requests in flight and returns.
  void run();
  /// Stops run() (async-signal-safe: writes one byte to a pipe).
  void stop() noexcept;
  /// Requests answered so far.
  std::size_t answered() const noexcept { return answered_.load(); }

 private:
  struct Connection;
  void serve_connection(int fd);
  bool read_more(Connection& c);
  bool write_all(Connection& c, std::string_view data);
  void respond(Connection& c, const Request& request, Response response, bool keep_alive,
               std::chrono::steady_clock::time_point started);
  void log(const Request& request, const Response& response, std::chrono::steady_clock::time_point started);

  ServerLimits limits_;
  Handler handler_;
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> answered_{0};
};

/// Makes SIGINT and SIGTERM call server.stop() (once; a second signal ends the process at once).
void stop_on_signals(Server& server);

}  // namespace serve

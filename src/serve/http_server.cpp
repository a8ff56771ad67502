// The bounded HTTP/1.1 server. Why not cpp-httplib's server: 0.11.4 (Debian 12) buffers a header line
// of any length and any number of header lines before checking them, and has no bound on how long a
// connection may hold a worker or on how many accepted connections wait; here each bound is checked
// as bytes arrive. cpp-httplib remains the client (proxy upstream, tests, load).
#include "http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "backfill/endpoint.h"
#include "backfill/render.h"

namespace serve {

namespace {

using Clock = std::chrono::steady_clock;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string_view reason(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

// A response the server itself gives (malformed HTTP, limits), in the API's error shape.
Response refusal(int status, std::string_view message) {
  backfill::HttpAnswer answer = backfill::error_answer(status, message, "");
  Response response;
  response.status = status;
  response.content_type = std::move(answer.content_type);
  response.body = std::move(answer.body);
  response.verdict = "refused";
  return response;
}

// Parses the request line and headers (`head` without the blank line). False when malformed.
bool parse_head(std::string_view head, Request& request, bool& http10) {
  const std::size_t line_end = std::min(head.find("\r\n"), head.size());
  const std::string_view line = head.substr(0, line_end);
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return false;
  request.method = std::string(line.substr(0, sp1));
  request.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  const std::string_view version = line.substr(sp2 + 1);
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return false;
  http10 = version == "HTTP/1.0";
  if (request.method.empty() || request.target.empty() || request.target.find(' ') != std::string::npos) return false;
  for (char c : request.method) {
    if (c < 'A' || c > 'Z') return false;
  }
  for (std::size_t pos = line_end + 2; pos < head.size();) {
    const std::size_t end = std::min(head.find("\r\n", pos), head.size());
    const std::string_view field = head.substr(pos, end - pos);
    pos = end + 2;
    const std::size_t colon = field.find(':');
    // No name, white space before the colon, or a folded line (obsolete, RFC 9112 section 5.2).
    if (colon == 0 || colon == std::string_view::npos || field[colon - 1] == ' ' || field[0] == ' ' ||
        field[0] == '\t') {
      return false;
    }
    request.headers.emplace_back(std::string(field.substr(0, colon)), std::string(trim(field.substr(colon + 1))));
  }
  return true;
}

// Content-Length: digits only, the same in every copy of the header. False when malformed.
bool content_length(const Request& request, std::size_t& length) {
  bool seen = false;
  for (const auto& [name, value] : request.headers) {
    if (!iequals(name, "Content-Length")) continue;
    if (value.empty() || value.size() > 18 || value.find_first_not_of("0123456789") != std::string::npos) return false;
    const std::size_t parsed = std::stoull(value);
    if (seen && parsed != length) return false;
    length = parsed;
    seen = true;
  }
  if (!seen) length = 0;
  return true;
}

std::mutex log_mutex;

}  // namespace

std::string_view Request::header(std::string_view name) const noexcept {
  for (const auto& [n, v] : headers) {
    if (iequals(n, name)) return v;
  }
  return {};
}

bool Request::has_header(std::string_view name) const noexcept {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return iequals(h.first, name); });
}

struct Server::Connection {
  int fd;
  Clock::time_point deadline;
  std::string buffer;
};

Server::Server(ServerLimits limits, Handler handler) : limits_(limits), handler_(std::move(handler)) {
  if (pipe(stop_pipe_) != 0) stop_pipe_[0] = stop_pipe_[1] = -1;
}

Server::~Server() {
  for (int fd : {listen_fd_, stop_pipe_[0], stop_pipe_[1]}) {
    if (fd >= 0) close(fd);
  }
}

bool Server::listen(const std::string& address, std::string& error) {
  const std::size_t colon = address.rfind(':');
  if (colon == std::string::npos || stop_pipe_[0] < 0) {
    error = "expected HOST:PORT";
    return false;
  }
  std::string host = address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (const int rc = getaddrinfo(host.c_str(), address.c_str() + colon + 1, &hints, &found); rc != 0) {
    error = gai_strerror(rc);
    return false;
  }
  for (addrinfo* a = found; a != nullptr && listen_fd_ < 0; a = a->ai_next) {
    const int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 128) == 0) {
      listen_fd_ = fd;
      sockaddr_storage bound{};
      socklen_t size = sizeof bound;
      getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &size);
      port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    } else {
      error = std::strerror(errno);
      close(fd);
    }
  }
  freeaddrinfo(found);
  return listen_fd_ >= 0;
}

void Server::stop() noexcept {
  stopping_.store(true);
  const char byte = 0;
  if (stop_pipe_[1] >= 0) (void)!write(stop_pipe_[1], &byte, 1);  // never drained: wakes every poll()
}

void Server::run() {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<int> pending;  // accepted, waiting for a worker; at most max_connections
  bool closing = false;
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < limits_.max_connections; ++i) {
    workers.emplace_back([&] {
      for (;;) {
        int fd;
        {
          std::unique_lock<std::mutex> lock(mutex);
          ready.wait(lock, [&] { return closing || !pending.empty(); });
          if (pending.empty()) return;
          fd = pending.front();
          pending.pop_front();
        }
        serve_connection(fd);
      }
    });
  }
  while (!stopping_.load()) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0 && errno != EINTR) break;
    if (stopping_.load() || !(fds[0].revents & POLLIN)) continue;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EMFILE || errno == ENFILE) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    const int on = 1;  // answers are one write each: no reason to wait for an ACK (Nagle)
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    std::unique_lock<std::mutex> lock(mutex);
    if (pending.size() >= limits_.max_connections) {
      lock.unlock();
      // Every worker busy and as many waiting: refuse at once rather than queue without bound.
      const Response busy = refusal(503, "Service Unavailable: too many connections");
      const std::string text =
          fmt::format("HTTP/1.1 503 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                      reason(503), busy.content_type, busy.body.size(), busy.body);
      (void)!send(fd, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      shutdown(fd, SHUT_WR);
      char drain[4096];  // unread input would make close() reset the connection, losing the answer
      (void)!recv(fd, drain, sizeof drain, MSG_DONTWAIT);
      close(fd);
      continue;
    }
    pending.push_back(fd);
    ready.notify_one();
  }
  close(listen_fd_);  // no new connections; the ones accepted are still answered
  listen_fd_ = -1;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    closing = true;
  }
  ready.notify_all();
  for (std::thread& worker : workers) worker.join();
}

// Waits for more bytes within both bounds. Between requests a stop ends the wait (the connection is
// idle); within a request it does not (the request is in flight and is answered).
bool Server::read_more(Connection& c) {
  const bool between_requests = c.buffer.empty();
  for (;;) {
    const auto now = Clock::now();
    if (now >= c.deadline) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(c.deadline - now);
    const int timeout = static_cast<int>(std::min(left, limits_.idle).count()) + 1;
    pollfd fds[2] = {{c.fd, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    const int ready = poll(fds, between_requests ? 2 : 1, timeout);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;  // idle too long
    if (between_requests && (fds[1].revents & POLLIN)) return false;
    char chunk[16384];
    const ssize_t n = recv(c.fd, chunk, sizeof chunk, 0);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) return false;
    c.buffer.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

bool Server::write_all(Connection& c, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = send(c.fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) return false;
    const auto now = Clock::now();
    if (now >= c.deadline) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(c.deadline - now);
    pollfd fd = {c.fd, POLLOUT, 0};
    if (poll(&fd, 1, static_cast<int>(std::min(left, limits_.idle).count()) + 1) == 0) return false;
  }
  return true;
}

void Server::log(const Request& request, const Response& response, Clock::time_point started) {
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  const auto wall = std::chrono::system_clock::now().time_since_epoch();
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(wall).count();
  const backfill::Instant now{micros / 1000000, static_cast<std::uint64_t>(micros % 1000000) * 1000000000000ull};
  // Method and target came from the client: json_escape() neutralizes them.
  const std::string line = fmt::format(
      R"({{"time":"{}","method":"{}","target":"{}","status":{},"verdict":"{}","codes":"{}","latency_ms":{:.3f}}})"
      "\n",
      backfill::format_instant(now), backfill::json_escape(request.method), backfill::json_escape(request.target),
      response.status, response.verdict, response.codes, ms);
  const std::lock_guard<std::mutex> lock(log_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

void Server::respond(Connection& c, const Request& request, Response response, bool keep_alive,
                     Clock::time_point started) {
  std::string text = fmt::format("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
  if (!response.content_type.empty())
    fmt::format_to(std::back_inserter(text), "Content-Type: {}\r\n", response.content_type);
  for (const auto& [name, value] : response.headers)
    fmt::format_to(std::back_inserter(text), "{}: {}\r\n", name, value);
  fmt::format_to(std::back_inserter(text), "Content-Length: {}\r\nConnection: {}\r\n\r\n", response.body.size(),
                 keep_alive ? "keep-alive" : "close");
  if (request.method != "HEAD") text += response.body;
  write_all(c, text);
  ++answered_;
  log(request, response, started);
}

void Server::serve_connection(int fd) {
  Connection c{fd, Clock::now() + limits_.connection, {}};
  for (unsigned served = 0; served < limits_.max_requests_per_connection; ++served) {
    std::size_t head_end;
    while ((head_end = c.buffer.find("\r\n\r\n")) == std::string::npos && c.buffer.size() <= limits_.max_head) {
      const bool started = !c.buffer.empty();
      if (!read_more(c)) {
        if (started) respond(c, {}, refusal(408, "Request Timeout"), false, Clock::now());
        close(fd);
        return;
      }
    }
    if (head_end == std::string::npos || head_end + 4 > limits_.max_head) {
      respond(c, {}, refusal(431, "Request Header Fields Too Large"), false, Clock::now());
      close(fd);
      return;
    }
    const auto started = Clock::now();
    Request request;
    bool http10 = false;
    std::size_t length = 0;
    if (!parse_head(std::string_view(c.buffer).substr(0, head_end), request, http10) ||
        !content_length(request, length)) {
      respond(c, request, refusal(400, "Bad Request: malformed HTTP request"), false, started);
      close(fd);
      return;
    }
    c.buffer.erase(0, head_end + 4);
    if (request.has_header("Transfer-Encoding")) {
      respond(c, request, refusal(411, "Length Required: send the body with Content-Length"), false, started);
      close(fd);
      return;
    }
    if (length > limits_.max_body) {
      respond(c, request, refusal(413, fmt::format("Payload Too Large: the body is over {} bytes", limits_.max_body)),
              false, started);
      close(fd);
      return;
    }
    if (iequals(request.header("Expect"), "100-continue") && c.buffer.size() < length) {
      write_all(c, "HTTP/1.1 100 Continue\r\n\r\n");
    }
    while (c.buffer.size() < length) {
      if (!read_more(c)) {
        respond(c, request, refusal(408, "Request Timeout"), false, started);
        close(fd);
        return;
      }
    }
    request.body = c.buffer.substr(0, length);
    c.buffer.erase(0, length);
    const std::string_view connection = request.header("Connection");
    const bool keep_alive = !stopping_.load() && served + 1 < limits_.max_requests_per_connection &&
                            (http10 ? iequals(connection, "keep-alive") : !iequals(connection, "close"));
    Response response;
    try {
      response = handler_(request);
    } catch (...) { response = refusal(500, "Internal Server Error"); }
    respond(c, request, std::move(response), keep_alive, started);
    if (!keep_alive) break;
  }
  close(fd);
}

namespace {
Server* signalled_server = nullptr;
extern "C" void on_stop_signal(int) {
  if (signalled_server != nullptr) signalled_server->stop();
  std::signal(SIGINT, SIG_DFL);  // a second signal ends the process
  std::signal(SIGTERM, SIG_DFL);
}
}  // namespace

void stop_on_signals(Server& server) {
  signalled_server = &server;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

}  // namespace serve

// A minimal HTTP server sketch (cpp-httplib) whose middleware validates the body of
// POST /api/v2/statuspages/{page_id}/maintenances/backfill before the application sees it, and answers
// an invalid body with an RFC 9457 problem document (application/problem+json, 400 or 422).
//
//   server_middleware [--port N] [--max-requests N] [--seconds N]
//
// Listens on 127.0.0.1 only; --port 0 (the default) picks a free port. It prints
// "listening on 127.0.0.1:PORT" and stops after --max-requests requests or --seconds seconds,
// whichever comes first (0 means no bound), so that a test can drive it.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include <httplib.h>

#include <backfill/render.h>
#include <backfill/validate.h>

namespace {

constexpr std::size_t kMaxBody = 1u << 20;  // 1 MiB: larger bodies get 413 before they are read

// The middleware: validates the request body, answers an invalid one with the problem document, and
// hands a valid one to `next`. The validator is shared by every worker thread (validate() is const).
httplib::Server::Handler validated(const backfill::Validator& validator, httplib::Server::Handler next) {
  return [&validator, next = std::move(next)](const httplib::Request& req, httplib::Response& res) {
    backfill::Options options;
    options.kind = backfill::Kind::request;
    options.limits.max_bytes = kMaxBody;
    const backfill::Report report = validator.validate(req.body, options);
    if (!report.valid()) {
      res.status = backfill::problem_status(report);
      res.set_content(backfill::render_problem(report), "application/problem+json");
      return;
    }
    next(req, res);
  };
}

// The application: here it only acknowledges; a real service would store the maintenance.
void create_backfilled_maintenance(const httplib::Request&, httplib::Response& res) {
  res.status = 201;
  res.set_content(R"({"created":true})", "application/json");
}

// httplib routes with std::regex; this guard lets only short, plausible paths reach it, checked with
// plain string operations (a long hostile path never meets the regex).
bool is_backfill_path(std::string_view path) {
  constexpr std::string_view prefix = "/api/v2/statuspages/";
  constexpr std::string_view suffix = "/maintenances/backfill";
  if (path.size() <= prefix.size() + suffix.size() || path.size() > prefix.size() + 64 + suffix.size()) return false;
  if (path.substr(0, prefix.size()) != prefix || path.substr(path.size() - suffix.size()) != suffix) return false;
  const std::string_view page_id = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
  for (char c : page_id) {
    if (!(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

long option(int argc, char** argv, const char* name, long fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return std::strtol(argv[i + 1], nullptr, 10);
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const long port = option(argc, argv, "--port", 0);
  const long max_requests = option(argc, argv, "--max-requests", 0);
  const long seconds = option(argc, argv, "--seconds", 0);

  const backfill::Validator validator;  // compiles the schemas once, before the first request
  httplib::Server server;
  server.set_payload_max_length(kMaxBody);
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (is_backfill_path(req.path)) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 404;
    return httplib::Server::HandlerResponse::Handled;
  });
  server.Post(R"(/api/v2/statuspages/[-0-9A-Za-z]+/maintenances/backfill)",
              validated(validator, create_backfilled_maintenance));

  // Count answered requests so that main() can stop the server after the requested number.
  std::mutex mutex;
  std::condition_variable answered;
  long count = 0;
  server.set_logger([&](const httplib::Request&, const httplib::Response&) {
    const std::lock_guard<std::mutex> lock(mutex);
    ++count;
    answered.notify_all();
  });

  const int bound = port == 0 ? server.bind_to_any_port("127.0.0.1")
                              : (server.bind_to_port("127.0.0.1", static_cast<int>(port)) ? static_cast<int>(port) : -1);
  if (bound < 0) {
    std::fprintf(stderr, "cannot listen on 127.0.0.1:%ld\n", port);
    return 2;
  }
  std::printf("listening on 127.0.0.1:%d\n", bound);
  std::fflush(stdout);

  std::thread listener([&server] { server.listen_after_bind(); });
  {
    std::unique_lock<std::mutex> lock(mutex);
    const auto done = [&] { return max_requests > 0 && count >= max_requests; };
    if (seconds > 0) answered.wait_for(lock, std::chrono::seconds(seconds), done);
    else answered.wait(lock, done);
  }
  server.stop();
  listener.join();
  std::printf("answered %ld requests\n", count);
  return 0;
}

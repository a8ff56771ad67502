// A minimal HTTP server (cpp-httplib) that embeds the endpoint's behaviour from the library: before
// the application sees a call of POST /api/v2/statuspages/{page_id}/maintenances/backfill,
// backfill::check_call() makes the live API's checks (path, method, content type, size, page_id,
// include, body) and answers a bad call as the API does: 400 {"errors": ["..."]}, or RFC 9457
// problem details when the client's Accept prefers application/problem+json. `backfill-check serve
// --mock` is the same library call plus a bounded server.
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

#include <backfill/endpoint.h>

namespace {

constexpr std::size_t kMaxBody = 1u << 20;  // 1 MiB: larger bodies get 413 before they are read

// The middleware: the library checks the call and, when it objects, writes the answer.
httplib::Server::Handler validated(const backfill::Validator& validator, httplib::Server::Handler next) {
  return [&validator, next = std::move(next)](const httplib::Request& req, httplib::Response& res) {
    backfill::EndpointOptions options;
    options.validation.limits.max_bytes = kMaxBody;
    const std::string target = req.target;  // path and query as sent
    const backfill::HttpAnswer answer = backfill::check_call(
        validator, {req.method, target, req.get_header_value("Content-Type"), req.get_header_value("Accept"), req.body},
        options);
    if (answer.status != 0) {
      res.status = answer.status;
      for (const auto& [name, value] : answer.headers) res.set_header(name, value);
      res.set_content(answer.body, answer.content_type);
      return;
    }
    next(req, res);
  };
}

// The application: a real service stores the maintenance; this one answers with the Maintenance the
// live API would return (what `serve --mock` sends), for the page in the path.
void create_backfilled_maintenance(const httplib::Request& req, httplib::Response& res) {
  const auto parameters = backfill::endpoint_parameters(req.target);
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  res.status = 201;
  res.set_content(backfill::mock_maintenance(req.body, *parameters->page_id, parameters->include.value_or(""),
                                             "9919ec9b-ebc7-49ee-8dc8-03626e717cca",
                                             {std::chrono::duration_cast<std::chrono::seconds>(now).count(), 0}),
                  "application/vnd.api+json");
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
    const backfill::HttpAnswer answer = backfill::error_answer(404, "Not found", req.get_header_value("Accept"));
    res.status = answer.status;
    res.set_content(answer.body, answer.content_type);
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

  const int bound = port == 0
                        ? server.bind_to_any_port("127.0.0.1")
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
    if (seconds > 0)
      answered.wait_for(lock, std::chrono::seconds(seconds), done);
    else
      answered.wait(lock, done);
  }
  server.stop();
  listener.join();
  std::printf("answered %ld requests\n", count);
  return 0;
}

// `backfill-check serve --mock | --proxy URL`: option parsing and wiring. The HTTP behaviour is the
// library's (backfill/endpoint.h); the transport is src/serve/.
#include "serve.h"

#include <cstdio>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "../serve/http_server.h"
#include "../serve/proxy.h"
#include "../serve/rate_limit.h"
#include "backfill/contracts.h"
#include "backfill/endpoint.h"
#include "backfill/render.h"
#include "contract_option.h"
#include "output.h"

namespace cli {

namespace {

serve::Response from_answer(backfill::HttpAnswer answer, std::vector<std::pair<std::string, std::string>> headers) {
  serve::Response response;
  response.status = answer.status;
  response.content_type = std::move(answer.content_type);
  response.body = std::move(answer.body);
  response.headers = std::move(headers);
  for (auto& header : answer.headers) response.headers.push_back(std::move(header));
  response.codes = std::move(answer.codes);
  response.verdict = response.status < 300 ? "valid" : response.status == 400 ? "invalid" : "refused";
  return response;
}

int usage(const std::string& message) {
  fmt::print(stderr, "backfill-check serve: {}\nRun with --help for more information.\n",
             backfill::neutralize(message));
  return kExitUsage;
}

// What the command line says.
struct Settings {
  bool mock = false, block_invalid = false, require_auth = false, strict = false;
  std::string proxy, listen = "127.0.0.1:8126", har_out, ca_cert;
  std::string contract{backfill::kDefaultContract};
  std::optional<std::string> rate_limit, now_text;
  serve::ServerLimits limits;
  unsigned idle_seconds = 5, connection_seconds = 60;
  std::size_t max_requests = 0;
};

void add_options(CLI::App& app, Settings& s) {
  auto* mock_flag = app.add_flag("--mock", s.mock, "Answer as the live API does (201 Maintenance, 400 errors, ...)");
  auto* proxy_option =
      app.add_option("--proxy", s.proxy, "Forward to this upstream (https://api.datadoghq.com) and validate every call")
          ->excludes(mock_flag);
  app.add_option("--listen", s.listen, "Address to listen on, HOST:PORT (port 0: any free port)")
      ->capture_default_str();
  app.add_option("--har-out", s.har_out, "With --proxy: record every call in this HAR file (complete after each call)")
      ->needs(proxy_option);
  app.add_flag("--block-invalid", s.block_invalid,
               "With --proxy: answer an invalid call with 400 instead of forwarding it")
      ->needs(proxy_option);
  app.add_option("--ca-cert", s.ca_cert,
                 "With --proxy: PEM file of CAs to trust for an https upstream (default: the system's)")
      ->needs(proxy_option);
  app.add_flag("--require-auth", s.require_auth, "With --mock: 403 when DD-API-KEY or DD-APPLICATION-KEY is missing")
      ->needs(mock_flag);
  app.add_option("--rate-limit", s.rate_limit,
                 "With --mock: allow N calls per PERIOD (seconds, or 30s, 1m, 1h); then 429")
      ->type_name("N/PERIOD")
      ->needs(mock_flag);
  app.add_option("--now", s.now_text,
                 "The current time for the completed-in-future rule and the mock's timestamps (RFC 3339)");
  app.add_flag("--strict", s.strict, "Treat warnings as errors");
  add_contract_option(app, s.contract, "Schemas to check calls against (docs/contracts.md)");
  app.add_option("--max-body", s.limits.max_body, "Largest request body, in bytes (413 beyond)")->capture_default_str();
  app.add_option("--max-connections", s.limits.max_connections,
                 "Connections served at once (as many more wait; 503 beyond)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  app.add_option("--idle-timeout", s.idle_seconds, "Seconds a connection may wait for the next bytes")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  app.add_option("--connection-timeout", s.connection_seconds, "Seconds one connection may last, however busy")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  app.add_option("--max-requests", s.max_requests, "Stop after answering N requests (0: run until SIGINT or SIGTERM)")
      ->capture_default_str();
}

// The library's options for the endpoint and the rate limit, from the settings; a usage message
// when one of them cannot be read. `s.contract` must outlive `endpoint`.
std::string read_settings(Settings& s, backfill::EndpointOptions& endpoint, std::unique_ptr<serve::RateLimit>& budget) {
  if (!s.mock && s.proxy.empty()) return "give --mock or --proxy URL";
  endpoint.require_auth = s.require_auth;
  endpoint.validation.strict = s.strict;
  endpoint.validation.contract = s.contract;
  endpoint.validation.limits.max_bytes = s.limits.max_body;
  if (s.now_text) {
    const backfill::DateTimeParse parsed = backfill::parse_date_time(*s.now_text);
    if (!parsed.instant)
      return fmt::format("--now \"{}\" is not an RFC 3339 date-time ({})", *s.now_text, parsed.problem);
    endpoint.validation.now = parsed.instant;
  }
  if (s.rate_limit && !(budget = serve::RateLimit::parse(*s.rate_limit)))
    return fmt::format("--rate-limit \"{}\" is not N/PERIOD (e.g. 100/60 or 100/1m)", *s.rate_limit);
  if (!s.proxy.empty()) {
    if (std::string problem = serve::check_upstream(s.proxy); !problem.empty()) return problem;
  }
  s.limits.idle = std::chrono::seconds(s.idle_seconds);
  s.limits.connection = std::chrono::seconds(s.connection_seconds);
  return {};
}

// The mock (with its rate limit) or the proxy (with its HAR log).
serve::Handler make_handler(const Settings& s, const backfill::Validator& validator,
                            const backfill::EndpointOptions& endpoint, serve::RateLimit* budget, serve::HarLog* har) {
  if (!s.mock) return serve::proxy_handler(validator, {s.proxy, s.ca_cert, s.block_invalid, endpoint}, har);
  return [&validator, &endpoint, budget](const serve::Request& request) {
    std::vector<std::pair<std::string, std::string>> headers;
    const backfill::HttpRequest call = serve::endpoint_call(request);
    if (budget && backfill::endpoint_parameters(call.target) && !budget->admit(headers)) {
      return from_answer(backfill::error_answer(429, "Too many requests", call.accept), std::move(headers));
    }
    return from_answer(backfill::answer_mock(validator, call, endpoint), std::move(headers));
  };
}

}  // namespace

int serve(int argc, char** argv) {
  CLI::App app{
      "A local endpoint for POST /api/v2/statuspages/{page_id}/maintenances/backfill: --mock answers as the "
      "live API does, --proxy forwards to the API and validates every call on the way.",
      "backfill-check serve"};
  Settings s;
  add_options(app, s);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    return usage(e.what());
  }
  backfill::EndpointOptions endpoint;
  std::unique_ptr<serve::RateLimit> budget;
  if (const std::string problem = read_settings(s, endpoint, budget); !problem.empty()) return usage(problem);

  const backfill::Validator validator;
  serve::HarLog har;
  std::string error;
  if (!s.har_out.empty() && !har.open(s.har_out, error)) {
    fmt::print(stderr, "backfill-check serve: cannot write {}: {}\n", backfill::neutralize(s.har_out), error);
    return kExitUsage;
  }
  const serve::Handler handler = make_handler(s, validator, endpoint, budget.get(), s.har_out.empty() ? nullptr : &har);
  serve::Server server(s.limits, [&](const serve::Request& request) {
    serve::Response response = handler(request);
    if (s.max_requests > 0 && server.answered() + 1 >= s.max_requests) server.stop();
    return response;
  });
  if (!server.listen(s.listen, error)) {
    fmt::print(stderr, "backfill-check serve: cannot listen on {}: {}\n", backfill::neutralize(s.listen), error);
    return kExitUsage;
  }
  serve::stop_on_signals(server);
  std::printf("listening on http://%s:%d (%s)\n", s.listen.substr(0, s.listen.rfind(':')).c_str(), server.port(),
              s.mock ? "mock" : ("proxy to " + backfill::neutralize(s.proxy)).c_str());
  std::fflush(stdout);
  server.run();
  fmt::print(stderr, "backfill-check serve: stopped after {} requests\n", server.answered());
  return kExitValid;
}

}  // namespace cli

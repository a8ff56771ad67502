#include "proxy.h"

#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <mutex>

#include <fmt/format.h>

#include "backfill/exchange.h"
#include "backfill/render.h"

namespace serve {

backfill::HttpRequest endpoint_call(const Request& request) {
  return {request.method,
          request.target,
          request.header("Content-Type"),
          request.header("Accept"),
          request.body,
          request.has_header("DD-API-KEY"),
          request.has_header("DD-APPLICATION-KEY")};
}

namespace {

using Clock = std::chrono::steady_clock;

// Hop-by-hop and framing headers are the proxy's own on each side (RFC 9110 section 7.6.1).
bool is_hop_header(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view hop :
       {"connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer", "transfer-encoding",
        "upgrade", "host", "content-length", "expect", "accept-encoding", "content-encoding"}) {
    if (lower == hop) return true;
  }
  return false;
}

std::string codes_of(const backfill::ExchangeReport& report) {
  std::string out;
  for (const backfill::Report* part : {&report.parameters, &report.request, &report.response}) {
    for (const backfill::Diagnostic& d : part->diagnostics) {
      if (!out.empty()) out += ',';
      out += backfill::rule_info(d.code).id;
    }
  }
  return out;
}

class Proxy {
 public:
  Proxy(const backfill::Validator& validator, ProxySettings settings, HarLog* har)
      : validator_(validator), settings_(std::move(settings)), har_(har) {}

  Response operator()(const Request& request) {
    const auto started_wall = std::chrono::system_clock::now();
    const auto started = Clock::now();
    const std::string url = settings_.upstream + request.target;
    const backfill::HttpRequest call = endpoint_call(request);
    const std::optional<backfill::Parameters> parameters = backfill::endpoint_parameters(request.target);
    const bool endpoint = request.method == "POST" && parameters;
    Response response;
    std::string comment;
    const backfill::HttpAnswer verdict = endpoint && settings_.block_invalid
                                             ? backfill::check_call(validator_, call, settings_.endpoint)
                                             : backfill::HttpAnswer{};
    if (verdict.status != 0) {
      response = from_answer(verdict);
      comment = "answered by backfill-check serve --block-invalid; not forwarded";
    } else if (!forward(request, response)) {
      comment = "upstream failed: " + response.codes;
      response = from_answer(backfill::error_answer(502, "Bad Gateway: " + response.codes, call.accept));
    }
    response.verdict = "forwarded";
    if (endpoint) check(request, *parameters, response);
    if (har_ != nullptr) {
      HarEntry entry{started_wall,
                     std::chrono::duration<double, std::milli>(Clock::now() - started).count(),
                     request.method,
                     url,
                     request.headers,
                     request.body,
                     response.status,
                     response.headers,
                     response.content_type,
                     response.body,
                     comment};
      entry.response_headers.emplace_back("Content-Type", response.content_type);
      if (!har_->append(entry)) std::fputs("backfill-check serve: cannot append to the HAR file\n", stderr);
    }
    return response;
  }

 private:
  static Response from_answer(backfill::HttpAnswer answer) {
    Response response;
    response.status = answer.status;
    response.content_type = std::move(answer.content_type);
    response.body = std::move(answer.body);
    response.headers = std::move(answer.headers);
    return response;
  }

  httplib::Client& client() {
    thread_local std::unique_ptr<httplib::Client> client;  // one keep-alive connection per worker
    if (!client) {
      client = std::make_unique<httplib::Client>(settings_.upstream);
      client->set_connection_timeout(std::chrono::seconds(10));
      client->set_read_timeout(std::chrono::seconds(60));
      client->set_write_timeout(std::chrono::seconds(60));
      client->set_keep_alive(true);
      client->set_tcp_nodelay(true);
      client->enable_server_certificate_verification(true);
      if (!settings_.ca_cert.empty()) client->set_ca_cert_path(settings_.ca_cert.c_str());
    }
    return *client;
  }

  // False when the upstream gave no answer; `response.codes` then says why.
  bool forward(const Request& request, Response& response) {
    httplib::Headers headers;
    for (const auto& [name, value] : request.headers) {
      if (!is_hop_header(name) && name != "Content-Type") headers.emplace(name, value);
    }
    const std::string content_type(request.header("Content-Type"));
    httplib::Request upstream_request;
    upstream_request.method = request.method;
    upstream_request.path = request.target;
    upstream_request.headers = std::move(headers);
    upstream_request.body = request.body;
    if (!content_type.empty()) upstream_request.set_header("Content-Type", content_type);
    httplib::Response upstream_response;
    httplib::Error error = httplib::Error::Success;
    if (!client().send(upstream_request, upstream_response, error)) {
      response.codes = httplib::to_string(error);
      return false;
    }
    response.status = upstream_response.status;
    response.body = std::move(upstream_response.body);
    for (const auto& [name, value] : upstream_response.headers) {
      if (name == "Content-Type" || is_hop_header(name)) continue;
      response.headers.emplace_back(name, value);
    }
    response.content_type = upstream_response.get_header_value("Content-Type");
    return true;
  }

  // Validates the call as recorded and prints what is found (neutralized text, one block per call).
  void check(const Request& request, backfill::Parameters parameters, Response& response) {
    const std::size_t n = ++calls_;
    parameters.status = response.status;
    parameters.content_type = response.content_type;
    const backfill::ExchangeReport report = backfill::validate_exchange(
        validator_, {request.body, response.body, parameters}, settings_.endpoint.validation);
    response.verdict = report.valid() ? "valid" : "invalid";
    response.codes = codes_of(report);
    std::string text;
    const std::string name = fmt::format("call {}", n);
    text += backfill::render_text(report.parameters, name + "/parameters", report.parameters_text, {});
    text += backfill::render_text(report.request, name + "/request", request.body, {});
    text += backfill::render_text(report.response, name + "/response", response.body, {});
    if (!text.empty()) {
      static std::mutex mutex;
      const std::lock_guard<std::mutex> lock(mutex);
      std::fputs(text.c_str(), stderr);
    }
  }

  const backfill::Validator& validator_;
  ProxySettings settings_;
  HarLog* har_;
  std::atomic<std::size_t> calls_{0};
};

}  // namespace

std::string check_upstream(const std::string& upstream) {
  const bool http = upstream.rfind("http://", 0) == 0, https = upstream.rfind("https://", 0) == 0;
  if (!http && !https) return "the upstream must start with http:// or https://";
  const std::size_t host = upstream.find("://") + 3;
  if (host >= upstream.size() || upstream.find('/', host) != std::string::npos) {
    return "the upstream is a scheme and host (and port), without a path: https://api.datadoghq.com";
  }
  return {};
}

Handler proxy_handler(const backfill::Validator& validator, ProxySettings settings, HarLog* har) {
  auto proxy = std::make_shared<Proxy>(validator, std::move(settings), har);
  return [proxy](const Request& request) { return (*proxy)(request); };
}

}  // namespace serve

// The validating proxy: forwards each call to the upstream, checks request, response and exchange
// with the library, logs what it finds and records every call in a HAR file.
#pragma once

#include <memory>
#include <string>

#include "backfill/endpoint.h"
#include "har_log.h"
#include "http_server.h"

namespace serve {

/// The call as the library's endpoint checks see it (backfill/endpoint.h).
backfill::HttpRequest endpoint_call(const Request& request);

struct ProxySettings {
  std::string upstream;                ///< "https://api.datadoghq.com" or "http://127.0.0.1:8126".
  std::string ca_cert;                 ///< PEM file of trusted CAs for an https upstream; "" = the system's.
  bool block_invalid = false;          ///< Answer an invalid call with 400 instead of forwarding it.
  backfill::EndpointOptions endpoint;  ///< Validation options (now, strict, limits; the contract when it exists).
};

/// A handler for Server. `har` may be null (no HAR file). The validator and the log must outlive it.
Handler proxy_handler(const backfill::Validator& validator, ProxySettings settings, HarLog* har);

/// Checks the upstream URL (scheme http or https, a host); "" when usable, else what is wrong.
std::string check_upstream(const std::string& upstream);

}  // namespace serve

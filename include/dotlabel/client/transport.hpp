// Settings of the one HTTP transport (libcurl underneath) every submit client uses. Public
// headers depend on the standard library only, so consumers of the installed library need
// nothing else; the transport itself and the signing helpers are internal (client/src).
#pragma once

#include <chrono>
#include <cstddef>

#include "dotlabel/client/result.hpp"

namespace dotlabel::client {

// Limits of one request, and how often a query is tried again. Plain settings: nothing here
// can fail; each client keeps its own copy.
struct TransportOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};
  std::size_t max_response_bytes = 4u << 20;
  // Queries only: how many attempts in all, and the wait before the second one (doubled
  // before each further one). Print submissions are always sent exactly once.
  int query_attempts = 3;
  std::chrono::milliseconds retry_backoff{500};
};

// The internal pieces the clients' private members name (defined in client/src/http.hpp).
struct HttpRequest;
enum class Retry;

}  // namespace dotlabel::client

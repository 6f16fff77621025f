#pragma once
// Helpers the route files share (defined in server.cpp): problem replies, query parsing,
// reply formats. Internal to apps/server.
#include <httplib.h>

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "aisov/engine.hpp"
#include "job_runner.hpp"

namespace aisov::server::http {

/// One routed path: its OpenAPI template, the httplib pattern and the methods it takes.
struct Route {
  const char* path;
  const char* pattern;
  const char* allow = "GET, HEAD, OPTIONS";
};

/// Query parameters by name (repeats kept).
using Query = std::map<std::string, std::vector<std::string>>;

const char* content_type(Format f);
/// An RFC 9457 problem reply for an error (status from the error table).
Reply problem(const Error& e);
Error bad(std::string message);
/// Text safe to echo in a message: ASCII kept, other bytes as \xHH, at most 200 characters.
std::string printable(std::string_view text);
/// The query, refused (kInvalidArgument) when it has a name not in `allowed`.
Result<Query> read_query(const httplib::Request& req,
                         std::initializer_list<std::string_view> allowed);
/// A parameter given at most once; empty when absent.
Result<std::string> scalar(const Query& q, const std::string& name);
/// A comma-separated list, which may also be repeated.
std::vector<std::string> list(const Query& q, const std::string& name);
/// Whether the Accept header asks for CSV.
bool accepts_csv(const httplib::Request& req);
/// ?format= wins; otherwise CSV when the Accept header asks for it; otherwise JSON.
Result<Format> reply_format(const httplib::Request& req, const Query& q);
/// A JSON string literal.
std::string json_string(const std::string& s);
void send(httplib::Response& res, const Reply& reply);

}  // namespace aisov::server::http

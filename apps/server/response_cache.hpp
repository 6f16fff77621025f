#pragma once
// Replies over the immutable dataset, computed once per distinct request (issue #13): a bounded,
// least-recently-used cache of rendered GET replies with a strong ETag, 304 on If-None-Match,
// Cache-Control, and the gzip form stored beside the body so it is compressed once.
// Internal to apps/server.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "job_runner.hpp"
#include "server.hpp"

namespace aisov::server {

/// How long a client may reuse a cached reply without asking again (Cache-Control max-age).
/// Short, because a restarted server may serve another dataset; after it, the client
/// revalidates with If-None-Match and gets an empty 304 while the data is unchanged.
constexpr int kCacheMaxAgeS = 60;

/// One cached 200 reply. Immutable once built.
struct CachedReply {
  std::string content_type;
  std::string body;
  std::string gzip;       ///< the body gzip-compressed; empty when that is not smaller
  std::string etag;       ///< strong validator of `body`: "\"<FNV-1a 64 hex>-<length hex>\""
  std::string gzip_etag;  ///< the validator of the gzip form: etag with "-gzip" inside the quotes
  /// Bytes charged against the cache bound: key, strings and a fixed bookkeeping allowance.
  std::size_t charged_bytes = 0;
};

/// A bounded cache of replies by key, least recently used evicted first once the charged bytes
/// pass the bound. Only 200 replies are stored; a reply larger than the bound is served but not
/// kept. Concurrent requests for the same missing key compute it once: the first computes, the
/// others wait for its reply. Thread-safe.
class ResponseCache {
 public:
  explicit ResponseCache(std::size_t max_bytes);
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  /// A reply served from or for the cache (`cached`), or one that is not cached (`uncached`:
  /// any status but 200, such as a problem document).
  struct Outcome {
    std::shared_ptr<const CachedReply> cached;
    Reply uncached;
  };
  /// The reply for `key`, computing it with `compute` on a miss. `want_gzip`: build the gzip form
  /// even when the reply will not be stored (a stored reply always has it).
  Outcome get(const std::string& key, const std::function<Reply()>& compute, bool want_gzip);
  CacheStats stats() const;

 private:
  struct Node {
    std::string key;
    std::shared_ptr<const CachedReply> reply;
  };
  void store(const std::string& key, const std::shared_ptr<const CachedReply>& reply);

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Node> lru_;  ///< most recently used first
  std::unordered_map<std::string, std::list<Node>::iterator> index_;
  std::unordered_map<std::string, std::shared_future<Outcome>> in_flight_;
  std::size_t bytes_ = 0;
  uint64_t hits_ = 0, misses_ = 0, evictions_ = 0;
};

/// The cache key of a GET: the decoded path, the query parameters in canonical order (by name,
/// repeats in the order given, each length-prefixed so that no two queries share a key) and,
/// when there is no ?format=, whether the Accept header asks for CSV.
std::string cache_key(const httplib::Request& req);
/// Whether an Accept-Encoding value accepts gzip ("gzip", "x-gzip" or "*", without q=0).
bool accepts_gzip(const std::string& accept_encoding);
/// Whether an If-None-Match value matches either validator of `reply` ("*" or a listed ETag,
/// compared weakly as RFC 9110 §13.1.2 requires).
bool none_match(const std::string& if_none_match, const CachedReply& reply);
/// The body gzip-compressed (zlib, default level, no name or time in the header, so the same
/// body always gives the same bytes).
std::string gzip(const std::string& body);
/// The strong validator of a body (FNV-1a 64 of the bytes and the length, quoted).
std::string strong_etag(const std::string& body);

/// A GET handler that answers from `cache`: a stored reply (or one computed by `fn` and stored),
/// 304 when If-None-Match matches, the gzip form when accepted; every cached reply carries
/// ETag, Cache-Control and Vary. Replies other than 200 are sent as `fn` made them.
httplib::Server::Handler cached(ResponseCache& cache,
                                std::function<Reply(const httplib::Request&)> fn);

}  // namespace aisov::server

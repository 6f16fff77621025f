// The response cache (response_cache.hpp): LRU by charged bytes, one computation per missing key,
// strong ETags, conditional GET and a stored gzip form.
#include "response_cache.hpp"

#include <strings.h>
#include <zlib.h>

#include <cctype>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "http_util.hpp"

namespace aisov::server {

namespace {

// Charged per entry besides its strings: list node, map slot, shared_ptr control block.
constexpr std::size_t kEntryOverheadBytes = 256;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string hex(uint64_t v, int width) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*llx", width, static_cast<unsigned long long>(v));
  return buf;
}

void send_cached(const httplib::Request& req, httplib::Response& res,
                 const std::shared_ptr<const CachedReply>& e) {
  const bool use_gzip = !e->gzip.empty() && accepts_gzip(req.get_header_value("Accept-Encoding"));
  res.set_header("ETag", use_gzip ? e->gzip_etag : e->etag);
  res.set_header("Cache-Control", "public, max-age=" + std::to_string(kCacheMaxAgeS));
  // The reply depends on Accept (CSV without ?format=) and Accept-Encoding (gzip).
  res.set_header("Vary", "Accept, Accept-Encoding");
  if (req.has_header("If-None-Match") && none_match(req.get_header_value("If-None-Match"), *e)) {
    res.status = 304;
    return;
  }
  const std::string& bytes = use_gzip ? e->gzip : e->body;
  if (use_gzip) res.set_header("Content-Encoding", "gzip");
  if (bytes.empty()) {
    res.set_content(bytes, e->content_type.c_str());
    return;
  }
  // Served straight from the cached string (no copy); httplib compresses only bodies it holds,
  // so the stored gzip form is sent as it is. The status is left to httplib: 200, or 206 for
  // one Range.
  res.set_content_provider(
      bytes.size(), e->content_type,
      [e, data = bytes.data()](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(data + offset, length);
      });
}

}  // namespace

ResponseCache::ResponseCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

ResponseCache::Outcome ResponseCache::get(const std::string& key,
                                          const std::function<Reply()>& compute, bool want_gzip) {
  std::promise<Outcome> promise;
  {
    std::unique_lock lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      ++hits_;
      return Outcome{it->second->reply, {}};
    }
    if (auto it = in_flight_.find(key); it != in_flight_.end()) {
      // Another request computes this key: wait for its reply instead of computing it again.
      std::shared_future<Outcome> pending = it->second;
      ++hits_;
      lock.unlock();
      return pending.get();
    }
    ++misses_;
    in_flight_.emplace(key, promise.get_future().share());
  }
  Outcome out;
  bool keep = false;
  try {
    Reply r = compute();
    if (r.status == 200 && r.headers.empty()) {
      auto e = std::make_shared<CachedReply>();
      e->content_type = std::move(r.content_type);
      e->body = std::move(r.body);
      e->etag = strong_etag(e->body);
      e->gzip_etag = e->etag.substr(0, e->etag.size() - 1) + "-gzip\"";
      e->charged_bytes = kEntryOverheadBytes + key.size() + e->content_type.size() +
                         e->body.size() + e->etag.size() + e->gzip_etag.size();
      keep = e->charged_bytes <= max_bytes_;
      if (keep || want_gzip) {
        e->gzip = gzip(e->body);
        if (e->gzip.size() >= e->body.size()) e->gzip.clear();
        e->charged_bytes += e->gzip.size();
        keep = e->charged_bytes <= max_bytes_;
      }
      out.cached = std::move(e);
    } else {
      out.uncached = std::move(r);
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex_);
      in_flight_.erase(key);
    }
    promise.set_exception(std::current_exception());
    throw;
  }
  {
    std::lock_guard lock(mutex_);
    if (keep) store(key, out.cached);
    in_flight_.erase(key);
  }
  promise.set_value(out);
  return out;
}

// Called with mutex_ held.
void ResponseCache::store(const std::string& key, const std::shared_ptr<const CachedReply>& reply) {
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->reply->charged_bytes;
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front(Node{key, reply});
  index_.emplace(key, lru_.begin());
  bytes_ += reply->charged_bytes;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    const Node& last = lru_.back();
    bytes_ -= last.reply->charged_bytes;
    index_.erase(last.key);
    lru_.pop_back();
    ++evictions_;
  }
}

CacheStats ResponseCache::stats() const {
  std::lock_guard lock(mutex_);
  return CacheStats{index_.size(), bytes_, max_bytes_, hits_, misses_, evictions_};
}

std::string cache_key(const httplib::Request& req) {
  std::string key = req.path;
  key += '?';
  bool has_format = false;
  // httplib's Params is a multimap: ordered by name, repeats in the order given.
  for (const auto& [name, value] : req.params) {
    has_format = has_format || name == "format";
    key += std::to_string(name.size()) + ':' + name + '=' + std::to_string(value.size()) + ':' +
           value + '&';
  }
  if (!has_format && http::accepts_csv(req)) key += "\naccept=csv";
  return key;
}

bool accepts_gzip(const std::string& accept_encoding) {
  double gzip_q = -1, any_q = -1;
  std::string_view rest = accept_encoding;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const std::size_t semi = item.find(';');
    const std::string_view coding = trim(item.substr(0, semi));
    double q = 1;
    if (semi != std::string_view::npos) {
      const std::string_view param = trim(item.substr(semi + 1));
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        q = std::strtod(std::string(param.substr(2)).c_str(), nullptr);
      }
    }
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) gzip_q = q;
    if (coding == "*") any_q = q;
  }
  return gzip_q >= 0 ? gzip_q > 0 : any_q > 0;
}

bool none_match(const std::string& if_none_match, const CachedReply& reply) {
  std::string_view rest = trim(if_none_match);
  if (rest == "*") return true;
  while (!rest.empty()) {
    while (!rest.empty() && (rest.front() == ',' || rest.front() == ' ' || rest.front() == '\t')) {
      rest.remove_prefix(1);
    }
    if (rest.substr(0, 2) == "W/") rest.remove_prefix(2);
    if (rest.empty() || rest.front() != '"') return false;  // malformed: no match
    const std::size_t close = rest.find('"', 1);
    if (close == std::string_view::npos) return false;
    const std::string_view tag = rest.substr(0, close + 1);
    if (tag == reply.etag || tag == reply.gzip_etag) return true;
    rest.remove_prefix(close + 1);
  }
  return false;
}

std::string gzip(const std::string& body) {
  if (body.size() > UINT_MAX / 2) return {};
  z_stream zs{};
  // windowBits 15 + 16: a gzip wrapper (RFC 1952) with mtime 0 and no name.
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return {};
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(body.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  zs.avail_in = static_cast<uInt>(body.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string strong_etag(const std::string& body) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a 64 offset basis
  for (const char c : body) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;  // FNV prime
  }
  return "\"" + hex(h, 16) + "-" + hex(body.size(), 1) + "\"";
}

httplib::Server::Handler cached(ResponseCache& cache,
                                std::function<Reply(const httplib::Request&)> fn) {
  return [&cache, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res) {
    const bool want_gzip = accepts_gzip(req.get_header_value("Accept-Encoding"));
    auto out = cache.get(
        cache_key(req), [&fn, &req] { return fn(req); }, want_gzip);
    if (out.cached) {
      send_cached(req, res, out.cached);
    } else {
      http::send(res, out.uncached);
    }
  };
}

}  // namespace aisov::server

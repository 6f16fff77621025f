// The response cache (issue #13, apps/server/response_cache.cpp): strong ETags, 304 on
// If-None-Match, gzip that decompresses to the plain body, a byte bound with LRU eviction, one
// computation per key. Checked over a real loopback socket and on the cache class itself.
// Speed is never asserted here (bench/server_bench.sh measures it).
#include <zlib.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "api_support.hpp"
#include "response_cache.hpp"

using aisov::server::accepts_gzip;
using aisov::server::cache_key;
using aisov::server::CachedReply;
using aisov::server::none_match;
using aisov::server::Reply;
using aisov::server::ResponseCache;
using aisov::server::strong_etag;
using aisov::test::fixture;
using aisov::test::LiveServer;

namespace {

// The gzip stream decompressed with zlib (windowBits 15 + 16: gzip only); "<error>" if invalid.
std::string gunzip(const std::string& data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return "<error>";
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  }
  const bool whole = rc == Z_STREAM_END && zs.avail_in == 0;
  inflateEnd(&zs);
  return whole ? out : "<error>";
}

httplib::Client raw_client(const LiveServer& s) {
  auto c = s.client();
  c.set_decompress(false);  // see the bytes as sent
  return c;
}

const char* kCensus = "/api/v1/census?as_of=2024-11-30";

Reply ok(std::string body) { return Reply{200, "application/json", std::move(body), {}}; }

}  // namespace

// Published FNV-1a 64 test vectors (Fowler/Noll/Vo reference test suite): "" → cbf29ce484222325,
// "a" → af63dc4c8601ec8c, "foobar" → 85944171f73967e8; the length follows in hex.
TEST(ResponseCache, StrongEtagIsFnv1aOfTheBytesAndTheLength) {
  EXPECT_EQ(strong_etag(""), "\"cbf29ce484222325-0\"");
  EXPECT_EQ(strong_etag("a"), "\"af63dc4c8601ec8c-1\"");
  EXPECT_EQ(strong_etag("foobar"), "\"85944171f73967e8-6\"");
}

TEST(ResponseCache, AcceptEncodingIsParsedWithQualities) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("deflate, GZIP"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_TRUE(accepts_gzip("gzip;q=0.5, deflate"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("deflate"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip; q=0.0, deflate"));
  EXPECT_FALSE(accepts_gzip("*, gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
}

TEST(ResponseCache, IfNoneMatchComparesWeaklyAgainstEitherForm) {
  CachedReply r;
  r.etag = "\"abc-3\"";
  r.gzip_etag = "\"abc-3-gzip\"";
  EXPECT_TRUE(none_match("\"abc-3\"", r));
  EXPECT_TRUE(none_match("W/\"abc-3\"", r));
  EXPECT_TRUE(none_match("\"x\", \"abc-3-gzip\"", r));
  EXPECT_TRUE(none_match(" * ", r));
  EXPECT_FALSE(none_match("\"abc-4\"", r));
  EXPECT_FALSE(none_match("abc-3", r));  // unquoted: not an entity tag
  EXPECT_FALSE(none_match("\"abc-3", r));
  EXPECT_FALSE(none_match("", r));
}

TEST(ResponseCache, KeyIsCanonicalButNeverConflatesQueries) {
  auto key = [](std::vector<std::pair<std::string, std::string>> params,
                const std::string& accept = "") {
    httplib::Request r;
    r.path = "/api/v1/census";
    for (auto& [k, v] : params) r.params.emplace(k, v);
    if (!accept.empty()) r.headers.emplace("Accept", accept);
    return cache_key(r);
  };
  // Parameter order does not matter; the order of a repeated parameter's values is kept.
  EXPECT_EQ(key({{"by", "bloc"}, {"as_of", "2024"}}), key({{"as_of", "2024"}, {"by", "bloc"}}));
  EXPECT_NE(key({{"providers", "a"}, {"providers", "b"}}),
            key({{"providers", "b"}, {"providers", "a"}}));
  // Decoded values holding '&' or '=' cannot imitate other parameters.
  EXPECT_NE(key({{"a", "x&b=y"}}), key({{"a", "x"}, {"b", "y"}}));
  EXPECT_NE(key({{"a", "1"}}), key({{"a", "12"}}));
  // Accept chooses CSV only without ?format=.
  EXPECT_NE(key({}), key({}, "text/csv"));
  EXPECT_EQ(key({{"format", "json"}}), key({{"format", "json"}}, "text/csv"));
}

TEST(ResponseCache, EvictsLeastRecentlyUsedWithinTheBound) {
  // Bodies of 2,000 bytes charge a little more (key, ETags, bookkeeping): two fit in 5,000.
  ResponseCache cache(5000);
  int computed = 0;
  auto get = [&](const std::string& key) {
    return cache.get(
        key,
        [&] {
          ++computed;
          return ok(std::string(2000, key[0]));
        },
        false);
  };
  get("a");
  get("b");
  EXPECT_EQ(computed, 2);
  EXPECT_EQ(cache.stats().entries, 2u);
  get("a");  // a hit: now b is the least recently used
  EXPECT_EQ(computed, 2);
  get("c");  // evicts b
  EXPECT_EQ(computed, 3);
  const auto s = cache.stats();
  EXPECT_EQ(s.entries, 2u);
  EXPECT_EQ(s.evictions, 1u);
  EXPECT_LE(s.bytes, s.max_bytes);
  get("a");
  get("c");
  EXPECT_EQ(computed, 3);  // both kept
  get("b");
  EXPECT_EQ(computed, 4);  // b was evicted
  EXPECT_EQ(cache.stats().hits, 3u);
  EXPECT_EQ(cache.stats().misses, 4u);
}

TEST(ResponseCache, StoresOnlySuccessfulRepliesThatFit) {
  ResponseCache cache(4000);
  int computed = 0;
  auto compute = [&](Reply r) {
    return [&computed, r] {
      ++computed;
      return r;
    };
  };
  const Reply missing{404, "application/problem+json", "{\"status\":404}", {}};
  for (int i = 0; i < 2; ++i) {
    auto out = cache.get("404", compute(missing), false);
    EXPECT_FALSE(out.cached);
    EXPECT_EQ(out.uncached.status, 404);
  }
  EXPECT_EQ(computed, 2);
  // Larger than the whole bound: served (with its ETag and gzip form when asked) but not kept.
  const std::string big(10000, 'x');
  for (int i = 0; i < 2; ++i) {
    auto out = cache.get("big", compute(ok(big)), true);
    ASSERT_TRUE(out.cached);
    EXPECT_EQ(out.cached->body, big);
    EXPECT_EQ(gunzip(out.cached->gzip), big);
  }
  EXPECT_EQ(computed, 4);
  EXPECT_EQ(cache.stats().entries, 0u);
  EXPECT_EQ(cache.stats().bytes, 0u);
}

TEST(ResponseCache, ConcurrentRequestsForOneKeyComputeItOnce) {
  ResponseCache cache(1 << 20);
  std::atomic<int> computed{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  std::vector<std::string> bodies(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      auto out = cache.get(
          "k",
          [&] {
            ++computed;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            return ok("{\"n\":1}");
          },
          false);
      bodies[static_cast<size_t>(i)] = out.cached ? out.cached->body : "";
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(computed.load(), 1);
  for (const auto& b : bodies) EXPECT_EQ(b, "{\"n\":1}");
}

TEST(ServerCache, EtagIsPresentStableAndTracksTheBytes) {
  LiveServer s(fixture("tiny"));
  auto c = raw_client(s);
  auto a = c.Get(kCensus);
  auto b = c.Get(kCensus);
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->status, 200);
  const std::string etag = a->get_header_value("ETag");
  EXPECT_EQ(etag, strong_etag(a->body));  // strong: no W/ prefix
  EXPECT_EQ(b->get_header_value("ETag"), etag);
  EXPECT_EQ(b->body, a->body);
  EXPECT_EQ(a->get_header_value("Cache-Control"), "public, max-age=60");
  EXPECT_EQ(a->get_header_value("Vary"), "Accept, Accept-Encoding");
  // A different query gives different bytes, so a different ETag; same bytes, same ETag.
  auto bloc = c.Get("/api/v1/census?as_of=2024-11-30&by=bloc");
  ASSERT_TRUE(bloc);
  EXPECT_NE(bloc->body, a->body);
  EXPECT_NE(bloc->get_header_value("ETag"), etag);
  auto csv = c.Get(kCensus, {{"Accept", "text/csv"}});
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->get_header_value("ETag"), strong_etag(csv->body));
  EXPECT_NE(csv->get_header_value("ETag"), etag);
  auto json = c.Get(std::string(kCensus) + "&format=json", {{"Accept", "text/csv"}});
  ASSERT_TRUE(json);
  EXPECT_EQ(json->body, a->body);
  EXPECT_EQ(json->get_header_value("ETag"), etag);
  // Two requests, one computation: the parameter order does not make a new entry.
  const auto before = s.server().cache_stats();
  auto swapped = c.Get("/api/v1/census?by=bloc&as_of=2024-11-30");
  ASSERT_TRUE(swapped);
  EXPECT_EQ(swapped->body, bloc->body);
  EXPECT_EQ(s.server().cache_stats().misses, before.misses);
}

TEST(ServerCache, CachedRepliesAreTheBytesOfAnUncachedServer) {
  aisov::server::ServerOptions none;
  none.cache_bytes = 0;
  LiveServer cached(fixture("tiny")), uncached(fixture("tiny"), none);
  auto c = raw_client(cached);
  auto u = raw_client(uncached);
  for (const char* path :
       {kCensus, "/api/v1/profile/DEU?format=csv", "/api/v1/sites", "/api/v1/data/sources",
        "/api/v1/data/info", "/api/v1/invest/archetypes", "/api/v1/openapi.json"}) {
    for (int i = 0; i < 2; ++i) {
      auto a = c.Get(path);
      auto b = u.Get(path);
      ASSERT_TRUE(a && b) << path;
      EXPECT_EQ(a->status, 200) << path;
      EXPECT_EQ(a->body, b->body) << path;
      EXPECT_EQ(a->get_header_value("ETag"), b->get_header_value("ETag")) << path;
      EXPECT_EQ(a->get_header_value("Content-Type"), b->get_header_value("Content-Type"));
    }
  }
  EXPECT_EQ(uncached.server().cache_stats().entries, 0u);
  EXPECT_EQ(cached.server().cache_stats().misses, 7u);
}

TEST(ServerCache, IfNoneMatchGivesAnEmpty304) {
  LiveServer s(fixture("tiny"));
  auto c = raw_client(s);
  auto a = c.Get("/api/v1/profile/DEU");
  ASSERT_TRUE(a);
  const std::string etag = a->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  for (const std::string& inm : {etag, "W/" + etag, "\"nope\", " + etag, std::string("*")}) {
    auto r = c.Get("/api/v1/profile/DEU", {{"If-None-Match", inm}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 304) << inm;
    EXPECT_TRUE(r->body.empty());
    EXPECT_EQ(r->get_header_value("ETag"), etag);
    EXPECT_EQ(r->get_header_value("Cache-Control"), "public, max-age=60");
  }
  auto stale = c.Get("/api/v1/profile/DEU", {{"If-None-Match", "\"0000000000000000-1\""}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 200);
  EXPECT_EQ(stale->body, a->body);
  // Another resource's ETag does not match.
  auto other = c.Get("/api/v1/profile/FRA", {{"If-None-Match", etag}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
  // HEAD carries the same validator and the length of the GET body.
  auto head = c.Head("/api/v1/profile/DEU");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->get_header_value("ETag"), etag);
  EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(a->body.size()));
}

TEST(ServerCache, GzipDecompressesToThePlainBody) {
  LiveServer s(fixture("tiny"));
  auto c = raw_client(s);
  for (const char* path : {kCensus, "/api/v1/sites?format=csv", "/api/v1/openapi.json"}) {
    auto plain = c.Get(path);
    auto gz = c.Get(path, {{"Accept-Encoding", "gzip, deflate"}});
    auto gz2 = c.Get(path, {{"Accept-Encoding", "gzip"}});
    ASSERT_TRUE(plain && gz && gz2) << path;
    EXPECT_EQ(plain->get_header_value("Content-Encoding"), "") << path;
    ASSERT_EQ(gz->get_header_value("Content-Encoding"), "gzip") << path;
    EXPECT_LT(gz->body.size(), plain->body.size()) << path;
    EXPECT_EQ(gunzip(gz->body), plain->body) << path;
    EXPECT_EQ(gz2->body, gz->body) << path;  // the stored form: identical bytes
    // The gzip form has its own validator; either one revalidates.
    const std::string gz_etag = gz->get_header_value("ETag");
    EXPECT_NE(gz_etag, plain->get_header_value("ETag"));
    EXPECT_EQ(gz->get_header_value("Vary"), "Accept, Accept-Encoding");
    auto again = c.Get(path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz_etag}});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304);
    // gzip;q=0 refuses it.
    auto refused = c.Get(path, {{"Accept-Encoding", "gzip;q=0"}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->get_header_value("Content-Encoding"), "");
    EXPECT_EQ(refused->body, plain->body);
  }
  // A second server compresses to the same bytes (no time or name in the gzip header).
  LiveServer t(fixture("tiny"));
  auto c2 = raw_client(t);
  auto x = c.Get(kCensus, {{"Accept-Encoding", "gzip"}});
  auto y = c2.Get(kCensus, {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(x && y);
  EXPECT_EQ(x->body, y->body);
}

TEST(ServerCache, ErrorsAndPostsAreNotCached) {
  LiveServer s(fixture("tiny"));
  auto c = raw_client(s);
  for (int i = 0; i < 2; ++i) {
    auto missing = c.Get("/api/v1/profile/ATL");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_FALSE(missing->has_header("ETag"));
    EXPECT_FALSE(missing->has_header("Cache-Control"));
    auto bad = c.Get("/api/v1/census?bogus=1");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_FALSE(bad->has_header("ETag"));
  }
  const auto st = s.server().cache_stats();
  EXPECT_EQ(st.entries, 0u);
  EXPECT_EQ(st.misses, 4u);  // each error computed again
  auto health = c.Get("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_FALSE(health->has_header("ETag"));
  auto run = c.Post("/api/v1/scenario/check", "name = \"x\"\n", "application/toml");
  ASSERT_TRUE(run);
  EXPECT_FALSE(run->has_header("ETag"));
  EXPECT_EQ(s.server().cache_stats().entries, 0u);
}

TEST(ServerCache, TheByteBoundHoldsAndEvictsOldestFirst) {
  aisov::server::ServerOptions o;
  o.cache_bytes = 32 * 1024;  // census replies on tiny: about 11 KB each with their gzip form
  LiveServer s(fixture("tiny"), o);
  auto c = raw_client(s);
  const std::vector<std::string> dates = {"2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01",
                                          "2024-01-01", "2024-06-30", "2024-11-30"};
  std::vector<std::string> bodies;
  for (const auto& d : dates) {
    auto r = c.Get("/api/v1/census?as_of=" + d);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    bodies.push_back(r->body);
    const auto st = s.server().cache_stats();
    EXPECT_LE(st.bytes, st.max_bytes);
  }
  const auto full = s.server().cache_stats();
  EXPECT_EQ(full.misses, dates.size());
  EXPECT_GT(full.evictions, 0u);
  EXPECT_LT(full.entries, dates.size());
  EXPECT_EQ(full.entries + full.evictions, dates.size());
  // The newest is kept (a hit), the oldest was evicted (computed again, same bytes).
  auto newest = c.Get("/api/v1/census?as_of=" + dates.back());
  ASSERT_TRUE(newest);
  EXPECT_EQ(s.server().cache_stats().misses, full.misses);
  auto oldest = c.Get("/api/v1/census?as_of=" + dates.front());
  ASSERT_TRUE(oldest);
  EXPECT_EQ(oldest->body, bodies.front());
  EXPECT_EQ(s.server().cache_stats().misses, full.misses + 1);
  // With a bound of 0 nothing is kept, and every reply still carries its validator.
  aisov::server::ServerOptions none;
  none.cache_bytes = 0;
  LiveServer z(fixture("tiny"), none);
  auto cz = raw_client(z);
  auto r1 = cz.Get(kCensus, {{"Accept-Encoding", "gzip"}});
  auto r2 = cz.Get(kCensus);
  ASSERT_TRUE(r1 && r2);
  EXPECT_EQ(gunzip(r1->body), r2->body);
  EXPECT_EQ(r2->get_header_value("ETag"), strong_etag(r2->body));
  EXPECT_EQ(z.server().cache_stats().entries, 0u);
  EXPECT_EQ(z.server().cache_stats().misses, 2u);
}

#!/usr/bin/env python3
"""Loopback load test of `aisov serve` under hostile traffic (issue "Hardening").

Starts the server on a free loopback port, then for --seconds runs at once:
  * valid traffic (census, profile, sites, scenario check) on kept-alive connections;
  * every class of bad request the hardening issue lists: invalid UTF-8 paths and queries,
    JSON nested 20,000 deep, a 300,000-value array, out-of-range optimiser numbers, a chunked
    body, 200 byte ranges, a 20 KB form body, a foreign Host, a NUL in the path;
  * --half-open connections that send half a request line and never finish;
  * event streams on a finished job, more than the server allows at once;
while a prober asks /api/v1/health every 50 ms on its own connection and the server's resident
memory is sampled every second. Prints the /health latency (p50, p99, max), the requests sent
by class and the answers they got, and RSS at start and end. Loopback only; bounded in time.

  python3 bench/hardening_load.py [--aisov build/aisov] [--seconds 20] [--half-open 64]
"""
import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def raw(port, data, timeout=5.0):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(data)
            s.settimeout(timeout)
            out = b""
            while len(out) < 1 << 22:
                chunk = s.recv(65536)
                if not chunk:
                    break
                out += chunk
            return out
    except OSError as e:
        return str(e).encode()


def status(reply):
    try:
        return int(reply.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def bad_requests(port):
    deep = b'{"name":"x","bogus":' + b"[" * 20000 + b"]" * 20000 + b"}"
    flat = b'{"name":"x","a":[' + b",".join([b"0"] * 300000) + b"]}"
    form = b'name = "x"\n' + b"#" * 20000 + b"\n"
    ranges = "bytes=0-99" + ",0-99" * 199

    def post(path, body, ctype="application/json", extra=""):
        return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {ctype}\r\n"
                f"Content-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n").encode() + body

    def get(path, host="127.0.0.1", extra=""):
        return f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n".encode()

    return {
        "utf8-path": get("/%FF"),
        "utf8-routed": get("/api/v1/profile/%FF"),
        "utf8-job-query": post("/api/v1/jobs/scenario?name=taiwan-foundry&draws=100&economies=%FF",
                               b"", "text/plain"),
        "deep-json": post("/api/v1/scenario/check", deep),
        "deep-json-optimise": post("/api/v1/optimise", deep),
        "flat-json": post("/api/v1/scenario/check", flat),
        "optimise-1e300": post("/api/v1/optimise?economy=IDN&budget=5e9&risk_aversion=1e300", b"",
                               "text/plain"),
        "chunked": (b"POST /api/v1/scenario/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    b"5\r\n{\"a\":\r\n0\r\n\r\n"),
        "multi-range": get("/index.html", extra=f"Range: {ranges}\r\n"),
        "form-20k": post("/api/v1/scenario/check", form, "application/x-www-form-urlencoded"),
        "foreign-host": get("/api/v1/health", host="evil.example"),
        "nul-path": get("/index.html%00.js"),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aisov", default=os.path.join(ROOT, "build", "aisov"))
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--half-open", type=int, default=64)
    ap.add_argument("--data", default="")
    a = ap.parse_args()
    port = free_port()
    cmd = [a.aisov] + (["--data", a.data] if a.data else []) + [
        "serve", "--host", "127.0.0.1", "--port", str(port), "--quiet", "--max-body", "4194304"]
    srv = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            if status(raw(port, b"GET /api/v1/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", 1)) == 200:
                break
            time.sleep(0.1)
        else:
            print("server did not start:", srv.stderr.read().decode()[:500])
            return 2
        # A finished job for the event streams.
        reply = raw(port, b"POST /api/v1/jobs/scenario?name=taiwan-foundry&draws=100 HTTP/1.1\r\n"
                          b"Host: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        job = b"/api/v1/jobs/1"
        rss0 = rss_kib(srv.pid)
        stop = time.monotonic() + a.seconds
        lat, answers, lock = [], {}, threading.Lock()

        def note(kind, code):
            with lock:
                answers.setdefault(kind, {}).setdefault(code, 0)
                answers[kind][code] += 1

        def prober():
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while time.monotonic() < stop:
                t = time.perf_counter()
                try:
                    c.request("GET", "/api/v1/health")
                    r = c.getresponse()
                    r.read()
                    code = r.status
                except OSError:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    code = 0
                lat.append((time.perf_counter() - t) * 1000)
                note("health", code)
                time.sleep(0.05)

        def valid():
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            paths = ["/api/v1/census", "/api/v1/profile/DEU", "/api/v1/sites",
                     "/api/v1/census?by=provider&providers=reference-nine"]
            i = 0
            while time.monotonic() < stop:
                try:
                    c.request("GET", paths[i % len(paths)])
                    r = c.getresponse()
                    r.read()
                    note("valid", r.status)
                except OSError:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    note("valid", 0)
                i += 1

        bad = bad_requests(port)

        def hostile():
            while time.monotonic() < stop:
                for kind, data in bad.items():
                    if time.monotonic() >= stop:
                        break
                    note(kind, status(raw(port, data)))

        def half_open():
            socks = []
            for _ in range(a.half_open):
                try:
                    s = socket.create_connection(("127.0.0.1", port), timeout=2)
                    s.sendall(b"GET /api/v1/census HTTP/1.1\r\nHost: 127.")
                    socks.append(s)
                except OSError:
                    pass
            note("half-open opened", len(socks))
            while time.monotonic() < stop:
                time.sleep(0.2)
            for s in socks:
                s.close()

        cut_after = []

        def slowloris():
            # Headers a byte a second on 16 connections: the header deadline (default 10 s)
            # must close each; record how long each was held.
            socks = []
            for _ in range(16):
                try:
                    s = socket.create_connection(("127.0.0.1", port), timeout=2)
                    s.setblocking(False)
                    socks.append([s, time.monotonic()])
                except OSError:
                    pass
            note("slowloris opened", len(socks))
            header = b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100
            i = 0
            while socks and time.monotonic() < stop:
                for entry in list(socks):
                    s, t0 = entry
                    try:
                        if s.recv(4096) == b"":
                            raise ConnectionResetError
                    except BlockingIOError:
                        try:
                            s.send(header[i % len(header):i % len(header) + 1])
                            continue
                        except OSError:
                            pass
                    except OSError:
                        pass
                    cut_after.append(time.monotonic() - t0)
                    s.close()
                    socks.remove(entry)
                i += 1
                time.sleep(1)
            note("slowloris still open at the end", len(socks))
            for s, _ in socks:
                s.close()

        def streams():
            opened = []
            for _ in range(40):
                try:
                    s = socket.create_connection(("127.0.0.1", port), timeout=2)
                    s.sendall(b"GET " + job + b"/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    s.settimeout(2)
                    head = s.recv(64)
                    note("event-stream", status(head))
                    opened.append(s)
                except OSError:
                    note("event-stream", 0)
            while time.monotonic() < stop:
                time.sleep(0.2)
            for s in opened:
                s.close()

        rss = [rss0]

        def sampler():
            while time.monotonic() < stop:
                rss.append(rss_kib(srv.pid))
                time.sleep(1)

        threads = [threading.Thread(target=f) for f in
                   [prober, valid, valid, hostile, hostile, half_open, slowloris, streams,
                    sampler]]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rss1 = rss_kib(srv.pid)
        alive = status(raw(port, b"GET /api/v1/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")) == 200
        lat.sort()
        p99 = lat[int(len(lat) * 0.99) - 1] if lat else float("nan")
        print(f"aisov serve under hostile load for {a.seconds:.0f} s on 127.0.0.1:{port}")
        print(f"/api/v1/health: {len(lat)} probes, p50 {statistics.median(lat):.2f} ms, "
              f"p99 {p99:.2f} ms, max {lat[-1]:.2f} ms")
        print(f"resident memory: start {rss0 / 1024:.1f} MiB, max {max(rss) / 1024:.1f} MiB, "
              f"end {rss1 / 1024:.1f} MiB")
        # A plateau and a leak differ in the second half of a run: print RSS at each tenth.
        tenths = [rss[min(len(rss) - 1, (len(rss) - 1) * i // 10)] / 1024 for i in range(11)]
        print("resident memory at each tenth of the run (MiB): " +
              " ".join(f"{v:.0f}" for v in tenths))
        print(f"growth over the second half: {tenths[10] - tenths[5]:+.1f} MiB "
              f"(first half: {tenths[5] - tenths[0]:+.1f} MiB)")
        if cut_after:
            print(f"slowloris connections closed by the server: {len(cut_after)}, after "
                  f"{min(cut_after):.1f}-{max(cut_after):.1f} s")
        print("answers by request class (HTTP status: count):")
        for kind in sorted(answers):
            print(f"  {kind:22s} " + ", ".join(f"{k}: {v}" for k, v in sorted(answers[kind].items())))
        verdict = alive and lat and lat[-1] < 100
        print(f"server alive afterwards: {alive}; /health max under 100 ms: "
              f"{bool(lat) and lat[-1] < 100}; job submit reply {status(reply)}")
        return 0 if verdict else 1
    finally:
        srv.terminate()
        try:
            srv.wait(timeout=10)
        except subprocess.TimeoutExpired:
            srv.kill()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""aisov's scenario engine against a fair NumPy peer: methodology §12 as a competent analyst writes it.

The peer (numpy_model below) is an independent, vectorised implementation of docs/methodology.md
§12 for the scenarios it supports (uncertain baseline growth and retirement, foundry
disruptions; bench/bench-world.toml): arrays over draws × cells, NumPy's default generator
(PCG64), loops only over years, segmented sums (np.add.reduceat over the cells, which are sorted
by economy; no dense one-hot products), only the draws in which a shock occurs simulated (the
others equal their baseline, §12.5), the no-shock baseline in closed form (§12.2: K₀·(1 + g)^t),
and every statistic aisov reports: per economy, year and measure, the baseline mean, mean, SE,
P5/P50/P95 (type 7), ES5 of the H100e and of the share of the baseline, and P(loss > θ) for
each threshold. Statistics are computed year by year (memory: draws × cells plus one year of
outputs), with one np.partition per array for all the order statistics.

Both sides run the same number of repeats; the best and the median of each are printed, wall
and CPU time, start-up (interpreter and imports / process start and dataset load) separately.
Then the peer's outputs are checked against aisov's (same starting cells, different random
numbers): means within Monte Carlo error (|z| ≤ 4.5) and aisov's median a median of the peer's
sample (the peer's empirical CDF brackets 0.5 at it, within 4.5 standard errors). Run with
Debian's interpreter, which sees python3-numpy:

    /usr/bin/python3 bench/scenario_bench.py [--draws 10000] [--repeats 3] [--build build]
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tomllib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
Z95 = 1.6448536269514722


# --- distributions (docs/scenarios.md), sampled with NumPy's generator


def sample(rng, spec, n, year=False):
    """n draws of a scenario-file value: a number or { pert | uniform | lognormal90 | ... }."""
    if isinstance(spec, (int, float)):
        return np.full(n, float(spec))
    (kind, p), = spec.items()
    if kind == "pert":
        lo, mode, hi = p
        if hi == lo:
            return np.full(n, float(lo))
        a = 1 + 4 * (mode - lo) / (hi - lo)
        b = 1 + 4 * (hi - mode) / (hi - lo)
        return lo + (hi - lo) * rng.beta(a, b, n)
    if kind == "uniform":
        lo, hi = p
        if year and lo == int(lo) and hi == int(hi):  # whole years, equally likely
            return rng.integers(int(lo), int(hi) + 1, n).astype(float)
        x = rng.uniform(lo, hi, n)
        return np.rint(x) if year else x
    if kind == "triangular":
        lo, mode, hi = p
        return rng.triangular(lo, mode, hi, n)
    if kind == "lognormal90":
        p5, p95 = p
        mu = 0.5 * (np.log(p5) + np.log(p95))
        sigma = (np.log(p95) - np.log(p5)) / (2 * Z95)
        x = np.exp(mu + sigma * rng.standard_normal(n))
        return np.rint(x) if year else x
    raise SystemExit(f"peer: unsupported distribution {kind}")


# --- the model


def numpy_model(m, spec, draws, seed, check=None, phases=None):
    """Methodology §12 for `spec` (a parsed scenario file) on the compiled starting cells `m`.
    Returns {(code, year, measure): stats}. `check` (aisov's rows) adds the agreement counts;
    `phases` (a dict) receives the CPU seconds of the statistics."""
    rng = np.random.default_rng(seed)
    base_spec = spec.get("baseline", {})
    if base_spec.get("growth_by") or base_spec.get("mix"):
        raise SystemExit("peer: growth_by and mix are not implemented")
    thresholds = np.array(spec.get("thresholds", [0.1, 0.25, 0.5]))
    y0, horizon, ne = m["y0"], m["horizon"], m["n_econ"]
    cells = np.array(m["cells"], dtype=float)
    econ = cells[:, 0].astype(np.int64)
    oj = cells[:, 1].astype(np.int64)
    fab = cells[:, 3].astype(np.int64)
    pub = cells[:, 5] > 0
    k0 = cells[:, 6]
    gamma = np.array(m["gamma"])
    rep = np.array(m["report"])
    codes = m["codes"]
    iso3 = m["iso3"]
    nrep = len(rep)

    # Segments of cells per economy (cells are sorted by economy): all cells, the domestically
    # operated ones (sovereign) and the public ones (foreign access). Arrays are cells × draws
    # (draws contiguous), so a segmented sum adds whole rows and every output comes out series ×
    # draws, the layout the statistics want.
    def segments(mask):
        idx = np.flatnonzero(mask)
        present, starts = np.unique(econ[idx], return_index=True)
        return idx, present, starts

    seg_all = segments(np.ones(len(k0), bool))
    seg_sov = segments(oj == econ)
    seg_pub = segments(pub)

    def by_econ(K, seg):
        idx, present, starts = seg
        out = np.zeros((ne, K.shape[1]))
        if len(idx):
            sub = K if len(idx) == K.shape[0] else K[idx]
            out[present] = np.add.reduceat(sub, starts, axis=0)
        return out

    def outputs(K):
        """Territorial, sovereign, accessible H100e of the reported economies: (3, nrep, n)."""
        terr = by_econ(K, seg_all)
        sov = by_econ(K, seg_sov)
        pubs = by_econ(K, seg_pub)
        acc = terr + gamma[:, None] * (pubs.sum(axis=0) - pubs)
        return np.stack([terr[rep], sov[rep], np.maximum(acc[rep], 0.0)])

    # Per-draw parameters, in the file's order.
    g = sample(rng, base_spec.get("growth", 1.3), draws)
    d = sample(rng, base_spec.get("retirement", 1 / 6), draws)
    g = np.maximum(g, -d)
    shocks = []
    on_any = np.zeros(draws, bool)
    for k in spec.get("shocks", []):
        if k["kind"] != "foundry_disruption":
            raise SystemExit(f"peer: shock kind {k['kind']} is not implemented")
        prob = sample(rng, k.get("probability", 1.0), draws)
        on = rng.random(draws) < prob
        start = sample(rng, k.get("start", y0 + 1), draws, year=True)
        end = start + sample(rng, k["duration"], draws) if "duration" in k else np.full(draws, 1e9)
        loss = sample(rng, k.get("loss", 1.0), draws)
        fabs = np.isin(fab, [iso3.index(c) for c in k["locations"]])
        shocks.append((on, start, end, loss, np.flatnonzero(fabs)))
        on_any |= on

    # Only draws in which a shock occurs are simulated; the others equal their baseline.
    hit = np.flatnonzero(on_any)
    gs, ds = g[hit], d[hit]
    K = np.repeat(k0[:, None], len(hit), axis=1)
    D = np.empty_like(K)
    grow = np.ones(len(hit))  # (1 + g)^(t − 1 − y0): the demand path over K₀ (§12.2)
    out0 = outputs(k0[:, None])[:, :, 0]  # the no-shock outputs at y0, (3, nrep)
    f_all = 1 + g
    stats = {}
    agree = {"median": [0, 0], "mean": [0, 0], "p_loss": [0, 0], "baseline": [0, 0], "zmax": 0.0}
    for i, t in enumerate(range(y0 + 1, horizon + 1)):
        np.multiply.outer(k0, grow * (gs + ds), out=D)  # S = U(t−1)·(g + d)·w; U·w = K₀(1+g)^…
        for on, start, end, loss, fcells in shocks:
            sel = on[hit] & (t >= start[hit])
            keep = 1 - loss[hit] * np.clip(end[hit] - t, 0.0, 1.0) * sel
            D[fcells] *= keep
        K *= 1 - ds
        K += D
        grow *= 1 + gs
        base = out0[:, :, None] * f_all ** (i + 1)  # (3, nrep, draws)
        h = base.copy()
        h[:, :, hit] = outputs(K)
        c0 = time.process_time()
        summarise(t, h, base, thresholds, codes, stats, check, agree)
        if phases is not None:
            phases["statistics"] = phases.get("statistics", 0.0) + time.process_time() - c0
    return stats, agree


def summarise(t, h, b, thresholds, codes, stats, check, agree):
    """Statistics of series × draws arrays h (H100e) and b (baseline), draws contiguous."""
    n = h.shape[2]
    share = np.divide(h, b, out=np.ones_like(h), where=b > 0)
    i5, i50, i95 = (int(np.floor(p * (n - 1))) for p in (0.05, 0.5, 0.95))
    tail = max(1, int(np.ceil(0.05 * n)))
    kth = sorted({i5, min(i5 + 1, n - 1), i50, min(i50 + 1, n - 1), i95, min(i95 + 1, n - 1),
                  tail - 1})
    base_mean = b.mean(axis=2)
    p_loss = [(share < 1 - th).mean(axis=2) for th in thresholds]  # loss = 1 − share > θ
    res = {}
    for name, xs in (("h100e", h), ("share", share)):
        mean = xs.mean(axis=2)
        se = xs.std(axis=2, ddof=1) / np.sqrt(n) if n > 1 else np.zeros_like(mean)
        part = np.partition(xs, kth, axis=2)

        def q(p, k):
            a, c = part[..., k], part[..., min(k + 1, n - 1)]
            return a + (p * (n - 1) - k) * (c - a)

        es5 = part[..., :tail].sum(axis=2) / tail
        res[name] = (mean, se, q(0.05, i5), q(0.5, i50), q(0.95, i95), es5)
        if check is not None:
            agreement(t, name, xs, mean, se, codes, check, agree)
    if check is not None:  # P(loss > θ) and the baseline's mean, as two-sample z tests
        base_sd = b.std(axis=2)
        for k, measure in enumerate(("territorial", "sovereign", "accessible")):
            for r, code in enumerate(codes):
                row = check.get((code, t, measure))
                if row is None:
                    continue
                n_a = row["n"]
                for j, pl in enumerate(p_loss):
                    a = row["p_loss"][j]
                    pp = (a * n_a + pl[k, r] * n) / (n_a + n)
                    se = (pp * (1 - pp) * (1 / n + 1 / n_a)) ** 0.5
                    agree["p_loss"][0] += abs(a - pl[k, r]) <= 4.5 * se + 1e-12
                    agree["p_loss"][1] += 1
                se = base_sd[k, r] * (1 / n + 1 / n_a) ** 0.5
                tol = 4.5 * se + 1e-6 * abs(base_mean[k, r])
                agree["baseline"][0] += abs(row["baseline"] - base_mean[k, r]) <= tol
                agree["baseline"][1] += 1
    for k, measure in enumerate(("territorial", "sovereign", "accessible")):
        for r, code in enumerate(codes):
            stats[(code, t, measure)] = {
                "baseline": base_mean[k, r],
                "h100e": tuple(s[k, r] for s in res["h100e"]),
                "share": tuple(s[k, r] for s in res["share"]),
                "p_loss": tuple(p[k, r] for p in p_loss)}


def agreement(t, name, xs, mean, se, codes, check, agree):
    """aisov's mean against the peer's (z test); aisov's median against the peer's sample."""
    n = xs.shape[2]
    for k, measure in enumerate(("territorial", "sovereign", "accessible")):
        for r, code in enumerate(codes):
            row = check.get((code, t, measure))
            if row is None:
                continue
            a_mean, a_se, a_p50, n_a = row[name]["mean"], row[name]["se"], row[name]["p50"], row["n"]
            comb = (a_se ** 2 + se[k, r] ** 2) ** 0.5
            tol = 1e-6 * max(1.0, abs(a_mean))
            z = 0.0 if comb == 0 else abs(a_mean - mean[k, r]) / comb
            ok = abs(a_mean - mean[k, r]) <= tol if comb == 0 else z <= 4.5
            agree["mean"][0] += ok
            agree["mean"][1] += 1
            agree["zmax"] = max(agree["zmax"], z)
            # aisov's median m is a median of the peer's sample when F(m−) ≤ 1/2 ≤ F(m), within
            # 4.5 standard errors of the two estimates (aisov's values are 32-bit floats: ±1e-6).
            x = xs[k, r]
            below = np.count_nonzero(x < a_p50 - 1e-6 * abs(a_p50)) / n
            upto = np.count_nonzero(x <= a_p50 + 1e-6 * abs(a_p50)) / n
            slack = 4.5 * (0.25 / n + 0.25 / n_a) ** 0.5
            agree["median"][0] += below <= 0.5 + slack and upto >= 0.5 - slack
            agree["median"][1] += 1


# --- the benchmark


def run_aisov(driver, scenario, draws, threads, repeats):
    out = subprocess.check_output([driver, "run", scenario, str(draws), str(threads), str(repeats)])
    return json.loads(out)


def fmt_times(label, wall, cpu, startup_wall, startup_cpu, rss):
    return (f"{label:<22} wall best {min(wall):8.3f} s median {statistics.median(wall):8.3f} s   "
            f"cpu best {min(cpu):8.3f} s median {statistics.median(cpu):8.3f} s   "
            f"start-up wall {startup_wall:6.3f} s cpu {startup_cpu:6.3f} s   peak RSS "
            f"{rss / 1024:7.0f} MiB")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--draws", type=int, default=10000)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--scenario", default=os.path.join(HERE, "bench-world.toml"))
    ap.add_argument("--repeats", type=int, default=3, help="timed runs of each side (equal)")
    ap.add_argument("--threads", default="1,2", help="aisov thread counts, comma-separated")
    ap.add_argument("--no-check", action="store_true", help="skip the agreement check")
    args = ap.parse_args()
    driver = os.path.join(args.build, "bench", "aisov_scenario_bench")
    model = json.loads(subprocess.check_output([driver, "dump", args.scenario]))
    with open(args.scenario, "rb") as f:
        spec = tomllib.load(f)
    # Start-up: interpreter start, imports, reading the scenario and the compiled cells (the
    # dump's own run excluded from the CPU time, which counts this process only).
    with open("/proc/self/stat") as f:  # process start, in clock ticks since boot
        started = int(f.read().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
    with open("/proc/uptime") as f:
        startup_wall = float(f.read().split()[0]) - started
    startup_cpu = time.process_time()
    years = model["horizon"] - model["y0"]
    econs = len(model["report"])
    load_before = os.getloadavg()

    threads = [int(x) for x in args.threads.split(",")]
    aisov = {th: run_aisov(driver, args.scenario, args.draws, th, args.repeats) for th in threads}
    wall, cpu = [], []
    phases = {}
    for rep in range(args.repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        numpy_model(model, spec, args.draws, 12345 + rep, phases=phases)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    rss_np = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    load_after = os.getloadavg()

    print(f"scenario {os.path.relpath(args.scenario, ROOT)}: {args.draws:,} draws x {econs} "
          f"economies x {years} years x 3 measures; {len(model['cells'])} capacity cells; "
          f"{args.repeats} timed runs per side")
    print(f"load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after, on "
          f"{os.cpu_count()} cores (wall times suffer on a busy machine; CPU times less so)")
    print(fmt_times(f"numpy {np.__version__} peer", wall, cpu, startup_wall, startup_cpu, rss_np))
    print(f"{'':<22} of which statistics (cpu, mean of the runs) "
          f"{phases['statistics'] / args.repeats:8.3f} s")
    for th, r in aisov.items():
        print(fmt_times(f"aisov {th} thread(s)", r["wall"], r["cpu"], r["startup_seconds"],
                        r["startup_cpu_seconds"], r["max_rss_kib"]))
    for th, r in aisov.items():
        print(f"ratio peer / aisov {th} thread(s): wall {min(wall) / min(r['wall']):6.1f}x "
              f"(median {statistics.median(wall) / statistics.median(r['wall']):6.1f}x), "
              f"cpu {min(cpu) / min(r['cpu']):6.1f}x "
              f"(median {statistics.median(cpu) / statistics.median(r['cpu']):6.1f}x)")
    if 1 in aisov:
        for th, r in aisov.items():
            if th != 1:
                print(f"aisov speed-up {th} threads over 1: wall "
                      f"{min(aisov[1]['wall']) / min(r['wall']):4.2f}x (median "
                      f"{statistics.median(aisov[1]['wall']) / statistics.median(r['wall']):4.2f}x)")

    # Agreement: one more peer run (untimed) against aisov's rows (1 thread; every thread count
    # gives the same rows).
    if args.no_check:
        return 0
    ref = aisov[threads[0]]
    check = {}
    for row in ref["rows"]:
        check[(row["code"], row["year"], row["measure"])] = dict(row, n=ref["draws"])
    stats, agree = numpy_model(model, spec, args.draws, 777, check=check)
    same_rows = all(aisov[th]["rows"] == ref["rows"] for th in threads)
    print(f"aisov rows identical for threads {args.threads}: {'yes' if same_rows else 'NO'}")
    print(f"means agree within Monte Carlo error: {agree['mean'][0]}/{agree['mean'][1]} "
          f"series x (h100e, share) (|z| <= 4.5; max |z| = {agree['zmax']:.2f})")
    print(f"aisov's median is a median of the peer's sample: {agree['median'][0]}/"
          f"{agree['median'][1]} (within 4.5 SE)")
    print(f"P(loss > θ) agree within Monte Carlo error: {agree['p_loss'][0]}/{agree['p_loss'][1]}; "
          f"baseline means: {agree['baseline'][0]}/{agree['baseline'][1]} (4.5 SE)")
    bad = sum(v[1] - v[0] for k, v in agree.items() if k != "zmax")
    return 0 if bad == 0 and same_rows else 1


if __name__ == "__main__":
    sys.exit(main())

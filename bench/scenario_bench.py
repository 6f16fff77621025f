#!/usr/bin/python3
"""aisov scenario engine vs a plain NumPy implementation of the same model.

Runs both on the same scenario (bench/bench-world.toml), dataset (the bundled one) and number of
draws; prints draws x economies x years per second for each, the ratio, and whether both give the
same statistics within Monte Carlo error. Run with Debian's interpreter, which sees python3-numpy:

    /usr/bin/python3 bench/scenario_bench.py [--draws 10000] [--build build]
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def pert(rng, lo, mode, hi, n):
    a = 1 + 4 * (mode - lo) / (hi - lo)
    b = 1 + 4 * (hi - mode) / (hi - lo)
    return lo + (hi - lo) * rng.beta(a, b, n)


def lognormal90(rng, p5, p95, n):
    mu = 0.5 * (np.log(p5) + np.log(p95))
    sigma = (np.log(p95) - np.log(p5)) / (2 * 1.6448536269514722)
    return np.exp(mu + sigma * rng.standard_normal(n))


def numpy_model(m, draws, seed):
    """The model of docs/methodology.md (Scenario model) for bench-world.toml, vectorised over
    draws: baseline growth, retirement, one foundry disruption, and the three measures."""
    rng = np.random.default_rng(seed)
    cells = np.array(m["cells"], dtype=float)
    econ = cells[:, 0].astype(int)
    oj = cells[:, 1].astype(int)
    fab = cells[:, 3].astype(int)
    pub = cells[:, 5] > 0
    k0, w = cells[:, 6], cells[:, 7]
    n_econ = m["n_econ"]
    gamma = np.array(m["gamma"])
    k0e = np.array(m["k0_econ"])
    twn = fab == m["iso3"].index("TWN")
    A = np.zeros((len(cells), n_econ))
    A[np.arange(len(cells)), econ] = 1.0
    A_sov = A * (oj == econ)[:, None]
    A_pub = A * pub[:, None]
    d = 1.0 / 6.0
    g = pert(rng, 0.8, 1.3, 1.8, draws)
    on = rng.random(draws) < 0.5
    start = rng.integers(2027, 2031, draws)
    end = start + lognormal90(rng, 0.25, 3.0, draws)
    loss = pert(rng, 0.3, 0.8, 1.0, draws)
    K = np.tile(k0, (draws, 1))
    U = np.tile(k0e, (draws, 1))
    rep = np.array(m["report"])
    out = []
    for t in range(m["y0"] + 1, m["horizon"] + 1):
        D = U[:, econ] * (g + d)[:, None] * w
        overlap = np.clip(end - t, 0.0, 1.0) * (on & (t >= start))
        D[:, twn] *= (1.0 - loss * overlap)[:, None]
        K = K * (1 - d) + D
        U *= (1 + g)[:, None]
        terr = K @ A
        sov = K @ A_sov
        pub_e = K @ A_pub
        acc = terr + gamma * (pub_e.sum(axis=1)[:, None] - pub_e)
        out.append((t, terr[:, rep], sov[:, rep], acc[:, rep]))
    stats = {}
    for t, *measures in out:
        for name, x in zip(("territorial", "sovereign", "accessible"), measures):
            mean = x.mean(axis=0)
            se = x.std(axis=0, ddof=1) / np.sqrt(draws)
            p5, p50, p95 = np.percentile(x, [5, 50, 95], axis=0)
            for i, code in enumerate(m["codes"]):
                stats[(code, t, name)] = (mean[i], se[i], p5[i], p50[i], p95[i])
    return stats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--draws", type=int, default=10000)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--scenario", default=os.path.join(HERE, "bench-world.toml"))
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    driver = os.path.join(args.build, "bench", "aisov_scenario_bench")
    model = json.loads(subprocess.check_output([driver, "dump", args.scenario]))
    years = model["horizon"] - model["y0"]
    econs = len(model["report"])

    results = {}
    for threads in (1, os.cpu_count()):
        r = json.loads(subprocess.check_output(
            [driver, "run", args.scenario, str(args.draws), str(threads), str(args.repeats)]))
        results[threads] = r
    best_np = best_np_cpu = 1e300
    for rep in range(max(1, args.repeats // 2)):
        t0, c0 = time.perf_counter(), time.process_time()
        np_stats = numpy_model(model, args.draws, 12345 + rep)
        best_np = min(best_np, time.perf_counter() - t0)
        best_np_cpu = min(best_np_cpu, time.process_time() - c0)

    work = args.draws * econs * years
    print(f"scenario {os.path.relpath(args.scenario, ROOT)}: {args.draws} draws x {econs} economies "
          f"x {years} years = {work:,} economy-years (3 measures each)")
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores (wall times suffer on a busy "
          f"machine; CPU times do not)")
    print(f"numpy {np.__version__}:      wall {best_np * 1e3:8.1f} ms {work / best_np:13,.0f} /s   "
          f"cpu {best_np_cpu * 1e3:8.1f} ms")
    for threads, r in results.items():
        s, cs = r["seconds"], r["cpu_seconds"]
        print(f"aisov {threads} thread(s): wall {s * 1e3:8.1f} ms {work / s:13,.0f} /s   "
              f"cpu {cs * 1e3:8.1f} ms   ratio vs numpy: wall {best_np / s:5.1f}x, "
              f"cpu {best_np_cpu / cs:5.1f}x")

    # Same statistics within Monte Carlo error: |mean difference| against the combined SE.
    z_max, n, bad = 0.0, 0, 0
    for code, year, measure, mean, se, p5, p50, p95 in results[1]["rows"]:
        nm, nse = np_stats[(code, year, measure)][:2]
        comb = (se ** 2 + nse ** 2) ** 0.5
        if comb == 0:
            ok = abs(mean - nm) <= 1e-6 * max(1.0, abs(nm))
            z = 0.0
        else:
            z = abs(mean - nm) / comb
            ok = z <= 4.5
        z_max = max(z_max, z)
        n += 1
        bad += not ok
    print(f"means agree within Monte Carlo error: {n - bad}/{n} series (|z| <= 4.5; max |z| = "
          f"{z_max:.2f})")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""aisov.sweep in-process against a two-worker Dask LocalCluster (issue #14 §3).

A Saltelli sweep of bench/bench-world.toml over two parameters (the foundry shock's probability
and loss): 64 base samples → 256 runs × 10,000 draws, outputs IDN's accessible compute in 2030
(loss P50, mean). Runs, same design and seed each time:

  serial     in-process, threads=1 per run (the reference for scaling);
  in-process in-process, threads=0 (the engine's own threads on every core);
  dask       LocalCluster(n_workers=2, processes=True, threads_per_worker=1), one task per run;
  dask-shard the same cluster, chunk_draws=5000: two shard tasks and one merge task per run.

Wall and CPU time (the driver's plus, for Dask, the workers' own, read from each worker before
and after), the scaling (serial wall ÷ wall), and the overhead per task: (wall × workers − serial
wall) ÷ tasks, the time a worker spends on a task beyond the serial compute. Cluster start-up is
printed apart. Every variant's result is checked bit-identical to the in-process one.

    PYTHONPATH=build/python nice /usr/bin/python3 bench/sweep_bench.py [--samples 64] [--draws 10000]
"""
import argparse
import os
import resource
import time

import pandas as pd

import aisov

HERE = os.path.dirname(os.path.abspath(__file__))


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def worker_cpu(client):
    def f():
        import resource as res  # noqa: PLC0415

        r = res.getrusage(res.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    return sum(client.run(f).values())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=64, help="Saltelli base samples (runs = 4 × this)")
    ap.add_argument("--draws", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=None)
    args = ap.parse_args()

    scen = os.path.join(HERE, "bench-world.toml")
    params = {"shocks.twn-fabs.probability": (0.1, 0.9), "shocks.twn-fabs.loss": (0.3, 1.0)}
    outputs = {"idn_loss_p50": {"code": "IDN", "year": 2030, "measure": "accessible", "stat": "loss_p50"},
               "idn_mean": {"code": "IDN", "year": 2030, "measure": "accessible", "stat": "mean_h100e"}}
    common = dict(parameters=params, samples=args.samples, draws=args.draws, seed=args.seed, outputs=outputs,
                  bootstrap=1000, data=args.data)
    runs = args.samples * (len(params) + 2)
    print(f"sweep: bench-world.toml, Saltelli {args.samples} base samples -> {runs} runs x {args.draws} draws, "
          f"cores {os.cpu_count()}")

    eng = aisov.open(args.data)
    rows = []

    def timed(label, tasks, fn, client=None, workers=1):
        w0, c0 = time.perf_counter(), cpu_self()
        wc0 = worker_cpu(client) if client else 0.0
        r = fn()
        wall = time.perf_counter() - w0
        cpu = cpu_self() - c0 + ((worker_cpu(client) - wc0) if client else 0.0)
        rows.append(dict(variant=label, tasks=tasks, workers=workers, wall_s=wall, cpu_s=cpu))
        return r

    serial = timed("serial (threads=1)", runs, lambda: aisov.sweep(scen, engine=eng, threads=1, **common))
    local = timed("in-process (threads=0)", runs, lambda: aisov.sweep(scen, engine=eng, threads=0, **common))

    from distributed import Client, LocalCluster  # noqa: PLC0415

    t0 = time.perf_counter()
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.wait_for_workers(2)
        start = time.perf_counter() - t0
        # Warm-up: each worker opens the dataset once (cached per process), as a long sweep would.
        aisov.sweep(scen, client=client, **{**common, "samples": 2, "draws": 100})
        dask = timed("dask 2 workers", runs, lambda: aisov.sweep(scen, client=client, **common), client, 2)
        shard = timed("dask 2 workers, chunk_draws=5000", runs * (-(-args.draws // 5000) + 1),
                      lambda: aisov.sweep(scen, client=client, chunk_draws=5000, **common), client, 2)

    for other in (serial, dask, shard):
        pd.testing.assert_frame_equal(local.samples, other.samples, check_exact=True)
        pd.testing.assert_frame_equal(local.sobol, other.sobol, check_exact=True)
    print("results: every variant bit-identical to in-process (samples and Sobol indices)")

    base = rows[0]["wall_s"]
    t = pd.DataFrame(rows)
    t["scaling_vs_serial"] = base / t["wall_s"]
    t["wall_vs_in_process"] = t["wall_s"] / rows[1]["wall_s"]
    t["cpu_vs_in_process"] = t["cpu_s"] / rows[1]["cpu_s"]
    t["overhead_ms_per_task"] = 1000 * (t["wall_s"] * t["workers"] - base) / t["tasks"]
    t.loc[t["workers"] == 1, "overhead_ms_per_task"] = float("nan")
    pd.set_option("display.width", 200)
    print(t.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print(f"cluster start-up (2 worker processes): {start:.2f} s wall, not in the figures above")
    print(local.sobol.to_string(index=False, float_format=lambda x: f"{x:.3f}"))


if __name__ == "__main__":
    main()

"""Parameter sweeps of a scenario and their Sobol sensitivity indices, in-process or on Dask.

``aisov.sweep(scenario, parameters, samples, ...)`` evaluates a scenario over a design of
parameter values (grid, Latin hypercube or Saltelli) and returns a :class:`SweepResult`: one row
per sample with the parameter values and the named outputs, and for a Saltelli design the
first-order and total Sobol indices of every parameter for every output, with bootstrap
confidence intervals. User guide: docs/python-sweeps.md; formulas: docs/methodology.md §12.6.

Every sample is one Monte Carlo run of the engine with the same ``draws`` and, by default, the
same ``seed`` (common random numbers: the samples differ only by their parameter values, not by
their random numbers). With ``client=None`` the samples run one after another in this process,
each using every core (the engine parallelises draws and statistics itself). With a
``dask.distributed.Client`` every (sample, draw range) is one task on the cluster; since draw k
of a run depends only on the seed and k and shards merge exactly, the result is bit-identical to
the in-process one whatever the cluster.
"""
from __future__ import annotations

import copy
import functools
import json
import math
import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import sensitivity as _sens

__all__ = ["sweep", "SweepResult", "load_scenario", "set_path", "select"]

DESIGNS = ("saltelli", "lhs", "grid")

# Statistics derived from the CSV columns: loss = 1 − share of the same draw's baseline, so the
# q-quantile of the loss is 1 − the (1 − q)-quantile of the share.
DERIVED = {
    "loss_mean": lambda r: 1.0 - r["mean_share"],
    "loss_p5": lambda r: 1.0 - r["p95_share"],
    "loss_p50": lambda r: 1.0 - r["p50_share"],
    "loss_p95": lambda r: 1.0 - r["p5_share"],
    "loss_es5": lambda r: 1.0 - r["es5_share"],  # the mean loss in the worst 5 % of draws
}


# --- scenarios ------------------------------------------------------------------------------


def _scenario_dirs(engine: Any) -> list[Path]:
    dirs = []
    for attr in ("default_scenario_dir", "scenario_dir"):
        for obj in (engine, _aisov_module()):
            f = getattr(obj, attr, None) if obj is not None else None
            try:
                d = f() if callable(f) else f
            except Exception:  # noqa: BLE001 - best effort lookup
                d = None
            if d:
                dirs.append(Path(d))
    here = Path(__file__).resolve().parent
    # An installed package carries the bundled scenarios; the build tree's module sits below the
    # source tree's scenarios/.
    dirs += [here / "_bundled" / "scenarios"] + [p / "scenarios" for p in here.parents]
    return dirs


def _aisov_module():
    try:
        import aisov  # noqa: PLC0415

        return aisov
    except ImportError:
        return None


def load_scenario(scenario: Any, engine: Any = None) -> tuple[dict, str]:
    """A scenario as a dict, and a label: ``scenario`` is a dict (copied), a path to a .toml or
    .json file, or the name of a bundled scenario (``"taiwan-foundry"``)."""
    if isinstance(scenario, Mapping):
        doc = copy.deepcopy(dict(scenario))
        return doc, str(doc.get("name", "scenario"))
    if not isinstance(scenario, (str, os.PathLike)):
        raise TypeError(f"scenario: expected a bundled name, a path or a dict, got {type(scenario).__name__}")
    p = Path(scenario)
    candidates = [p]
    if not p.suffix and len(p.parts) == 1:
        candidates += [d / f"{p.name}.toml" for d in _scenario_dirs(engine)]
    for c in candidates:
        if c.is_file():
            text = c.read_text(encoding="utf-8")
            try:
                doc = json.loads(text) if c.suffix == ".json" else tomllib.loads(text)
            except (tomllib.TOMLDecodeError, json.JSONDecodeError) as e:
                raise ValueError(f"{c}: {e}") from None
            return doc, str(c)
    raise FileNotFoundError(f"scenario {str(scenario)!r}: no such file or bundled scenario")


def _plain(v: Any) -> Any:
    """NumPy scalars to Python numbers (the engine takes JSON-like values)."""
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in v.items()}
    return v


def set_path(doc: dict, path: str, value: Any) -> None:
    """Set ``doc[path] = value`` in place. ``path`` is dot-separated: dict keys, list indices
    (``shocks.0.probability``) or, in a list of tables, the table's ``id``
    (``shocks.twn-fabs.probability``). A missing last key (or a missing table on the way) is
    created; a missing list element or id is an error. Setting a number where the scenario has a
    distribution replaces the distribution; ``baseline.growth.pert.1`` sets its mode."""
    if not isinstance(path, str) or not path or any(t == "" for t in path.split(".")):
        raise ValueError(f"parameter path {path!r}: expected dot-separated keys such as 'shocks.0.probability'")
    tokens = path.split(".")
    cur: Any = doc
    for i, tok in enumerate(tokens):
        last = i == len(tokens) - 1
        where = ".".join(tokens[:i]) or "the scenario"
        if isinstance(cur, list):
            if tok.lstrip("-").isdigit():
                j = int(tok)
                if not -len(cur) <= j < len(cur):
                    raise ValueError(f"parameter path {path!r}: {where} has {len(cur)} entries, no index {j}")
            else:
                ids = [e.get("id") if isinstance(e, Mapping) else None for e in cur]
                if tok not in ids:
                    raise ValueError(
                        f"parameter path {path!r}: {where} has no entry with id {tok!r} "
                        f"(ids: {', '.join(str(x) for x in ids if x is not None) or 'none'})")
                j = ids.index(tok)
            if last:
                cur[j] = _plain(value)
            else:
                cur = cur[j]
        elif isinstance(cur, dict):
            if last:
                cur[tok] = _plain(value)
            else:
                if tok not in cur:
                    cur[tok] = {}
                cur = cur[tok]
        else:
            raise ValueError(f"parameter path {path!r}: {where} is a value ({cur!r}), not a table or list")


# --- outputs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Output:
    name: str
    selector: Mapping[str, Any] | None = None
    fn: Callable[[pd.DataFrame], float] | None = None


_SELECTOR_KEYS = {"code", "economy", "year", "measure", "stat"}


def _parse_outputs(outputs: Any) -> list[_Output]:
    if outputs is None:
        raise ValueError(
            "outputs: name what to analyse, e.g. {'idn_loss': {'code': 'IDN', 'year': 2030, "
            "'measure': 'accessible', 'stat': 'loss_p50'}} or a callable df -> float")
    if callable(outputs) or (isinstance(outputs, Mapping) and "stat" in outputs):
        outputs = [outputs]
    if isinstance(outputs, Mapping):
        items = list(outputs.items())
    elif isinstance(outputs, Sequence) and not isinstance(outputs, str):
        items = [(None, o) for o in outputs]
    else:
        raise ValueError(f"outputs: expected a dict of name -> selector or callable, or a list, got {outputs!r}")
    if not items:
        raise ValueError("outputs: empty")
    out = []
    for name, o in items:
        if callable(o):
            out.append(_Output(name or getattr(o, "__name__", "output"), fn=o))
            continue
        if not isinstance(o, Mapping):
            raise ValueError(f"output {name!r}: expected a selector dict or a callable, got {o!r}")
        unknown = set(o) - _SELECTOR_KEYS
        if unknown:
            raise ValueError(f"output {name!r}: unknown selector keys {sorted(unknown)} (allowed: code, year, measure, stat)")
        sel = dict(o)
        if "economy" in sel:
            if "code" in sel:
                raise ValueError(f"output {name!r}: give 'code' or 'economy', not both")
            sel["code"] = sel.pop("economy")
        missing = {"code", "year", "measure", "stat"} - set(sel)
        if missing:
            raise ValueError(f"output {name!r}: the selector needs {sorted(missing)} (code, year, measure and stat)")
        if sel["measure"] not in ("territorial", "sovereign", "accessible"):
            raise ValueError(f"output {name!r}: measure must be territorial, sovereign or accessible, got {sel['measure']!r}")
        if not name:
            name = f"{sel['code']}.{sel['year']}.{sel['measure']}.{sel['stat']}"
        out.append(_Output(str(name), selector=sel))
    names = [o.name for o in out]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise ValueError(f"outputs: duplicate names {sorted(dup)}")
    return out


def select(df: pd.DataFrame, selector: Mapping[str, Any]) -> float:
    """The value of one statistic in a scenario result: the row with the selector's ``code``,
    ``year`` and ``measure``; ``stat`` is a numeric CSV column (``p50_share``, ``mean_h100e``,
    ``p_loss_gt_0.25``, …) or a derived loss statistic (``loss_mean``, ``loss_p5``,
    ``loss_p50``, ``loss_p95``, ``loss_es5``)."""
    code = selector.get("code", selector.get("economy"))
    rows = df[(df["code"] == code) & (df["year"] == int(selector["year"])) & (df["measure"] == selector["measure"])]
    if len(rows) != 1:
        raise ValueError(
            f"output {dict(selector)}: {len(rows)} rows of the result match (expected 1); the result has "
            f"codes {sorted(set(df['code']))[:10]}… and years {sorted(set(df['year']))}")
    row = rows.iloc[0]
    stat = selector["stat"]
    if stat in DERIVED:
        v = DERIVED[stat](row)
    elif stat in df.columns and stat not in ("code", "name", "year", "measure"):
        v = row[stat]
    else:
        numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and c not in ("year", "seed", "draws")]
        raise ValueError(f"output stat {stat!r}: not a column of the result; use one of {numeric + list(DERIVED)}")
    try:
        v = float(v)
    except (TypeError, ValueError):
        raise ValueError(f"output {dict(selector)}: {stat} is not a number ({v!r})") from None
    if not math.isfinite(v):
        raise ValueError(f"output {dict(selector)}: {stat} is empty or not finite for this row ({v!r})")
    return v


def _evaluate(df: pd.DataFrame, outputs: Sequence[_Output]) -> list[float]:
    vals = []
    for o in outputs:
        if o.fn is not None:
            v = o.fn(df)
            try:
                v = float(v)
            except (TypeError, ValueError):
                raise ValueError(f"output {o.name!r}: the callable returned {v!r}, not a number") from None
        else:
            v = select(df, o.selector)
        vals.append(v)
    return vals


# --- engine calls (in-process and on Dask workers) ------------------------------------------


@functools.lru_cache(maxsize=4)
def _worker_engine(data: str | None):
    """One Engine per process and data directory (Dask workers reuse it across tasks)."""
    import aisov  # noqa: PLC0415

    return aisov.open(data)


def _worker_threads(threads: int) -> int:
    if threads:
        return threads
    try:
        from distributed import get_worker  # noqa: PLC0415

        return max(1, int(get_worker().state.nthreads))
    except (ImportError, ValueError, AttributeError):
        return 0


def _run_task(data, scenario, draws, seed, threads, economies, years) -> pd.DataFrame:
    eng = _worker_engine(data)
    return eng.scenario_run(scenario, draws=draws, seed=seed, threads=_worker_threads(threads),
                            economies=economies, years=years)


def _shard_task(data, scenario, first, last, draws, seed, threads, economies, years) -> bytes:
    eng = _worker_engine(data)
    with tempfile.TemporaryDirectory(prefix="aisov-shard-") as d:
        out = os.path.join(d, f"{first}-{last}.shard")
        eng.scenario_shard(scenario, first, last, out, draws=draws, seed=seed,
                           threads=_worker_threads(threads), economies=economies, years=years)
        with open(out, "rb") as f:
            return f.read()


def _merge_task(data, threads, *shards: bytes) -> pd.DataFrame:
    eng = _worker_engine(data)
    with tempfile.TemporaryDirectory(prefix="aisov-merge-") as d:
        paths = []
        for i, b in enumerate(shards):
            p = os.path.join(d, f"{i}.shard")
            with open(p, "wb") as f:
                f.write(b)
            paths.append(p)
        return eng.scenario_merge(paths, threads=_worker_threads(threads))


# --- the sweep ------------------------------------------------------------------------------


@dataclass
class SweepResult:
    """What :func:`sweep` returns.

    ``samples``: one row per sample — ``sample`` (0, 1, …), ``block`` (Saltelli designs: A, B,
    AB1 … ABk), one column per parameter (its path) and one per output (its name).
    ``sobol``: for a Saltelli design, one row per (parameter, output) with S1, S1_low, S1_high,
    ST, ST_low, ST_high; None for the other designs. ``meta``: the first run's meta plus the
    sweep's own settings."""

    samples: pd.DataFrame
    sobol: pd.DataFrame | None
    parameters: list[str]
    outputs: list[str]
    design: str
    meta: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"SweepResult(design={self.design!r}, samples={len(self.samples)}, "
                f"parameters={self.parameters}, outputs={self.outputs})")


def _int_arg(v: Any, what: str, minimum: int) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < minimum:
        raise ValueError(f"{what}: expected an integer ≥ {minimum}, got {v!r}")
    return int(v)


def sweep(scenario: Any, parameters: Mapping[str, Any], samples: int, draws: int = 1000, seed: int = 1,
          client: Any = None, design: str = "saltelli", outputs: Any = None, threads: int = 0,
          chunk_draws: int | None = None, bootstrap: int = 1000, *, data: str | None = None,
          engine: Any = None, economies: Sequence[str] | None = None, years: Sequence[int] | None = None,
          common_random_numbers: bool = True, design_seed: int | None = None,
          conf_level: float = 0.95) -> SweepResult:
    """Evaluate ``scenario`` over a design of ``parameters`` and analyse the named ``outputs``.

    scenario: a bundled name, a .toml/.json path or a dict (the scenario-file structure).
    parameters: ``{path: spec}``; path as in :func:`set_path` (``"shocks.0.probability"``,
        ``"shocks.twn-fabs.loss"``, ``"baseline.growth"``); spec a tuple ``(low, high)``
        (uniform on the range) or a list of levels (each equally likely; every level in a grid).
    samples: Saltelli — N base samples (N(k + 2) runs; a power of 2 keeps the Sobol' sequence
        balanced); lhs — the number of runs; grid — levels per range parameter (list parameters
        use their own levels).
    draws, seed: of each run. With ``common_random_numbers`` (default) every sample uses
        ``seed``; otherwise sample i uses ``seed + i``.
    outputs: ``{name: selector}``, a list of selectors or callables ``df -> float``; a selector
        is ``{"code": "IDN", "year": 2030, "measure": "accessible", "stat": "loss_p50"}`` (see
        :func:`select`).
    client: None — in-process, one run after another on ``threads`` threads (0 = all cores);
        a ``dask.distributed.Client`` — one task per (sample, draw range of ``chunk_draws``),
        each one Engine call on a worker (``threads`` per call, 0 = the worker's thread count).
    bootstrap, conf_level: resamples and level of the Sobol confidence intervals.
    data: the dataset directory (None = the default); engine: an open Engine to use in-process.
    economies, years: what each run reports (default: those the selectors name, or everything
        when an output is a callable).
    design_seed: seeds the design and the bootstrap (default: ``seed``).
    """
    if design not in DESIGNS:
        raise ValueError(f"design: expected one of {', '.join(DESIGNS)}, got {design!r}")
    samples = _int_arg(samples, "samples", 1)
    draws = _int_arg(draws, "draws", 1)
    seed = _int_arg(seed, "seed", 0)
    threads = _int_arg(threads, "threads", 0)
    if chunk_draws is not None:
        chunk_draws = _int_arg(chunk_draws, "chunk_draws", 1)
    bootstrap = _int_arg(bootstrap, "bootstrap", 0)
    dseed = seed if design_seed is None else _int_arg(design_seed, "design_seed", 0)
    params = _sens.parse_parameters(parameters)
    outs = _parse_outputs(outputs)

    if engine is None and client is None:
        engine = _worker_engine(data)
    base, label = load_scenario(scenario, engine)

    if design == "saltelli":
        table = _sens.saltelli_design(params, samples, dseed)
    elif design == "lhs":
        table = _sens.lhs_design(params, samples, dseed)
    else:
        table = _sens.grid_design(params, samples)
    table.insert(0, "sample", np.arange(len(table)))

    # One scenario dict per sample (paths checked on the first before anything runs).
    names = [p.name for p in params]
    docs = []
    for row in table[names].itertuples(index=False):
        doc = copy.deepcopy(base)
        for path, v in zip(names, row):
            set_path(doc, path, v)
        docs.append(doc)

    if economies is None and all(o.selector for o in outs):
        economies = sorted({str(o.selector["code"]) for o in outs})
    if years is None and all(o.selector for o in outs):
        years = sorted({int(o.selector["year"]) for o in outs})
    economies = list(economies) if economies is not None else None
    years = [int(y) for y in years] if years is not None else None
    seeds = [seed if common_random_numbers else seed + i for i in range(len(docs))]

    def where(i: int) -> str:
        vals = ", ".join(f"{n} = {v!r}" for n, v in zip(names, table.loc[i, names]))
        return f"in sweep sample {i} ({vals})"

    if client is None:
        frames = []
        for i, (doc, s) in enumerate(zip(docs, seeds)):
            try:
                frames.append(engine.scenario_run(doc, draws=draws, seed=s, threads=threads,
                                                  economies=economies, years=years))
            except Exception as e:
                e.add_note(where(i))
                raise
    else:
        frames = _run_dask(client, data, docs, seeds, draws, threads, chunk_draws, economies, years, where)

    values = np.array([_evaluate(df, outs) for df in frames], dtype=float).reshape(len(frames), len(outs))
    for j, o in enumerate(outs):
        table[o.name] = values[:, j]

    sobol = None
    if design == "saltelli":
        parts = []
        for j, o in enumerate(outs):
            s = _sens.sobol_indices(values[:, j], len(params), names, bootstrap=bootstrap,
                                    conf_level=conf_level, seed=dseed)
            s.insert(1, "output", o.name)
            parts.append(s)
        sobol = pd.concat(parts, ignore_index=True)

    meta = dict(frames[0].attrs.get("meta", {})) if frames else {}
    meta["sweep"] = {
        "scenario": label, "design": design, "samples": samples, "runs": len(docs), "draws": draws,
        "seed": seed, "common_random_numbers": common_random_numbers, "design_seed": dseed,
        "bootstrap": bootstrap, "conf_level": conf_level, "economies": economies, "years": years,
        "parameters": {p.name: ([p.low, p.high] if p.is_range else list(p.levels)) for p in params},
    }
    table.attrs["meta"] = meta
    return SweepResult(samples=table, sobol=sobol, parameters=names, outputs=[o.name for o in outs],
                       design=design, meta=meta)


def _run_dask(client, data, docs, seeds, draws, threads, chunk_draws, economies, years,
              where) -> list[pd.DataFrame]:
    """One task per sample (chunk_draws None or ≥ draws), else one shard task per draw range and
    a merge task per sample on a worker; the driver receives only the result tables."""
    import uuid  # noqa: PLC0415

    tag = uuid.uuid4().hex[:12]
    futures = []
    for i, (doc, s) in enumerate(zip(docs, seeds)):
        if chunk_draws is None or chunk_draws >= draws:
            futures.append(client.submit(_run_task, data, doc, draws, s, threads, economies, years,
                                         key=f"aisov-run-{tag}-{i}", pure=False))
            continue
        shards = [client.submit(_shard_task, data, doc, a, min(a + chunk_draws, draws), draws, s, threads,
                                economies, years, key=f"aisov-shard-{tag}-{i}-{a}", pure=False)
                  for a in range(0, draws, chunk_draws)]
        futures.append(client.submit(_merge_task, data, threads, *shards, key=f"aisov-merge-{tag}-{i}", pure=False))
    try:
        return client.gather(futures)
    except Exception as e:
        # The sample whose task raised this exception (a merge task re-raises its shard's).
        for i, f in enumerate(futures):
            if f.status == "error":
                other = f.exception()
                if type(other) is type(e) and str(other) == str(e):
                    e.add_note(where(i))
                    break
        raise

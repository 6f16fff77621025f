"""Experimental designs and Sobol sensitivity indices (pure NumPy/SciPy; no engine needed).

Designs map points of the unit hypercube onto parameters:

* a **range** ``(low, high)`` (a tuple) is uniform on [low, high];
* a **list of levels** ``[v1, v2, ...]`` is a discrete uniform choice among the levels (in a grid,
  each level once).

Designs (docs/methodology.md §12.6):

* :func:`grid_design` — every combination of the levels (a range gets ``levels`` evenly spaced
  values, ends included);
* :func:`lhs_design` — Latin hypercube (McKay, Beckman & Conover 1979) from
  ``scipy.stats.qmc.LatinHypercube``, seeded;
* :func:`saltelli_design` — the A, B and A_B^(i) matrices of Saltelli et al. (2010) from a
  scrambled Sobol' sequence of dimension 2k (A = its first k columns, B = the last k), seeded:
  N base samples give N(k + 2) rows, ordered A, B, A_B^(1), ..., A_B^(k).

:func:`sobol_indices` estimates first-order indices with Saltelli et al. (2010, Table 2 (b)) and
total indices with Jansen (1999) (Saltelli et al. 2010, Table 2 (f)), with percentile bootstrap
confidence intervals over the N base rows.
"""
from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "Parameter",
    "parse_parameters",
    "grid_design",
    "lhs_design",
    "saltelli_design",
    "sobol_indices",
    "saltelli_blocks",
]


@dataclass(frozen=True)
class Parameter:
    """One swept parameter: a uniform range (``low``, ``high``) or a list of ``levels``."""

    name: str
    low: float | None = None
    high: float | None = None
    levels: tuple | None = None

    @property
    def is_range(self) -> bool:
        return self.levels is None

    def from_unit(self, u: np.ndarray) -> list:
        """Values for unit-interval points ``u`` (inverse CDF of the uniform or discrete law)."""
        u = np.asarray(u, dtype=float)
        if self.is_range:
            return list(self.low + (self.high - self.low) * u)
        n = len(self.levels)
        idx = np.minimum(np.floor(u * n).astype(int), n - 1)
        return [self.levels[i] for i in idx]

    def grid(self, levels: int) -> list:
        if not self.is_range:
            return list(self.levels)
        if levels < 2:
            raise ValueError(f"parameter {self.name!r}: a grid over a range needs at least 2 levels, got {levels}")
        return list(np.linspace(self.low, self.high, levels))


def _number(x: Any, what: str) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise ValueError(f"{what}: expected a number, got {x!r}")
    v = float(x)
    if not math.isfinite(v):
        raise ValueError(f"{what}: expected a finite number, got {x!r}")
    return v


def parse_parameters(parameters: Mapping[str, Any]) -> list[Parameter]:
    """Validate ``{name: spec}``: a tuple ``(low, high)`` with low < high, a dict
    ``{"uniform": [low, high]}`` (the same), or a non-empty list of levels."""
    if not isinstance(parameters, Mapping) or not parameters:
        raise ValueError("parameters: expected a non-empty dict of name -> (low, high) or [levels]")
    out = []
    for name, spec in parameters.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"parameters: names must be non-empty strings, got {name!r}")
        if isinstance(spec, Mapping):
            if set(spec) != {"uniform"}:
                raise ValueError(
                    f"parameter {name!r}: a dict spec must be {{'uniform': [low, high]}} "
                    f"(the only distribution supported), got keys {sorted(spec)}")
            spec = tuple(spec["uniform"])
        if isinstance(spec, tuple):
            if len(spec) != 2:
                raise ValueError(f"parameter {name!r}: a range is a tuple (low, high), got {spec!r}")
            lo = _number(spec[0], f"parameter {name!r} low")
            hi = _number(spec[1], f"parameter {name!r} high")
            if not lo < hi:
                raise ValueError(f"parameter {name!r}: low must be below high, got ({lo}, {hi})")
            out.append(Parameter(name, low=lo, high=hi))
        elif isinstance(spec, (list, np.ndarray)):
            if len(spec) == 0:
                raise ValueError(f"parameter {name!r}: the list of levels is empty")
            out.append(Parameter(name, levels=tuple(spec)))
        else:
            raise ValueError(
                f"parameter {name!r}: expected a range (low, high) as a tuple or a list of levels, got {spec!r}")
    return out


def _frame(params: Sequence[Parameter], unit: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({p.name: p.from_unit(unit[:, i]) for i, p in enumerate(params)})


def grid_design(params: Sequence[Parameter], levels: int) -> pd.DataFrame:
    """Every combination of the parameters' levels, the first parameter varying slowest."""
    axes = [p.grid(levels) for p in params]
    rows = list(itertools.product(*axes))
    return pd.DataFrame(rows, columns=[p.name for p in params])


def lhs_design(params: Sequence[Parameter], n: int, seed: int) -> pd.DataFrame:
    """``n`` rows of a seeded Latin hypercube: each range cut into n equal strata, one point per
    stratum per parameter (random position within the stratum, random pairing)."""
    from scipy.stats import qmc

    if n < 1:
        raise ValueError(f"samples: a Latin hypercube needs at least 1 row, got {n}")
    unit = qmc.LatinHypercube(d=len(params), seed=np.random.default_rng(seed)).random(n)
    return _frame(params, unit)


def saltelli_blocks(k: int) -> list[str]:
    """Block labels of a Saltelli design with k parameters, in row order."""
    return ["A", "B"] + [f"AB{i + 1}" for i in range(k)]


def saltelli_unit(k: int, n: int, seed: int) -> np.ndarray:
    """The Saltelli design on the unit cube: shape (n(k + 2), k), rows A, B, A_B^(1..k)."""
    from scipy.stats import qmc

    if n < 2:
        raise ValueError(f"samples: a Saltelli design needs at least 2 base samples, got {n}")
    sob = qmc.Sobol(d=2 * k, scramble=True, seed=np.random.default_rng(seed))
    with warnings.catch_warnings():
        # scipy warns when n is not a power of 2 (balance properties); the estimators stay valid.
        warnings.simplefilter("ignore", UserWarning)
        base = sob.random(n)
    a, b = base[:, :k], base[:, k:]
    blocks = [a, b]
    for i in range(k):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return np.vstack(blocks)


def saltelli_design(params: Sequence[Parameter], n: int, seed: int) -> pd.DataFrame:
    """The Saltelli (2010) design for ``n`` base samples: n(k + 2) rows with a ``block`` column
    (A, B, AB1 … ABk) and one column per parameter."""
    k = len(params)
    unit = saltelli_unit(k, n, seed)
    df = _frame(params, unit)
    df.insert(0, "block", np.repeat(saltelli_blocks(k), n))
    return df


def _estimates(fa: np.ndarray, fb: np.ndarray, fab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """S1 and ST along the last axis (the N base rows). fa, fb: (..., N); fab: (k, ..., N)."""
    ab = np.concatenate([fa, fb], axis=-1)
    var = np.var(ab, axis=-1)
    # Centred on the mean of f(A), f(B): unbiased as E f(A_B^i) = E f(A), and without the term
    # proportional to the mean that dominates the estimator's variance for outputs far from 0.
    c = np.mean(ab, axis=-1, keepdims=True)
    v1 = np.mean((fb - c) * (fab - fa), axis=-1)    # Saltelli et al. (2010), Table 2 (b)
    et = 0.5 * np.mean((fa - fab) ** 2, axis=-1)    # Jansen (1999); Saltelli et al. (2010), Table 2 (f)
    with np.errstate(divide="ignore", invalid="ignore"):
        return v1 / var, et / var


def sobol_indices(y: np.ndarray, k: int, names: Sequence[str] | None = None, *, bootstrap: int = 1000,
                  conf_level: float = 0.95, seed: int = 1) -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices of one output from its values ``y`` on a
    Saltelli design (rows A, B, A_B^(1..k), each N long, as :func:`saltelli_design` orders them).

    S1_i = (1/N) Σ_j (f(B)_j − m) (f(A_B^i)_j − f(A)_j) / V  and  ST_i = (1/2N) Σ_j (f(A)_j − f(A_B^i)_j)² / V,
    m and V the mean and variance (1/2N normalisation) of the 2N values f(A), f(B). Confidence intervals: the
    ``(1 − conf_level)/2`` and ``(1 + conf_level)/2`` percentiles of the estimates over
    ``bootstrap`` resamples (with replacement, seeded) of the N base rows. An output with zero
    variance over the design has undefined indices (NaN).

    Returns a DataFrame with columns parameter, S1, S1_low, S1_high, ST, ST_low, ST_high.
    """
    y = np.asarray(y, dtype=float)
    if y.ndim != 1 or k < 1 or y.size % (k + 2) != 0 or y.size < 2 * (k + 2):
        raise ValueError(f"sobol_indices: expected {k + 2} blocks of N values, got shape {y.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError("sobol_indices: the output has non-finite values")
    n = y.size // (k + 2)
    names = list(names) if names is not None else [f"x{i + 1}" for i in range(k)]
    if len(names) != k:
        raise ValueError(f"sobol_indices: {len(names)} names for {k} parameters")
    if not 0 < conf_level < 1:
        raise ValueError(f"conf_level must be in (0, 1), got {conf_level}")
    blocks = y.reshape(k + 2, n)
    fa, fb, fab = blocks[0], blocks[1], blocks[2:]
    s1, st = _estimates(fa, fb, fab)
    out = {"parameter": names, "S1": s1, "S1_low": np.nan, "S1_high": np.nan,
           "ST": st, "ST_low": np.nan, "ST_high": np.nan}
    if bootstrap and bootstrap > 0:
        rng = np.random.default_rng(seed)
        s1_b = np.empty((bootstrap, k))
        st_b = np.empty((bootstrap, k))
        chunk = max(1, min(bootstrap, 2_000_000 // max(1, n * (k + 2))))
        for start in range(0, bootstrap, chunk):
            stop = min(bootstrap, start + chunk)
            idx = rng.integers(0, n, size=(stop - start, n))
            s1_, st_ = _estimates(fa[idx], fb[idx], fab[:, idx])
            s1_b[start:stop] = s1_.T
            st_b[start:stop] = st_.T
        q = [100 * (1 - conf_level) / 2, 100 * (1 + conf_level) / 2]
        out["S1_low"], out["S1_high"] = np.percentile(s1_b, q, axis=0)
        out["ST_low"], out["ST_high"] = np.percentile(st_b, q, axis=0)
    return pd.DataFrame(out)

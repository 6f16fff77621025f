#!/usr/bin/python3
"""Peer comparison for the optimiser: the 1,000-draw CVaR LP of one economy, solved by COIN-OR
Clp (inside `aisov optimise --lp-relaxation`) and by SciPy's linprog(method="highs") reading the
same model from the MPS file aisov exports. Prints both times, the ratio and whether the
objectives agree. Usage: bench/optimise_bench.py [AISOV_BINARY] [ISO3] [DRAWS]
Uses Debian's python3-scipy (run with /usr/bin/python3)."""
import json
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix


def read_mps(path):
    """Free-format MPS as written by aisov (solver::to_mps)."""
    sense, rows, kinds, cols, obj = 1.0, [], {}, {}, {}
    coef, rhs, rng, bounds, integer = [], {}, {}, {}, set()
    section, in_int = None, False
    for line in open(path):
        if not line.strip():
            continue
        if not line[0].isspace():
            section = line.split()[0]
            continue
        f = line.split()
        if section == "OBJSENSE":
            sense = -1.0 if f[0] == "MAX" else 1.0
        elif section == "ROWS":
            if f[0] != "N":
                kinds[f[1]] = f[0]
                rows.append(f[1])
        elif section == "COLUMNS":
            if len(f) >= 3 and f[1] == "'MARKER'":
                in_int = f[2] == "'INTORG'"
                continue
            j = cols.setdefault(f[0], len(cols))
            if in_int:
                integer.add(j)
            for k in range(1, len(f), 2):
                if f[k] == "obj":
                    obj[j] = float(f[k + 1])
                else:
                    coef.append((f[k], j, float(f[k + 1])))
        elif section == "RHS":
            rhs[f[1]] = float(f[2])
        elif section == "RANGES":
            rng[f[1]] = float(f[2])
        elif section == "BOUNDS":
            kind, j = f[0], cols[f[2]]
            lo, hi = bounds.get(j, (0.0, None))
            if kind == "UP":
                hi = float(f[3])
            elif kind == "LO":
                lo = float(f[3])
            elif kind == "FX":
                lo = hi = float(f[3])
            elif kind == "FR":
                lo, hi = None, None
            elif kind == "MI":
                lo = None
            elif kind == "PL":
                hi = None
            bounds[j] = (lo, hi)
    n = len(cols)
    c = np.zeros(n)
    for j, v in obj.items():
        c[j] = v
    row_index = {r: i for i, r in enumerate(rows)}
    # Each row → lo ≤ a·x ≤ hi, then split into A_ub x ≤ b_ub and A_eq x = b_eq.
    lo, hi = [], []
    for r in rows:
        b, k = rhs.get(r, 0.0), kinds[r]
        if k == "E":
            lo.append(b), hi.append(b)
        elif k == "L":
            lo.append(-np.inf), hi.append(b)
        else:
            lo.append(b), hi.append(b + rng[r] if r in rng else np.inf)
    data = {}
    for r, j, v in coef:
        data.setdefault(row_index[r], []).append((j, v))
    ub_rows, ub_b, eq_rows, eq_b = [], [], [], []
    for i, r in enumerate(rows):
        terms = data.get(i, [])
        if lo[i] == hi[i]:
            eq_rows.append(terms), eq_b.append(lo[i])
            continue
        if np.isfinite(hi[i]):
            ub_rows.append(terms), ub_b.append(hi[i])
        if np.isfinite(lo[i]):
            ub_rows.append([(j, -v) for j, v in terms]), ub_b.append(-lo[i])

    def matrix(rs):
        if not rs:
            return None
        ri, ci, vi = [], [], []
        for i, terms in enumerate(rs):
            for j, v in terms:
                ri.append(i), ci.append(j), vi.append(v)
        return csr_matrix((vi, (ri, ci)), shape=(len(rs), n))

    b = [bounds.get(j, (0.0, None)) for j in range(n)]
    return sense, c, matrix(ub_rows), np.array(ub_b), matrix(eq_rows), np.array(eq_b), b, integer


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/aisov"
    economy = sys.argv[2] if len(sys.argv) > 2 else "IDN"
    draws = sys.argv[3] if len(sys.argv) > 3 else "1000"
    with tempfile.TemporaryDirectory() as tmp:
        mps = tmp + "/model.mps"
        t0 = time.perf_counter()
        out = subprocess.run(
            [binary, "optimise", "--economy", economy, "--budget", "5e9", "--draws", draws,
             "--lp-relaxation", "--no-align", "--export-mps", mps, "--format", "json"],
            check=True, capture_output=True, text=True).stdout
        wall = time.perf_counter() - t0
        res = json.loads(out)["result"]
        clp_s, clp_obj = res["seconds"], res["objective"]
        t0 = time.perf_counter()
        sense, c, A_ub, b_ub, A_eq, b_eq, bounds, integer = read_mps(mps)
        parse_s = time.perf_counter() - t0
        assert not integer, "the benchmark LP has no integer columns"
        t0 = time.perf_counter()
        r = linprog(sense * c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds,
                    method="highs")
        highs_s = time.perf_counter() - t0
        highs_obj = sense * r.fun
        rows = (A_ub.shape[0] if A_ub is not None else 0) + (A_eq.shape[0] if A_eq is not None else 0)
        agree = abs(highs_obj - clp_obj) <= 1e-6 * max(1.0, abs(clp_obj))
        print(f"CVaR LP for {economy}, {draws} draws: {len(c)} columns, {rows} rows (as ≤/=)")
        print(f"Clp (aisov, solve only)      {clp_s * 1000:9.1f} ms   objective {clp_obj:.6f}")
        print(f"HiGHS (scipy linprog)        {highs_s * 1000:9.1f} ms   objective {highs_obj:.6f}")
        print(f"ratio HiGHS / Clp            {highs_s / clp_s:9.2f}")
        print(f"objectives agree (1e-6 rel.) {agree}   (aisov wall {wall:.2f} s incl. exposure"
              f" draws; MPS parse {parse_s * 1000:.0f} ms)")
        if r.status != 0 or not agree:
            sys.exit(1)


if __name__ == "__main__":
    main()

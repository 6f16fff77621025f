#!/usr/bin/python3
"""Peer comparison for the optimiser (issue #13, target 2).

For each number of draws (default 100, 1,000, 10,000) aisov builds and solves one economy's CVaR
model (`aisov optimise`, COIN-OR Clp for the LP relaxation, Cbc for the MILP) and exports it as
MPS; the same MPS file is then read by the small MPS reader below and solved by SciPy's HiGHS
(`linprog(method="highs")` for the LP, `milp` for the MILP), and by glpsol when GLPK is
installed. Every solver runs the same number of repeats, timed in CPU and wall seconds.

aisov is timed as a whole CLI call (dataset load, scenario draws, model build, solve, output).
Its start-up (the dataset load, measured as `aisov data validate`, which loads and validates the
bundled dataset and nothing else) is reported separately and subtracted from its CPU time; its
own solve time is the `seconds` of its JSON output (wall, model load into Clp/Cbc included).
HiGHS is timed on the solve alone (the MPS read is reported apart). Times are the best of the
repeats for every solver (the machine is shared: the minimum is the least disturbed run). Both
must reach the same objective (relative 1e-6; the exported MPS is a minimisation of the negated
objective, so aisov's optimum is -(the file's optimum)).

Usage: bench/optimise_bench.py [--binary build/aisov] [--economy IDN] [--budget 5e9]
         [--draws 100,1000,10000] [--repeats 3] [--mode lp|milp|both]
Uses Debian's python3-scipy (SciPy 1.10; run with /usr/bin/python3). Speed is measured here,
never asserted in tests."""
import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix


class MpsError(Exception):
    pass


def read_mps(path):
    """A free-format MPS reader (fields separated by blanks, names without blanks).

    Sections: NAME, OBJSENSE (next line or same line: MIN/MAX), ROWS (N/L/G/E; the first N row is
    the objective, later N rows are dropped), COLUMNS (with 'MARKER' 'INTORG'/'INTEND'), RHS (an
    RHS on the objective row is minus the objective's constant), RANGES, BOUNDS (UP, LO, FX, FR,
    MI, PL, BV, LI, UI), ENDATA. Lines starting with '*' are comments. Columns default to
    [0, +inf), integer ones too (an UP bound below 0 on a column whose lower bound is still 0
    makes it (-inf, UP], as CPLEX and HiGHS read it).

    Returns a dict with sense (+1 min, -1 max), c, offset, A (csr), row_lo, row_hi, col_lo, col_hi,
    integer (0/1 array), and the row and column names."""
    sense, section = 1.0, None
    obj_row = None
    row_index, row_kind, row_names = {}, [], []
    col_index, col_names = {}, []
    coef_r, coef_c, coef_v = [], [], []
    obj, integer = {}, set()
    rhs, rng = {}, {}
    lo_b, hi_b = {}, {}
    offset = 0.0
    in_int = False

    def col_of(name):
        j = col_index.get(name)
        if j is None:
            j = col_index[name] = len(col_names)
            col_names.append(name)
            if in_int:
                integer.add(j)
        return j

    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip() or line.startswith("*"):
                continue
            fields = line.split()
            if not line[0].isspace():
                section = fields[0].upper()
                if section == "OBJSENSE" and len(fields) > 1:
                    sense = -1.0 if fields[1].upper().startswith("MAX") else 1.0
                elif section not in ("NAME", "OBJSENSE", "ROWS", "COLUMNS", "RHS", "RANGES",
                                     "BOUNDS", "ENDATA"):
                    raise MpsError(f"{path}:{lineno}: unknown section {fields[0]}")
                continue
            if section == "OBJSENSE":
                sense = -1.0 if fields[0].upper().startswith("MAX") else 1.0
            elif section == "ROWS":
                kind, name = fields[0].upper(), fields[1]
                if kind == "N":
                    if obj_row is None:
                        obj_row = name
                    continue
                if kind not in "LGE" or name in row_index:
                    raise MpsError(f"{path}:{lineno}: bad or repeated row {line.strip()}")
                row_index[name] = len(row_names)
                row_names.append(name)
                row_kind.append(kind)
            elif section == "COLUMNS":
                if len(fields) >= 3 and fields[1].strip("'").upper() == "MARKER":
                    in_int = fields[2].strip("'").upper() == "INTORG"
                    continue
                j = col_of(fields[0])
                if len(fields) not in (3, 5):
                    raise MpsError(f"{path}:{lineno}: expected 1 or 2 (row, value) pairs")
                for k in range(1, len(fields), 2):
                    r, v = fields[k], float(fields[k + 1])
                    if r == obj_row:
                        obj[j] = obj.get(j, 0.0) + v
                    elif r in row_index:
                        coef_r.append(row_index[r]), coef_c.append(j), coef_v.append(v)
                    # entries of dropped N rows are ignored
            elif section in ("RHS", "RANGES"):
                pairs = fields[1:] if len(fields) % 2 == 1 else fields
                for k in range(0, len(pairs), 2):
                    r, v = pairs[k], float(pairs[k + 1])
                    if section == "RHS" and r == obj_row:
                        offset = -v
                    elif r in row_index:
                        (rhs if section == "RHS" else rng)[row_index[r]] = v
                    else:
                        raise MpsError(f"{path}:{lineno}: unknown row {r}")
            elif section == "BOUNDS":
                kind = fields[0].upper()
                j = col_index.get(fields[2])
                if j is None:
                    raise MpsError(f"{path}:{lineno}: unknown column {fields[2]}")
                v = float(fields[3]) if len(fields) > 3 else None
                if kind in ("UP", "UI"):
                    hi_b[j] = v
                    if v < 0 and lo_b.get(j, 0.0) == 0.0:
                        lo_b[j] = -math.inf
                    if kind == "UI":
                        integer.add(j)
                elif kind in ("LO", "LI"):
                    lo_b[j] = v
                    if kind == "LI":
                        integer.add(j)
                elif kind == "FX":
                    lo_b[j] = hi_b[j] = v
                elif kind == "FR":
                    lo_b[j], hi_b[j] = -math.inf, math.inf
                elif kind == "MI":
                    lo_b[j] = -math.inf
                elif kind == "PL":
                    hi_b[j] = math.inf
                elif kind == "BV":
                    lo_b[j], hi_b[j] = 0.0, 1.0
                    integer.add(j)
                else:
                    raise MpsError(f"{path}:{lineno}: unknown bound type {kind}")
    m, n = len(row_names), len(col_names)
    c = np.zeros(n)
    for j, v in obj.items():
        c[j] = v
    b = np.array([rhs.get(i, 0.0) for i in range(m)])
    row_lo, row_hi = np.empty(m), np.empty(m)
    for i, kind in enumerate(row_kind):
        r = rng.get(i)
        if kind == "E":
            row_lo[i] = row_hi[i] = b[i]
            if r is not None:
                (row_hi if r > 0 else row_lo)[i] = b[i] + r
        elif kind == "L":
            row_lo[i], row_hi[i] = (b[i] - abs(r) if r is not None else -math.inf), b[i]
        else:
            row_lo[i], row_hi[i] = b[i], (b[i] + abs(r) if r is not None else math.inf)
    col_lo = np.array([lo_b.get(j, 0.0) for j in range(n)])
    col_hi = np.array([hi_b.get(j, math.inf) for j in range(n)])
    A = csr_matrix((coef_v, (coef_r, coef_c)), shape=(m, n))
    A.sum_duplicates()
    integ = np.zeros(n)
    integ[list(integer)] = 1
    return {"sense": sense, "c": c, "offset": offset, "A": A, "row_lo": row_lo, "row_hi": row_hi,
            "col_lo": col_lo, "col_hi": col_hi, "integer": integ, "rows": row_names,
            "cols": col_names}


def solve_highs(p, mip):
    """Solves the problem read from the MPS with SciPy's HiGHS; returns the file's optimum."""
    c = p["sense"] * p["c"]
    if mip:
        r = milp(c, integrality=p["integer"], bounds=Bounds(p["col_lo"], p["col_hi"]),
                 constraints=LinearConstraint(p["A"], p["row_lo"], p["row_hi"]),
                 options={"mip_rel_gap": 1e-9})
    else:
        # linprog takes A_ub x <= b_ub and A_eq x = b_eq: equality rows go to A_eq, a row with
        # a finite upper bound to A_ub, a finite lower bound to -A_ub (a ranged row gives both).
        A, lo, hi = p["A"], p["row_lo"], p["row_hi"]
        eq = lo == hi
        up = ~eq & np.isfinite(hi)
        dn = ~eq & np.isfinite(lo)
        from scipy.sparse import vstack
        A_ub = vstack([A[up], -A[dn]]).tocsr() if (up.any() or dn.any()) else None
        b_ub = np.concatenate([hi[up], -lo[dn]]) if A_ub is not None else None
        A_eq = A[eq] if eq.any() else None
        b_eq = lo[eq] if eq.any() else None
        r = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq,
                    bounds=list(zip([None if math.isinf(v) else v for v in p["col_lo"]],
                                    [None if math.isinf(v) else v for v in p["col_hi"]])),
                    method="highs")
    if r.status != 0:
        raise RuntimeError(f"HiGHS: {r.message}")
    return p["sense"] * r.fun + p["offset"]


def child_cpu():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def run_cli(cmd):
    """Runs a command; returns (stdout, CPU seconds, wall seconds)."""
    c0, t0 = child_cpu(), time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return out, child_cpu() - c0, time.perf_counter() - t0


def run_glpsol(mps, mip):
    """glpsol on the same file: (file optimum, CPU, wall), or None when GLPK is absent or the
    file has an OBJSENSE section (which glpsol rejects)."""
    if not shutil.which("glpsol") or "\nOBJSENSE" in open(mps).read(4096):
        return None
    with tempfile.NamedTemporaryFile(suffix=".txt") as out:
        cmd = ["glpsol", "--freemps", mps, "-o", out.name, "--tmlim", "600"]
        if not mip:
            cmd.append("--nomip")
        _, cpu, wall = run_cli(cmd)
        for line in open(out.name):
            if line.startswith("Objective:"):
                return float(line.split("=")[1].split()[0]), cpu, wall
    raise RuntimeError("glpsol wrote no objective")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default="build/aisov")
    ap.add_argument("--economy", default="IDN")
    ap.add_argument("--budget", default="5e9")
    ap.add_argument("--draws", default="100,1000,10000")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--mode", choices=["lp", "milp", "both"], default="both")
    a = ap.parse_args()
    modes = {"lp": [False], "milp": [True], "both": [False, True]}[a.mode]
    ok = True
    best = min
    # Start-up: a CLI call that loads and validates the bundled dataset and does nothing else.
    startup = [run_cli([a.binary, "--quiet", "data", "validate"])[1:] for _ in range(a.repeats)]
    su_cpu, su_wall = best(s[0] for s in startup), best(s[1] for s in startup)
    print(f"aisov start-up (data validate: load and validate the dataset), best of {a.repeats}: "
          f"CPU {su_cpu * 1000:.0f} ms, wall {su_wall * 1000:.0f} ms")
    print(f"economy {a.economy}, budget {a.budget} USD, best of {a.repeats} repeats each")
    hdr = (f"{'model':>5} {'draws':>6} {'rows':>6} {'cols':>6} {'nnz':>7} | "
           f"{'aisov CPU':>9} {'wall':>7} {'solve':>7} | {'HiGHS CPU':>9} {'wall':>7} "
           f"{'read':>5} | {'ratio CPU':>9} {'solve':>6} | {'glpsol':>7} | objectives agree")
    print(hdr)
    print("-" * len(hdr))
    with tempfile.TemporaryDirectory() as tmp:
        for mip in modes:
            for draws in [int(d) for d in a.draws.split(",")]:
                mps = os.path.join(tmp, f"model-{draws}-{int(mip)}.mps")
                base = [a.binary, "--quiet", "optimise", "--economy", a.economy, "--budget",
                        a.budget, "--draws", str(draws), "--no-align", "--format", "json"]
                if not mip:
                    base.append("--lp-relaxation")
                # One untimed run writes the MPS; then the timed repeats.
                subprocess.run(base + ["--export-mps", mps], check=True, capture_output=True)
                cli = [run_cli(base) for _ in range(a.repeats)]
                aisov_obj = json.loads(cli[0][0])["result"]["objective"]
                a_cpu = best(x[1] for x in cli) - su_cpu
                a_wall = best(x[2] for x in cli)
                a_solve = best(json.loads(x[0])["result"]["seconds"] for x in cli)
                t0 = time.perf_counter()
                p = read_mps(mps)
                read_s = time.perf_counter() - t0
                h_cpu, h_wall, h_obj = [], [], None
                for _ in range(a.repeats):
                    c0, t0 = time.process_time(), time.perf_counter()
                    h_obj = solve_highs(p, mip)
                    h_cpu.append(time.process_time() - c0)
                    h_wall.append(time.perf_counter() - t0)
                h_cpu, h_wall = best(h_cpu), best(h_wall)
                # aisov's model is a maximisation: the file either says OBJSENSE MAX (exports
                # before issue #13) or minimises -(aisov's objective).
                sign = 1.0 if p["sense"] < 0 else -1.0
                agree = abs(aisov_obj - sign * h_obj) <= 1e-6 * max(1.0, abs(aisov_obj))
                g = run_glpsol(mps, mip)
                g_txt = "absent"
                if g:
                    agree_g = abs(aisov_obj - sign * g[0]) <= 1e-6 * max(1.0, abs(aisov_obj))
                    g_txt = f"{g[1]:6.2f}s" + ("" if agree_g else "!")
                    agree = agree and agree_g
                ok = ok and agree
                print(f"{'MILP' if mip else 'LP':>5} {draws:>6} {p['A'].shape[0]:>6} "
                      f"{p['A'].shape[1]:>6} {p['A'].nnz:>7} | {a_cpu:8.3f}s {a_wall:6.3f}s "
                      f"{a_solve:6.3f}s | {h_cpu:8.3f}s {h_wall:6.3f}s {read_s:4.1f}s | "
                      f"{h_cpu / max(a_cpu, 1e-9):8.2f}x {h_wall / max(a_solve, 1e-9):5.2f}x | "
                      f"{g_txt:>7} | {agree}: aisov {aisov_obj:.9g}, HiGHS {sign * h_obj:.9g}"
                      + (f", glpsol {sign * g[0]:.9g}" if g else ""), flush=True)
    print("aisov CPU: the whole call less start-up (scenario draws on all threads, model build, "
          "solve, output); aisov wall: the whole call with start-up; aisov solve: its own solve "
          "(wall). HiGHS: the solve alone. ratio CPU = HiGHS CPU / aisov CPU; ratio solve = "
          "HiGHS wall / aisov solve wall (> 1: aisov faster). glpsol: CPU, '!' = another "
          "objective")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()

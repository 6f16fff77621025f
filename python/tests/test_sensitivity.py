"""Designs and Sobol estimators of aisov.sensitivity against analytical results (no engine)."""
import math

import numpy as np
import pandas as pd
import pytest

from aisov import sensitivity as sens

PI = math.pi
A, B = 7.0, 0.1


def ishigami(x):
    """Ishigami & Homma (1990): f = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i ~ U(−π, π)."""
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_truth():
    """Analytical variance decomposition (Ishigami & Homma 1990; Saltelli et al. 2010 §4;
    Sobol' & Levitan 1999): with E[sin² x] = 1/2, E[sin⁴ x] = 3/8, E[x⁴] = π⁴/5, E[x⁸] = π⁸/9
    for x ~ U(−π, π):
      V1  = ½ (1 + b π⁴/5)²         (the part of f that depends on x1 alone)
      V2  = a²/8                    (Var of a sin² x2 = a² (3/8 − 1/4))
      V3  = 0                       (E[x3⁴ sin x1 | x3] = 0)
      V13 = b² π⁸ (1/18 − 1/50)     (Var of b x3⁴ sin x1 minus what is explained by x1)
      V   = V1 + V2 + V13
    S1 = (V1, V2, 0)/V, ST = (V1 + V13, V2, V13)/V."""
    v1 = 0.5 * (1 + B * PI ** 4 / 5) ** 2
    v2 = A ** 2 / 8
    v13 = B ** 2 * PI ** 8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def ishigami_params():
    return sens.parse_parameters({f"x{i}": (-PI, PI) for i in (1, 2, 3)})


def evaluate(design):
    return ishigami(design[["x1", "x2", "x3"]].to_numpy())


def test_analytical_values_match_the_published_ones():
    s1, st = ishigami_truth()
    # The figures quoted by Saltelli et al. (2010) and SALib's documentation for a = 7, b = 0.1.
    assert s1 == pytest.approx([0.3139, 0.4424, 0.0], abs=5e-5)
    assert st == pytest.approx([0.5576, 0.4424, 0.2437], abs=5e-5)


def test_ishigami_indices_converge():
    s1, st = ishigami_truth()
    d = sens.saltelli_design(ishigami_params(), 2 ** 13, seed=11)
    res = sens.sobol_indices(evaluate(d), 3, ["x1", "x2", "x3"], bootstrap=200, seed=5)
    assert list(res["parameter"]) == ["x1", "x2", "x3"]
    assert res["S1"].to_numpy() == pytest.approx(s1, abs=0.03)
    assert res["ST"].to_numpy() == pytest.approx(st, abs=0.02)
    assert (res["S1_low"] <= res["S1"]).all() and (res["S1"] <= res["S1_high"]).all()
    assert (res["ST_low"] <= res["ST"]).all() and (res["ST"] <= res["ST_high"]).all()


def test_bootstrap_intervals_cover_the_truth():
    # Coverage over independent replicate designs: nominal 95 %; percentile bootstrap intervals
    # are approximate, so require at least 85 % of the 6 × 30 intervals to hold the true value.
    s1, st = ishigami_truth()
    hits = total = 0
    for rep in range(30):
        d = sens.saltelli_design(ishigami_params(), 512, seed=1000 + rep)
        r = sens.sobol_indices(evaluate(d), 3, bootstrap=300, seed=rep)
        hits += int(((r["S1_low"] <= s1) & (s1 <= r["S1_high"])).sum())
        hits += int(((r["ST_low"] <= st) & (st <= r["ST_high"])).sum())
        total += 6
    assert hits / total >= 0.85, f"coverage {hits}/{total}"


def test_additive_linear_model_has_equal_first_order_and_total_indices():
    # f = Σ c_i x_i, x_i ~ U(0, 1) independent: V_i = c_i²/12, no interactions, so
    # S1_i = ST_i = c_i² / Σ c_j².
    c = np.array([1.0, 2.0, 3.0, 0.0])
    params = sens.parse_parameters({f"p{i}": (0.0, 1.0) for i in range(4)})
    d = sens.saltelli_design(params, 4096, seed=3)
    y = d[[f"p{i}" for i in range(4)]].to_numpy() @ c
    r = sens.sobol_indices(y, 4, bootstrap=0)
    truth = c ** 2 / (c ** 2).sum()
    assert r["S1"].to_numpy() == pytest.approx(truth, abs=0.02)
    assert r["ST"].to_numpy() == pytest.approx(truth, abs=0.01)
    assert r["ST"].iloc[3] == 0.0  # f(A) = f(A_B^4) exactly when p3 does not enter
    assert r["S1_low"].isna().all()  # no bootstrap asked


def test_saltelli_design_shape_bounds_and_structure():
    params = sens.parse_parameters({"a": (2.0, 5.0), "b": (-1.0, 1.0), "c": (10.0, 20.0)})
    n, k = 64, 3
    d = sens.saltelli_design(params, n, seed=7)
    assert d.shape == (n * (k + 2), k + 1)
    assert list(d["block"].unique()) == ["A", "B", "AB1", "AB2", "AB3"]
    assert (d["block"].value_counts() == n).all()
    for p in params:
        assert d[p.name].between(p.low, p.high).all()
    blk = {b: g[["a", "b", "c"]].to_numpy() for b, g in d.groupby("block", sort=False)}
    for i in range(k):
        ab = blk[f"AB{i + 1}"]
        for j in range(k):
            want = blk["B"][:, j] if j == i else blk["A"][:, j]
            np.testing.assert_array_equal(ab[:, j], want)
    # Seeded: the same seed gives the same design, another seed another one.
    pd.testing.assert_frame_equal(d, sens.saltelli_design(params, n, seed=7))
    assert not d.equals(sens.saltelli_design(params, n, seed=8))


def test_latin_hypercube_stratification():
    params = sens.parse_parameters({"a": (0.0, 10.0), "b": (-3.0, 3.0), "c": (1.0, 2.0)})
    n = 50
    d = sens.lhs_design(params, n, seed=4)
    assert d.shape == (n, 3)
    for p in params:
        x = d[p.name].to_numpy()
        strata = np.floor((x - p.low) / (p.high - p.low) * n).astype(int)
        # One point in each of the n equal-width strata of every parameter.
        assert sorted(strata) == list(range(n))
    pd.testing.assert_frame_equal(d, sens.lhs_design(params, n, seed=4))


def test_levels_are_equally_likely_in_a_latin_hypercube():
    params = sens.parse_parameters({"kind": ["x", "y", "z", "w"], "v": (0.0, 1.0)})
    d = sens.lhs_design(params, 40, seed=2)
    assert d["kind"].value_counts().to_dict() == {"x": 10, "y": 10, "z": 10, "w": 10}


def test_grid_enumeration():
    params = sens.parse_parameters({"p": (0.0, 1.0), "q": ["a", "b"], "r": (10.0, 30.0)})
    d = sens.grid_design(params, 3)
    assert len(d) == 3 * 2 * 3
    assert not d.duplicated().any()
    assert sorted(d["p"].unique()) == [0.0, 0.5, 1.0]
    assert sorted(d["r"].unique()) == [10.0, 20.0, 30.0]
    assert d.iloc[0].tolist() == [0.0, "a", 10.0]  # first parameter varies slowest
    assert d.iloc[1].tolist() == [0.0, "a", 20.0]


@pytest.mark.parametrize("spec, msg", [
    ({"a": (1.0, 1.0)}, "low must be below high"),
    ({"a": (1.0,)}, "a range is a tuple"),
    ({"a": []}, "empty"),
    ({"a": ("x", 2)}, "expected a number"),
    ({"a": {"normal": [0, 1]}}, "only distribution supported"),
    ({"a": 3.0}, "expected a range"),
    ({}, "non-empty dict"),
])
def test_bad_parameter_specs_are_refused(spec, msg):
    with pytest.raises(ValueError, match=msg):
        sens.parse_parameters(spec)


def test_sobol_input_checks():
    with pytest.raises(ValueError, match="blocks"):
        sens.sobol_indices(np.zeros(11), 3)
    with pytest.raises(ValueError, match="non-finite"):
        sens.sobol_indices(np.array([0.0, np.nan, 1.0, 2.0, 3.0, 4.0]), 1)


def test_indices_do_not_depend_on_the_output_level():
    # Sobol indices of f + c equal those of f (variances and differences do not see c). An output
    # like 10⁵ H100e varying by a few per cent must not blow up the first-order estimate.
    s1, st = ishigami_truth()
    d = sens.saltelli_design(ishigami_params(), 2048, seed=21)
    y = evaluate(d)
    r0 = sens.sobol_indices(y, 3, bootstrap=100, seed=1)
    r1 = sens.sobol_indices(y + 1e6, 3, bootstrap=100, seed=1)
    np.testing.assert_allclose(r1["S1"], r0["S1"], atol=1e-6)
    np.testing.assert_allclose(r1["ST"], r0["ST"], atol=1e-6)
    assert (r1["S1_high"] - r1["S1_low"] < 0.3).all()
    assert r1["S1"].to_numpy() == pytest.approx(s1, abs=0.06)

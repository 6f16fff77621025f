"""aisov.sweep: scenario paths, output selectors, and sweeps through the engine, in-process and on a
two-worker Dask LocalCluster (bit-identical)."""
import math

import numpy as np
import pandas as pd
import pytest

import aisov
import importlib

sw = importlib.import_module("aisov.sweep")  # the module (aisov.sweep is the function)

HAS_ENGINE = hasattr(aisov, "open")
needs_engine = pytest.mark.skipif(not HAS_ENGINE, reason="the aisov extension module is not built")

SCENARIO = {
    "name": "sweep test",
    "horizon": 2030,
    "baseline": {"growth": {"pert": [0.8, 1.3, 1.8]}},
    "shocks": [
        {"id": "twn-fabs", "kind": "foundry_disruption", "probability": 0.2,
         "start": {"uniform": [2027, 2030]}, "duration": {"lognormal90": [0.25, 3]},
         "locations": ["TWN"], "loss": {"pert": [0.3, 0.8, 1.0]}},
    ],
}

IDN_LOSS = {"code": "IDN", "year": 2030, "measure": "accessible", "stat": "loss_mean"}


# --- paths and selectors (no engine) -------------------------------------------------------


def test_set_path_by_index_id_and_into_a_distribution():
    doc = {"shocks": [{"id": "a", "probability": 0.1}, {"id": "b", "loss": {"pert": [0.1, 0.5, 0.9]}}]}
    sw.set_path(doc, "shocks.0.probability", np.float64(0.4))
    sw.set_path(doc, "shocks.b.loss.pert.1", 0.6)
    sw.set_path(doc, "defaults.foreign_access", 0.5)  # a missing table is created
    sw.set_path(doc, "shocks.a.start", np.int64(2028))
    assert doc["shocks"][0]["probability"] == 0.4 and type(doc["shocks"][0]["probability"]) is float
    assert doc["shocks"][0]["start"] == 2028 and type(doc["shocks"][0]["start"]) is int
    assert doc["shocks"][1]["loss"] == {"pert": [0.1, 0.6, 0.9]}
    assert doc["defaults"] == {"foreign_access": 0.5}


@pytest.mark.parametrize("path, msg", [
    ("shocks.5.probability", "has 2 entries, no index 5"),
    ("shocks.zz.probability", "no entry with id 'zz'"),
    ("shocks.0.probability.x", "is a value"),
    ("shocks..probability", "dot-separated"),
    ("", "dot-separated"),
])
def test_set_path_errors(path, msg):
    doc = {"shocks": [{"id": "a", "probability": 0.1}, {"id": "b"}]}
    with pytest.raises(ValueError, match=msg):
        sw.set_path(doc, path, 1.0)


def _rows():
    # Two rows of a scenario result, figures chosen by hand.
    return pd.DataFrame({
        "code": ["IDN", "IDN"], "name": ["Indonesia"] * 2, "year": [2030, 2030],
        "measure": ["territorial", "accessible"],
        "mean_h100e": [10.0, 20.0], "mean_share": [0.9, 0.75],
        "p5_share": [0.5, 0.25], "p50_share": [1.0, 0.8], "p95_share": [1.0, 1.0], "es5_share": [0.4, 0.125],
        "p_loss_gt_0.1": [0.3, 0.4], "mean_twh": [1.5, float("nan")],
    })


def test_select_reads_columns_and_derives_loss_quantiles():
    df = _rows()
    sel = {"code": "IDN", "year": 2030, "measure": "accessible"}
    assert sw.select(df, {**sel, "stat": "mean_h100e"}) == 20.0
    assert sw.select(df, {**sel, "stat": "p_loss_gt_0.1"}) == 0.4
    assert sw.select(df, {**sel, "stat": "loss_mean"}) == pytest.approx(0.25)
    assert sw.select(df, {**sel, "stat": "loss_p50"}) == pytest.approx(0.2)
    assert sw.select(df, {**sel, "stat": "loss_p95"}) == pytest.approx(0.75)  # 1 − P5 of the share
    assert sw.select(df, {**sel, "stat": "loss_p5"}) == pytest.approx(0.0)   # 1 − P95 of the share
    assert sw.select(df, {**sel, "stat": "loss_es5"}) == pytest.approx(0.875)  # 1 − ES5 of the share
    with pytest.raises(ValueError, match="0 rows"):
        sw.select(df, {**sel, "code": "USA", "stat": "mean_h100e"})
    with pytest.raises(ValueError, match="not a column"):
        sw.select(df, {**sel, "stat": "p42"})
    with pytest.raises(ValueError, match="empty or not finite"):
        sw.select(df, {**sel, "stat": "mean_twh"})


def test_output_specs():
    outs = sw._parse_outputs([{"economy": "IDN", "year": 2030, "measure": "accessible", "stat": "p50_share"}])
    assert outs[0].name == "IDN.2030.accessible.p50_share" and outs[0].selector["code"] == "IDN"
    with pytest.raises(ValueError, match="needs"):
        sw._parse_outputs({"x": {"code": "IDN", "stat": "p50_share"}})
    with pytest.raises(ValueError, match="unknown selector keys"):
        sw._parse_outputs({"x": {**IDN_LOSS, "quantile": 5}})
    with pytest.raises(ValueError, match="name what to analyse"):
        sw._parse_outputs(None)


# --- through the engine -------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine():
    return aisov.open()


def _sweep(engine, **kw):
    args = dict(parameters={"shocks.twn-fabs.probability": (0.05, 0.9), "shocks.twn-fabs.loss": (0.2, 1.0),
                            "baseline.growth": (0.9, 1.6)},
                samples=8, draws=300, seed=3, design="saltelli",
                outputs={"idn_loss": IDN_LOSS,
                         "idn_p50": {"code": "IDN", "year": 2030, "measure": "accessible", "stat": "p50_h100e"}},
                bootstrap=200)
    args.update(kw)
    return aisov.sweep(SCENARIO, engine=engine, **args)


@needs_engine
def test_sweep_in_process_shapes_and_values(engine):
    r = _sweep(engine)
    k, n = 3, 8
    assert len(r.samples) == n * (k + 2)
    assert list(r.samples.columns) == ["sample", "block", "shocks.twn-fabs.probability", "shocks.twn-fabs.loss",
                                       "baseline.growth", "idn_loss", "idn_p50"]
    assert set(r.sobol["output"]) == {"idn_loss", "idn_p50"} and len(r.sobol) == 2 * k
    # Each row's output is the engine's own result for that row's scenario (one spot check).
    row = r.samples.iloc[n + 3]
    doc = {**SCENARIO, "baseline": {"growth": row["baseline.growth"]},
           "shocks": [{**SCENARIO["shocks"][0], "probability": row["shocks.twn-fabs.probability"],
                       "loss": row["shocks.twn-fabs.loss"]}]}
    df = engine.scenario_run(doc, draws=300, seed=3, economies=["IDN"], years=[2030])
    acc = df[(df["code"] == "IDN") & (df["measure"] == "accessible")].iloc[0]
    assert row["idn_loss"] == 1.0 - acc["mean_share"]
    assert row["idn_p50"] == acc["p50_h100e"]
    # Losses are shares in [0, 1]; the sweep's meta records the design.
    assert r.samples["idn_loss"].between(0, 1).all()
    assert r.meta["sweep"]["design"] == "saltelli" and r.meta["sweep"]["runs"] == n * (k + 2)
    # Growth cannot change the share lost to a foundry shock much, probability and loss can:
    # the loss output's total index of growth is the smallest.
    st = r.sobol[r.sobol["output"] == "idn_loss"].set_index("parameter")["ST"]
    assert st["baseline.growth"] < max(st["shocks.twn-fabs.probability"], st["shocks.twn-fabs.loss"])


@needs_engine
def test_higher_shock_probability_never_raises_accessible_compute(engine):
    # Common random numbers: a shock occurs in draw k when its uniform is below the probability,
    # so raising the probability only adds draws with a (loss-only) foundry shock.
    levels = [0.0, 0.1, 0.3, 0.6, 1.0]
    r = aisov.sweep(SCENARIO, {"shocks.0.probability": levels}, samples=2, draws=400, seed=9, design="grid",
                    engine=engine,
                    outputs={"mean": {"code": "IDN", "year": 2030, "measure": "accessible", "stat": "mean_h100e"},
                             "loss": IDN_LOSS,
                             "base": {"code": "IDN", "year": 2030, "measure": "accessible", "stat": "baseline_h100e"}})
    s = r.samples.sort_values("shocks.0.probability")
    assert list(s["shocks.0.probability"]) == levels
    assert np.all(np.diff(s["mean"].to_numpy()) <= 0)
    assert s["mean"].iloc[-1] < s["mean"].iloc[0]
    assert s["loss"].iloc[0] == 0.0  # no shock can occur: every draw keeps its baseline
    assert (s["base"] == s["base"].iloc[0]).all()  # the no-shock baseline does not depend on it


@needs_engine
def test_bad_parameter_path_is_refused_before_running(engine):
    with pytest.raises(ValueError, match="no entry with id 'nope'"):
        _sweep(engine, parameters={"shocks.nope.probability": (0.1, 0.2)})


@needs_engine
def test_engine_errors_name_the_sample(engine):
    # A probability above 1 is refused by the engine (docs/scenarios.md); the exception keeps its
    # type and message and gains a note saying which sample and values caused it.
    with pytest.raises(aisov.Error) as info:
        aisov.sweep(SCENARIO, {"shocks.0.probability": [0.5, 1.5]}, samples=2, draws=10, design="grid",
                    engine=engine, outputs=[IDN_LOSS])
    assert "probability" in str(info.value)
    assert info.value.__notes__ == ["in sweep sample 1 (shocks.0.probability = 1.5)"]


@needs_engine
def test_dask_two_workers_bit_identical_to_in_process(engine):
    distributed = pytest.importorskip("distributed")
    local = _sweep(engine)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        whole = _sweep(None, client=client)
        sharded = _sweep(None, client=client, chunk_draws=128)  # 3 shards per row, merged on a worker
    for other in (whole, sharded):
        pd.testing.assert_frame_equal(local.samples, other.samples, check_exact=True)
        pd.testing.assert_frame_equal(local.sobol, other.sobol, check_exact=True)
    assert not local.samples["idn_p50"].isna().any()
    assert math.isfinite(local.sobol["S1"].iloc[0])

"""Scenario runs from Python: determinism, dict input, shards, per-draw samples."""

import tomllib

import numpy as np
import pandas.testing as pdt
import pytest

import aisov

RUN = dict(draws=400, seed=7, economies="IDN,TWN,USA", years=[2027, 2030])


def test_threads_do_not_change_the_result(eng):
    a = eng.scenario_run("taiwan-foundry", threads=1, **RUN)
    b = eng.scenario_run("taiwan-foundry", threads=2, **RUN)
    pdt.assert_frame_equal(a, b)
    assert set(a["code"]) == {"IDN", "TWN", "USA"}
    assert set(a["year"]) == {2027, 2030}
    assert a.attrs["meta"]["draws"] == 400
    assert a.attrs["meta"]["seed"] == 7


def test_dict_scenario_equals_file(eng, repo):
    with open(repo / "scenarios" / "taiwan-foundry.toml", "rb") as f:
        spec = tomllib.load(f)
    from_file = eng.scenario_run("taiwan-foundry", **RUN)
    from_dict = eng.scenario_run(spec, **RUN)
    assert from_dict.attrs["meta"]["scenario_hash"] == from_file.attrs["meta"]["scenario_hash"]
    pdt.assert_frame_equal(from_dict, from_file)


def test_shard_and_merge_equal_single_run(eng, tmp_path):
    single = eng.scenario_run("taiwan-foundry", **RUN)
    shards = []
    for first, last in [(250, 400), (0, 100), (100, 250)]:
        out = tmp_path / f"s{first}.shard"
        info = eng.scenario_shard("taiwan-foundry", first, last, out, **RUN)
        assert (info["first"], info["last"], info["draws"]) == (first, last, 400)
        shards.append(out)
    merged = eng.scenario_merge(shards, threads=2)
    pdt.assert_frame_equal(merged, single)


def test_samples_means_equal_run_means(eng):
    run = eng.scenario_run("taiwan-foundry", **RUN)
    values, columns = eng.scenario_samples("taiwan-foundry", **RUN)
    assert values.shape == (400, len(columns))
    assert values.dtype == np.float32
    assert not values.flags.writeable and not values.flags.owndata  # a view of the shard bytes
    means = values.astype(np.float64).mean(axis=0)
    by_key = run.set_index(["code", "year", "measure"])["mean_h100e"]
    for (code, year, measure), mean in zip(columns, means):
        assert mean == pytest.approx(by_key.loc[(code, year, measure)], rel=1e-6)
    # A part of the draws is the same rows of the whole.
    part, _ = eng.scenario_samples("taiwan-foundry", first=100, last=150, **RUN)
    np.testing.assert_array_equal(part, values[100:150])


def test_read_samples_checks_the_shard_like_a_merge(eng, tmp_path):
    path = tmp_path / "s.shard"
    eng.scenario_shard("taiwan-foundry", 0, 50, str(path), **RUN)
    values, columns = aisov.read_samples(path)
    assert values.shape == (50, len(columns)) and not values.flags.writeable
    whole, _ = eng.scenario_samples("taiwan-foundry", **RUN)
    np.testing.assert_array_equal(values, whole[:50])
    good = path.read_bytes()
    # One flipped byte in a record: the checksum no longer matches.
    damaged = bytearray(good)
    damaged[len(good) - 20] ^= 0xFF
    cases = {"damaged": bytes(damaged), "truncated": good[:-9], "foreign": b"hello\n" + good[6:]}
    for name, data in cases.items():
        bad = tmp_path / f"{name}.shard"
        bad.write_bytes(data)
        with pytest.raises(aisov.InvalidInput) as e:
            aisov.read_samples(bad)
        assert str(bad) in str(e.value), (name, str(e.value))
    with pytest.raises(aisov.NotFound):
        aisov.read_samples(tmp_path / "missing.shard")


def test_check_and_list(eng):
    lst = eng.scenario_list()
    assert "taiwan-foundry.toml" in {f.split("/")[-1] for f in lst["file"]}
    chk = eng.scenario_check("taiwan-foundry")
    assert chk.json["name"] == "Taiwan foundry disruption"
    assert chk.json["horizon"] == 2030


def test_run_equals_cli_csv(eng, cli):
    import io

    import pandas as pd
    df = eng.scenario_run("taiwan-foundry", **RUN)
    text = cli("scenario", "run", "taiwan-foundry", "--draws", "400", "--seed", "7",
               "--economies", "IDN,TWN,USA", "--years", "2027,2030", "--format", "csv")
    expected = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
    pdt.assert_frame_equal(df, expected)

"""The package's surface: stubs agree with the module, docstrings everywhere, the other calls."""

import ast
import csv
import inspect
import io
import json
import os
import pathlib
import pydoc
import subprocess
import sys

import pandas as pd
import pytest

import aisov

STUB = pathlib.Path(aisov.__file__).with_name("__init__.pyi")


def stub_names():
    tree = ast.parse(STUB.read_text())
    top, methods = set(), set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            top.add(node.name)
        if isinstance(node, ast.ClassDef) and node.name == "Engine":
            methods = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
    return top, methods


def test_stub_matches_module():
    top, methods = stub_names()
    assert top == set(aisov.__all__)
    public = {n for n, _ in inspect.getmembers(aisov.Engine) if not n.startswith("_")}
    assert methods == public
    for name in methods:
        stub_params = _stub_params("Engine", name)
        real = [p for p in inspect.signature(getattr(aisov.Engine, name)).parameters]
        assert stub_params == real, name


def _stub_params(cls, name):
    tree = ast.parse(STUB.read_text())
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == cls:
            for f in node.body:
                if isinstance(f, ast.FunctionDef) and f.name == name:
                    a = f.args
                    return [x.arg for x in a.posonlyargs + a.args + a.kwonlyargs]
    raise KeyError(name)


def test_docstrings_everywhere():
    assert aisov.__doc__ and "aisov.open" in aisov.__doc__
    for name in aisov.__all__:
        assert getattr(aisov, name).__doc__, name
    for name, member in inspect.getmembers(aisov.Engine):
        if not name.startswith("_"):
            assert member.__doc__ and len(member.__doc__) > 30, name
    text = pydoc.render_doc(aisov.Engine.census, renderer=pydoc.plaintext)
    assert "reference-nine" in text


def test_version():
    assert aisov.version().count(".") == 2


def test_invest(eng):
    p = eng.invest_profile("DEU")
    assert p.json["profile"]["code"] == "DEU"
    els = p.json["profile"]["elements"]
    assert len(els) == 6
    # Each element's split is its share of the economy's own total: the splits sum to 1.
    assert sum(e["split"] for e in els) == pytest.approx(1.0, abs=1e-9)
    a = eng.invest_archetypes()
    # Every classified economy is counted under exactly one of the four archetypes.
    assert len(a.json["counts"]) == 4
    assert sum(a.json["counts"].values()) == len(a.frame) == a.frame["iso3"].nunique()
    progs = eng.invest_programmes("DEU")
    assert isinstance(progs, pd.DataFrame)
    cmp = eng.invest_compare("DEU,FRA")
    assert len(cmp.json["rows"]) == 2


def test_site_and_place(eng):
    s = eng.site(in_="DEU,FRA", limit=5)
    assert 0 < len(s.frame) <= 5
    assert set(s.frame["iso3"]) <= {"DEU", "FRA"}
    scores = list(s.frame["score"])
    assert scores == sorted(scores, reverse=True)
    p = eng.place("training", territory="DEU", count=8, hours=10)
    el = p.eligible
    assert len(el) > 0 and set(el["iso3"]) == {"DEU"}
    assert (el["excluded_by"] == "").all()
    priced = el.dropna(subset=["price_usd_per_accel_hour"])
    # cost = price per accelerator-hour × 8 accelerators × 10 hours; sorted by price.
    assert list(priced["cost_usd"]) == pytest.approx(list(priced["price_usd_per_accel_hour"] * 80))
    assert list(priced["price_usd_per_accel_hour"]) == sorted(priced["price_usd_per_accel_hour"])
    assert len(p.frame) == len(el) + len(p.excluded)


def test_installed_package_uses_its_bundled_copy(tmp_path):
    # `cmake --install --component python` into a staging root, then import from there with no
    # AISOV_DATA/AISOV_SCENARIOS: the dataset and scenarios come from the package's own copy.
    build = pathlib.Path(aisov.__file__).resolve().parents[2]
    if not (build / "CMakeCache.txt").exists():
        pytest.skip("not a build tree")
    env = {k: v for k, v in os.environ.items() if k not in ("AISOV_DATA", "AISOV_SCENARIOS")}
    env["DESTDIR"] = str(tmp_path / "root")
    subprocess.run(["cmake", "--install", str(build), "--component", "python"], check=True,
                   capture_output=True, env=env)
    site = next((tmp_path / "root").rglob("aisov/__init__.py")).parents[1]
    env["PYTHONPATH"] = str(site)
    code = ("import aisov, json; e = aisov.open(); "
            "r = e.scenario_run('taiwan-foundry', draws=50, economies='TWN', years=2030); "
            "print(json.dumps([aisov.__file__, e.summary()['data_dir'], "
            "r.attrs['meta']['scenario_file'], len(e.scenario_list())]))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, env=env, cwd=tmp_path).stdout
    file, data_dir, scenario_file, n = json.loads(out)
    bundled = str(pathlib.Path(file).parent / "_bundled")
    assert file.startswith(str(site))
    assert data_dir == bundled + "/data"
    assert scenario_file == bundled + "/scenarios/taiwan-foundry.toml"
    assert n == len(list((pathlib.Path(bundled) / "scenarios").glob("*.toml")))


def test_optimise_within_budget_and_as_cli(eng, cli):
    r = eng.optimise(economy="IDN", budget=2e9, draws=200, no_align=True)
    assert r.meta["economy"] == "IDN" and r.meta["draws"] == 200
    assert r.meta["budget_usd"] == 2e9
    # The optimum spends at most the budget.
    assert r.json["result"]["cost_usd"] <= 2e9 * (1 + 1e-9)
    assert r.allocation["cost_usd"].sum() == pytest.approx(r.json["result"]["cost_usd"])
    text = cli("optimise", "--economy", "IDN", "--budget", "2e9", "--draws", "200", "--no-align",
               "--format", "json")
    expected = json.loads(text)
    assert r.json["allocation"] == expected["allocation"]
    assert r.json["result"]["objective"] == expected["result"]["objective"]


def test_import_facility_csv(repo, tmp_path):
    # Three hand-written facilities onto the tiny fixture (as tests/io/import_test.cpp): one
    # operational in Kenya, one operational in Germany, one planned in Brazil.
    src = tmp_path / "in.csv"
    src.write_text("Site,Country,Status,MW,H100e,Operator,Opened\n"
                   "Nairobi AI One,Kenya,Operational,12,4000,Savannah Compute,2024-02\n"
                   "Frankfurt Two,DEU,operational,30,8000,DE Cloud,2023-09\n"
                   "Recife Site,Brazil,planned,,,,\n")
    tiny = aisov.open(repo / "tests" / "fixtures" / "tiny")
    res = tiny.import_("facility-csv", src, tmp_path / "out",
                       map={"name": "Site", "country": "Country", "status": "Status",
                            "power_mw": "MW", "h100e": "H100e", "operator": "Operator",
                            "first_operational": "Opened"},
                       source_id="my-list", source_title="My facility list",
                       source_url="https://example.org/my-list")
    assert res["facilities_added"] == 3 and res["out_dir"].endswith("out")
    out = aisov.open(tmp_path / "out")
    assert out.summary()["dataset_version"] == tiny.summary()["dataset_version"] + "+facility-csv"
    before = tiny.census().set_index("code")
    after = out.census().set_index("code")
    assert after.loc["KEN", "facilities"] == before["facilities"].get("KEN", 0) + 1
    assert after.loc["DEU", "facilities"] == before["facilities"].get("DEU", 0) + 1
    assert after["facilities"].sum() == before["facilities"].sum() + 2  # planned is not counted
    with pytest.raises(aisov.InvalidArgument):
        tiny.import_("facility-csv", src, tmp_path / "out2", map="name")


def test_integer_columns_with_gaps_stay_integers(eng, cli):
    # A column of whole numbers with empty cells is nullable Int64 (pandas alone would read
    # 2027 as 2027.0 once a cell is empty); decimals stay float, text stays text, and a column
    # with no value at all stays float (nothing says what it holds).
    from aisov._frames import read_csv

    df = read_csv("a,b,c,d,e\n1,,x,,-4\n,2.5,y,,+7\n3,3,,,0\n")
    assert str(df["a"].dtype) == "Int64"
    assert df["a"].tolist() == [1, pd.NA, 3]
    assert df["b"].dtype == float and df["b"].isna().tolist() == [True, False, False]
    assert df["b"].tolist()[1:] == [2.5, 3.0]
    assert df["c"].dtype == object and df["c"].tolist()[:2] == ["x", "y"]
    assert df["d"].dtype == float and df["d"].isna().all()
    assert df["e"].dtype == "int64" and df["e"].tolist() == [-4, 7, 0]
    # The optimiser's table: `year` is empty on rows without a year.
    r = eng.optimise(economy="IDN", budget=5e9, draws=200, no_align=True)
    text = cli("optimise", "--economy", "IDN", "--budget", "5e9", "--draws", "200", "--no-align",
               "--format", "csv")
    years = list(csv.reader(io.StringIO(text)))
    col = years[0].index("year")
    assert str(r.frame["year"].dtype) == "Int64"
    assert r.frame["year"].isna().any()
    assert [None if v is pd.NA else int(v) for v in r.frame["year"]] == \
        [int(row[col]) if row[col] else None for row in years[1:]]

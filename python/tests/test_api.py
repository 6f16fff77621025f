"""The package's surface: stubs agree with the module, docstrings everywhere, the other calls."""

import ast
import inspect
import pathlib
import pydoc

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

"""Census, profile and sites from Python against the CLI and the reference figures."""

import io

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import aisov


def read_cli_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])


@pytest.mark.parametrize("by,weight", [("economy", "regions"), ("provider", "regions"),
                                       ("bloc", "h100e")])
def test_census_equals_cli_csv(eng, cli, by, weight):
    df = eng.census(providers="reference-nine", as_of="2024-11-30", by=by, weight=weight)
    expected = read_cli_csv(cli("census", "--providers", "reference-nine", "--as-of",
                                "2024-11-30", "--by", by, "--weight", weight, "--format", "csv"))
    pdt.assert_frame_equal(df, expected)
    assert len(df) > 0


def test_census_meta(eng):
    df = eng.census(providers=["aws", "gcp"], as_of="2024-11-30")
    meta = df.attrs["meta"]
    assert meta["as_of"] == "2024-11-30"
    assert meta["providers"] == ["aws", "gcp"]
    assert meta["engine_version"] == aisov.version()
    assert meta["dataset_version"] == eng.summary()["dataset_version"]


def test_reference_nine_counts_of_methodology_section_10(eng):
    # docs/methodology.md §10: AI regions per provider on 2024-11-30, strict–lenient:
    # AWS 23–32, GCP 30, Azure 35; Alibaba 10–14, Huawei 5, Tencent 17; OVHcloud 4–6.
    df = eng.census(providers="reference-nine", as_of="2024-11-30", by="provider").set_index(
        "code")
    expected = {"aws": (23, 32), "gcp": (30, 30), "azure": (35, 35), "alibaba": (10, 14),
                "huawei": (5, 5), "tencent": (17, 17), "ovhcloud": (4, 6), "exoscale": (0, 0)}
    for code, (strict, lenient) in expected.items():
        assert df.loc[code, "ai_regions_strict"] == strict, code
        assert df.loc[code, "ai_regions"] == lenient, code
    # US providers' AI regions: 88–97; abroad 66–72.
    us = df.loc[["aws", "gcp", "azure"]]
    assert (us["ai_regions_strict"].sum(), us["ai_regions"].sum()) == (88, 97)
    assert (us["ai_regions_abroad_strict"].sum(), us["ai_regions_abroad"].sum()) == (66, 72)


def test_economies_hosting_ai_regions(eng):
    # §10: 32–33 economies host AI regions (strict–lenient), in the economy census too.
    df = eng.census(providers="reference-nine", as_of="2024-11-30")
    assert (df["ai_regions"] > 0).sum() == 33
    assert (df["ai_regions_strict"] > 0).sum() == 32
    assert df["ai_regions"].sum() == 97 + 36 + 7  # US + Chinese + European providers


def test_profile_shares_sum_to_one(eng):
    p = eng.profile("DEU", providers="reference-nine", as_of="2024-11-30")
    assert isinstance(p, aisov.Result)
    assert set(p.frame["code"]) == {"DEU"}
    census = p.json["census"]
    for layer in ("operator_jurisdiction", "designer_jurisdiction", "fab_location"):
        shares = census[layer]["shares"]
        if shares:
            assert sum(s["share"] for s in shares) == pytest.approx(1.0, abs=1e-12), layer
            hhi = sum(s["share"] ** 2 for s in shares)
            assert census[layer]["hhi"] == pytest.approx(hhi, abs=1e-12)
    # The profile's regions table lists the regions its census row counts.
    assert len(p.regions) == census["regions"]
    assert int(p.regions["ai"].sum()) == census["ai_regions"]
    assert p.regions.attrs["meta"]["as_of"] == "2024-11-30"


def test_sites_match_census_counts(eng):
    sites = eng.sites(providers="reference-nine", as_of="2024-11-30")
    census = eng.census(providers="reference-nine", as_of="2024-11-30").set_index("code")
    per = sites.groupby("iso3").size()
    for iso3, n in per.items():
        assert census.loc[iso3, "regions"] == n
    assert sites["lat"].dtype == np.float64


def test_sources_and_summary(eng):
    src = eng.sources()
    assert {"source_id", "cited_by_rows"} <= set(src.columns)
    assert src["source_id"].is_unique
    s = eng.summary()
    assert s["tables"]["sources"] == len(src)

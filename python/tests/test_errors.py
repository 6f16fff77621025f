"""Errors: one exception class per engine error code, with code, slug, details and the CLI's
message; bad Python argument types raise TypeError, never crash."""

import re
import shutil
import subprocess

import pytest

import aisov

CLASSES = [(aisov.InvalidArgument, 2, "invalid-argument"),
           (aisov.InvalidDataset, 3, "invalid-dataset"), (aisov.NotFound, 4, "not-found"),
           (aisov.InvalidInput, 5, "invalid-input"), (aisov.IoError, 6, "io-error"),
           (aisov.Internal, 7, "internal"), (aisov.Cancelled, 12, "cancelled")]


@pytest.mark.parametrize("cls,code,slug", CLASSES)
def test_classes(cls, code, slug):
    # The numbers and names of include/aisov/error.hpp and src/api/errors.cpp.
    assert issubclass(cls, aisov.Error) and cls.code == code and cls.slug == slug


def test_invalid_argument_message_is_the_clis(eng, cli, repo):
    with pytest.raises(aisov.InvalidArgument) as info:
        eng.census(by="continent")
    e = info.value
    assert (e.code, e.slug, e.details) == (2, "invalid-argument", [])
    exe = repo / "build" / "aisov"
    if exe.exists():
        p = subprocess.run([str(exe), "census", "--by", "continent"], capture_output=True,
                           text=True)
        assert p.returncode == 2
        assert str(e) == p.stderr.rstrip("\n")
    assert str(e).startswith("aisov: error: ")


def test_not_found(eng):
    with pytest.raises(aisov.NotFound) as info:
        eng.profile("XXX")
    assert info.value.code == 4 and "XXX" in str(info.value)
    with pytest.raises(aisov.NotFound):
        eng.scenario_run("no-such-scenario", draws=10)


def test_invalid_input(eng):
    with pytest.raises(aisov.InvalidInput) as info:
        eng.scenario_run("name = \"x\"\nhorizon = 'soon'\n", draws=10)
    assert info.value.slug == "invalid-input"
    # A dict scenario is checked as its JSON text, with positions in the details.
    with pytest.raises(aisov.InvalidInput) as info:
        eng.scenario_run({"name": "x", "horizon": "soon"}, draws=10)
    assert any(re.match(r".*:1:\d+: horizon", d) for d in info.value.details), info.value.details


def test_io_error(eng, tmp_path):
    with pytest.raises(aisov.IoError) as info:
        eng.scenario_shard("taiwan-foundry", 0, 10, tmp_path / "no" / "dir" / "x.shard",
                           draws=10)
    assert info.value.code == 6


def test_invalid_dataset_lists_file_line_column(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(aisov.open().summary()["data_dir"], data)
    path = data / "accelerators.csv"
    lines = path.read_text().split("\n")
    assert ",2015-08-30," in lines[2]
    lines[2] = lines[2].replace(",2015-08-30,", ",2015-02-30,")  # no 30 February
    path.write_text("\n".join(lines))
    with pytest.raises(aisov.InvalidDataset) as info:
        aisov.open(data)
    e = info.value
    assert e.code == 3 and e.slug == "invalid-dataset"
    assert any(re.match(r".*accelerators\.csv:3:\d+: ", d) for d in e.details), e.details
    assert all(("  " + d) in str(e) for d in e.details)
    report = aisov.validate(data)
    assert report.json["ok"] is False
    assert report.json["errors"] == e.details
    assert list(report.frame["severity"]).count("error") == len(e.details)


def test_bad_types_raise_type_error(eng):
    with pytest.raises(TypeError):
        eng.census(providers=5)
    with pytest.raises(TypeError):
        eng.census(as_of=20241130)
    with pytest.raises(TypeError):
        eng.scenario_run("taiwan-foundry", draws="many")
    with pytest.raises(TypeError):
        eng.scenario_run(42)
    with pytest.raises(TypeError):
        eng.scenario_run("taiwan-foundry", years=[2030.5])
    with pytest.raises(TypeError):
        aisov.open(data=3)
    with pytest.raises(aisov.InvalidArgument):
        eng.scenario_run("taiwan-foundry", seed=-1)
    with pytest.raises(aisov.InvalidArgument):
        eng.scenario_run("taiwan-foundry", years="soon")
    with pytest.raises(aisov.InvalidArgument):
        eng.scenario_run("taiwan-foundry", threads=-1)
    with pytest.raises(aisov.InvalidArgument) as info:
        eng.scenario_run("taiwan-foundry", draws=0)
    assert "draws" in str(info.value)
    with pytest.raises(TypeError):  # pybind11's own check, below the Python layer
        eng._e.census(1, [], [], "economy", "regions")


def test_errors_survive_pickling_with_class_code_and_text():
    # Dask ships a worker's exception to the client by pickling it.
    import pickle

    e = aisov.InvalidDataset("dataset invalid", ["a.csv:3:7: bad date"], code=3,
                             slug="invalid-dataset",
                             text="aisov: error: dataset invalid\n  a.csv:3:7: bad date")
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is aisov.InvalidDataset
    assert (back.code, back.slug, back.details, back.message) == (
        3, "invalid-dataset", ["a.csv:3:7: bad date"], "dataset invalid")
    assert str(back) == str(e) == "aisov: error: dataset invalid\n  a.csv:3:7: bad date"

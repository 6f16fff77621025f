"""Fixtures for the aisov package tests (run by scripts/test.sh with PYTHONPATH=build/python)."""

import os
import pathlib
import subprocess

import pytest

import aisov

REPO = pathlib.Path(__file__).resolve().parents[2]


def _cli() -> pathlib.Path:
    """The `aisov` executable of the build tree the package was imported from."""
    env = os.environ.get("AISOV_CLI")
    if env:
        return pathlib.Path(env)
    return pathlib.Path(aisov.__file__).resolve().parents[2] / "aisov"


@pytest.fixture(scope="session")
def eng() -> aisov.Engine:
    return aisov.open()


@pytest.fixture(scope="session")
def cli():
    exe = _cli()
    if not exe.exists():
        pytest.skip(f"no aisov executable at {exe}")

    def run(*args: str) -> str:
        return subprocess.run([str(exe), *args], check=True, capture_output=True,
                              text=True).stdout

    return run


@pytest.fixture(scope="session")
def repo() -> pathlib.Path:
    return REPO

"""Turning the engine's renderings into pandas objects.

The extension returns each result as the engine's own CSV and JSON texts (the bytes the CLI and
the HTTP API print); nothing here knows a result's fields. The CSV becomes the tidy DataFrame
(its column names are the CSV's), the JSON's ``meta`` object its ``attrs["meta"]``, and every
list of objects in the JSON a named table of a :class:`Result`.
"""

from __future__ import annotations

import io
import json
from typing import Any, Dict, Iterator, List, Mapping, Tuple

import pandas as pd


def read_csv(text: str) -> pd.DataFrame:
    """Reads the engine's CSV: empty cells are missing values, nothing else is.

    A column of whole numbers is an integer column: ``int64`` when it has no empty cell (pandas'
    own reading), nullable ``Int64`` (missing = ``pd.NA``) when it has some, where pandas alone
    would turn it into floats (a year 2027 read as 2027.0). The engine writes every number within
    1e-9 of a whole number below 1e15 as an integer literal, so whole values are exactly the
    cells written as integers.
    """
    if not text.strip():
        return pd.DataFrame()
    df = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
    for c in df.columns:
        col = df[c]
        if col.dtype != float or not col.isna().any():
            continue
        given = col.dropna()
        if len(given) and ((given == given.round()) & (given.abs() < 1e15)).all():
            df[c] = col.astype("Int64")
    return df


def meta_of(doc: Mapping[str, Any]) -> Dict[str, Any]:
    """The provenance of a JSON result: its ``meta`` object, or else its top-level scalars."""
    meta = doc.get("meta")
    if isinstance(meta, dict):
        return meta
    return {k: v for k, v in doc.items() if not isinstance(v, (dict, list))}


def frame(rendered: Tuple[str, str]) -> pd.DataFrame:
    """The CSV rendering as a DataFrame with ``attrs["meta"]`` from the JSON rendering."""
    csv_text, json_text = rendered
    df = read_csv(csv_text)
    df.attrs["meta"] = meta_of(json.loads(json_text))
    return df


def _records_table(items: List[Any], meta: Dict[str, Any]) -> pd.DataFrame:
    df = pd.json_normalize(items, sep="_") if items else pd.DataFrame()
    df.attrs["meta"] = meta
    return df


class Result:
    """A result with more than one table (a profile, an optimisation, a siting …).

    Attributes:
        frame: the result's CSV rendering as a tidy DataFrame (what ``--format csv`` prints).
        json: the whole JSON rendering as a dict (what ``--format json`` prints).
        meta: the provenance dict (engine and dataset versions, as-of date, seed, draws …).
        tables: every list of objects in the JSON (top level, and one level down inside
            objects, named ``outer_inner``), as DataFrames with nested objects flattened to
            ``a_b`` columns; each carries ``attrs["meta"]``.

    ``result["regions"]`` and ``result.regions`` give ``result.tables["regions"]``;
    ``list(result)`` names the tables.
    """

    def __init__(self, rendered: Tuple[str, str]) -> None:
        csv_text, json_text = rendered
        self.json: Dict[str, Any] = json.loads(json_text)
        self.meta: Dict[str, Any] = meta_of(self.json)
        self.frame: pd.DataFrame = read_csv(csv_text)
        self.frame.attrs["meta"] = self.meta
        self.tables: Dict[str, pd.DataFrame] = {}
        for key, value in self.json.items():
            if _is_records(value):
                self.tables[key] = _records_table(value, self.meta)
            elif isinstance(value, dict):
                for inner, v in value.items():
                    if _is_records(v):
                        self.tables[f"{key}_{inner}"] = _records_table(v, self.meta)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self.tables))

    def __repr__(self) -> str:
        return (f"<aisov.Result: {len(self.frame)} rows; tables: "
                f"{', '.join(self.tables) or 'none'}>")

    def _repr_html_(self) -> str:
        return self.frame._repr_html_()  # type: ignore[operator]


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(x, dict) for x in value)

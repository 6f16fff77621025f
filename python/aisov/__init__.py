"""aisov: the compute-sovereignty engine from Python (docs/python.md).

Open an engine on the bundled dataset (or another dataset directory) and call it::

    import aisov
    eng = aisov.open()
    census = eng.census(providers="reference-nine", as_of="2024-11-30")  # a DataFrame
    census.attrs["meta"]          # engine and dataset versions, as-of date, providers …
    run = eng.scenario_run("taiwan-foundry", draws=2000, economies="IDN", years=[2030])

Every method mirrors one ``aisov`` CLI command; keyword arguments carry the CLI's long option
names with ``_`` for ``-``. Tables come back as pandas DataFrames with the CSV output's columns,
results with several tables as :class:`Result`. Errors raise :class:`Error` subclasses with the
engine's code, slug and details. Long calls release the GIL and stop on Ctrl-C
(KeyboardInterrupt).
"""

from __future__ import annotations

import json as _json
import os
import re
import tempfile
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _aisov
from ._errors import (Cancelled, Error, Internal, InvalidArgument, InvalidDataset, InvalidInput,
                      IoError, NotFound)
from . import _frames
from ._frames import Result

__all__ = [
    "Cancelled",
    "Engine",
    "Error",
    "Internal",
    "InvalidArgument",
    "InvalidDataset",
    "InvalidInput",
    "IoError",
    "NotFound",
    "Result",
    "open",
    "read_samples",
    "sweep",
    "SweepResult",
    "validate",
    "version",
]

StrList = Union[str, Iterable[str], None]
Scenario = Union[str, "os.PathLike[str]", Mapping[str, Any]]

# An installed package carries a copy of the bundled dataset and scenarios (python/CMakeLists.txt):
# the engine's defaults (Engine::default_data_dir and default_scenario_dir, which read AISOV_DATA
# and AISOV_SCENARIOS) point at them unless the environment already names others. The build
# tree's package has no copy and uses the source tree's data/ and scenarios/.
_BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_bundled")
if os.path.isdir(_BUNDLED):
    os.environ.setdefault("AISOV_DATA", os.path.join(_BUNDLED, "data"))
    os.environ.setdefault("AISOV_SCENARIOS", os.path.join(_BUNDLED, "scenarios"))


def version() -> str:
    """The aisov engine's version string (as ``aisov --version`` prints)."""
    return _aisov.version()


def open(data: Union[str, "os.PathLike[str]", None] = None) -> "Engine":  # noqa: A001
    """Loads and validates a dataset and returns an :class:`Engine` on it.

    Args:
        data: dataset directory (the CLI's ``--data``); None = the bundled dataset (or the
            directory in the ``AISOV_DATA`` environment variable).

    Raises:
        InvalidDataset: the dataset failed validation; ``details`` lists every problem as
            ``file:line:column: reason``.
    """
    path = "" if data is None else os.fspath(_check(data, (str, os.PathLike), "data"))
    return Engine(_aisov.Engine.open(path))


def validate(dir: Union[str, "os.PathLike[str]", None] = None) -> Result:  # noqa: A002
    """Validates a dataset directory without opening it (``aisov data validate``).

    Returns a :class:`Result`: ``frame`` has one row per problem (``severity``, ``message``),
    ``json["ok"]`` says whether the dataset is valid, ``json["errors"]`` and
    ``json["warnings"]`` list the ``file:line:column: reason`` lines, ``json["tables"]`` the row
    counts. An invalid dataset is a result here, not an exception.
    """
    path = "" if dir is None else os.fspath(_check(dir, (str, os.PathLike), "dir"))
    return Result(_aisov.validate(path))


def read_samples(path: Union[str, "os.PathLike[str]"]) -> Tuple[np.ndarray, pd.MultiIndex]:
    """Reads the per-draw outputs of a shard file (``scenario_shard`` or the CLI's
    ``--samples-out``) as ``(values, columns)``.

    ``values`` is a read-only float32 array of shape (draws in the shard, series): each draw's
    compute in H100e per series, a view straight onto the file's bytes (no copy). ``columns`` is
    a MultiIndex of (code, year, measure) naming the series (docs/scenarios.md, "Shard files",
    for the format).
    """
    return _read_shard(os.fspath(path))


def _read_shard(path: str) -> Tuple[np.ndarray, pd.MultiIndex]:
    # The engine's own shard parser checks the magic line, header, size and checksum (a damaged
    # or foreign file raises aisov.InvalidInput naming it); the array views its bytes.
    values, columns = _aisov.read_samples(path)
    return values, pd.MultiIndex.from_tuples(columns, names=["code", "year", "measure"])


def _check(value: Any, types: Any, name: str) -> Any:
    if not isinstance(value, types):
        raise TypeError(f"{name}: expected {_type_names(types)}, got {type(value).__name__}")
    return value


def _type_names(types: Any) -> str:
    if not isinstance(types, tuple):
        types = (types,)
    return " or ".join(t.__name__ for t in types)


def _str(value: Any, name: str) -> str:
    if value is None:
        return ""
    return _check(value, str, name)


def _list(value: StrList, name: str) -> List[str]:
    """None → []; "a, b,,c" → ["a", "b", "c"] (as the CLI's comma lists); an iterable of str."""
    if value is None:
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.split(",") if p.strip()]
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{name}: expected a str or a list of str, "
                        f"got {type(value).__name__}") from None
    for x in items:
        if not isinstance(x, str):
            raise TypeError(f"{name}: expected str items, got {type(x).__name__}")
    return items


def _years(value: Union[str, int, Iterable[int], None]) -> List[int]:
    """None → []; 2030 → [2030]; "2027,2030" or "2027-2030" (as the CLI's --years); ints."""
    if value is None:
        return []
    if isinstance(value, bool):
        raise TypeError("years: expected int, str or a list of int, got bool")
    if isinstance(value, int):
        return [value]
    if isinstance(value, str):
        out: List[int] = []
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
            if not m:
                raise InvalidArgument(f"malformed years '{value}'")
            a = int(m.group(1))
            b = int(m.group(2) or a)
            if b < a or b - a > 200:
                raise InvalidArgument(f"malformed years '{value}'")
            out.extend(range(a, b + 1))
        return out
    items = list(value)
    for y in items:
        if isinstance(y, bool) or not isinstance(y, (int, np.integer)):
            raise TypeError(f"years: expected int items, got {type(y).__name__}")
    return [int(y) for y in items]


def _int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name}: expected int, got {type(value).__name__}")
    return int(value)


def _float(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name}: expected a number, got {type(value).__name__}")
    return float(value)


def _opt_float(value: Any, name: str) -> Optional[float]:
    return None if value is None else _float(value, name)


def _threads(value: Any) -> int:
    """0 (all cores) to 1024, as the CLI's --threads."""
    threads = _int(value, "threads")
    if not 0 <= threads <= 1024:
        raise InvalidArgument(f"--threads must be from 0 (all cores) to 1024, got {threads}")
    return threads


def _seed(value: Any) -> int:
    seed = _int(value, "seed")
    if not 0 <= seed < 2**64:
        raise InvalidArgument(f"seed: expected a whole number from 0 to {2**64 - 1}, got {seed}")
    return seed


def _scenario(scenario: Scenario) -> Tuple[str, str, bool]:
    """(file, text, json) for a bundled name, a path, TOML text or a dict."""
    if isinstance(scenario, Mapping):
        return "", _json.dumps(scenario), True
    if isinstance(scenario, os.PathLike):
        return os.fspath(scenario), "", False
    if not isinstance(scenario, str):
        raise TypeError("scenario: expected a bundled name, a path, TOML text or a dict, got "
                        f"{type(scenario).__name__}")
    if "\n" in scenario:
        return "", scenario, False
    return scenario, "", False


class Engine:
    """An opened, validated dataset; every method is one engine call (one CLI command).

    Create it with :func:`aisov.open`. Methods are thread-safe and release the GIL, so several
    Python threads may call one Engine at once.
    """

    def __init__(self, handle: "_aisov.Engine") -> None:
        self._e = handle

    def __repr__(self) -> str:
        s = self.summary()
        return f"<aisov.Engine dataset {s['dataset_version']} as of {s['as_of']}: {s['data_dir']}>"

    # --- dataset -----------------------------------------------------------------------------

    def summary(self) -> Dict[str, Any]:
        """Dataset version, schema, as-of date, title, licence and row count per table
        (``aisov data info --format json``)."""
        return _json.loads(self._e.summary())

    def sources(self) -> pd.DataFrame:
        """The sources table with how many rows cite each (``aisov data sources``)."""
        return _frames.frame(self._e.sources())

    def import_(self, format: str, path: Union[str, "os.PathLike[str]"],  # noqa: A002
                out: Union[str, "os.PathLike[str]"], *, force: bool = False,
                map: Union[Mapping[str, str], StrList] = None,  # noqa: A002
                source_id: Optional[str] = None, source_title: Optional[str] = None,
                source_url: Optional[str] = None,
                investment_basis: str = "total") -> Dict[str, Any]:
        """Writes a new dataset directory: this dataset plus rows imported from a file
        (``aisov data import FORMAT PATH --out DIR``).

        Args:
            format: ``epoch-clusters``, ``non-us-registry``, ``facility-csv`` or
                ``electricity-prices``.
            path: the input file (non-us-registry: its CSV file or folder).
            out: the new dataset directory; must not exist unless ``force``.
            force: replace ``out`` if it exists (``--force``).
            map: facility-csv only: dataset column → input column, as a dict or
                ``"name=Site,country=Country"`` (``--map``).
            source_id, source_title, source_url: the source row the imported rows cite.
            investment_basis: non-us-registry: ``total`` or ``project``.

        Returns a dict: ``out_dir``, counts added and replaced, and the ``skipped``,
        ``duplicates``, ``corrections`` and ``notes`` lines.
        """
        if map is None:
            mapping: List[Tuple[str, str]] = []
        elif isinstance(map, Mapping):
            mapping = [(_check(k, str, "map"), _check(v, str, "map")) for k, v in map.items()]
        else:
            mapping = []
            for m in _list(map, "map"):
                k, eq, v = m.partition("=")
                if not eq or not k or not v:
                    raise InvalidArgument(f"--map expects COLUMN=INPUT_COLUMN, got '{m}'")
                mapping.append((k, v))
        return self._e.import_data(
            _check(format, str, "format"), os.fspath(path), os.fspath(out), bool(force), mapping,
            _str(source_id, "source_id"), _str(source_title, "source_title"),
            _str(source_url, "source_url"), _check(investment_basis, str, "investment_basis"))

    # --- census ------------------------------------------------------------------------------

    def census(self, as_of: Optional[str] = None, providers: StrList = None, by: str = "economy",
               weight: str = "regions", site_kinds: StrList = None) -> pd.DataFrame:
        """The three-layer compute-sovereignty census (``aisov census --format csv``).

        Args:
            as_of: date ``YYYY-MM-DD`` (``YYYY-MM``, ``YYYY``: the period's last day); None = the
                dataset's date.
            providers: provider slugs (list or comma-separated) or ``"reference-nine"``; None =
                all.
            by: rows: ``economy``, ``bloc``, ``provider`` or ``provider-jurisdiction``.
            weight: layer weights: ``regions``, ``h100e``, ``mw``, ``investment`` or ``energy``.
            site_kinds: ``public``, ``government``, ``sovereign`` (list or comma-separated);
                None = all.

        Returns one row per economy (bloc, provider …) with the CSV output's columns;
        ``attrs["meta"]`` holds the engine and dataset versions, as-of date, providers, kinds.
        """
        return _frames.frame(self._e.census(_str(as_of, "as_of"), _list(providers, "providers"),
                                            _list(site_kinds, "site_kinds"), _check(by, str, "by"),
                                            _check(weight, str, "weight")))

    def profile(self, iso3: str, as_of: Optional[str] = None, providers: StrList = None,
                weight: str = "regions", site_kinds: StrList = None) -> Result:
        """One economy's compute-sovereignty profile (``aisov profile ISO3``).

        Returns a :class:`Result`: ``frame`` is the CSV's tidy long table (``code, name, year,
        indicator, value, unit, lower, upper, source_id``); tables ``regions``, ``facilities``,
        ``indicators`` … come from the JSON; ``json["census"]`` is the economy's census row.
        Arguments as :meth:`census`.
        """
        return Result(self._e.profile(_check(iso3, str, "iso3"), _str(as_of, "as_of"),
                                      _list(providers, "providers"),
                                      _list(site_kinds, "site_kinds"),
                                      _check(weight, str, "weight")))

    def sites(self, as_of: Optional[str] = None, providers: StrList = None,
              site_kinds: StrList = None) -> pd.DataFrame:
        """Active regions with coordinates, operator jurisdiction and AI/training flags
        (``aisov sites``). Arguments as :meth:`census`."""
        return _frames.frame(self._e.sites(_str(as_of, "as_of"), _list(providers, "providers"),
                                           _list(site_kinds, "site_kinds")))

    # --- scenarios ---------------------------------------------------------------------------

    def scenario_run(self, scenario: Scenario, draws: int = 10000, seed: int = 1,
                     threads: int = 0, economies: StrList = None,
                     years: Union[str, int, Iterable[int], None] = None,
                     target_rse: float = 0) -> pd.DataFrame:
        """Monte Carlo stress test of a scenario (``aisov scenario run``).

        Args:
            scenario: a bundled scenario's name (``"taiwan-foundry"``), a path to a TOML or JSON
                file, TOML text (a str with a newline), or a dict (the JSON form,
                docs/scenarios.md).
            draws: Monte Carlo draws (the maximum when stopping early).
            seed: random seed, 0 to 2**64-1.
            threads: worker threads; 0 = all cores. The result does not depend on it.
            economies: ISO3 codes or bloc ids to report (list or comma-separated); None = every
                economy with compute.
            years: years to report: a list, one int, or ``"2027,2030"`` / ``"2027-2030"``.
            target_rse: stop once every reported mean's relative standard error is at most this
                (0 = never).

        Returns one row per economy, year and measure with the CSV output's columns
        (``mean_h100e``, ``p5_share``, ``p_loss_gt_…`` …); ``attrs["meta"]`` holds the scenario
        name and hash, seed, draws, engine and dataset versions. Ctrl-C stops the run
        (KeyboardInterrupt).
        """
        file, text, is_json = _scenario(scenario)
        return _frames.frame(self._e.scenario_run(
            file, text, is_json, _int(draws, "draws"), _seed(seed), _threads(threads),
            _list(economies, "economies"), _years(years), _float(target_rse, "target_rse")))

    def scenario_shard(self, scenario: Scenario, first: int, last: int,
                       out: Union[str, "os.PathLike[str]"], draws: int = 10000, seed: int = 1,
                       threads: int = 0, economies: StrList = None,
                       years: Union[str, int, Iterable[int], None] = None) -> Dict[str, Any]:
        """Runs draws ``[first, last)`` of a run and writes their per-draw outputs to the shard
        file ``out`` (``aisov scenario run … --draw-range FIRST:LAST --samples-out OUT``).

        ``draws``, ``seed``, ``economies`` and ``years`` describe the whole run and must be the
        same for every shard; :meth:`scenario_merge` turns the shards into the run's result,
        identical to :meth:`scenario_run` of every draw. Returns a dict: ``file``,
        ``scenario_hash``, ``seed``, ``draws``, ``first``, ``last``, ``shocked_draws``,
        ``columns``.
        """
        file, text, is_json = _scenario(scenario)
        return self._e.scenario_shard(
            file, text, is_json, _int(draws, "draws"), _seed(seed), _threads(threads),
            _list(economies, "economies"), _years(years), _int(first, "first"),
            _int(last, "last"), os.fspath(out))

    def scenario_merge(self, shards: Union[str, Iterable[Union[str, "os.PathLike[str]"]]],
                       threads: int = 0) -> pd.DataFrame:
        """Merges the shard files of one run into its result (``aisov scenario merge``): the
        same DataFrame :meth:`scenario_run` gives for every draw in one go."""
        paths = [shards] if isinstance(shards, (str, os.PathLike)) else list(shards)
        return _frames.frame(self._e.scenario_merge([os.fspath(p) for p in paths],
                                                    _threads(threads)))

    def scenario_samples(self, scenario: Scenario, draws: int = 10000, seed: int = 1,
                         first: int = 0, last: Optional[int] = None, threads: int = 0,
                         economies: StrList = None,
                         years: Union[str, int, Iterable[int], None] = None
                         ) -> Tuple[np.ndarray, pd.MultiIndex]:
        """Per-draw outputs of draws ``[first, last)`` of a run (default: every draw).

        Returns ``(values, columns)``: ``values`` a float32 array of shape (draws, series),
        each draw's compute in H100e, viewing the shard's bytes without a copy; ``columns`` a
        MultiIndex (code, year, measure). Column means equal :meth:`scenario_run`'s
        ``mean_h100e`` for the same run (to float32 rounding of each draw).
        """
        last = _int(draws, "draws") if last is None else last
        with tempfile.TemporaryDirectory(prefix="aisov-samples-") as tmp:
            path = os.path.join(tmp, "samples.shard")
            self.scenario_shard(scenario, first, last, path, draws=draws, seed=seed,
                                threads=threads, economies=economies, years=years)
            values, columns = _read_shard(path)
        return values, columns

    def scenario_check(self, scenario: Scenario) -> Result:
        """Parses and resolves a scenario without running it (``aisov scenario check``).
        Returns a :class:`Result` (``json``: name, hash, start year, horizon, shocks …)."""
        file, text, is_json = _scenario(scenario)
        return Result(self._e.scenario_check(file, text, is_json))

    def scenario_list(self, dir: Union[str, "os.PathLike[str]", None] = None  # noqa: A002
                      ) -> pd.DataFrame:
        """The scenario files in a directory; None = the bundled scenarios
        (``aisov scenario list``)."""
        return _frames.frame(self._e.scenario_list("" if dir is None else os.fspath(dir)))

    # --- investment --------------------------------------------------------------------------

    def invest_profile(self, iso3: str) -> Result:
        """One economy's value-chain investment estimate, archetype, pathway and programmes
        (``aisov invest profile ISO3``). Returns a :class:`Result`."""
        return Result(self._e.invest_profile(_check(iso3, str, "iso3")))

    def invest_compare(self, codes: StrList) -> Result:
        """Economies and blocs side by side, % of GDP by element (``aisov invest compare``).
        ``codes``: ISO3 codes or bloc ids (list or comma-separated). Returns a :class:`Result`."""
        return Result(self._e.invest_compare(_list(codes, "codes")))

    def invest_project(self, to: int = 2030, draws: int = 10000, seed: int = 1, threads: int = 0,
                       economies: StrList = None) -> Result:
        """Seeded Monte Carlo projection of annual investment per element to ``to``
        (``aisov invest project``). Returns a :class:`Result` (``frame``: code, element, year,
        mean, p5, p50, p95; table ``elements``: the model's inputs)."""
        return Result(self._e.invest_project(_int(to, "to"), _int(draws, "draws"), _seed(seed),
                                             _threads(threads),
                                             _list(economies, "economies")))

    def invest_archetypes(self) -> Result:
        """Every economy with a GDP classified into the four archetypes
        (``aisov invest archetypes``). Returns a :class:`Result`."""
        return Result(self._e.invest_archetypes())

    def invest_programmes(self, economy: Optional[str] = None) -> pd.DataFrame:
        """Announced national and corporate programmes, optionally of one economy (ISO3) or bloc
        (``aisov invest programmes --economy``)."""
        return _frames.frame(self._e.invest_programmes(_str(economy, "economy")))

    # --- optimiser ---------------------------------------------------------------------------

    def optimise(self, file: Union[str, "os.PathLike[str]", None] = None, *,
                 economy: Optional[str] = None, budget: Optional[float] = None,
                 budget_per_year: Optional[float] = None, horizon: Optional[int] = None,
                 risk_aversion: Optional[float] = None, alpha: Optional[float] = None,
                 scenario: Optional[str] = None, draws: Optional[int] = None, seed: int = 1,
                 threads: int = 0, frontier: bool = False, lambdas: Optional[Sequence[float]] = None,
                 no_align: bool = False, sensitivity: bool = False, time_limit: float = 60,
                 export_mps: Optional[str] = None, lp_relaxation: bool = False,
                 text: Optional[str] = None) -> Result:
        """The strategy optimiser (``aisov optimise``): allocate a budget over build, host,
        contract and invest, with the CVaR of the scenario's draws (docs/methodology.md §14).

        Args mirror the CLI: ``file`` (optimiser TOML; keyword arguments override it),
        ``economy`` (ISO3), ``budget`` / ``budget_per_year`` (USD), ``horizon``,
        ``risk_aversion`` (λ), ``alpha`` (CVaR level), ``scenario`` (file or bundled name),
        ``draws``, ``seed``, ``threads``, ``frontier`` and ``lambdas`` (the λ grid),
        ``no_align``, ``sensitivity``, ``time_limit`` (seconds per solve), ``export_mps``,
        ``lp_relaxation``; ``text``: the optimiser TOML itself instead of ``file``.

        Returns a :class:`Result`: ``frame`` is the CSV (the allocation), ``json`` the whole
        result (``best``, ``frontier``, ``aligned``, ``answer`` …), tables ``allocation``,
        ``constraints``, ``frontier`` … Ctrl-C stops it (KeyboardInterrupt).
        """
        lams = [] if lambdas is None else [_float(x, "lambdas") for x in lambdas]
        return Result(self._e.optimise(
            "" if file is None else os.fspath(file), _str(text, "text"), _str(economy, "economy"),
            _opt_float(budget, "budget"), _opt_float(budget_per_year, "budget_per_year"),
            None if horizon is None else _int(horizon, "horizon"),
            _opt_float(risk_aversion, "risk_aversion"), _opt_float(alpha, "alpha"),
            _str(scenario, "scenario"),
            None if draws is None else _int(draws, "draws"), _seed(seed),
            _threads(threads), bool(frontier), lams, not no_align, bool(sensitivity),
            _float(time_limit, "time_limit"), _str(export_mps, "export_mps"),
            bool(lp_relaxation)))

    def site(self, in_: StrList = None, *, demand: StrList = None, prefer: StrList = None,
             w_power: float = 1, w_price: float = 1, w_carbon: float = 1, w_water: float = 1,
             w_latency: float = 1, w_jurisdiction: float = 1, w_headroom: float = 1,
             mw: Optional[float] = None, limit: int = 20) -> Result:
        """Ranks candidate cities for a new AI data centre (``aisov site``).

        ``in_``: ISO3 codes or bloc ids to search (the CLI's ``--in``); ``demand``: demand
        centres, city names or ``"lat,lon"`` (a list, or one string separated by ``;``);
        ``prefer``: preferred jurisdictions; ``w_*``: criterion weights; ``mw``: the new IT
        load (MW), which adds its TWh/yr, grid headroom and tCO2e/yr; ``limit``: candidates
        (0 = all). Returns a :class:`Result` (``frame``: the ranked candidates)."""
        if isinstance(demand, str):
            demands = [d.strip() for d in demand.split(";") if d.strip()]
        else:
            demands = _list(demand, "demand")
        return Result(self._e.site(
            _list(in_, "in_"), demands, _list(prefer, "prefer"), _float(w_power, "w_power"),
            _float(w_price, "w_price"), _float(w_carbon, "w_carbon"), _float(w_water, "w_water"),
            _float(w_latency, "w_latency"), _float(w_jurisdiction, "w_jurisdiction"),
            _float(w_headroom, "w_headroom"), _opt_float(mw, "mw"), _int(limit, "limit")))

    def place(self, accelerator: str = "any", *, count: int = 1, hours: float = 1,
              territory: StrList = None, operators: StrList = None, designers: StrList = None,
              residency: Optional[str] = None, from_: Optional[str] = None, sort: str = "price",
              eligible_only: bool = False) -> Result:
        """Sites that may run a workload under a sovereignty policy (``aisov place``).

        ``accelerator``: an accel_id or ``training`` / ``inference`` / ``any``; ``territory``,
        ``operators``, ``designers``: allowed jurisdictions (ISO3 or bloc ids); ``residency``:
        data must stay in this ISO3 or bloc; ``from_``: the user's city or ``"lat,lon"`` (the
        CLI's ``--from``); ``sort``: ``price``, ``latency`` or ``carbon``. Returns a
        :class:`Result` (tables ``eligible`` and ``excluded``)."""
        return Result(self._e.place(
            _check(accelerator, str, "accelerator"), _int(count, "count"),
            _float(hours, "hours"), _list(territory, "territory"), _list(operators, "operators"),
            _list(designers, "designers"), _str(residency, "residency"), _str(from_, "from_"),
            _check(sort, str, "sort"), not eligible_only))

    # --- validation --------------------------------------------------------------------------

    @staticmethod
    def validate(dir: Union[str, "os.PathLike[str]", None] = None) -> Result:  # noqa: A002
        """Validates a dataset directory without opening it: as :func:`aisov.validate`."""
        return validate(dir)
from .sweep import SweepResult, sweep  # noqa: E402  (docs/python-sweeps.md)

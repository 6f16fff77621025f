// The `aisov._aisov` extension: one thin binding per Engine call (include/aisov/engine.hpp).
// Arguments become the request structs the CLI fills; results come back through the engine's own
// renderers, as (CSV text, JSON text) pairs that python/aisov/ turns into pandas DataFrames and
// dicts, so that no field list is written out here. Errors become aisov.Error subclasses
// (python/aisov/_errors.py) with the code, slug, details and the message the CLI prints.
// Every call releases the GIL; calls with a cancellation token run on a worker thread while the
// calling thread polls for Ctrl-C (PyErr_CheckSignals) every 50 ms.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "aisov/engine.hpp"
#include "core/failure.hpp"
#include "io/shard.hpp"

namespace py = pybind11;

namespace {

using aisov::Engine;
using aisov::Format;

/// An engine error on its way to Python (translated by the registered translator).
struct EngineError : std::exception {
  aisov::Error error;
  explicit EngineError(aisov::Error e) : error(std::move(e)) {}
  const char* what() const noexcept override { return error.message.c_str(); }
};

/// CSV and JSON renderings of one result.
using Rendered = std::pair<std::string, std::string>;

template <typename T>
Rendered both(const T& r) {
  return {aisov::render(r, Format::kCsv), aisov::render(r, Format::kJson)};
}

/// A JSON rendering as Python values (dict, list, str, int, float, bool, None), for results
/// returned as a dict rather than a DataFrame. Needs the GIL.
py::object json_loads(const std::string& text) {
  return py::module_::import("json").attr("loads")(text);
}

template <typename T>
const T& value_or_throw(const aisov::Result<T>& r) {
  if (!r) throw EngineError(r.error());
  return r.value();
}

/// Runs `f` (which returns a Rendered or throws) with the GIL released.
template <typename F>
Rendered released(F&& f) {
  py::gil_scoped_release release;
  return f();
}

/// Runs `f` on a worker thread with the GIL released; every 50 ms the calling thread takes the
/// GIL and runs Python's signal handlers. On Ctrl-C (or any handler that raises) it sets
/// `cancel`, waits for the call to stop, and re-raises the handler's exception
/// (KeyboardInterrupt).
template <typename F>
Rendered cancellable(std::atomic<bool>& cancel, F&& f) {
  std::optional<Rendered> out;
  std::exception_ptr failure;
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    std::thread worker([&] {
      try {
        out.emplace(f());
      } catch (...) {
        failure = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(m);
      done = true;
      cv.notify_one();
    });
    std::unique_lock<std::mutex> lock(m);
    while (!cv.wait_for(lock, std::chrono::milliseconds(50), [&] { return done; })) {
      if (interrupted) continue;
      lock.unlock();
      {
        py::gil_scoped_acquire gil;
        if (PyErr_CheckSignals() != 0) interrupted = true;  // leaves the exception set
      }
      if (interrupted) cancel.store(true);
      lock.lock();
    }
    lock.unlock();
    worker.join();
  }
  if (interrupted) throw py::error_already_set();
  if (failure) std::rethrow_exception(failure);
  return std::move(*out);
}

aisov::ScenarioRequest scenario_request(const std::string& file, const std::string& text, bool json,
                                        int64_t draws, uint64_t seed, int threads,
                                        std::vector<std::string> economies, std::vector<int> years,
                                        double target_rse) {
  aisov::ScenarioRequest r;
  r.file = file;
  r.text = text;
  r.json = json;
  r.draws = draws;
  r.seed = seed;
  r.threads = threads;
  r.economies = std::move(economies);
  r.years = std::move(years);
  r.target_rse = target_rse;
  return r;
}

/// A shard file's per-draw values as a read-only float32 array (draws × series) viewing the
/// bytes of the engine's own checked parse (io::read_shard: magic, header, size, checksum), and
/// its columns as (code, year, measure) tuples. The array owns the parsed file through a capsule.
py::tuple read_samples(const std::string& path) {
  std::unique_ptr<aisov::io::ShardFile> file;
  {
    py::gil_scoped_release release;
    try {
      file = std::make_unique<aisov::io::ShardFile>(aisov::io::read_shard(path));
    } catch (const aisov::core::Failure& f) {
      throw EngineError(f.error());
    }
  }
  const aisov::io::ShardHeader& h = file->header;
  py::list columns;
  for (const auto& c : h.columns) columns.append(py::make_tuple(c.code, c.year, c.measure));
  const auto draws = static_cast<py::ssize_t>(h.last - h.first);
  const auto series = static_cast<py::ssize_t>(h.columns.size());
  const auto stride = static_cast<py::ssize_t>(h.record_bytes());
  const char* values = file->bytes.data() + file->records_at + 1;  // after the flags byte
  py::capsule owner(file.get(), [](void* p) { delete static_cast<aisov::io::ShardFile*>(p); });
  file.release();
  py::array array(py::dtype("<f4"), {draws, series},
                  {stride, static_cast<py::ssize_t>(sizeof(float))}, values, owner);
  py::setattr(array.attr("flags"), "writeable", py::bool_(false));
  return py::make_tuple(array, columns);
}

aisov::CensusWeight weight_of(const std::string& text) {
  return value_or_throw(aisov::parse_census_weight(text));
}

}  // namespace

PYBIND11_MODULE(_aisov, m) {
  m.doc() = "aisov engine bindings (use the `aisov` package, not this module)";

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const EngineError& e) {
      const aisov::Error& err = e.error;
      py::object make = py::module_::import("aisov._errors").attr("_make");
      py::object exc = make(static_cast<int>(err.code), aisov::error_slug(err.code), err.message,
                            err.details, aisov::render(err, Format::kTable));
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
    }
  });

  m.def("version", &Engine::version, "aisov version string");
  m.def("read_samples", &read_samples, py::arg("path"),
        "(values, columns) of a shard file, checked as `scenario merge` checks it");
  m.def("default_data_dir", &Engine::default_data_dir, "The bundled dataset's directory");
  m.def("default_scenario_dir", &Engine::default_scenario_dir, "The bundled scenarios' directory");
  m.def(
      "validate",
      [](const std::string& dir) { return released([&] { return both(Engine::validate(dir)); }); },
      py::arg("dir"));

  py::class_<Engine>(m, "Engine")
      .def_static(
          "open",
          [](const std::string& data) {
            py::gil_scoped_release release;
            auto r = Engine::open(aisov::EngineOptions{data});
            if (!r) throw EngineError(r.error());
            return std::move(r).value();
          },
          py::arg("data"))
      .def("summary",
           [](const Engine& e) {
             py::gil_scoped_release release;
             return aisov::render(e.summary(), Format::kJson);
           })
      .def(
          "census",
          [](const Engine& e, const std::string& as_of, std::vector<std::string> providers,
             std::vector<std::string> site_kinds, const std::string& by,
             const std::string& weight) {
            return released([&] {
              aisov::CensusRequest r;
              r.as_of = as_of;
              r.providers = std::move(providers);
              r.site_kinds = std::move(site_kinds);
              r.by = value_or_throw(aisov::parse_census_by(by));
              r.weight = weight_of(weight);
              return both(value_or_throw(e.census(r)));
            });
          },
          py::arg("as_of"), py::arg("providers"), py::arg("site_kinds"), py::arg("by"),
          py::arg("weight"))
      .def(
          "profile",
          [](const Engine& e, const std::string& iso3, const std::string& as_of,
             std::vector<std::string> providers, std::vector<std::string> site_kinds,
             const std::string& weight) {
            return released([&] {
              aisov::ProfileRequest r;
              r.iso3 = iso3;
              r.as_of = as_of;
              r.providers = std::move(providers);
              r.site_kinds = std::move(site_kinds);
              r.weight = weight_of(weight);
              return both(value_or_throw(e.profile(r)));
            });
          },
          py::arg("iso3"), py::arg("as_of"), py::arg("providers"), py::arg("site_kinds"),
          py::arg("weight"))
      .def(
          "sites",
          [](const Engine& e, const std::string& as_of, std::vector<std::string> providers,
             std::vector<std::string> site_kinds) {
            return released([&] {
              aisov::SitesRequest r;
              r.as_of = as_of;
              r.providers = std::move(providers);
              r.site_kinds = std::move(site_kinds);
              return both(value_or_throw(e.sites(r)));
            });
          },
          py::arg("as_of"), py::arg("providers"), py::arg("site_kinds"))
      .def("sources", [](const Engine& e) { return released([&] { return both(e.sources()); }); })
      .def(
          "scenario_run",
          [](const Engine& e, const std::string& file, const std::string& text, bool json,
             int64_t draws, uint64_t seed, int threads, std::vector<std::string> economies,
             std::vector<int> years, double target_rse) {
            std::atomic<bool> cancel{false};
            auto r = scenario_request(file, text, json, draws, seed, threads, std::move(economies),
                                      std::move(years), target_rse);
            r.cancel = &cancel;
            return cancellable(cancel, [&] { return both(value_or_throw(e.scenario_run(r))); });
          },
          py::arg("file"), py::arg("text"), py::arg("json"), py::arg("draws"), py::arg("seed"),
          py::arg("threads"), py::arg("economies"), py::arg("years"), py::arg("target_rse"))
      .def(
          "scenario_shard",
          [](const Engine& e, const std::string& file, const std::string& text, bool json,
             int64_t draws, uint64_t seed, int threads, std::vector<std::string> economies,
             std::vector<int> years, int64_t first, int64_t last, const std::string& out) {
            std::atomic<bool> cancel{false};
            aisov::ScenarioShardRequest r{
                scenario_request(file, text, json, draws, seed, threads, std::move(economies),
                                 std::move(years), 0),
                first, last, out};
            r.run.cancel = &cancel;
            const Rendered rendered = cancellable(cancel, [&] {
              return Rendered{{},
                              aisov::render(value_or_throw(e.scenario_shard(r)), Format::kJson)};
            });
            return json_loads(rendered.second);
          },
          py::arg("file"), py::arg("text"), py::arg("json"), py::arg("draws"), py::arg("seed"),
          py::arg("threads"), py::arg("economies"), py::arg("years"), py::arg("first"),
          py::arg("last"), py::arg("out"))
      .def(
          "scenario_merge",
          [](const Engine& e, std::vector<std::string> shards, int threads) {
            std::atomic<bool> cancel{false};
            aisov::ScenarioMergeRequest r;
            r.shards = std::move(shards);
            r.threads = threads;
            r.cancel = &cancel;
            return cancellable(cancel, [&] { return both(value_or_throw(e.scenario_merge(r))); });
          },
          py::arg("shards"), py::arg("threads"))
      .def(
          "scenario_check",
          [](const Engine& e, const std::string& file, const std::string& text, bool json) {
            return released([&] {
              auto r = scenario_request(file, text, json, 10000, 1, 0, {}, {}, 0);
              return both(value_or_throw(e.scenario_check(r)));
            });
          },
          py::arg("file"), py::arg("text"), py::arg("json"))
      .def(
          "scenario_list",
          [](const Engine& e, const std::string& dir) {
            return released([&] { return both(value_or_throw(e.scenario_list(dir))); });
          },
          py::arg("dir"))
      .def(
          "invest_profile",
          [](const Engine& e, const std::string& iso3) {
            return released([&] {
              aisov::InvestProfileRequest r;
              r.iso3 = iso3;
              return both(value_or_throw(e.invest_profile(r)));
            });
          },
          py::arg("iso3"))
      .def(
          "invest_compare",
          [](const Engine& e, std::vector<std::string> codes) {
            return released([&] {
              aisov::InvestCompareRequest r;
              r.codes = std::move(codes);
              return both(value_or_throw(e.invest_compare(r)));
            });
          },
          py::arg("codes"))
      .def(
          "invest_project",
          [](const Engine& e, int to, int64_t draws, uint64_t seed, int threads,
             std::vector<std::string> economies) {
            return released([&] {
              aisov::InvestProjectRequest r;
              r.to = to;
              r.draws = draws;
              r.seed = seed;
              r.threads = threads;
              r.economies = std::move(economies);
              return both(value_or_throw(e.invest_project(r)));
            });
          },
          py::arg("to"), py::arg("draws"), py::arg("seed"), py::arg("threads"),
          py::arg("economies"))
      .def("invest_archetypes",
           [](const Engine& e) {
             return released([&] { return both(value_or_throw(e.invest_archetypes({}))); });
           })
      .def(
          "invest_programmes",
          [](const Engine& e, const std::string& economy) {
            return released([&] {
              aisov::InvestProgrammesRequest r;
              r.economy = economy;
              return both(value_or_throw(e.invest_programmes(r)));
            });
          },
          py::arg("economy"))
      .def(
          "optimise",
          [](const Engine& e, const std::string& file, const std::string& text,
             const std::string& economy, std::optional<double> budget,
             std::optional<double> budget_per_year, std::optional<int> horizon,
             std::optional<double> risk_aversion, std::optional<double> alpha,
             const std::string& scenario, std::optional<int64_t> draws, uint64_t seed, int threads,
             bool frontier, std::vector<double> lambdas, bool align, bool sensitivity,
             double time_limit, const std::string& export_mps, bool lp_relaxation) {
            std::atomic<bool> cancel{false};
            aisov::OptimiseRequest r;
            r.file = file;
            r.text = text;
            r.economy = economy;
            r.budget_usd = budget;
            r.budget_per_year_usd = budget_per_year;
            r.horizon = horizon;
            r.risk_aversion = risk_aversion;
            r.alpha = alpha;
            r.scenario = scenario;
            r.draws = draws;
            r.seed = seed;
            r.threads = threads;
            r.frontier_lambdas = std::move(lambdas);
            r.frontier = frontier || !r.frontier_lambdas.empty();  // as the CLI's --lambdas
            r.align = align;
            r.sensitivity = sensitivity;
            r.time_limit_s = time_limit;
            r.export_mps = export_mps;
            r.lp_relaxation = lp_relaxation;
            r.cancel = &cancel;
            return cancellable(cancel, [&] { return both(value_or_throw(e.optimise(r))); });
          },
          py::arg("file"), py::arg("text"), py::arg("economy"), py::arg("budget"),
          py::arg("budget_per_year"), py::arg("horizon"), py::arg("risk_aversion"),
          py::arg("alpha"), py::arg("scenario"), py::arg("draws"), py::arg("seed"),
          py::arg("threads"), py::arg("frontier"), py::arg("lambdas"), py::arg("align"),
          py::arg("sensitivity"), py::arg("time_limit"), py::arg("export_mps"),
          py::arg("lp_relaxation"))
      .def(
          "site",
          [](const Engine& e, std::vector<std::string> scope, std::vector<std::string> demand,
             std::vector<std::string> prefer, double w_power, double w_price, double w_carbon,
             double w_water, double w_latency, double w_jurisdiction, double w_headroom,
             std::optional<double> mw, int limit) {
            return released([&] {
              aisov::SiteRequest r;
              r.scope = std::move(scope);
              r.demand = std::move(demand);
              r.preferred = std::move(prefer);
              r.w_power = w_power;
              r.w_price = w_price;
              r.w_carbon = w_carbon;
              r.w_water = w_water;
              r.w_latency = w_latency;
              r.w_jurisdiction = w_jurisdiction;
              r.w_headroom = w_headroom;
              r.it_mw = mw;
              r.limit = limit;
              return both(value_or_throw(e.site(r)));
            });
          },
          py::arg("scope"), py::arg("demand"), py::arg("prefer"), py::arg("w_power"),
          py::arg("w_price"), py::arg("w_carbon"), py::arg("w_water"), py::arg("w_latency"),
          py::arg("w_jurisdiction"), py::arg("w_headroom"), py::arg("mw"), py::arg("limit"))
      .def(
          "place",
          [](const Engine& e, const std::string& accelerator, int count, double hours,
             std::vector<std::string> territory, std::vector<std::string> operators,
             std::vector<std::string> designers, const std::string& residency,
             const std::string& from, const std::string& sort, bool show_excluded) {
            return released([&] {
              aisov::PlaceRequest r;
              r.accelerator = accelerator;
              r.count = count;
              r.hours = hours;
              r.territory = std::move(territory);
              r.operators = std::move(operators);
              r.designers = std::move(designers);
              r.residency = residency;
              r.from = from;
              r.sort = sort;
              r.show_excluded = show_excluded;
              return both(value_or_throw(e.place(r)));
            });
          },
          py::arg("accelerator"), py::arg("count"), py::arg("hours"), py::arg("territory"),
          py::arg("operators"), py::arg("designers"), py::arg("residency"), py::arg("from_"),
          py::arg("sort"), py::arg("show_excluded"))
      .def(
          "import_data",
          [](const Engine& e, const std::string& format, const std::string& path,
             const std::string& out, bool overwrite,
             std::vector<std::pair<std::string, std::string>> mapping, const std::string& source_id,
             const std::string& source_title, const std::string& source_url,
             const std::string& investment_basis) {
            aisov::ImportRequest r;
            r.format = format;
            r.path = path;
            r.out_dir = out;
            r.overwrite = overwrite;
            r.mapping = std::move(mapping);
            r.source_id = source_id;
            r.source_title = source_title;
            r.source_url = source_url;
            r.investment_basis = investment_basis;
            const Rendered rendered = released([&] {
              return Rendered{{}, aisov::render(value_or_throw(e.import_data(r)), Format::kJson)};
            });
            return json_loads(rendered.second);
          },
          py::arg("format"), py::arg("path"), py::arg("out"), py::arg("overwrite"),
          py::arg("mapping"), py::arg("source_id"), py::arg("source_title"), py::arg("source_url"),
          py::arg("investment_basis"));
}

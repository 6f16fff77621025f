#pragma once
// Shared pieces of the libFuzzer targets: the tiny fixture engine (opened once per process) and a
// per-process scratch directory for targets whose code under test reads files.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "aisov/engine.hpp"

namespace aisov::fuzz {

/// tests/fixtures/tiny in the source tree (AISOV_SOURCE_DIR is set by tests/fuzz/CMakeLists.txt).
inline std::string tiny_fixture() { return std::string(AISOV_SOURCE_DIR) + "/tests/fixtures/tiny"; }

/// The Engine over the tiny fixture, opened on first use; aborts when the fixture does not load
/// (a broken harness, not a finding).
inline const Engine& tiny_engine() {
  static const std::unique_ptr<Engine> engine = [] {
    auto e = Engine::open({tiny_fixture()});
    if (!e.ok()) {
      std::fprintf(stderr, "fuzz: cannot open %s: %s\n", tiny_fixture().c_str(),
                   e.error().message.c_str());
      std::abort();
    }
    return std::make_unique<Engine>(std::move(e).value());
  }();
  return *engine;
}

/// A scratch directory owned by this process (under /dev/shm when it is writable, else the
/// system temporary directory), removed at exit.
inline const std::filesystem::path& scratch_dir() {
  // Never destroyed, so the exit handler below can still read it.
  static const std::filesystem::path* const dir = [] {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path base = "/dev/shm";
    if (!fs::is_directory(base, ec) || ::access(base.c_str(), W_OK) != 0) {
      base = fs::temp_directory_path();
    }
    std::string tmpl = (base / "aisov-fuzz-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) {
      std::perror("fuzz: mkdtemp");
      std::abort();
    }
    return new fs::path(tmpl);
  }();
  static const bool registered = [] {
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(*dir, ignored);
    });
    return true;
  }();
  (void)registered;
  return *dir;
}

/// Writes bytes to a file (truncating); aborts when it cannot (a broken harness).
inline void write_file(const std::filesystem::path& path, const char* data, size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data, static_cast<std::streamsize>(size));
  if (!out) {
    std::fprintf(stderr, "fuzz: cannot write %s\n", path.c_str());
    std::abort();
  }
}

}  // namespace aisov::fuzz

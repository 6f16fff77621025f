#pragma once
// Helpers shared by the tests: paths, running the CLI, temporary directories.
#include <sys/wait.h>
#include <unistd.h>
#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace aisov::test {

inline std::string source_dir() { return AISOV_SOURCE_DIR; }
inline std::string fixture(const std::string& name) {
  return source_dir() + "/tests/fixtures/" + name;
}
/// ../shared/data/raw beside the repository, or empty when absent.
inline std::string shared_raw() {
  std::filesystem::path p = std::filesystem::path(source_dir()).parent_path() / "shared/data/raw";
  return std::filesystem::is_directory(p) ? p.string() : std::string();
}

/// The lines joined with newlines (for failure messages and substring checks).
inline std::string joined_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

/// Runs the aisov binary with arguments (already shell-quoted) and captures both streams.
inline RunResult run_cli(const std::string& args) {
  namespace fs = std::filesystem;
  static int counter = 0;
  const fs::path errf =
      fs::temp_directory_path() /
      ("aisov-test-err-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::string cmd = std::string(AISOV_BINARY) + " " + args + " 2>" + errf.string();
  RunResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (FILE* e = std::fopen(errf.c_str(), "r")) {
    while ((n = fread(buf.data(), 1, buf.size(), e)) > 0) r.err.append(buf.data(), n);
    std::fclose(e);
  }
  fs::remove(errf);
  return r;
}

/// A fresh temporary directory, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("aisov-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string str() const { return path_.string(); }
  std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace aisov::test

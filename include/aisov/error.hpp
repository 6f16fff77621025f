#pragma once
/// Error codes and the Error value returned at the aisov API edge.
/// Codes are append-only: never renumber or reuse one.
#include <string>
#include <vector>

namespace aisov {

/// What went wrong, as a stable number. Maps to a CLI exit code and an HTTP status
/// (see error_exit_code / error_http_status).
enum class ErrorCode : int {
  kInvalidArgument = 2,   ///< a request or command-line value is malformed or out of range
  kInvalidDataset = 3,    ///< the dataset directory failed validation
  kNotFound = 4,          ///< an economy, provider, bloc or file named in a request does not exist
  kInvalidInput = 5,      ///< an input file (import source, mapping) is malformed
  kIoError = 6,           ///< reading or writing a file failed
  kInternal = 7,          ///< a bug: please report
  kMethodNotAllowed = 8,  ///< HTTP: the path exists but not for this method
  kPayloadTooLarge = 9,   ///< HTTP: the request body or URI exceeds the server's limit
  kBusy = 10,             ///< HTTP: every job slot stayed taken for the queue wait; retry later
  kTimeout = 11,          ///< HTTP: the computation ran past the server's run-time limit
  kCancelled = 12,        ///< the caller cancelled a long run (Ctrl-C)
  kLengthRequired = 13,   ///< HTTP: a request body without a Content-Length (chunked)
};

/// An error with a human message and, for validation failures, one line per problem
/// (`file:line:column: reason`).
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<std::string> details;
};

/// Short machine name of a code, e.g. "invalid-argument".
const char* error_slug(ErrorCode code);
/// Process exit code for the CLI: 2 for bad input or usage, 1 for runtime failures.
int error_exit_code(ErrorCode code);
/// HTTP status for the API (400, 404, 422, 500 …).
int error_http_status(ErrorCode code);

}  // namespace aisov

#include "aisov/error.hpp"

namespace aisov {

namespace {
struct ErrorInfo {
  ErrorCode code;
  const char* slug;
  int exit_code;
  int http_status;
};
// One table maps each code to its name, exit code and HTTP status.
constexpr ErrorInfo kErrors[] = {
    {ErrorCode::kInvalidArgument, "invalid-argument", 2, 400},
    {ErrorCode::kInvalidDataset, "invalid-dataset", 2, 422},
    {ErrorCode::kNotFound, "not-found", 2, 404},
    {ErrorCode::kInvalidInput, "invalid-input", 2, 422},
    {ErrorCode::kIoError, "io-error", 1, 500},
    {ErrorCode::kMethodNotAllowed, "method-not-allowed", 2, 405},
    {ErrorCode::kPayloadTooLarge, "payload-too-large", 2, 413},
    {ErrorCode::kBusy, "busy", 1, 503},
    {ErrorCode::kTimeout, "timeout", 1, 503},
    {ErrorCode::kCancelled, "cancelled", 130, 499},
    {ErrorCode::kLengthRequired, "length-required", 2, 411},
    {ErrorCode::kInternal, "internal", 1, 500},
};
const ErrorInfo& info(ErrorCode code) {
  for (const auto& e : kErrors) {
    if (e.code == code) return e;
  }
  return kErrors[sizeof(kErrors) / sizeof(kErrors[0]) - 1];
}
}  // namespace

const char* error_slug(ErrorCode code) { return info(code).slug; }
int error_exit_code(ErrorCode code) { return info(code).exit_code; }
int error_http_status(ErrorCode code) { return info(code).http_status; }

}  // namespace aisov

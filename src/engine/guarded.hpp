#pragma once
// Turns a library call that may throw into a Result: the facade's error boundary.
#include <exception>
#include <new>
#include <string>

#include "aisov/result.hpp"
#include "core/failure.hpp"

namespace aisov::engine_detail {

/// Runs `fn`; a core::Failure becomes its Error, anything else an internal error.
template <typename T, typename Fn>
Result<T> guarded(Fn fn) {
  try {
    return fn();
  } catch (const core::Failure& f) {
    return f.error();
  } catch (const std::bad_alloc&) {
    return Error{ErrorCode::kInternal, "out of memory: use fewer draws or economies", {}};
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInternal, std::string("internal error: ") + e.what(), {}};
  }
}

}  // namespace aisov::engine_detail

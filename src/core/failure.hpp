#pragma once
// The exception that ends a request inside the library; the facade turns it into Result<T>.
#include <stdexcept>
#include <string>
#include <utility>

#include "aisov/error.hpp"

namespace aisov::core {

class Failure : public std::runtime_error {
 public:
  Failure(ErrorCode code, std::string message, std::vector<std::string> details = {})
      : std::runtime_error(message), error_{code, std::move(message), std::move(details)} {}
  const Error& error() const { return error_; }

 private:
  Error error_;
};

}  // namespace aisov::core

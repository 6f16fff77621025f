// Prints the OpenAPI component schemas derived from the result descriptions (JSON, name →
// schema). tools/update_openapi.py writes them into apps/server/openapi.json.
#include <iostream>

#include "api/schema.hpp"

int main() {
  std::cout << aisov::api::openapi_components_json();
  return 0;
}

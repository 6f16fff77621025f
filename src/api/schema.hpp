#pragma once
// The OpenAPI component schemas derived from the result descriptions (src/api/describe.hpp).
// apps/server/openapi.json must hold exactly these under components/schemas: the tool
// aisov_schema prints them, tools/update_openapi.py writes them into the document and the test
// OpenApiComponents fails when the two differ.
#include <string>

namespace aisov::api {

/// A JSON object, component name → schema, 2-space indented, in description order.
std::string openapi_components_json();

}  // namespace aisov::api

#pragma once
// One field description per result type (docs/architecture.md, "One description per result
// type"). Each public result struct has a `describe(V& v, const T& x)` that calls
//   v.field("json_name", x.member, Doc{...});              // always written, required
//   v.optional("json_name", x.member, present, Doc{...});  // written when `present`
// in output order, and a `schema_info(Tag<T>)` naming its OpenAPI component. Two visitors read
// it: JsonWriter builds the JSON object the renderers print, SchemaWriter builds the component
// schema (type, nullable, description, bounds, enum) that apps/server/openapi.json must hold
// (tools/aisov_schema, test openapi_components). A new field is added in describe() only.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "aisov/census.hpp"
#include "api/text.hpp"

namespace aisov::api {

using ojson = nlohmann::ordered_json;

/// What a field's C++ type does not say: its OpenAPI text and constraints, and how an empty
/// value is written.
struct Doc {
  const char* text = nullptr;  ///< OpenAPI description
  std::optional<double> minimum{}, maximum{};
  const char* pattern = nullptr;
  std::vector<const char*> enums{};  ///< allowed values (strings)
  std::vector<const char*> keys{};   ///< PairMap: the keys always present
  /// An empty string, a zero integer or a NaN is written as null (the schema type gains "null").
  bool null_if_empty = false;
};

/// A struct's OpenAPI component: its name and description.
struct SchemaInfo {
  const char* name;
  const char* text = nullptr;
};

template <class T>
struct Tag {};

/// True for types with a describe() and a schema_info().
template <class T>
concept Described = requires {
  schema_info(Tag<T>{});
};

/// A type with its own JSON and schema: `custom_json(const T&)` and `custom_schema(Tag<T>)`.
template <class T>
concept Custom = requires(const T& v) {
  custom_json(v);
  custom_schema(Tag<T>{});
};

/// A list of shares written as an object of key → integer count (census totals).
struct CountMap {
  const std::vector<Share>& shares;
};

/// Pairs written as an object of key → value (value type std::string, int or double). Its schema
/// lists Doc::keys as required properties when given, else allows any key; Doc::enums restricts
/// string values.
template <class V>
struct PairMap {
  const std::vector<std::pair<std::string, V>>& pairs;
};
template <class V>
PairMap<V> pair_map(const std::vector<std::pair<std::string, V>>& pairs) {
  return PairMap<V>{pairs};
}
template <class T>
struct IsPairMap : std::false_type {};
template <class V>
struct IsPairMap<PairMap<V>> : std::true_type {
  using Value = V;
};

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {
  using Elem = T;
};
/// std::optional of a described struct: written as null when empty.
template <class T>
struct IsOptionalObject : std::false_type {};
template <Described T>
struct IsOptionalObject<std::optional<T>> : std::true_type {
  using Value = T;
};

// ---- JSON ---------------------------------------------------------------------------------

template <Described T>
ojson to_json(const T& x);

template <class T>
ojson json_value(const T& v, const Doc& d) {
  if constexpr (Custom<T>) {
    return custom_json(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return d.null_if_empty && v.empty() ? ojson(nullptr) : ojson(v);
  } else if constexpr (std::is_same_v<T, bool>) {
    return ojson(v);
  } else if constexpr (std::is_same_v<T, int>) {
    return d.null_if_empty && v == 0 ? ojson(nullptr) : ojson(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    return d.null_if_empty && std::isnan(v) ? ojson(nullptr) : ojson(v);
  } else if constexpr (std::is_arithmetic_v<T>) {
    return ojson(v);
  } else if constexpr (std::is_same_v<T, std::optional<double>>) {
    return v ? ojson(*v) : ojson(nullptr);
  } else if constexpr (std::is_same_v<T, CountMap>) {
    ojson j = ojson::object();
    for (const auto& s : v.shares) j[s.key] = static_cast<long long>(s.weight);
    return j;
  } else if constexpr (IsPairMap<T>::value) {
    ojson j = ojson::object();
    for (const auto& [k, x] : v.pairs) j[k] = x;
    return j;
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    return ojson(v);
  } else if constexpr (Described<T>) {
    return to_json(v);
  } else if constexpr (IsOptionalObject<T>::value) {
    return v ? to_json(*v) : ojson(nullptr);
  } else {
    // std::vector of described structs.
    ojson a = ojson::array();
    for (const auto& e : v) a.push_back(json_value(e, d));
    return a;
  }
}

/// Builds the JSON object of a description, fields in description order.
class JsonWriter {
 public:
  template <class T>
  void field(const char* name, const T& v, const Doc& d = {}) {
    j_[name] = json_value(v, d);
  }
  template <class T>
  void optional(const char* name, const T& v, bool present, const Doc& d = {}) {
    if (present) field(name, v, d);
  }
  ojson take() { return std::move(j_); }

 private:
  ojson j_ = ojson::object();
};

template <Described T>
ojson to_json(const T& x) {
  JsonWriter w;
  describe(w, x);
  return w.take();
}

// ---- CSV ----------------------------------------------------------------------------------

/// The CSV cells of a flat description, by column name: numbers in shortest round-trip text,
/// integers as integers, booleans as true/false, empty optionals as empty cells.
class CsvWriter {
 public:
  template <class T>
  void field(const char* name, const T& v, const Doc& = {}) {
    if constexpr (std::is_same_v<T, std::string>) {
      cells_.emplace_back(name, v);
    } else if constexpr (std::is_same_v<T, bool>) {
      cells_.emplace_back(name, v ? "true" : "false");
    } else if constexpr (std::is_integral_v<T>) {
      cells_.emplace_back(name, std::to_string(v));
    } else if constexpr (std::is_floating_point_v<T>) {
      cells_.emplace_back(name, num(v));
    } else if constexpr (std::is_same_v<T, std::optional<double>>) {
      cells_.emplace_back(name, v ? num(*v) : "");
    }
    // Nested objects and lists have no flat cell; a CSV of them is written by hand.
  }
  template <class T>
  void optional(const char* name, const T& v, bool present, const Doc& d = {}) {
    if (present) field(name, v, d);
  }
  std::vector<std::pair<std::string, std::string>> take() { return std::move(cells_); }

 private:
  std::vector<std::pair<std::string, std::string>> cells_;
};

/// The CSV header and rows of described structs: every flat field in description order, or
/// the named `columns` in their order (each must be a field of the description).
template <Described T>
std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>> csv_table(
    const std::vector<T>& items, const std::vector<std::string>& columns = {}) {
  std::vector<std::string> header = columns;
  if (header.empty()) {
    CsvWriter w;
    describe(w, T{});
    for (auto& [name, cell] : w.take()) header.push_back(name);
  }
  std::vector<std::vector<std::string>> rows;
  rows.reserve(items.size());
  for (const auto& x : items) {
    CsvWriter w;
    describe(w, x);
    auto cells = w.take();
    std::vector<std::string> row;
    row.reserve(header.size());
    for (const auto& col : header) {
      auto it =
          std::find_if(cells.begin(), cells.end(), [&](const auto& c) { return c.first == col; });
      if (it == cells.end()) throw std::logic_error("csv_table: no field " + col);
      row.push_back(std::move(it->second));
    }
    rows.push_back(std::move(row));
  }
  return {std::move(header), std::move(rows)};
}

// ---- OpenAPI schema ---------------------------------------------------------------------

/// The schema of a value of type T (a $ref for described structs).
template <class T>
ojson schema_of(const Doc& d) {
  ojson s = ojson::object();
  const char* type = nullptr;
  if constexpr (Custom<T>) {
    s = custom_schema(Tag<T>{});
  } else if constexpr (std::is_same_v<T, std::string>) {
    type = "string";
  } else if constexpr (std::is_same_v<T, bool>) {
    type = "boolean";
  } else if constexpr (std::is_integral_v<T>) {
    type = "integer";
  } else if constexpr (std::is_floating_point_v<T> || std::is_same_v<T, std::optional<double>>) {
    type = "number";
  } else if constexpr (std::is_same_v<T, CountMap>) {
    s["type"] = "object";
    s["additionalProperties"] = {{"type", "integer"}};
  } else if constexpr (IsPairMap<T>::value) {
    ojson item = schema_of<typename IsPairMap<T>::Value>(Doc{.enums = d.enums});
    s["type"] = "object";
    if (d.keys.empty()) {
      s["additionalProperties"] = item;
    } else {
      s["properties"] = ojson::object();
      for (const char* k : d.keys) s["properties"][k] = item;
      s["required"] = d.keys;
      s["additionalProperties"] = false;
    }
  } else if constexpr (Described<T>) {
    s["$ref"] = std::string("#/components/schemas/") + schema_info(Tag<T>{}).name;
  } else if constexpr (IsOptionalObject<T>::value) {
    s["oneOf"] = {schema_of<typename IsOptionalObject<T>::Value>(Doc{}), {{"type", "null"}}};
  } else {
    static_assert(IsVector<T>::value, "no schema for this field type");
    s["type"] = "array";
    s["items"] = schema_of<typename IsVector<T>::Elem>(Doc{});
  }
  const bool nullable =
      std::is_same_v<T, std::optional<double>> ||
      (d.null_if_empty &&
       (std::is_same_v<T, std::string> || std::is_same_v<T, int> || std::is_floating_point_v<T>));
  if (type != nullptr) {
    if (nullable) {
      s["type"] = {type, "null"};
    } else {
      s["type"] = type;
    }
    if (!d.enums.empty()) {
      s["enum"] = d.enums;
      if (nullable) s["enum"].push_back(nullptr);
    }
  }
  if (d.minimum) s["minimum"] = *d.minimum;
  if (d.maximum) s["maximum"] = *d.maximum;
  if (d.pattern) s["pattern"] = d.pattern;
  if (d.text) s["description"] = d.text;
  return s;
}

/// Builds a component schema from a description: every field a property, `field`s required.
class SchemaWriter {
 public:
  template <class T>
  void field(const char* name, const T&, const Doc& d = {}) {
    props_[name] = schema_of<T>(d);
    required_.push_back(name);
  }
  template <class T>
  void optional(const char* name, const T&, bool, const Doc& d = {}) {
    // An absent optional object is left out, not written as null.
    if constexpr (IsOptionalObject<T>::value) {
      props_[name] = schema_of<typename IsOptionalObject<T>::Value>(d);
    } else {
      props_[name] = schema_of<T>(d);
    }
  }
  ojson take(const char* text) {
    ojson s{{"type", "object"}, {"properties", std::move(props_)}};
    s["required"] = std::move(required_);
    s["additionalProperties"] = false;
    if (text) s["description"] = text;
    return s;
  }

 private:
  ojson props_ = ojson::object();
  ojson required_ = ojson::array();
};

/// The component schema of a described value (the value only selects the description; its
/// contents are not read).
template <Described T>
ojson component_schema(const T& x) {
  SchemaWriter w;
  describe(w, x);
  return w.take(schema_info(Tag<T>{}).text);
}

}  // namespace aisov::api

#!/usr/bin/env python3
"""Writes the component schemas generated from the result descriptions into the OpenAPI document.

    tools/update_openapi.py build/apps/aisov_schema apps/server/openapi.json

(or `cmake --build build --target update_openapi`). Components the generator does not produce
are kept as they are; the document keeps its format (2-space indent, ASCII escapes).
"""
import json
import subprocess
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    tool, path = sys.argv[1], sys.argv[2]
    generated = json.loads(subprocess.run([tool], check=True, capture_output=True).stdout)
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    schemas = doc["components"]["schemas"]
    changed = [name for name, s in generated.items() if schemas.get(name) != s]
    for name, s in generated.items():
        schemas[name] = s
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, indent=2, ensure_ascii=True) + "\n")
    print(f"{path}: {len(generated)} generated components, {len(changed)} changed"
          + (": " + ", ".join(changed) if changed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

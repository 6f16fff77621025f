"""The command line shared by the tools that regenerate a section of docs/methodology.md.

A section lives between a BEGIN and an END marker. Without options the tool prints the section;
`--write` replaces it in the document (through a temporary file, then a rename); `--check` exits
1 when the document's copy differs from what the current dataset gives (a ctest runs it).
"""
import argparse
import os
import sys


def run(description, begin, end, label, tool, make_section):
    """Parses the common options, then prints, writes or checks the section that
    `make_section(aisov, data, root)` returns. Returns the process exit code."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--aisov", default=os.path.join(root, "build", "aisov"))
    ap.add_argument("--data", default="")
    ap.add_argument("--doc", default=os.path.join(root, "docs", "methodology.md"))
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    a = ap.parse_args()
    new = make_section(a.aisov, a.data, root)
    if not (a.write or a.check):
        sys.stdout.write(new)
        return 0
    doc = open(a.doc, encoding="utf-8").read()
    if begin not in doc or end not in doc:
        print(f"{a.doc}: markers for the generated section are missing", file=sys.stderr)
        return 2
    head, rest = doc.split(begin, 1)
    _, tail = rest.split(end, 1)
    updated = head + new.rstrip("\n") + tail
    if a.check:
        if updated != doc:
            print(f"{a.doc}: {label} is out of date; run {tool} --write", file=sys.stderr)
            return 1
        print(f"methodology {label} is up to date")
        return 0
    tmp = a.doc + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(updated)
    os.replace(tmp, a.doc)
    print(f"wrote {label} of {a.doc}")
    return 0

"""`python -m tools.tables [--check]`: every table in README.md and docs/*.md, rewritten from its result file.

A table sits between two markers; the first names its source, a path from the repository root, and for JSON how
to lay it out:

    <!-- table: docs/results/quickstart.json rows=as_configured,target_only columns=direction_acc,category_acc -->
    | ... |
    <!-- end table -->

A markdown source (`.md`, as `ablation collect` and `fitcheck --markdown` write them) is copied as it is, less a
leading `<!-- ... -->` note. A JSON source is a mapping of rows (each a mapping of column -> value; other entries,
such as a note, are skipped), under `at=a.b` when it is nested; `rows=` and `columns=` pick and order them
(default: all, in the file's order), `label=` heads the row column, `fmt=` formats numbers (default `.3f`). `--check` writes nothing and exits 1 naming stale pages;
tests/unit/test_tables.py fails when a page and its source differ.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"(<!-- table: (?P<spec>[^\n]*?) -->\n)(?P<body>.*?)(<!-- end table -->)", re.S)
NOTE = re.compile(r"\A\s*<!--.*?-->\s*", re.S)


class TableError(ValueError):
    """A marker that names no readable source, or a source that is not a table."""


def pages(root: Path = ROOT) -> list[Path]:
    """The pages whose tables are generated: README.md and every docs/*.md."""
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def _cell(value: Any, fmt: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format(value, fmt)
    return str(value)


def json_table(data: Any, options: dict[str, str], where: str) -> str:
    """A markdown table from a mapping of rows (see the module docstring)."""
    for key in filter(None, options.get("at", "").split(".")):
        data = data[key]
    if not isinstance(data, dict) or not any(isinstance(row, dict) for row in data.values()):
        raise TableError(f"{where}: not a mapping of rows (name the part with at=a.b)")
    data = {name: row for name, row in data.items() if isinstance(row, dict)}  # notes and the like are no rows
    rows = options["rows"].split(",") if "rows" in options else list(data)
    columns = options["columns"].split(",") if "columns" in options else list(
        dict.fromkeys(c for row in data.values() for c in row))
    missing = [r for r in rows if r not in data]
    if missing:
        raise TableError(f"{where}: no rows {missing}")
    fmt = options.get("fmt", ".3f")
    lines = ["| " + " | ".join([options.get("label", ""), *columns]) + " |", "|---" * (len(columns) + 1) + "|"]
    lines += ["| " + " | ".join([row, *(_cell(data[row].get(c), fmt) for c in columns)]) + " |" for row in rows]
    return "\n".join(lines)


def render(spec: str, root: Path = ROOT) -> str:
    """The table a marker's `spec` (`path key=value ...`) stands for."""
    path, *pairs = spec.split()
    options = dict(pair.split("=", 1) for pair in pairs)
    source = root / path
    if not source.is_file():
        raise TableError(f"table source {path} not found; write it with the tool that measures it, or fix the marker")
    if source.suffix == ".md":
        return NOTE.sub("", source.read_text(), count=1).strip()
    if source.suffix == ".json":
        return json_table(json.loads(source.read_text()), options, path)
    raise TableError(f"table source {path}: use a .md or .json file")


def regenerate(text: str, root: Path = ROOT) -> str:
    """`text` with every marked table rewritten from its source."""
    return BLOCK.sub(lambda m: f"{m.group(1)}{render(m.group('spec'), root)}\n{m.group(4)}", text)


def main(argv: list[str] | None = None) -> None:
    """Rewrite (or with --check, compare) every page's tables; a bad marker prints one line and exits 2."""
    parser = argparse.ArgumentParser(prog="python -m tools.tables", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a page is stale")
    args = parser.parse_args(argv)
    stale = []
    for page in pages():
        text = page.read_text()
        try:
            new = regenerate(text)
        except TableError as error:
            sys.exit(f"tools.tables: {page.relative_to(ROOT)}: {error}")
        if new != text:
            stale.append(str(page.relative_to(ROOT)))
            if not args.check:
                page.write_text(new)
    if args.check:
        print(f"stale: {', '.join(stale)}; run python -m tools.tables" if stale else "up to date")
        sys.exit(1 if stale else 0)
    print(f"rewrote: {', '.join(stale)}" if stale else "up to date")

if __name__ == "__main__":
    main()

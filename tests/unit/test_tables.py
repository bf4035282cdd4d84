"""tools/tables.py: every table of README.md and docs/*.md is its result file's (docs/results/), written by
`python -m tools.tables`; a table with measured figures outside the markers, or a stale one, fails here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tools.tables import BLOCK, TableError, pages, regenerate, render

FIGURE = re.compile(r"\d\.\d|\d\s?%")
"""What marks a measured figure in a table: a decimal number or a percentage."""


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_every_table_is_its_result_file(page: Path) -> None:
    text = page.read_text()
    assert regenerate(text) == text, f"{page.name} differs from its result files: run python -m tools.tables"


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_figures_are_only_in_generated_tables(page: Path) -> None:
    outside = BLOCK.sub("", page.read_text())
    tables = re.findall(r"(?:^[ \t]*\|.*\n?)+", outside, re.M)
    assert not [t.splitlines()[0] for t in tables if FIGURE.search(t)], (
        f"{page.name}: a table with figures written by hand; put it in docs/results/ and mark it "
        "(<!-- table: docs/results/NAME.md --> ... <!-- end table -->)")


def test_a_hand_edit_is_caught_and_rewritten(tmp_path: Path) -> None:
    results = tmp_path / "docs" / "results"
    results.mkdir(parents=True)
    rows = {"note": "best of 5", "fast": {"ex/s": 2465.0, "ratio": 1.4249}, "slow": {"ex/s": 1740.0}}
    (results / "speed.json").write_text(json.dumps({"rows": rows}))
    (results / "study.md").write_text("<!-- a note -->\n\n| arm | acc |\n|---|---|\n| heard | 0.80 |\n")
    page = ("x\n<!-- table: docs/results/speed.json at=rows label=run columns=ratio,ex/s fmt=.2f -->\n"
            "| run | ratio | ex/s |\n|---|---|---|\n| fast | 1.42 | 2465.00 |\n| slow |  | 1740.00 |\n"
            "<!-- end table -->\n"
            "<!-- table: docs/results/study.md -->\n| arm | acc |\n|---|---|\n| heard | 0.80 |\n<!-- end table -->\n")
    assert regenerate(page, tmp_path) == page
    edited = page.replace("| heard | 0.80 |\n<!-- end", "| heard | 0.81 |\n<!-- end")
    assert regenerate(edited, tmp_path) == page
    slow = render("docs/results/speed.json at=rows rows=slow columns=ex/s fmt=.0f", tmp_path)
    assert slow.endswith("| slow | 1740 |")


@pytest.mark.parametrize("spec, why", [
    ("docs/results/none.md", "not found"),
    ("docs/results/flat.json at=rows.a", "not a mapping of rows"),
    ("docs/results/flat.json at=rows rows=other", "no rows ['other']"),
])
def test_bad_markers_name_the_problem(tmp_path: Path, spec: str, why: str) -> None:
    (tmp_path / "docs" / "results").mkdir(parents=True)
    (tmp_path / "docs" / "results" / "flat.json").write_text(json.dumps({"rows": {"a": {"x": 1}}, "n": 3}))
    with pytest.raises(TableError, match=re.escape(why)):
        render(spec, tmp_path)


def test_every_result_file_is_named_by_a_page() -> None:
    """A result file no page shows or names is a figure nobody reads (or a marker that names the wrong file)."""
    text = "\n".join(page.read_text() for page in pages())
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs" / "results").rglob("*")
                   if p.suffix in (".md", ".json"))
    assert not [f for f in files if f not in text], "name these in a page, or delete them"

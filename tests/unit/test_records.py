"""scoring/records.py: the prediction record's key, content and scores, and reading it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from mixbuddy_pl.advice.labels import Advice, StemAdvice
from mixbuddy_pl.errors import DataError
from mixbuddy_pl.scoring.records import example_content, example_key, predicted, read_rows, score, song_of, write_rows
from tests.helpers import prediction_row

RIGHT = Advice((StemAdvice("vocals", "increase", "moderate", 4.5),))
WRONG = Advice((StemAdvice("vocals", "decrease", "moderate", -4.5),))


def test_key_is_the_content_and_content_what_was_played() -> None:
    row = prediction_row("vocals", "quiet", "increase", "moderate", 4.5, RIGHT)
    other = {**prediction_row("vocals", "quiet", "increase", "moderate", 4.5, WRONG), "variant": "differential"}
    assert example_key(row) == example_key(other) == ("s", 0.0, "vocals", "quiet") and song_of(example_key(row)) == "s"
    louder = {**row, "level_db": 3.0}
    assert example_key(louder) == example_key(row) and example_content(louder) != example_content(row)
    assert example_key({"song": "s", "start_s": 5, "anchor": "drums"}) == ("s", 5.0, None, None)  # a predict row


def test_scores_come_from_targets_and_parsed_not_the_reference_text() -> None:
    right = prediction_row("vocals", "quiet", "increase", "moderate", 4.5, RIGHT)
    assert predicted(right) == RIGHT and score(right)["direction_ok"] == 1
    wrong = {**prediction_row("vocals", "quiet", "increase", "moderate", 4.5, WRONG), "response": right["response"]}
    assert score(wrong)["direction_ok"] == 0 and score(wrong)["parsed"] == 1
    refused = prediction_row("vocals", "quiet", "increase", "moderate", 4.5, None)
    assert predicted(refused) is None and not score(refused).get("parsed") and not score(refused).get("direction_ok")


def test_rows_round_trip_and_rows_without_truth_are_named(tmp_path: Path) -> None:
    rows = [prediction_row("bass", "loud", "decrease", "moderate", -4.5, None)]
    path = tmp_path / "predictions" / "test-epoch0.jsonl"
    write_rows(path, rows)
    assert read_rows(path, need_targets=True) == rows
    write_rows(path, [{"song": "s", "start_s": 0.0, "generated": "..."}])
    with pytest.raises(DataError, match="rows without `targets`"):
        read_rows(path, need_targets=True)
    with pytest.raises(DataError, match="no predictions file"):
        read_rows(tmp_path / "none.jsonl")

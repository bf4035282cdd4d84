"""The closed loop: following the relative loudness rule balances the mix; repeating one answer does not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mixbuddy_pl import closed_loop
from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.advice.labels import Advice, Refusal, StemAdvice
from tests.helpers import STEMS, ToneSongs, datamodule


@pytest.fixture(scope="module")
def tones(tmp_path_factory: pytest.TempPathFactory):
    """Anchor examples of sine-tone songs (every song the same balance, so the rule calibrates exactly)."""
    data = datamodule(tmp_path_factory.mktemp("loop"), source=ToneSongs(num_songs=8, duration_s=2.0, silent_s=0.0),
                      batch_size=8)
    data.setup("test")
    return data


def test_the_relative_loudness_rule_converges_within_1_db(tones) -> None:
    result = closed_loop.run(closed_loop.rule_advisor(tones, STEMS), tones, limit=24)
    assert result.flawed.sum() >= 12 and np.abs(result.applied_db[:, 0]).max() > 6  # real flaws to correct
    summary = result.summary()
    assert summary["residual_db_median"] < 1.0 and summary["residual_db_p90"] < 1.0
    assert summary["called_balanced"] >= 0.9
    perfect = closed_loop.run(closed_loop.perfect_advisor, tones, limit=24).summary()
    assert perfect["residual_db_p90"] <= 0.25 and perfect["called_balanced"] == 1.0


def test_an_advisor_that_repeats_itself_does_not_converge(tones) -> None:
    def always_raise(batch: dict) -> list[Advice]:
        return [Advice((StemAdvice(e["targets"][0]["stem"], "increase", "large", 8.0),)) for e in batch["examples"]]

    summary = closed_loop.run(always_raise, tones, passes=2, limit=24).summary()
    assert summary["residual_db_median"] > 5.0 and summary["called_balanced"] == 0.0


def test_followed_gain_is_the_stated_number_or_the_category_middle() -> None:
    policy = FlawPolicy(ranges={"no_error": (0, 0), "very_quiet": (-12, -6), "very_loud": (6, 12)})
    stated = Advice((StemAdvice("vocals", "increase", "large", 7.5),))
    unstated = Advice((StemAdvice("vocals", "decrease", "large"),))
    assert closed_loop.correction_db(stated, "vocals", policy) == 7.5
    assert closed_loop.correction_db(unstated, "vocals", policy) == -9.0
    assert closed_loop.correction_db(stated, "bass", policy) == 0.0
    assert closed_loop.correction_db(None, "vocals", policy) == 0.0


@pytest.mark.slow  # ~15 s: two model builds and three advisors over 72 examples, twice
def test_loop_scores_follows_the_checkpoint_the_rule_and_a_perfect_advisor(tmp_path: Path) -> None:
    """The runner `python -m mixbuddy_pl.controls` prints: a checkpoint of the configured model (here untrained),
    the perfect advisor and the relative loudness rule on the configured test split, each with song-level CIs."""
    import torch

    from mixbuddy_pl.cli import build_cli

    args = ["--config", "configs/anchor.yaml", "--config", "configs/overlays/tiny.yaml",
            "--data.source", "tests.helpers.ToneSongs", "--data.source.num_songs", "12",
            "--data.source.duration_s", "5.0", "--data.source.silent_s", "0.0", "--data.num_workers", "0",
            "--data.cache_dir", str(tmp_path / "stems"), "--data.eval_batch_size", "24",
            "--model.init_args.max_new_tokens", "4", "--trainer.logger", "false",
            "--trainer.default_root_dir", str(tmp_path)]
    model = build_cli(args, run=False).model
    model.configure_model()
    checkpoint = {"state_dict": {}}
    model.on_save_checkpoint(checkpoint)  # the trainable tensors, as a fit writes them
    torch.save(checkpoint, tmp_path / "untrained.ckpt")
    scores = closed_loop.loop_scores(args, tmp_path / "untrained.ckpt")
    assert list(scores) == ["model", "perfect", "loudness_rule"]
    rule, perfect = scores["loudness_rule"], scores["perfect"]
    assert rule["residual_db_median"][0] < 1.0 and rule["called_balanced"][0] >= 0.9
    assert perfect["residual_db_p90"][0] <= 0.25 and perfect["called_balanced"][0] == 1.0
    low, median, high = scores["model"]["residual_db_median"][1], *scores["model"]["residual_db_median"][::2]
    assert low <= median <= high and median > rule["residual_db_median"][0]  # CIs over 12 songs; untrained: no help
    lines = closed_loop.table(scores).splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["model", "perfect", "loudness_rule"]


def test_an_advisor_whose_answers_cannot_be_read_is_never_called_balanced(tones) -> None:
    def unreadable(batch: dict) -> list[Refusal]:
        return [Refusal("no advice in the text") for _ in batch["examples"]]

    summary = closed_loop.run(unreadable, tones, limit=8).summary()
    assert summary["called_balanced"] == 0.0

"""Likelihood scoring of the answer set: batched with a shared prompt cache equals one-by-one full forwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from lightning.pytorch.loggers import TensorBoardLogger
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from mixbuddy_pl.model.evaluator import MODEL_INPUTS
from mixbuddy_pl.model.likelihood import (
    Candidate, answer_set, continuation_ids, continuation_logprobs, phrasings, score_answers,
)
from tests.helpers import STEMS, advisor, datamodule, eval_batch, records_calibration, trainer


@torch.no_grad()
def one_by_one(model: torch.nn.Module, batch: dict, example: int, ids: list[int], audios: int) -> float:
    """The continuation's log-probability from one unpadded, uncached forward of prompt + continuation."""
    prompt = batch["prompt_ids"][example][batch["prompt_mask"][example] == 1].tolist()
    rows = slice(example * audios, (example + 1) * audios)
    logits = model(input_ids=torch.tensor([prompt + ids]), attention_mask=torch.ones(1, len(prompt) + len(ids),
                   dtype=torch.long), **{k: batch[k][rows] for k in MODEL_INPUTS}).logits[0]
    logp = logits[len(prompt) - 1:-1].double().log_softmax(-1)
    return float(logp.gather(-1, torch.tensor(ids)[:, None]).sum())


@pytest.mark.parametrize("variant,template,audios", [("anchor", None, 2), ("no_anchor", 2, 1)])
def test_batched_scores_equal_one_by_one_and_sum_to_one(tmp_path: Path, variant: str, template: int | None,
                                                       audios: int) -> None:
    data = datamodule(tmp_path, variant=variant, template=template, eval_batch_size=3)
    batch = eval_batch(data)
    module = advisor()
    module.configure_model()
    module.model.eval()
    tokenizer = module.processor.tokenizer
    sets = [answer_set(e, data.flaws, STEMS) for e in batch["examples"]]
    texts = [[t for c in cands for t in phrasings(c, variant, e["anchor"], template)]
             for e, cands in zip(batch["examples"], sets)]
    ids = [continuation_ids(tokenizer, t) for t in texts]
    batched = continuation_logprobs(module.model, batch, ids, tokenizer.pad_token_id)
    for e, (seqs, scores) in enumerate(zip(ids, batched)):
        assert len({len(s) for s in seqs}) > 1  # candidates of different lengths share one padded batch
        for seq, score in list(zip(seqs, scores))[::5]:
            assert float(score) == pytest.approx(one_by_one(module.model, batch, e, seq, audios), abs=1e-4)
    for scored, cands in zip(score_answers(module.model, tokenizer, batch, data.flaws, STEMS, template), sets):
        assert scored.candidates == cands
        assert float(scored.probs.sum()) == pytest.approx(1.0, abs=1e-9)
        assert 0.0 < scored.answer_set_mass <= 1.0


def test_answer_set_follows_the_question_and_a_prefix_stops_before_its_number(tmp_path: Path) -> None:
    data = datamodule(tmp_path)
    example = eval_batch(data)["examples"][0]
    target = next(s for s in STEMS if s != example["anchor"] and s.rstrip("s") in example["prompt"].lower())
    assert answer_set(example, data.flaws, STEMS) == [Candidate(target, c) for c in data.flaws.categories]
    no_anchor = {**example, "variant": "no_anchor"}
    candidates = answer_set(no_anchor, data.flaws, STEMS)
    assert candidates[0] == Candidate(None, "no_error") and len(candidates) == 1 + 4 * len(data.flaws.targets)
    (loud,) = phrasings(Candidate("vocals", "very_loud"), "anchor", "drums", 0)
    assert loud == "The vocals are much too loud against the drums; pull them down about "
    (fine,) = phrasings(Candidate("vocals", "no_error"), "anchor", "drums", 0)
    assert fine.endswith("<|im_end|>") and len(phrasings(Candidate(None, "no_error"), "no_anchor", None, None)) == 8


def test_test_step_logs_likelihood_metrics_reliability_and_disagreements(tmp_path: Path) -> None:
    logger = TensorBoardLogger(tmp_path, name="tb")
    tester = trainer(tmp_path, max_epochs=1, logger=logger, limit_test_batches=1, callbacks=None,
                     enable_checkpointing=False)
    (scores,) = tester.test(advisor(), datamodule=datamodule(tmp_path), verbose=False)
    for name in ("direction_acc", "category_acc", "stem_direction_acc", "ece", "brier", "acc@50", "acc@100",
                 "disagree_rate"):
        assert 0.0 <= scores[f"test/lik/{name}"] <= 1.0
    predictions = Path(logger.log_dir) / "predictions"
    rows = [json.loads(line) for line in (predictions / "test-epoch0.jsonl").read_text().splitlines()]
    lik = rows[0]["likelihood"]
    assert sum(lik["probs"].values()) == pytest.approx(1.0, abs=1e-4)
    assert lik["confidence"] == pytest.approx(max(lik["probs"].values()), abs=1e-6)
    assert records_calibration(rows)["ece"] == pytest.approx(scores["test/lik/ece"], abs=1e-6)
    assert records_calibration(rows)["brier"] == pytest.approx(scores["test/lik/brier"], abs=1e-6)
    disagree = sum(not r["likelihood"]["agrees_with_greedy"] for r in rows) / len(rows)
    assert scores["test/lik/disagree_rate"] == pytest.approx(disagree)
    table = json.loads((predictions / "test-epoch0-reliability.json").read_text())
    assert sum(table["count"]) == len(rows)
    events = EventAccumulator(str(logger.log_dir), size_guidance={"images": 0}).Reload()
    assert "test/lik/reliability" in events.Tags()["images"]


def test_page_shows_confidence_and_says_not_sure_below_the_threshold() -> None:
    from mixbuddy_pl.demo.confidence import THRESHOLD, song_confidence, with_confidence

    assert with_confidence("Raise the vocals 6 dB.", 0.9) == "Raise the vocals 6 dB. (90% sure)"
    assert with_confidence("Raise the vocals 6 dB.", THRESHOLD - 0.01).startswith("Not sure (49%")
    assert with_confidence("Raise it.", None) == "Raise it."
    lower = {"bass:loud": 0.9, "bass:no_error": 0.1}  # the song's confidence: tests/unit/test_demo_confidence.py
    assert song_confidence([lower, None], "bass", -4.5) == pytest.approx(0.9)
    assert song_confidence([None], "bass", -4.5) is None

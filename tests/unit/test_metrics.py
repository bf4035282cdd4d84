"""Advice metrics on hand-made predictions, with hand-computed values."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch

from mixbuddy_pl.advice import Advice, StemAdvice, parse
from mixbuddy_pl.datamodules.flaws import Flaw
from mixbuddy_pl.modules.metrics import AdviceAccuracy, LabelPrior, TextSimilarity, confusion_figure

STEMS = ["drums", "bass", "other", "vocals"]


def flaw(stem: str, category: str, gain: float = 0.0) -> dict:
    return Flaw(stem, category, gain).to_dict()


def change(stem: str, direction: str, magnitude: str, gain: float | None = None) -> StemAdvice:
    return StemAdvice(stem, direction, magnitude, gain)


def cases() -> list[tuple[Advice | None, list[dict], Advice]]:
    """(prediction, targets, reference) of four anchor-style examples."""
    return [
        # right everything, gain off by 2 dB
        (Advice((change("vocals", "decrease", "large", -6.0),)), [flaw("vocals", "very_loud", 8.0)],
         Advice((change("vocals", "decrease", "large", -8.0),))),
        # right direction, wrong magnitude (gain off by 6 dB), plus a spurious drums change
        (Advice((change("bass", "increase", "large", 10.0), change("drums", "decrease", "moderate"))),
         [flaw("bass", "quiet", -4.0)], Advice((change("bass", "increase", "moderate", 4.0),))),
        # unparseable: wrong, never skipped
        (None, [flaw("drums", "no_error")], Advice((change("drums", "none", "none"),))),
        # a global "nothing to change" for a correct stem
        (Advice(), [flaw("vocals", "no_error")], Advice((change("vocals", "none", "none"),))),
    ]


def update(metric: AdviceAccuracy, items: list) -> AdviceAccuracy:
    preds, targets, refs = zip(*items)
    metric.update(list(preds), list(targets), list(refs))
    return metric


def test_advice_accuracy_hand_computed() -> None:
    scores = update(AdviceAccuracy(), cases()).compute()
    # decisions: 1 + (1 + 1 spurious) + 1 + 1 = 5
    assert scores["direction_acc"].item() == pytest.approx(3 / 5)
    assert scores["magnitude_acc"].item() == pytest.approx(2 / 5)
    assert scores["category_acc"].item() == pytest.approx(2 / 5)
    assert scores["stem_acc"].item() == pytest.approx(2 / 4)
    assert scores["parse_rate"].item() == pytest.approx(3 / 4)
    assert scores["gain_mae_db"].item() == pytest.approx((2 + 6) / 2)
    assert scores["category_acc/very_loud"].item() == 1.0
    assert scores["category_acc/quiet"].item() == 0.0
    assert scores["category_acc/no_error"].item() == 0.5
    assert math.isnan(scores["category_acc/loud"].item())


def test_confusion_counts_unparseable_in_its_own_column() -> None:
    metric = update(AdviceAccuracy(), cases())
    expected = torch.zeros(5, 6, dtype=torch.float64)
    expected[0, 5] = 1  # no_error -> unparseable
    expected[0, 0] = 1  # no_error -> no_error
    expected[1, 2] = 1  # quiet -> very_quiet
    expected[4, 4] = 1  # very_loud -> very_loud
    assert torch.equal(metric.confusion, expected)
    figure = confusion_figure(metric.confusion, "test")
    assert len(figure.axes) == 1


def test_all_unparseable_scores_zero_not_nan() -> None:
    items = [(parse("Lovely song!", STEMS), targets, ref) for _, targets, ref in cases()]
    scores = update(AdviceAccuracy(), items).compute()
    assert scores["parse_rate"].item() == 0.0
    assert scores["direction_acc"].item() == 0.0
    assert scores["stem_acc"].item() == 0.0
    assert math.isnan(scores["gain_mae_db"].item())  # no number given anywhere


def test_differential_stem_set_match() -> None:
    ref = Advice((change("bass", "increase", "moderate", 4.0), change("vocals", "decrease", "large", -8.0)))
    targets = [flaw("bass", "quiet", -4.0), flaw("vocals", "very_loud", 8.0)]
    same_set = Advice((change("vocals", "increase", "moderate"), change("bass", "decrease", "large")))
    subset = Advice((change("bass", "increase", "moderate", 4.0),))
    scores = update(AdviceAccuracy(), [(same_set, targets, ref), (subset, targets, ref)]).compute()
    assert scores["stem_acc"].item() == 0.5  # the set matters, not the directions
    # decisions 4: same_set gets both directions wrong; subset gets bass right and leaves vocals alone (wrong)
    assert scores["direction_acc"].item() == pytest.approx(1 / 4)


def test_states_are_sums_so_ranks_merge() -> None:
    items = cases()
    whole = update(AdviceAccuracy(), items).compute()
    first, second = update(AdviceAccuracy(), items[:2]), update(AdviceAccuracy(), items[2:])
    first.merge_state(second)  # what a cross-rank sync does with dist_reduce_fx="sum"
    merged = first.compute()
    for name, value in whole.items():
        assert torch.allclose(value, merged[name], equal_nan=True), name


def test_label_prior_chance_and_majority() -> None:
    prior = LabelPrior()
    prior.update([targets for _, targets, _ in cases()])
    scores = prior.compute()
    # directions: decrease, increase, none, none; categories: very_loud, quiet, no_error, no_error
    for name in ("direction_acc", "category_acc"):
        assert scores[f"chance_{name}"].item() == pytest.approx(1 / 16 + 1 / 16 + 1 / 4)
        assert scores[f"majority_{name}"].item() == pytest.approx(0.5)


def test_text_similarity_rouge_and_bleu() -> None:
    text = TextSimilarity()
    text.update(["The vocals are much too loud; pull them down about 8 dB."],
                ["The vocals are much too loud; pull them down about 8 dB."])
    scores = text.compute()
    assert scores["rougeL"].item() == pytest.approx(1.0)
    assert scores["bleu"].item() == pytest.approx(1.0)
    assert "bertscore_f1" not in scores  # off by default


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random 2-layer BERT with a word-level vocabulary, saved locally (BERTScore needs no hub)."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-bert")
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *"the vocals bass drums are too loud quiet raise lower "
             "pull them down up about db a bit much ; .".split()]
    (folder / "vocab.txt").write_text("\n".join(words))
    BertTokenizerFast(vocab_file=str(folder / "vocab.txt")).save_pretrained(folder)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(words), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=128)
    BertModel(config).save_pretrained(folder)
    return folder


def test_bertscore_with_a_local_encoder(tiny_bert: Path) -> None:
    same, other = TextSimilarity(str(tiny_bert)), TextSimilarity(str(tiny_bert))
    same.update(["the vocals are too loud"], ["the vocals are too loud"])
    other.update(["raise the bass"], ["the drums are much too quiet"])
    assert same.compute()["bertscore_f1"].item() == pytest.approx(1.0, abs=1e-5)
    assert other.compute()["bertscore_f1"].item() < 0.999

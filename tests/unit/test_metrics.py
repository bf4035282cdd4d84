"""Advice metrics on hand-made predictions, with hand-computed values."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch

from mixbuddy_pl.advice.flaws import Flaw
from mixbuddy_pl.advice.labels import Advice, StemAdvice
from mixbuddy_pl.advice.parse import parse
from mixbuddy_pl.scoring.metrics import AdviceAccuracy, LabelPrior, TextSimilarity, confusion_figure

STEMS = ["drums", "bass", "other", "vocals"]


def flaw(stem: str, category: str, gain: float = 0.0) -> dict:
    return Flaw(stem, category, gain).to_dict()


def change(stem: str, direction: str, magnitude: str, gain: float | None = None) -> StemAdvice:
    return StemAdvice(stem, direction, magnitude, gain)


def cases() -> list[tuple[Advice | None, list[dict]]]:
    """(prediction, targets) of four anchor-style examples."""
    return [
        # right everything, gain off by 2 dB
        (Advice((change("vocals", "decrease", "large", -6.0),)), [flaw("vocals", "very_loud", 8.0)]),
        # right direction for the target, wrong magnitude (gain off by 6 dB), plus a false alarm on the drums
        (Advice((change("bass", "increase", "large", 10.0), change("drums", "decrease", "moderate"))),
         [flaw("bass", "quiet", -4.0)]),
        # unparseable: wrong, never skipped
        (None, [flaw("drums", "no_error")]),
        # a global "nothing to change" for a balanced target
        (Advice(), [flaw("vocals", "no_error")]),
    ]


def update(metric: AdviceAccuracy, items: list) -> AdviceAccuracy:
    preds, targets = zip(*items)
    metric.update(list(preds), list(targets))
    return metric


def test_advice_accuracy_hand_computed() -> None:
    scores = update(AdviceAccuracy(STEMS), cases()).compute()
    # per example: #1 right on all; #2 wrong on all (the drums false alarm); #3 unparseable; #4 right on all
    for name in ("direction_acc", "stem_acc", "stem_direction_acc", "magnitude_acc", "category_acc"):
        assert scores[name].item() == pytest.approx(2 / 4), name
    assert scores["parse_rate"].item() == pytest.approx(3 / 4)
    assert scores["gain_mae_db"].item() == pytest.approx((2 + 6) / 2)
    assert scores["gain_stated_rate"].item() == pytest.approx(2 / 2)  # both answers that change something
    # detection: flawed #1 #2 flagged (tp 2); #3 unparseable counts as a false alarm; #4 silent
    assert scores["detection_precision"].item() == pytest.approx(2 / 3)
    assert scores["detection_recall"].item() == pytest.approx(2 / 2)
    assert scores["detection_f1"].item() == pytest.approx(2 * 2 / (3 + 2))
    # direction classes: ref decrease, increase, none, none; pred decrease, mixed, (unparseable), none
    f1 = {"decrease": 2 * 1 / (1 + 1), "increase": 0.0, "none": 2 * 1 / (2 + 1)}
    assert scores["direction_f1"].item() == pytest.approx(sum(f1.values()) / 3)
    assert scores["category_acc/very_loud"].item() == 1.0
    assert scores["category_acc/quiet"].item() == 0.0
    assert scores["category_acc/no_error"].item() == 0.5  # the no_error recall
    assert math.isnan(scores["category_acc/loud"].item())
    assert scores["stem_direction_acc/vocals"].item() == 1.0 and scores["stem_direction_acc/bass"].item() == 0.0
    assert math.isnan(scores["stem_direction_acc/drums"].item())  # no flawed drums example


def test_a_false_alarm_is_wrong_whatever_the_nominal_target() -> None:
    """A balanced no_anchor mix answered "the bass is a bit too loud" is wrong, whichever stem was nominal."""
    answer = Advice((change("bass", "decrease", "moderate"),))
    for nominal in ("bass", "vocals"):
        scores = update(AdviceAccuracy(STEMS), [(answer, [flaw(nominal, "no_error")])]).compute()
        for name in ("direction_acc", "stem_direction_acc", "category_acc", "category_acc/no_error"):
            assert scores[name].item() == 0.0, (nominal, name)
    leave = Advice((change("bass", "none", "none"),))  # "leave the bass" changes nothing: right
    assert update(AdviceAccuracy(STEMS), [(leave, [flaw("vocals", "no_error")])]).compute()["category_acc"] == 1.0


def test_confusion_counts_unparseable_in_its_own_column() -> None:
    metric = update(AdviceAccuracy(STEMS), cases())
    expected = torch.zeros(5, 6, dtype=torch.float64)
    expected[0, 5] = 1  # no_error -> unparseable
    expected[0, 0] = 1  # no_error -> no_error
    expected[1, 2] = 1  # quiet -> very_quiet
    expected[4, 4] = 1  # very_loud -> very_loud
    assert torch.equal(metric.confusion, expected)
    figure = confusion_figure(metric.confusion, "test")
    assert len(figure.axes) == 1


def test_all_unparseable_scores_zero_not_nan() -> None:
    items = [(parse("Lovely song!", STEMS), targets) for _, targets in cases()]
    scores = update(AdviceAccuracy(STEMS), items).compute()
    assert scores["parse_rate"].item() == 0.0
    assert scores["direction_acc"].item() == 0.0
    assert scores["stem_acc"].item() == 0.0
    assert math.isnan(scores["gain_mae_db"].item())  # no number given anywhere


def test_differential_stem_set_match() -> None:
    targets = [flaw("bass", "quiet", -4.0), flaw("vocals", "very_loud", 8.0)]
    same_set = Advice((change("vocals", "increase", "moderate"), change("bass", "decrease", "large")))
    subset = Advice((change("bass", "increase", "moderate", 4.0),))
    scores = update(AdviceAccuracy(STEMS), [(same_set, targets), (subset, targets)]).compute()
    assert scores["stem_acc"].item() == 0.5  # the set matters, not the directions
    assert scores["direction_acc"].item() == 0.5  # {increase, decrease} both times for same_set, not for subset
    assert scores["stem_direction_acc"].item() == 0.0  # neither gets every (stem, direction) pair


def test_states_are_sums_so_ranks_merge() -> None:
    items = cases()
    whole = update(AdviceAccuracy(STEMS), items).compute()
    first, second = update(AdviceAccuracy(STEMS), items[:2]), update(AdviceAccuracy(STEMS), items[2:])
    first.merge_state(second)  # what a cross-rank sync does with dist_reduce_fx="sum"
    merged = first.compute()
    for name, value in whole.items():
        assert torch.allclose(value, merged[name], equal_nan=True), name


def test_label_prior_is_what_a_constant_answer_scores() -> None:
    # no_anchor: 2 balanced mixes (nominal targets differ: the same "change nothing" reference), 1 quiet bass,
    # 1 loud vocals, 1 very loud vocals
    targets = [[flaw("bass", "no_error")], [flaw("vocals", "no_error")], [flaw("bass", "quiet", -4.0)],
               [flaw("vocals", "loud", 4.0)], [flaw("vocals", "very_loud", 8.0)]]
    prior = LabelPrior(STEMS)
    prior.update(targets)
    scores = prior.compute()
    # constants: nothing (2/5 right on every metric), bass up (1/5), vocals down moderate / large (category 1/5;
    # direction and stem+direction 2/5)
    assert scores["majority_category_acc"].item() == pytest.approx(2 / 5)
    assert scores["majority_stem_direction_acc"].item() == pytest.approx(2 / 5)
    p = {"nothing": 2 / 5, "bass": 1 / 5, "vocals_m": 1 / 5, "vocals_l": 1 / 5}
    assert scores["chance_category_acc"].item() == pytest.approx(sum(v * v for v in p.values()))
    assert scores["chance_direction_acc"].item() == pytest.approx(2 / 5 * 2 / 5 + 1 / 5 * 1 / 5 + 2 / 5 * 2 / 5)
    # detection F1 of "change nothing" is 0, of any change 2 * 3 / (5 + 3)
    assert scores["majority_detection_f1"].item() == pytest.approx(6 / 8)
    for name in ("direction_acc", "category_acc"):  # a constant answer scored by AdviceAccuracy itself
        best = max(update(AdviceAccuracy(STEMS), [(answer, t) for t in targets]).compute()[name].item()
                   for answer in (Advice(), Advice((change("vocals", "decrease", "moderate"),))))
        assert scores[f"majority_{name}"].item() == pytest.approx(best)


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


def test_label_prior_for_a_question_that_names_the_target() -> None:
    """Anchor variant: a constant answer is a category said about the asked stem, so chance is the category
    distribution's sum of squares whatever the stems (0.2 for five equal categories)."""
    categories = ["no_error", "quiet", "very_quiet", "loud", "very_loud"]
    targets = [[flaw(stem, c, {"no_error": 0.0, "quiet": -4.0, "very_quiet": -8.0, "loud": 4.0, "very_loud": 8.0}[c])]
               for stem in ("vocals", "bass") for c in categories]
    prior = LabelPrior(STEMS, names_target=True)
    prior.update(targets)
    scores = prior.compute()
    assert scores["chance_category_acc"].item() == pytest.approx(0.2)
    assert scores["majority_category_acc"].item() == pytest.approx(0.2)
    assert scores["chance_direction_acc"].item() == pytest.approx(0.2 ** 2 + 0.4 ** 2 + 0.4 ** 2)
    absolute = LabelPrior(STEMS)
    absolute.update(targets)  # a constant answer that must name one fixed stem is right on half the flawed examples
    assert absolute.compute()["chance_category_acc"].item() == pytest.approx(0.2 ** 2 + 8 * 0.1 ** 2)

"""MixingDataModule: deterministic items in any process, balanced evaluation, sharding, collate and features."""

from __future__ import annotations

from collections import Counter

import lightning as L
import numpy as np

import pytest
import torch
from lightning.pytorch.trainer.states import TrainerFn
from torch.utils.data import DataLoader

from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.data.collate import QwenAudioCollator
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.dataset import EpochSampler
from mixbuddy_pl.data.tasks import Example
from mixbuddy_pl.errors import ConfigError


def as_list(examples: list[Example]) -> list[Example]:
    return examples


def fingerprint(example: Example) -> tuple:
    return (example.prompt, example.response, tuple(a.tobytes() for a in example.audios))


def load(dataset, epoch: int, workers: int) -> list[tuple]:
    sampler = EpochSampler(len(dataset), seed=0, shuffle=True)
    sampler.set_epoch(epoch)
    loader = DataLoader(dataset, batch_size=3, sampler=sampler, collate_fn=as_list, num_workers=workers)
    return [fingerprint(e) for batch in loader for e in batch]


def test_items_are_bit_identical_in_worker_processes_and_differ_between_epochs(differential_dm) -> None:
    dataset = differential_dm.build("train")
    in_workers = load(dataset, epoch=3, workers=2)
    assert in_workers == load(dataset, epoch=3, workers=0)
    assert len(in_workers) == len(dataset)
    by_index = {key: fingerprint(dataset[key]) for key in [(3, i) for i in range(len(dataset))]}
    assert sorted(in_workers) == sorted(by_index.values())
    other_epoch = [fingerprint(dataset[(4, i)]) for i in range(len(dataset))]
    assert sum(a != b for a, b in zip(by_index.values(), other_epoch)) >= len(dataset) - 1


@pytest.mark.parametrize("split", ["val", "test"])
def test_evaluation_enumerates_chunk_target_category_balanced_and_stable(make_dm, anchor_dm, split: str) -> None:
    dataset = anchor_dm.build(split)
    twin = make_dm(variant="anchor", anchor="drums").build(split)
    expected = [(c, t, k) for c in range(len(dataset.index)) for t in dataset.task.targets(dataset.audible(c))
                for k in FlawPolicy().categories]
    assert dataset.items == twin.items == expected
    balance = Counter(k for _, _, k in dataset.items)
    assert len(balance) == 5 and len(set(balance.values())) == 1
    assert all(t != "drums" for _, t, _ in dataset.items)
    for i in (0, len(dataset) // 2, len(dataset) - 1):
        example = dataset[(0, i)]
        assert fingerprint(example) == fingerprint(twin[(0, i)])
        chunk, target, category = dataset.items[i]
        assert [(f.stem, f.category) for f in example.scenario.flaws] == [(target, category)]


@pytest.mark.parametrize("length, world", [(10, 3), (12, 4), (5, 1), (2, 3)])
def test_sampler_shards_without_duplicates(length: int, world: int) -> None:
    for shuffle in (False, True):
        shards = [list(EpochSampler(length, 0, shuffle, rank, world)) for rank in range(world)]
        items = [i for shard in shards for _, i in shard]
        assert len(items) == len(set(items))
        assert [len(s) for s in shards] == [len(EpochSampler(length, 0, shuffle, r, world)) for r in range(world)]
        if shuffle:  # equal shares so DDP ranks step together; the epoch's remainder is left out
            assert len({len(s) for s in shards}) == 1 and len(items) == length - length % world
        else:
            assert sorted(items) == list(range(length))


def test_sampler_epochs() -> None:
    sampler = EpochSampler(50, seed=0, shuffle=True)
    first = list(sampler)
    sampler.set_epoch(1)
    second = list(sampler)
    assert {e for e, _ in first} == {0} and {e for e, _ in second} == {1}
    assert [i for _, i in first] != [i for _, i in second]
    evaluation = EpochSampler(50, seed=0, shuffle=False)
    evaluation.set_epoch(5)
    assert list(evaluation) == [(0, i) for i in range(50)]


@pytest.fixture(scope="module")
def eval_batch(anchor_dm, processor) -> tuple[list[Example], dict]:
    dataset = anchor_dm.build("val")
    examples = [dataset[(0, i)] for i in (0, 7, 13)]
    return examples, QwenAudioCollator(processor, with_prompts=True)(examples)


def test_labels_cover_only_the_answer_and_im_end(eval_batch, processor) -> None:
    examples, batch = eval_batch
    tokenizer = processor.tokenizer
    for row, example in enumerate(examples):
        answer = batch["labels"][row] != -100
        positions = answer.nonzero().flatten()
        assert torch.equal(positions, torch.arange(positions[0], positions[-1] + 1))  # one contiguous span
        assert tokenizer.decode(batch["labels"][row][answer]) == example.response + "<|im_end|>"
        assert torch.equal(batch["labels"][row][answer], batch["input_ids"][row][answer])
        assert int(batch["attention_mask"][row].sum()) == int(positions[-1]) + 1  # right padding after the answer


def test_left_padded_prompts_equal_the_prompt_prefix(eval_batch) -> None:
    examples, batch = eval_batch
    for row in range(len(examples)):
        prompt = batch["prompt_ids"][row][batch["prompt_mask"][row] == 1]
        start = int((batch["labels"][row] != -100).nonzero()[0])
        assert torch.equal(prompt, batch["input_ids"][row][:start])
        assert batch["prompt_mask"][row][-1] == 1  # padded on the left


@pytest.mark.parametrize(("control", "silent_clips"), [
    ({}, (False, False)), ({"blind": True}, (True, True)), ({"control": "blind"}, (True, True)),
    ({"control": "target_only"}, (True, False)),
])
def test_features_on_the_device_and_the_controls(make_dm, eval_batch, control: dict, silent_clips: tuple) -> None:
    examples, batch = eval_batch
    dm = make_dm(variant="anchor", anchor="drums", **control)
    out = dm.on_after_batch_transfer(dm.transfer_batch_to_device(dict(batch), torch.device("cpu"), 0), 0)
    assert "audio" not in out and "audio" in batch  # the collated batch is not modified in place
    features = out["input_features"]
    assert features.shape == (len(examples) * 2, 128, 250)  # 5 s at 20 ms frames
    assert out["feature_attention_mask"].sum(-1).tolist() == [250] * (len(examples) * 2)
    for clip, silent in enumerate(silent_clips):  # silence is a constant log-mel
        assert all(bool((f == f.flatten()[0]).all()) == silent for f in features[clip::2])


def eval_keys(dm: MixingDataModule) -> dict[tuple, float]:
    """(song, start, target, category) -> applied gain of the target, over the test split."""
    dataset = dm.build("test")
    keys = {}
    for i in range(len(dataset)):
        e = dataset[(0, i)]
        flaw = e.scenario.flaws[0]
        keys[(e.song, e.start_s, flaw.stem, flaw.category)] = (flaw.applied_gain_db, e.meta["level_db"])
    return keys


def test_evaluation_draws_are_keyed_by_content_in_every_variant(make_dm) -> None:
    """The same clip, target and category carry the same flaw gain and level in anchor, no_anchor, differential."""
    anchor = eval_keys(make_dm(variant="anchor", anchor=None))
    no_anchor = eval_keys(make_dm(variant="no_anchor"))
    differential = eval_keys(make_dm(variant="differential", max_changes=2))
    assert len(anchor) > 20 and any(gain != 0 for gain, _ in anchor.values())
    assert anchor == no_anchor == differential
    fixed_anchor = eval_keys(make_dm(variant="anchor", anchor="drums"))  # drums is never a target here
    assert fixed_anchor == {k: v for k, v in no_anchor.items() if k[2] != "drums" and k in fixed_anchor}
    assert len(fixed_anchor) == sum(k[2] != "drums" for k in no_anchor)


def test_level_jitter_is_common_to_every_clip_and_offset_adds_to_it(make_dm) -> None:
    plain = make_dm(variant="differential", level_jitter_db=0.0).build("test")
    jittered = make_dm(variant="differential", level_jitter_db=30.0).build("test")
    shifted = make_dm(variant="differential", level_jitter_db=30.0, level_offset_db=-10.0).build("test")
    levels = []
    for i in range(len(plain)):
        a, b, c = plain[(0, i)], jittered[(0, i)], shifted[(0, i)]
        gain = 10 ** (b.meta["level_db"] / 20)
        for x, y in zip(a.audios, b.audios):  # one gain for A and B: their difference, and the label, unchanged
            np.testing.assert_allclose(y, x * gain, rtol=1e-5, atol=1e-7)
        assert a.response == b.response and a.meta["level_db"] == 0.0
        assert c.meta["level_db"] == pytest.approx(b.meta["level_db"] - 10.0, abs=1e-3)
        levels.append(b.meta["level_db"])
    assert -20.0 <= min(levels) < -10.0 and 10.0 < max(levels) <= 20.0  # test: 10 dB inside training's +-30


def test_training_hears_the_whole_jitter_range_and_evaluation_stays_inside_it(make_dm) -> None:
    """The +-10 dB shift check then moves evaluation clips only to levels training heard."""
    train = make_dm(level_jitter_db=30.0).build("train")
    levels = [train[(0, i)].meta["level_db"] for i in range(len(train))]
    assert -30.0 <= min(levels) < -20.0 and 20.0 < max(levels) <= 30.0
    assert make_dm(level_jitter_db=30.0).eval_level_jitter_db == 20.0
    assert make_dm(level_jitter_db=5.0).eval_level_jitter_db == 0.0
    assert make_dm(level_jitter_db=30.0, eval_level_jitter_db=30.0).eval_level_jitter_db == 30.0


def test_jitter_from_an_epoch_leaves_earlier_epochs_at_their_level_and_evaluation_jittered(make_dm) -> None:
    """The curriculum: epochs before `level_jitter_from_epoch` hear every clip at its own level, later ones the
    jitter (the same draw as a run jittered from the start), evaluation always its own jitter."""
    dm = make_dm(level_jitter_db=30.0, level_jitter_from_epoch=2)
    train, always = dm.build("train"), make_dm(level_jitter_db=30.0).build("train")
    for i in range(len(train)):
        assert train[(1, i)].meta["level_db"] == 0.0
        assert train[(2, i)].meta["level_db"] == always[(2, i)].meta["level_db"] != 0.0
        np.testing.assert_array_equal(train[(2, i)].audios[0], always[(2, i)].audios[0])
    test = dm.build("test")
    assert any(test[(0, i)].meta["level_db"] != 0.0 for i in range(len(test)))
    with pytest.raises(ConfigError, match="level_jitter_from_epoch"):
        make_dm(level_jitter_from_epoch=-1)


@pytest.mark.parametrize("stage, splits", [("fit", ["train", "val"]), ("validate", ["val"]), ("test", ["test"]),
                                           ("predict", ["test"])])
def test_prepare_data_decodes_only_the_splits_of_the_stage(tmp_path, processor, stage: str, splits: list) -> None:
    from tests.helpers import ToneSongs

    source = ToneSongs()
    dm = MixingDataModule(source=source, num_workers=0, chunk_s=5.0, hop_s=5.0, cache_dir=str(tmp_path))
    dm.trainer = L.Trainer(accelerator="cpu", logger=False, enable_progress_bar=False, enable_model_summary=False)
    dm.trainer.state.fn = TrainerFn(stage)  # what trainer.fit/validate/test/predict set before prepare_data
    dm.prepare_data()
    assert source.loads == len(splits) * source.num_songs


def test_train_loader_collates_right_padded_batches(anchor_dm) -> None:
    anchor_dm.datasets["train"] = anchor_dm.build("train")
    batch = next(iter(anchor_dm.train_dataloader()))
    assert "prompt_ids" not in batch
    assert batch["audio"].shape == (anchor_dm.batch_size * 2, 80_000)
    assert batch["input_ids"].shape == batch["labels"].shape == batch["attention_mask"].shape


@pytest.mark.parametrize("kwargs, message", [
    ({"variant": "anchor", "anchor": "vocals", "flaws": FlawPolicy(targets=["vocals"])}, "only flaw target"),
    ({"chunk_s": 0.0}, "must both be positive"),
    ({"anchor": "guitar", "variant": "anchor"}, "not a stem"),
    ({"flaws": FlawPolicy(targets=["guitar"])}, "does not have"),
    ({"variant": "differential", "stems": "my_song"}, "reference mix B"),
])
def test_bad_settings_are_config_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        MixingDataModule(**kwargs)


def test_chunk_longer_than_the_encoder_window_is_a_config_error(make_dm) -> None:
    dm = make_dm(chunk_s=6.0, hop_s=6.0)
    with pytest.raises(ConfigError, match=r"data.chunk_s = 6 s is longer than the 5 s audio window of processor 'tiny'"):
        dm.setup("fit")

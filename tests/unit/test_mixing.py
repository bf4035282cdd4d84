"""MixingDataModule: deterministic items in any process, balanced evaluation, sharding, collate and features."""

from __future__ import annotations

from collections import Counter

import pytest
import torch
from torch.utils.data import DataLoader

from mixbuddy_pl.datamodules.flaws import FlawPolicy
from mixbuddy_pl.datamodules.mixing import EpochSampler, MixingDataModule, QwenAudioCollator
from mixbuddy_pl.datamodules.tasks import Example
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


def test_features_on_the_device_and_the_blind_switch(make_dm, eval_batch) -> None:
    examples, batch = eval_batch
    for blind in (False, True):
        dm = make_dm(variant="anchor", anchor="drums", blind=blind)
        out = dm.on_after_batch_transfer(dm.transfer_batch_to_device(dict(batch), torch.device("cpu"), 0), 0)
        assert "audio" not in out
        assert out["input_features"].shape == (len(examples) * 2, 128, 500)
        assert out["feature_attention_mask"].sum(-1).tolist() == [500] * (len(examples) * 2)
        silent = bool((out["input_features"] == out["input_features"].flatten()[0]).all())
        assert silent == blind  # silence is a constant log-mel


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

"""Every YAML under configs/ and ablations/ parses and instantiates (classes built, no model weights loaded): each
entry config alone and with each overlay, every study arm. Every part is included somewhere, and a config that
includes another states only what differs from it; a study states only the SLURM resources that differ from the
defaults."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import lightning as L
import pytest
import torch
import yaml
from torch.utils.data import DataLoader

from mixbuddy_pl.ablation.study import Slurm, expand_arms, load_study, plan_runs
from mixbuddy_pl.ablation.task import best_checkpoint
from mixbuddy_pl.cli import MixBuddyCLI, build_cli, main
from mixbuddy_pl.data.songs import MUSDB18, SyntheticSongs
from mixbuddy_pl.model.advisor import MixingAdvisor

ROOT = Path(__file__).parents[2]
CONFIGS = ROOT / "configs"
# docs/data.md's table of configs: what a user passes to --config. Parts are whatever these include.
ENTRIES = ["anchor", "no_anchor", "differential", "zero_shot", "loudness_baseline"]
OVERLAYS = ["tiny", "qlora", "ddp", "fsdp", "label_space", "level_curriculum"]
TINY_OVERLAYS = {"tiny_no_anchor": "no_anchor"}  # overlays that stack on tiny.yaml only: -> the entry they are for
# Documented refusals: (entry, overlay) -> a word the one-line error names.
REFUSED = {("loudness_baseline", "qlora"): "quantization"}  # QLoRA quantizes a network; the loudness rule has none
ON_CPU = ("--trainer.accelerator", "cpu", "--trainer.devices", "1", "--trainer.precision", "32-true",
          "--trainer.strategy", "auto")


def entry(name: str) -> Path:
    return CONFIGS / f"{name}.yaml"


def overlay(name: str) -> Path:
    return CONFIGS / "overlays" / f"{name}.yaml"


@cache
def instantiate(*args: str) -> MixBuddyCLI:
    """The CLI with every class built (`run=False`), on the CPU so that any machine can check any config."""
    return build_cli([*args, *ON_CPU], run=False)


def with_configs(*paths: Path) -> tuple[str, ...]:
    return tuple(a for p in paths for a in ("--config", str(p)))


@cache
def parser() -> Any:
    """The CLI's parser, to read configs without building anything (and without the CPU options)."""
    return instantiate(*with_configs(entry("anchor"))).parser


def flatten(node: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(node, dict):
        return {prefix[:-1]: node}
    return {k: v for key, value in node.items() for k, v in flatten(value, f"{prefix}{key}.").items()}


def resolved(path: Path) -> dict[str, Any]:
    """The parsed configuration of one file, flattened to dotted keys (the `config` paths left out)."""
    config = parser().parse_args(["--config", str(path)]).as_dict()
    config.pop("config", None)
    return flatten(config)


def includes(path: Path) -> list[Path]:
    """The files a config names by path: `config: other.yaml` and any `group: part.yaml` value, at any depth."""
    found: list[Path] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and node.endswith(".yaml"):
            found.append((path.parent / node).resolve())

    walk(yaml.safe_load(path.read_text()))
    return found


def test_every_file_is_an_entry_an_overlay_or_an_included_part() -> None:
    roots = [entry(n) for n in ENTRIES] + [overlay(n) for n in [*OVERLAYS, *TINY_OVERLAYS]]
    reached, todo = set(), list(roots)
    while todo:
        path = todo.pop()
        assert path.is_file(), f"{path.relative_to(ROOT)} is included but does not exist"
        if path not in reached:
            reached.add(path)
            todo += includes(path)
    every = {p.resolve() for p in CONFIGS.rglob("*.yaml")}
    orphans = sorted(str(p.relative_to(CONFIGS)) for p in every - reached)
    assert not orphans, f"configs nobody includes (add to docs/data.md's table and ENTRIES/OVERLAYS, or delete): {orphans}"
    assert (CONFIGS / "base.yaml").resolve() in reached and (CONFIGS / "data" / "musdb18.yaml").resolve() in reached


@pytest.mark.parametrize("name", ENTRIES)
def test_including_file_states_only_what_differs(name: str) -> None:
    """`config: x.yaml` first, then dotted keys that each change a value of x; a nested mapping only to replace a
    class group whole (it would silently reset every other key of a group like `data`)."""
    raw = yaml.safe_load(entry(name).read_text())
    keys = list(raw)
    assert keys[0] == "config", f"{name}.yaml: `config:` must come first (later keys override the included file)"
    base, own = resolved(entry(name).parent / raw["config"]), resolved(entry(name))
    stated = [k for k in keys[1:] if "." in k]
    replaced = [k for k in keys[1:] if "." not in k]
    for key in replaced:
        assert isinstance(raw[key], dict) and "class_path" in raw[key], (
            f"{name}.yaml: `{key}:` as a mapping replaces the whole group; write dotted keys ({key}.x: ...)")
    defaults = flatten(parser().get_defaults().as_dict())
    for key in stated:  # naming a class default (the task of a variant) is fine; copying an included file's value not
        assert own[key] == raw[key], f"{name}.yaml: {key} is overridden by a later key"
        assert base.get(key) != raw[key] or raw[key] == defaults.get(key), f"{name}.yaml: {key} copies the included value"
    changed = {k for k in set(base) | set(own) if base.get(k) != own.get(k)}
    unexplained = {k for k in changed if not any(k == s or k.startswith(s + ".") for s in stated + replaced)}
    assert not unexplained, f"{name}.yaml changes keys it does not state: {sorted(unexplained)}"


@pytest.mark.parametrize("extra", [None, *OVERLAYS])
@pytest.mark.parametrize("name", ENTRIES)
def test_entry_with_overlay_instantiates(name: str, extra: str | None) -> None:
    paths = [entry(name)] + ([overlay(extra)] if extra else [])
    if (name, extra) in REFUSED:
        with pytest.raises(SystemExit):
            instantiate(*with_configs(*paths))
        return
    cli = instantiate(*with_configs(*paths))
    source = cli.datamodule.source
    assert isinstance(source, SyntheticSongs if extra == "tiny" else MUSDB18)
    assert list(cli.model.stems) == list(source.stem_names)  # linked from the data, not typed twice
    assert cli.datamodule.processor_name == cli.model.hparams.backbone
    assert cli.model.hparams.backbone == ("tiny" if extra == "tiny" else "Qwen/Qwen2-Audio-7B-Instruct")
    if isinstance(cli.model, MixingAdvisor):
        assert cli.model.hparams.quantization == ("nf4" if extra == "qlora" else None)
        assert (cli.model.hparams.lora is None) == (name == "zero_shot")
    assert cli.datamodule.variant == {"no_anchor": "no_anchor", "differential": "differential"}.get(name, "anchor")



@pytest.mark.parametrize("extra", TINY_OVERLAYS)
def test_tiny_variant_overlay_changes_only_its_settings(extra: str) -> None:
    """An overlay for one variant on the tiny overlay keeps the synthetic songs and the tiny model; what it sets
    is what the instantiated run uses."""
    cli = instantiate(*with_configs(entry(TINY_OVERLAYS[extra]), overlay("tiny"), overlay(extra)))
    stated = flatten(yaml.safe_load(overlay(extra).read_text()))
    assert isinstance(cli.datamodule.source, SyntheticSongs) and cli.model.hparams.backbone == "tiny"
    assert cli.datamodule.source.counts["train"] == stated["data.source.init_args.num_train"]
    assert cli.datamodule.level_jitter_from_epoch == stated["data.level_jitter_from_epoch"]
    assert cli.trainer.max_epochs == stated["trainer.max_epochs"]

def test_refused_combination_names_the_setting(capsys: pytest.CaptureFixture[str]) -> None:
    for (name, extra), word in REFUSED.items():
        with pytest.raises(SystemExit):
            main(["fit", *with_configs(entry(name), overlay(extra)), "--print_config"])
        assert word in capsys.readouterr().err


STUDIES = sorted(p.name for p in (ROOT / "ablations").glob("*.yaml"))


@pytest.mark.parametrize("study_file", STUDIES)
def test_every_study_arm_instantiates(study_file: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # study files name configs relative to the repository root
    study = load_study(ROOT / "ablations" / study_file)
    runs = plan_runs(study, str(tmp_path / study.name))
    assert {r.arm for r in runs} == {a.name for a in expand_arms(study)}
    for arm in {r.arm: r for r in runs}.values():
        cli = instantiate(*arm.args)
        assert cli.config.seed_everything == arm.seed


@pytest.mark.parametrize("study_file", STUDIES)
def test_study_states_only_the_slurm_resources_that_differ(study_file: str) -> None:
    slurm = yaml.safe_load((ROOT / "ablations" / study_file).read_text()).get("slurm") or {}
    copied = sorted(key for key, value in slurm.items() if getattr(Slurm(), key) == value)
    assert not copied, f"ablations/{study_file}: slurm {copied} repeat the defaults of Slurm (ablation/study.py)"


def test_bad_value_is_one_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["fit", "--config", str(entry("anchor")), "--data.variant", "anchors"])
    assert exit_info.value.code != 0
    assert "variant" in capsys.readouterr().err


class ConstantScore(L.LightningModule):
    """One weight and two steps an epoch; every validation scores the same, so no epoch beats the first."""

    def __init__(self) -> None:
        super().__init__()
        self.weight = torch.nn.Parameter(torch.zeros(1))

    def training_step(self, batch: torch.Tensor, batch_idx: int) -> torch.Tensor:
        return (self.weight - batch).square().sum()

    def validation_step(self, batch: torch.Tensor, batch_idx: int) -> None:
        self.log("val/direction_acc", 0.5)

    def configure_optimizers(self) -> torch.optim.Optimizer:
        return torch.optim.SGD(self.parameters(), lr=0.1)

    def train_dataloader(self) -> DataLoader:
        return DataLoader(torch.ones(2, 1), batch_size=1)

    def val_dataloader(self) -> DataLoader:
        return DataLoader(torch.ones(1, 1), batch_size=1)


def test_last_ckpt_is_the_final_state_and_the_best_is_kept_apart(tmp_path: Path) -> None:
    """The configured checkpoints: `last.ckpt` (resume, the quickstart's test) holds the last step even when no
    later validation beats the first (Lightning 2.6's `save_last` would leave it at the best); a study tests the
    best, which `best_checkpoint` finds from it."""
    trainer = build_cli([*with_configs(entry("anchor")), *ON_CPU, "--trainer.max_epochs", "3",
                         "--trainer.logger.init_args.save_dir", str(tmp_path)], run=False).trainer
    trainer.fit(ConstantScore())
    folder = Path(trainer.log_dir)
    assert torch.load(folder / "checkpoints" / "last.ckpt", weights_only=False)["global_step"] == 6
    assert best_checkpoint(folder).name.startswith("epoch0-step1-")  # gpu.yaml validates twice an epoch
    assert sorted(p.name for p in (folder / "checkpoints").iterdir()) == ["epoch0-step1-diracc0.500.ckpt", "last.ckpt"]

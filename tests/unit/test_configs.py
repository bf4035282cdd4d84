"""Every YAML under configs/ parses and instantiates: each variant and baseline, alone and with each overlay."""

from __future__ import annotations

from pathlib import Path

import pytest

from mixbuddy_pl.cli import MixBuddyCLI, build_cli, main
from mixbuddy_pl.data.songs import MUSDB18, SyntheticSongs
from mixbuddy_pl.model.advisor import MixingAdvisor

CONFIGS = Path(__file__).parents[2] / "configs"
MAIN = sorted(p.name for p in CONFIGS.glob("*.yaml") if p.name != "qlora.yaml")
OVERLAYS = ["qlora.yaml", "trainer/ddp.yaml", "trainer/fsdp.yaml", "local/tiny.yaml"]
ON_CPU = ["--trainer.accelerator", "cpu", "--trainer.devices", "1", "--trainer.precision", "32-true"]


def instantiate(*configs: str, extra: tuple[str, ...] = ()) -> MixBuddyCLI:
    args = [a for c in configs for a in ("--config", str(CONFIGS / c))]
    return build_cli([*args, *ON_CPU, "--trainer.strategy", "auto", *extra], run=False)


def test_every_config_file_is_covered() -> None:
    every = {str(p.relative_to(CONFIGS)) for p in CONFIGS.rglob("*.yaml")}
    nested = {"trainer/gpu.yaml", "model/qwen2_audio_lora.yaml"}  # referenced from the variant configs
    assert every == set(MAIN) | set(OVERLAYS) | nested


@pytest.mark.parametrize("config", MAIN)
def test_main_config_instantiates(config: str) -> None:
    cli = instantiate(config)
    assert isinstance(cli.datamodule.source, MUSDB18)
    assert cli.model.hparams.backbone == "Qwen/Qwen2-Audio-7B-Instruct" or config == "loudness_baseline.yaml"
    assert cli.datamodule.processor_name == cli.model.hparams.backbone  # linked, not typed twice


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("config", MAIN)
def test_overlay_stacks_on_every_config(config: str, overlay: str) -> None:
    if config == "loudness_baseline.yaml" and overlay == "qlora.yaml":
        pytest.skip("QLoRA quantizes a neural backbone; the rule-based baseline has none")
    cli = instantiate(config, overlay)
    if overlay == "local/tiny.yaml":
        assert isinstance(cli.datamodule.source, SyntheticSongs)
        assert cli.model.hparams.backbone == "tiny" == cli.datamodule.processor_name
    if overlay == "qlora.yaml" and isinstance(cli.model, MixingAdvisor):
        assert cli.model.hparams.quantization == "nf4"
    assert list(cli.model.stems) == list(cli.datamodule.source.stem_names)


def test_variant_configs_differ_only_in_the_task() -> None:
    variants = {c: instantiate(c).datamodule.variant for c in ("anchor.yaml", "no_anchor.yaml", "differential.yaml")}
    assert variants == {"anchor.yaml": "anchor", "no_anchor.yaml": "no_anchor", "differential.yaml": "differential"}


def test_bad_value_is_one_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["fit", "--config", str(CONFIGS / "anchor.yaml"), "--data.variant", "anchors"])
    assert exit_info.value.code != 0
    assert "variant" in capsys.readouterr().err

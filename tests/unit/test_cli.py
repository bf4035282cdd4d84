"""cli.read_config: a run's configuration read by the training CLI's own parser, nothing built; data_module."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonargparse import strip_meta

from mixbuddy_pl.cli import data_module, main, read_config
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.errors import ConfigError

TINY = ["--config", "configs/anchor.yaml", "--config", "configs/overlays/tiny.yaml"]


@pytest.fixture(autouse=True)
def _repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])


def test_reads_parts_overrides_defaults_and_links() -> None:
    config = read_config([*TINY, "--data.chunk_s", "4", "--model.init_args.lora.r", "8"])
    assert config.data.variant == "anchor" and config.data.chunk_s == 4.0  # entry config, then the override
    assert config.data.processor == "tiny" == config.model.init_args.backbone  # the CLI's backbone link
    assert config.model.init_args.lora.r == 8 and config.model.init_args.lora.alpha == 32  # a part's default kept
    assert config.trainer.accelerator == "cpu" and config.data.flaws.targets == ["vocals", "bass"]


def test_a_saved_run_config_reads_back_the_same(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """What `fit` saves as `<run>/config.yaml` (its dump, `ckpt_path` and the like included) reads as it was run."""
    with pytest.raises(SystemExit):
        main(["fit", *TINY, "--print_config"])  # the dump SaveConfigCallback writes
    saved = capsys.readouterr().out
    assert "ckpt_path:" in saved
    (tmp_path / "config.yaml").write_text(saved)
    config = read_config(TINY)
    again = read_config(["--config", str(tmp_path / "config.yaml")])
    for group in ("data", "model", "trainer"):  # as run; only where the parts were read from differs
        assert strip_meta(again[group]) == strip_meta(config[group]), group


def test_data_only_configs_and_errors() -> None:
    assert read_config(["--data.seed", "3"]).model.class_path == "mixbuddy_pl.model.advisor.MixingAdvisor"
    with pytest.raises(ConfigError, match=r"^config: Parser key \"data.chunk_s\": Expected a <class 'float'>"):
        read_config(["--data.chunk_s", "abc"])
    with pytest.raises(ConfigError, match="unrecognized arguments: --data.chunk_size"):
        read_config(["--data.chunk_size", "4"])


def test_data_module_builds_the_data_alone() -> None:
    data = data_module(read_config([*TINY, "--data.anchor", "bass"]))
    assert isinstance(data, MixingDataModule) and data.processor_name == "tiny"
    assert data.flaws.categories == ("no_error", "very_quiet", "very_loud") and data.variant == "anchor"

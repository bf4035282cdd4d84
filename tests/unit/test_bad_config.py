"""Bad configurations stop `mixbuddy_pl.cli.main` early: exit code 2, one line naming the field, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from mixbuddy_pl.cli import main
from tests.helpers import ROOT

TINY = ["--config", "configs/anchor.yaml", "--config", "configs/overlays/tiny.yaml",
        "--data.source.init_args.num_train", "1", "--data.source.init_args.num_val", "1",
        "--data.source.init_args.num_test", "1", "--data.num_workers", "0"]


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the configs are given relative to the repository


def run_main(capsys: pytest.CaptureFixture, tmp_path: Path, *args: str) -> str:
    """main() with the tiny overlay plus `args`; asserts exit code 2 and returns stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(["fit", *TINY, "--trainer.logger.init_args.save_dir", str(tmp_path / "logs"), *args])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2, err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(("args", "field"), [
    (["--data.anchor", "guitar"], "data.anchor"),
    (["--data.flaws.targets", "[vocals, guitar]"], "data.flaws.targets"),
    (["--data.anchor", "drums", "--data.flaws.targets", "[drums]"], "data.anchor"),
    (["--data.flaws.ranges", '{"quiet": [-6, -3], "very_quiet": [-12, -4]}'], "data.flaws.ranges"),
    (["--data.flaws.ranges", '{"quiet": [-3, -3]}'], "data.flaws.ranges.quiet"),
    (["--data.batch_size", "0"], "data.batch_size"),
    (["--model.init_args.lora.target_modules", r".*\.no_such_proj"], "model.lora.target_modules"),
    (["--trainer.enable_progress_bar", "false"], "RichProgressBar"),
    (["--data.eval_level_jitter_db", "-1"], "data.eval_level_jitter_db"),  # Lightning's own check, as one line
])
def test_config_error_is_one_line(args: list[str], field: str, capsys: pytest.CaptureFixture,
                                  tmp_path: Path) -> None:
    line = run_main(capsys, tmp_path, *args).splitlines()[-1]  # earlier lines: progress bars, if any
    assert line.startswith("mixbuddy_pl: error: ") and field in line


def test_unknown_variant_names_the_field(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    """jsonargparse rejects it while parsing (its usage text comes with it), still before anything loads."""
    assert "data.variant" in run_main(capsys, tmp_path, "--data.variant", "anchored")


def test_unwritable_output_folder(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    err = run_main(capsys, tmp_path, "--trainer.logger.init_args.save_dir", str(blocker / "logs"))
    assert err.splitlines()[-1].startswith("mixbuddy_pl: error: trainer.logger.init_args.save_dir")


def test_qlora_without_backend(capsys: pytest.CaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: this machine's bitsandbytes has a CPU backend, so the backend probe is made to fail."""
    import transformers.integrations

    def no_backend(raise_exception: bool = False) -> bool:
        raise RuntimeError("no bitsandbytes backend")

    monkeypatch.setattr(transformers.integrations, "validate_bnb_backend_availability", no_backend)
    err = run_main(capsys, tmp_path, "--config", "configs/overlays/qlora.yaml")
    assert err.splitlines()[-1].startswith("mixbuddy_pl: error: model.quantization=nf4")

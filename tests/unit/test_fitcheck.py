"""`python -m mixbuddy_pl.fitcheck`: GPU memory of the shipped configs from the real architecture (meta device)."""

from __future__ import annotations

import json

import pytest

from mixbuddy_pl.backbones.published import published_config
from mixbuddy_pl.fitcheck import cli_config, main, markdown
from mixbuddy_pl.model.memory import GIB, measure_activation, report_estimates, run_estimates
from mixbuddy_pl.model.backbone import LoraSettings
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def anchor_qlora():
    return run_estimates(cli_config(["--config", "configs/anchor.yaml", "--config", "configs/overlays/qlora.yaml"]))


def test_cli_config_reads_sub_files_and_overrides() -> None:
    config = cli_config(["--config", "configs/anchor.yaml", "--config", "configs/overlays/qlora.yaml",
                         "--model.init_args.lora.r", "8", "--data.chunk_s", "30"])
    assert config["trainer"]["precision"] == "bf16-true"  # from trainer/gpu.yaml
    assert config["model"]["init_args"]["backbone"] == "Qwen/Qwen2-Audio-7B-Instruct"
    assert config["model"]["init_args"]["quantization"] == "nf4" and config["model"]["init_args"]["lora"]["r"] == 8
    assert config["model"]["init_args"]["lora"]["alpha"] == 32 and config["data"]["chunk_s"] == 30


def test_measured_peaks_and_memory_table(anchor_qlora) -> None:
    run, estimates = anchor_qlora
    hidden, vocab = published_config().text_config.hidden_size, published_config().text_config.vocab_size
    plain, checkpointed = run["activation_plain"], run["activation_checkpointed"]
    assert 10 * 2 * hidden < plain["per_token"] < 100 * 2 * hidden  # tens of bf16 hidden vectors per layer
    assert plain["per_token_sq"] == pytest.approx(2 * 32 * 2, rel=0.1)  # math-kernel attention, left out
    assert checkpointed["per_token"] == pytest.approx(2 * hidden, rel=0.15)  # a checkpointed layer keeps its input
    lora_gc, lora_plain, qlora_gc, qlora_plain = estimates
    assert lora_gc.weights == pytest.approx(((lora_gc.params - lora_gc.trainable) * 2 + lora_gc.trainable * 4) / GIB)
    assert lora_gc.optimizer == pytest.approx(lora_gc.trainable * 8 / GIB)  # fp32 AdamW moments
    assert 6 < qlora_gc.weights < lora_gc.weights / 2 + 1
    assert lora_gc.activation_per_example < lora_plain.activation_per_example / 4
    for e in estimates:
        batches = list(e.max_batch.values())
        assert batches == sorted(batches) and batches[-1] > 0
    assert lora_plain.max_batch["24 GB"] == 0
    # the LM head on every position costs ~6 bytes per vocabulary entry and token at the peak, on the answer only not
    full = measure_activation(LoraSettings(**cli_config(["--config", "configs/anchor.yaml"])["model"]["init_args"]
                                           ["lora"]), True, True)
    extra = full.bytes(1600, 32) - measure_activation(LoraSettings(r=16, alpha=32), True, False).bytes(1600, 32)
    assert 4 * vocab * 1600 < extra < 8 * vocab * 1600


def test_the_result_file_is_the_tools(capsys: pytest.CaptureFixture) -> None:
    """docs/memory.md shows docs/results/memory_anchor.md (tools/tables.py); that file is this tool's output."""
    main(["--config", "configs/anchor.yaml", "--markdown"])
    assert capsys.readouterr().out == (ROOT / "docs" / "results" / "memory_anchor.md").read_text(), (
        "docs/results/memory_anchor.md differs from the tool: python -m mixbuddy_pl.fitcheck --config "
        "configs/anchor.yaml --markdown > docs/results/memory_anchor.md, then python -m tools.tables")


def test_json_output(capsys: pytest.CaptureFixture, anchor_qlora) -> None:
    main(["--config", "configs/anchor.yaml", "--config", "configs/overlays/qlora.yaml", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["run"]["sequence"]["audio"] == 500 and len(out["estimates"]) == 4


def test_a_generation_limit_beyond_the_positions_is_a_clear_error(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["--config", "configs/anchor.yaml", "--model.init_args.max_new_tokens", "8000"])
    assert "8192 positions; lower model.init_args.max_new_tokens" in capsys.readouterr().err

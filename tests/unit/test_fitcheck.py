"""`python -m mixbuddy_pl.fitcheck`: GPU memory of the shipped configs from the real architecture (meta device)."""

from __future__ import annotations

import json

import pytest

from mixbuddy_pl.fitcheck import GIB, cli_config, main, run_estimates
from mixbuddy_pl.model.published import published_config


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


def test_measured_layer_cost_and_memory_table(anchor_qlora) -> None:
    run, estimates = anchor_qlora
    hidden = published_config().text_config.hidden_size
    assert 10 * 2 * hidden < run["per_layer_bytes_per_token"] < 100 * 2 * hidden  # tens of bf16 hidden vectors
    assert run["attention_bytes_per_token_sq"] == pytest.approx(2 * 32 * 2, rel=0.1)  # math-kernel attn, left out
    lora_gc, lora_plain, qlora_gc, qlora_plain = estimates
    assert lora_gc.weights == pytest.approx(lora_gc.params * 2 / GIB)
    assert 6 < qlora_gc.weights < lora_gc.weights / 2 + 1
    assert lora_gc.activation_per_example < lora_plain.activation_per_example / 4
    for e in estimates:
        batches = list(e.max_batch.values())
        assert batches == sorted(batches) and batches[-1] > 0
    assert qlora_gc.max_batch["24 GB"] >= 1 and lora_plain.max_batch["24 GB"] == 0


def test_json_output(capsys: pytest.CaptureFixture, anchor_qlora) -> None:
    main(["--config", "configs/anchor.yaml", "--config", "configs/overlays/qlora.yaml", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["run"]["sequence"]["audio"] == 500 and len(out["estimates"]) == 4


def test_a_generation_limit_beyond_the_positions_is_a_clear_error(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["--config", "configs/anchor.yaml", "--model.init_args.max_new_tokens", "8000"])
    assert "8192 positions; lower model.init_args.max_new_tokens" in capsys.readouterr().err

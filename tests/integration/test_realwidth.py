"""Qwen2-Audio-7B-Instruct's real widths (4096 / 1280, vocabulary 156032, 30 s window), one layer per stack, random
weights, on the CPU: `fit` + `validate` through the CLI with LoRA (bf16-true, as on the GPU) and QLoRA, and batched
generation equal to one-by-one generation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.batching import greedy_answers, mismatches, mixed_examples
from tests.helpers import ROOT, TINY_ANCHOR

pytestmark = pytest.mark.slow
# random_base false: as with the pretrained 7B, LoRA alone trains (a random base would also train the 156032-row
# embedding and head fully: 1.3B parameters with their optimizer state in every checkpoint); gradient checkpointing
# on, as the 7B config has it (the tiny overlay turns it off)
SHORT = ["--model.init_args.backbone", "realwidth", "--model.init_args.random_base", "false",
         "--model.init_args.gradient_checkpointing", "true",
         "--data.chunk_s", "1", "--data.hop_s", "1", "--data.batch_size", "2", "--data.eval_batch_size", "2",
         "--trainer.limit_train_batches", "2", "--trainer.limit_val_batches", "1",
         "--model.init_args.max_new_tokens", "4"]


@pytest.mark.parametrize(("variant", "overlay"), [
    (["--data.variant", "anchor"], ["--trainer.precision", "bf16-true"]),
    (["--data.variant", "differential", "--data.anchor", "null", "--data.max_changes", "2"],
     ["--config", "configs/overlays/qlora.yaml", "--trainer.precision", "bf16-true"]),
], ids=["anchor-lora-bf16", "differential-qlora"])
def test_fit_and_validate_at_real_width(variant: list[str], overlay: list[str], tmp_path: Path) -> None:
    args = [*TINY_ANCHOR, *SHORT, *variant, *overlay, "--trainer.logger.init_args.save_dir", str(tmp_path),
            "--trainer.logger.init_args.name", "rw", "--trainer.logger.init_args.version", "0"]
    result = subprocess.run([sys.executable, "-m", "mixbuddy_pl", "fit", *args], cwd=ROOT, env=os.environ.copy(),
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = (tmp_path / "rw" / "version_0" / "predictions" / "val-epoch0.jsonl").read_text().splitlines()
    assert len(rows) == 2 and all("generated" in json.loads(row) for row in rows)
    checkpoint = tmp_path / "rw" / "version_0" / "checkpoints" / "last.ckpt"
    assert checkpoint.stat().st_size < 64 * 2**20  # the LoRA weights and their optimizer state, not the 2.9 GB base


def test_batched_generation_equals_one_by_one_at_real_width() -> None:
    advisor = MixingAdvisor(backbone="realwidth", lora=None, dtype="float32", max_new_tokens=4)
    advisor.configure_model()
    advisor.eval()
    examples = mixed_examples(advisor.processor, 2, (1.0, 2.0))
    assert {len(e.audios) for e in examples} == {1, 2}
    one_by_one = greedy_answers(advisor, examples, batch_size=1)
    assert mismatches(one_by_one, greedy_answers(advisor, examples, batch_size=2)) == []

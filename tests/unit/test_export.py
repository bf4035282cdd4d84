"""`python -m mixbuddy_pl.export CKPT OUT_DIR` writes a PEFT adapter that reproduces the module's generations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import lightning as L
import torch
from peft import PeftModel

from mixbuddy_pl.export import load_advisor
from mixbuddy_pl.model.backbone import load_model
from tests.unit.test_advisor import advisor, datamodule, eval_batch, trainer


def test_exported_adapter_generates_like_the_module(tmp_path: Path, mixbuddy_cache: Path) -> None:
    L.seed_everything(0, verbose=False)
    module = advisor()
    trainer(tmp_path, max_epochs=1).fit(module, datamodule=datamodule(tmp_path))
    ckpt = tmp_path / "checkpoints" / "last.ckpt"
    out = tmp_path / "adapter"
    done = subprocess.run([sys.executable, "-m", "mixbuddy_pl.export", str(ckpt), str(out)],
                          capture_output=True, text=True, env={**os.environ, "MIXBUDDY_CACHE": str(mixbuddy_cache)})
    assert done.returncode == 0, done.stderr
    assert (out / "adapter_config.json").is_file() and (out / "adapter_model.safetensors").is_file()

    peft_model = PeftModel.from_pretrained(load_model("tiny", lora=None, dtype="float32"), out).eval()
    batch = eval_batch(datamodule(tmp_path))
    reference = load_advisor(ckpt)
    expected = reference.generate(batch)
    with torch.no_grad():
        tokens = peft_model.generate(input_ids=batch["prompt_ids"], attention_mask=batch["prompt_mask"],
                                     input_features=batch["input_features"],
                                     feature_attention_mask=batch["feature_attention_mask"],
                                     generation_config=reference.generation_config)
    texts = reference.processor.tokenizer.batch_decode(tokens[:, batch["prompt_ids"].shape[1]:],
                                                       skip_special_tokens=True)
    assert texts == expected == module.eval().generate(batch)


def test_export_refuses_a_missing_checkpoint(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mixbuddy_pl.export", str(tmp_path / "none.ckpt"), str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "not found" in done.stderr

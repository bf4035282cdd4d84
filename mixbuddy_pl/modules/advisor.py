"""MixingAdvisor: Qwen2-Audio + LoRA/QLoRA as a LightningModule, scored on the advice it generates."""

from __future__ import annotations

import glob
import os
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

import lightning as L
import torch
from fsspec.implementations.local import LocalFileSystem
from lightning.fabric.utilities.cloud_io import get_filesystem
from lightning.pytorch.loggers import TensorBoardLogger
from lightning.pytorch.plugins.io import TorchCheckpointIO
from torchmetrics import MeanMetric
from transformers import GenerationConfig, get_cosine_schedule_with_warmup

from mixbuddy_pl.advice import parse
from mixbuddy_pl.datamodules.flaws import FlawPolicy
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.modules.backbone import (
    LoraSettings, for_random_base, load_model, load_processor, trainable_state_dict,
)
from mixbuddy_pl.modules.metrics import AdviceAccuracy, LabelPrior, TextSimilarity, confusion_figure
from mixbuddy_pl.records import write_rows

MODEL_INPUTS = ("input_features", "feature_attention_mask")
DEFAULT_LEARNING_RATE, TINY_LEARNING_RATE = 1e-4, 3e-3


class AdviceEvaluator(L.LightningModule):
    """Scores answers to the batches' prompts with the advice and text metrics, for MixingAdvisor and baselines.

    Subclasses implement `answer(batch) -> list[str]`; validation/test parse and score the answers, log
    `{stage}/...` metrics, a confusion matrix (TensorBoard) and write `predictions/<stage>-epoch<N>.jsonl`.

    Args:
        stems: stem names the parser looks for (linked from the data source).
        bertscore_model: encoder (local dir or hub id) for `{stage}/bertscore_f1`; None leaves BERTScore off.
    """

    def __init__(self, stems: list[str] | None = None, bertscore_model: str | None = None) -> None:
        super().__init__()
        self.stems = list(stems or ["drums", "bass", "other", "vocals"])
        self.metrics = torch.nn.ModuleDict({s: AdviceAccuracy(self.stems) for s in ("val", "test")})
        self.prior = torch.nn.ModuleDict({s: LabelPrior(self.stems) for s in ("val", "test")})
        self.text = torch.nn.ModuleDict({s: TextSimilarity(bertscore_model) for s in ("val", "test")})
        self.rows: list[dict] = []
        self.policy = FlawPolicy()

    def setup(self, stage: str) -> None:
        """Read answers with the data's label rules (the flaw policy's boundaries and rounding), and set the
        chance levels' constant answers for the data's variant."""
        data = self.trainer.datamodule if self._trainer else None
        if isinstance(getattr(data, "flaws", None), FlawPolicy):
            self.policy = data.flaws
        for prior in self.prior.values():  # the anchor question names its target: constants are said about it
            prior.names_target = getattr(data, "variant", None) == "anchor"

    def answer(self, batch: dict) -> list[str]:
        """The answer text to every prompt of the batch."""
        raise NotImplementedError

    def _evaluate(self, batch: dict, stage: str) -> None:
        """Answer, parse and score one batch; keep its prediction rows."""
        generated = self.answer(batch)
        parsed = [parse(text, self.stems, self.policy) for text in generated]
        targets = [e["targets"] for e in batch["examples"]]
        self.metrics[stage].update(parsed, targets)
        self.prior[stage].update(targets)
        self.text[stage].update(generated, [e["response"] for e in batch["examples"]])
        for example, text, advice in zip(batch["examples"], generated, parsed):
            self.rows.append({**example, "generated": text, "parsed": asdict(advice) if advice else None})

    def validation_step(self, batch: dict, batch_idx: int) -> None:
        self._evaluate(batch, "val")

    def test_step(self, batch: dict, batch_idx: int) -> None:
        self._evaluate(batch, "test")

    def _finish(self, stage: str) -> None:
        scores = {f"{stage}/{k}": v for k, v in self.metrics[stage].compute().items()}
        scores.update({f"{stage}/{k}": v for k, v in self.text[stage].compute().items()})
        scores.update({f"{stage}/{k}": v for k, v in self.prior[stage].compute().items()})
        self.log_dict(scores)
        self._log_confusion(stage)
        for metric in (self.metrics[stage], self.prior[stage], self.text[stage]):
            metric.reset()
        self._write_predictions(f"{stage}-epoch{self.current_epoch}")

    def _log_confusion(self, stage: str) -> None:
        """The all-rank confusion matrix as a TensorBoard image (only under a TensorBoardLogger)."""
        if not isinstance(self.logger, TensorBoardLogger) or self.trainer.sanity_checking:
            return
        metric = self.metrics[stage]
        with metric.sync_context():  # collective under DDP: every rank enters
            confusion = metric.confusion.clone()
        if self.trainer.is_global_zero:
            figure = confusion_figure(confusion, f"{stage} confusion, epoch {self.current_epoch}")
            self.logger.experiment.add_figure(f"{stage}/confusion", figure, global_step=self.global_step)

    def on_validation_epoch_end(self) -> None:
        self._finish("val")

    def on_test_epoch_end(self) -> None:
        self._finish("test")

    def predict_step(self, batch: dict, batch_idx: int) -> list[dict]:
        rows = []
        for example, text in zip(batch["examples"], self.answer(batch)):
            advice = parse(text, self.stems, self.policy)
            rows.append({"song": example["song"], "start_s": example["start_s"], "anchor": example["anchor"],
                         "prompt": example["prompt"], "generated": text,
                         "parsed": asdict(advice) if advice else None})
        self.rows.extend(rows)
        return rows

    def on_predict_epoch_end(self) -> None:
        if self.trainer.is_global_zero:
            for row in self.rows:
                print(f"{row['song']} @ {row['start_s']:.1f} s: {row['generated'].strip()}")
        self._write_predictions("predict")

    def _write_predictions(self, name: str) -> None:
        """Gather every rank's rows and write them once, as JSONL in the run's `predictions/` folder."""
        rows, self.rows = self.rows, []
        if self.trainer.sanity_checking:
            return
        if self.trainer.world_size > 1:
            gathered: list[list[dict]] = [[] for _ in range(self.trainer.world_size)]
            torch.distributed.all_gather_object(gathered, rows)
            rows = [row for part in gathered for row in part]
        log_dir = self.trainer.log_dir  # a broadcast under DDP: every rank must ask
        if self.trainer.is_global_zero and log_dir:
            write_rows(Path(log_dir) / "predictions" / f"{name}.jsonl", rows)


class MixingAdvisor(AdviceEvaluator):
    """Fine-tunes Qwen2-Audio to give gain-balancing advice; evaluates by greedy generation + parsing.

    Args:
        backbone: `Qwen/Qwen2-Audio-7B-Instruct` (hub id), a local model directory, or `tiny` (built offline).
        lora: LoRA adapter settings; null evaluates the bare backbone (the zero-shot baseline, nothing trains).
        quantization: `nf4` loads the base in 4 bit through bitsandbytes (QLoRA); null keeps `dtype`.
        dtype: weight dtype of the base model; null follows the trainer's precision (bf16-true: bfloat16,
            16-true: float16, otherwise float32).
        attn_implementation: `sdpa`, `eager` or `flash_attention_2`.
        gradient_checkpointing: trade compute for memory (non-reentrant checkpointing).
        learning_rate: AdamW peak learning rate; null: 1e-4, or 3e-3 for the random `tiny` backbone, which must
            learn its embeddings from scratch.
        weight_decay: AdamW weight decay.
        warmup_steps: linear warmup before the cosine decay.
        max_new_tokens: generation length limit for validation/test/predict (greedy, no sampling).
        stems: stem names the parser looks for (linked from the data source).
        bertscore_model: encoder (local dir or hub id) for `{stage}/bertscore_f1`; None leaves BERTScore off.
    """

    def __init__(
        self,
        backbone: str = "Qwen/Qwen2-Audio-7B-Instruct",
        lora: LoraSettings | None = None,
        quantization: Literal["nf4"] | None = None,
        dtype: str | None = None,
        attn_implementation: str = "sdpa",
        gradient_checkpointing: bool = False,
        learning_rate: float | None = None,
        weight_decay: float = 0.0,
        warmup_steps: int = 20,
        max_new_tokens: int = 64,
        stems: list[str] | None = None,
        bertscore_model: str | None = None,
    ) -> None:
        super().__init__(stems, bertscore_model)
        if learning_rate is not None and learning_rate <= 0:
            raise ConfigError(f"model.learning_rate must be positive, got {learning_rate}")
        if isinstance(lora, dict):  # as stored in checkpoints (plain types load with torch's weights_only)
            lora = LoraSettings(**lora)
        self.save_hyperparameters()
        self.hparams.lora = self.lora = lora
        self.model: torch.nn.Module | None = None
        self.eval_loss = torch.nn.ModuleDict({s: MeanMetric() for s in ("val", "test")})
        self.processor = None
        self.strict_loading = False  # checkpoints hold only the trainable weights
        self._step_start = 0.0

    # --- model ------------------------------------------------------------------------------------
    def configure_model(self) -> None:
        """Load the backbone on this process's device (called by Lightning under the strategy)."""
        if self.model is not None:
            return
        hp = self.hparams
        device = self.trainer.strategy.root_device if self._trainer else torch.device("cpu")
        device_map = {"": device.index or 0} if device.type == "cuda" else None
        lora = for_random_base(self.lora) if self.lora is not None and hp.backbone == "tiny" else self.lora
        self.model = load_model(hp.backbone, lora=lora, quantization=hp.quantization, dtype=self.weight_dtype(),
                                attn_implementation=hp.attn_implementation,
                                gradient_checkpointing=hp.gradient_checkpointing, device_map=device_map)
        # from_pretrained returns eval mode and Lightning keeps the modes it finds (evaluation loops switch to eval
        # and back themselves): left so, training would skip gradient checkpointing, which needs train mode
        self.model.train()
        if self.lora is None:
            self.model.requires_grad_(False)
        self.processor = load_processor(hp.backbone)
        tokenizer = self.processor.tokenizer
        self.generation_config = GenerationConfig(
            do_sample=False, num_beams=1, max_new_tokens=hp.max_new_tokens,
            eos_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"), pad_token_id=tokenizer.pad_token_id)

    def weight_dtype(self) -> str:
        """`dtype`, or the one the trainer's precision implies."""
        if self.hparams.dtype is not None:
            return self.hparams.dtype
        precision = str(self.trainer.precision) if self._trainer else "32-true"
        return {"bf16-true": "bfloat16", "16-true": "float16"}.get(precision, "float32")

    @property
    def learning_rate(self) -> float:
        if self.hparams.learning_rate is not None:
            return self.hparams.learning_rate
        return TINY_LEARNING_RATE if self.hparams.backbone == "tiny" else DEFAULT_LEARNING_RATE

    def forward(self, batch: dict) -> torch.Tensor:
        """Teacher-forced loss over the answer tokens (labels are -100 elsewhere)."""
        out = self.model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                         labels=batch["labels"], use_cache=False, **{k: batch[k] for k in MODEL_INPUTS})
        if not torch.isfinite(out.loss):
            raise FloatingPointError(f"non-finite loss {out.loss.item()} on songs "
                                     f"{sorted({e['song'] for e in batch['examples']})}")
        return out.loss

    @torch.no_grad()
    def generate_ids(self, batch: dict) -> torch.Tensor:
        """Greedy, batched answer tokens to the left-padded prompts, stopping at `<|im_end|>` (then padding)."""
        out = self.model.generate(input_ids=batch["prompt_ids"], attention_mask=batch["prompt_mask"],
                                  generation_config=self.generation_config, **{k: batch[k] for k in MODEL_INPUTS})
        return out[:, batch["prompt_ids"].shape[1]:]

    def generate(self, batch: dict) -> list[str]:
        """Greedy, batched answers to the left-padded prompts, as text."""
        return self.processor.tokenizer.batch_decode(self.generate_ids(batch), skip_special_tokens=True)

    # --- training -----------------------------------------------------------------------------
    def training_step(self, batch: dict, batch_idx: int) -> torch.Tensor:
        loss = self(batch)
        self.log("train/loss", loss, prog_bar=True, batch_size=len(batch["examples"]))
        return loss

    def on_train_batch_start(self, batch: Any, batch_idx: int) -> None:
        self._step_start = time.perf_counter()

    def on_train_batch_end(self, outputs: Any, batch: Any, batch_idx: int) -> None:
        tokens = batch["attention_mask"].sum().item()
        self.log("train/tokens_per_s", tokens / max(time.perf_counter() - self._step_start, 1e-9))

    def configure_optimizers(self) -> dict:
        params = [p for p in self.model.parameters() if p.requires_grad]
        if not params:
            raise ConfigError("nothing to train: model.lora is null (the zero-shot baseline); "
                              "run `validate`/`test` with it, or set model.lora to fine-tune")
        optimizer = torch.optim.AdamW(params, lr=self.learning_rate, weight_decay=self.hparams.weight_decay)
        total = max(int(self.trainer.estimated_stepping_batches), 1)
        scheduler = get_cosine_schedule_with_warmup(optimizer, min(self.hparams.warmup_steps, total // 2), total)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}

    # --- evaluation ---------------------------------------------------------------------------
    def answer(self, batch: dict) -> list[str]:
        return self.generate(batch)

    def _evaluate(self, batch: dict, stage: str) -> None:
        """Teacher-forced loss, weighted by answer tokens so it does not depend on batching or rank count."""
        answer_tokens = (batch["labels"] != -100).sum()
        self.eval_loss[stage].update(self(batch), weight=answer_tokens)
        self.log(f"{stage}/loss", self.eval_loss[stage], on_step=False, on_epoch=True)
        super()._evaluate(batch, stage)

    # --- checkpoints: trainable weights only --------------------------------------------------
    def on_save_checkpoint(self, checkpoint: dict) -> None:
        checkpoint["state_dict"] = {f"model.{k}": v for k, v in trainable_state_dict(self.model).items()}
        if self.lora is not None and "hyper_parameters" in checkpoint:
            checkpoint["hyper_parameters"] = {**checkpoint["hyper_parameters"], "lora": asdict(self.lora)}

    def on_load_checkpoint(self, checkpoint: dict) -> None:
        self.configure_model()
        expected = {f"model.{k}" for k in trainable_state_dict(self.model)}
        missing = expected - set(checkpoint["state_dict"])
        if missing:
            raise ConfigError(f"checkpoint lacks {len(missing)} trainable tensors (e.g. {sorted(missing)[:3]}): "
                              "it was written with other model.lora settings; use the same config as the run")


class AtomicCheckpointIO(TorchCheckpointIO):
    """Writes each local checkpoint to a temporary file in its own folder, then renames it into place.

    Lightning's `_atomic_save` stages local files in the system temp dir, and moving across file systems
    copies into the destination, so a killed job could leave half a `last.ckpt`. A rename within one folder is
    atomic; a temporary file left by a killed writer is removed by the next successful save of the same name.
    Remote (fsspec) paths keep Lightning's behaviour.
    """

    def save_checkpoint(self, checkpoint: dict[str, Any], path: Any, storage_options: Any | None = None) -> None:
        if not isinstance(get_filesystem(path), LocalFileSystem):
            return super().save_checkpoint(checkpoint, path, storage_options)
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as f:
                torch.save(checkpoint, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
            for stale in glob.glob(os.path.join(folder, glob.escape(f".{os.path.basename(path)}.") + "*.tmp")):
                os.unlink(stale)  # left behind by a process killed mid-save
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

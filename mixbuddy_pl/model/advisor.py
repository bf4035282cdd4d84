"""MixingAdvisor: Qwen2-Audio + LoRA/QLoRA as a LightningModule, scored on the advice it generates."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

import torch
from lightning.pytorch.loggers import TensorBoardLogger
from lightning.pytorch.trainer.states import TrainerFn
from torchmetrics import MeanMetric
from transformers import GenerationConfig, get_cosine_schedule_with_warmup, get_wsd_schedule

from mixbuddy_pl.backbones.hub import load_processor, locate
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.model.backbone import LoraSettings, for_random_base, load_model, trainable_state_dict, upcast_trainable
from mixbuddy_pl.model.evaluator import MODEL_INPUTS, AdviceEvaluator
from mixbuddy_pl.model.likelihood import AnswerSetScores, score_answers
from mixbuddy_pl.model.logits import answer_loss, last_position_logits
from mixbuddy_pl.scoring.calibration import reliability_figure
from mixbuddy_pl.scoring.records import predicted

DEFAULT_LEARNING_RATE, RANDOM_BASE_LEARNING_RATE = 1e-4, 1e-3
FINAL_DECAY = 0.1  # `constant_decay`: the share of the steps, at the end, over which the rate decays to 0


class MixingAdvisor(AdviceEvaluator):
    """Fine-tunes Qwen2-Audio to give gain-balancing advice; evaluates by generation (greedy by default) + parsing.

    Args:
        backbone: `Qwen/Qwen2-Audio-7B-Instruct` (hub id), a local model directory, or `tiny` (built offline).
        random_base: the backbone's weights are random, not pretrained (the offline `tiny` model): LoRA alone
            cannot teach frozen random embeddings and head a vocabulary, nor a frozen random encoder to hear
            levels, so these, the projector and the audio tower train fully (`backbone.for_random_base`) and the
            default learning rate is 1e-3, kept until the last tenth of the steps (`schedule`). Set by `configs/overlays/tiny.yaml`; the same weights train the same way
            whether `backbone` names them `tiny` or by their path.
        lora: LoRA adapter settings; null evaluates the bare backbone (the zero-shot baseline, nothing trains).
        quantization: `nf4` loads the base in 4 bit through bitsandbytes (QLoRA); null keeps `dtype`.
        dtype: weight dtype of the base model; null follows the trainer's precision (bf16-true: bfloat16,
            16-true: float16, otherwise float32).
        attn_implementation: `sdpa`, `eager` or `flash_attention_2`.
        gradient_checkpointing: trade compute for memory (non-reentrant checkpointing).
        learning_rate: AdamW peak learning rate; null: 1e-4, or 1e-3 with `random_base` (embeddings learnt from
            scratch).
        weight_decay: AdamW weight decay.
        warmup_steps: linear warmup before the schedule.
        schedule: after the warmup, `cosine` decays the rate to 0 at the last step; `constant_decay` keeps the peak
            and decays it (cosine) over the last tenth of the steps only; null: `constant_decay` with `random_base`
            (a random base's learning takes off late, when the cosine has left little rate), else `cosine`.
        max_new_tokens: generation length limit for validation/test/predict (no sampling).
        num_beams: 1 answers greedily; more runs beam search scored by the answer's whole log-likelihood (no length
            penalty). It favours answers with few forms: the tiny differential model then says "no changes" to
            everything, its flawed answers' mass being split over the numbers they state (docs/variants.md).
        stems: stem names the parser looks for (linked from the data source).
        bertscore_model: encoder (local dir or hub id) for `{stage}/bertscore_f1`; None leaves BERTScore off.
        init_checkpoint: a checkpoint of another run (any variant, same backbone and lora settings) whose trained
            weights `fit` starts from; optimizer, schedule and epochs start fresh (to continue a run, pass
            `--ckpt_path` instead). Other stages ignore it. The suite's differential and no_anchor guards start from
            the quickstart's anchor model this way (docs/variants.md, "Warm start").
    """

    def __init__(
        self,
        backbone: str = "Qwen/Qwen2-Audio-7B-Instruct",
        random_base: bool = False,
        lora: LoraSettings | None = None,
        quantization: Literal["nf4"] | None = None,
        dtype: str | None = None,
        attn_implementation: str = "sdpa",
        gradient_checkpointing: bool = False,
        learning_rate: float | None = None,
        weight_decay: float = 0.0,
        warmup_steps: int = 20,
        schedule: Literal["cosine", "constant_decay"] | None = None,
        max_new_tokens: int = 64,
        num_beams: int = 1,
        stems: list[str] | None = None,
        bertscore_model: str | None = None,
        init_checkpoint: str | None = None,
    ) -> None:
        super().__init__(stems, bertscore_model)
        if learning_rate is not None and learning_rate <= 0:
            raise ConfigError(f"model.learning_rate must be positive, got {learning_rate}")
        if num_beams < 1:
            raise ConfigError(f"model.num_beams must be 1 (greedy) or more (beam search), got {num_beams}")
        if isinstance(lora, dict):  # as stored in checkpoints (plain types load with torch's weights_only)
            lora = LoraSettings(**lora)
        self.save_hyperparameters()
        self.hparams.lora = self.lora = lora
        self.model: torch.nn.Module | None = None
        self.eval_loss = torch.nn.ModuleDict({s: MeanMetric() for s in ("val", "test")})
        self.answer_set = AnswerSetScores(self.stems)
        self.template: int | None = None
        self.processor = None
        self.strict_loading = False  # checkpoints hold only the trainable weights
        self._step_start = 0.0

    # --- model ------------------------------------------------------------------------------------
    def prepare_data(self) -> None:
        """Download the backbone if it is not in the cache: once per node (Lightning runs this on each node's local
        rank 0 and holds the other ranks at a barrier), so ranks never download on their own."""
        locate(self.hparams.backbone)

    def configure_model(self) -> None:
        """Load the backbone on this process's device (called by Lightning under the strategy)."""
        if self.model is not None:
            return
        hp = self.hparams
        device = self.trainer.strategy.root_device if self._trainer else torch.device("cpu")
        device_map = {"": device.index or 0} if device.type == "cuda" else None
        lora = for_random_base(self.lora) if self.lora is not None and hp.random_base else self.lora
        self.model = load_model(hp.backbone, lora=lora, quantization=hp.quantization, dtype=self.weight_dtype(),
                                attn_implementation=hp.attn_implementation,
                                gradient_checkpointing=hp.gradient_checkpointing, device_map=device_map)
        upcast_trainable(self.model)  # fp32 LoRA weights and AdamW state over a bf16 base (see `_apply`)
        # from_pretrained returns eval mode and Lightning keeps the modes it finds (evaluation loops switch to eval
        # and back themselves): left so, training would skip gradient checkpointing, which needs train mode
        self.model.train()
        if self.lora is None:
            self.model.requires_grad_(False)
        if hp.init_checkpoint and self._trainer and self.trainer.state.fn == TrainerFn.FITTING:
            self._load_trained_weights(Path(hp.init_checkpoint))  # a resumed `--ckpt_path` is restored after this
        self.processor = load_processor(hp.backbone)
        tokenizer = self.processor.tokenizer
        self.generation_config = GenerationConfig(
            do_sample=False, num_beams=hp.num_beams, length_penalty=0.0, max_new_tokens=hp.max_new_tokens,
            eos_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"), pad_token_id=tokenizer.pad_token_id)

    def _apply(self, fn, recurse: bool = True) -> MixingAdvisor:
        """Moves and casts as nn.Module does, then returns the trainable weights to fp32: Lightning's `bf16-true`
        casts the whole module after `configure_model`. Not under FSDP, which flattens one dtype per wrap unit."""
        super()._apply(fn, recurse)
        model = getattr(self, "model", None)
        if model is not None and not (self._trainer and "fsdp" in type(self.trainer.strategy).__name__.lower()):
            upcast_trainable(model)
        return self

    def weight_dtype(self) -> str:
        """`dtype`, or the one the trainer's precision implies."""
        if self.hparams.dtype is not None:
            return self.hparams.dtype
        precision = str(self.trainer.precision) if self._trainer else "32-true"
        return {"bf16-true": "bfloat16", "16-true": "float16"}.get(precision, "float32")

    @property
    def learning_rate(self) -> float:
        """The configured learning rate, or the default for a pretrained / random base."""
        if self.hparams.learning_rate is not None:
            return self.hparams.learning_rate
        return RANDOM_BASE_LEARNING_RATE if self.hparams.random_base else DEFAULT_LEARNING_RATE

    def forward(self, batch: dict) -> torch.Tensor:
        """Teacher-forced loss over the answer tokens (labels are -100 elsewhere); the LM head runs on those only."""
        loss = answer_loss(self.model, batch["labels"], input_ids=batch["input_ids"],
                           attention_mask=batch["attention_mask"], **{k: batch[k] for k in MODEL_INPUTS})
        if not torch.isfinite(loss):
            raise FloatingPointError(f"non-finite loss {loss.item()} on songs "
                                     f"{sorted({e['song'] for e in batch['examples']})}")
        return loss

    @torch.no_grad()
    def generate_ids(self, batch: dict) -> torch.Tensor:
        """Greedy (or beam-searched: `num_beams`), batched answer tokens to the left-padded prompts, stopping at
        `<|im_end|>` (then padding); the prompt's logits are computed for its last position only."""
        with last_position_logits(self.model):
            out = self.model.generate(input_ids=batch["prompt_ids"], attention_mask=batch["prompt_mask"],
                                      generation_config=self.generation_config,
                                      **{k: batch[k] for k in MODEL_INPUTS})
        return out[:, batch["prompt_ids"].shape[1]:]

    def generate(self, batch: dict) -> list[str]:
        """Batched answers to the left-padded prompts, as text (see `generate_ids`)."""
        return self.processor.tokenizer.batch_decode(self.generate_ids(batch), skip_special_tokens=True)

    # --- training -----------------------------------------------------------------------------
    def training_step(self, batch: dict, batch_idx: int) -> torch.Tensor:
        """Teacher-forced loss on the answer tokens, logged as train/loss."""
        loss = self(batch)
        self.log("train/loss", loss, prog_bar=True, batch_size=len(batch["examples"]))
        return loss

    def on_train_batch_start(self, batch: Any, batch_idx: int) -> None:
        """Start the step clock for train/tokens_per_s."""
        self._step_start = time.perf_counter()

    def on_train_batch_end(self, outputs: Any, batch: Any, batch_idx: int) -> None:
        """Log train/tokens_per_s (attended tokens over the step's wall time)."""
        tokens = batch["attention_mask"].sum().item()
        self.log("train/tokens_per_s", tokens / max(time.perf_counter() - self._step_start, 1e-9))

    def configure_optimizers(self) -> dict:
        """AdamW on the trainable parameters with linear warmup, then `schedule` (see __init__), stepped per batch."""
        params = [p for p in self.model.parameters() if p.requires_grad]
        if not params:
            raise ConfigError("nothing to train: model.lora is null (the zero-shot baseline); "
                              "run `validate`/`test` with it, or set model.lora to fine-tune")
        optimizer = torch.optim.AdamW(params, lr=self.learning_rate, weight_decay=self.hparams.weight_decay)
        total = max(int(self.trainer.estimated_stepping_batches), 1)
        warmup = min(self.hparams.warmup_steps, total // 2)
        schedule = self.hparams.schedule or ("constant_decay" if self.hparams.random_base else "cosine")
        if schedule == "constant_decay":
            decay = max(round(FINAL_DECAY * total), 1)
            scheduler = get_wsd_schedule(optimizer, warmup, min(decay, total - warmup), total)
        else:
            scheduler = get_cosine_schedule_with_warmup(optimizer, warmup, total)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}

    # --- evaluation ---------------------------------------------------------------------------
    def answer(self, batch: dict) -> list[str]:
        """Greedy generations for the batch's prompts."""
        return self.generate(batch)

    def setup(self, stage: str) -> None:
        """As the base, and the phrasing the data uses (the likelihood candidates are said in it)."""
        super().setup(stage)
        self.template = getattr(getattr(self.trainer.datamodule, "task", None), "template", None)

    def _evaluate(self, batch: dict, stage: str) -> None:
        """Teacher-forced loss, weighted by answer tokens so it does not depend on batching or rank count."""
        answer_tokens = (batch["labels"] != -100).sum()
        self.eval_loss[stage].update(self(batch), weight=answer_tokens)
        self.log(f"{stage}/loss", self.eval_loss[stage], on_step=False, on_epoch=True)
        super()._evaluate(batch, stage)
        if stage == "test":  # likelihood of the answer set beside the greedy answer (model.likelihood)
            scored = score_answers(self.model, self.processor.tokenizer, batch, self.policy, self.stems, self.template)
            rows = self.rows[-len(scored):]
            extra = self.answer_set.update(scored, [predicted(r) for r in rows], [r["targets"] for r in rows])
            for row, more in zip(rows, extra):
                row.update(more)

    def predict_step(self, batch: dict, batch_idx: int) -> list[dict]:
        """As the base, with each answer's confidence: the top of the answer-set likelihood (`model.likelihood`),
        and the whole distribution (the page's song-level confidence, `demo.confidence`)."""
        rows = super().predict_step(batch, batch_idx)
        for row, scored in zip(rows, score_answers(self.model, self.processor.tokenizer, batch, self.policy,
                                                   self.stems, self.template)):
            row["likelihood"] = {"stem": scored.best.stem, "category": scored.best.category,
                                 "confidence": scored.confidence, "probs": scored.distribution()}
        return rows

    def on_test_start(self) -> None:
        """As the base, for the likelihood's counts too."""
        super().on_test_start()
        self.answer_set.set_dtype(torch.float64)

    def on_test_epoch_end(self) -> None:
        """Log `test/lik/*` and the reliability diagram, then the generated answers' metrics (the base)."""
        self.log_dict({f"test/{k}": v for k, v in self.answer_set.compute().items()})
        with self.answer_set.calibration.sync_context():  # collective under DDP: every rank enters
            table = self.answer_set.calibration.table()
        log_dir = self.trainer.log_dir  # a broadcast under DDP: every rank must ask
        if self.trainer.is_global_zero and log_dir:
            path = Path(log_dir) / "predictions" / f"test-epoch{self.current_epoch}-reliability.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(table, indent=1) + "\n")
        if isinstance(self.logger, TensorBoardLogger) and self.trainer.is_global_zero:
            figure = reliability_figure(table, "test reliability (answer-set likelihood)")
            self.logger.experiment.add_figure("test/lik/reliability", figure, global_step=self.global_step)
        self.answer_set.reset()
        super().on_test_epoch_end()

    # --- checkpoints: trainable weights only --------------------------------------------------
    def on_save_checkpoint(self, checkpoint: dict) -> None:
        """Keep only the trainable tensors, and the LoRA settings as a plain dict."""
        checkpoint["state_dict"] = {f"model.{k}": v for k, v in trainable_state_dict(self.model).items()}
        if self.lora is not None and "hyper_parameters" in checkpoint:
            checkpoint["hyper_parameters"] = {**checkpoint["hyper_parameters"], "lora": asdict(self.lora)}

    @classmethod
    def from_checkpoint(cls, ckpt: str | Path) -> MixingAdvisor:
        """The advisor of a checkpoint, on the CPU in eval mode, with its trained weights and saved settings."""
        checkpoint = torch.load(ckpt, map_location="cpu", weights_only=False)  # our own file: hparams hold dataclasses
        # LightningCLI adds `_class_path` and `_instantiator` to the saved hyperparameters; they are no arguments
        advisor = cls(**{k: v for k, v in checkpoint["hyper_parameters"].items() if not k.startswith("_")})
        advisor.on_load_checkpoint(checkpoint)
        advisor.load_state_dict(checkpoint["state_dict"], strict=False)
        return advisor.eval()

    def on_load_checkpoint(self, checkpoint: dict) -> None:
        """Build the model, then require every trainable tensor in the checkpoint."""
        self.configure_model()
        self._require_trainable(checkpoint["state_dict"], "checkpoint")

    def _require_trainable(self, state_dict: dict, source: str) -> None:
        """Every trainable tensor of the built model is in `state_dict`, or a ConfigError naming `source`."""
        expected = {f"model.{k}" for k in trainable_state_dict(self.model)}
        missing = expected - set(state_dict)
        if missing:
            raise ConfigError(f"{source} lacks {len(missing)} trainable tensors (e.g. {sorted(missing)[:3]}): "
                              "it was written with other model.lora settings; use the same config as the run")

    def _load_trained_weights(self, path: Path) -> None:
        """`init_checkpoint`'s trained weights into the built model, every trainable tensor required."""
        if not path.is_file():
            raise ConfigError(f"model.init_checkpoint: {path} is not a file; give a checkpoint that `fit` wrote "
                              "(RUN/checkpoints/last.ckpt)")
        state_dict = torch.load(path, map_location="cpu", weights_only=False)["state_dict"]
        self._require_trainable(state_dict, f"model.init_checkpoint {path}")
        try:
            self.load_state_dict(state_dict, strict=False)
        except RuntimeError as e:  # a tensor of another shape: another backbone
            raise ConfigError(f"model.init_checkpoint {path}: its weights do not fit model.backbone "
                              f"{self.hparams.backbone!r} ({str(e).splitlines()[-1].strip()})") from e

"""AdviceEvaluator: the shared base that scores generated advice (MixingAdvisor, LoudnessBaseline)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import lightning as L
import torch
from lightning.pytorch.loggers import TensorBoardLogger

from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.advice.parse import parse
from mixbuddy_pl.scoring.metrics import AdviceAccuracy, LabelPrior, TextSimilarity, confusion_figure
from mixbuddy_pl.scoring.records import write_rows


MODEL_INPUTS = ("input_features", "feature_attention_mask")


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

    def _counts_in_float64(self) -> None:
        """Keep the metric states float64 counts: a `bf16-true`/`16-true` trainer casts the whole module, metric
        states included, to its dtype, where bf16 cannot count past 256 and numpy cannot read it."""
        for stage in ("val", "test"):
            for metric in (self.metrics[stage], self.text[stage]["rougeL"], self.text[stage]["bleu"]):
                metric.set_dtype(torch.float64)

    def on_validation_start(self) -> None:
        """Metric states back to float64 after the precision plugin converted the module."""
        self._counts_in_float64()

    def on_test_start(self) -> None:
        """Metric states back to float64 after the precision plugin converted the module."""
        self._counts_in_float64()

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
            self.rows.append({**example, "generated": text, "parsed": asdict(advice) if advice else None,
                              "refusal": None if advice else advice.reason})

    def validation_step(self, batch: dict, batch_idx: int) -> None:
        """Answer, parse and score a validation batch."""
        self._evaluate(batch, "val")

    def test_step(self, batch: dict, batch_idx: int) -> None:
        """Answer, parse and score a test batch."""
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
        """Log the validation metrics and write the predictions file."""
        self._finish("val")

    def on_test_epoch_end(self) -> None:
        """Log the test metrics and write the predictions file."""
        self._finish("test")

    def predict_step(self, batch: dict, batch_idx: int) -> list[dict]:
        """Answers and their parsed advice, one row per example."""
        rows = []
        for example, text in zip(batch["examples"], self.answer(batch)):
            advice = parse(text, self.stems, self.policy)
            rows.append({"song": example["song"], "start_s": example["start_s"], "anchor": example["anchor"],
                         "prompt": example["prompt"], "generated": text,
                         "parsed": asdict(advice) if advice else None,
                         "refusal": None if advice else advice.reason})
        self.rows.extend(rows)
        return rows

    def on_predict_epoch_end(self) -> None:
        """Print the answers and write them to the run's predictions/ folder."""
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

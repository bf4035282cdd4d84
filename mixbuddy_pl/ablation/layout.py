"""A TensorBoard custom-scalars layout for a study: one chart per metric with every run of the study on it, next
to the chance and majority levels of the same data, plus one chart per by-category and by-stem family, so
`tensorboard --logdir logs/<study>` compares the arms (tab "Custom Scalars", or
http://localhost:6006/#custom_scalars)."""

from __future__ import annotations

from pathlib import Path

from mixbuddy_pl.scoring.metrics import metrics_from_sums

SUFFIX = ".layout"
FAMILIES = ("category_acc", "stem_direction_acc")  # logged as `<family>/<category or stem>`


def metric_names() -> tuple[str, ...]:
    """What the advisor logs per stage: AdviceAccuracy's metrics (one per family of per-category / per-stem
    ones), then the loss and TextSimilarity's; LabelPrior adds chance_/majority_ levels of the headline ones."""
    return tuple(m for m in metrics_from_sums({}) if "/" not in m) + ("loss", "rougeL", "bleu")


def layout() -> dict[str, dict[str, list]]:
    """category -> chart title -> ["Multiline", tag regexes]; test first, then validation and training."""
    out = {}
    for stage, title in (("test", "test"), ("val", "validation")):
        charts = {f"{stage}/{m}": ["Multiline", [rf"^{stage}/{m}$", rf"^{stage}/(chance|majority)_{m}$"]]
                  for m in metric_names()}
        charts.update({f"{stage}/{f} by value": ["Multiline", [rf"^{stage}/{f}/.+$",
                                                                rf"^{stage}/(chance|majority)_{f}$"]]
                       for f in FAMILIES})
        out[f"study: {title}"] = charts
    out["study: training"] = {"train/loss": ["Multiline", [r"^train/loss$"]],
                              "train/tokens_per_s": ["Multiline", [r"^train/tokens_per_s$"]]}
    return out


def write_layout(study_dir: Path) -> None:
    """Write the layout as an event file at the study's root, replacing an earlier one."""
    from torch.utils.tensorboard import SummaryWriter

    for old in study_dir.glob(f"events.out.tfevents.*{SUFFIX}"):
        old.unlink()
    with SummaryWriter(str(study_dir), filename_suffix=SUFFIX) as writer:
        writer.add_custom_scalars(layout())


def read_layout(study_dir: Path) -> dict[str, dict[str, list[str]]]:
    """category -> chart -> tag regexes, read back from the study's event file as TensorBoard reads it."""
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
    from tensorboard.plugins.custom_scalar import layout_pb2, metadata

    events = EventAccumulator(str(study_dir), size_guidance={"tensors": 0})
    events.Reload()
    proto = layout_pb2.Layout.FromString(events.Tensors(metadata.CONFIG_SUMMARY_TAG)[-1].tensor_proto.string_val[0])
    return {c.title: {chart.title: list(chart.multiline.tag) for chart in c.chart} for c in proto.category}

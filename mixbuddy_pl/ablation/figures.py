"""A study's figures: results.png (each model arm's main metrics with song-level 95% CIs, single runs as dots,
chance and majority per arm and the control arms as reference lines) and breakdown.png (the main metrics by
stem / category / anchor per arm)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from mixbuddy_pl.ablation.breakdown import IN_MARKDOWN as BREAKDOWN_METRICS
from mixbuddy_pl.ablation.references import References
from mixbuddy_pl.ablation.scores import PAIRED_IN_MARKDOWN

PRIOR_STYLE = {"chance": ":", "majority": "--"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _errors(rows: list[dict], metric: str, low: str, high: str) -> np.ndarray:
    return np.nan_to_num(np.abs(np.array([[r[low] - r[metric], r[high] - r[metric]] for r in rows]).T))


def plot_results(rows: list[dict], refs: References, path: Path,
                 metrics: tuple[str, ...] = PAIRED_IN_MARKDOWN) -> None:
    """Bars: model arms; dotted / dashed segments over a bar: its chance / majority; horizontal lines with a
    shaded 95% CI: the control arms."""
    plt = _pyplot()
    all_arms = [r for r in rows if r["level"] == "arm"]
    shown = refs.model_arms([r["name"] for r in all_arms])
    arms = [r for r in all_arms if r["name"] in shown]
    controls = [r for r in all_arms if r["name"] not in shown]
    runs = [r for r in rows if r["level"] == "run"]
    fig, axes = plt.subplots(1, len(metrics), figsize=(3.4 * len(metrics), 3.9), squeeze=False)
    x = np.arange(len(arms))
    colors = plt.get_cmap("tab10").colors[1:]
    for ax, metric in zip(axes[0], metrics):
        values = np.array([r[metric] for r in arms], dtype=float)
        ax.bar(x, np.nan_to_num(values), 0.6, yerr=_errors(arms, metric, f"{metric}_lo", f"{metric}_hi"),
               capsize=3, color="tab:blue", alpha=0.6)
        for i, arm in enumerate(arms):
            ys = [r[metric] for r in runs if r["arm"] == arm["name"]]
            ax.plot([i] * len(ys), ys, "k.", ms=4)
            for level, style in PRIOR_STYLE.items():
                value = refs.priors.get(arm["name"], {}).get(f"{level}_{metric}", math.nan)
                if not math.isnan(value):
                    ax.hlines(value, i - 0.3, i + 0.3, colors="0.3", linestyles=style, label=level)
        for color, control in zip(colors, controls):
            if not math.isnan(control[metric]):
                name, kind = control["name"], refs.controls[control["name"]]
                label = name if kind in (None, name) else f"{name} ({kind})"
                ax.axhline(control[metric], color=color, ls="-.", lw=1.2, label=label)
                ax.axhspan(control[f"{metric}_lo"], control[f"{metric}_hi"], color=color, alpha=0.12, lw=0)
        ax.set_title(metric)
        names = [f"{r['name']}\n{r['songs']} song{'s' * (r['songs'] != 1)}" for r in arms]
        ax.set_xticks(x, names, rotation=45, ha="right", fontsize=8)
        ax.set_xlim(-0.6, max(len(arms), 1) - 0.4)
        ax.set_ylim(0, 1.05)
    handles = {}
    for ax in axes[0]:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(label, handle)
    if handles:
        fig.legend(handles.values(), handles.keys(), loc="lower center", ncol=min(len(handles), 4), fontsize=8,
                   frameon=False)
    fig.tight_layout(rect=(0, 0.08 if handles else 0, 1, 1))
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_breakdown(rows: list[dict], path: Path, metrics: tuple[str, ...] = BREAKDOWN_METRICS) -> None:
    """Grouped bars (one group per value, one bar per arm) with 95% CIs; one row of panels per dimension."""
    plt = _pyplot()
    dimensions = list(dict.fromkeys(r["dimension"] for r in rows))
    arms = list(dict.fromkeys(r["arm"] for r in rows))
    fig, axes = plt.subplots(len(dimensions), len(metrics), figsize=(4.2 * len(metrics), 3.2 * len(dimensions)),
                             squeeze=False)
    width = 0.8 / len(arms)
    for row_axes, dimension in zip(axes, dimensions):
        values = list(dict.fromkeys(r["value"] for r in rows if r["dimension"] == dimension))
        for ax, metric in zip(row_axes, metrics):
            for k, arm in enumerate(arms):
                cells = {r["value"]: r for r in rows if r["dimension"] == dimension and r["arm"] == arm
                         and r["metric"] == metric}
                of = [cells.get(v, {"estimate": math.nan, "low": math.nan, "high": math.nan}) for v in values]
                ax.bar(np.arange(len(values)) + (k - (len(arms) - 1) / 2) * width,
                       np.nan_to_num([c["estimate"] for c in of]), width,
                       yerr=_errors(of, "estimate", "low", "high"), capsize=2, label=arm)
            ax.set_title(f"{metric} by {dimension}", fontsize=9)
            ax.set_xticks(np.arange(len(values)), values, rotation=30, ha="right", fontsize=8)
            ax.set_ylim(0, 1.05)
    fig.legend(*axes[0][0].get_legend_handles_labels(), loc="lower center", ncol=min(len(arms), 6), fontsize=8,
               frameon=False)
    fig.tight_layout(rect=(0, 0.3 / (3.2 * len(dimensions)), 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)

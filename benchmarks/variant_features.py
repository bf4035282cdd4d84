"""What each variant's answer leaves in the features the model gets: a linear probe of the correction's direction.

    python -m benchmarks.variant_features [--out benchmarks/results/variant_features.json] [--epochs 2]
                                          [--variants differential no_anchor] [--ckpt_path CKPT] [--songs N]

On the tiny overlay's training data (synthetic songs, level jitter as configured), each example's clips are
reduced to their time average twice: the Whisper log-mel the encoder reads, and the audio tower + projector output
the language model reads (random weights, or a checkpoint's with `--ckpt_path`). A logistic regression on the
first clip alone, and on the first minus the second (two-clip variants), predicts the direction of the target's
correction (none / increase / decrease); it is fitted on the first 3/4 of the songs and scored on the rest, so a
held-out accuracy far above the majority says the direction is a linear read-out of the averaged features, one at
the majority says it is not (it may still be there, but not as an average). Not a speed figure: the time is spent
once, the result explains why a variant does or does not learn (docs/variants.md).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from mixbuddy_pl.cli import build_cli
from mixbuddy_pl.data.features import LogMel

DIRECTIONS = ("none", "increase", "decrease")


def features(variant: str, epochs: int, ckpt_path: str | None,
             num_songs: int | None = None) -> tuple[dict[str, torch.Tensor], torch.Tensor, list]:
    """Per example: the time-averaged log-mel and encoder output of each clip; the direction label; the song."""
    cli = build_cli(["--config", f"configs/{variant}.yaml", "--config", "configs/overlays/tiny.yaml",
                     *(["--data.max_changes", "1"] if variant == "differential" else []),
                     *(["--data.source.init_args.num_train", str(num_songs)] if num_songs else [])], run=False)
    model, data = cli.model, cli.datamodule
    model.configure_model()
    if ckpt_path:
        model.load_state_dict(torch.load(ckpt_path, map_location="cpu", weights_only=False)["state_dict"], strict=False)
    modules = dict(model.model.named_modules())
    tower = next(m for n, m in modules.items() if n.endswith(("audio_tower.modules_to_save.default", "audio_tower")))
    projector = next(m for n, m in modules.items()
                     if n.endswith(("multi_modal_projector.modules_to_save.default", "multi_modal_projector")))
    dataset = data.build("train")
    log_mel = LogMel(model.processor.feature_extractor)
    mels, encoded, labels, songs = [], [], [], []
    with torch.no_grad():
        for epoch in range(epochs):
            for i in range(len(dataset)):
                example = dataset[(epoch, i)]
                waves = torch.stack([torch.as_tensor(a) for a in example.audios])
                mel, _ = log_mel(waves, torch.full((len(waves),), waves.shape[1]))
                mels.append(mel.mean(-1))
                encoded.append(projector(tower(mel).last_hidden_state).mean(1))
                labels.append(DIRECTIONS.index(example.scenario.flaws[0].direction))
                songs.append(example.song)
    stacked = {"log-mel": torch.stack(mels), "encoder": torch.stack(encoded)}
    return stacked, torch.tensor(labels), songs


def probe(x: torch.Tensor, y: torch.Tensor, train: torch.Tensor) -> float:
    """Held-out accuracy of an L2-regularised logistic regression (standardised inputs, LBFGS)."""
    mean, std = x[train].mean(0), x[train].std(0) + 1e-6
    x = (x - mean) / std
    weight = torch.zeros(x.shape[1], len(DIRECTIONS), requires_grad=True)
    bias = torch.zeros(len(DIRECTIONS), requires_grad=True)
    optimizer = torch.optim.LBFGS([weight, bias], max_iter=500)

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(x[train] @ weight + bias, y[train]) + 1e-2 * weight.square().sum()
        loss.backward()
        return loss

    optimizer.step(closure)
    with torch.no_grad():
        return float(((x[~train] @ weight + bias).argmax(1) == y[~train]).float().mean())


def measure(variant: str, epochs: int, ckpt_path: str | None, num_songs: int | None = None) -> dict:
    """Held-out probe accuracy per feature and input (first clip; first minus second), with the majority."""
    stacked, labels, songs = features(variant, epochs, ckpt_path, num_songs)
    names = sorted(set(songs))
    train = torch.tensor([names.index(s) < len(names) * 3 // 4 for s in songs])
    held_out = labels[~train]
    result = {"examples": len(labels), "held_out": int((~train).sum()),
              "majority": float(torch.bincount(held_out, minlength=3).max() / len(held_out))}
    for name, x in stacked.items():
        result[f"{name}/first_clip"] = probe(x[:, 0], labels, train)
        if x.shape[1] == 2:
            result[f"{name}/first_minus_second"] = probe(x[:, 0] - x[:, 1], labels, train)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="benchmarks/results/variant_features.json")
    parser.add_argument("--epochs", type=int, default=2, help="passes over the training songs (fresh draws each)")
    parser.add_argument("--variants", nargs="+", default=["anchor", "no_anchor", "differential"])
    parser.add_argument("--songs", type=int, help="training songs (default: the overlay's 128)")
    parser.add_argument("--ckpt_path", help="a checkpoint of the variant's run (one variant); random weights if unset")
    args = parser.parse_args()
    torch.manual_seed(0)
    results = {v: measure(v, args.epochs, args.ckpt_path, args.songs) for v in args.variants}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"ckpt_path": args.ckpt_path, "epochs": args.epochs, "variants": results}, indent=1) + "\n")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

"""`python -m mixbuddy_pl.adapter CKPT OUT_DIR`: turn a training checkpoint into a PEFT adapter directory.

The checkpoint holds only the trainable weights and the hyperparameters `MixingAdvisor` saved; the base model is
rebuilt from them (`backbone`, `lora`, ...), the weights are loaded, and `PeftModel.save_pretrained` writes
`adapter_config.json` + `adapter_model.safetensors`, loadable with `PeftModel.from_pretrained(base, OUT_DIR)`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mixbuddy_pl.errors import exit_on_user_error
from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.backbone import export_adapter


def export(ckpt: str | Path, out_dir: str | Path) -> Path:
    """Write the checkpoint's adapter (LoRA + modules_to_save) as a PEFT directory; returns `out_dir`."""
    out = Path(out_dir)
    export_adapter(MixingAdvisor.from_checkpoint(ckpt).model, out)
    return out


def build_parser() -> argparse.ArgumentParser:
    """The checkpoint and the adapter folder."""
    parser = argparse.ArgumentParser(prog="python -m mixbuddy_pl.adapter", description=__doc__.splitlines()[0])
    parser.add_argument("ckpt", help="checkpoint written by `python -m mixbuddy_pl fit`")
    parser.add_argument("out_dir", help="folder for the PEFT adapter (created)")
    return parser


def main(argv: list[str] | None = None) -> None:
    """Write the adapter folder and print its path; errors print one line and exit with status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not Path(args.ckpt).is_file():
        parser.error(f"checkpoint {args.ckpt} not found")
    with exit_on_user_error("mixbuddy_pl.adapter"):
        print(export(args.ckpt, args.out_dir))


if __name__ == "__main__":
    main()

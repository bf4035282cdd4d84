"""`python -m mixbuddy_pl {fit,validate,test,predict}`: LightningCLI with the data/model links."""

from __future__ import annotations

import sys

from lightning.pytorch.cli import LightningArgumentParser, LightningCLI

from mixbuddy_pl.datamodules.mixing import MixingDataModule
from mixbuddy_pl.errors import MixBuddyError
from mixbuddy_pl.modules.advisor import MixingAdvisor


def _stem_names(data: MixingDataModule) -> list[str]:
    return list(data.source.stem_names)


class MixBuddyCLI(LightningCLI):
    """LightningCLI whose model and data share backbone and stem names through links, never typed twice."""

    def add_arguments_to_parser(self, parser: LightningArgumentParser) -> None:
        parser.link_arguments("model.init_args.backbone", "data.processor")
        parser.link_arguments("data", "model.init_args.stems", compute_fn=_stem_names, apply_on="instantiate")


def build_cli(args: list[str] | None = None, run: bool = True) -> MixBuddyCLI:
    """The project's CLI: any model class (MixingAdvisor by default) with the MixingDataModule."""
    return MixBuddyCLI(
        MixingAdvisor,
        MixingDataModule,
        subclass_mode_model=True,
        args=args,
        run=run,
        trainer_defaults={"use_distributed_sampler": False},
        save_config_kwargs={"overwrite": True},
    )


def main(args: list[str] | None = None) -> MixBuddyCLI:
    """Run the CLI; data and configuration errors print one clear message instead of a traceback."""
    try:
        return build_cli(args)
    except MixBuddyError as error:
        print(f"mixbuddy_pl: error: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()

"""`python -m mixbuddy_pl {fit,validate,test,predict}`: LightningCLI with the data/model links."""

from __future__ import annotations

import sys
import warnings
from typing import Any

from jsonargparse import ArgumentError, ArgumentParser, Namespace

from lightning.pytorch import Trainer
from lightning.pytorch.cli import LightningArgumentParser, LightningCLI
from lightning.pytorch.plugins.io import TorchCheckpointIO
from lightning.pytorch.utilities.exceptions import MisconfigurationException

from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.errors import ConfigError, exit_on_user_error
from mixbuddy_pl.machine import check_machine
from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.evaluator import AdviceEvaluator
from mixbuddy_pl.training.callbacks import PREEMPTED_EXIT_CODE, Preempted, PreemptionCheckpoint, StepSeed
from mixbuddy_pl.training.checkpoint_io import SafeCheckpointIO
from mixbuddy_pl.training.checks import check_model, check_sharding, check_writable


DEFAULT_MODEL = ["--model", "mixbuddy_pl.model.advisor.MixingAdvisor"]
"""What a configuration without a `model:` reads as (data-only tools accept those)."""


def _stem_names(data: MixingDataModule) -> list[str]:
    return list(data.source.stem_names)


class MixBuddyCLI(LightningCLI):
    """LightningCLI whose model and data share backbone and stem names through links, never typed twice."""

    def add_arguments_to_parser(self, parser: LightningArgumentParser) -> None:
        """Link model.backbone -> data.processor and the data source's stem names -> model.stems."""
        parser.link_arguments("model.init_args.backbone", "data.processor")
        parser.link_arguments("data", "model.init_args.stems", compute_fn=_stem_names, apply_on="instantiate")

    def instantiate_trainer(self, **kwargs) -> Trainer:
        """The trainer, writing local checkpoints atomically with a clear error when the disk is full."""
        try:
            trainer = super().instantiate_trainer(**kwargs)
        except MisconfigurationException as error:  # e.g. enable_progress_bar false with a progress-bar callback
            raise ConfigError(f"trainer: {error} Change the trainer.* settings in the config or on the "
                              "command line so they agree.") from error
        if type(trainer.strategy.checkpoint_io) is TorchCheckpointIO:
            trainer.strategy.checkpoint_io = SafeCheckpointIO()
        return trainer

    def before_instantiate_classes(self) -> None:
        """The machine has what the config asks for (GPU, bf16, bitsandbytes build), before anything is built."""
        config = self.config[self.subcommand] if self.subcommand else self.config
        check_machine(config.get("trainer.accelerator"), config.get("trainer.precision"),
                      config.get("trainer.strategy"), config.get("model.init_args.quantization"))

    def _preflight(self) -> None:
        """Configuration errors that would otherwise surface only after the model loads: the data root (before any
        hub request), QLoRA backend, LoRA target pattern, output folder."""
        if isinstance(self.datamodule, MixingDataModule):
            self.datamodule.source.cache_key()  # resolves the data root: a missing dataset is reported first
        if isinstance(self.model, MixingAdvisor):
            check_sharding(self.trainer.strategy, self.model.hparams.quantization)
            check_model(self.model)
        save_dir = getattr(self.trainer.logger, "save_dir", None)
        if save_dir is not None:
            check_writable(save_dir, "trainer.logger.init_args.save_dir")

    before_fit = before_validate = before_test = before_predict = _preflight


def build_cli(args: list[str] | None = None, run: bool = True, cli: type[MixBuddyCLI] = MixBuddyCLI) -> MixBuddyCLI:
    """The project's CLI: any AdviceEvaluator (MixingAdvisor, LoudnessBaseline) with the MixingDataModule."""
    return cli(
        AdviceEvaluator,
        MixingDataModule,
        subclass_mode_model=True,
        args=args,
        run=run,
        trainer_defaults={"use_distributed_sampler": False, "callbacks": [StepSeed(), PreemptionCheckpoint()]},
        save_config_kwargs={"overwrite": True},
    )


class _Parsed(Exception):
    """Carries the parsed configuration out of the CLI's constructor, before anything is seeded or built."""

    def __init__(self, config: Namespace) -> None:
        super().__init__("parsed")
        self.config = config


class _ConfigReader(MixBuddyCLI):
    """The CLI that stops once its parser has read the arguments, raising on errors instead of exiting."""

    def init_parser(self, **kwargs: Any) -> LightningArgumentParser:
        return super().init_parser(**{**kwargs, "exit_on_error": False})

    def parse_arguments(self, parser: LightningArgumentParser, args: Any) -> None:
        super().parse_arguments(parser, args)
        raise _Parsed(self.config[self.config.subcommand])


def read_config(args: list[str]) -> Namespace:
    """The configuration `python -m mixbuddy_pl fit` would run with these arguments (`--config` files with their
    parts, `--a.b value` overrides, defaults, the backbone link; a run's saved config.yaml too), read by the CLI's
    own parser; nothing is instantiated.
    Arguments that name no model read as the default MixingAdvisor's; errors raise one-line ConfigErrors.
    The one way tools read a run's configuration (fitcheck, prepare, examples, the listening export, the demo)."""
    try:
        with warnings.catch_warnings():  # a tool's own options are in sys.argv, by design
            warnings.filterwarnings("ignore", message="LightningCLI's args parameter is intended")
            build_cli(["fit", *DEFAULT_MODEL, *args], cli=_ConfigReader)
    except _Parsed as parsed:
        return parsed.config
    except ArgumentError as error:
        raise ConfigError(f"config: {' '.join(str(error).split())}") from error
    raise AssertionError("the CLI parsed nothing")  # parse_arguments always raises _Parsed


def data_module(config: Namespace) -> MixingDataModule:
    """The configuration's MixingDataModule alone (the model is not built)."""
    parser = ArgumentParser(exit_on_error=False)
    parser.add_class_arguments(MixingDataModule, "data")
    return parser.instantiate_classes(parser.parse_object({"data": config.data.as_dict()})).data


def main(args: list[str] | None = None) -> MixBuddyCLI:
    """Run the CLI; data and configuration errors print one clear message instead of a traceback."""
    try:
        with exit_on_user_error("mixbuddy_pl"):
            return build_cli(args)
    except Preempted as preempted:
        print(f"mixbuddy_pl: {preempted}", file=sys.stderr)
        sys.exit(PREEMPTED_EXIT_CODE)


if __name__ == "__main__":
    main()

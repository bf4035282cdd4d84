"""Narrow filters for third-party messages a user of mixbuddy_pl cannot act on (imported by the package).

Each filter matches one message of one library and says why; remove it once the library is fixed. Our own code
uses the non-deprecated APIs (e.g. `activation_checkpointing_enable`), so nothing of ours is hidden here.
"""

from __future__ import annotations

import logging
import warnings


def _drop(logger: str, text: str) -> None:
    """Drop the records of `logger` whose message contains `text`."""
    logging.getLogger(logger).addFilter(lambda record: text not in record.getMessage())


# bitsandbytes >= 0.49 on an AVX512-BF16 CPU tries an optional faster 4-bit kernel from the `kernels` package at
# import time and logs a warning when it is absent, even for runs that quantize nothing; the slower built-in
# kernel is used instead.
_drop("bitsandbytes.backends.cpu.ops", "kernels-community")
# Lightning >= 2.6 advertises its cloud logger on every run that does not use it.
_drop("lightning.pytorch.utilities.rank_zero", "litlogger")
# Lightning 2.6's own pytree copy (lightning/pytorch/utilities/_pytree.py) builds `LeafSpec()`, deprecated in
# torch 2.10+.
warnings.filterwarnings("ignore", message=r"`isinstance\(treespec, LeafSpec\)` is deprecated", category=FutureWarning)
# peft 0.21 reads `is_gradient_checkpointing` when wrapping any model (peft_model.py) and calls
# `gradient_checkpointing_enable` in `prepare_model_for_kbit_training` (QLoRA): aliases transformers 5 deprecates.
warnings.filterwarnings("ignore", message="`is_gradient_checkpointing` is deprecated", category=FutureWarning)
warnings.filterwarnings("ignore", message="`gradient_checkpointing_enable` is deprecated", category=FutureWarning)

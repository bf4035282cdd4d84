"""mixbuddy_pl: teach an audio-language model to give gain-balancing advice on music mixes."""

from mixbuddy_pl import noise  # noqa: F401  (third-party noise filters, before those libraries load)

__version__ = "0.1.0"

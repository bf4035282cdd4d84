"""mixbuddy_pl: teach an audio-language model to give gain-balancing advice on music mixes."""

__version__ = "0.1.0"

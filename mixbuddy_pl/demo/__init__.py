"""The advice page: `python -m mixbuddy_pl.demo --ckpt_path RUN/checkpoints/last.ckpt` (uploads -> advice -> A/B)."""

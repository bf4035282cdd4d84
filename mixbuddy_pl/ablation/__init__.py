"""Ablation studies: study files and run lists (`study`), SLURM array jobs (`slurm`), comparison (`collect`).

The command line is `python -m mixbuddy_pl.ablation`.
"""

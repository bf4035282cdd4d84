"""Hugging Face Space entry (SDK: gradio): the advice page on the checkpoint in $MIXBUDDY_CKPT.

The Space holds this repository, a trained run folder (`checkpoints/last.ckpt` + `config.yaml`) and a
requirements.txt with the line `.[demo]`; see "Advice in the browser" in docs/demo.md.
"""

import os

from mixbuddy_pl.demo.__main__ import main

if __name__ == "__main__":
    main(["--ckpt_path", os.environ.get("MIXBUDDY_CKPT", "run/checkpoints/last.ckpt"), "--host", "0.0.0.0",
          "--port", os.environ.get("PORT", "7860"), "--max_upload_mb", os.environ.get("MIXBUDDY_MAX_UPLOAD_MB", "512")])

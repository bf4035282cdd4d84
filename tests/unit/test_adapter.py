"""`python -m mixbuddy_pl.adapter` argument checks (the checkpoint -> adapter round trip needs a fit:
tests/integration/test_advisor_fit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mixbuddy_pl.adapter import main


def test_export_refuses_a_missing_checkpoint(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([str(tmp_path / "none.ckpt"), str(tmp_path / "adapter")])
    assert exit_info.value.code == 2
    assert f"checkpoint {tmp_path / 'none.ckpt'} not found" in capsys.readouterr().err
    assert not (tmp_path / "adapter").exists()

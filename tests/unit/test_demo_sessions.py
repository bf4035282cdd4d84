"""The advice page's sessions: each tab reaches only its own, its folders go on close or when idle, and Gradio's
shared upload copies are left to the sweep (never deleted under another tab's handler)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytest.importorskip("gradio", reason="needs gradio (the demo extra)")

from mixbuddy_pl.demo.page import SESSION_PREFIX, Page, Session, _own_folder, stale_uploads  # noqa: E402
from mixbuddy_pl.demo.uploads import Limits  # noqa: E402
from mixbuddy_pl.errors import MixBuddyError  # noqa: E402


def _page(tmp_path: Path, idle_s: float = 60.0, upload_ttl_s: float = 60.0) -> Page:
    """A page whose sessions are made by hand (the handlers that need the model are not called)."""
    return Page(None, Limits(), tmp_path / "work", tmp_path / "gradio", idle_s=idle_s, upload_ttl_s=upload_ttl_s)


def _open(page: Page, owner: str) -> Session:
    session = Session(_own_folder(page.workdir, "upload-"), _own_folder(page.upload_dir, SESSION_PREFIX), owner)
    (session.work / "Lead Vox.wav").write_bytes(b"x")
    (session.out / "advice.json").write_text("{}")
    page.sessions[str(session.work)] = session
    return session


def test_a_tab_reaches_only_its_own_session_and_closing_removes_only_its_files(tmp_path: Path) -> None:
    page = _page(tmp_path)
    one, two = _open(page, "tab-1"), _open(page, "tab-2")
    assert page.session(str(one.work), "tab-1") is one
    with pytest.raises(MixBuddyError, match="upload the tracks"):
        page.session(str(one.work), "tab-2")  # another tab naming this session gets nothing
    with pytest.raises(MixBuddyError):
        page.session(str(tmp_path / "work" / "upload-guess"), "tab-2")
    assert page.model_input(0, str(one.work), "tab-2") is None
    assert len(one.out.name) == len(SESSION_PREFIX) + 32 and one.out.name != two.out.name  # 128 random bits
    page.close("tab-1")
    assert not one.work.exists() and not one.out.exists()
    assert two.work.is_dir() and two.out.is_dir() and page.session(str(two.work), "tab-2") is two


def test_the_sweep_removes_idle_sessions_and_old_upload_copies_only(tmp_path: Path) -> None:
    page = _page(tmp_path, idle_s=0.5, upload_ttl_s=0.5)
    idle, live = _open(page, "tab-1"), _open(page, "tab-2")
    shared = page.upload_dir / "3f2a9c" / "Lead Vox.wav"  # Gradio's copy, one per content, shared by tabs
    shared.parent.mkdir()
    shared.write_bytes(b"x")
    assert page.sweep() == [] and shared.exists()  # nothing is old yet
    time.sleep(0.6)
    page.session(str(live.work), "tab-2")  # the second tab is still in use
    fresh = page.upload_dir / "77aa01" / "Bass DI.wav"
    fresh.parent.mkdir()
    fresh.write_bytes(b"x")
    assert stale_uploads(page.upload_dir, 0.5) == [shared.parent]  # sessions' output folders are never among them
    assert page.sweep() == [str(idle.work)]
    assert not idle.work.exists() and not idle.out.exists() and not shared.parent.exists()
    assert live.work.is_dir() and live.out.is_dir() and fresh.exists()

"""The advice page in headless Chromium: upload a DAW-named multitrack, get advice, download the rebalanced mix;
bad uploads show their message and leave nothing on the server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.helpers import CHROMEDRIVER, CHROMIUM, ROOT, write_session

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                       reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"),
]
SCREENSHOT = os.environ.get("MIXBUDDY_DEMO_SCREENSHOT")  # also save the page here (docs/demo.png for docs/demo.md)
MAX_MB = 16
SONG_S = 6.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, tiny_checkpoint: Path):
    pytest.importorskip("gradio", reason="needs gradio (the demo extra)")
    workdir = tmp_path_factory.mktemp("work")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mixbuddy_pl.demo", "--ckpt_path", str(tiny_checkpoint),
         "--port", str(port), "--workdir", str(workdir), "--max_upload_mb", str(MAX_MB), "--accelerator", "cpu"],
        cwd=ROOT, env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    assert server.poll() is None, server.stdout.read()[-3000:]
    yield f"http://127.0.0.1:{port}", workdir
    server.terminate()
    server.wait(timeout=30)


def _files(workdir: Path) -> list[Path]:
    """Every file the server keeps under its work folder."""
    return [p for p in workdir.rglob("*") if p.is_file()]


def _upload(driver, url: str, paths: list[Path]) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url)
    _wait(driver, lambda: driver.find_elements(By.CSS_SELECTOR, "#upload input[type=file]"), 60)
    field = driver.find_element(By.CSS_SELECTOR, "#upload input[type=file]")
    field.send_keys("\n".join(str(p) for p in paths))


def _wait(driver, condition, seconds: float):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if value := condition():
            return value
        time.sleep(0.3)
    driver.save_screenshot("/tmp/mixbuddy-demo-timeout.png")
    raise AssertionError(f"timed out after {seconds} s; page text:\n{_text(driver)[-2000:]}")


def _text(driver) -> str:
    return driver.execute_script("return document.body.innerText")


def test_advice_for_a_daw_session(app, browser, tmp_path: Path) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    url, workdir = app
    driver, downloads = browser
    driver.set_window_size(1280, 2600)
    names = write_session(tmp_path / "session", seconds=SONG_S)
    _upload(driver, url, sorted((tmp_path / "session").iterdir()))
    mapping = _wait(driver, lambda: "Lead Vox.wav" in (t := driver.find_element(By.ID, "mapping").text) and t, 60)
    for name in ("Lead Vox.wav", "Kick In.wav", "OH L.wav", "Bass DI.wav", "Synth Pad 2.wav"):
        assert name in mapping
    assert "word 'vox'" in mapping and "unmatched" in mapping  # why each track went where it did
    assert not any(p.name in names for p in (workdir / "gradio").rglob("*"))  # Gradio's copies are gone
    driver.find_element(By.ID, "advise").click()
    song = _wait(driver, lambda: "windows" in (t := driver.find_element(By.ID, "song-advice").text) and t, 120)
    assert "vocals" in song and "bass" in song and "relative to the drums" in song
    windows = driver.find_element(By.ID, "windows").text
    assert "vocals" in windows and "bass" in windows
    link = _wait(driver, lambda: [a for a in driver.find_elements(By.CSS_SELECTOR, "#downloads a")
                                  if "rebalanced.wav" in (a.get_attribute("href") or "")], 30)[0]
    link.click()
    mix = _wait(driver, lambda: next(iter(downloads.glob("rebalanced*.wav")), None), 30)
    time.sleep(0.5)  # let Chromium finish writing
    audio, rate = sf.read(mix)
    assert rate == 48_000 and audio.shape == (int(SONG_S * rate), 2) and np.abs(audio).max() > 0.01
    if SCREENSHOT:
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(SCREENSHOT)


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("case, message", [
    ("notes.txt", "not an audio track"),
    ("escape.zip", "points outside the zip's folder"),
    ("bomb.zip", "larger than the 16 MiB"),
    ("huge.wav", "exceed"),
])
def test_bad_upload_shows_a_message_and_leaves_nothing(app, browser, tmp_path: Path, case: str,  # noqa: F811
                                                       message: str) -> None:
    url, workdir = app
    driver, _ = browser
    path = tmp_path / case
    if case == "notes.txt":
        path.write_text("mix notes, not audio")
    elif case == "escape.zip":
        _zip(path, {"Lead Vox.wav": b"RIFF", "../../escaped.wav": b"RIFF"})
    elif case == "bomb.zip":
        _zip(path, {"Kick In.wav": bytes(MAX_MB * 2**20 + 1)})  # a few KiB that expand past the cap
    else:
        sf.write(path, np.zeros((MAX_MB * 2**20 // 4 + 1, 2), np.int16), 44_100)  # just over the cap
    before = set(_files(workdir))  # an earlier test's upload may still be live
    _upload(driver, url, [path])
    _wait(driver, lambda: message in _text(driver), 30)
    time.sleep(1.0)  # any server-side work of this upload has finished
    assert set(_files(workdir)) <= before, sorted(map(str, set(_files(workdir)) - before))
    assert not (tmp_path.parent / "escaped.wav").exists()

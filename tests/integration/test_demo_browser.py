"""The advice page in headless Chromium: upload a DAW-named multitrack, get advice, download the rebalanced mix;
an export with a click and a bounce (left out, shown as such, the original mix the sum of the kept tracks), a user
leaving a track out and bringing it back, what the model can do, two people at once; bad uploads show their
message and leave nothing on the server."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.helpers import CHROMEDRIVER, CHROMIUM, ROOT, write_export, write_session

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                       reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"),
]
SCREENSHOT = os.environ.get("MIXBUDDY_DEMO_SCREENSHOT")  # also save the page here (docs/demo.png for docs/demo.md)
MAX_MB = 16
SONG_S = 6.0
UPLOAD_TTL_S = 15.0  # Gradio's shared copies of uploads are swept this long after they arrived


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
         "--port", str(port), "--workdir", str(workdir), "--max_upload_mb", str(MAX_MB), "--accelerator", "cpu",
         "--concurrency", "1", "--upload_minutes", str(UPLOAD_TTL_S / 60)],
        cwd=ROOT, env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and server.poll() is None:
        try:  # the page answers (not just the port): Gradio's own check of localhost then passes under load
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).close()
            break
        except OSError:
            time.sleep(0.5)
    time.sleep(2)  # Gradio's launch checks localhost once more before serving; a failed check stops the server
    assert server.poll() is None, server.stdout.read()[-3000:]
    yield f"http://127.0.0.1:{port}", workdir
    server.terminate()
    server.wait(timeout=30)


def _files(workdir: Path) -> list[Path]:
    """Every file the server keeps under its work folder but Gradio's upload copies (swept after UPLOAD_TTL_S)."""
    return [p for p in workdir.rglob("*") if p.is_file() and not _gradio_copy(workdir, p)]


def _gradio_copy(workdir: Path, path: Path) -> bool:
    parts = path.relative_to(workdir).parts
    return len(parts) > 2 and parts[0] == "gradio" and not parts[1].startswith("session-")


def _upload(driver, url: str, paths: list[Path]) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url)
    _wait(driver, lambda: driver.find_elements(By.CSS_SELECTOR, "#upload input[type=file]"), 60)
    field = driver.find_element(By.CSS_SELECTOR, "#upload input[type=file]")
    field.send_keys("\n".join(str(p) for p in paths))


def _wait(driver, condition, seconds: float):
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if value := condition():
                return value
        except (NoSuchElementException, StaleElementReferenceException):  # the page is still (re)rendering
            pass
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
    own = [p for p in workdir.glob("upload-*/tracks/*") if p.name in names]
    assert {p.name for p in own} == set(names)  # the session's own copy of every track
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
    # Gradio's copies (shared by tabs uploading the same file) go after UPLOAD_TTL_S; the session keeps its own
    _wait(driver, lambda: not any(p.name in names for p in (workdir / "gradio").rglob("*")), UPLOAD_TTL_S + 30)
    assert all(p.is_file() for p in own)


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


def _served(driver, name: str) -> tuple[np.ndarray, int]:
    """The file behind the page's download link `name` as the server serves it: [samples, channels] and its rate
    (fetched from the link's URL: Chromium refuses a second download of one URL without a user's click)."""
    return sf.read(io.BytesIO(_wait(driver, lambda: _fetch(driver, name), 30)), dtype="float32")


def _fetch(driver, name: str) -> bytes | None:
    """The bytes behind the download link `name`, or None while the page has none."""
    from selenium.webdriver.common.by import By

    links = driver.find_elements(By.CSS_SELECTOR, "#downloads a")
    hrefs = [h for a in links if name in (h := a.get_attribute("href") or "")]
    if not hrefs:
        return None
    with urllib.request.urlopen(hrefs[0], timeout=30) as response:
        return response.read()


def _residual_db(heard: np.ndarray, truth: np.ndarray) -> float:
    """How far `heard` is from `truth` up to one gain (dB relative to `truth`)."""
    gain = float((heard * truth).sum() / (truth * truth).sum())
    return float(10 * np.log10(((heard - gain * truth) ** 2).sum() / (gain ** 2 * (truth ** 2).sum())))


def _mapping(driver) -> dict[str, tuple[str, str]]:
    """The mapping table as shown: {track: (stem, why)} (the table's text is one cell per line, 4 columns)."""
    from selenium.webdriver.common.by import By

    lines = driver.find_element(By.ID, "mapping").text.splitlines()
    cells = lines[lines.index("format") + 1:] if "format" in lines else []
    return {cells[k]: (cells[k + 1], cells[k + 2]) for k in range(0, len(cells) - 3, 4) if cells[k].endswith(".wav")}


def _ticked(driver) -> set[str]:
    """The tracks ticked as in the mix."""
    return set(driver.execute_script("return Array.from(document.querySelectorAll('#kept label'))"
                                     ".filter(l => l.querySelector('input').checked).map(l => l.innerText.trim())"))


def _tick(driver, track: str) -> None:
    from selenium.webdriver.common.by import By

    box = next(label for label in driver.find_elements(By.CSS_SELECTOR, "#kept label") if label.text == track)
    box.click()


def _advise(driver) -> str:
    """Press Get advice and wait for this run's answer (its advice.json, written last, differs from the one
    before: the status line still shows the previous run's text while Gradio's progress covers it)."""
    from selenium.webdriver.common.by import By

    before = _fetch(driver, "advice.json")
    driver.find_element(By.ID, "advise").click()
    _wait(driver, lambda: (now := _fetch(driver, "advice.json")) is not None and now != before, 180)
    return _wait(driver, lambda: "Advice ready" in driver.find_element(By.ID, "status").text
                 and driver.find_element(By.ID, "song-advice").text, 30)


def test_an_export_with_a_click_and_a_bounce(app, browser, tmp_path: Path) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    url, _ = app
    driver, _ = browser
    driver.set_window_size(1280, 2600)
    kept, truth = write_export(tmp_path / "export", seconds=SONG_S)
    _upload(driver, url, sorted((tmp_path / "export").iterdir()))
    rows = _wait(driver, lambda: "Song_v3_final.wav" in (r := _mapping(driver)) and r, 60)
    assert rows["Audio 17.wav"][0] == "exclude" and "a click" in rows["Audio 17.wav"][1]
    assert rows["Song_v3_final.wav"][0] == "exclude" and "a bounce" in rows["Song_v3_final.wav"][1]
    assert all(rows[name][0] != "exclude" for name in kept)
    assert "Left out as not part of the mix: Audio 17.wav, Song_v3_final.wav" in driver.find_element(By.ID, "status").text
    assert _ticked(driver) == set(kept)
    model = driver.find_element(By.ID, "model")
    assert "anchor variant" in model.text and "synthetic songs" in model.text and "Anchor: drums" in model.text
    assert {e.text.split(" ")[0] for e in model.find_elements(By.CSS_SELECTOR, ".stem-advised")} == {"vocals", "bass"}
    assert {e.text.split(" ")[0] for e in model.find_elements(By.CSS_SELECTOR, ".stem-never")} == {"drums", "other"}

    _tick(driver, "Keys.wav")  # the user leaves the keys out ...
    _wait(driver, lambda: _mapping(driver)["Keys.wav"] == ("exclude", "left out by you"), 30)
    assert _ticked(driver) == set(kept) - {"Keys.wav"}
    _advise(driver)
    original, rate = _served(driver, "original.wav")
    keys = np.zeros_like(truth)
    data = sf.read(tmp_path / "export" / "Keys.wav", dtype="float32")[0]
    keys[:, :len(data)] = data
    assert rate == 48_000 and _residual_db(original.T, truth - keys) < -40

    _tick(driver, "Keys.wav")  # ... and brings them back
    _wait(driver, lambda: _mapping(driver)["Keys.wav"] == ("other", "kept by you"), 30)
    _advise(driver)
    original, _ = _served(driver, "original.wav")
    assert _residual_db(original.T, truth) < -40  # the original is the sum of the kept tracks: no click, no bounce


def test_two_people_at_once(app, browser, second_browser, tmp_path: Path) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    url, workdir = app
    (one, _), (two, _) = browser, second_browser
    write_export(tmp_path / "export", seconds=10.0)  # within the 16 MiB cap, long enough for the second to queue
    write_session(tmp_path / "session", seconds=SONG_S)
    before = set(workdir.glob("upload-*")), set((workdir / "gradio").glob("session-*"))  # earlier tests' tabs
    _upload(one, url, sorted((tmp_path / "export").iterdir()))
    _upload(two, url, sorted((tmp_path / "session").iterdir()))
    _wait(one, lambda: "Song_v3_final.wav" in _mapping(one), 60)
    _wait(two, lambda: "Synth Pad 2.wav" in _mapping(two), 60)
    work, out = set(workdir.glob("upload-*")) - before[0], set((workdir / "gradio").glob("session-*")) - before[1]
    assert len(work) == len(out) == 2  # each tab its own work and output folder
    one.find_element(By.ID, "advise").click()
    two.find_element(By.ID, "advise").click()
    saw_queue = _wait(two, lambda: "queue" in _text(two) or "Advice ready" in _text(two), 60) and "queue" in _text(two)
    song_one = _wait(one, lambda: "Advice ready" in _text(one) and one.find_element(By.ID, "song-advice").text, 180)
    song_two = _wait(two, lambda: "Advice ready" in _text(two) and two.find_element(By.ID, "song-advice").text, 180)
    assert saw_queue, "the second tab never showed its place in the queue"
    assert "windows" in song_one and "windows" in song_two
    links = [[a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "#downloads a")] for d in (one, two)]
    folders = [{Path(h.split("file=")[1]).parent for h in hrefs if "file=" in h} for hrefs in links]
    assert len(folders[0]) == len(folders[1]) == 1 and folders[0] != folders[1] and folders[0] | folders[1] == out
    mine, theirs = next(iter(folders[1])), next(iter(folders[0]))
    assert str(theirs.name) not in two.page_source  # nothing of the first tab reaches the second's page
    one.get("about:blank")  # the first person closes the page: its files go, the second's stay
    _wait(two, lambda: not theirs.exists() and len([w for w in work if w.exists()]) == 1, 60)
    with pytest.raises(urllib.error.HTTPError):  # and its files are no longer served to anyone
        urllib.request.urlopen(next(h for h in links[0] if "advice.json" in h), timeout=30)
    assert mine.is_dir()
    mix, rate = _served(two, "rebalanced.wav")
    assert rate == 48_000 and np.abs(mix).max() > 0.01

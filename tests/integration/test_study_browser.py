"""The exported study page in headless Chromium over `file://`: rate everything, download, analyze the download."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mixbuddy_pl.listening import CRITERIA
from mixbuddy_pl.listening import __main__ as study_cli
from tests.helpers import CHROMEDRIVER, CHROMIUM, make_study


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                       reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"),
]


PLAY_FIRST_CLIP = """
const done = arguments[0], clip = document.querySelector("audio");
clip.addEventListener("loadedmetadata", () => done(clip.duration));
clip.addEventListener("error", () => done("error " + clip.error.code));
clip.preload = "auto";
clip.load();
"""


def score_for(scenario: int, slot: int, criterion: int) -> int:
    """The score the test clicks: every value 1..7 occurs, and it differs by advice slot."""
    return 1 + (scenario + 2 * slot + criterion) % 7


def click(driver, element_id: str) -> None:
    """Scroll the element to the middle of the view (clear of the sticky header) and click it."""
    element = driver.find_element("id", element_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def wait_for(folder: Path, suffix: str, timeout: float = 20.0) -> Path:
    """The finished download ending in `suffix`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if not p.name.endswith(".crdownload")]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no *{suffix} downloaded into {folder}: {list(folder.iterdir())}")


def test_rate_export_and_analyze(browser, tmp_path: Path) -> None:
    driver, downloads = browser
    study, _, _ = make_study(tmp_path, n=3)
    folder = tmp_path / "study"
    driver.get((folder / "index.html").as_uri())
    assert driver.execute_async_script(PLAY_FIRST_CLIP) == 5.0  # the tiny overlay's 5 s clip plays from file://
    driver.find_element("id", "rater").send_keys("Ann Engineer")

    expected: dict[str, dict[str, list[int]]] = {}  # system -> criterion -> clicked scores
    for k, scenario in enumerate(study["scenarios"]):
        for slot, advice in enumerate(scenario["advice"]):
            for c, criterion in enumerate(CRITERIA):
                score = score_for(k, slot, c)
                click(driver, f"r-{scenario['id']}-{advice['id']}-{criterion}-{score}")
                expected.setdefault(advice["system"], {}).setdefault(criterion, []).append(score)
    driver.find_element("id", "c-s01-A").send_keys('Too vague, "move it" is not a dB value.')
    total = sum(len(s["advice"]) for s in study["scenarios"])
    assert driver.find_element("id", "progress").text == f"{total} of {total} pieces of advice fully rated"

    driver.refresh()  # ratings survive a reload (localStorage)
    assert driver.find_element("id", "rater").get_attribute("value") == "Ann Engineer"
    assert driver.find_element("id", f"r-s01-A-effectiveness-{score_for(0, 0, 0)}").is_selected()

    click(driver, "export-json")
    ratings_json = wait_for(downloads, ".json")
    click(driver, "export-csv")
    ratings_csv = wait_for(downloads, ".csv")
    assert ratings_json.name == f"ratings-Ann_Engineer-{study['study_id']}.json"
    doc = json.loads(ratings_json.read_text())
    assert doc["rater"] == "Ann Engineer" and len(doc["ratings"]) == total * len(CRITERIA)
    assert all(s not in ratings_json.read_text() for s in ("sysalpha", "sysbeta"))  # still blinded

    for ratings, out in ((ratings_json, tmp_path / "from_json"), (ratings_csv, tmp_path / "from_csv")):
        study_cli.main(["analyze", str(ratings), "--study", str(folder), "--out", str(out), "--n-boot", "200"])
        result = json.loads((out / "analysis.json").read_text())
        for system, by_criterion in expected.items():
            for criterion, scores in by_criterion.items():
                assert result["systems"][system][criterion]["mean"] == pytest.approx(sum(scores) / len(scores))
        assert result["raters"] == ["Ann Engineer"]
        assert result["comments"][0]["comment"] == 'Too vague, "move it" is not a dB value.'
        assert result["comments"][0]["system"] == study["scenarios"][0]["advice"][0]["system"]

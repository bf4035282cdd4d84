"""Integration fixtures: a headless Chromium with a download folder (for the study page and the demo), and one
small tiny-model checkpoint trained through the CLI (for the demo page and the demo benchmark)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import CHROMEDRIVER, CHROMIUM, mixbuddy

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run")


def _chrome(folder: Path):
    """Headless Chromium with its own profile, downloading into `folder/downloads`."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (the dev extra)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={folder / 'profile'}"):
        options.add_argument(flag)
    downloads = folder / "downloads"
    downloads.mkdir(parents=True)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False,
                                              "profile.default_content_setting_values.automatic_downloads": 1})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver, downloads


@pytest.fixture
def browser(tmp_path: Path):
    driver, downloads = _chrome(tmp_path)
    yield driver, downloads
    driver.quit()


@pytest.fixture
def second_browser(tmp_path: Path):
    """Another person at the same page (its own profile and downloads)."""
    driver, downloads = _chrome(tmp_path / "second")
    yield driver, downloads
    driver.quit()


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`last.ckpt` of a 3-step tiny fit through `python -m mixbuddy_pl fit` (SMALL_CLI), trained once per session."""
    logs = tmp_path_factory.mktemp("tiny_checkpoint")
    mixbuddy("fit", logs=logs)
    return logs / "cli/version_0/checkpoints/last.ckpt"

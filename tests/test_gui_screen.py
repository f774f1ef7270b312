"""The main window fits the screen it opens on: 1366x768, scale factor 2, and a saved size from a bigger screen.

Each case starts Qt in a child process, because the screen is fixed when Qt starts (offscreen platform with a
configured screen, QT_SCALE_FACTOR as an operator would set it)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[1]


def open_on(tmp_path: Path, width: int, height: int, scale: float, settings: Path, *extra: str) -> dict:
    config = tmp_path / f"screen-{width}x{height}.json"
    screen = {"name": "S", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": str(scale)}
    out = subprocess.run(
        [sys.executable, "-m", "tests.support.screen_probe", str(settings), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def inside(frame, available) -> bool:
    fx, fy, fw, fh = frame
    ax, ay, aw, ah = available
    return ax <= fx and ay <= fy and fx + fw <= ax + aw and fy + fh <= ay + ah


@pytest.mark.parametrize(
    ("width", "height", "scale"), [(1366, 768, 1), (1920, 1080, 2), (1366, 768, 2), (2560, 1440, 1)]
)
def test_first_window_fits_the_available_geometry(tmp_path, width, height, scale):
    got = open_on(tmp_path, width, height, scale, tmp_path / "ui.ini")
    assert inside(got["frame"], got["available"]), got
    # Most of the screen is used (not a small window in a corner), up to the preferred 1280x800.
    aw, ah = got["available"][2:]
    assert got["frame"][2] >= min(1280, aw) * 0.85 and got["frame"][3] >= min(800, ah) * 0.85, got


def test_a_saved_size_is_restored_only_while_it_fits(tmp_path):
    settings = tmp_path / "ui.ini"
    big = open_on(tmp_path, 2560, 1440, 1, settings)  # saved at close: 1280x800
    assert big["frame"][3] >= 800  # taller than a 768-px screen
    small = open_on(tmp_path, 1366, 768, 1, settings, "resize-half")  # 800 px tall does not fit: fitted again
    assert inside(small["frame"], small["available"]) and small["frame"][3] < 768
    again = open_on(tmp_path, 1366, 768, 1, settings)  # the operator's smaller size fits: kept
    width, height = again["frame"][2:]  # the frame may add a few pixels of decoration to the saved 683x384
    assert 683 <= width <= 700 and 384 <= height <= 400


@pytest.mark.parametrize("language", ["webhooks", "webhooks-de"])
def test_no_tab_needs_sideways_scrolling_at_scale_2(tmp_path, language):
    """1366x768 at QT_SCALE_FACTOR=2 leaves 683 px: the forms reflow (labels above fields), rows of buttons and
    filters wrap and long choices are elided, in English and in German, so no tab (and no page of the Webhooks tab)
    scrolls sideways."""
    got = open_on(tmp_path, 1366, 768, 2, tmp_path / "ui.ini", language)
    assert len(got["sideways"]) == 7, got
    assert all(v == 0 for v in got["sideways"].values()), got

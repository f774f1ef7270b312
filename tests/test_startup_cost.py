"""What the first window does not wait for (docs/PERFORMANCE.md, start-up): the `Qt` namespace, whose first use builds
about 90 Python enums, the worker pool and the validation rules. A start remembers the system's colour scheme and asks
the system again only once its first window is on screen."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from billing_desktop.ui import palette, theme
from billing_desktop.ui.forms import password_edit
from tests.gui_helpers import settings

ROOT = Path(__file__).resolve().parents[1]

# Runs the app to its first paint and says, at that moment, what had been built and imported.
PROBE = """
import builtins, runpy, sys
from PySide6 import QtCore
real = builtins.print
def report(*args, **kwargs):
    if args == ("first-paint",):
        loaded = [m for m in ("billing_desktop.ui.workers", "billing_desktop.domain.validation") if m in sys.modules]
        real("probe", "Qt" in vars(QtCore), ",".join(loaded) or "-", flush=True)
    real(*args, **kwargs)
builtins.print = report
sys.argv = [sys.argv[1]]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def first_paint(home: Path) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BILLING_DESKTOP_HOME=str(home))
    env["BILLING_DESKTOP_EXIT_AFTER_FIRST_PAINT"] = "1"
    env.pop("BILLING_DESKTOP_DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT / "main.py")], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return next(line.split()[1:] for line in out.stdout.splitlines() if line.startswith("probe "))


def test_the_first_window_does_not_build_the_qt_namespace_once_the_scheme_is_remembered(tmp_path):
    home = tmp_path / "home"
    first_qt, first_loaded = first_paint(home)  # a new data dir: the system is asked before the first paint
    assert first_qt == "True" and first_loaded == "-"
    assert "system_scheme_seen=" in (home / "ui.ini").read_text()
    assert first_paint(home) == ["False", "-"]


@pytest.mark.gui
def test_a_remembered_scheme_paints_the_first_window_then_the_system_decides(qtbot, tmp_path):
    app = QApplication.instance()
    system_dark = app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    stored = settings(tmp_path)
    stored.setValue(theme.SEEN_KEY, "light" if system_dark else "dark")  # the desktop changed since the last start
    t = theme.Theme(app, stored)
    try:
        t.apply()
        assert t.is_dark() is not system_dark and palette.is_dark() is not system_dark  # as remembered
        t.confirm_system_scheme()  # the first window is on screen: ask the system
        assert t.is_dark() is system_dark and palette.is_dark() is system_dark
        assert t.settings.value(theme.SEEN_KEY) == ("dark" if system_dark else "light")
        assert theme.Theme(app, t.settings).is_dark() is system_dark  # the next start remembers this
    finally:
        (theme.current() or t).apply()


@pytest.mark.gui
def test_password_fields_give_input_methods_nothing_to_keep(qtbot):
    field = password_edit()
    qtbot.addWidget(field)
    hints = field.inputMethodHints()
    for hint in (
        Qt.InputMethodHint.ImhHiddenText,
        Qt.InputMethodHint.ImhNoPredictiveText,
        Qt.InputMethodHint.ImhSensitiveData,
    ):
        assert hints & hint

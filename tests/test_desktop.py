"""Desktop citizenship: one instance per data directory, and crashes that leave a redacted report."""

import json
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from billing_desktop.services.bootstrap import RedactingFilter, redact
from billing_desktop.ui.crash import CrashReporter
from billing_desktop.ui.single_instance import SingleInstance
from tests.gui_helpers import open_dialog

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[1]
SECRET = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"

SECOND_LAUNCH = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from billing_desktop.ui.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
first = instance.claim(sys.argv[2:])
print("first" if first else "handed-over", flush=True)
if first and sys.argv[2:] == ["--hold"]:
    import time
    time.sleep(60)
"""


def launch(data_dir: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-c", SECOND_LAUNCH, str(data_dir), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_second_launch_hands_its_arguments_to_the_first(qtbot, tmp_path):
    first = SingleInstance(tmp_path / "data")
    assert first.claim([])
    link = "http://127.0.0.1:8765/callback?code=ac_123&state=xyz"
    with qtbot.waitSignal(first.activated, timeout=10000) as got:
        second = launch(tmp_path / "data", link)
        while second.poll() is None:  # let the primary's event loop answer while the child talks to it
            qtbot.wait(20)
    with second.stdout:
        assert second.stdout.read().strip() == "handed-over" and second.returncode == 0
    assert got.args == [[link]]
    first.release()


def test_another_data_directory_is_another_instance(qtbot, tmp_path):
    first = SingleInstance(tmp_path / "one")
    assert first.claim([])
    other = launch(tmp_path / "two")
    with other.stdout:
        assert other.communicate(timeout=60)[0].strip() == "first"
    first.release()


def test_a_lock_left_by_a_killed_instance_is_taken_over(tmp_path):
    holder = launch(tmp_path / "data", "--hold")
    with holder.stdout:
        assert holder.stdout.readline().strip() == "first"
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    assert (tmp_path / "data" / "instance.lock").exists()
    again = SingleInstance(tmp_path / "data")
    assert again.claim([])
    again.release()


def test_the_app_leaves_no_instance_lock_behind_when_it_quits(tmp_path):
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BILLING_DESKTOP_HOME=str(home))
    env["BILLING_DESKTOP_EXIT_AFTER_FIRST_PAINT"] = "1"
    env.pop("BILLING_DESKTOP_DATABASE_URL", None)
    done = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "first-paint" in done.stdout
    assert home.is_dir() and not (home / "instance.lock").exists()


# -- crash reports ---------------------------------------------------------------------------------------------------
@pytest.fixture
def reporter(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr("faulthandler.enable", lambda **kw: None)  # pytest keeps its own fault handler here
    r = CrashReporter(tmp_path / "data")
    r.install()
    yield r
    r.close()


def test_an_exception_in_a_thread_writes_a_redacted_report_and_explains(qtbot, reporter, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))

    def boom():
        raise RuntimeError(f"Stripe said no for {SECRET} at postgresql://app:hunter2-pw@db.example/x")

    thread = threading.Thread(target=boom, name="sync-worker")
    thread.start()
    thread.join()
    box = open_dialog(qtbot, QMessageBox)
    assert box.objectName() == "crash_dialog" and "crash-reports" in box.informativeText()
    reports = list(reporter.folder.glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text()
    assert "RuntimeError" in text and "sync-worker" in text and "boom" in text
    assert SECRET not in text and "hunter2-pw" not in text and "sk_live_[redacted]" in text
    assert reports[0].stat().st_mode & 0o777 == 0o600
    reporter.open_button.click()
    assert opened == [str(reporter.folder)]


def test_an_exception_in_a_slot_goes_to_the_same_report(qtbot, reporter):
    try:
        raise ValueError(f"bad {SECRET}")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # what PySide6 calls for an exception raised in a slot
    open_dialog(qtbot, QMessageBox)
    (report,) = reporter.folder.glob("crash-*.txt")
    assert "ValueError" in report.read_text() and SECRET not in report.read_text()


def test_a_hard_crash_leaves_the_stacks_in_the_data_directory(tmp_path):
    code = (
        "import sys, faulthandler\nfrom pathlib import Path\nfrom PySide6.QtWidgets import QApplication\n"
        "from billing_desktop.ui.crash import CrashReporter\napp = QApplication([])\n"
        "CrashReporter(Path(sys.argv[1])).install()\nfaulthandler._sigsegv()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, env=env, capture_output=True)
    assert done.returncode != 0
    log = (tmp_path / "crash-reports" / "hard-crashes.log").read_text()
    assert "Fatal Python error" in log and "Segmentation fault" in log


def test_the_log_filter_redacts_tracebacks_too(tmp_path):
    handler = logging.FileHandler(tmp_path / "app.log")
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("redaction-test")
    logger.addHandler(handler)
    try:
        raise RuntimeError(f"leaked {SECRET}")
    except RuntimeError:
        logger.exception("it failed with %s", SECRET)
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = (tmp_path / "app.log").read_text()
    assert SECRET not in text and text.count("sk_live_[redacted]") == 2
    assert redact(json.dumps({"url": "https://u:pw-123@h/x"})) == '{"url": "https://u:[redacted]@h/x"}'
    # An unescaped "@" in the password: nothing of it may stay (it once left "@ss" in the log).
    assert redact("postgresql://u:p@ss@db.example:5432/app x@y") == "postgresql://u:[redacted]@db.example:5432/app x@y"

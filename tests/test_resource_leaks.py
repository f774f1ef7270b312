"""Nothing is left open: the SQLite safety net fails a leaking test, and the real app exits with nothing unclosed.

Python 3.13 warns (ResourceWarning) about a sqlite3 connection collected unclosed; under `filterwarnings = error`
that failed random tests on Debian 13 (issue 18). The plugin tests/support/open_connections.py (pytest -p
tests.support.open_connections) makes such a leak fail the test that made it, on every Python.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

LEAKY = """
import sqlite3
from contextlib import closing

KEPT = []


def test_closes(tmp_path):
    with closing(sqlite3.connect(tmp_path / "a.sqlite3")) as c:
        c.execute("create table t (x)")


def test_drops_an_open_connection(tmp_path):
    c = sqlite3.connect(tmp_path / "b.sqlite3")
    c.execute("create table t (x)")


def test_keeps_an_open_connection(tmp_path):
    KEPT.append(sqlite3.connect(tmp_path / "c.sqlite3"))


def test_with_block_does_not_close(tmp_path):
    with sqlite3.connect(tmp_path / "d.sqlite3") as c:
        c.execute("create table t (x)")
"""


def test_a_test_that_leaves_a_connection_open_fails_where_it_opened_it(tmp_path):
    (tmp_path / "test_leaky.py").write_text(LEAKY)
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.support.open_connections", "-p", "no:cacheprovider", "-q"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1, out.stdout + out.stderr
    assert "4 passed, 3 errors" in out.stdout
    lines = LEAKY.splitlines()
    for name in ("drops_an_open_connection", "keeps_an_open_connection", "with_block_does_not_close"):
        assert f"ERROR test_leaky.py::test_{name}" in out.stdout
        opened_at = lines.index(f"def test_{name}(tmp_path):") + 2  # the line after the def, 1-based
        assert f'test_leaky.py", line {opened_at}, in test_{name}' in out.stdout
    assert "ERROR test_leaky.py::test_closes" not in out.stdout


LEAKY_PG = """
import os

import psycopg
from sqlalchemy import create_engine, text

URL = os.environ["BILLING_DESKTOP_TEST_POSTGRES_URL"]


def test_closes():
    with psycopg.connect(URL.replace("+psycopg", "")) as c:
        c.execute("select 1")
    engine = create_engine(URL)
    with engine.connect() as c:
        c.execute(text("select 1"))
    engine.dispose()


def test_drops_an_open_connection():
    c = psycopg.connect(URL.replace("+psycopg", ""))
    c.execute("select 1")


def test_never_disposes_its_engine():
    engine = create_engine(URL)
    with engine.connect() as c:
        c.execute(text("select 1"))
"""


def test_a_test_that_leaves_a_postgresql_connection_or_engine_open_fails_where_it_opened_it(pg_server, tmp_path):
    """The PostgreSQL half: psycopg's own warning would come at a random later test, the plugin fails this one."""
    (tmp_path / "test_leaky_pg.py").write_text(LEAKY_PG)
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.support.open_connections", "-p", "no:cacheprovider", "-q"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1, out.stdout + out.stderr
    assert "3 passed, 2 errors" in out.stdout, out.stdout
    assert "ERROR test_leaky_pg.py::test_drops_an_open_connection" in out.stdout
    assert "ERROR test_leaky_pg.py::test_never_disposes_its_engine" in out.stdout
    assert "ERROR test_leaky_pg.py::test_closes" not in out.stdout
    lines = LEAKY_PG.splitlines()
    opened_at = lines.index("def test_drops_an_open_connection():") + 2
    assert f'test_leaky_pg.py", line {opened_at}, in test_drops_an_open_connection' in out.stdout
    opened_at = lines.index("def test_never_disposes_its_engine():") + 3  # engine.connect(), not create_engine()
    assert f'test_leaky_pg.py", line {opened_at}, in test_never_disposes_its_engine' in out.stdout


@pytest.mark.secret_service
@pytest.mark.gui
def test_the_app_closes_its_database_and_leaves_nothing_unclosed(secret_service, tmp_path):
    """The real start (database opened in a worker, sign-in, every tab, exit), ResourceWarnings made errors.

    SQLite folds the write-ahead log back into the file when the last connection closes: after a clean exit the
    database is one file again, which is what a user copies as a backup. To find where an object reported here was
    made, run the same command with PYTHONTRACEMALLOC=20 (much slower)."""
    out = subprocess.run(
        [sys.executable, "-W", "error::ResourceWarning", "-m", "billing_desktop", "--self-test"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)},  # its throwaway data dir
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "self-test passed" in out.stdout
    assert "ResourceWarning" not in out.stderr, out.stderr
    (data_dir,) = tmp_path.glob("billing-desktop-self-test-*")
    assert (data_dir / "billing-desktop.sqlite3").stat().st_size > 0
    assert not (data_dir / "billing-desktop.sqlite3-wal").exists()

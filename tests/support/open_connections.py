"""Pytest plugin: a test fails if it leaves a SQLite or PostgreSQL connection open (issue 18). On by default
(pyproject.toml's addopts).

Python 3.13 warns when a sqlite3 connection is garbage-collected unclosed, but a connection caught in a reference
cycle is collected whenever the collector runs, so that warning lands on whichever later test is running, and older
Pythons say nothing at all. Here every connection opened while a test runs (raw sqlite3 and SQLAlchemy's alike:
both go through sqlite3.connect) remembers where it was opened; one freed while still open, or still open once the
test's fixtures are torn down, fails that test with that place, on every Python version.

psycopg connections (SQLAlchemy's psycopg dialect and our code both call psycopg.connect) are held until the test's
teardown, so none can be collected mid-test; one still open then fails the test the same way. An engine that is
never disposed keeps its pooled connection open, so this finds those too.
"""

from __future__ import annotations

import sqlite3
import sqlite3.dbapi2
import traceback
import weakref

import pytest

_real_connect = sqlite3.connect
_FRAMEWORK = ("/site-packages/", "<frozen runpy>")  # where connections are opened from: our code, not libraries
_live: weakref.WeakSet[_TrackedConnection] = weakref.WeakSet()
_freed_open: list[str] = []  # where connections were opened that were freed without close()
_pg_opened: list[tuple[object, str]] = []  # (psycopg connection, where) opened during the current test
_real_pg_connect = None


def is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.total_changes  # noqa: B018 - raises on a closed connection
    except sqlite3.ProgrammingError:
        return False
    return True


class _TrackedConnection(sqlite3.Connection):
    opened_at = ""

    def __del__(self) -> None:
        if self.opened_at and is_open(self):
            _freed_open.append(self.opened_at)


def _opened_here() -> str:
    frames = [f for f in traceback.extract_stack()[:-2] if not any(s in f.filename for s in _FRAMEWORK)]
    return "".join(traceback.format_list(frames[-8:]))


def _connect(*args, **kwargs):
    kwargs.setdefault("factory", _TrackedConnection)
    conn = _real_connect(*args, **kwargs)
    if isinstance(conn, _TrackedConnection):
        conn.opened_at = _opened_here()
        _live.add(conn)
    return conn


def _pg_connect(*args, **kwargs):
    conn = _real_pg_connect(*args, **kwargs)
    _pg_opened.append((conn, _opened_here()))
    return conn


def _close_quietly(conn: sqlite3.Connection) -> None:
    try:
        conn.close()
    except sqlite3.ProgrammingError:  # opened on another thread: it cannot be closed from here
        conn.opened_at = ""


def pytest_configure(config: pytest.Config) -> None:
    global _real_pg_connect
    # SQLAlchemy's pysqlite dialect calls sqlite3.dbapi2.connect, our code sqlite3.connect: patch both.
    sqlite3.connect = sqlite3.dbapi2.connect = _connect
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a test dependency
        return
    _real_pg_connect = psycopg.connect
    psycopg.connect = _pg_connect


def pytest_unconfigure(config: pytest.Config) -> None:
    sqlite3.connect = sqlite3.dbapi2.connect = _real_connect
    if _real_pg_connect is not None:
        import psycopg

        psycopg.connect = _real_pg_connect


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    result = yield  # the test's fixtures are finalised by now
    leaked = _freed_open[:]
    _freed_open.clear()
    for conn in list(_live):
        if is_open(conn):
            leaked.append(conn.opened_at)
            _close_quietly(conn)  # report each leak once, here, not again when it is collected
    _live.clear()
    for conn, opened_at in _pg_opened:
        if not conn.closed:
            leaked.append(opened_at)
            conn.close()
    _pg_opened.clear()
    if leaked:
        raise AssertionError(
            f"{len(leaked)} database connection(s) not closed (close it, or dispose the engine); opened at:\n"
            + "\n".join(leaked)
        )
    return result

"""Pytest plugin: a test fails if it leaves a SQLite connection open (issue 18).

Python 3.13 warns when a sqlite3 connection is garbage-collected unclosed, but a connection caught in a reference
cycle is collected whenever the collector runs, so that warning lands on whichever later test is running, and older
Pythons say nothing at all. Here every connection opened while a test runs (raw sqlite3 and SQLAlchemy's alike:
both go through sqlite3.connect) remembers where it was opened; one freed while still open, or still open once the
test's fixtures are torn down, fails that test with that place, on every Python version.
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


def _connect(*args, **kwargs):
    kwargs.setdefault("factory", _TrackedConnection)
    conn = _real_connect(*args, **kwargs)
    if isinstance(conn, _TrackedConnection):
        frames = [f for f in traceback.extract_stack()[:-1] if not any(s in f.filename for s in _FRAMEWORK)]
        conn.opened_at = "".join(traceback.format_list(frames[-8:]))
        _live.add(conn)
    return conn


def _close_quietly(conn: sqlite3.Connection) -> None:
    try:
        conn.close()
    except sqlite3.ProgrammingError:  # opened on another thread: it cannot be closed from here
        conn.opened_at = ""


def pytest_configure(config: pytest.Config) -> None:
    # SQLAlchemy's pysqlite dialect calls sqlite3.dbapi2.connect, our code sqlite3.connect: patch both.
    sqlite3.connect = sqlite3.dbapi2.connect = _connect


def pytest_unconfigure(config: pytest.Config) -> None:
    sqlite3.connect = sqlite3.dbapi2.connect = _real_connect


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
    if leaked:
        raise AssertionError(
            f"{len(leaked)} SQLite connection(s) not closed (close it, or dispose the engine); opened at:\n"
            + "\n".join(leaked)
        )
    return result

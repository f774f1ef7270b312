"""The database stops answering while a window is open (a PostgreSQL server restarted, a failover, the network gone).
Seen by hand: saving then said only "Unexpected error (OperationalError). Details are in the log file.", though the
reason is known and harmless to show. The operator must read that the database did not answer and that nothing
changed."""

import socket

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from billing_desktop.ui.workers import describe


def refused_connection_error() -> OperationalError:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))  # a free port nobody listens on once closed: the connection is refused
    port = s.getsockname()[1]
    s.close()
    engine = create_engine(f"postgresql+psycopg://billing_app:not-shown-anywhere@127.0.0.1:{port}/billing")
    try:
        with pytest.raises(OperationalError) as caught, engine.connect() as c:
            c.execute(text("SELECT 1"))
    finally:
        engine.dispose()
    return caught.value


def test_a_database_that_does_not_answer_is_named_not_unexpected(qapp):
    said = describe(refused_connection_error())
    assert "Unexpected error" not in said
    assert "did not answer" in said and "Nothing was changed" in said
    assert "refused" in said.lower()  # the server's reason, first line
    assert "not-shown-anywhere" not in said and "postgresql+psycopg" not in said

"""A database password never goes on the command line, where every local user sees it in the process list
(docs/TEAM.md): a URL with one is refused before anything connects, and the message does not repeat it."""

import pytest


@pytest.mark.parametrize(
    "argv",
    [
        ["--database-url", "postgresql+psycopg://billing_app:hunter2-secret@db.example:5432/billing", "doctor"],
        ["--database-url", "postgresql://billing_app:hunter2-secret@db.example/billing", "tenants", "list"],
        ["db", "copy", "--to", "postgresql+psycopg://billing_app:hunter2-secret@db.example/billing"],
        ["db", "copy", "--to", "postgresql+psycopg://billing_app@db.example/billing?password=hunter2-secret"],
        ["db", "copy", "--to", "postgresql+psycopg://u@db.example/b", "--from", "postgresql://u:hunter2-secret@h/b"],
    ],
)
def test_a_password_in_a_database_url_argument_is_refused(run_cli, capsys, argv):
    with pytest.raises(SystemExit) as e:
        run_cli(argv)
    err = capsys.readouterr().err
    assert e.value.code == 2
    assert "password" in err and "PGPASSWORD" in err
    assert "hunter2-secret" not in err and "Traceback" not in err


def test_a_url_without_a_password_is_accepted(run_cli):
    code, out, _ = run_cli(["--database-url", "postgresql+psycopg://billing_app@127.0.0.1:1/billing", "doctor"])
    assert code == 1 and "database unreadable" in out  # nothing listens on port 1: it tried, as asked

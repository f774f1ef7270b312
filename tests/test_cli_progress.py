"""Progress on a terminal redraws one line (a real carriage return); stored text still never reaches the terminal
with one, and a piped run gets no progress noise."""

import io
import sys

from billing_desktop.cli import io as cli_io


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_redraws_in_place_on_a_terminal(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with cli_io.terminal_safe_output():
        cli_io.progress("re-keying 1/2 secrets")
        cli_io.progress("re-keying 2/2 secrets for Evil\rAcme")  # a stored name may still not move the cursor
        cli_io.end_progress()
        print("done", file=sys.stderr)
    assert terminal.getvalue() == "\rre-keying 1/2 secrets\rre-keying 2/2 secrets for Evil\\x0dAcme\ndone\n"


def test_no_progress_when_stderr_is_not_a_terminal(monkeypatch):
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    with cli_io.terminal_safe_output():
        cli_io.progress("re-keying 1/2 secrets")
        cli_io.end_progress()
    assert piped.getvalue() == ""


def test_backup_and_rekey_progress_are_not_escaped_on_a_terminal(monkeypatch):
    from billing_desktop.cli import backup_commands, team_commands

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with cli_io.terminal_safe_output():
        backup_commands._progress("backing up")(1, 2)
        team_commands._rekey_progress(3, 4)
    assert terminal.getvalue() == "\rbacking up  50%\rre-keying 3/4 secrets"

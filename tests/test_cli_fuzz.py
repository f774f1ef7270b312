"""Every CLI command driven with generated arguments — empty, huge, control and bidi characters, undecodable
bytes, NaN/inf/negative numbers, bad JSON, odd paths: never a traceback, an exit code in {0, 1, 2, 3}, and done
within a bound. Runs main() in-process against a real SQLite file and the real Secret Service.

How many cases: 500 where CI is set (the issue's floor), 120 in a developer's run (about a minute), any number with
BILLING_DESKTOP_FUZZ_CASES=N (a deeper run: BILLING_DESKTOP_FUZZ_CASES=5000 scripts/test.sh tests/test_cli_fuzz.py).
The examples are derandomized: the same N cases every run, so a failure reproduces.

Left out: the GUI (a command line that would open it is skipped), and `db connect|status|copy` (they dial a team
database server by the host they are given).
Stripe commands run with the platform's Stripe settings unset and Stripe's base addresses pointed at a closed
loopback port, so none of them can reach the network."""

import functools
import io
import os
import signal
import time

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from billing_desktop.cli.main import main
from tests.conftest import fast_hasher, free_port
from tests.test_cli import OP, OP_PW, OWNER_PW

CASES = int(os.environ.get("BILLING_DESKTOP_FUZZ_CASES") or (500 if os.environ.get("CI") else 120))
BOUND = 30.0  # seconds one command may take


def closed_port() -> int:
    return free_port()  # bound and released: refused until some other test happens to take it


NASTY = st.sampled_from(
    [
        "",
        " ",
        "acme",
        "-",
        "--",
        "\x1b[31mred\x1b[0m",
        "A\u202eB",
        "\u2066x\u2069",
        "x\x00y",
        "\x9b",
        "é" * 300,
        "x" * 20000,
        b"\xff\xfe".decode("utf-8", "surrogateescape"),
        "nan",
        "NaN",
        "inf",
        "-inf",
        "-1",
        "0",
        "1e400",
        "99999999999999999999",
        "2.555",
        "{",
        "[]",
        '{"a": NaN}',
        "[" * 5000,
        '{"a":' * 50 + "1" + "}" * 50,
        '{"ok": true}',
        "https://hooks.example/x",
        "http://127.0.0.1:9/x",
        "https://[::1/x",
        "javascript:alert(1)",
        "https://169.254.169.254/latest",
        "owner@acme.example",
        "a@b",
        "t=1,v1=00",
        "Stripe-Signature: t=1,v1=00",
        "sk_test_" + "A" * 40,
        "acct_1234567890",
        "/",
        "/dev/null",
        "/no/such/path",
        ".",
    ]
)
TEXT = st.one_of(NASTY, st.text(max_size=40))
PATHS = st.one_of(st.sampled_from(["/dev/null", "/no/such/file", ".", "FIFO", "DIR", "LATIN1", "JSON"]), TEXT)
SLUG = st.one_of(st.just("acme"), TEXT)

# (command words, [(option or None for a positional, values)], flags)
COMMANDS = [
    (["tenants", "list"], [], ["--json"]),
    (["tenants", "show"], [(None, SLUG)], ["--json"]),
    (
        ["tenants", "register"],
        [("--company", TEXT), ("--email", TEXT), ("--fee", TEXT), ("--domain", TEXT), ("--tier", TEXT)],
        ["--json"],
    ),
    (
        ["tenants", "update"],
        [
            (None, SLUG),
            ("--company-name", TEXT),
            ("--email", TEXT),
            ("--fee", TEXT),
            ("--branding", TEXT),
            ("--metadata", TEXT),
            ("--tier", TEXT),
            ("--domain", TEXT),
        ],
        ["--json"],
    ),
    (["tenants", "deactivate"], [(None, TEXT), ("--reason", TEXT)], ["--yes"]),
    (["users", "add"], [("--tenant", SLUG), ("--email", TEXT), ("--role", TEXT), ("--first-name", TEXT)], []),
    (["users", "list"], [("--tenant", SLUG)], ["--json"]),
    (["keys", "list"], [(None, SLUG)], ["--json"]),
    (["keys", "regenerate"], [(None, SLUG), ("--env", TEXT), ("--grace", TEXT)], ["--yes"]),
    (["keys", "revoke"], [(None, TEXT), ("--env", TEXT), ("--reason", TEXT)], ["--yes"]),
    (["keys", "inspect"], [(None, TEXT)], ["--json"]),
    (["keys", "scan"], [(None, PATHS)], ["--json"]),
    (
        ["webhooks", "set"],
        [(None, SLUG), ("--url", TEXT), ("--events", TEXT), ("--scheme", TEXT)],
        ["--allow-private"],
    ),
    (["webhooks", "show"], [(None, SLUG)], ["--json"]),
    (["webhooks", "log"], [(None, SLUG)], ["--json"]),
    (["webhooks", "roll-secret"], [(None, TEXT), ("--overlap", TEXT)], []),
    (["webhooks", "test"], [(None, SLUG), ("--event-type", TEXT), ("--payload-file", PATHS)], ["--json"]),
    (["webhooks", "verify"], [("--header", TEXT), ("--payload-file", PATHS), ("--tenant", SLUG)], []),
    (["webhooks", "remove"], [(None, TEXT)], ["--yes"]),
    (["webhooks", "reveal-secret"], [(None, SLUG)], ["--json"]),
    (["webhooks", "resend"], [(None, SLUG), (None, st.one_of(TEXT, st.just("1")))], ["--until-delivered", "--json"]),
    (["stripe", "status"], [(None, SLUG)], ["--json", "--refresh"]),
    (["stripe", "connect"], [(None, SLUG), ("--timeout", TEXT)], ["--no-browser"]),
    (["stripe", "onboard"], [(None, SLUG), ("--type", TEXT), ("--country", TEXT), ("--timeout", TEXT)], []),
    (["stripe", "disconnect"], [(None, SLUG)], ["--yes"]),
    (["stripe", "sync"], [], ["--json"]),
    (["stripe", "requirements"], [(None, SLUG)], ["--offline", "--json"]),
    (["stripe", "capabilities"], [(None, SLUG), ("--request", TEXT)], ["--offline"]),
    (["stripe", "balance"], [(None, SLUG)], ["--offline"]),
    (["stripe", "payouts"], [(None, SLUG), ("--status", TEXT)], ["--offline"]),
    (["stripe", "update-link"], [(None, SLUG)], ["--no-browser"]),
    (["stripe", "dashboard"], [(None, SLUG)], ["--no-browser"]),
    (["platform", "set-stripe"], [("--client-id", TEXT), ("--port", TEXT), ("--relay-url", TEXT)], []),
    (["platform", "set-webhook-secret"], [], []),
    (["platform", "show-stripe"], [], ["--json"]),
    (["fees"], [("--tenant", SLUG), ("--since", TEXT), ("--until", TEXT), ("--csv", PATHS)], ["--offline"]),
    (["disputes"], [("--tenant", SLUG)], ["--offline"]),
    (["payouts"], [("--status", TEXT)], ["--offline", "--json"]),
    (["attention"], [], ["--json"]),
    (["keys", "repair"], [], []),
    (["team", "status"], [], ["--json"]),
    (["team", "grant"], [(None, TEXT), ("--fingerprint", TEXT)], []),
    (["init"], [("--email", TEXT), ("--first-name", TEXT)], []),
    (["doctor"], [], ["--json"]),
    ([], [(None, TEXT)], ["--help"]),
]


def _opens_the_gui(argv: list[str]) -> bool:
    """No command (or `gui`, --self-test, --qt-probe) starts the GUI's event loop: not a command line to fuzz."""
    import contextlib

    from billing_desktop.cli.main import build_parser

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            args = build_parser().parse_args(argv)
        except SystemExit:  # a usage error or --help: main() answers it without a window
            return False
    return args.command in (None, "gui") or bool(args.qt_probe or args.self_test)


class Hung(BaseException):
    """Raised by the alarm; a BaseException, so no `except Exception` in the code under test swallows it."""


def _hung(*_args):
    raise Hung


@st.composite
def command_lines(draw):
    words, slots, flags = draw(st.sampled_from(COMMANDS))
    argv = list(words)
    for option, values in slots:
        if draw(st.integers(0, 3)) == 0:
            continue  # left out: a missing required option must be reported too
        value = draw(values)
        argv += [value] if option is None else [option, value]
    argv += [f for f in flags if draw(st.booleans())]
    if draw(st.integers(0, 9)) == 0:
        argv.insert(draw(st.integers(0, len(argv))), draw(TEXT))  # a stray word anywhere
    return argv


@pytest.fixture
def world(run_cli, home, tmp_path, monkeypatch):
    from billing_desktop.services import bootstrap, doctor
    from billing_desktop.services.context import AppContext

    # The production hasher costs ~0.2 s per sign-in; the cases test input handling, not argon2.
    monkeypatch.setattr(bootstrap, "AppContext", functools.partial(AppContext, hasher=fast_hasher()))
    monkeypatch.setattr(doctor, "qt_platform", lambda: "offscreen (probed)")
    assert run_cli(["init", "--email", OP], stdin=OP_PW + "\n")[0] == 0
    argv = ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"]
    assert run_cli(argv, stdin=OWNER_PW + "\n", env={"BILLING_DESKTOP_PASSWORD": OP_PW})[0] == 0
    files = {"FIFO": tmp_path / "fifo", "DIR": tmp_path, "LATIN1": tmp_path / "l1.json", "JSON": tmp_path / "p.json"}
    os.mkfifo(files["FIFO"])
    files["LATIN1"].write_bytes('{"n": "Café"}'.encode("latin-1"))
    files["JSON"].write_text('{"id": "evt_1"}')
    monkeypatch.setenv("BILLING_DESKTOP_PASSWORD", OP_PW)
    monkeypatch.chdir(tmp_path)  # relative paths (fees --csv " ") land here, not in the checkout
    closed = f"http://127.0.0.1:{closed_port()}"  # nothing listens: a Stripe call fails at once, offline
    monkeypatch.setenv("BILLING_DESKTOP_STRIPE_API_BASE", closed)
    monkeypatch.setenv("BILLING_DESKTOP_STRIPE_CONNECT_BASE", closed)
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: False)  # never a real browser
    # `webhooks resend --until-delivered` waits 5 s, 30 s, 2 min, 10 min by design; the cases test input handling.
    monkeypatch.setattr("billing_desktop.services.webhook_delivery.BACKOFF", (0.01, 0.01, 0.01, 0.01))
    monkeypatch.setenv("BILLING_DESKTOP_NEW_PASSWORD", OWNER_PW)
    return {k: str(v) for k, v in files.items()}


@settings(
    max_examples=CASES,
    deadline=None,
    derandomize=True,
    # No shrinking: a failing case already reports its argv, and shrinking a hang would wait out the bound again
    # for every smaller try.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(argv=command_lines())
def test_no_command_line_gives_a_traceback(world, cli_vault, capsys, monkeypatch, argv):
    argv = [world.get(a, a) for a in argv]
    assume(not _opens_the_gui(argv))
    monkeypatch.setattr("sys.stdin", io.StringIO(OWNER_PW + "\n"))
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.setitimer(signal.ITIMER_REAL, BOUND)  # a hang fails this case with its argv, not the whole run
    try:
        code = main(argv, vault=cli_vault)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
        code = exc.code
    except Hung:
        pytest.fail(f"no answer within {BOUND} s: {argv!r}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out, (argv, err)
    assert code in (0, 1, 2, 3), (argv, code, err)
    assert elapsed < BOUND, (argv, elapsed)

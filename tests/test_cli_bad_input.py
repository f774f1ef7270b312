"""Bad input on the command line: a clear message on stderr, exit 1 or 2, nothing lost — never a traceback or a
hang."""

import os
import socket
import sqlite3
import time
from contextlib import closing

import pytest

from billing_desktop.domain.webhooks import stripe_signature
from tests.test_cli import OP, OP_PW, OWNER_PW

AUTH = {"BILLING_DESKTOP_PASSWORD": OP_PW}


@pytest.fixture
def acme(run_cli, home):
    assert run_cli(["init", "--email", OP], stdin=OP_PW + "\n")[0] == 0
    argv = ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"]
    assert run_cli(argv, stdin=OWNER_PW + "\n", env=AUTH)[0] == 0
    code, _, err = run_cli(["webhooks", "set", "acme", "--url", "http://127.0.0.1:9/x", "--allow-private"], env=AUTH)
    assert code == 0, err
    return home


def _clean(err):
    assert "Traceback" not in err, err


@pytest.mark.parametrize("kind", ["missing", "folder", "latin1", "fifo"])
def test_webhooks_test_payload_file_problems(acme, run_cli, tmp_path, kind):
    path = tmp_path / "payload.json"
    if kind == "folder":
        path.mkdir()
    elif kind == "latin1":
        path.write_bytes('{"name": "Café"}'.encode("latin-1"))
    elif kind == "fifo":
        os.mkfifo(path)
    started = time.monotonic()
    code, _, err = run_cli(["webhooks", "test", "acme", "--payload-file", str(path)], env=AUTH)
    assert code == 2 and "payload_file" in err, err
    assert time.monotonic() - started < 30  # a FIFO with no writer does not block
    _clean(err)


@pytest.mark.parametrize(
    "value,message",
    [
        ("[" * 100000 + "]" * 100000, "Nested too deeply"),
        ('{"a":' * 5000 + "1" + "}" * 5000, "Nested too deeply"),
        ('{"a":' * 30 + "1" + "}" * 30, "Nested too deeply"),
        ('{"x": NaN}', "NaN is not a number"),
        ('{"x": Infinity}', "Infinity is not a number"),
        ('{"x": -Infinity}', "-Infinity is not a number"),
    ],
)
def test_branding_and_metadata_refuse_deep_nesting_and_non_finite_numbers(acme, run_cli, value, message):
    for option in ("--branding", "--metadata"):
        code, _, err = run_cli(["tenants", "update", "acme", option, value], env=AUTH)
        assert code == 2 and message in err, err
        _clean(err)


def test_an_argument_that_is_not_utf8(run_cli):
    bad = b"Acme \xff\xfe".decode("utf-8", "surrogateescape")
    code, _, err = run_cli(["tenants", "register", "--company", bad, "--email", "a@b.example"])
    assert code == 2 and "argument 4 is not valid UTF-8" in err


def test_a_bidi_override_in_a_webhook_host(acme, run_cli):
    code, _, err = run_cli(["webhooks", "set", "acme", "--url", "https://evil\u202e.example/x"], env=AUTH)
    assert code == 2 and "control characters" in err
    assert "\u202e" not in err


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "1e400"])
def test_stripe_connect_timeout_must_be_a_finite_positive_number(run_cli, value):
    with pytest.raises(SystemExit) as e:
        run_cli(["stripe", "connect", "acme", "--timeout", value])
    assert e.value.code == 2


def test_keys_scan_of_a_fifo_and_of_a_missing_path(acme, run_cli, tmp_path):
    tmp_path = tmp_path / "scan"
    tmp_path.mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "notes.txt").write_text("nothing here\n")
    started = time.monotonic()
    code, out, err = run_cli(["keys", "scan", str(tmp_path)], env=AUTH)
    assert code == 0 and "1 skipped" in out, err  # the FIFO is skipped, not read
    code, out, err = run_cli(["keys", "scan", str(fifo)], env=AUTH)
    assert code == 0 and "1 skipped" in out, err
    assert time.monotonic() - started < 60
    code, out, err = run_cli(["keys", "scan", str(tmp_path / "no-such-file")], env=AUTH)
    assert code == 2 and "No such file or folder" in err and "0 found" not in out
    (tmp_path / "notes.txt").write_text("account acct_1234567890AB\n")  # an id alone is information
    code, out, err = run_cli(["keys", "scan", str(tmp_path / "notes.txt")], env=AUTH)
    assert code == 0 and "1 found" in out, err


def test_stored_control_characters_are_escaped_when_printed(acme, run_cli):
    """A name stored before validation refused them (or written by another tool) is shown, not obeyed."""
    db = acme / "billing-desktop.sqlite3"
    with closing(sqlite3.connect(db)) as conn, conn:  # the second `with` commits, closing() closes
        conn.execute("UPDATE tenants SET company_name = ? WHERE slug = 'acme'", ("Acme\x1b[2J\u202eInc",))
    for argv in (["tenants", "list"], ["tenants", "show", "acme"]):
        code, out, err = run_cli(argv, env=AUTH)
        assert code == 0, err
        assert "\x1b" not in out and "\u202e" not in out
        assert "Acme\\x1b[2J\\u202eInc" in out


def test_verify_accepts_the_stripe_signature_header_name(run_cli, tmp_path):
    secret = "whsec_" + "A" * 44
    body = b'{"id": "evt_1"}'
    ts = int(time.time())
    (tmp_path / "body.json").write_bytes(body)
    header = f"Stripe-Signature: t={ts},v1={stripe_signature(secret, ts, body)}"
    argv = ["webhooks", "verify", "--header", header, "--payload-file", str(tmp_path / "body.json")]
    code, out, err = run_cli(argv, stdin=secret + "\n")
    assert code == 0 and out.strip() == "Valid signature.", err


def test_oauth_listener_survives_a_connection_that_sends_nothing(capfd, monkeypatch):
    from billing_desktop.connect import listener
    from billing_desktop.services.connect_attempt import ConnectAttempt

    monkeypatch.setattr(listener._Handler, "timeout", 0.3)
    attempt = ConnectAttempt(0, "/stripe/callback", lambda q: {"code": q.get("code")})
    attempt.start()
    try:
        with socket.create_connection(("127.0.0.1", attempt.port), timeout=5) as s:
            s.settimeout(5)
            assert s.recv(100) == b""  # dropped after the timeout, without an answer
        time.sleep(0.2)
    finally:
        attempt.listener.close()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "AttributeError" not in err, err


@pytest.mark.parametrize(
    "argv",
    [
        ["webhooks", "test", "acme", "--payload-file", "p\x00.json"],
        ["fees", "--offline", "--csv", "out\x00.csv"],
    ],
)
def test_a_path_with_a_nul_character_is_bad_input(acme, run_cli, argv):
    """Found by the fuzz: os.open and open() raise ValueError for a NUL in a path; one line, exit 2."""
    code, _, err = run_cli(argv, env=AUTH)
    assert code == 2 and "NUL character" in err, err
    _clean(err)


def test_rolling_a_webhook_secret_without_overlap_asks_first(acme, run_cli):
    """No overlap breaks the tenant's receiver at once: like `webhooks remove`, it needs --yes (or a typed y)."""
    _, before, _ = run_cli(["webhooks", "show", "acme"], env=AUTH)
    code, _, err = run_cli(["webhooks", "roll-secret", "acme", "--overlap", "none"], env=AUTH)
    assert code == 1 and "--yes" in err
    assert run_cli(["webhooks", "show", "acme"], env=AUTH)[1] == before  # nothing rolled
    code, out, err = run_cli(["webhooks", "roll-secret", "acme", "--overlap", "none", "--yes"], env=AUTH)
    assert code == 0 and "New signing secret" in out, err
    code, out, err = run_cli(["webhooks", "roll-secret", "acme"], env=AUTH)  # 24 h overlap: nothing breaks
    assert code == 0 and "New signing secret" in out, err
    assert "also verifies until" in out and "(2 valid secrets)" in out
    code, out, err = run_cli(["webhooks", "roll-secret", "acme", "--overlap", "1h"], env=AUTH)  # during the overlap
    assert code == 0 and out.count("also verifies until") == 1, out  # the older one stopped: never three
    shown = run_cli(["webhooks", "show", "acme"], env=AUTH)[1]
    assert shown.count("secret: ") == 2 and shown.count("valid until") == 1, shown


def test_fees_csv_onto_a_link_a_device_or_a_folder_is_refused(acme, run_cli, tmp_path):
    """`fees --csv FILE` replaces a regular file whole (a rename: never half a file); a symlink planted at the name in
    a shared folder is refused instead of followed onto its target, and so are devices, FIFOs and folders."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "fees.csv"
    link.symlink_to(victim)
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    for target, why in ((link, "symbolic link"), (fifo, "not a regular file"), ("/dev/null", "not a regular file"),
                        (tmp_path, "folder")):  # fmt: skip
        code, _, err = run_cli(["fees", "--offline", "--csv", str(target)], env=AUTH)
        assert code == 2 and f"error: csv: {target} is" in err and why in err, err
        _clean(err)
    assert victim.read_text() == "precious" and link.is_symlink()
    existing = tmp_path / "old.csv"
    existing.write_text("an older export")
    code, _, err = run_cli(["fees", "--offline", "--csv", str(existing)], env=AUTH)
    assert code == 0, err
    assert existing.read_text().startswith("tenant,fee_id,charge,created,currency,")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.parametrize("argv", [["keys", "inspect", "x"], ["tenants", "list"]])
def test_a_password_that_is_not_utf8_is_bad_input(acme, run_cli, argv):
    """Bytes that are not UTF-8 in BILLING_DESKTOP_PASSWORD: exit 2 and a line naming where, no traceback (the check
    raised UnicodeEncodeError, showing one of the password's bytes), and no failed attempt counted."""
    bad = (OP_PW.encode() + b"\xff").decode("utf-8", "surrogateescape")
    code, _, err = run_cli(argv, env={"BILLING_DESKTOP_PASSWORD": bad})
    assert code == 2 and "error: BILLING_DESKTOP_PASSWORD: not valid UTF-8 text" in err, err
    assert "\\udcff" not in err and "Traceback" not in err
    assert run_cli(["keys", "inspect", "x"], env=AUTH)[0] == 1  # signs in: not a key, and no lock

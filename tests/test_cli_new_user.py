"""What a new user of the command line ran into (issue 11): the signing secret, resending a failed delivery, a key
of a deactivated tenant, Connect client ids with underscores, a browser that cannot start, `--type` that does not
apply, a disconnect that cannot reach Stripe. Real SQLite file, real Secret Service, real HTTP servers on 127.0.0.1."""

import json
import os
import signal
import subprocess
import sys
import time
import webbrowser
from pathlib import Path

import pytest

from billing_desktop.domain.webhooks import verify
from tests.support.receiver import Receiver
from tests.test_cli import OP_PW, OWNER_PW
from tests.test_cli import initialised as initialised  # a fixture, used by name
from tests.test_cli_connect import cli as cli  # a fixture, used by name

AUTH = {"BILLING_DESKTOP_PASSWORD": OP_PW}


@pytest.fixture
def hooked(run_cli, initialised, capsys):
    """Tenant `acme` with a webhook endpoint (Standard Webhooks) on a receiver at 127.0.0.1."""
    receiver = Receiver()
    run_cli(
        ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"], stdin=OWNER_PW + "\n", env=AUTH
    )
    argv = ["webhooks", "set", "acme", "--url", receiver.url, "--allow-private", "--scheme", "standard"]
    code, _, err = run_cli(argv, env=AUTH)
    assert code == 0, err

    def go(*argv, expect=0, env=AUTH, stdin=""):
        try:
            code, out, err = run_cli(list(argv), env=env, stdin=stdin)
        except SystemExit as exc:  # argparse's usage error, as the process would exit
            code, (out, err) = exc.code, capsys.readouterr()
        assert code == expect, (code, out, err)
        assert "Traceback" not in err
        return out, err

    go.receiver = receiver
    yield go
    receiver.close()


def test_reveal_secret_gives_the_receiver_the_secret_that_signs(hooked):
    out, _ = hooked("webhooks", "test", "acme", "--json")
    assert json.loads(out)["status_code"] == 200
    out, _ = hooked("webhooks", "reveal-secret", "acme")
    secret = out.strip()
    assert secret.startswith("whsec_")
    _, headers, body = hooked.receiver.requests[-1]
    check = verify(headers, body, [secret], int(time.time()))
    assert check.valid, check.message  # the receiver can check deliveries with what the CLI printed
    assert json.loads(hooked("webhooks", "reveal-secret", "acme", "--json")[0]) == {"secret": secret}
    _, err = hooked("webhooks", "reveal-secret", "acme", expect=3, env={"BILLING_DESKTOP_PASSWORD": "wrong-password1"})
    assert secret not in err
    out, _ = hooked("webhooks", "show", "acme")
    assert secret not in out  # show stays masked
    log = Path(os.environ["BILLING_DESKTOP_HOME"]) / "logs"
    for f in log.rglob("*") if log.exists() else []:
        assert secret not in f.read_text(errors="replace")  # never logged


def _failed_delivery(hooked) -> int:
    hooked.receiver.responses = [(503, {}, b"down")]
    out, _ = hooked("webhooks", "test", "acme", "--json", expect=1)
    delivery = json.loads(out)
    assert delivery["outcome"] == "http_error"
    return delivery["id"]


def test_resend_keeps_the_webhook_id_and_shows_in_the_log(hooked):
    delivery_id = _failed_delivery(hooked)
    out, _ = hooked("webhooks", "log", "acme")
    assert out.splitlines()[0].split()[0] == "ID" and out.splitlines()[1].split()[0] == str(delivery_id)
    out, _ = hooked("webhooks", "resend", "acme", str(delivery_id))
    assert out.strip().startswith("attempt 2: ok: 200")
    first, again = (headers["webhook-id"] for _, headers, _ in hooked.receiver.requests)
    assert first == again
    _, err = hooked("webhooks", "resend", "acme", "999999", expect=1)
    assert "No such delivery for this tenant" in err
    _, err = hooked("webhooks", "resend", "acme", "-3", expect=2)
    assert "not a delivery id" in err


def test_resend_of_another_tenants_delivery_is_refused(hooked):
    delivery_id = _failed_delivery(hooked)
    hooked("tenants", "register", "--company", "Globex", "--email", "owner@globex.example", stdin=OWNER_PW + "\n")
    _, err = hooked("webhooks", "resend", "globex", str(delivery_id), expect=1)
    assert "No such delivery for this tenant" in err
    assert len(hooked.receiver.requests) == 1


def test_resend_until_delivered_follows_retry_after(hooked):
    delivery_id = _failed_delivery(hooked)
    # Two more refusals, each asking to come back at once; then the receiver accepts.
    hooked.receiver.responses = [(503, {"Retry-After": "0"}, b"busy"), (429, {"Retry-After": "0"}, b"slow")]
    started = time.monotonic()
    out, err = hooked("webhooks", "resend", "acme", str(delivery_id), "--until-delivered")
    assert time.monotonic() - started < 10  # Retry-After: 0 was honoured, not the 5 s / 30 s schedule
    assert [line.split(":")[0] for line in out.splitlines()] == ["attempt 2", "attempt 3", "attempt 4"]
    assert out.splitlines()[-1].startswith("attempt 4: ok: 200")
    assert "Attempt 3 in 0 s" in err
    ids = {headers["webhook-id"] for _, headers, _ in hooked.receiver.requests}
    assert len(hooked.receiver.requests) == 4 and len(ids) == 1


def test_resend_until_delivered_stops_at_a_final_refusal(hooked):
    delivery_id = _failed_delivery(hooked)
    hooked.receiver.responses = [(400, {}, b"bad request")]
    out, err = hooked("webhooks", "resend", "acme", str(delivery_id), "--until-delivered", expect=1)
    assert out.strip().startswith("attempt 2: http_error: 400") and "not retryable" in err
    assert len(hooked.receiver.requests) == 2


def test_ctrl_c_stops_resend_until_delivered_cleanly(hooked, tmp_path):
    """A real process: the receiver keeps refusing, Ctrl+C arrives during the 5 s back-off."""
    delivery_id = _failed_delivery(hooked)
    hooked.receiver.responses = [(503, {}, b"down")] * 5
    env = {**os.environ, **AUTH}
    proc = subprocess.Popen(
        [sys.executable, "-m", "billing_desktop", "webhooks", "resend", "acme", str(delivery_id), "--until-delivered"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while len(hooked.receiver.requests) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(hooked.receiver.requests) == 2  # the resend went out; now it waits 5 s
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=5)  # stops within the 0.2 s wait step, not after 5 s
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert "Stopped: no further attempts" in err and out.startswith("attempt 2: http_error: 503")
    assert len(hooked.receiver.requests) == 2
    log = json.loads(hooked("webhooks", "log", "acme", "--json")[0])
    assert [d["attempt"] for d in log] == [2, 1]  # the attempt made before Ctrl+C is in the log


def test_keys_inspect_on_a_deactivated_tenant_says_so(run_cli, initialised):
    run_cli(
        ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"], stdin=OWNER_PW + "\n", env=AUTH
    )
    code, out, _ = run_cli(["keys", "regenerate", "acme", "--env", "test", "--yes", "--json"], env=AUTH)
    assert code == 0
    key = next(k["key"] for k in json.loads(out) if k["kind"] == "secret")
    code, out, _ = run_cli(["keys", "inspect", key], env=AUTH)
    assert code == 0 and "active" in out and "deactivated" not in out
    code, _, err = run_cli(["tenants", "deactivate", "acme", "--yes"], env=AUTH)
    assert code == 0, err
    code, out, _ = run_cli(["keys", "inspect", key], env=AUTH)
    assert code == 1 and "the tenant is deactivated, so the key is refused" in out
    code, out, _ = run_cli(["keys", "inspect", key, "--json"], env=AUTH)
    assert code == 1 and json.loads(out)["tenant_active"] is False


def test_set_stripe_accepts_a_client_id_with_underscores(run_cli, initialised):
    argv = ["platform", "set-stripe", "--client-id", "ca_test_holdout"]
    code, out, err = run_cli(argv, stdin="sk_test_" + "a" * 24 + "\n", env=AUTH)
    assert code == 0, err
    code, out, _ = run_cli(["platform", "show-stripe"], env=AUTH)
    assert "client id: ca_test_holdout" in out


def test_connect_says_when_no_browser_could_start(cli, monkeypatch):
    cli.fake.connected.discard(cli.account["id"])
    cli("stripe", "disconnect", "acme", "--yes")
    monkeypatch.setenv("BROWSER", "/no/such/browser %s")
    # The command runs in this process, where webbrowser remembers the browsers it found for an earlier test:
    # make it look again, as a fresh `billing-desktop` process would.
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    started = time.monotonic()
    out, err = cli("stripe", "connect", "acme", "--timeout", "2", expect=1)
    assert "Could not start a web browser. Open the address above by hand" in err
    assert out.splitlines()[0].startswith(cli.fake.base + "/oauth/authorize?")
    assert time.monotonic() - started < 15


def test_onboard_type_that_does_not_apply_is_said(cli):
    # Then it waits (no browser here) and times out.
    _, err = cli("stripe", "onboard", "acme", "--type", "standard", "--no-browser", "--timeout", "1", expect=1)
    assert f"The account type standard is ignored: the tenant already has account {cli.account['id']}" in err
    assert "connected with OAuth" in err
    _, err = cli("stripe", "onboard", "acme", "--no-browser", "--timeout", "1", expect=1)
    assert "ignored" not in err


def test_disconnect_that_cannot_reach_stripe_keeps_the_record(cli):
    cli.fake.close()
    _, err = cli("stripe", "disconnect", "acme", "--yes", expect=1)
    assert "Could not reach Stripe" in err
    assert f"the local record of {cli.account['id']} and its tokens were kept" in err
    out, _ = cli("stripe", "status", "acme")
    assert "state: pending" in out and cli.account["id"] in out


def test_keys_scan_reads_binary_and_utf16_files(run_cli, initialised, tmp_path):
    from billing_desktop.domain.keys import Kind, generate

    tmp_path = tmp_path / "tree"  # not the data folder beside it
    tmp_path.mkdir()
    stripe_key, ours = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", generate(Kind.SECRET, "live")
    blob = b"\x7fELF\x00\x01" * 100 + b"\x00 " + stripe_key.encode() + b"\x00\xff"
    (tmp_path / "app.bin").write_bytes(blob)
    (tmp_path / ".env").write_bytes(f"# saved by Notepad\r\nKEY={ours}\r\n".encode("utf-16"))
    code, out, _ = run_cli(["keys", "scan", str(tmp_path)], env=AUTH)
    assert code == 1  # a secret was found
    lines = sorted(out.splitlines()[:-1])
    assert lines[0].startswith(f"{tmp_path / '.env'}:2: sk_live_") and "not issued here" in lines[0]
    assert lines[1].startswith(f"{tmp_path / 'app.bin'} (byte {blob.index(b'sk_live_')}): sk_live_")
    assert "Stripe secret API key" in lines[1]
    assert out.splitlines()[-1] == "2 found in 2 files (0 skipped)."
    findings = json.loads(run_cli(["keys", "scan", str(tmp_path), "--json"], env=AUTH)[1])["findings"]
    assert {(f["line"], f["offset"]) for f in findings} == {(2, None), (0, blob.index(b"sk_live_"))}


def test_keys_scan_of_account_ids_alone_is_information(run_cli, initialised, tmp_path):
    tmp_path = tmp_path / "tree"
    tmp_path.mkdir()
    (tmp_path / "notes.txt").write_text("account acct_1Nv0FGQ9RKHgCVdK and client ca_Abcdefgh12345678xyz\n")
    code, out, _ = run_cli(["keys", "scan", str(tmp_path)], env=AUTH)
    assert code == 0 and "Stripe account ID (not a secret)" in out and "2 found" in out

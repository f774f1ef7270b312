"""Backups and the recovery key on real SQLite files: round trip, tamper, truncation, wrong and mistyped keys,
rotation, a backup taken while another process writes. The restore onto a new machine with an empty keyring, in
its own D-Bus session, is in tests/test_backup_e2e.py."""

import multiprocessing
import sqlite3

import pytest
from sqlalchemy import text

from billing_desktop.domain import recovery_key
from billing_desktop.errors import AppError, AuthenticationFailed, BackupDamaged, ValidationError
from billing_desktop.services import backup as backup_mod
from billing_desktop.services.restore import restore
from billing_desktop.vault import Vault
from tests.conftest import register
from tests.support.memory_keyring import MemoryKeyring
from tests.support.vault_helpers import sealed

SECRET_MARKERS = (b"whsec_", b"sk_test_", b"sk_live_")


@pytest.fixture
def recovery_text(services, operator):
    return services.recovery.create(operator).text


def test_recovery_key_format_catches_typos():
    secret = bytes(range(20))
    text = recovery_key.encode(secret)
    groups = text.split("-")
    assert len(groups) == 9 and all(len(g) == 4 for g in groups)
    assert recovery_key.decode(text) == secret
    assert recovery_key.decode(text.lower().replace("-", " ").replace("0", "o")) == secret
    for i in range(len(text)):  # every single-character substitution is caught by the check characters
        if text[i] == "-":
            continue
        other = "X" if text[i] != "X" else "Y"
        with pytest.raises(ValidationError) as exc:
            recovery_key.decode(text[:i] + other + text[i + 1 :])
        assert "recovery_key" in exc.value.fields
    with pytest.raises(ValidationError, match="36"):
        recovery_key.decode(text[:-5])
    with pytest.raises(ValidationError, match="'U'"):
        recovery_key.decode("U" + text[1:])


def test_backup_round_trip_into_fresh_data_dir_with_empty_keyring(services, operator, recovery_text, tmp_path):
    acme = register(services, operator, "Acme Inc", "owner@acme.example")
    services.webhooks.save(operator, acme.id, "http://127.0.0.1:9/in", ["invoice.paid"], allow_private=True)
    secrets_before = sealed(services)
    assert secrets_before
    (tmp_path / "out").mkdir()  # a folder: the file gets a dated name inside it
    result = services.backups.create(operator, tmp_path / "out")
    assert result.path.parent == tmp_path / "out" and result.path.suffix == ".bdbackup"
    raw = result.path.read_bytes()
    for value in secrets_before.values():
        assert value.encode() not in raw
    assert b"Acme" not in raw and b"acme.example" not in raw

    new_db = tmp_path / "new-machine" / "billing-desktop.sqlite3"
    fresh = Vault(MemoryKeyring())  # a new machine: nothing in its keyring
    report = restore(result.path, vault=fresh, recovery_text=recovery_text, database_file=new_db, run_doctor=False)
    assert report.counts["tenants"] == 1 and report.secrets_opened == len(secrets_before)
    assert report.operator == "op@platform.example" and report.kept_previous is None

    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.store.database import open_database
    from tests.conftest import fast_hasher

    engine = open_database(f"sqlite:///{new_db}")
    try:
        restored = Services(AppContext(engine=engine, vault=Vault(fresh.keyring._backend), hasher=fast_hasher()))
        assert sealed(restored) == secrets_before  # every secret opens with this machine's new operator key
        op = restored.auth.sign_in("op@platform.example", "operator-password-1")
        assert [t.company_name for t in restored.tenants.list(op)] == ["Acme Inc"]
        assert restored.recovery.status(op).fingerprint == services.recovery.status(operator).fingerprint
    finally:
        engine.dispose()


def test_verify_reports_contents_and_needs_a_key(services, operator, recovery_text, tmp_path):
    register(services, operator, "Acme Inc", "owner@acme.example")
    path = services.backups.create(operator, tmp_path / "b.bdbackup").path
    report = backup_mod.verify(path, Vault(MemoryKeyring()), recovery_text)
    assert report.counts["tenants"] == 1 and report.opened_with == "recovery key"
    assert report.secrets_opened == len(sealed(services))
    mine = backup_mod.verify(path, services.ctx.vault, None)  # this account's operator key opens it too
    assert mine.opened_with.startswith("operator key")
    with pytest.raises(AppError, match="recovery key"):
        backup_mod.verify(path, Vault(MemoryKeyring()), None)


def test_wrong_and_mistyped_recovery_keys_are_refused(services, operator, recovery_text, tmp_path):
    path = services.backups.create(operator, tmp_path / "b.bdbackup").path
    other = recovery_key.encode(bytes(20))
    with pytest.raises(AuthenticationFailed, match="does not open this backup"):
        backup_mod.verify(path, None, other)
    typo = ("X" if recovery_text[0] != "X" else "Y") + recovery_text[1:]
    with pytest.raises(ValidationError, match="mistyped"):
        backup_mod.verify(path, None, typo)


@pytest.mark.parametrize("where", ["header", "salt", "first chunk", "middle", "last byte"])
def test_a_flipped_byte_is_refused_and_changes_nothing(services, operator, recovery_text, tmp_path, where):
    for i in range(30):
        register(services, operator, f"Tenant {i}", f"owner{i}@t.example")
    path = services.backups.create(operator, tmp_path / "b.bdbackup").path
    data = bytearray(path.read_bytes())
    header_end = len(backup_mod.backup_file.MAGIC) + 4 + int.from_bytes(data[23:27], "big")
    at = {
        "header": 30,
        "salt": data.index(b'"salt"') + 12,
        "first chunk": header_end + 40,
        "middle": (header_end + len(data)) // 2,
        "last byte": len(data) - 1,
    }[where]
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    target = tmp_path / "new" / "billing-desktop.sqlite3"
    with pytest.raises(BackupDamaged):
        restore(path, vault=Vault(MemoryKeyring()), recovery_text=recovery_text, database_file=target)
    assert not target.exists() and not target.with_name(target.name + ".restoring").exists()


def test_truncated_and_foreign_files_are_refused(services, operator, recovery_text, tmp_path):
    path = services.backups.create(operator, tmp_path / "b.bdbackup").path
    data = path.read_bytes()
    for cut in (10, 40, len(data) // 2, len(data) - 1):
        path.write_bytes(data[:cut])
        with pytest.raises(BackupDamaged):
            backup_mod.verify(path, None, recovery_text)
    path.write_bytes(data + b"x")
    with pytest.raises(BackupDamaged, match="after its end"):
        backup_mod.verify(path, None, recovery_text)
    path.write_bytes(b"SQLite format 3\0" + b"\0" * 100)
    with pytest.raises(BackupDamaged, match="not a Billing Desktop backup"):
        backup_mod.verify(path, None, recovery_text)


def test_rotating_the_recovery_key_retires_the_old_one(services, operator, recovery_text, tmp_path):
    old_backup = services.backups.create(operator, tmp_path / "old.bdbackup").path
    with pytest.raises(ValidationError, match="exists already"):
        services.recovery.create(operator)
    new = services.recovery.create(operator, rotate=True)
    assert new.replaced and new.text != recovery_text
    new_backup = services.backups.create(operator, tmp_path / "new.bdbackup").path
    with pytest.raises(AuthenticationFailed, match="rotated"):
        backup_mod.verify(new_backup, None, recovery_text)
    assert backup_mod.verify(new_backup, None, new.text).opened_with == "recovery key"
    # A backup made before the rotation still opens with the key of its day (docs/SECURITY.md says so).
    assert backup_mod.verify(old_backup, None, recovery_text).opened_with == "recovery key"
    with pytest.raises(ValidationError, match="not the current one"):
        services.recovery.check(operator, recovery_text)
    assert services.recovery.status(operator).confirmed_at is None
    services.recovery.confirm_stored(operator, new.text)
    assert services.recovery.status(operator).confirmed_at is not None


def test_an_unconfirmed_recovery_key_is_only_its_makers_to_act_on(services, operator):
    """Only the operator who made it was shown it: the others are told, not asked (they cannot say it is stored)."""
    from tests.conftest import OPERATOR_PASSWORD

    services.users.add(operator, None, "bob@platform.example", OPERATOR_PASSWORD, "operator")
    bob = services.auth.sign_in("bob@platform.example", OPERATOR_PASSWORD)
    assert services.recovery.status(bob).yours_to_act_on  # none yet: any operator can create it
    services.recovery.create(operator)
    mine, his = services.recovery.status(operator), services.recovery.status(bob)
    assert mine.needs_attention and his.needs_attention
    assert mine.shown_to_you and mine.yours_to_act_on
    assert not his.shown_to_you and not his.yours_to_act_on and his.created_by == operator.email
    services.recovery.confirm_stored(operator)
    assert not services.recovery.status(bob).needs_attention and not services.recovery.status(bob).yours_to_act_on


def test_recovery_key_survives_a_revoke_rekey(services, operator, recovery_text, tmp_path):
    from billing_desktop.store.models import RecoveryKey, VaultState

    services.users.add(operator, None, "ben@platform.example", "operator-b-password-1", "operator")
    register(services, operator, "Acme Inc", "owner@acme.example")
    # Ben never joined, so revoking needs a key of his: publish one under a second in-memory keyring.
    other = Vault(MemoryKeyring())
    from billing_desktop.vault import members

    with services.ctx.db() as s, s.begin():
        ben = s.scalar(
            __import__("sqlalchemy")
            .select(__import__("billing_desktop.store.models").store.models.User.id)
            .where(__import__("billing_desktop.store.models").store.models.User.email == "ben@platform.example")
        )
        members.publish_key(other, s, ben, services.ctx.clock())
    services.team.revoke(operator, "ben@platform.example")
    with services.ctx.db() as s:
        assert s.get(VaultState, 1).generation == 2
        assert s.query(RecoveryKey).one().generation == 2
    path = services.backups.create(operator, tmp_path / "b.bdbackup").path
    assert backup_mod.verify(path, None, recovery_text).secrets_opened == len(sealed(services))


def test_restore_over_existing_data_asks_and_keeps_it(services, operator, recovery_text, tmp_path, db_file):
    register(services, operator, "Acme Inc", "owner@acme.example")
    path = services.backups.create(operator, tmp_path / "b.bdbackup").path
    register(services, operator, "Globex", "owner@globex.example")
    target = tmp_path / "other" / "billing-desktop.sqlite3"
    target.parent.mkdir()
    with sqlite3.connect(target) as c:
        c.execute("CREATE TABLE mine (x)")
    c.close()
    with pytest.raises(AppError, match="exists already"):
        restore(path, vault=Vault(MemoryKeyring()), recovery_text=recovery_text, database_file=target)
    report = restore(
        path,
        vault=Vault(MemoryKeyring()),
        recovery_text=recovery_text,
        database_file=target,
        replace=True,
        run_doctor=False,
    )
    assert report.kept_previous is not None and report.kept_previous.exists()
    with sqlite3.connect(report.kept_previous) as c:
        assert c.execute("SELECT name FROM sqlite_master").fetchall() == [("mine",)]
    c.close()
    assert report.counts["tenants"] == 1


@pytest.mark.parametrize("stop_at", ["decrypted", "migrated", "granted"])
def test_a_crash_at_any_step_leaves_the_old_data_and_a_retry_works(
    services, operator, recovery_text, tmp_path, stop_at
):
    register(services, operator, "Acme Inc", "owner@acme.example")
    path = services.backups.create(operator, tmp_path / "b.bdbackup").path
    target = tmp_path / "new" / "billing-desktop.sqlite3"
    keyring = MemoryKeyring()

    class CrashError(Exception):
        pass

    def step(name):
        if name == stop_at:
            raise CrashError

    with pytest.raises(CrashError):
        restore(path, vault=Vault(keyring), recovery_text=recovery_text, database_file=target, step=step)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # no plain copy left beside where the database goes
    report = restore(path, vault=Vault(keyring), recovery_text=recovery_text, database_file=target, run_doctor=False)
    assert report.counts["tenants"] == 1
    assert len(keyring.store) == 1  # the retry reused the operator key the first attempt may have written


def test_cancel_leaves_no_file(services, operator, recovery_text, tmp_path):
    from billing_desktop.errors import AppError as Err

    for i in range(5):
        register(services, operator, f"T{i}", f"o{i}@t.example")
    dest = tmp_path / "c.bdbackup"
    calls = []

    def cancelled():
        calls.append(1)
        return True

    with services.ctx.db() as s, s.begin():  # make the snapshot span several chunks so Cancel is asked
        s.execute(text("CREATE TABLE IF NOT EXISTS filler (b BLOB)"))
        for _ in range(3):
            s.execute(text("INSERT INTO filler VALUES (randomblob(1000000))"))
    with pytest.raises(Err, match="cancelled"):
        services.backups.create(operator, dest, cancelled=cancelled)
    assert calls and not dest.exists() and not list(tmp_path.glob("*.partial"))


def _writer(url: str, started, stop) -> None:
    import sqlite3 as lite

    conn = lite.connect(url, timeout=30)
    i = 0
    while not stop.is_set():
        with conn:
            conn.execute(
                "INSERT INTO audit_log (at, actor, action, outcome, reason, detail) "
                "VALUES ('2026-01-01 00:00:00.000000', 'w', 'writer', 'ok', '', ?)",
                (str(i),),
            )
            conn.execute("UPDATE audit_log SET detail = ? WHERE action = 'writer-pair'", (str(i),))
        i += 1
        started.set()
    conn.close()


def test_backup_while_another_process_writes_is_consistent(services, operator, recovery_text, tmp_path, db_file):
    for i in range(20):
        register(services, operator, f"T{i}", f"o{i}@t.example")
    ctx = multiprocessing.get_context("spawn")
    started, stop = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_writer, args=(str(db_file), started, stop))
    proc.start()
    try:
        assert started.wait(60)  # the writer is committing while every backup below is taken
        paths = [services.backups.create(operator, tmp_path / f"b{i}.bdbackup").path for i in range(3)]
    finally:
        stop.set()
        proc.join(30)
    assert proc.exitcode == 0
    for p in paths:
        target = tmp_path / p.stem / "billing-desktop.sqlite3"
        report = restore(
            p, vault=Vault(MemoryKeyring()), recovery_text=recovery_text, database_file=target, run_doctor=False
        )
        assert report.counts["tenants"] == 20
        with sqlite3.connect(target) as c:
            assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert c.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'writer'").fetchone()[0] > 0
        c.close()


def test_prune_keeps_the_newest_and_only_our_files(tmp_path):
    names = [f"billing-desktop-2026010{i}T000000Z.bdbackup" for i in range(1, 6)]
    for n in names:
        (tmp_path / n).write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("mine")
    removed = backup_mod.prune(tmp_path, 2)
    assert [p.name for p in removed] == names[:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names[3:], "notes.txt"])


def test_cli_exit_codes_for_wrong_key_typo_and_damage(run_cli, tmp_path):
    code, out, err = run_cli(["init", "--email", "op@cli.example"], stdin="operator-password-1\n")
    assert code == 0, err
    key = next(line.strip() for line in out.splitlines() if line.count("-") == 8 and len(line.strip()) == 44)
    env = {"BILLING_DESKTOP_PASSWORD": "operator-password-1"}
    path = tmp_path / "b.bdbackup"
    code, out, err = run_cli(["backup", "create", "--to", str(path)], env=env)
    assert code == 0 and "Backup written" in out, err
    code, out, err = run_cli(["backup", "verify", str(path), "--recovery-key"], stdin=key + "\n")
    assert code == 0 and "Backup OK" in out and "tenants: 0" in out, err
    code, _, err = run_cli(
        ["backup", "verify", str(path), "--recovery-key"], stdin=recovery_key.encode(bytes(20)) + "\n"
    )
    assert code == 3 and "does not open this backup" in err
    code, _, err = run_cli(["backup", "verify", str(path), "--recovery-key"], stdin=key[:-1] + "\n")
    assert code == 2 and "error: recovery_key:" in err
    data = bytearray(path.read_bytes())
    data[-100] ^= 0x80
    path.write_bytes(bytes(data))
    code, _, err = run_cli(["backup", "verify", str(path), "--recovery-key"], stdin=key + "\n")
    assert code == 4 and "altered" in err and "Traceback" not in err
    code, _, err = run_cli(["backup", "restore", str(path), "--recovery-key"], stdin=key + "\n")
    assert code == 1 and "--replace" in err  # this machine has data: nothing happens without asking
    code, out, err = run_cli(["recovery-key", "status"], env=env)
    assert code == 0 and "NOT confirmed" in out
    code, out, err = run_cli(["recovery-key", "confirm"], stdin=key + "\n", env=env)
    assert code == 0 and "Confirmed" in out, err


def test_scheduled_backups_run_when_due_and_keep_the_newest(services, operator, recovery_text, tmp_path, clock):
    folder = tmp_path / "Sync" / "billing"
    with pytest.raises(ValidationError) as exc:
        services.backup_schedule.set(operator, str(folder), 24, 2)
    assert "does not exist" in exc.value.fields["folder"]
    folder.mkdir(parents=True)
    with pytest.raises(ValidationError) as exc:
        services.backup_schedule.set(operator, str(folder), 24, 0)
    assert set(exc.value.fields) == {"keep"}
    assert services.backup_schedule.run_if_due(operator) is None  # off until set
    services.backup_schedule.set(operator, str(folder), 24, 2)
    made = []
    for hours in (0, 1, 25, 50, 75):
        clock.advance(hours=hours)
        result = services.backup_schedule.run_if_due(operator)
        made.append(result is not None)
    assert made == [True, False, True, True, True]
    kept = backup_mod.backups_in(folder)
    assert len(kept) == 2  # the retention count
    assert backup_mod.verify(kept[-1], None, recovery_text).opened_with == "recovery key"


@pytest.mark.both_backends
def test_a_team_database_backs_up_and_restores_to_a_new_machine(services, operator, recovery_text, tmp_path, backend):
    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.store.database import open_database
    from tests.conftest import fast_hasher

    for i in range(3):
        t = register(services, operator, f"Tenant {i}", f"o{i}@t.example")
    services.webhooks.save(operator, t.id, "http://127.0.0.1:9/in", ["invoice.paid"], allow_private=True)
    before = sealed(services)
    result = services.backups.create(operator, tmp_path / "team.bdbackup")
    assert result.counts["tenants"] == 3
    target = tmp_path / "new-machine" / "billing-desktop.sqlite3"
    fresh = MemoryKeyring()
    restore(result.path, vault=Vault(fresh), recovery_text=recovery_text, database_file=target, run_doctor=False)
    engine = open_database(f"sqlite:///{target}")
    try:
        restored = Services(AppContext(engine=engine, vault=Vault(fresh), hasher=fast_hasher()))
        assert sealed(restored) == before
        op = restored.auth.sign_in("op@platform.example", "operator-password-1")
        assert sorted(t.company_name for t in restored.tenants.list(op)) == ["Tenant 0", "Tenant 1", "Tenant 2"]
        assert restored.webhooks.get(op, t.id).url == "http://127.0.0.1:9/in"
    finally:
        engine.dispose()


def test_plain_snapshots_left_by_a_crash_are_removed_later(services, operator, recovery_text, tmp_path, home):
    import os as _os

    stale = home / "tmp" / "crashed"
    stale.mkdir(parents=True)
    (stale / "snapshot.sqlite3").write_bytes(b"plain")
    old = stale.stat().st_mtime - backup_mod.STALE_SECONDS - 60
    _os.utime(stale, (old, old))
    services.backups.create(operator, tmp_path / "b.bdbackup")
    assert not stale.exists() and list((home / "tmp").iterdir()) == []

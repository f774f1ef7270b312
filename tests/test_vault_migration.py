"""Upgrading moves every keyring item of the old version into the sealed store, crash-safe at every step: after a
crash and a restart every secret is readable, none is lost, no orphan is left in the keyring, and the keyring
ends with one item: this OS account's operator key."""

import shutil

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from billing_desktop.services import Services
from billing_desktop.services.bootstrap import startup_repair
from billing_desktop.services.context import AppContext
from billing_desktop.store.database import open_database
from billing_desktop.store.models import KeyringMove
from billing_desktop.vault import Vault
from tests.conftest import OPERATOR_PASSWORD, fast_hasher
from tests.support.clock import FakeClock
from tests.support.memory_keyring import MemoryKeyring
from tests.support.old_install import fill_keyring, make_old_install
from tests.support.vault_helpers import sealed


class Crash(BaseException):
    """A BaseException, so no `except Exception` clean-up runs: as if the process died here."""


class ChaosKeyring(MemoryKeyring):
    def __init__(self):
        super().__init__()
        self.ops: list[str] = []
        self.fail_at: int | None = None

    def tick(self, what: str) -> None:
        self.ops.append(what)
        if self.fail_at is not None and len(self.ops) - 1 == self.fail_at:
            self.fail_at = None
            raise Crash(what)

    def get_password(self, service, username):
        self.tick("keyring.get")
        return super().get_password(service, username)

    def set_password(self, service, username, password):
        self.tick("keyring.set")
        super().set_password(service, username, password)

    def delete_password(self, service, username):
        self.tick("keyring.delete")
        super().delete_password(service, username)


def start(url, backend, clock=None):
    """What the app does at start-up: open (migrate) the database, create the vault, move the keyring items."""
    engine = open_database(url)
    svc = Services(AppContext(engine=engine, vault=Vault(backend), clock=clock or FakeClock(), hasher=fast_hasher()))
    try:
        startup_repair(svc)
    except BaseException:
        svc.close()  # the "process" dies here: its connections go with it
        raise
    return svc


@pytest.fixture
def upgraded(tmp_path):
    """The old install, its schema migrated to head (the moves listed, nothing moved yet)."""
    old = make_old_install(tmp_path / "old.sqlite3", fast_hasher().hash(OPERATOR_PASSWORD))
    open_database(old.url).dispose()
    return old, tmp_path / "old.sqlite3"


def check_everything_readable(svc, backend, old):
    op = svc.auth.sign_in("op@platform.example", OPERATOR_PASSWORD)
    with svc.ctx.db() as s:
        assert s.scalar(select(func.count()).select_from(KeyringMove)) == 0
    # The keyring holds one item: the operator key that opens the vault. No orphan, no secret.
    assert [u.rsplit("/", 1)[-1] for _, u in backend.store] == ["operator-key"]
    for key_id, value in old.api_keys.items():
        assert svc.keys.reveal(op, key_id) == value
    for tenant_id, value in old.webhook_secrets.items():
        assert svc.webhooks.reveal_secret(op, tenant_id) == value
    assert svc.stripe_platform.secret_key() == old.platform_key
    values = sealed(svc)
    for name, value in old.stripe_tokens.items():
        assert values[name] == value
    for value in old.retired + [old.keyring_items[n] for n in old.orphans]:
        assert value not in values.values()


def test_upgrade_moves_every_item_and_empties_the_keyring(upgraded, tmp_path):
    old, _path = upgraded
    backend = MemoryKeyring()
    fill_keyring(backend, old)
    svc = start(old.url, backend)
    try:
        report = svc.startup_report
        assert report.moved_from_keyring == len(old.keyring_items) - len(old.orphans)
        assert report.orphans_removed == len(old.orphans)
        assert report.retired_secrets_removed == 1
        check_everything_readable(svc, backend, old)
        assert svc.team.access().access == "unlocked"
    finally:
        svc.close()
    blob = b"".join(p.read_bytes() for p in tmp_path.glob("old.sqlite3*"))
    for value in old.keyring_items.values():
        assert value.encode() not in blob


def test_a_crash_at_every_step_loses_nothing_and_leaves_no_orphan(upgraded, tmp_path):
    old, template = upgraded
    current: list[ChaosKeyring] = []

    def before_commit(session):
        if current:
            current[-1].tick("db.commit")

    def fresh(name):
        path = tmp_path / f"{name}.sqlite3"
        shutil.copy(template, path)
        backend = ChaosKeyring()
        fill_keyring(backend, old)
        backend.ops.clear()
        current.append(backend)
        return f"sqlite:///{path}", backend

    event.listen(Session, "before_commit", before_commit)
    try:
        url, counter = fresh("count")
        start(url, counter).close()
        steps = list(counter.ops)
        assert steps.count("keyring.delete") == len(old.keyring_items) and "keyring.set" in steps
        for fail_at in range(len(steps)):
            url, backend = fresh(f"crash-{fail_at}")
            backend.fail_at = fail_at
            with pytest.raises(Crash):
                start(url, backend)
            current.clear()  # restart, no crash this time
            svc = start(url, backend)
            try:
                check_everything_readable(svc, backend, old)
            finally:
                svc.close()
    finally:
        event.remove(Session, "before_commit", before_commit)


def test_another_os_account_cannot_move_what_it_cannot_seal(upgraded):
    """The vault was created from one OS account; a second account with old items in its keyring (not granted)
    leaves them where they are and says why."""
    old, _ = upgraded
    first = MemoryKeyring()
    fill_keyring(first, old)
    start(old.url, first).close()
    other = MemoryKeyring()
    other.set_password("billing-desktop", "api-key/elsewhere", "sk_test_elsewhere0123456789")
    svc = start(old.url, other)
    try:
        with svc.ctx.engine.begin() as c:
            c.exec_driver_sql("INSERT INTO keyring_moves VALUES ('api-key/elsewhere', 'tenant/1/api-key/elsewhere')")
    finally:
        svc.close()
    svc = start(old.url, other)
    try:
        assert "team join" in svc.startup_report.waiting
        assert ("billing-desktop", "api-key/elsewhere") in other.store  # not deleted: nothing lost
    finally:
        svc.close()

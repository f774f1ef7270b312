"""Shared fixtures. QT_QPA_PLATFORM is set here and nowhere else, before any Qt import."""

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path

import pytest
from argon2 import PasswordHasher

from billing_desktop.services import Services
from billing_desktop.services.context import AppContext, Policy
from billing_desktop.services.tenants import Registration
from billing_desktop.store.database import open_database
from billing_desktop.vault import Vault
from tests.support.clock import FakeClock
from tests.support.memory_keyring import MemoryKeyring

OPERATOR_EMAIL = "op@platform.example"
OPERATOR_PASSWORD = "operator-password-1"
OWNER_PASSWORD = "owner-password-123"


def fast_hasher() -> PasswordHasher:
    # The production parameters are slow on purpose; tests check behaviour, not cost.
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data dir, and no database URL leaks in from the environment."""
    d = tmp_path / "home"
    monkeypatch.setenv("BILLING_DESKTOP_HOME", str(d))
    monkeypatch.delenv("BILLING_DESKTOP_DATABASE_URL", raising=False)
    monkeypatch.delenv("BILLING_DESKTOP_PASSWORD", raising=False)
    monkeypatch.delenv("BILLING_DESKTOP_NEW_PASSWORD", raising=False)
    return d


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test(request: pytest.FixtureRequest):
    """A window or message box a GUI test leaves on screen is hidden after it: later tests find widgets by class among
    the visible top-level ones, and one left over made test_gui_attention click another test's board. hide(), not
    close(): a close may ask Save/Discard and wait for an answer nobody gives."""
    yield
    if "qtbot" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QApplication

    for w in QApplication.topLevelWidgets():
        if w.isVisible():
            w.hide()


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_file(home: Path) -> Path:
    return home / "billing-desktop.sqlite3"


def pytest_generate_tests(metafunc):
    """Tests marked `both_backends` that use a database run once on SQLite and once on PostgreSQL."""
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_backends"):
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server scripts/test.sh started (scripts/with-postgres.sh); required there, skipped elsewhere."""
    from tests.support.postgres import REQUIRE_ENV, server_from_env

    server = server_from_env()
    if server is None:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail("BILLING_DESKTOP_TEST_POSTGRES_URL is not set")
        pytest.skip("no PostgreSQL server: run scripts/test.sh, which starts one")
    return server


@pytest.fixture
def database_url(backend, db_file, request):
    """A database at the schema head: the SQLite file of this test, or a fresh PostgreSQL database."""
    if backend == "sqlite":
        yield f"sqlite:///{db_file}"
        return
    server = request.getfixturevalue("pg_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def empty_database_url(backend, db_file, request):
    """A database with no schema yet, on the test's backend."""
    if backend == "sqlite":
        yield f"sqlite:///{db_file}"
        return
    server = request.getfixturevalue("pg_server")
    url = server.create_database(migrated=False)
    yield url
    server.drop_database(url)


@pytest.fixture
def services(database_url, keyring_backend, clock):
    engine = open_database(database_url)
    ctx = AppContext(engine=engine, vault=Vault(keyring_backend), clock=clock, hasher=fast_hasher(), policy=Policy())
    services = Services(ctx)
    yield services
    wait_for_workers()
    services.close()  # stops the GUI's change feed first, as the app does


def wait_for_workers() -> None:
    """Let a GUI test's background work end, as the app does before it closes the database: work still running holds
    a connection that dispose() cannot close, and a result still queued may start more work when it arrives."""
    if "billing_desktop.ui.workers" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QThreadPool

    from billing_desktop.ui import workers

    for _ in range(100):
        QThreadPool.globalInstance().waitForDone(10_000)
        QCoreApplication.processEvents()  # deliver the results
        if not workers.pending_count():
            return
    raise AssertionError("background work kept starting more work after the test")


@pytest.fixture
def operator(services):
    services.auth.create_operator(OPERATOR_EMAIL, OPERATOR_PASSWORD, "Olivia", "Operator")
    return services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)


def register(services, operator, name: str, email: str, mode: str = "test"):
    return services.tenants.register(
        operator, Registration(name, email, OWNER_PASSWORD, first_name="Pat", last_name="Owner", mode=mode)
    )


@pytest.fixture
def acme(services, operator):
    return register(services, operator, "Acme Inc", "owner@acme.example")


@pytest.fixture
def globex(services, operator):
    return register(services, operator, "Globex", "owner@globex.example", mode="live")


@pytest.fixture
def acme_users(services, operator, acme):
    """A signed-in session for each tenant role of Acme."""
    sessions = {"owner": services.auth.sign_in("owner@acme.example", OWNER_PASSWORD)}
    for role in ("admin", "developer"):
        services.users.add(operator, acme.id, f"{role}@acme.example", OWNER_PASSWORD, role)
        sessions[role] = services.auth.sign_in(f"{role}@acme.example", OWNER_PASSWORD)
    sessions["operator"] = operator
    return sessions


@pytest.fixture
def secret_service():
    """The real OS keyring. scripts/test.sh provides an unlocked GNOME Keyring and requires these tests to run."""
    from billing_desktop.errors import VaultError

    try:
        name = Vault().check()
    except VaultError:
        if os.environ.get("BILLING_DESKTOP_REQUIRE_SECRET_SERVICE"):
            raise
        pytest.skip("no OS keyring here: run scripts/test.sh, which starts an unlocked GNOME Keyring")
    return name


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fake(monkeypatch):
    """A fake Stripe on loopback, with the app's base-URL variables pointing at it."""
    from tests.support.fake_stripe import FakeStripe

    f = FakeStripe()
    monkeypatch.setenv("BILLING_DESKTOP_STRIPE_API_BASE", f.base)
    monkeypatch.setenv("BILLING_DESKTOP_STRIPE_CONNECT_BASE", f.base)
    yield f
    f.close()


@pytest.fixture
def cli_vault():
    """For CLI tests: the real Secret Service where one runs (scripts/test.sh always starts one); elsewhere an
    in-memory keyring, handed to main() through its vault seam."""
    from billing_desktop.errors import VaultError

    try:
        Vault().check()
    except VaultError:
        if os.environ.get("BILLING_DESKTOP_REQUIRE_SECRET_SERVICE"):
            raise
        return Vault(MemoryKeyring())
    return None


@pytest.fixture
def run_cli(monkeypatch, capsys, cli_vault):
    """Run the command line as typed: argv, environment and stdin in; exit code, stdout and stderr out."""
    import io

    from billing_desktop.cli.main import main

    def run(argv, stdin="", env=None):
        for k, v in (env or {}).items():
            monkeypatch.setenv(k, v)
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(argv, vault=cli_vault)
        out, err = capsys.readouterr()
        for k in env or {}:
            monkeypatch.delenv(k)
        return code, out, err

    return run


@pytest.fixture
def receiver():
    """A webhook receiver on 127.0.0.1 that records each request and answers as told."""
    from tests.support.receiver import Receiver

    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def open_main_window(qtbot, services, tmp_path):
    """Open the real main window: `open_main_window(session, tab="keys", ready=lambda win: ...)` shows it, switches to
    the tab once that tab has its tenant, and waits until `ready(win)` holds."""
    from billing_desktop.ui.main_window import MainWindow
    from tests.gui_helpers import settings

    def open_(session, tab=None, ready=None):
        win = MainWindow(services, session, settings(tmp_path))
        qtbot.addWidget(win)
        win.show()
        if tab is not None:
            page = getattr(win, tab)
            qtbot.waitUntil(lambda: page.tenant is not None)
            win.tabs.setCurrentWidget(page)
        if ready is not None:
            qtbot.waitUntil(lambda: ready(win))
        return win

    return open_

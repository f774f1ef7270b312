"""Storage that fails under the CLI: a clear message, exit 1, nothing lost — never a traceback."""

import array
import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import OP, OP_PW, OWNER_PW

AUTH = {"BILLING_DESKTOP_PASSWORD": OP_PW}


def _no_traceback(err):
    assert "Traceback" not in err and "Logging error" not in err, err


def test_a_directory_where_the_database_should_be(home, run_cli):
    (home / "billing-desktop.sqlite3").mkdir(parents=True)
    code, _, err = run_cli(["tenants", "list"])
    assert code == 1 and "is a directory" in err
    _no_traceback(err)


def test_an_empty_database_file_is_refused_not_recreated(home, run_cli):
    home.mkdir(parents=True)
    db = home / "billing-desktop.sqlite3"
    db.touch()
    code, _, err = run_cli(["tenants", "list"])
    assert code == 1 and "empty (0 bytes)" in err and "delete the empty file" in err
    assert db.stat().st_size == 0  # left as found
    _no_traceback(err)


# <linux/fs.h>: the inode flags ioctls (their size argument is a long) and the immutable flag.
FS_IOC_GETFLAGS, FS_IOC_SETFLAGS, FS_IMMUTABLE_FL = 0x80086601, 0x40086602, 0x10


def _set_immutable(path, *, on: bool) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        flags = array.array("l", [0])
        fcntl.ioctl(fd, FS_IOC_GETFLAGS, flags, True)  # noqa: FBT003 (mutate_flag)
        flags[0] = flags[0] | FS_IMMUTABLE_FL if on else flags[0] & ~FS_IMMUTABLE_FL
        fcntl.ioctl(fd, FS_IOC_SETFLAGS, flags)
    finally:
        os.close(fd)


@pytest.fixture
def read_only_dir(tmp_path):
    """A folder of our own that this process cannot write to: mode 0555 for a user. Root ignores modes (CI and the
    Debian 13 root run as root), but not the immutable attribute, which even root must remove before writing."""
    d = tmp_path / "read-only"
    d.mkdir()
    d.chmod(0o555)
    immutable = False
    try:
        if os.geteuid() == 0:
            try:
                _set_immutable(d, on=True)
                immutable = True
            except OSError as exc:  # a filesystem without inode flags, or no CAP_LINUX_IMMUTABLE
                pytest.skip(f"running as root where {tmp_path} cannot be made immutable ({exc.strerror})")
        with pytest.raises(OSError):  # really read-only: the test below would prove nothing otherwise
            (d / "probe").touch()
        yield d
    finally:
        if immutable:
            _set_immutable(d, on=False)  # else pytest could never delete its temporary directories again
        d.chmod(0o755)


def test_a_read_only_data_dir(read_only_dir, run_cli, monkeypatch):
    monkeypatch.setenv("BILLING_DESKTOP_HOME", str(read_only_dir))
    code, _, err = run_cli(["tenants", "list"])
    assert code == 1 and "writable" in err and str(read_only_dir) in err
    assert err.count("cannot write the log file") <= 1
    assert list(read_only_dir.iterdir()) == []  # nothing half-made left behind
    _no_traceback(err)


@pytest.fixture
def with_tenant(run_cli, home):
    assert run_cli(["init", "--email", OP], stdin=OP_PW + "\n")[0] == 0
    argv = ["tenants", "register", "--company", "Acme Inc", "--email", "owner@acme.example"]
    assert run_cli(argv, stdin=OWNER_PW + "\n", env=AUTH)[0] == 0
    return home / "billing-desktop.sqlite3"


def test_a_damaged_database_page(with_tenant, run_cli, monkeypatch):
    db = with_tenant
    size = db.stat().st_size
    with open(db, "r+b") as f:  # every page after the first three: tables and indexes
        f.seek(3 * 4096)
        f.write(b"\xff" * (size - 3 * 4096))
    for wal in db.parent.glob("*-wal"):
        wal.unlink()
    code, _, err = run_cli(["tenants", "list"], env=AUTH)
    assert code == 1 and "damaged" in err and "backups" in err
    _no_traceback(err)
    code, out, _ = run_cli(["doctor"])
    assert code == 1 and "broken" in out


def test_a_full_disk(with_tenant):
    """The file-size limit makes every write past 1 KiB fail, as a full disk does: log and database alike."""
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))\n"
        "from billing_desktop.cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    argv = ["tenants", "register", "--company", "Globex", "--email", "owner@globex.example"]
    env = {**os.environ, **AUTH, "BILLING_DESKTOP_NEW_PASSWORD": OWNER_PW}
    # No bytecode from this child: importlib does not check the length of what it writes, so under this limit it
    # renames .pyc files cut at 1 KiB into place, for every later process that shares the cache to trip over.
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    out = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 1, out.stderr
    assert "full" in out.stderr or "could not be read or written" in out.stderr
    assert out.stderr.count("cannot write the log file") == 1
    assert len(out.stderr.strip().splitlines()) == 2, out.stderr
    _no_traceback(out.stderr)


def test_a_cut_off_bytecode_file_is_not_blamed_on_the_database(home, tmp_path):
    """A .pyc cut short (a full disk, a file-size limit) raises EOFError ("marshal data too short") when imported.
    Imported while a new database is migrated, it was reported as "The database could not be read or written
    (EOFError)"; the message names the module and the damaged file instead, with a way out, and no traceback."""
    root = Path(__file__).resolve().parents[1]
    pycache = tmp_path / "pycache"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(AUTH, PYTHONPYCACHEPREFIX=str(pycache))

    def tenants_list(data_dir: Path) -> subprocess.CompletedProcess:
        argv = [sys.executable, str(root / "main.py"), "tenants", "list"]
        run_env = {**env, "BILLING_DESKTOP_HOME": str(data_dir)}
        return subprocess.run(argv, env=run_env, capture_output=True, text=True, timeout=180)

    first = tenants_list(tmp_path / "first")  # a new database, migrated: the migrations' bytecode is written
    assert "could not load" not in first.stderr, first.stderr
    cut = [p for p in pycache.rglob("*.pyc") if "migrations" in p.parts and p.stat().st_size > 1024]
    assert cut, sorted(pycache.rglob("*.pyc"))[:5]
    for pyc in cut:  # what a write under a 1 KiB file-size limit leaves
        with open(pyc, "r+b") as f:
            f.truncate(1024)
    second = tenants_list(tmp_path / "second")
    assert second.returncode == 1, second.stderr
    assert "could not load its module" in second.stderr and "marshal data too short" in second.stderr
    assert any(str(pyc) in second.stderr for pyc in cut), second.stderr
    assert "database could not be read" not in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1, second.stderr
    _no_traceback(second.stderr)


def test_doctor_tells_the_truth_about_a_newer_schema(with_tenant, run_cli, monkeypatch):
    import sqlite3
    from contextlib import closing

    from billing_desktop.services import doctor

    monkeypatch.setattr(doctor, "qt_platform", lambda: "offscreen (probed)")
    with closing(sqlite3.connect(with_tenant)) as conn, conn:  # the second `with` commits, closing() closes
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    code, out, _ = run_cli(["doctor"])
    assert code == 1 and "newer than this app: every command refuses it" in out and "will be migrated" not in out
    code, _, err = run_cli(["tenants", "list"], env=AUTH)
    assert code == 1 and "newer Billing Desktop" in err


def test_doctor_exits_non_zero_without_a_working_keyring(home, monkeypatch, capsys):
    import keyring.backends.fail

    from billing_desktop.cli.main import main
    from billing_desktop.services import doctor
    from billing_desktop.vault import Vault

    monkeypatch.setattr(doctor, "qt_platform", lambda: "offscreen (probed)")
    code = main(["doctor", "--json"], vault=Vault(keyring.backends.fail.Keyring()))
    assert code == 1 and "no working keyring" in capsys.readouterr().out

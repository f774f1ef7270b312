"""Storage that fails under the CLI: a clear message, exit 1, nothing lost — never a traceback."""

import array
import fcntl
import os
import subprocess
import sys

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
    out = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 1, out.stderr
    assert "full" in out.stderr or "could not be read or written" in out.stderr
    assert out.stderr.count("cannot write the log file") == 1
    assert len(out.stderr.strip().splitlines()) == 2, out.stderr
    _no_traceback(out.stderr)


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

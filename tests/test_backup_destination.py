"""Where `backup create` may write: it replaces an older backup, never another file, a device or a link."""

import os

import pytest

from billing_desktop.errors import ValidationError


@pytest.fixture(autouse=True)
def recovery_key(services, operator):
    services.recovery.create(operator)  # a backup needs one


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "out").mkdir()
    return tmp_path / "out"  # tmp_path also holds the data dir


def test_a_backup_never_replaces_a_file_that_is_not_a_backup(services, operator, folder):
    precious = folder / "thesis.docx"
    precious.write_bytes(b"years of work")
    with pytest.raises(ValidationError) as refused:
        services.backups.create(operator, precious)
    assert "not a backup" in refused.value.fields["dest"]
    assert precious.read_bytes() == b"years of work"
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.docx"]  # and no .partial beside it


def test_a_backup_never_replaces_a_device_or_a_link(services, operator, folder):
    target = folder / "target.txt"
    target.write_text("kept")
    link = folder / "b.bdbackup"
    link.symlink_to(target)
    with pytest.raises(ValidationError):
        services.backups.create(operator, link)
    assert link.is_symlink() and target.read_text() == "kept"
    fifo = folder / "pipe.bdbackup"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError):
        services.backups.create(operator, fifo)
    assert not fifo.is_file()


def test_a_new_backup_replaces_an_older_backup_at_the_same_path(services, operator, folder):
    dest = folder / "nightly.bdbackup"
    first = services.backups.create(operator, dest)
    second = services.backups.create(operator, dest)
    assert second.path == first.path == dest and dest.stat().st_size > 0
    assert sorted(p.name for p in folder.iterdir()) == ["nightly.bdbackup"]


def test_a_link_planted_at_the_partial_name_is_not_followed(services, operator, folder):
    victim = folder / "victim.txt"
    victim.write_text("not yours")
    dest = folder / "b.bdbackup"
    (folder / "b.bdbackup.partial").symlink_to(victim)  # someone else's link in a shared folder
    services.backups.create(operator, dest)
    assert victim.read_text() == "not yours"
    assert dest.is_file() and not dest.is_symlink()

import shutil
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select, text

from billing_desktop.errors import DatabaseError, SchemaTooNew
from billing_desktop.store.database import migrate, open_database, schema_state
from billing_desktop.store.models import AuditEntry, Tenant, User

DATA = Path(__file__).parent / "data"


def test_new_database_is_private_wal_with_foreign_keys(db_file):
    engine = open_database(f"sqlite:///{db_file}")
    try:
        assert stat.S_IMODE(db_file.stat().st_mode) == 0o600
        with engine.connect() as c:
            assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        current, head = schema_state(engine)
        assert current == head
    finally:
        engine.dispose()


def test_upgrades_a_file_made_by_the_first_schema_and_keeps_a_copy(tmp_path):
    old = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "schema-0001.sqlite3", old)
    with closing(sqlite3.connect(old)) as c:
        assert c.execute("select version_num from alembic_version").fetchone()[0] == "0001"
    backups = tmp_path / "backups"
    engine = open_database(f"sqlite:///{old}", backup_dir=backups)
    try:
        current, head = schema_state(engine)
        assert current == head
        from sqlalchemy.orm import Session

        with Session(engine) as s:
            assert s.scalar(select(Tenant.slug)) == "old-corp"
            assert s.scalar(select(User.email).where(User.role == "operator")) == "op@old.example"
        if head != "0001":  # a backup is made only when there was something to migrate
            copies = list(backups.iterdir())
            assert len(copies) == 1 and stat.S_IMODE(copies[0].stat().st_mode) == 0o600
            with closing(sqlite3.connect(copies[0])) as c:
                assert c.execute("select version_num from alembic_version").fetchone()[0] == "0001"
    finally:
        engine.dispose()


@pytest.mark.both_backends
def test_database_from_a_newer_app_is_refused(empty_database_url):
    engine = open_database(empty_database_url)
    with engine.begin() as c:
        c.execute(text("update alembic_version set version_num='9999_future'"))
    engine.dispose()
    with pytest.raises(SchemaTooNew, match="newer Billing Desktop"):
        open_database(empty_database_url)


def test_foreign_database_is_not_touched(tmp_path):
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as c:
        c.execute("create table notes (x)")
        c.commit()
    with pytest.raises(DatabaseError, match="did not create"):
        open_database(f"sqlite:///{other}")


@pytest.mark.both_backends
def test_audit_log_is_append_only(services, operator):
    with services.ctx.db() as s:
        entry = s.scalars(select(AuditEntry)).first()
        entry.reason = "rewritten"
        with pytest.raises(PermissionError):
            s.commit()
        s.rollback()
        s.delete(s.scalars(select(AuditEntry)).first())
        with pytest.raises(PermissionError):
            s.commit()


@pytest.mark.both_backends
def test_migrate_twice_is_a_no_op(services):
    assert migrate(services.ctx.engine) is None


@pytest.mark.both_backends
def test_empty_database_migrates_to_head_and_keeps_data_on_reopen(empty_database_url):
    engine = open_database(empty_database_url)
    try:
        current, head = schema_state(engine)
        assert current == head
        with engine.begin() as c:
            c.execute(text("insert into settings (key, value) values ('probe', 'kept')"))
    finally:
        engine.dispose()
    engine = open_database(empty_database_url)
    try:
        with engine.connect() as c:
            assert c.execute(text("select value from settings where key = 'probe'")).scalar() == "kept"
    finally:
        engine.dispose()


@pytest.mark.both_backends
def test_json_columns_read_back_what_was_written(services):
    """The engines encode JSON with orjson (store/types.dump_json) and fall back to json.dumps for what orjson
    refuses; either way a value reads back as json.dumps/json.loads would give it, on both backends."""
    import json

    from tests.support.connected import bulk_tenants

    value = {
        "name": 'Café 東京 \u2028 "quoted" \\ back',
        "nested": {"list": [1, 2.5, None, True, False, {"deep": []}], "empty": {}},
        "float": 1e16,
        "small": -0.000123,
    }
    refused_by_orjson = {"big": 2**70, 1: "an integer key"}
    (tenant,) = bulk_tenants(services, ["Json Shop"])
    for stored in (value, refused_by_orjson):
        with services.ctx.db() as s, s.begin():
            s.get(Tenant, tenant.id).metadata_ = stored
        with services.ctx.db() as s:
            assert s.get(Tenant, tenant.id).metadata_ == json.loads(json.dumps(stored))

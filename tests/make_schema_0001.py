"""Writes tests/data/schema-0001.sqlite3: a database as the first schema (revision 0001) left it.

Run once when that file must be remade; the test suite only reads it.
"""

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from alembic import command

from billing_desktop.store.database import _alembic_config, make_engine

target = Path(__file__).parent / "data" / "schema-0001.sqlite3"
target.unlink(missing_ok=True)
engine = make_engine(f"sqlite:///{target}")
command.upgrade(_alembic_config(engine), "0001")
engine.dispose()
with closing(sqlite3.connect(target)) as c:
    c.execute("PRAGMA journal_mode=DELETE")
    now = "2026-01-01 00:00:00.000000"
    c.execute(
        "insert into tenants values (1,'Old Corp','old-corp','old@old.example','old.example','pro',1.5,'test',1,"
        "'{}','{}',?,?)",
        (now, now),
    )
    c.execute(
        "insert into users values (1,NULL,'op@old.example','$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$"
        "S7jbXobpVwiyFBMn7JMH7w','','','operator',1,NULL,0,NULL,?)",
        (now,),
    )
    c.execute("insert into audit_log values (1,?,'op@old.example','tenant.register',1,'ok','','')", (now,))
    c.commit()
print("wrote", target, file=sys.stderr)

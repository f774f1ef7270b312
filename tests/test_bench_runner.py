"""benchmarks/run.py keeps every figure a long run measured: rows are written to the JSON as they come, so a
benchmark that crashes at its last step (the 100,000-tenant vault run did, after 70 minutes) leaves the others."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rows_measured_before_a_crash_are_in_the_json(tmp_path, monkeypatch, capsys):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    # run.main sets these for its child processes; through monkeypatch they are put back after this test, or every
    # later test's processes would compile into one shared bytecode folder at once (they then read half-written
    # files: "marshal data too short" in the concurrency tests).
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path / "pycache"))
    import run  # benchmarks/run.py
    from common import Row

    written: list[list[str]] = []
    out = tmp_path / "results.json"

    def crashing(*, quick: bool = False):
        yield Row("first step", "1 s", "—", None, "reported", ok=True)
        written.append([r["name"] for r in json.loads(out.read_text())["benchmarks"]["long"]["rows"]])
        yield Row("second step", "2.0 ms", "1.0 ms", 2.0, "≤ 1.2x", ok=False)
        raise RuntimeError("the last step crashed")

    monkeypatch.setitem(run.BENCHES, "long", crashing)
    assert run.main(["long", "--json", str(out)]) == 2
    assert written == [["first step"]]  # on disk before the next step began
    result = json.loads(out.read_text())
    assert [r["name"] for r in result["benchmarks"]["long"]["rows"]] == ["first step", "second step"]
    assert "the last step crashed" in result["benchmarks"]["long"]["error"]
    assert (result["missed"], result["crashed"]) == (1, 1)
    assert "| first step | 1 s |" in capsys.readouterr().out
    sys.modules.pop("run", None)


def test_each_run_compiles_into_a_bytecode_folder_of_its_own(tmp_path, monkeypatch, capsys):
    """A run's children never read bytecode an earlier run (or anything else) left: a .pyc cut at 1024 bytes in
    the folder of one run made the next run's first child fail to import ("marshal data too short"). Children
    started at once still share the run's own folder; it is gone after the run, and the caller's environment is
    as it was."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path / "shared"))  # what a caller may have set
    import run  # benchmarks/run.py
    from common import Row

    (tmp_path / "victim.py").write_text("".join(f"def f{n}(x):\n    return x * {n} + len(str(x))\n" for n in range(80)))
    child = [sys.executable, "-c", "import sys, victim; print(sys.pycache_prefix)"]
    env = {"PYTHONPATH": str(tmp_path)}
    folders: list[Path] = []

    def importing(*, quick: bool = False):
        procs = [
            subprocess.Popen(child, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(4)
        ]  # four at once, all compiling the same module into the same folder
        outs = [p.communicate(timeout=60) for p in procs]
        assert all(p.returncode == 0 for p in procs), [err.decode() for _, err in outs]
        folder = Path(outs[0][0].decode().strip())
        folders.append(folder)
        (pyc,) = folder.rglob("victim*.pyc")
        assert pyc.stat().st_size > 1024
        with open(pyc, "r+b") as f:
            f.truncate(1024)  # as a child under a 1 KiB file-size limit leaves it
        yield Row("imported", "1 s", "—", None, "reported", ok=True)

    monkeypatch.setitem(run.BENCHES, "importing", importing)
    for n in range(2):
        assert run.main(["importing", "--json", str(tmp_path / f"r{n}.json")]) == 0, capsys.readouterr().out
    assert len(set(folders)) == 2 and tmp_path / "shared" not in folders
    assert not any(f.exists() for f in folders)
    assert os.environ["PYTHONDONTWRITEBYTECODE"] == "1"
    assert os.environ["PYTHONPYCACHEPREFIX"] == str(tmp_path / "shared")
    sys.modules.pop("run", None)


def test_vault_benchmark_fill_writes_what_registration_writes(services, operator, monkeypatch):
    """The 100,000 tenants of the vault benchmark are made in batches, not through TenantService.register: each
    must still hold what a registration leaves (owner who can sign in, four keys, two secrets sealed under the vault
    key that reveal to the keys' own values, an audit entry), or the benchmark measures an emptier database."""
    from sqlalchemy import func, select

    from billing_desktop.domain.keys import lookup_hash
    from billing_desktop.store.models import ApiKey, AuditEntry, SealedSecret, Tenant, User
    from tests.conftest import register

    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import bench_vault

    registered = register(services, operator, "Bench Tenant 1", "owner1@t1.example")
    bench_vault._seed_batch(services, operator, range(2, 6), services.ctx.hasher.hash("owner-password-123"))

    def shape(tenant_id: int) -> tuple:
        with services.ctx.db() as s:
            keys = s.execute(select(ApiKey.kind, ApiKey.mode).where(ApiKey.tenant_id == tenant_id)).all()
            sealed = s.scalar(
                select(func.count()).select_from(SealedSecret).where(SealedSecret.name.like(f"tenant/{tenant_id}/%"))
            )
            users = s.scalars(select(User.role).where(User.tenant_id == tenant_id)).all()
            audits = s.scalars(select(AuditEntry.action).where(AuditEntry.tenant_id == tenant_id)).all()
        return sorted(keys), sealed, users, audits

    with services.ctx.db() as s:
        seeded = s.scalars(select(Tenant.id).where(Tenant.slug.like("bench-tenant-%"), Tenant.id != registered.id))
        seeded = sorted(seeded)
    assert len(seeded) == 4
    for tenant_id in seeded:
        assert shape(tenant_id) == shape(registered.id)
        for row in services.keys.list(operator, tenant_id):
            if row.kind == "secret" and row.mode == "test":
                value = services.keys.reveal(operator, row.id)
                with services.ctx.db() as s:
                    assert s.scalar(select(ApiKey.id).where(ApiKey.lookup_hash == lookup_hash(value))) == row.id
    assert services.auth.sign_in("owner3@t3.example", "owner-password-123").tenant_id == seeded[1]
    sys.modules.pop("bench_vault", None)

"""`tenants list` reads a page at a time (keyset) on both backends: streamed rows, --limit with a cursor to continue,
search, the window's sorts and filters, JSON, and a clear error for bad input."""

import json

import pytest
from sqlalchemy import insert

from billing_desktop.cli import tenant_list
from billing_desktop.store.models import AttentionItem, StripeAccount
from tests.conftest import OPERATOR_EMAIL, OPERATOR_PASSWORD
from tests.support.tenant_rows import numbered_tenants

pytestmark = pytest.mark.both_backends
COUNT = 23


@pytest.fixture
def listing(services, operator, database_url, run_cli, monkeypatch):
    numbered_tenants(services, COUNT, digits=2)
    monkeypatch.setattr(tenant_list, "PAGE", 5)  # several pages even here: the seams are under test

    def run(*argv):
        return run_cli(
            ["tenants", "list", "--as", OPERATOR_EMAIL, *argv],
            env={"BILLING_DESKTOP_PASSWORD": OPERATOR_PASSWORD, "BILLING_DESKTOP_DATABASE_URL": database_url},
        )

    return run


def slugs(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()[1:]]


def test_every_tenant_once_in_pages_and_a_limit_continues_where_it_stopped(listing, services):
    code, out, err = listing()
    assert code == 0, err
    assert out.splitlines()[0].split() == ["SLUG", "COMPANY_NAME", "EMAIL", "TIER", "MODE", "ACTIVE", "STRIPE"]
    assert slugs(out) == [f"tenant-{n:02d}" for n in range(COUNT)] and err == ""
    seen, after = [], []
    for _ in range(10):
        code, out, err = listing("--limit", "7", *after)
        assert code == 0, err
        seen += slugs(out)
        if not err:
            break
        assert err.startswith("More tenants follow: --after ")
        after = ["--after", err.split()[-1]]
    assert seen == [f"tenant-{n:02d}" for n in range(COUNT)]  # 7 + 7 + 7 + 2, none twice, none lost at a seam


def test_json_search_sort_and_filters(listing, services, operator):
    code, out, _ = listing("--json")
    got = json.loads(out)
    assert len(got) == COUNT and got[0]["slug"] == "tenant-00" and set(got[0]) >= {"id", "company_name", "stripe"}
    code, out, _ = listing("--search", "NT 1", "--json")  # a part of the name, any case
    assert [t["slug"] for t in json.loads(out)] == [f"tenant-{n:02d}" for n in range(10, 20)]
    code, out, _ = listing("--tier", "pro", "--sort", "slug", "--desc", "--json")
    assert [t["slug"] for t in json.loads(out)] == [f"tenant-{n:02d}" for n in range(COUNT - 1, -1, -1) if n % 3 == 1]
    code, out, _ = listing("--search", "no such tenant", "--json")
    assert code == 0 and json.loads(out) == []
    ids = {n: services.tenants.get(operator, f"tenant-{n:02d}").id for n in (3, 8, 15)}
    with services.ctx.engine.begin() as c:
        c.execute(insert(StripeAccount.__table__), [{"tenant_id": ids[8], "status": "connected"}])
        c.execute(
            insert(AttentionItem.__table__),
            [
                {"tenant_id": ids[n], "source": f"s{n}{k}", "kind": "payout_failed", "title": "t", "detail": ""}
                for n, k in ((15, 0), (15, 1), (3, 0))
            ],
        )
    code, out, _ = listing("--sort", "stripe", "--limit", "2")
    assert slugs(out) == ["tenant-08", "tenant-00"]  # connected before none
    code, out, _ = listing("--stripe", "connected")
    assert slugs(out) == ["tenant-08"]
    code, out, _ = listing("--sort", "attention", "--desc", "--limit", "3")
    assert slugs(out) == ["tenant-15", "tenant-03", "tenant-00"]  # most items first, then the rest by name
    code, out, _ = listing("--attention")
    assert slugs(out) == ["tenant-03", "tenant-15"]


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--limit", "0"], "--limit: must be 1 or more"),
        (["--limit", "ten"], "--limit: 'ten' is not a whole number"),
        (["--after", "not-a-cursor!"], "Not a cursor a tenant listing printed"),
        (["--sort", "colour"], "invalid choice"),
    ],
)
def test_bad_input_is_a_clear_error_and_exit_2(listing, capsys, argv, words):
    try:
        code, out, err = listing(*argv)
    except SystemExit as e:  # argparse's own refusal (usage line, exit 2)
        code, err = e.code, capsys.readouterr().err
        out = ""
    assert code == 2 and out == "" and words in err, err
    assert "Traceback" not in err


def test_a_cursor_from_another_order_is_refused(listing):
    _, _, err = listing("--sort", "tier", "--limit", "2")
    cursor = err.split()[-1]
    code, out, err = listing("--after", cursor)
    assert code == 2 and out == "" and "another order (tier)" in err
    code, out, err = listing("--sort", "tier", "--after", cursor, "--limit", "1")
    assert code == 0 and len(slugs(out)) == 1

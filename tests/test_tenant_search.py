"""Search as you type on a team database (services/tenant_search.py): both plans give every match once, in the
list's order, across page boundaries and across the hand-over from a bounded walk to the trigram index, with and
without the statistics' sample (tenant_search_sample.py: the trigram index then asked for the text's rarest parts
only); each plan is an index plan; the plan follows how common the text is; and no text typed makes the search
fail."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import register
from tests.test_query_plans import plan

pytestmark = pytest.mark.both_backends

# Matches of "stark" cluster in the name order (after every "Acme …" and "Bravo …" tenant, as at 1,000,000).
NAMES = [
    "Acme One", "Acme Two", "Acme Stark", "Bravo Stark", "Bravo Three", "Charlie 100% Stark", "Charlie_Stark",
    "Delta \\ Back'slash \"Stark\"", "Échelle Stärk", "Foxtrot", "Golf Stark", "Hotel", "Ïndia Stark", "Juliet",
]  # fmt: skip


@pytest.fixture
def tenants(services, operator):
    return [register(services, operator, name, f"owner{n}@t{n}.example") for n, name in enumerate(NAMES)]


def _postgres_only(services):
    if services.ctx.engine.dialect.name != "postgresql":
        pytest.skip("SQLite searches its list in memory; the planned search is for team databases")


def _analyze(services) -> None:
    """Statistics for the sample the search plans from (a test table is never analyzed by itself in time)."""
    from sqlalchemy import text

    from billing_desktop.services.tenant_search_sample import read

    with services.ctx.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("ANALYZE tenants"))
    with services.ctx.db() as s:  # the sample the probes come from
        sample = read(s, 14)
        assert sample.fields["name"] and sample.fields["email"], sample
        assert sample.probes("stark", "name"), sample


def expected(tenants, needle: str, *, descending: bool = False, tier: str | None = None) -> list[int]:
    n = needle.strip().lower()
    hits = [
        t
        for t in tenants
        if (n in t.company_name.lower() or n in t.slug or n in t.email) and (tier is None or t.tier == tier)
    ]
    return [t.id for t in sorted(hits, key=lambda t: (t.company_name.lower(), t.id), reverse=descending)]


def walk_pages(services, lq, plan_, limit: int) -> list[int]:
    from billing_desktop.services import tenant_search

    ids, after = [], None
    for _ in range(50):
        with services.ctx.db() as s:
            page = tenant_search.page(s, lq, after, limit, plan_)
        ids += [r.id for r in page.rows]
        assert len(page.rows) <= limit
        if page.after is None:
            return ids
        after = page.after
    raise AssertionError("paging does not end")


@pytest.mark.parametrize("plan_name", ["walk", "trigram"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("bound", [None, 1, 3])
@pytest.mark.parametrize("analyzed", [False, True])
def test_both_plans_give_every_match_once_in_order_across_pages(
    services, operator, tenants, monkeypatch, plan_name, descending, bound, analyzed
):
    from billing_desktop.services import tenant_search
    from billing_desktop.services.tenant_pages import ListQuery

    _postgres_only(services)
    if analyzed:  # the trigram index is asked for the text's rarest parts, the whole text checked on the rows
        _analyze(services)
    if bound is not None:  # a walk that gives up after `bound` entries hands the rest to the trigram index
        monkeypatch.setattr(tenant_search, "WALK_LIMIT", bound)
    # Words across a space, an underscore, a percent sign, an email's separators: probes with a word's edge in them.
    several = ("o stark", "harlie 100% s", "r1@t1.ex", "vo sta", "lie_st", "owner1", "t1.example", "h 'st", "a 'o")
    for needle in ("stark", "STARK ", "a", "100%", "_", "\\", "'", '"', "ärk", "ïndia", "t1", "@t1", "zzz", *several):
        lq = ListQuery(search=needle, descending=descending)
        for limit in (1, 2, 5):
            got = walk_pages(services, lq, tenant_search.Plan(plan_name), limit)
            assert got == expected(tenants, needle, descending=descending), (needle, limit)


def test_the_planned_search_respects_the_tier_filter(services, operator, tenants):
    from billing_desktop.services import tenant_search
    from billing_desktop.services.tenant_pages import ListQuery

    _postgres_only(services)
    for t in tenants[::3]:
        services.tenants.update(operator, t.id, {"tier": "pro"})
    fresh = [services.tenants.get(operator, t.id) for t in tenants]
    for p in tenant_search.Plan:
        got = walk_pages(services, ListQuery(search="stark", tier="pro"), p, 2)
        assert got == expected(fresh, "stark", tier="pro") and got


def test_the_service_pages_searches_as_the_planned_search_does(services, operator, tenants):
    """TenantService.page takes the planned search for the operators' name order (and the single statement on
    SQLite); a tenant's staff still see their own tenant only."""
    rows, after = [], None
    while True:
        page = services.tenants.page(operator, search="Stark", after=after, limit=2)
        rows += page.rows
        if page.after is None:
            break
        after = page.after
    assert [r.id for r in rows] == expected(tenants, "stark")
    assert rows[0].stripe == "none"  # the list's row, with its Stripe state


def _sample(names, slugs, emails):
    from billing_desktop.services.tenant_search_sample import FieldSample, Sample

    fields = {"name": FieldSample(bounds=tuple(names)), "slug": FieldSample(bounds=tuple(slugs))}
    return Sample(len(names), {**fields, "email": FieldSample(bounds=tuple(emails))})


def test_the_index_is_asked_for_the_rarest_parts_of_the_text():
    """'owner424': 'own', 'wne' and 'ner' are in every email, and the GIN index would read each one's whole posting
    list to intersect them; '424' with 'r42' leaves the same candidates. 'globex ty': every trigram is in a tenth of
    the names, but two from different words meet in few; a word's edge (' ty') is a trigram pg_trgm pads."""
    words = ["acme", "globex", "initech", "stark", "tyrell", "wayne", "hooli", "umbrella", "wonka", "pied"]
    names = [f"{words[i % 10]} {words[i // 10 % 10]} {i}" for i in range(1, 1001)]
    sample = _sample(names, [f"t-{i}" for i in range(1, 1001)], [f"owner{i}@t{i}.example" for i in range(1, 1001)])
    asked = sample.probes("owner424", "email")
    assert asked and set(asked) <= {"424", "r42"}, asked
    name_probes = sample.probes("globex ty", "name")
    assert len(name_probes) == 2 and " t" in name_probes, name_probes  # one posting list for the word's start
    assert sample.probes("stark", "name") and len(sample.probes("stark", "name")) == 1  # one trigram says it all
    assert sample.probes("ab", "name") == ()  # no trigram: the whole text is asked
    assert sample.probes("é€ü", "name") == ()  # none of ASCII letters or digits: the whole text is asked
    assert sample.share("globex") == pytest.approx(0.19, abs=0.01)  # a tenth first, a tenth second, one both
    assert sample.share("owner") == pytest.approx(1.0)  # every email; capped at every tenant
    assert sample.share("zzz") == 0.0
    # A walk tests on each entry only the fields the text is common in; the others are asked of the trigram index.
    from billing_desktop.services.tenant_pages import ListQuery
    from billing_desktop.services.tenant_search import _walked

    assert _walked(ListQuery(search="Stark"), 1_000_000, sample) == ("name",)
    assert _walked(ListQuery(search="owner4"), 1_000_000, sample) == ("email",)
    assert _walked(ListQuery(search="st"), 1_000_000, sample) == ("name", "slug", "email")  # no trigram to ask
    assert _walked(ListQuery(search="stark"), 1_000_000, None) == ("name", "slug", "email")  # no statistics yet


def test_the_plan_weighs_where_the_matches_are_in_name_order():
    """Two rare texts (0.2% and 0.1% of 1,000,000 tenants, below dense_share()): 'acme acme 1' from the first name on
    (a walk has its page at once), 'wonka umbrella 9' near the end of the order (a walk would read 970,000 entries;
    the trigram index gives a few thousand rows to check). Common text is walked. The name's histogram bounds are
    in name order, as the server keeps them."""
    from billing_desktop.services.tenant_pages import ListQuery
    from billing_desktop.services.tenant_search import Plan, _choose

    words = ["acme", "globex", "initech", "stark", "tyrell", "wayne", "hooli", "umbrella", "wonka", "pied"]
    names = sorted(f"{words[i % 10]} {words[i // 10 % 10]} {i}" for i in range(1, 1001))
    sample = _sample(names, [f"t-{i}" for i in range(1, 1001)], [f"owner{i}@t{i}.example" for i in range(1, 1001)])
    sample = type(sample)(1_000_000, sample.fields)
    assert sample.walk_entries("acme acme 1", 200) < 2_000
    assert sample.walk_entries("wonka umbrella 9", 200) > 900_000
    assert sample.walk_entries("wonka umbrella 9", 200, descending=True) < 50_000  # from the other end
    assert _choose(None, ListQuery(search="acme acme 1"), 1_000_000, sample) is Plan.WALK  # type: ignore[arg-type]
    assert _choose(None, ListQuery(search="wonka umbrella 9"), 1_000_000, sample) is Plan.TRIGRAM  # type: ignore[arg-type]
    assert _choose(None, ListQuery(search="stark"), 1_000_000, sample) is Plan.WALK  # type: ignore[arg-type]
    assert _choose(None, ListQuery(search="owner4"), 1_000_000, sample) is Plan.WALK  # type: ignore[arg-type]
    assert _choose(None, ListQuery(search="owner424"), 1_000_000, sample) is Plan.TRIGRAM  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "needle, probes",
    [
        ("globex ty", {"glo", "lob", "obe", "bex", "ex ", " t", " ty"}),
        ("globex t", {"glo", "lob", "obe", "bex", "ex ", " t"}),
        ("t-42", {"-4", "-42"}),
        ("a b", {" b"}),  # a one-letter word: pg_trgm pads its start ("  b")
        ("100% s", {"100", " s"}),  # '%' is a LIKE wildcard, never part of a probe
        ("ab cd", {"ab ", " c", " cd"}),  # a word's end ("ab "), its start ("  c"; "  c" and " cd")
        ("x_yz", set()),  # '_' is a LIKE wildcard; 'yz' after it is no word's edge
        ("école", {"col", "ole"}),
    ],
)
def test_probes_are_parts_of_the_text_pg_trgm_makes_trigrams_of(needle, probes):
    from billing_desktop.services.tenant_search_sample import _probes

    got = _probes(needle)
    assert set(got) == probes
    assert all(p in needle for p in got)  # so the whole text's condition implies each probe's: no match lost


@pytest.mark.parametrize("plan_name", ["walk", "trigram"])
def test_each_plan_is_an_index_plan(services, operator, tenants, plan_name):
    from billing_desktop.services import tenant_search
    from billing_desktop.services.tenant_pages import ListQuery

    _postgres_only(services)
    engine = services.ctx.engine
    for after in (None, ("globex", 7)):
        lq = ListQuery(search="stark", tier="pro" if plan_name == "walk" else None)
        if plan_name == "walk":
            p = plan(engine, tenant_search.walk_query(lq, after, 201, tenant_search.WALK_LIMIT))
            # In name order from the covering index: no table row read, nothing sorted.
            assert "Index Only Scan" in p and "ix_tenants_name_order" in p, p
            assert "Sort" not in p.replace("Incremental Sort", ""), p
        else:
            with engine.connect() as c:
                from sqlalchemy import text

                # A test table is tiny: price reading it whole out (a scan of it, or of a covering index).
                for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
                    c.execute(text(f"SET LOCAL {setting} = off"))
                q = tenant_search.trigram_query(lq, after, 201)
                compiled = q.compile(engine, compile_kwargs={"literal_binds": True})
                p = "\n".join(r[0] for r in c.execute(text(f"EXPLAIN {compiled}")))
            # The trigram index, never the name order, past a key too: it pages on a copy of the key no index holds.
            assert "Seq Scan" not in p and "ix_tenants_search_trgm" in p and "name_order" not in p, p


def test_the_trigram_index_is_asked_for_the_probes_and_the_rows_checked_for_the_whole_text(services, operator):
    from sqlalchemy import text

    from billing_desktop.services import tenant_search
    from billing_desktop.services.tenant_pages import ListQuery

    _postgres_only(services)
    probes = {"name": ("424", "r42"), "slug": ("424",), "email": ("424", "r42")}
    q = tenant_search.trigram_query(ListQuery(search="owner424"), None, 201, probes)
    engine = services.ctx.engine
    with engine.connect() as c:
        for setting in ("enable_indexscan", "enable_indexonlyscan", "enable_seqscan"):
            c.execute(text(f"SET LOCAL {setting} = off"))
        compiled = q.compile(engine, compile_kwargs={"literal_binds": True})
        p = "\n".join(r[0] for r in c.execute(text(f"EXPLAIN {compiled}")))
    index_conditions = [line for line in p.splitlines() if "Index Cond" in line]
    assert len(index_conditions) == 3 and all("owner424" not in line for line in index_conditions), p
    assert "424" in index_conditions[0] and "Filter" in p and "owner424" in p, p


def test_common_text_is_walked_and_rare_text_asks_the_trigram_index(services, operator):
    """Statistics need rows: 2,000 tenants written straight into the table (as benchmarks/seed_team.py does)."""
    from sqlalchemy import text

    from billing_desktop.services import tenant_search
    from billing_desktop.services.tenant_pages import ListQuery

    _postgres_only(services)
    assert tenant_search.dense_share(1_000_000) == pytest.approx(0.0063, abs=1e-4)
    assert tenant_search.dense_share(2_000) == pytest.approx(0.14, abs=0.01)
    with services.ctx.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO tenants (company_name, slug, email, domain, tier, platform_fee_percent, mode, active,"
                " branding, metadata, created_at, updated_at, version)"
                " SELECT CASE WHEN i % 100 = 0 THEN 'Rare ' ELSE 'Common ' END || i, 't-' || i,"
                " 'owner' || i || '@t' || i || '.example', '', 'free', 0, 'test', true, '{}', '{}', now(), now(), 1"
                " FROM generate_series(1, 2000) AS i"
            )
        )
    with services.ctx.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("ANALYZE tenants"))
    with services.ctx.db() as s:
        assert tenant_search.choose(s, ListQuery(search="common")) is tenant_search.Plan.WALK  # 99%
        assert tenant_search.choose(s, ListQuery(search="co")) is tenant_search.Plan.WALK  # no trigram in it
        assert tenant_search.choose(s, ListQuery(search="rare")) is tenant_search.Plan.TRIGRAM  # 1%
    # Whichever plan, the service's pages are the matches in name order.
    rare = [r.company_name for r in services.tenants.page(operator, search="rare", limit=50).rows]
    assert rare == sorted((f"Rare {i}" for i in range(100, 2001, 100)), key=str.lower)


def _slices(name: str):
    """A piece of a tenant's name in any case, as an operator types it."""
    return st.tuples(st.integers(0, len(name)), st.integers(0, len(name)), st.booleans()).map(
        lambda t: name[t[0] : t[1]].upper() if t[2] else name[t[0] : t[1]]
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(needle=st.text(max_size=12))
@example(needle="\x00")  # SQLite ends a string at NUL: it once matched every tenant
def test_no_typed_text_makes_the_search_fail(services, operator, tenants, needle):
    _check_search(services, operator, tenants, needle)


@pytest.fixture
def analyzed_tenants(services, operator, tenants):
    if services.ctx.engine.dialect.name == "postgresql":
        _analyze(services)
    return tenants


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(needle=st.text(max_size=12) | st.sampled_from(NAMES).flatmap(_slices))
@example(needle="\x00")
@example(needle="o stark")
def test_no_typed_text_makes_the_search_fail_with_statistics(services, operator, analyzed_tenants, needle):
    """With statistics, rare text asks the trigram index for its rarest parts (the sample's probes)."""
    _check_search(services, operator, analyzed_tenants, needle)


def _check_search(services, operator, tenants, needle):
    from billing_desktop.services.tenant_pages import ListQuery

    page = services.tenants.page(operator, query=ListQuery(search=needle), limit=5)
    if needle.isascii():  # beyond ASCII, Python's and the database's lower() may differ (SQLite's is ASCII-only)
        # No tenant's text holds NUL: the service drops it (SQLite ended the pattern there; PostgreSQL refused it)
        assert [r.id for r in page.rows] == expected(tenants, needle.replace("\x00", ""))[:5]

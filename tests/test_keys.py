"""Key lifecycle: created at registration, list masked, reveal, regenerate with grace, revoke, inspect, scan."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from billing_desktop.domain.keys import Kind, generate
from billing_desktop.errors import AppError, PermissionDenied, ReauthRequired, ValidationError
from billing_desktop.store.models import ApiKey
from tests.conftest import OPERATOR_PASSWORD
from tests.support.vault_helpers import keyring_items, sealed

pytestmark = pytest.mark.both_backends  # store and service behaviour must hold on SQLite and PostgreSQL


def secrets_of(services, session, tenant_id):
    """The tenant's current keys as {(kind, mode): full key}."""
    out = {}
    for row in services.keys.list(session, tenant_id):
        if row.status in ("active",):
            out[(row.kind, row.mode)] = services.keys.reveal(session, row.id)
    return out


def test_registration_creates_four_keys_secrets_sealed_in_the_database(services, operator, acme, keyring_backend):
    rows = services.keys.list(operator, acme.id)
    assert sorted((r.kind, r.mode, r.status) for r in rows) == [
        ("publishable", "live", "active"),
        ("publishable", "test", "active"),
        ("secret", "live", "active"),
        ("secret", "test", "active"),
    ]
    for r in rows:
        if r.kind == "secret":
            assert r.masked.startswith(f"sk_{r.mode}_****…") and len(r.masked) == len("sk_live_****…") + 4
        else:
            assert r.masked.startswith(f"pk_{r.mode}_") and len(r.masked) == 41
    assert len(sealed(services)) == 2
    assert [i.rsplit("/", 1)[-1] for i in keyring_items(keyring_backend)] == ["operator-key"]  # one item, ever
    with services.ctx.db() as s:
        for k in s.scalars(select(ApiKey).where(ApiKey.kind == "secret")):
            assert k.publishable_value is None and k.vault_ref


def test_reveal_live_secret_needs_a_recent_password(services, operator, acme, clock):
    live = next(r for r in services.keys.list(operator, acme.id) if (r.kind, r.mode) == ("secret", "live"))
    test = next(r for r in services.keys.list(operator, acme.id) if (r.kind, r.mode) == ("secret", "test"))
    clock.advance(minutes=6)
    assert services.keys.reveal(operator, test.id).startswith("sk_test_")
    with pytest.raises(ReauthRequired):
        services.keys.reveal(operator, live.id)
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)
    key = services.keys.reveal(operator, live.id)
    assert key.startswith("sk_live_") and key.endswith(live.masked[-4:])
    assert services.audit.list(operator)[0].action == "key.reveal"


def test_regenerate_with_grace_keeps_the_old_key_working_until_it_ends(services, operator, acme, clock):
    old = secrets_of(services, operator, acme.id)
    clock.advance(minutes=1)
    new = services.keys.regenerate(operator, acme.id, "live", timedelta(hours=24))
    assert {(k.kind, k.mode) for k in new} == {("publishable", "live"), ("secret", "live")}
    new_live = next(k.key for k in new if k.kind == "secret")
    ins_old = services.inspection.inspect(operator, old[("secret", "live")])
    assert ins_old.status == "expiring" and ins_old.expires_at == clock() + timedelta(hours=24)
    assert ins_old.last_rolled == clock()
    assert services.inspection.inspect(operator, new_live).status == "active"
    assert services.inspection.inspect(operator, old[("secret", "test")]).status == "active"  # untouched
    clock.advance(hours=24, seconds=1)
    assert services.inspection.inspect(operator, old[("secret", "live")]).status == "expired"
    report = services.keys.repair()
    assert report.retired_secrets_removed == 1  # the expired live secret key (publishable keys have none)
    assert services.inspection.inspect(operator, new_live).status == "active"


def test_regenerate_without_grace_revokes_at_once_and_deletes_the_secret(services, operator, acme, keyring_backend):
    old = secrets_of(services, operator, acme.id)
    services.keys.regenerate(operator, acme.id, "all", None)
    for key in old.values():
        ins = services.inspection.inspect(operator, key)
        assert ins.status == "revoked" and ins.revoke_reason == "regenerated"
    assert len(sealed(services)) == 2  # the two new secrets only
    assert set(sealed(services).values()) == {
        v for (k, _), v in secrets_of(services, operator, acme.id).items() if k == "secret"
    }


def test_revoke_needs_a_reason_and_keeps_the_hash(services, operator, acme, keyring_backend):
    old = secrets_of(services, operator, acme.id)
    with pytest.raises(ValidationError) as e:
        services.keys.revoke(operator, acme.id, "test", "  ")
    assert "reason" in e.value.fields
    assert services.keys.revoke(operator, acme.id, "test", "Leaked in a public repo") == 2
    ins = services.inspection.inspect(operator, old[("secret", "test")])
    assert ins.status == "revoked" and ins.revoked_by == operator.email
    assert ins.revoke_reason == "Leaked in a public repo"
    assert "revoked at" in ins.summary and "Leaked" in ins.summary
    assert old[("secret", "test")] not in sealed(services).values()
    entry = services.audit.list(operator)[0]
    assert entry.action == "keys.revoke" and entry.reason == "Leaked in a public repo"
    test_row = next(r for r in services.keys.list(operator, acme.id) if (r.kind, r.mode) == ("secret", "test"))
    with pytest.raises(AppError, match="no longer valid"):
        services.keys.reveal(operator, test_row.id)


def test_inspection_verdicts(services, operator, acme):
    active = secrets_of(services, operator, acme.id)[("secret", "test")]
    typo = active[:-1] + ("x" if active[-1] != "x" else "y")
    cases = {
        active: (True, "active"),
        typo: (False, None),
        generate(Kind.SECRET, "live"): (False, None),  # well-formed, from another installation
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc": (False, None),
    }
    for text, (ours, status) in cases.items():
        ins = services.inspection.inspect(operator, text)
        assert (ins.ours, ins.status) == (ours, status), text
    assert "Acme Inc (acme-inc)" in services.inspection.inspect(operator, active).summary
    assert "Checksum does not match" in services.inspection.inspect(operator, typo).summary
    assert (
        "not one of this platform's keys"
        in services.inspection.inspect(operator, generate(Kind.SECRET, "live")).summary
    )
    assert "Stripe secret API key" in services.inspection.inspect(operator, "sk_test_4eC39HqLyjWDarjtT1zdp7dc").summary


def test_inspection_needs_no_keyring(services, operator, acme, keyring_backend):
    active = secrets_of(services, operator, acme.id)[("secret", "test")]
    keyring_backend.fail_next = RuntimeError("the keyring is locked")
    assert services.inspection.inspect(operator, active).status == "active"
    assert keyring_backend.fail_next is not None  # never asked


def test_tenant_users_recognise_only_their_own_keys(services, operator, acme_users, acme, globex):
    acme_key = secrets_of(services, operator, acme.id)[("secret", "test")]
    globex_key = secrets_of(services, operator, globex.id)[("secret", "test")]
    dev = acme_users["developer"]
    assert services.inspection.inspect(dev, acme_key).ours
    theirs = services.inspection.inspect(dev, globex_key)
    assert not theirs.ours and theirs.tenant_slug is None and "globex" not in theirs.summary.lower()


@pytest.mark.parametrize(
    "role,can_view,can_reveal,can_manage",
    [
        ("owner", True, True, True),
        ("admin", True, True, False),
        ("developer", True, False, False),
        ("operator", True, True, True),
    ],
)
def test_key_role_limits(services, acme_users, acme, globex, role, can_view, can_reveal, can_manage):
    s = acme_users[role]
    rows = services.keys.list(s, acme.id)
    test_secret = next(r for r in rows if (r.kind, r.mode) == ("secret", "test"))
    if can_reveal:
        services.keys.reveal(s, test_secret.id)
    else:
        with pytest.raises(PermissionDenied):
            services.keys.reveal(s, test_secret.id)
    if can_manage:
        services.keys.regenerate(s, acme.id, "test", None)
        services.keys.revoke(s, acme.id, "test", "rotation drill")
    else:
        with pytest.raises(PermissionDenied):
            services.keys.regenerate(s, acme.id, "test", None)
        with pytest.raises(PermissionDenied):
            services.keys.revoke(s, acme.id, "test", "x")
    if role != "operator":
        other = services.keys.list(acme_users["operator"], globex.id)[0]
        for call in (
            lambda: services.keys.list(s, globex.id),
            lambda: services.keys.reveal(s, other.id),
            lambda: services.keys.regenerate(s, globex.id, "test", None),
            lambda: services.keys.revoke(s, globex.id, "test", "x"),
        ):
            with pytest.raises(PermissionDenied):
                call()


def test_regenerate_and_revoke_need_a_recent_password(services, operator, acme, clock):
    clock.advance(minutes=6)
    with pytest.raises(ReauthRequired):
        services.keys.regenerate(operator, acme.id, "test", None)
    with pytest.raises(ReauthRequired):
        services.keys.revoke(operator, acme.id, "test", "x")


def test_scan_finds_platform_and_stripe_credentials(services, operator, acme, tmp_path):
    keys = secrets_of(services, operator, acme.id)
    services.keys.revoke(operator, acme.id, "test", "leaked")
    root = tmp_path / "repo"
    (root / "src").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "src" / "settings.py").write_text(
        f"A = 1\nKEY = '{keys[('secret', 'live')]}'\n\nOLD='{keys[('secret', 'test')]}'\n"
    )
    (root / "notes.md").write_text("stripe: sk_test_4eC39HqLyjWDarjtT1zdp7dc and whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La\n")
    (root / ".git" / "config").write_text(keys[("secret", "live")])
    (root / "blob.bin").write_bytes(b"\0\1\2" + keys[("secret", "live")].encode())
    result = services.inspection.scan(operator, [root])
    found = {(f.path.split("repo/")[1], f.line, f.offset, f.status) for f in result.findings}
    assert found == {
        ("src/settings.py", 2, None, "active"),
        ("src/settings.py", 4, None, "revoked"),
        ("notes.md", 1, None, "unknown"),
        ("blob.bin", 0, 3, "active"),  # a binary file is scanned too, and says where by byte offset
    }
    assert len(result.findings) == 5
    assert all("****…" in f.value for f in result.findings)
    assert result.files_skipped == 0 and result.files_scanned == 3
    stripe = {f.what for f in result.findings if f.path.endswith("notes.md")}
    assert stripe == {"Stripe secret API key", "Stripe webhook signing secret"}


def test_scan_looks_up_many_keys_in_batches_and_reports_each(services, operator, acme, tmp_path):
    keys = secrets_of(services, operator, acme.id)
    unknown = [generate(Kind.SECRET, "live") for _ in range(700)]  # more than one query's worth of hashes
    lines = [f"K{n}={k}" for n, k in enumerate(unknown)]
    lines.insert(612, f"MINE={keys[('secret', 'live')]}")
    (tmp_path / "many.env").write_text("\n".join(lines) + "\n")
    result = services.inspection.scan(operator, [tmp_path])
    assert len(result.findings) == 701
    by_line = {f.line: f.status for f in result.findings}
    assert by_line.pop(613) == "active"
    assert set(by_line.values()) == {"unknown"} and len(by_line) == 700


def test_scan_can_be_cancelled(services, operator, tmp_path):
    for n in range(5):
        (tmp_path / f"f{n}.txt").write_text("nothing here")
    seen = []
    result = services.inspection.scan(
        operator, [tmp_path], progress=lambda n, p: seen.append(p), cancelled=lambda: len(seen) >= 2
    )
    assert result.cancelled and result.files_scanned == 2


def test_scan_candidates_respect_word_boundaries():
    from billing_desktop.services.key_inspection import candidates

    key = generate(Kind.SECRET, "live")
    data = (
        f"a={key}\nxsk_live_{key[8:]}\n{key}x\nwhsec_{'A' * 20} ca_{'B' * 20} acct_{'C' * 10}\n"
        f"tok_test_{'D' * 12} pk_test_short\n"
    ).encode()
    tokens = [t.decode() for _, t in candidates(data)]
    assert tokens == [key, key + "x", "whsec_" + "A" * 20, "ca_" + "B" * 20, "acct_" + "C" * 10]


def test_scan_prefilter_agrees_with_the_exact_patterns():
    from billing_desktop.services.key_inspection import candidates, prefilter

    starts = prefilter()
    if starts is None:
        return  # no hyperscan on this platform: the exact patterns look for their literals themselves
    key = generate(Kind.SECRET, "test")
    for text in (
        f"x = '{key}'",
        "whsec_" + "A" * 20,
        "acct_1234567890",
        "ca_" + "B" * 20,
        "nothing here",
        "sk_test_short",
        "snake_case_variable = 1",
    ):
        found = candidates(text.encode())
        assert bool(starts(text.encode())) == bool(found), text
        assert {start for start, _ in found} <= set(starts(text.encode())), text

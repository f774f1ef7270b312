from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing_desktop.domain.validation import check_domain, check_email, check_password, parse_fee, slugify
from billing_desktop.errors import ValidationError
from tests.conftest import register


@pytest.mark.parametrize("email", ["a@b.co", "john.smith+billing@acme-corp.example"])
def test_valid_emails_pass(email):
    assert check_email(email) is None


@pytest.mark.parametrize("email", ["", "no-at-sign", "a@b", "a b@c.com", "a@-bad.com", "x" * 70 + "@a.com"])
def test_invalid_emails_get_a_message(email):
    assert check_email(email)


def test_password_rules():
    assert check_password("short", "a@b.co") == "Use at least 12 characters."
    assert "email" in check_password("someone@example.com", "someone@example.com")
    assert check_password("x" * 2000) and "at most" in check_password("x" * 2000)
    assert check_password("twelve chars") is None


@pytest.mark.parametrize("password", [" " * 12, "\t" * 20, "a" * 12, "abababababab", "ab ab ab ab ab"])
def test_a_password_of_a_few_repeated_characters_is_refused(password):
    assert "different characters" in check_password(password)


@pytest.mark.parametrize("fee,expected", [("0", "0.00"), ("2.5", "2.50"), ("100", "100.00"), (" 7.25 ", "7.25")])
def test_fee_parses_to_two_decimals(fee, expected):
    assert parse_fee(fee) == Decimal(expected)


@pytest.mark.parametrize("fee", ["-1", "100.01", "abc", "1.234", "NaN", "Infinity"])
def test_bad_fee_names_the_field(fee):
    with pytest.raises(ValidationError) as e:
        parse_fee(fee)
    assert "platform_fee_percent" in e.value.fields


@given(st.text(max_size=300))
def test_slugify_always_gives_a_url_safe_nonempty_slug(name):
    slug = slugify(name)
    assert slug and len(slug) <= 50
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-")


def test_slugify_examples():
    assert slugify("Acme Inc.") == "acme-inc"
    assert slugify("Café Müller & Söhne") == "cafe-muller-sohne"
    assert slugify("日本") == "ri-ben"  # transliterated, not the fallback `tenant`
    assert slugify("Газпром") == "gazprom"
    assert slugify("💳") == "credit-card" and slugify("\u200b") == "tenant"


def test_domain_rules():
    assert check_domain("") is None
    assert check_domain("acme.example") is None
    assert check_domain("https://acme.example")
    assert check_domain("acme.example/path")


@pytest.mark.parametrize(
    "bad", ["\x1b[31mRed\x1b[0m", "Acme\u202eInc", "Acme\u2066Inc", "Acme\x9bInc", "A\x00B", "A\nB"]
)
def test_control_and_bidi_characters_are_refused_in_names_emails_and_urls(services, operator, bad):
    from billing_desktop.domain.validation import check_company_name, check_email, check_person_name
    from billing_desktop.domain.webhooks import check_url

    assert "control character" in check_company_name(bad)
    assert "control character" in check_person_name(bad)
    assert check_email(f"a{bad}@example.com") is not None
    assert "control characters" in check_url(
        f"https://hooks{bad}.example/x", "test", lambda h: ["93.184.216.34"], allow_private=False
    )
    with pytest.raises(ValidationError) as e:
        register(services, operator, bad, "owner@bad.example")
    assert "company_name" in e.value.fields


def test_branding_and_metadata_have_a_size_limit(services, operator):
    """A tenant owner may edit them: a 10 MB paste would be stored, audited and loaded with every tenant view."""
    from billing_desktop.domain.validation import MAX_JSON_LENGTH, check_json_object, parse_json_object

    big = {"logo": "x" * MAX_JSON_LENGTH}
    assert "at most" in check_json_object(big)
    assert check_json_object({"logo": "x" * (MAX_JSON_LENGTH - 20)}) is None
    with pytest.raises(ValidationError) as refused:
        parse_json_object('{"a": "' + "y" * 10_000_000 + '"}', "metadata")
    assert "at most" in refused.value.fields["metadata"]
    acme = register(services, operator, "Acme", "owner@acme.example")
    with pytest.raises(ValidationError) as refused:
        services.tenants.update(operator, acme.id, {"metadata": big})
    assert "metadata" in refused.value.fields
    assert services.tenants.get(operator, acme.id).metadata == {}

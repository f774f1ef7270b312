"""Key format and checksum properties."""

import string

from hypothesis import given
from hypothesis import strategies as st

from billing_desktop.domain.keys import ALPHABET, BODY_LEN, Kind, examine, generate, mask

kinds = st.sampled_from(list(Kind))
modes = st.sampled_from(["test", "live"])


@given(kinds, modes)
def test_generated_keys_are_well_formed_and_say_what_they_are(kind, mode):
    key = generate(kind, mode)
    v = examine(key)
    assert v.well_formed and v.checksum_ok
    assert (v.kind, v.mode) == (kind.value, mode)
    assert key.startswith(("pk_" if kind is Kind.PUBLISHABLE else "sk_") + mode + "_")
    assert len(key) == 8 + BODY_LEN


@given(kinds, modes, st.data())
def test_any_single_character_change_is_caught(kind, mode, data):
    key = generate(kind, mode)
    i = data.draw(st.integers(8, len(key) - 1))
    c = data.draw(st.sampled_from(ALPHABET).filter(lambda ch: ch != key[i]))
    typo = key[:i] + c + key[i + 1 :]
    v = examine(typo)
    assert not v.well_formed and v.checksum_ok is False


@given(kinds, modes, st.integers(1, 20))
def test_truncated_copies_are_caught(kind, mode, cut):
    v = examine(generate(kind, mode)[:-cut])
    assert not v.well_formed and "Wrong length" in v.problem


@given(kinds, st.data())
def test_switching_mode_or_kind_breaks_the_checksum(kind, data):
    key = generate(kind, "test")
    forged = key.replace("_test_", "_live_", 1)
    assert examine(forged).checksum_ok is False
    other = ("sk_" if key.startswith("pk_") else "pk_") + key[3:]
    assert examine(other).checksum_ok is False


@given(st.text(alphabet=string.ascii_letters + string.digits, min_size=33, max_size=33), modes)
def test_random_lookalikes_almost_never_pass(body, mode):
    v = examine(f"sk_{mode}_{body}")
    # 1 in 2**32 would pass; hypothesis will not find one by chance.
    assert not v.well_formed


def test_masking_shows_prefix_and_last_four_only():
    key = generate(Kind.SECRET, "live")
    assert mask(key) == f"sk_live_****…{key[-4:]}"
    assert key[8:-4] not in mask(key)


def test_keys_are_unique():
    assert len({generate(Kind.SECRET, "test") for _ in range(2000)}) == 2000


def test_stripe_shaped_credentials_are_named():
    cases = {
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc": "Stripe secret API key",
        "pk_live_51H8abcdefghijklmnopqrstuvwxyz": "Stripe publishable API key",
        "rk_live_51H8abcdefghijklmnopqrstuv": "Stripe restricted API key",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw": "Stripe webhook signing secret",
        "acct_1032D82eZvKYlo2C": "Stripe account ID (not a secret)",
        "ca_FkyHCg7X8mlvCUdMDao4mMxagUfhtu1W": "Stripe Connect client ID (not a secret)",
    }
    for text, what in cases.items():
        v = examine(text)
        assert not v.well_formed and v.stripe_shape == what, text


def test_bad_input_gets_a_verdict_never_a_crash():
    key = generate(Kind.SECRET, "test")
    cases = {
        "": "Nothing to inspect",
        "   \n\t": "Nothing to inspect",
        "x" * 1_000_000: "Too long",
        key[:10] + "\x00" + key[11:]: "NUL",
        # Cyrillic a for Latin a; full-width s and k
        key.replace("a", "\u0430") if "a" in key else "sk_test_" + "\u0430" * 33: "non-ASCII",
        "\uff53\uff4b_test_" + key[8:]: "look-alike",
        key[:20] + " " + key[20:]: "spaces",
        "hello": "Not a key",
    }
    for text, expected in cases.items():
        v = examine(text)
        assert not v.well_formed and expected in v.problem, (expected, v.problem)
    assert examine(f"  {key}\n").well_formed  # surrounding whitespace from a copy is forgiven

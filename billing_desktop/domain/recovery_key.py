"""The recovery key's written form: 160 random bits as 32 Crockford base32 characters plus 4 check characters,
in nine groups of four (XXXX-XXXX-…-CCCC). Read back forgivingly (case, spaces and dashes ignored; O→0, I/L→1);
the check characters catch a mistyped character before any cryptography runs. Pure: no I/O."""

from __future__ import annotations

import hashlib

from billing_desktop.errors import ValidationError, msg

SECRET_BYTES = 20  # 160 bits: far beyond guessing, short enough to type from paper
_DATA_CHARS = 32
_CHECK_CHARS = 4
GROUPS = (_DATA_CHARS + _CHECK_CHARS) // 4
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_FIELD = "recovery_key"


def _check(data: str) -> str:
    n = int.from_bytes(hashlib.sha256(b"billing-desktop/recovery-key-check/v1\0" + data.encode()).digest()[:3], "big")
    return "".join(_ALPHABET[(n >> (5 * i)) & 31] for i in reversed(range(_CHECK_CHARS)))


def encode(secret: bytes) -> str:
    if len(secret) != SECRET_BYTES:
        raise ValueError("a recovery key is 20 bytes")
    n = int.from_bytes(secret, "big")
    data = "".join(_ALPHABET[(n >> (5 * i)) & 31] for i in reversed(range(_DATA_CHARS)))
    text = data + _check(data)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def decode(text: str) -> bytes:
    """The 20 secret bytes, or ValidationError (field `recovery_key`) saying what is wrong with what was typed."""
    clean = "".join(c for c in (text or "").upper() if c not in " -\t\r\n")
    clean = clean.replace("O", "0").replace("I", "1").replace("L", "1")
    if not clean:
        raise ValidationError({_FIELD: msg("Enter the recovery key (nine groups of four characters).")})
    bad = sorted({c for c in clean if c not in _ALPHABET})
    if bad:
        raise ValidationError(
            {_FIELD: msg("A recovery key has no {value}: check what you typed.", value=", ".join(repr(c) for c in bad))}
        )
    want = _DATA_CHARS + _CHECK_CHARS
    if len(clean) != want:
        raise ValidationError(
            {
                _FIELD: msg(
                    "That is {len_clean} characters; a recovery key has {want} (nine groups of four).",
                    len_clean=len(clean),
                    want=want,
                )
            }
        )
    data, check = clean[:_DATA_CHARS], clean[_DATA_CHARS:]
    if _check(data) != check:
        raise ValidationError(
            {
                _FIELD: msg(
                    "The recovery key does not add up: a character is mistyped. Compare each group with the page."
                )
            }
        )
    n = 0
    for c in data:
        n = n * 32 + _ALPHABET.index(c)
    return n.to_bytes(SECRET_BYTES, "big")


def looks_complete(text: str) -> bool:
    """For a form: enough characters typed to be worth checking."""
    return sum(c.isalnum() for c in text or "") >= _DATA_CHARS + _CHECK_CHARS


def page_text(key: str, fingerprint: str, created: str, where: str) -> str:
    """The page to print or save: the key, what it is for, and what to do with it."""
    return (
        "Billing Desktop — recovery key\n"
        "==============================\n\n"
        f"    {key}\n\n"
        f"Fingerprint: {fingerprint}   Created: {created}\n"
        f"Database: {where}\n\n"
        "This key opens every backup of this database and every secret in it (Stripe keys, webhook signing\n"
        "secrets, Connect tokens). With a backup file it restores everything on a new machine.\n\n"
        "Keep it away from the computer: on paper in a safe place, or in a password manager that is not on\n"
        "this laptop. Anyone holding this key and a backup holds your secrets.\n\n"
        "If it is exposed: rotate it (Tools → Recovery key… → Rotate), make a new backup, delete older ones.\n"
    )

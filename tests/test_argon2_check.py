"""`keys inspect`'s password check through libargon2's bindings (services/credentials.Argon2Check) answers as
argon2-cffi's PasswordHasher does, and takes only hashes of its exact parameters as its own."""

import pytest
from argon2 import PasswordHasher, Type

from billing_desktop.services.context import default_hasher
from billing_desktop.services.credentials import Argon2Check, dummy_hash, password_matches

PASSWORD = "correct horse battery"
FAST = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


def test_the_production_parameters_are_the_default_hashers():
    ours, theirs = Argon2Check(), default_hasher()
    assert theirs.type == Type.ID
    for name in ("time_cost", "memory_cost", "parallelism", "hash_len", "salt_len"):
        assert getattr(ours, name) == getattr(theirs, name), name
    stored = theirs.hash(PASSWORD)  # one production hash: the check reads it as its own and verifies it
    assert ours.made_here(stored) and not theirs.check_needs_rehash(stored)
    assert ours.verify(stored, PASSWORD) and not ours.verify(stored, PASSWORD + "!")


@pytest.mark.parametrize("kind", [Type.ID, Type.I, Type.D])
def test_it_verifies_what_password_hasher_verifies(kind):
    hasher = PasswordHasher(**FAST, type=kind)
    check = Argon2Check(**FAST)
    stored = hasher.hash(PASSWORD)
    for attempt in (PASSWORD, PASSWORD + " ", "", "correct horse battery".upper(), "pässwörd"):
        assert check.verify(stored, attempt) == password_matches(hasher, stored, attempt), attempt
    assert check.made_here(stored) == (kind == Type.ID)
    assert check.made_here(stored) == (not PasswordHasher(**FAST).check_needs_rehash(stored))  # argon2id's view


def test_a_hash_of_other_parameters_is_not_its_own_but_still_verifies():
    check = Argon2Check(**FAST)
    for other in ({**FAST, "time_cost": 2}, {**FAST, "memory_cost": 16}, {**FAST, "parallelism": 2, "memory_cost": 16}):
        hasher = PasswordHasher(**other)
        stored = hasher.hash(PASSWORD)
        assert not check.made_here(stored) and Argon2Check.like(hasher).made_here(stored)
        assert check.verify(stored, PASSWORD)  # as PasswordHasher.verify would: the parameters are in the hash
    longer = PasswordHasher(**FAST, hash_len=64).hash(PASSWORD)
    assert not check.made_here(longer) and PasswordHasher(**FAST).check_needs_rehash(longer)


def test_damaged_or_foreign_hashes_are_refused():
    hasher = PasswordHasher(**FAST)
    check = Argon2Check.like(hasher)
    stored = hasher.hash(PASSWORD)
    flipped = stored[:-1] + ("A" if stored[-1] != "A" else "B")
    for bad in ("", "x", "$argon2id$", "$argon2id$v=19$m=8,t=1,p=1$bad", "$2b$12$abcdefghijk", flipped, stored + "A"):
        assert not check.verify(bad, PASSWORD) and not password_matches(hasher, bad, PASSWORD), bad
        assert bad == flipped or not check.made_here(bad), bad  # a flipped character keeps the shape
    assert not check.verify(stored.replace("$", "é", 1), PASSWORD)  # not ASCII: no hash at all


def test_the_dummy_hash_costs_a_verification_and_matches_nothing():
    check = Argon2Check(**FAST)
    dummy = dummy_hash(check)
    assert check.made_here(dummy)  # the same parameters: the same cost as a real account's hash
    assert not check.verify(dummy, PASSWORD) and not password_matches(check, None, PASSWORD)
    assert dummy_hash(PasswordHasher(**FAST)).split("$")[:4] == dummy.split("$")[:4]


def test_only_argon2id_hashers_have_a_check():
    with pytest.raises(ValueError, match="argon2id"):
        Argon2Check.like(PasswordHasher(**FAST, type=Type.I))

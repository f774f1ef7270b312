"""Lockout holds under parallel guesses, and an unknown email is indistinguishable from a wrong password."""

from dataclasses import replace
from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from billing_desktop.errors import AccountLocked, AuthenticationFailed
from billing_desktop.services.auth import AuthService
from tests.conftest import OPERATOR_EMAIL, OPERATOR_PASSWORD
from tests.support import parallel

GUESSES = 20


@pytest.mark.both_backends
def test_twenty_parallel_wrong_passwords_lock_the_account(tmp_path, database_url):
    # A hasher slow enough (tens of ms) that the guesses overlap, light enough for 20 processes at once.
    world = parallel.World(db_url=database_url, keyring_file=str(tmp_path / "k.json"), hasher=(2, 16384, 1))
    services = parallel.open_services(world)
    services.auth.create_operator(world.email, world.password)
    outcomes = parallel.run(world, "auth.sign_in", [(world.email, "wrong-password-here")] * GUESSES)
    assert {o[1] for o in outcomes} <= {"AuthenticationFailed", "AccountLocked"}, outcomes
    assert sum(o[1] == "AccountLocked" for o in outcomes) >= GUESSES - 4  # every guess after the fifth: locked
    with pytest.raises(AccountLocked):  # and the right password is refused until the lock ends
        services.auth.sign_in(world.email, world.password)
    services.close()


class CountingHasher(PasswordHasher):
    def __init__(self):
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.work = 0

    def hash(self, *args, **kwargs):
        self.work += 1
        return super().hash(*args, **kwargs)

    def verify(self, *args, **kwargs):
        self.work += 1
        return super().verify(*args, **kwargs)


def test_unknown_email_costs_one_hash_like_a_wrong_password_in_a_fresh_process(services, operator):
    for email in ("nobody@platform.example", OPERATOR_EMAIL):
        hasher = CountingHasher()
        services.ctx.hasher = hasher
        fresh = AuthService(services.ctx)  # nothing cached, as in a new process
        with pytest.raises(AuthenticationFailed):
            fresh.sign_in(email, "wrong-password-here")
        assert hasher.work == 1, email


def _five_then_right(services, email, password):
    answers = []
    for attempt in [*["wrong-password-here"] * 5, password]:
        try:
            services.auth.sign_in(email, attempt)
            answers.append(("ok", ""))
        except AuthenticationFailed as exc:
            answers.append((type(exc).__name__, str(exc)))
    return answers


def test_unknown_email_is_throttled_and_answers_exactly_like_an_account(services, operator, clock):
    known = _five_then_right(services, OPERATOR_EMAIL, OPERATOR_PASSWORD)
    unknown = _five_then_right(services, "nobody@platform.example", OPERATOR_PASSWORD)
    assert unknown == known
    assert [a[0] for a in known] == ["AuthenticationFailed"] * 4 + ["AccountLocked"] * 2
    clock.advance(minutes=16)
    assert services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD).email == OPERATOR_EMAIL
    with pytest.raises(AuthenticationFailed) as e:
        services.auth.sign_in("nobody@platform.example", OPERATOR_PASSWORD)
    assert type(e.value) is AuthenticationFailed  # the unknown email's lock ended too


class InterruptedHasher(CountingHasher):
    """Runs `meanwhile` once, after checking a password and before the answer is used."""

    def __init__(self, meanwhile):
        super().__init__()
        self.meanwhile = meanwhile

    def verify(self, *args, **kwargs):
        ok = super().verify(*args, **kwargs)
        meanwhile, self.meanwhile = self.meanwhile, None
        if meanwhile:
            meanwhile()
        return ok


def test_a_lock_that_lands_while_the_right_password_is_checked_wins(services, operator):
    def five_wrong_guesses_from_elsewhere():
        for _ in range(5):
            with pytest.raises(AuthenticationFailed):
                services.auth.sign_in(OPERATOR_EMAIL, "wrong-password-here")

    services.ctx.hasher = InterruptedHasher(five_wrong_guesses_from_elsewhere)
    with pytest.raises(AccountLocked):
        services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)


def _throttle_rows(services) -> int:
    from sqlalchemy import func, select

    from billing_desktop.store.models import SignInThrottle

    with services.ctx.db() as s:
        return s.scalar(select(func.count()).select_from(SignInThrottle))


def test_the_unknown_email_throttle_is_pruned_and_stays_bounded(services, operator, clock):
    """A spray of made-up emails leaves a row each; a window later they are gone, except a lock still in force."""
    for n in range(40):
        with pytest.raises(AuthenticationFailed):
            services.auth.sign_in(f"sprayed-{n}@platform.example", "wrong-password-here")
    for _ in range(5):  # this one gets locked
        with pytest.raises(AuthenticationFailed):
            services.auth.sign_in("locked@platform.example", "wrong-password-here")
    assert _throttle_rows(services) == 41
    clock.advance(hours=24, minutes=1)  # the window passed; a 15-minute lock ended long ago too
    with pytest.raises(AuthenticationFailed):
        services.auth.sign_in("next@platform.example", "wrong-password-here")
    assert _throttle_rows(services) == 1  # only the failure just now
    services.ctx.policy = replace(services.ctx.policy, lockout=timedelta(days=3))  # a lock outliving the window
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            services.auth.sign_in("locked@platform.example", "wrong-password-here")
    clock.advance(hours=24, minutes=1)
    with pytest.raises(AuthenticationFailed):
        services.auth.sign_in("other@platform.example", "wrong-password-here")
    assert _throttle_rows(services) == 2  # the locked email (lock in force) and the new one


def test_failures_lapse_after_the_window_for_accounts_and_unknown_emails_alike(services, operator, clock):
    """Pruning must not tell the two apart: an account's old failures lapse exactly as a pruned row's do."""

    def four_wrong_then_wait_then_two(email):
        answers = []
        for n in range(6):
            if n == 4:
                clock.advance(hours=25)
            try:
                services.auth.sign_in(email, "wrong-password-here")
            except AuthenticationFailed as exc:
                answers.append(type(exc).__name__)
        return answers

    known = four_wrong_then_wait_then_two(OPERATOR_EMAIL)
    unknown = four_wrong_then_wait_then_two("nobody@platform.example")
    assert known == unknown == ["AuthenticationFailed"] * 6  # 4 + 2 within no window: never five
    assert services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD).email == OPERATOR_EMAIL

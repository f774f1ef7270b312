"""The one way to the OS keyring. Names its backend; every failure becomes one VaultError; no plain-text fallback.

Since the sealed vault, the keyring holds one item per database: this OS account's operator private key."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from billing_desktop.errors import VaultError, msg

log = logging.getLogger(__name__)
SERVICE = "billing-desktop"
T = TypeVar("T")

_NO_KEYRING = (
    "No OS keyring is available ({detail}). Billing Desktop keeps secrets only in the OS keyring: "
    "on Linux start a Secret Service (GNOME Keyring or KWallet) and unlock it; "
    "on Windows and macOS the system keychain is used. Then try again."
)
# Backends that would keep secrets in a file we do not trust as a keyring.
_REFUSED_MODULES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


def _describe(backend: Any) -> str:
    inner = getattr(backend, "backends", None)
    if type(backend).__module__ == "keyring.backends.chainer" and inner:
        return " + ".join(_describe(b) for b in inner)  # the chainer itself says nothing useful
    name = getattr(backend, "name", None) or type(backend).__name__
    return str(name)


class OsKeyring:
    """Items under one service name; the backend is found on first use (D-Bus is slow to ask)."""

    def __init__(self, backend: Any | None = None, service: str = SERVICE):
        self._backend = backend
        self._service = service
        self._lock = threading.Lock()

    # -- backend -------------------------------------------------------------------------------------------------
    def _get_backend(self) -> Any:
        with self._lock:
            if self._backend is None:
                try:
                    import keyring

                    self._backend = keyring.get_keyring()
                except Exception as exc:
                    raise VaultError(_NO_KEYRING.format(detail=type(exc).__name__)) from None
            backend = self._backend
        self._refuse_unsafe(backend)
        return backend

    @staticmethod
    def _refuse_unsafe(backend: Any) -> None:
        module = type(backend).__module__
        if module.startswith(_REFUSED_MODULES):
            raise VaultError(_NO_KEYRING.format(detail=f"only {_describe(backend)} was found"))
        if module == "keyring.backends.chainer" and not getattr(backend, "backends", None):
            raise VaultError(_NO_KEYRING.format(detail="no backend was found"))

    @property
    def backend_name(self) -> str:
        """Human name of the backend, or why there is none; never raises."""
        try:
            return _describe(self._get_backend())
        except VaultError:
            return "none (no OS keyring)"

    def check(self) -> str:
        """Round-trip a throwaway secret; returns the backend name or raises VaultError."""
        probe = "doctor/probe"
        self.set(probe, "probe")
        try:
            if self.get(probe) != "probe":
                raise VaultError(msg("The OS keyring did not return what was stored in it."))
        finally:
            self.delete(probe)
        return self.backend_name

    # -- items ---------------------------------------------------------------------------------------------------
    def _call(self, what: str, fn: Callable[..., T], *args: str) -> T:
        backend = self._get_backend()
        try:
            return fn(backend, *args)
        except VaultError:
            raise
        except Exception as exc:
            # The exception text of a backend may quote what was passed to it: log only its type.
            log.warning("keyring %s failed with %s", what, type(exc).__name__)
            raise VaultError(
                msg(
                    "The OS keyring ({describe_backend}) refused to {what} a secret: {name}. Unlock the "
                    "keyring and try again.",
                    describe_backend=_describe(backend),
                    what=what,
                    name=type(exc).__name__,
                )
            ) from None

    def set(self, name: str, secret: str) -> None:
        if not isinstance(secret, str) or not secret:
            raise VaultError(msg("Refusing to store an empty secret."))
        self._call("store", lambda b, n, s: b.set_password(self._service, n, s), name, secret)

    def get(self, name: str) -> str | None:
        def _get(backend: Any, n: str) -> str | None:
            value = backend.get_password(self._service, n)
            return None if value is None else str(value)

        return self._call("read", _get, name)

    def delete(self, name: str) -> bool:
        """True if something was deleted; a missing secret is not an error."""

        def _delete(backend: Any, n: str) -> bool:
            import keyring.errors

            try:
                backend.delete_password(self._service, n)
            except keyring.errors.PasswordDeleteError:
                return False
            return True

        return self._call("delete", _delete, name)

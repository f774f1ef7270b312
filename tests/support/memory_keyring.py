"""An in-memory keyring backend, for unit tests only (integration tests use the real Secret Service)."""

import keyring.backend
import keyring.errors


class MemoryKeyring(keyring.backend.KeyringBackend):
    @keyring.backend.properties.classproperty
    def priority(cls):  # noqa: N805 - keyring's classproperty passes the class
        # Not viable for discovery: used only where a test passes it in, never picked up by keyring.get_keyring().
        raise RuntimeError("MemoryKeyring is only used when passed in explicitly")

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}
        self.fail_next: Exception | None = None

    def _maybe_fail(self):
        if self.fail_next is not None:
            exc, self.fail_next = self.fail_next, None
            raise exc

    def set_password(self, service, username, password):
        self._maybe_fail()
        self.store[(service, username)] = password

    def get_password(self, service, username):
        self._maybe_fail()
        return self.store.get((service, username))

    def delete_password(self, service, username):
        self._maybe_fail()
        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.store[(service, username)]

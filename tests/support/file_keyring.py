"""A keyring backend in one JSON file, shared by the processes of a concurrency test (fcntl-locked).

Concurrency tests start real processes, which cannot share an in-memory keyring; the real Secret Service cannot
list what one test stored without also seeing others'. This file can: `entries()` is what an orphan check needs.
"""

from __future__ import annotations

import fcntl
import json
from contextlib import contextmanager
from pathlib import Path

import keyring.backend
import keyring.errors


class FileKeyring(keyring.backend.KeyringBackend):
    @keyring.backend.properties.classproperty
    def priority(cls):  # noqa: N805 - keyring's classproperty
        raise RuntimeError("FileKeyring is only used when passed in explicitly")

    def __init__(self, path: str | Path):
        super().__init__()
        self.path = Path(path)

    @contextmanager
    def _locked(self):
        with open(self.path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                data = json.loads(self.path.read_text()) if self.path.exists() else {}
                yield data
                self.path.write_text(json.dumps(data))
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def set_password(self, service, username, password):
        with self._locked() as data:
            data[f"{service}\n{username}"] = password

    def get_password(self, service, username):
        with self._locked() as data:
            return data.get(f"{service}\n{username}")

    def delete_password(self, service, username):
        with self._locked() as data:
            if data.pop(f"{service}\n{username}", None) is None:
                raise keyring.errors.PasswordDeleteError("not found")

    def entries(self) -> dict[str, str]:
        """username -> secret for everything stored."""
        with self._locked() as data:
            return {k.split("\n", 1)[1]: v for k, v in data.items()}

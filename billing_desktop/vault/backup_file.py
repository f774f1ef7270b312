"""The backup file's bytes: a plain header (which vault, the vault key sealed to the recovery key and to each
operator, a random salt) and a payload encrypted in 1 MiB chunks with ChaCha20-Poly1305 under a key derived from
the vault key and the salt (HKDF-SHA256). Each chunk's nonce is its number plus a last-chunk flag, and its
associated data is the header's SHA-256: a flipped byte anywhere, a dropped, repeated or reordered chunk, or a
cut-off end is refused. The header names no tenant and holds nothing that opens without a key."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from billing_desktop.errors import BackupDamaged, msg
from billing_desktop.vault.members import Cancelled

MAGIC = b"BILLING-DESKTOP-BACKUP\0"
FORMAT = 1
CHUNK = 1 << 20
_TAG = 16
_MAX_HEADER = 1 << 20


@dataclass(frozen=True)
class Copy:
    kind: str  # "recovery" | "operator"
    fingerprint: str
    sealed: bytes


@dataclass(frozen=True)
class Header:
    vault_id: str
    generation: int
    created_at: str
    app_version: str
    copies: tuple[Copy, ...]
    salt: bytes

    def to_bytes(self) -> bytes:
        body = {
            "format": FORMAT,
            "vault_id": self.vault_id,
            "generation": self.generation,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "salt": base64.b64encode(self.salt).decode(),
            "copies": [
                {"kind": c.kind, "fingerprint": c.fingerprint, "sealed": base64.b64encode(c.sealed).decode()}
                for c in self.copies
            ],
        }
        return json.dumps(body, sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Header:
        try:
            body = json.loads(raw.decode())
            if body.get("format") != FORMAT:
                raise BackupDamaged(
                    msg(
                        "This backup has format {value!r}; this version of Billing Desktop reads format {format}. "
                        "Use the version that made it, or a newer one.",
                        value=body.get("format"),
                        format=FORMAT,
                    )
                )
            return cls(
                vault_id=str(body["vault_id"]),
                generation=int(body["generation"]),
                created_at=str(body["created_at"]),
                app_version=str(body["app_version"]),
                salt=base64.b64decode(body["salt"], validate=True),
                copies=tuple(
                    Copy(str(c["kind"]), str(c["fingerprint"]), base64.b64decode(c["sealed"], validate=True))
                    for c in body["copies"]
                ),
            )
        except BackupDamaged:
            raise
        except (ValueError, KeyError, TypeError, AttributeError):
            raise BackupDamaged(msg("The backup's header is damaged: this file was altered or is not whole.")) from None


def new_salt() -> bytes:
    return os.urandom(32)


def _file_key(vault_key: bytes, header: Header) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=header.salt,
        info=b"billing-desktop/backup-file/v1\0" + header.vault_id.encode(),
    ).derive(vault_key)


def _nonce(index: int, *, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\1" if last else b"\0")


def write(
    out: BinaryIO,
    header: Header,
    vault_key: bytes,
    chunks: Iterator[bytes],
    cancelled: Callable[[], bool] = lambda: False,
) -> None:
    """Encrypt `chunks` (each at most CHUNK bytes) after the header; Cancelled when `cancelled()` says so."""
    raw = header.to_bytes()
    out.write(MAGIC + struct.pack(">I", len(raw)) + raw)
    aead, aad = ChaCha20Poly1305(_file_key(vault_key, header)), hashlib.sha256(MAGIC + raw).digest()
    index, pending = 0, next(chunks, b"")
    while True:
        nxt = next(chunks, None)
        last = nxt is None
        ct = aead.encrypt(_nonce(index, last=last), pending, aad)
        out.write(struct.pack(">I", len(ct)) + ct)
        if last:
            return
        if cancelled():
            raise Cancelled(msg("The backup was cancelled; the partial file was removed."))
        assert nxt is not None
        index, pending = index + 1, nxt


def read_header(f: BinaryIO) -> tuple[Header, bytes]:
    """The header and its raw bytes (for the chunks' associated data)."""
    magic = f.read(len(MAGIC))
    if magic != MAGIC:
        raise BackupDamaged(msg("This file is not a Billing Desktop backup (it does not start like one)."))
    size = f.read(4)
    if len(size) < 4:
        raise BackupDamaged(msg("The backup is cut off inside its header: the file is not whole."))
    (n,) = struct.unpack(">I", size)
    if n > _MAX_HEADER:
        raise BackupDamaged(msg("The backup's header is damaged: this file was altered or is not whole."))
    raw = f.read(n)
    if len(raw) < n:
        raise BackupDamaged(msg("The backup is cut off inside its header: the file is not whole."))
    return Header.from_bytes(raw), raw


def read(f: BinaryIO, header: Header, raw_header: bytes, vault_key: bytes) -> Iterator[bytes]:
    """The payload's plaintext, chunk by chunk, each authenticated before it is yielded."""
    aead, aad = ChaCha20Poly1305(_file_key(vault_key, header)), hashlib.sha256(MAGIC + raw_header).digest()
    index = 0
    while True:
        size = f.read(4)
        if len(size) < 4:
            raise BackupDamaged(msg("The backup ends too early: the file was cut off (an interrupted copy or sync?)."))
        (n,) = struct.unpack(">I", size)
        if n > CHUNK + _TAG:
            raise BackupDamaged(msg("The backup is damaged at chunk {value}: this file was altered.", value=index + 1))
        ct = f.read(n)
        if len(ct) < n:
            raise BackupDamaged(msg("The backup ends too early: the file was cut off (an interrupted copy or sync?)."))
        for last in (False, True):
            try:
                plain = aead.decrypt(_nonce(index, last=last), ct, aad)
            except InvalidTag:
                continue
            yield plain
            if last:
                if f.read(1):
                    raise BackupDamaged(msg("The backup has bytes after its end: this file was altered."))
                return
            break
        else:
            if index == 0:
                raise BackupDamaged(
                    msg("The backup does not open: its header or first part was altered (the key itself matched).")
                )
            raise BackupDamaged(msg("The backup is damaged at chunk {value}: this file was altered.", value=index + 1))
        index += 1

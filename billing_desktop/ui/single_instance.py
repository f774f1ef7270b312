"""One app per data directory: a second launch hands its arguments to the running one, which comes to the front.

QLockFile decides who runs (a lock left by a crashed process is taken over: the lock names a PID that no longer
lives); QLocalServer carries the second launch's arguments to the first. The app takes the lock before its first
window and starts listening just after it has painted (QtNetwork is not on the start-up path); a second launch in
that moment keeps trying to connect for up to CONNECT_MS."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCryptographicHash, QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer  # not at run time: QtNetwork is off the start-up path

CONNECT_MS = 2000


def server_name(data_dir: Path) -> str:
    # A short name (Qt puts it in the temp dir, or makes it a pipe on Windows), one per user and data directory.
    # SHA-256 through Qt, which is loaded anyway (hashlib would load OpenSSL at start-up).
    digest = QCryptographicHash.hash(QByteArray(str(data_dir.resolve()).encode()), QCryptographicHash.Algorithm.Sha256)
    return f"billing-desktop-{bytes(digest.toHex().data()).decode()[:16]}"


class SingleInstance(QObject):
    activated = Signal(list)  # another launch's arguments

    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.lock = QLockFile(str(data_dir / "instance.lock"))
        self.lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
        self.name = server_name(data_dir)
        self.server: QLocalServer | None = None  # once listening

    def claim(self, args: list[str], *, listen: bool = True) -> bool:
        """True: this is the first instance (listening, unless `listen` is False: then call `listen()` soon).
        False: the running one has the arguments."""
        if self.lock.tryLock(100):
            if listen:
                self.listen()
            return True
        return not self._hand_over(args)

    def listen(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        if self.server is not None:
            return
        QLocalServer.removeServer(self.name)  # a socket file a crashed instance left behind
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self.server.listen(self.name)

    def _hand_over(self, args: list[str]) -> bool:
        # Blocking, but only in a second launch that is about to exit and has no window yet. The holder may have
        # its lock but not yet its server (it listens once its first window has painted): keep trying a while.
        import json

        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        deadline = time.monotonic() + CONNECT_MS / 1000
        while True:
            socket.connectToServer(self.name)
            if socket.waitForConnected(max(1, int((deadline - time.monotonic()) * 1000))):
                break
            socket.abort()
            if time.monotonic() >= deadline:
                return False  # the holder does not answer (hung): run rather than do nothing
            time.sleep(0.05)
        socket.write(json.dumps({"args": args}).encode() + b"\n")
        socket.flush()
        socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        return True

    def _accept(self) -> None:
        server = self.server
        if server is None:  # released meanwhile (the app is quitting)
            return
        while server.hasPendingConnections():
            conn = server.nextPendingConnection()
            buffer = bytearray()

            def read(conn=conn, buffer=buffer) -> None:
                buffer.extend(bytes(conn.readAll()))
                if buffer.endswith(b"\n"):
                    self._received(bytes(buffer))
                    conn.disconnectFromServer()

            conn.readyRead.connect(read)
            conn.disconnected.connect(conn.deleteLater)

    def _received(self, data: bytes) -> None:
        import json

        try:
            args = json.loads(data.decode())["args"]
        except (ValueError, KeyError, TypeError):
            return  # not ours: ignore
        if isinstance(args, list) and all(isinstance(a, str) for a in args):
            self.activated.emit(args)

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()

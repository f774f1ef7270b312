"""One app per data directory: a second launch hands its arguments to the running one, which comes to the front.

QLockFile decides who runs (a lock left by a crashed process is taken over: the lock names a PID that no longer
lives); QLocalServer carries the second launch's arguments to the first."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_MS = 2000


def server_name(data_dir: Path) -> str:
    # A short name (Qt puts it in the temp dir, or makes it a pipe on Windows), one per user and data directory.
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"billing-desktop-{digest}"


class SingleInstance(QObject):
    activated = Signal(list)  # another launch's arguments

    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.lock = QLockFile(str(data_dir / "instance.lock"))
        self.lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
        self.name = server_name(data_dir)
        self.server: QLocalServer | None = None

    def claim(self, args: list[str]) -> bool:
        """True: this is the first instance, now listening. False: the running one has the arguments."""
        if self.lock.tryLock(100):
            QLocalServer.removeServer(self.name)  # a socket file a crashed instance left behind
            self.server = QLocalServer(self)
            self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            self.server.newConnection.connect(self._accept)
            self.server.listen(self.name)
            return True
        return not self._hand_over(args)

    def _hand_over(self, args: list[str]) -> bool:
        # Blocking, but only in a second launch that is about to exit and has no window yet.
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return False  # the holder does not answer (starting, or hung): run rather than do nothing
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

"""One OAuth or onboarding attempt: its state token, its listener, and the one callback it accepts."""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from billing_desktop.connect.listener import LoopbackListener, Reply
from billing_desktop.errors import AppError, msg


class AttemptCancelled(AppError):
    pass


class ConnectAttempt:
    """Waits for the browser to come back. Accepts exactly one callback whose state matches (constant time).

    `complete(query)` (OAuth code exchange, or the onboarding refresh) runs once, on the listener's thread, and
    returns the attempt's result; `extra_routes` answer other paths (Account Links' refresh) without ending it.
    """

    def __init__(
        self,
        port: int,
        path: str,
        complete: Callable[[dict[str, str]], Any],
        extra_routes: dict[str, Callable[[dict[str, str]], Reply]] | None = None,
    ):
        self.state = secrets.token_urlsafe(32)
        self.path = path
        self._complete = complete
        self._extra = extra_routes or {}
        self.url = ""  # set by the service once it knows the listener's port
        self.notice = ""  # something the user asked for that does not apply (shown before the wait)
        self.listener = LoopbackListener(port, self.route)
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._claimed = False
        self.result: Any = None
        self.error: AppError | None = None

    # -- the listener's side -------------------------------------------------------------------------------------
    def state_ok(self, query: dict[str, str]) -> bool:
        given = query.get("state", "")
        return bool(given) and hmac.compare_digest(given.encode(), self.state.encode())

    def route(self, path: str, query: dict[str, str]) -> Reply:
        if path in self._extra:
            if not self.state_ok(query):
                return Reply(
                    status=403, title="Not this attempt", message="This link does not belong to the current attempt."
                )
            return self._extra[path](query)
        if path != self.path:
            return Reply(status=404, title="Not found", message="Nothing here.")
        if not self.state_ok(query):
            # A stale tab or a forged link: refuse, and keep waiting for the real callback.
            return Reply(
                status=403,
                title="Not this attempt",
                message="This link does not belong to the current connection attempt. "
                "Go back to Billing Desktop and start again if needed.",
            )
        with self._lock:
            if self._claimed:
                return Reply(status=409, title="Already done", message="This connection attempt has already finished.")
            self._claimed = True
        if "error" in query:
            description = query.get("error_description") or query["error"]
            self._finish(
                error=AppError(msg("Stripe: {description} ({value}).", description=description, value=query["error"]))
            )
            return Reply(
                status=200, title="Not connected", message=f"Stripe said: {description}. You can close this window."
            )
        try:
            self._finish(result=self._complete(query))
        except AppError as exc:
            self._finish(error=exc)
            return Reply(status=200, title="Not connected", message=f"{exc} You can close this window.")
        except Exception as exc:  # report, never hang the waiting window
            import logging

            logging.getLogger(__name__).exception("connect attempt failed")
            self._finish(error=AppError(msg("Unexpected error ({name}).", name=type(exc).__name__)))
            raise
        return Reply(status=200, title="Done", message="Billing Desktop has what it needs. You can close this window.")

    def submit_url(self, url: str) -> Reply:
        """The address the browser was sent to, pasted by the user: the same checks as a real callback."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.query:
            raise AppError(msg("Paste the whole address from the browser's address bar (it contains ?code=…&state=…)."))
        try:
            query = {k: v[0] for k, v in parse_qs(parts.query, errors="strict", max_num_fields=50).items()}
        except (UnicodeDecodeError, ValueError):
            raise AppError(msg("The pasted address could not be read (bad percent-encoding).")) from None
        reply = self.route(self.path, query)
        if reply.status == 403:
            raise AppError(msg("The pasted address does not belong to this connection attempt."))
        return reply

    # -- the waiting side ------------------------------------------------------------------------------------------
    def _finish(self, result: Any = None, error: AppError | None = None) -> None:
        if not self._finished.is_set():
            self.result, self.error = result, error
            self._finished.set()

    def start(self) -> None:
        self.listener.start()

    @property
    def port(self) -> int:
        return self.listener.port

    def wait(self, timeout: float) -> Any:
        """Block (in a worker) until the callback, Cancel or the timeout; always closes the listener."""
        try:
            if not self._finished.wait(timeout):
                with self._lock:
                    self._claimed = True  # a late callback exchanges nothing
                raise AppError(
                    msg(
                        "No answer from the browser within {int_timeout} seconds. Start again when ready.",
                        int_timeout=int(timeout),
                    )
                )
        finally:
            self.listener.close()
        if self.error is not None:
            raise self.error
        return self.result

    def cancel(self) -> None:
        with self._lock:
            self._claimed = True
        self._finish(error=AttemptCancelled(msg("Cancelled.")))

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

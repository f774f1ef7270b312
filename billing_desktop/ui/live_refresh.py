"""Live refresh in the GUI: the change feed runs on its own thread (it blocks on the network); what it hears comes
back by queued signal, batched for 150 ms so a burst of commits costs one reload."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from billing_desktop.domain.states import FeedState
from billing_desktop.services.changes import CONNECT_CACHE_ACTIONS
from billing_desktop.ui.i18n import text as text_
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.palette import colour


class LiveRefresh(QObject):
    changed = Signal(list)  # list[services.changes.Change], batched
    state_changed = Signal(str)  # FeedState value: connecting | up | down
    _heard = Signal(object)
    _state = Signal(str)

    def __init__(self, services, parent=None, batch_ms: int = 150):
        super().__init__(parent)
        self.feed = services.change_feed()
        self.state = FeedState.CONNECTING.value
        self._pending: list = []
        self._batch = QTimer(self, singleShot=True, interval=batch_ms)
        self._batch.timeout.connect(self._flush)
        self._heard.connect(self._collect)  # emitted on the feed thread, delivered on this (the GUI) thread
        self._state.connect(self._set_state)
        self._thread = threading.Thread(target=self._run, name="change-feed", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        feed, heard, state = self.feed, self._heard, self._state

        def safely(emit, value) -> None:
            try:
                emit(value)
            except RuntimeError:  # the window is gone (its C++ side deleted): nobody to tell, stop listening
                feed.stop()

        feed.run(lambda change: safely(heard.emit, change), lambda s: safely(state.emit, s.value))

    def _collect(self, change) -> None:
        if self.feed.stopped:  # heard before stop(), delivered after: the window is closing, nothing to reload
            return
        self._pending.append(change)
        if not self._batch.isActive():
            self._batch.start()

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        if batch and not self.feed.stopped:
            self.changed.emit(batch)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    def stop(self, wait: float = 3.0) -> None:
        self.feed.stop()
        self._thread.join(wait)


# The status bar's word for each state of the feed, and its tone (ui/palette.py).
_STATE_TONE = {FeedState.CONNECTING: "muted", FeedState.UP: "success", FeedState.DOWN: "error"}


def _state_text(state: FeedState) -> str:
    if state is FeedState.UP:
        return tr("connected")  # the word shown, not a state
    return tr("connecting…") if state is FeedState.CONNECTING else tr("offline")


def attach(window) -> LiveRefresh:
    """Status-bar label for the database and its connection; other operators' changes refresh the list and the
    open tenant (whose unsaved edits are kept: the Overview shows a conflict banner instead)."""
    from PySide6.QtWidgets import QLabel

    live = LiveRefresh(window.services, window)
    window.destroyed.connect(live.feed.stop)
    label = QLabel()
    label.setObjectName("status_database")
    name = text_(window.services.database_label())  # "local file …" in the operator's language

    def show_state(state: str) -> None:

        text, color = _state_text(FeedState(state)), colour(_STATE_TONE[FeedState(state)])
        label.setText(tr("Database: {0} · {1}").format(name, f"<span style='color:{color}'>● {text}</span>"))
        label.setToolTip(tr("This window works on {0}; the connection is {1}.").format(name, text))

    live.state_changed.connect(show_state)
    show_state(live.state)
    window.statusBar().addPermanentWidget(label)
    live.changed.connect(lambda batch: apply_changes(window, batch))
    return live


def apply_changes(window, batch) -> None:
    # Stripe changes show in the list's Stripe column (this window's own too: the list is not the tab that made them).
    if any(c.full or c.action.startswith("tenant.") or c.connect_cache for c in batch):
        # Only a registration (or a reconnect, after which anything may have happened) changes how many tenants
        # there are: an edit re-reads the pages shown, not a count of every tenant.
        window.refresh(count_all=any(c.full or c.action == "tenant.register" for c in batch))
    # Another operator's sync or payouts sweep changed every tenant's saved Stripe data: the board follows (this
    # window's own were followed by the dialog or the automatic refresh that ran them).
    wide = [c for c in batch if c.tenant_id is None and c.connect_cache and c.actor != window.session.email]
    if wide or any(c.full for c in batch):
        window.connect_ops.board_changed()
    shown = window._shown_id
    if shown is None:
        return
    hits = [c for c in batch if c.full or c.tenant_id == shown]
    if hits:
        actor = next((c.actor for c in reversed(hits) if c.actor), "")

        def show(d) -> None:
            if d.id != window._shown_id:
                return  # the operator moved to another tenant meanwhile
            if window.overview.has_unsaved_changes():
                window.overview.remote_update(d, actor)  # their version behind a banner, the operator's text kept
            else:
                window.overview.show_details(d)  # also what changed without a new version (a user added: the count)

        window.runner.run(
            window.services.tenants.get,
            window.session,
            shown,
            owner=window,
            on_done=show,
            on_error=lambda _exc: None,  # the list refresh shows what matters; no dialog for a background reload
        )
    reload_tabs(window, hits + wide)  # a sync or sweep reaches the open Stripe tab, not the Overview's details


# Another operator's change to the open tenant's keys, webhook or Stripe account shows in that tab (if it is the one
# on screen; a tab loads when shown anyway). Reads (a reveal, a test delivery) change nothing, and this window's own
# changes were shown by the action that made them.
_TABS = {
    "keys": ("keys.regenerate", "keys.revoke"),
    "webhooks": ("webhooks.configure", "webhooks.remove", "webhooks.roll_secret"),
    "stripe": tuple(CONNECT_CACHE_ACTIONS),
}


def reload_tabs(window, hits) -> None:
    theirs = [c for c in hits if c.full or c.actor != window.session.email]
    for tab_name, actions in _TABS.items():
        tab = window.pages.built(tab_name)  # a page never shown is not on screen: it loads when first shown
        if tab is None or not tab.isVisible() or not any(c.full or c.action in actions for c in theirs):
            continue
        if tab_name == "keys":
            tab.reload()
            continue
        # Never over the operator's unsaved webhook edits, nor under a Connect attempt in progress.
        busy = tab.has_unsaved_changes() if tab_name == "webhooks" else tab.attempt is not None
        if not busy:
            tab.load()
    audit = window.pages.built("audit")
    if audit is not None and audit.isVisible() and theirs:
        audit.reload()

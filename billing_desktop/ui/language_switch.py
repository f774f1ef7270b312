"""A new language takes effect at once: the main window is built again in it (Qt widgets keep the text they were
given, so translating in place would mean re-setting every label), after unsaved edits are settled, on the same
tenant and tab and at the same place on screen. The session, the database and the keyring stay as they are."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from billing_desktop.ui.i18n import tr
from billing_desktop.ui.palette import STATUS_MESSAGE_LONG_MS


def rebuild_later(window) -> None:
    """After the Preferences dialog has closed: ask about unsaved edits (Save / Discard / Cancel), then rebuild.
    Cancel keeps this window as it is; the new language then applies at the next sign-in, as the status bar says."""
    window.statusBar().showMessage(
        tr("The new language applies to this window once unsaved changes are settled, or at the next sign-in."),
        STATUS_MESSAGE_LONG_MS,
    )
    QTimer.singleShot(0, lambda: window.guard_unsaved(lambda: rebuild(window)))


def rebuild(old):
    """Replace `old` by a new main window in the current language; returns it (also through `old.replaced`)."""
    tenant, tab, maximized = old.selected_tenant_id(), old.tabs.currentIndex(), old.isMaximized()
    geometry = old.saveGeometry()
    new = type(old)(old.services, old.session, old.settings)
    new.restoreGeometry(geometry)

    def put_back() -> None:
        new.list_loaded.disconnect(put_back)
        if tenant is not None and new.model.row_of(tenant) >= 0:
            new.show_tenant(tenant)
        new.tabs.setCurrentIndex(tab)

    new.list_loaded.connect(put_back)
    new.showMaximized() if maximized else new.show()
    old._closing = True  # edits were settled above; this is no sign-out
    old.close()
    new.statusBar().showMessage(tr("The window now uses the new language."), STATUS_MESSAGE_LONG_MS)
    old.replaced.emit(new)
    return new

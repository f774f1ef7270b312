"""Keyboard and screen, clicked (and typed) through: tab order, first focus, colour scheme."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from billing_desktop.ui import palette
from billing_desktop.ui.account_dialogs import ChangePasswordDialog, ProfileDialog
from billing_desktop.ui.tenant_dialogs import AddUserDialog, RegisterTenantDialog
from tests.gui_helpers import click, open_dialog

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, open_main_window, operator, acme, globex):
    win = open_main_window(operator, ready=lambda w: w.model.rowCount() == 2 and w.overview.details is not None)
    win.activateWindow()
    # Globex is live with no connected account, so the Needs-attention board opens after sign-in and takes the
    # focus, as it should; these tests start from the main window, so close it first.
    qtbot.waitUntil(lambda: win.connect_ops.attention is not None and win.connect_ops.attention.isVisible())
    win.connect_ops.attention.close()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    yield win
    win.theme.set_choice("system")


def test_down_from_search_moves_into_the_list_and_tab_leaves_it(qtbot, window):
    window.act_find.trigger()
    assert QApplication.focusWidget() is window.search
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.table
    assert window.table.currentIndex().isValid()
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.table  # Tab does not walk the cells


def test_alt_k_from_search_lands_in_the_keys_tab(qtbot, window):
    window.act_find.trigger()
    qtbot.keyClick(window.search, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.keys)
    assert window.keys.isAncestorOf(QApplication.focusWidget())


@pytest.mark.parametrize(
    ("open_it", "cls", "first"),
    [
        (lambda w: w.register_button.click(), RegisterTenantDialog, "company"),
        (lambda w: w.overview.add_user_button.click(), AddUserDialog, "email"),
        (lambda w: w.act_password.trigger(), ChangePasswordDialog, "old"),
        (lambda w: w.act_profile.trigger(), ProfileDialog, "first_name"),
    ],
)
def test_every_dialog_opens_with_focus_on_its_first_field(qtbot, window, open_it, cls, first):
    open_it(window)
    dialog = open_dialog(qtbot, cls)
    qtbot.waitUntil(lambda: dialog.focusWidget() is getattr(dialog, first))
    dialog.reject()


def test_the_colour_scheme_can_be_forced_dark_and_colours_stay_readable(qtbot, window):
    window.scheme_actions["dark"].trigger()
    pal = QApplication.palette()
    assert pal.color(QPalette.ColorRole.Window).lightness() < 80
    assert palette.is_dark() and palette.colour("error") == "#ff8787"
    assert window.theme.settings.value("view/color_scheme") == "dark"
    window.overview.fee.setText("abc")
    click(qtbot, window.overview.save_button)
    error = window.overview.form.errors["platform_fee_percent"]
    qtbot.waitUntil(error.isVisible)
    text_colour = error.palette().color(error.foregroundRole())
    assert text_colour.lightness() > pal.color(QPalette.ColorRole.Window).lightness() + 60  # light on dark
    window.overview.discard_changes()
    model = window.model
    live = model.index(next(r for r in range(model.rowCount()) if model.row_at(r).mode == "live"), 1)
    assert window.model.data(live, Qt.ItemDataRole.ForegroundRole).color().name() == "#ff8787"  # LIVE in the list
    window.scheme_actions["light"].trigger()
    assert not palette.is_dark() and palette.colour("error") == "#c92a2a"
    assert window.model.data(live, Qt.ItemDataRole.ForegroundRole).color().name() == "#c92a2a"


def test_following_the_system_scheme_by_default(window):
    assert window.theme.choice() == "system" and window.scheme_actions["system"].isChecked()
    # The offscreen platform reports no dark preference: the light palette is in use.
    assert window.theme.is_dark() == (QApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark)


def contrast(a, b) -> float:
    def lum(c):
        ch = [x / 255 for x in (c.red(), c.green(), c.blue())]
        ch = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_disabled_controls_stay_readable(qtbot, window, scheme):
    """The Webhooks tab's event list is disabled while "All event types" is ticked: its names and its unchecked
    boxes must still be seen, in dark mode and in light mode (issue 14: disabled checkboxes were faint in dark)."""
    window.scheme_actions[scheme].trigger()
    try:
        pal = QApplication.palette()
        disabled = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for background in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            assert contrast(disabled, pal.color(QPalette.ColorGroup.Disabled, background)) >= 4.5, scheme
        tab = window.webhooks
        window.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda: tab.tenant is not None)
        tab.all_events.setChecked(True)
        assert not tab.events.isEnabled()
        item = tab.events.item(0)
        item.setCheckState(Qt.CheckState.Unchecked)
        image = tab.events.viewport().grab().toImage()
        row = tab.events.visualItemRect(item)
        base = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base)
        # The check box sits at the row's left: some pixel of its outline stands out from the list's background.
        box = [
            image.pixelColor(x, y)
            for x in range(row.left(), row.left() + row.height())
            for y in range(row.top(), row.bottom())
        ]
        assert max(contrast(c, base) for c in box) >= 1.8, scheme
    finally:
        window.scheme_actions["system"].trigger()

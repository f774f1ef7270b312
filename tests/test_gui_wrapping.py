"""Wrapped text is never clipped (issue 14, item 13): field errors and hints under their fields in the first-run
wizard and Register, and the lock page's "Signed in as" line, take the height their wrapped lines need and paint
over nothing else."""

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from billing_desktop.ui.auth_windows import FirstRunWizard
from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.tenant_dialogs import RegisterTenantDialog
from tests.gui_helpers import click, settings, type_into

pytestmark = pytest.mark.gui

LONG = (
    "This message is long on purpose: it wraps onto a second and a third line in a dialog of ordinary width, "
    "and every one of its lines must stay readable."
)


def rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())


def assert_unclipped(top: QWidget, labels: list[QLabel]) -> None:
    fields = [w for w in top.findChildren(QLineEdit) if w.isVisible()]
    for label in labels:
        assert label.isVisible()
        needed = label.heightForWidth(label.width())
        assert label.height() >= needed, (label.objectName(), label.height(), needed)
        assert needed > label.fontMetrics().lineSpacing() * 1.5  # it did wrap: the check above means something
        for field in fields:
            assert not rect_in(label, top).intersects(rect_in(field, top)), (label.objectName(), field.objectName())


def test_wizard_errors_push_the_next_field_down(qtbot, services):
    wizard = FirstRunWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    type_into(qtbot, wizard.email, "not an address")
    click(qtbot, wizard.ok_button)
    qtbot.waitUntil(lambda: wizard.form.errors["email"].isVisible())  # the service's own refusal, under the field
    wizard.form.show_errors({"email": LONG, "password": LONG})
    errors = [wizard.form.errors["email"], wizard.form.errors["password"]]
    qtbot.waitUntil(lambda: all(e.height() >= e.heightForWidth(e.width()) for e in errors))
    assert_unclipped(wizard, errors)


def test_register_error_and_slug_hint_both_readable(qtbot, services, operator):
    dialog = RegisterTenantDialog(services, operator)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.form.show_errors({"company_name": LONG, "slug": LONG})
    errors = [dialog.form.errors["company_name"], dialog.form.errors["slug"]]
    hint = next(h for h in dialog.findChildren(QLabel) if h.text().startswith("Made from the name"))
    # Layouts settle over a few posted events; once they have, nothing overlaps.
    qtbot.waitUntil(lambda: not rect_in(hint, dialog).intersects(rect_in(errors[1], dialog)))
    qtbot.waitUntil(lambda: all(e.height() >= e.heightForWidth(e.width()) for e in errors))
    assert_unclipped(dialog, errors)
    assert hint.height() >= hint.heightForWidth(hint.width())


def test_lock_page_shows_the_whole_signed_in_line(qtbot, services, operator, acme, tmp_path):
    win = MainWindow(services, operator, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(900, 600)
    win.show()
    qtbot.waitUntil(lambda: win.overview.details is not None)
    win.overview.company.setText("Acme Inc (edited)")  # an unsaved edit: the lock page says so on a second line
    win.act_lock.trigger()
    qtbot.waitUntil(win.lock_page.isVisible)
    who = win.lock_page.findChild(QLabel, "lock_who")
    unsaved = win.lock_page.unsaved
    assert operator.email in who.text()

    def settled():
        for label in (who, unsaved):
            assert label.isVisible() and label.height() >= label.heightForWidth(label.width())
        assert not rect_in(who, win).intersects(rect_in(unsaved, win))
        assert not rect_in(unsaved, win).intersects(rect_in(win.lock_page.password, win))

    qtbot.waitUntil(settled)
    # Wide enough that the line is not a column of single words.
    assert who.heightForWidth(who.width()) <= who.fontMetrics().lineSpacing() * 3
    win.overview.discard_changes()


def test_narrow_list_puts_the_filters_on_two_rows_and_the_status_bar_keeps_the_database(
    qtbot, services, operator, acme, tmp_path
):
    win = MainWindow(services, operator, settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1280, 760)
    win.show()
    qtbot.waitUntil(lambda: win.overview.details is not None)
    filters = win.connect_ops.filters
    combos = list(filters.combos.values())
    qtbot.waitUntil(lambda: filters.columns == 4)  # room for one row
    win.centralWidget().widget(0).setSizes([360, 920])  # the list at its narrowest, as on a small screen
    qtbot.waitUntil(lambda: filters.columns == 2)
    qtbot.waitUntil(lambda: all(c.width() >= c.sizeHint().width() for c in combos))  # no drop-down cuts its words
    win.resize(820, 600)
    database = win.findChild(QLabel, "status_database")
    # The database and its connection state stay whole; the operator's name and the tenant give way (elided).
    qtbot.waitUntil(lambda: database.width() >= database.sizeHint().width())
    assert database.visibleRegion().boundingRect().width() >= database.sizeHint().width()
    assert win.user_label.text() == f"{operator.email} · operator"

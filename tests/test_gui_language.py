"""Ready for translation (issue 14, item 18): German chosen in Preferences, clicked through, shows German labels in
the next window (as after a restart) and in dialogs opened at once; the catalogue keeps every placeholder."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QMessageBox

from billing_desktop.ui import i18n
from billing_desktop.ui.auth_windows import SignInWindow
from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.preferences import PreferencesDialog
from tests.gui_helpers import click, closed, open_dialog, settings, type_into

pytestmark = pytest.mark.gui
CATALOGUE = Path(__file__).resolve().parents[1] / "resources" / "translations" / "billing_desktop_de.ts"


@pytest.fixture
def english_again():
    yield
    i18n.apply("en")  # the translators are the application's: leave none behind for the next test


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """As an operator does it: focus the box and type the entry's first letters."""
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(combo, text)
    assert combo.currentText() == text


def menu_titles(win) -> list[str]:
    return [a.text() for a in win.menuBar().actions()]


def test_german_from_preferences_applies_at_once(qtbot, services, operator, acme, globex, tmp_path, english_again):
    ini = settings(tmp_path)
    win = MainWindow(services, operator, ini)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded and win.overview.details is not None)
    win.show_tenant(globex.id)
    qtbot.waitUntil(lambda: win.overview.details is not None and win.overview.details.id == globex.id)
    win.tabs.setCurrentWidget(win.keys)
    assert "&File" in menu_titles(win)
    win.act_preferences.trigger()
    dialog = open_dialog(qtbot, PreferencesDialog)
    assert "Applies at once" in dialog.form.hints["language"].text()  # the dialog says when it takes effect
    choose(qtbot, dialog.language, "Deutsch")
    with qtbot.waitSignal(win.replaced, timeout=10000) as replaced:
        click(qtbot, dialog.ok_button)
    assert i18n.choice(settings(tmp_path)) == "de"  # saved for the next start
    new = replaced.args[0]
    qtbot.addWidget(new)
    assert not win.isVisible() and new.isVisible()  # the same session: no sign-in in between
    assert new.session is win.session
    # The window the operator works in is German now, on the tenant and tab they had open.
    assert menu_titles(new)[:4] == ["&Datei", "&Werkzeuge", "&Konto", "&Ansicht"]
    qtbot.waitUntil(lambda: new.overview.details is not None and new.overview.details.id == globex.id)
    assert new.tabs.currentWidget() is new.keys
    assert [new.tabs.tabText(i) for i in range(3)] == ["Ü&bersicht", "&Stripe", "API-&Schlüssel"]
    assert new.register_button.text() == "Mandanten &registrieren…"
    assert new.count_label.text() == "2 Mandanten"
    assert "LIVE-MODUS" in new.mode_banner.text()
    assert new.overview.save_button.text() == "Änderungen &speichern"
    assert new.model.headerData(0, Qt.Orientation.Horizontal) == "Firma"  # the tenant list's columns
    assert new.keys.table.horizontalHeaderItem(0).text() == "Art"
    new.tabs.setCurrentWidget(new.stripe)
    qtbot.waitUntil(lambda: new.stripe.badge.text().strip() != "")
    assert new.stripe.badge.text().strip() == "GETRENNT"  # the connection state in German too
    assert new.statusBar().currentMessage() == "Das Fenster verwendet jetzt die neue Sprache."

    # A dialog opened now is German, Qt's own buttons included.
    new.act_preferences.trigger()
    again = open_dialog(qtbot, PreferencesDialog)
    assert again.windowTitle() == "Einstellungen"
    assert again.buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Abbrechen"
    again.reject()
    new.close()

    # The next start: the app installs the saved language before its first window.
    i18n.apply("en")
    assert i18n.install(settings(tmp_path)) == "de"
    sign_in = SignInWindow()
    qtbot.addWidget(sign_in)
    assert sign_in.button.text() == "&Anmelden"


def test_a_language_change_asks_about_unsaved_edits_first(qtbot, services, operator, acme, tmp_path, english_again):
    win = MainWindow(services, operator, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded and win.overview.details is not None)
    type_into(qtbot, win.overview.company, "Acme Renamed")
    win.act_preferences.trigger()
    dialog = open_dialog(qtbot, PreferencesDialog)
    choose(qtbot, dialog.language, "Deutsch")
    click(qtbot, dialog.ok_button)
    box = open_dialog(qtbot, QMessageBox)
    assert box.objectName() == "unsaved_prompt"
    box.button(QMessageBox.StandardButton.Cancel).click()  # keep editing: this window stays, edits and all
    qtbot.waitUntil(lambda: closed(box))
    assert win.isVisible() and win.overview.company.text() == "Acme Renamed"
    assert "nächsten Anmeldung" in win.statusBar().currentMessage()  # says when the language applies instead

    win.act_preferences.trigger()  # asked again, saved this time: then the window is rebuilt in German
    dialog = open_dialog(qtbot, PreferencesDialog)
    assert dialog.language.currentText() == "Deutsch"  # chosen before; this window is still English
    with qtbot.waitSignal(win.replaced, timeout=10000) as replaced:
        click(qtbot, dialog.ok_button)
        box = open_dialog(qtbot, QMessageBox)
        box.button(QMessageBox.StandardButton.Save).click()
    new = replaced.args[0]
    qtbot.addWidget(new)
    assert services.tenants.get(operator, acme.id).company_name == "Acme Renamed"
    qtbot.waitUntil(lambda: new.overview.details is not None)
    assert new.overview.company.text() == "Acme Renamed"
    assert new.overview.save_button.text() == "Änderungen &speichern"
    new.close()


def test_a_service_error_is_shown_in_german(qtbot, services, operator, acme, tmp_path, english_again):
    """Messages from the services (domain/services raise them in English, marked with errors.msg) are shown in
    the operator's language: next to the field, and in the sign-in window."""
    i18n.apply("de")
    win = MainWindow(services, operator, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded and win.overview.details is not None)
    ov = win.overview
    type_into(qtbot, ov.email, "not-an-email")
    type_into(qtbot, ov.fee, "250")
    click(qtbot, ov.save_button)
    qtbot.waitUntil(lambda: ov.form.errors["email"].isVisible())
    assert ov.form.errors["email"].text() == "Geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.com."
    assert ov.form.errors["platform_fee_percent"].text() == "Geben Sie eine Zahl zwischen 0 und 100 ein."
    assert ov.email.text() == "not-an-email"  # nothing typed is lost
    ov.discard_changes()
    win.close()

    sign_in = SignInWindow()
    qtbot.addWidget(sign_in)
    sign_in.set_services(services)
    sign_in.show()
    type_into(qtbot, sign_in.email, operator.email)
    type_into(qtbot, sign_in.password, "not-my-password")
    click(qtbot, sign_in.button)
    qtbot.waitUntil(lambda: sign_in.message.isVisible() and sign_in.button.isEnabled())
    assert sign_in.message.text() == "Falsche E-Mail-Adresse oder falsches Passwort."


def test_back_to_english_and_the_system_choice(qtbot, services, operator, tmp_path, english_again):
    ini = settings(tmp_path)
    i18n.set_choice(ini, "de")
    dialog = PreferencesDialog(services, operator, ini)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.language.currentData() == "de"
    choose(qtbot, dialog.language, "English")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: closed(dialog))
    assert i18n.choice(ini) == "en"
    assert SignInWindow().button.text() == "&Sign in"
    assert i18n.language_for("system") in i18n.LANGUAGES


def test_every_german_entry_is_finished_and_keeps_placeholders_and_markup():
    messages = list(ET.parse(CATALOGUE).iter("message"))
    assert len(messages) > 300
    marks = re.compile(r"\{[^{}]*\}|</?\w+>|&&|\n")  # {0}, and the services' {named} fields
    for message in messages:
        source, translation = message.findtext("source"), message.find("translation")
        assert translation.get("type") is None, f"unfinished: {source!r}"
        assert translation.text, f"empty: {source!r}"
        assert sorted(marks.findall(source)) == sorted(marks.findall(translation.text)), source
        # At most one keyboard mnemonic, and one wherever the English has one.
        assert translation.text.replace("&&", "").count("&") == source.replace("&&", "").count("&"), source


def test_a_tenant_owner_chooses_a_language_but_not_the_idle_lock(qtbot, services, acme_users, tmp_path, english_again):
    owner = acme_users["owner"]
    win = MainWindow(services, owner, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    assert win.act_preferences.isVisible()
    win.act_preferences.trigger()
    dialog = open_dialog(qtbot, PreferencesDialog)
    assert "idle_lock_minutes" not in dialog.form.widgets  # installation-wide: operators only
    choose(qtbot, dialog.language, "Deutsch")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: closed(dialog))
    assert i18n.choice(settings(tmp_path)) == "de"
    assert services.settings.idle_lock_minutes() == 15  # untouched


def test_the_conflict_banner_is_in_german(qtbot, services, operator, acme, tmp_path, english_again):
    """Seen walking two operators by hand: the banner naming who changed the tenant was English in every language."""
    i18n.apply("de")
    win = MainWindow(services, operator, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded and win.overview.details is not None)
    win.live.stop()  # this window hears nothing: its form is stale when it saves
    services.tenants.update(operator, acme.id, {"tier": "pro"})  # saved elsewhere meanwhile
    type_into(qtbot, win.overview.domain, "veraltet.example")
    click(qtbot, win.overview.save_button)
    qtbot.waitUntil(lambda: win.overview.banner.isVisible(), timeout=5000)
    said = win.overview.banner.text.text()
    assert "wurde von op@platform.example" in said and "geändert" in said and "was changed" not in said
    assert "Nicht gespeichert" in win.overview.message.text()
    win.overview.discard_changes()
    win.close()

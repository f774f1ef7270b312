"""Ready for translation (issue 14, item 18): German chosen in Preferences, clicked through, shows German labels in
the next window (as after a restart) and in dialogs opened at once; the catalogue keeps every placeholder."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox

from billing_desktop.ui import i18n
from billing_desktop.ui.auth_windows import SignInWindow
from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.preferences import PreferencesDialog
from tests.gui_helpers import click, closed, open_dialog, settings

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


def test_german_from_preferences(qtbot, services, operator, acme, tmp_path, english_again):
    ini = settings(tmp_path)
    win = MainWindow(services, operator, ini)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.overview.details is not None)
    assert "&File" in menu_titles(win)
    win.act_preferences.trigger()
    dialog = open_dialog(qtbot, PreferencesDialog)
    choose(qtbot, dialog.language, "Deutsch")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: closed(dialog))
    assert i18n.choice(settings(tmp_path)) == "de"  # saved for the next start
    assert "nächsten Anmeldung" in win.statusBar().currentMessage()  # in the new language, saying when it applies

    # A dialog opened now is German at once, Qt's own buttons included.
    win.act_preferences.trigger()
    again = open_dialog(qtbot, PreferencesDialog)
    assert again.windowTitle() == "Einstellungen"
    assert again.buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Abbrechen"
    again.reject()

    # The next start: the app installs the saved language before its first window.
    i18n.apply("en")
    assert i18n.install(settings(tmp_path)) == "de"
    sign_in = SignInWindow()
    qtbot.addWidget(sign_in)
    assert sign_in.button.text() == "&Anmelden"
    win.close()
    restarted = MainWindow(services, operator, settings(tmp_path / "restarted"))
    qtbot.addWidget(restarted)
    restarted.show()
    qtbot.waitUntil(lambda: restarted.overview.details is not None)
    assert menu_titles(restarted)[:4] == ["&Datei", "&Werkzeuge", "&Konto", "&Ansicht"]
    assert [restarted.tabs.tabText(i) for i in range(3)] == ["Ü&bersicht", "&Stripe", "API-&Schlüssel"]
    assert restarted.register_button.text() == "Mandanten &registrieren…"
    assert restarted.count_label.text() == "1 Mandant"
    assert restarted.mode_banner.text().startswith("Testmodus — Acme Inc")
    assert restarted.overview.save_button.text() == "Änderungen &speichern"
    assert restarted.model.headerData(0, Qt.Orientation.Horizontal) == "Firma"  # the tenant list's columns
    assert restarted.keys.table.horizontalHeaderItem(0).text() == "Art"


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
    marks = re.compile(r"\{\d\}|</?\w+>|&&|\n")
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

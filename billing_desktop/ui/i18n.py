"""The operator's language: Qt translators for the app's catalogue and Qt's own strings (standard buttons).

Strings in classes go through `self.tr`; module-level code uses `tr` below, which lupdate files under the empty
context (a bare `tr("…")` call). The catalogue sources are resources/translations/*.ts (`scripts/translations.py
update` refreshes them from the code); the .qm files the app loads are built from them by
`scripts/translations.py release`, which scripts/venv.sh and packaging/build.py run."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from billing_desktop.errors import AppError, Msg, ValidationError
from billing_desktop.ui.resources import resources_dir

LANGUAGES = {"en": "English", "de": "Deutsch"}  # each in its own language: found by someone who reads only it
KEY = "view/language"
CATALOGUE = "billing_desktop"
_installed: list[QTranslator] = []
_current = ["en"]  # the language whose translators are installed


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def text(value: object) -> str:
    """A message from below the UI (services, domain: `errors.msg`) in the operator's language: the template
    translated, then filled in with its parameters, each translated in turn. Anything else as it is."""
    if isinstance(value, Msg):
        template = QCoreApplication.translate("", value.template)
        if not value.params:
            return template
        params = {k: _param(v) for k, v in value.params.items()}
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):  # a translation that lost a field: the English, never a crash
            return value.template.format(**params)
    return str(value)


def _param(value: object) -> object:
    """Messages and errors inside a message are translated too; numbers stay numbers (for `{n:,}` and the like)."""
    if isinstance(value, BaseException):
        return error_text(value)
    return text(value) if isinstance(value, Msg) else value


def error_text(exc: BaseException) -> str:
    """An AppError's message in the operator's language (a ValidationError: its fields' messages)."""
    if isinstance(exc, ValidationError):
        return "\n".join(text(v) for v in exc.fields.values())
    if isinstance(exc, AppError) and exc.args:
        return text(exc.args[0])
    if isinstance(exc, ValueError) and exc.args and isinstance(exc.args[0], Msg):  # domain refusals (a bad URL)
        return text(exc.args[0])
    return str(exc)


def translations_dir():
    return resources_dir() / "translations"


def choice(settings: QSettings) -> str:
    value = str(settings.value(KEY, "system"))
    return value if value in LANGUAGES or value == "system" else "system"


def language_for(choice_: str) -> str:
    """'system' means the desktop's language when there is a catalogue for it, else English."""
    if choice_ == "system":
        system = QLocale.system().name().split("_")[0]
        return system if system in LANGUAGES else "en"
    return choice_


def apply(language: str) -> bool:
    """Swap the installed translators for `language`'s; windows built from now on use it. False: no catalogue."""
    app = QCoreApplication.instance()
    if app is None:  # no application yet: nothing to translate
        return False
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _current[0] = "en"
    if language == "en":
        return True
    ours = QTranslator(app)
    if not ours.load(f"{CATALOGUE}_{language}", str(translations_dir())):
        return False
    qt = QTranslator(app)  # OK, Cancel, Yes and the like in message boxes and button boxes
    qt_dirs = (str(translations_dir()), QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if any(qt.load(f"qtbase_{language}", d) for d in qt_dirs):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)
    _installed.append(ours)
    _current[0] = language
    return True


def current() -> str:
    """The language windows built now are in."""
    return _current[0]


def install(settings: QSettings) -> str:
    """At start-up, before the first window: the saved choice (or the system's language). Returns the language."""
    language = language_for(choice(settings))
    return language if apply(language) else "en"


def set_choice(settings: QSettings, choice_: str) -> None:
    settings.setValue(KEY, choice_)
    settings.sync()
    apply(language_for(choice_))

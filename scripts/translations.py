"""The translation catalogue, with Qt's own tools (they ship with PySide6-Essentials).

    python scripts/translations.py update    # lupdate: add the code's new strings to resources/translations/*.ts
    python scripts/translations.py release   # lrelease: build the .qm files the app loads (venv.sh, build.py)

The .ts files are the sources (translators edit them, e.g. with pyside6-linguist); the .qm files are built, not
committed. Qt's own catalogue for the same language (qtbase_xx.qm: OK, Cancel, Yes…) is copied next to them, so a
frozen bundle carries exactly what it loads."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
SOURCES = ROOT / "billing_desktop"
# Messages from below the UI are marked with `errors.msg("…")`; lupdate reads it as QT_TR_NOOP (the empty context).
MARKER = ["-tr-function-alias", "QT_TR_NOOP+=msg"]


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials (scripts/venv.sh)")
    return found


def catalogues() -> list[Path]:
    return sorted(TRANSLATIONS.glob("billing_desktop_*.ts"))


def update() -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py") if "cli" not in p.parts)
    for ts in catalogues():
        subprocess.run(
            [tool("lupdate"), *MARKER, *files, "-no-obsolete", "-locations", "none", "-ts", str(ts.relative_to(ROOT))],
            cwd=ROOT,
            check=True,
        )


def release() -> None:
    from PySide6.QtCore import QLibraryInfo

    qt_translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for ts in catalogues():
        qm = ts.with_suffix(".qm")
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        language = ts.stem.rsplit("_", 1)[1]
        qtbase = qt_translations / f"qtbase_{language}.qm"
        if qtbase.is_file():
            shutil.copyfile(qtbase, TRANSLATIONS / qtbase.name)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command not in ("update", "release"):
        raise SystemExit(__doc__)
    update() if command == "update" else release()

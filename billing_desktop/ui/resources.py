"""Find files under resources/, from a source checkout or a frozen bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(name: str) -> Path:
    path = resources_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"missing resource: {name} (looked in {resources_dir()})")
    return path


@cache
def app_icon() -> QIcon:
    return QIcon(str(resource("billing-desktop.svg")))

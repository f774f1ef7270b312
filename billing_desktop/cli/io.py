"""Reading secrets (prompt, environment or stdin, never argv), parsing JSON arguments, printing results."""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import asdict, is_dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from billing_desktop.errors import AppError, ValidationError


def read_secret(prompt: str, env: str | None = None, confirm: bool = False) -> str:
    if env and os.environ.get(env):
        return os.environ[env]
    if sys.stdin is not None and sys.stdin.isatty():
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat: ") != value:
            raise AppError("The two entries differ.")
        return value
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        hint = f" or set {env}" if env else ""
        raise AppError(f"{prompt.strip().rstrip(':')} is needed: type it at a terminal, pipe it on stdin{hint}.")
    return line.rstrip("\r\n")


def _default(o: Any):
    if isinstance(o, datetime):
        return o.isoformat()
    if isinstance(o, Decimal):
        return str(o)
    if is_dataclass(o):
        return asdict(o)
    if hasattr(o, "value"):
        return o.value
    raise TypeError(type(o).__name__)


def _plain(x: Any) -> Any:
    if is_dataclass(x):
        return asdict(x)
    if hasattr(x, "_asdict"):  # NamedTuple rows
        return x._asdict()
    return x


def emit_json(obj: Any) -> None:
    obj = [_plain(x) for x in obj] if isinstance(obj, list) else _plain(obj)
    print(json.dumps(obj, default=_default, indent=2, sort_keys=True))


def emit_table(rows: list[Any], columns: list[str]) -> None:
    data = [[_cell(getattr(r, c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in data]) for i, c in enumerate(columns)]
    print("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths)).rstrip())
    for row in data:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())


def _cell(v: Any) -> str:
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M")
    if isinstance(v, bool):
        return "yes" if v else "no"
    return "" if v is None else str(v)


def parse_json_object(text: str | None, field: str) -> dict[str, Any] | None:
    """A --branding/--metadata style argument: None when absent, a field error when not a JSON object."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError({field: f"Not valid JSON ({exc.msg})."}) from None
    if not isinstance(value, dict):
        raise ValidationError({field: "Enter a JSON object."})
    return value

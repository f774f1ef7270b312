"""Reading secrets (prompt, environment or stdin, never argv), parsing JSON arguments, printing results."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from contextlib import contextmanager
from typing import Any, Literal, overload

from billing_desktop.errors import AppError, ValidationError


def read_secret(prompt: str, env: str | None = None, *, confirm: bool = False) -> str:
    if env and os.environ.get(env):
        return _utf8(os.environ[env], env)
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        value = _utf8(getpass.getpass(prompt), "input")
        if confirm and getpass.getpass("Repeat: ") != value:
            raise AppError("The two entries differ.")
        return value
    try:
        line = sys.stdin.readline() if sys.stdin is not None else ""
    except UnicodeDecodeError:
        line = "\udcff"  # said below, as for the other sources
    if not line:
        hint = f" or set {env}" if env else ""
        raise AppError(f"{prompt.strip().rstrip(':')} is needed: type it at a terminal, pipe it on stdin{hint}.")
    return _utf8(line.rstrip("\r\n"), "stdin")


def _utf8(value: str, source: str) -> str:
    """`value`, when it is text: bytes that were not UTF-8 (kept by Python as lone surrogates) made the password check
    fail with a traceback that showed one of them. Nothing of the value is said."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError({source: "not valid UTF-8 text; type it again or fix the terminal's encoding."}) from None
    return value


# json, dataclasses, datetime and decimal are imported where used: `keys inspect` (a process budgeted as a whole,
# docs/PERFORMANCE.md) prints a plain dict and imports no dataclasses at all.
_PLAIN = (dict, list, str, int, float, bool, type(None))


def _default(o: Any):
    from dataclasses import asdict, is_dataclass
    from datetime import datetime
    from decimal import Decimal

    if isinstance(o, datetime):
        return o.isoformat()
    if isinstance(o, Decimal):
        return str(o)
    if is_dataclass(o) and not isinstance(o, type):
        return asdict(o)
    if hasattr(o, "value"):
        return o.value
    if isinstance(o, Mapping):  # e.g. the board's TenantCounts: a mapping that is not a dict
        return dict(o)
    raise TypeError(type(o).__name__)


def _plain(x: Any) -> Any:
    if isinstance(x, _PLAIN):
        return x
    from dataclasses import asdict, is_dataclass

    if is_dataclass(x) and not isinstance(x, type):
        return asdict(x)
    if hasattr(x, "_asdict"):  # NamedTuple rows
        return x._asdict()
    return x


def emit_json(obj: Any) -> None:
    import json

    obj = [_plain(x) for x in obj] if isinstance(obj, list) else _plain(obj)
    print(json.dumps(obj, default=_default, indent=2, sort_keys=True))


def emit_table(rows: list[Any], columns: list[str]) -> None:
    data = [[_cell(getattr(r, c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in data]) for i, c in enumerate(columns)]
    print("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in data:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _cell(v: Any) -> str:
    from datetime import datetime

    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M")
    if isinstance(v, bool):
        return "yes" if v else "no"
    return "" if v is None else str(v)


def seconds(text: str) -> float:
    """argparse type for --timeout: a finite number of seconds above zero (not nan, inf or negative)."""
    import argparse
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value <= 0 or value > 86400:
        raise argparse.ArgumentTypeError(f"give a number of seconds between 0 and 86400, not {text!r}")
    return value


def database_url(text: str) -> str:
    """argparse type for a database URL: no password in it, since argv is readable by every local user (`ps`)."""
    import argparse
    from urllib.parse import parse_qs, urlsplit

    try:
        parts = urlsplit(text)
        has_password = parts.password is not None or "password" in parse_qs(parts.query)
    except ValueError:
        has_password = False  # not a URL at all: the database layer says what is wrong with it
    if has_password:
        raise argparse.ArgumentTypeError(
            "a password in the URL would be visible to every user of this computer; leave it out and let the OS "
            "keyring (`billing-desktop db connect`), PGPASSWORD or ~/.pgpass supply it"
        )
    return text


MAX_FILE_BYTES = 5 * 1024 * 1024


@overload
def read_file_arg(path: str, field: str, *, text: Literal[True] = True) -> str: ...
@overload
def read_file_arg(path: str, field: str, *, text: Literal[False]) -> bytes: ...
def read_file_arg(path: str, field: str, *, text: bool = True) -> str | bytes:
    """A --payload-file style argument: its content, or a field error saying why not (missing, a folder, not a
    regular file, too large, not UTF-8). Never blocks on a FIFO."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise ValidationError({field: f"No such file: {path}."}) from None
    except IsADirectoryError:
        raise ValidationError({field: f"{path} is a folder; name a file."}) from None
    except OSError as exc:
        raise ValidationError({field: f"Cannot open {path}: {exc.strerror or type(exc).__name__}."}) from None
    except ValueError:  # a NUL character: no file can have that name
        raise ValidationError({field: "A file name cannot contain a NUL character."}) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ValidationError({field: f"{path} is a folder; name a file."})
        if not stat.S_ISREG(st.st_mode):
            raise ValidationError({field: f"{path} is not a regular file."})
        if st.st_size > MAX_FILE_BYTES:
            raise ValidationError({field: f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."})
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ValidationError({field: f"Cannot read {path}: {exc.strerror or type(exc).__name__}."}) from None
    finally:
        os.close(fd)
    if not text:
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError({field: f"{path} is not UTF-8 text (byte {exc.start} cannot be decoded)."}) from None


# -- terminal safety ---------------------------------------------------------------------------------------------
# What a terminal would act on instead of showing: C0 controls but tab and newline, DEL, C1 controls, bidi
# embeddings/overrides/isolates, and lone surrogates (undecodable bytes from argv or a file).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: Any) -> str:
    """`text` with anything a terminal would interpret shown as an escape (\\x1b, \\u202e) instead."""
    return _UNSAFE.sub(lambda m: _escape(m.group()), str(text))


def _escape(ch: str) -> str:
    o = ord(ch)
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


class _SafeStream:
    """Wraps stdout/stderr: every write is passed through `printable`, whatever printed it."""

    def __init__(self, inner):
        self._inner = inner

    def write(self, s: str) -> int:
        return self._inner.write(printable(s))

    def __getattr__(self, name):
        return getattr(self._inner, name)


def progress(text: str) -> None:
    """Redraw one progress line on stderr at a terminal; nothing when stderr is piped. The carriage return is
    ours and reaches the terminal as one; `text` goes through `printable`, so stored text never moves the cursor."""
    stream = sys.stderr
    raw = stream._inner if isinstance(stream, _SafeStream) else stream
    if raw is None or not raw.isatty():
        return
    raw.write("\r" + printable(text))
    raw.flush()


def end_progress() -> None:
    """End the progress line (at a terminal) so what follows starts on a line of its own."""
    stream = sys.stderr
    raw = stream._inner if isinstance(stream, _SafeStream) else stream
    if raw is not None and raw.isatty():
        raw.write("\n")


@contextmanager
def terminal_safe_output():
    """Stored data (company names, URLs, reasons) may hold escapes or bidi overrides: never print them raw."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeStream(sys.stdout), _SafeStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved

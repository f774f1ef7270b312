"""Where a paged tenant listing stopped, as text (the CLI's `tenants list --after`): the next call continues right
after the last tenant printed, in the same order, whatever was added or removed meanwhile (a keyset, not an offset).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from billing_desktop.errors import ValidationError, msg
from billing_desktop.services.tenant_pages import SORT_KEYS
from billing_desktop.services.tenant_ranked import RANKED

# The type of each part of a page's key, per order (services/tenant_pages.py SORT_KEYS; the attention order's
# segment number first, services/tenant_ranked.py).
_SHAPES: dict[str, tuple[type, ...]] = {
    **{sort: (str,) * (len(keys) - 1) + (int,) for sort, keys in SORT_KEYS.items()},
    "active": (bool, str, int),
    RANKED: (int, str, int),
}


def encode(sort: str, descending: bool, key: tuple[Any, ...]) -> str:  # noqa: FBT001 - the order's two halves
    raw = json.dumps([sort, descending, list(key)], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(text: str, sort: str, descending: bool) -> tuple[Any, ...]:  # noqa: FBT001
    """The key `text` holds, for a listing in `sort` order; a clear refusal for anything else."""
    bad = ValidationError(
        {"after": msg("Not a cursor a tenant listing printed: copy it whole, or list again without --after.")}
    )
    try:
        raw = json.loads(base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4)))
    except (binascii.Error, ValueError):
        raise bad from None
    if not (isinstance(raw, list) and len(raw) == 3 and isinstance(raw[2], list)):
        raise bad
    their_sort, their_descending, key = raw
    if their_sort != sort or their_descending != descending:
        raise ValidationError(
            {
                "after": msg(
                    "This cursor continues a listing in another order ({sort}): list with the --sort and --desc it "
                    "was printed with.",
                    sort=f"{their_sort}{' desc' if their_descending else ''}",
                )
            }
        )
    if sort not in _SHAPES or tuple(type(v) for v in key) != _SHAPES[sort]:
        raise bad
    return tuple(key)

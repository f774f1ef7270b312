"""An account answer from Stripe reduced to the shapes the app reads: lists of codes are lists of strings, a deadline is
a timestamp, a reason is a string, capabilities map names to statuses. A field of any other type (a tampered or
misdirected answer, or a later API version that changed it) is dropped, so one odd account can neither stop a sync
nor make a saved copy that every view then fails on."""

from __future__ import annotations

from typing import Any

CODE_LISTS = ("currently_due", "eventually_due", "past_due", "pending_verification")
FLAGS = ("charges_enabled", "payouts_enabled", "details_submitted")
TEXTS = ("type", "email", "country", "default_currency", "business_type")
LAST_TIMESTAMP = 253402300799  # 9999-12-31: what datetime can show


def timestamp(value: Any) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 < value <= LAST_TIMESTAMP
    return value if ok else None


def _codes(value: Any) -> list[str]:
    return [c for c in value if isinstance(c, str)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def requirements(req: Any) -> dict[str, Any]:
    if not isinstance(req, dict):
        return {}
    out = dict(req)
    for name in CODE_LISTS:
        out[name] = _codes(req.get(name))
    out["current_deadline"] = timestamp(req.get("current_deadline"))
    reason = req.get("disabled_reason")
    out["disabled_reason"] = reason if isinstance(reason, str) and reason else None
    errors = req.get("errors")
    out["errors"] = [
        {"code": _text(e.get("code")), "reason": _text(e.get("reason")), "requirement": _text(e.get("requirement"))}
        for e in (errors if isinstance(errors, list) else [])
        if isinstance(e, dict)
    ]
    return out


def account(a: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for name in ("requirements", "future_requirements"):
        if name in a:
            out[name] = requirements(a[name])
    if "capabilities" in a:
        caps = a["capabilities"]
        items = caps.items() if isinstance(caps, dict) else ()
        out["capabilities"] = {k: v for k, v in items if isinstance(k, str) and isinstance(v, str)}
    for name in FLAGS:
        if name in a and not isinstance(a[name], bool):
            out[name] = False
    for name in TEXTS:
        if name in a and a[name] is not None and not isinstance(a[name], str):
            out[name] = None
    if "business_profile" in a:
        profile = a["business_profile"] if isinstance(a["business_profile"], dict) else {}
        out["business_profile"] = dict(
            profile, name=profile.get("name") if isinstance(profile.get("name"), str) else None
        )
    if "controller" in a and not isinstance(a["controller"], dict):
        out["controller"] = {}
    if "created" in a:
        out["created"] = timestamp(a["created"])
    return out

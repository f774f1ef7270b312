"""Signed test delivery against a bare httpx POST to the same loopback receiver, interleaved."""

from __future__ import annotations

import tempfile
import time

from common import Row, Stat, fast_services, ratio_row


def delivery(quick: bool = False) -> list[Row]:
    repeats = 10 if quick else 60
    import httpx

    from tests.support.receiver import Receiver

    d = tempfile.mkdtemp(prefix="bd-bench-wh-")
    svc = fast_services(f"sqlite:///{d}/db.sqlite3")
    svc.auth.create_operator("op@bench.example", "bench-password-1")
    op = svc.auth.sign_in("op@bench.example", "bench-password-1")
    from billing_desktop.services.tenants import Registration

    t = svc.tenants.register(op, Registration("Bench", "owner@bench.example", "bench-password-1"))
    receiver = Receiver()
    svc.webhooks.save(op, t.id, receiver.url, ["*"], "", enabled=True, scheme="stripe", allow_private=True)
    payload = svc.deliveries.sample_payload(op, t.id, "invoice.paid")
    body = payload.encode()
    for _ in range(5):
        svc.deliveries.send_test(op, t.id, "invoice.paid", payload)
        httpx.post(receiver.url, content=body, headers={"Content-Type": "application/json"})
    ours, bare = [], []
    for _ in range(repeats):
        s = time.perf_counter()
        svc.deliveries.send_test(op, t.id, "invoice.paid", payload)
        ours.append(time.perf_counter() - s)
        s = time.perf_counter()
        httpx.post(receiver.url, content=body, headers={"Content-Type": "application/json"})
        bare.append(time.perf_counter() - s)
    receiver.close()
    svc.close()
    return [
        ratio_row(
            "signed test delivery to a loopback receiver",
            Stat(ours),
            Stat(bare),
            limit=1.2,
            baseline_label="bare httpx.post",
        )
    ]

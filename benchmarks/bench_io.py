"""4. Key scan of a 200 MB tree against grep -E; 5. signed test delivery against a bare httpx POST."""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time

from common import Row, fast_services

GREP = (
    r"(sk|pk|rk)_(live|test)_[0-9A-Za-z]{10,99}|whsec_[0-9A-Za-z+/=]{16,}|acct_[0-9A-Za-z]{8,32}"
    r"|ca_[0-9A-Za-z]{16,64}"
)


def _tree(size_mb: int, planted: list[str]) -> str:
    root = tempfile.mkdtemp(prefix="bd-bench-scan-")
    rnd = random.Random(5)
    words = [
        w.encode()
        for w in "the quick brown fox jumps over lazy dog config value token secret api key import "
        "return function class def let const var if else for while stripe billing account".split()
    ]
    written, n, plant = 0, 0, list(planted)
    while written < size_mb * 1_000_000:
        d = os.path.join(root, f"dir{n % 40}", f"sub{n % 7}")
        os.makedirs(d, exist_ok=True)
        lines = []
        for _ in range(2000):
            lines.append(b" ".join(rnd.choice(words) for _ in range(rnd.randint(4, 14))))
            if plant and rnd.random() < 0.002:
                lines.append(b"KEY = '" + plant.pop().encode() + b"'")
        data = b"\n".join(lines) + b"\n"
        with open(os.path.join(d, f"file{n}.txt"), "wb") as f:
            f.write(data)
        if n % 25 == 0:  # some binary files, which both tools skip
            with open(os.path.join(d, f"blob{n}.bin"), "wb") as f:
                f.write(b"\0" + os.urandom(20000))
        written += len(data)
        n += 1
    while plant:  # whatever did not land by chance goes in one last file
        with open(os.path.join(root, "last.env"), "ab") as f:
            f.write(b"K=" + plant.pop().encode() + b"\n")
    return root


def scan() -> list[Row]:
    from billing_desktop.domain.keys import Kind, generate

    d = tempfile.mkdtemp(prefix="bd-bench-scandb-")
    svc = fast_services(f"sqlite:///{d}/db.sqlite3")
    svc.auth.create_operator("op@bench.example", "bench-password-1")
    session = svc.auth.sign_in("op@bench.example", "bench-password-1")
    planted = [generate(Kind.SECRET, "live") for _ in range(60)] + [
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc" + str(i) for i in range(20)
    ]
    root = _tree(200, planted)
    subprocess.run(["grep", "-rIEc", GREP, root], capture_output=True)  # warm the cache
    ours, grep = [], []
    for _ in range(3):
        t = time.perf_counter()
        result = svc.inspection.scan(session, [root])
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run(["grep", "-rIEon", "--exclude-dir=.git", GREP, root], capture_output=True)
        grep.append(time.perf_counter() - t)
    found = {f.value for f in result.findings}
    from billing_desktop.domain.keys import mask

    missing = [k for k in planted if mask(k) not in found]
    mb = result.bytes_scanned / 1e6
    o, g = statistics.median(ours), statistics.median(grep)
    shutil.rmtree(root, ignore_errors=True)
    svc.close()
    return [
        Row(
            f"key scan of {mb:.0f} MB ({len(planted) - len(missing)}/{len(planted)} planted keys found)",
            f"{mb / o:.0f} MB/s",
            f"grep -E {mb / g:.0f} MB/s",
            (mb / o) / (mb / g),
            "≥ 0.5× grep, all found",
            (mb / o) / (mb / g) >= 0.5 and not missing,
        )
    ]


def delivery(repeats: int = 60) -> list[Row]:
    import httpx

    from tests.support.receiver import Receiver

    d = tempfile.mkdtemp(prefix="bd-bench-wh-")
    svc = fast_services(f"sqlite:///{d}/db.sqlite3")
    svc.auth.create_operator("op@bench.example", "bench-password-1")
    op = svc.auth.sign_in("op@bench.example", "bench-password-1")
    from billing_desktop.services.tenants import Registration

    t = svc.tenants.register(op, Registration("Bench", "owner@bench.example", "bench-password-1"))
    receiver = Receiver()
    svc.webhooks.save(op, t.id, receiver.url, ["*"], "", True, "stripe", True)
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
    o, b = statistics.median(ours), statistics.median(bare)
    return [
        Row(
            "signed test delivery to a loopback receiver",
            f"{o * 1000:.1f} ms",
            f"bare httpx.post {b * 1000:.1f} ms",
            o / b,
            "≤ 1.2×",
            o / b <= 1.2,
        )
    ]

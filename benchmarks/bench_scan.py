"""Leak scan against the tools a user would pick instead, on one generated tree.

The tree holds text, binary and UTF-16 files (with a byte-order mark, as Windows editors and PowerShell write
them), keys planted in all three kinds, and decoys that look like keys but are not (too short, too long, glued to
a word, an unknown prefix). Each tool scans the whole tree, interleaved with the others, five times or more:

- ours, with the Hyperscan prefilter and with it forced off (BILLING_DESKTOP_SCAN_PREFILTER=none);
- ripgrep with the same patterns, binary files searched as text (`--text`; it decodes UTF-16 by its BOM), in two
  spellings of them that find the same tokens, the faster one judged: its own regex engine with ASCII word
  boundaries, and PCRE2 with the leading boundary a consumed non-word character (`-r '$1'` prints the token alone).
  A leading `\b` keeps ripgrep 13's regex engine from searching for the literals first (about 1.5x the CPU time of
  the PCRE2 spelling here);
- detect-secrets with its default plugins (`detect-secrets scan --all-files`), on one part of the same tree
  (dir0/sub0, about 1/115 of it) and fewer times: it reads about four orders of magnitude slower, so the whole
  tree five times would take hours, and no noise can move its ratio across the budget.

Throughput is the tree's size over the median wall time. Recall is scored per planted key; a finding that is no
planted key is a false positive: by value for ours (masked) and ripgrep, by file and line for detect-secrets (it
reports only a hash of what it found)."""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from common import REPEATS, ROOT, Row, Stat, fast_services, ratio_row, run_child

# ASCII word boundaries, as the keys are ASCII: ripgrep's Unicode-aware \b takes a slower engine (2.2x here).
RG_PATTERN = (
    r"\b(sk|pk|rk)_(live|test)_[0-9A-Za-z]{10,99}\b|\bwhsec_[0-9A-Za-z+/=]{16,}|\bacct_[0-9A-Za-z]{8,32}\b"
    r"|\bca_[0-9A-Za-z]{16,64}\b"
).replace(r"\b", r"(?-u:\b)")
WORDS = [
    "the",
    "quick",
    "brown",
    "fox",
    "jumps",
    "over",
    "lazy",
    "dog",
    "config",
    "value",
    "token",
    "secret",
    "api",
    "key",
    "import",
    "return",
    "function",
    "class",
    "def",
    "let",
    "const",
    "var",
    "if",
    "else",
    "for",
    "while",
    "stripe",
    "billing",
    "account",
    "invoice",
    "payout",
    "charge",
    "customer",
]
DECOYS = [
    "sk_live_abc123",  # body too short
    "pk_demo_0123456789abcdefXYZ",  # no such mode
    "task_live_0123456789abcdefXYZ",  # the prefix is the end of a word
    "whsec_short12",
    "acct_1234567",  # 7 characters
    "ca_shortid",
    "sk_test_" + "A1b2C3d4E5" * 12,  # 120 characters: longer than any key
]


def _alnum(rnd: random.Random, n: int) -> str:
    return "".join(rnd.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") for _ in range(n))


def planted_keys(count: int, seed: int = 7) -> list[str]:
    """Platform keys (the checksummed format) and Stripe's shapes, in a fixed mix."""
    from billing_desktop.domain.keys import Kind, generate

    rnd = random.Random(seed)
    out = []
    for n in range(count):
        match n % 6:
            case 0 | 1:
                out.append(generate(Kind.SECRET if n % 2 else Kind.PUBLISHABLE, "live" if n % 4 < 2 else "test"))
            case 2:
                out.append(f"sk_test_{_alnum(rnd, 24)}")
            case 3:
                out.append(f"rk_live_{_alnum(rnd, 24)}")
            case 4:
                out.append(f"whsec_{_alnum(rnd, 32)}")
            case _:
                out.append(f"sk_live_{_alnum(rnd, 24)}")
    return out


def make_tree(size_mb: float, keys: list[str], seed: int = 5) -> tuple[str, int, dict[str, tuple[str, int]]]:
    """(root, total bytes, key -> (relative path, line)). About 75% text, 15% binary, 10% UTF-16 by size."""
    rnd = random.Random(seed)
    root = tempfile.mkdtemp(prefix="bd-bench-scan-")
    pool = [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 14))) for _ in range(4000)]
    where: dict[str, tuple[str, int]] = {}
    todo = list(keys)
    target, written, n = int(size_mb * 1_000_000), 0, 0
    while written < target or todo:
        rel = os.path.join(f"dir{n % 23}", f"sub{n % 5}")
        os.makedirs(os.path.join(root, rel), exist_ok=True)
        kind = "bin" if n % 10 == 3 else "utf16" if n % 10 == 7 else "text"
        lines = rnd.choices(pool, k=400 if kind != "text" else 1500)
        for d in rnd.sample(DECOYS, 2):  # decoys everywhere
            lines.insert(rnd.randrange(len(lines)), f"example = '{d}'")
        planted_here = []
        if todo and (rnd.random() < 0.5 or written >= target or n % 115 == 0):  # dir0/sub0 gets keys
            key = todo.pop()
            at = rnd.randrange(len(lines))
            lines.insert(at, f'STRIPE_KEY = "{key}"')
            planted_here.append((key, at + 1))
        name = os.path.join(rel, f"f{n}.{'dat' if kind == 'bin' else 'txt'}")
        text = "\n".join(lines) + "\n"
        if kind == "text":
            data = text.encode()
        elif kind == "utf16":
            data = text.encode("utf-16")  # with its BOM
        else:  # a binary blob with the text embedded (a build artefact, a core dump, an archive member)
            head = b"\x7fELF\x02\x01\x01\x00" + bytes(rnd.getrandbits(8) for _ in range(4000)) + b"\0" * 64
            data = head + text.encode() + bytes(rnd.getrandbits(8) for _ in range(2000))
            planted_here = [(k, line + head.count(b"\n")) for k, line in planted_here]
        with open(os.path.join(root, name), "wb") as f:
            f.write(data)
        for key, line in planted_here:
            where[key] = (name, line)
        written += len(data)
        n += 1
    return root, written, where


# -- the three tools --------------------------------------------------------------------------------------------
def scan_ours(svc, session, root: str) -> set[tuple[str, str]]:
    result = svc.inspection.scan(session, [root])
    return {(os.path.relpath(f.path, root), f.value) for f in result.findings}


# The same tokens for PCRE2: a non-word character (or the line start) consumed before the token instead of a
# leading \b, lookaheads for the trailing ones (ASCII, as above; PCRE2's \b would be Unicode-aware here).
_RG_END = "(?![0-9A-Za-z_])"
RG_PCRE2_PATTERN = (
    f"(?:^|[^0-9A-Za-z_])((?:sk|pk|rk)_(?:live|test)_[0-9A-Za-z]{{10,99}}{_RG_END}|whsec_[0-9A-Za-z+/=]{{16,}}"
    f"|acct_[0-9A-Za-z]{{8,32}}{_RG_END}|ca_[0-9A-Za-z]{{16,64}}{_RG_END})"
)
RG_FORMS = {  # name -> the arguments that give ripgrep the patterns
    "rg": ["-e", RG_PATTERN],
    "rg-pcre2": ["--pcre2", "--replace", "$1", "-e", RG_PCRE2_PATTERN],
}


def scan_rg(root: str, form: str = "rg") -> set[tuple[str, str]]:
    out = subprocess.run(
        # "." named: with no path and stdin a pipe or a file, ripgrep would search stdin instead
        ["rg", "--no-config", "--text", "--hidden", "--no-ignore", "-o", "-N", "--with-filename", *RG_FORMS[form], "."],
        cwd=root,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    ).stdout.decode("utf-8", "replace")
    found = set()
    for line in out.splitlines():
        path, _, value = line.partition(":")
        found.add((os.path.normpath(path), value))
    return found


DS_PART = os.path.join("dir0", "sub0")


def scan_ds(root: str) -> set[tuple[str, int]]:
    out = subprocess.run(
        [sys.executable, "-m", "detect_secrets", "scan", "--all-files", "."],
        cwd=os.path.join(root, DS_PART),
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise RuntimeError(f"detect-secrets failed: {out.stderr[-1000:]}")
    results = json.loads(out.stdout)["results"]
    return {
        (os.path.join(DS_PART, os.path.normpath(path)), hit["line_number"])
        for path, hits in results.items()
        for hit in hits
    }


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def rg_forms() -> list[str]:
    """The spellings this ripgrep can run: PCRE2 is an optional feature of its build."""
    if not _rg_forms:
        pcre2 = subprocess.run(["rg", "--pcre2-version"], capture_output=True).returncode == 0
        _rg_forms.extend(form for form in RG_FORMS if pcre2 or form != "rg-pcre2")
    return _rg_forms


_rg_forms: list[str] = []


def ensure_peers() -> dict[str, str]:
    """Install ripgrep (apt) and detect-secrets (pip) when missing; return their versions."""
    if not shutil.which("rg"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.run(
            [*sudo, "apt-get", "install", "-y", "-qq", "ripgrep"], env=env, capture_output=True
        ).returncode:
            subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, capture_output=True)
            subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "ripgrep"], env=env, check=True)
    try:
        import detect_secrets  # noqa: F401
    except ImportError:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "detect-secrets"], check=True
        )
    rg = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    ds = subprocess.run(
        [sys.executable, "-m", "detect_secrets", "--version"], capture_output=True, text=True
    ).stdout.strip()
    return {"ripgrep": rg, "detect-secrets": f"detect-secrets {ds}"}


# -- the benchmark ----------------------------------------------------------------------------------------------
def _recall(found: set, expected: dict) -> tuple[int, int]:
    hits = sum(1 for v in expected.values() if v in found)
    return hits, len(found - set(expected.values()))


def run(quick: bool = False) -> list[Row]:
    from billing_desktop.domain.keys import mask
    from billing_desktop.services import key_inspection

    versions = ensure_peers()
    keys = planted_keys(24 if quick else 120)
    root, size, where = make_tree(6 if quick else 200, keys)
    d = tempfile.mkdtemp(prefix="bd-bench-scandb-")
    svc = fast_services(f"sqlite:///{d}/db.sqlite3")
    svc.auth.create_operator("op@bench.example", "bench-password-1")
    session = svc.auth.sign_in("op@bench.example", "bench-password-1")

    def ours(*, prefilter: bool):
        def go():
            if prefilter:
                os.environ.pop("BILLING_DESKTOP_SCAN_PREFILTER", None)
            else:
                os.environ["BILLING_DESKTOP_SCAN_PREFILTER"] = "none"
            name = "ours" if prefilter else "ours-plain"
            t, c = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
            results[name] = scan_ours(svc, session, root)
            took = time.perf_counter() - t
            cpu[name].append(_cpu(resource.RUSAGE_SELF) - c)
            return took

        return go

    results: dict[str, set] = {}
    # CPU time per pass beside the wall time: other work on the machine slows ripgrep's two threads more than the
    # scan, so a busy run's ratio flatters the scan; CPU time tells what each pass cost whatever the load.
    cpu: dict[str, list[float]] = defaultdict(list)

    def peer(name, fn):
        def go():
            t, c = time.perf_counter(), _cpu(resource.RUSAGE_CHILDREN)
            results[name] = fn(root)
            took = time.perf_counter() - t
            cpu[name].append(_cpu(resource.RUSAGE_CHILDREN) - c)
            return took

        return go

    fns = {"ours": ours(prefilter=True), "ours-plain": ours(prefilter=False)}
    for form in rg_forms():
        fns[form] = peer(form, lambda root, form=form: scan_rg(root, form))
    samples: dict[str, list[float]] = {k: [] for k in fns}
    for fn in fns.values():  # warm the file cache and the imports
        fn()
    for _ in range(REPEATS):
        for k, fn in fns.items():
            samples[k].append(fn())
    ds_part = sum(f.stat().st_size for f in Path(root, DS_PART).rglob("*") if f.is_file())
    samples["ds"] = [peer("ds", scan_ds)() * size / ds_part for _ in range(1 if quick else 2)]
    os.environ.pop("BILLING_DESKTOP_SCAN_PREFILTER", None)
    hyperscan = key_inspection.prefilter() is not None

    by_value_masked = {k: (where[k][0], mask(k)) for k in keys}
    by_value = {k: (where[k][0], k) for k in keys}
    by_line = {k: where[k] for k in keys if where[k][0].startswith(DS_PART + os.sep)}
    score = {
        "ours": _recall(results["ours"], by_value_masked),
        "ours-plain": _recall(results["ours-plain"], by_value_masked),
        "ds": _recall(results["ds"], by_line),
    }
    score.update({form: _recall(results[form], by_value) for form in rg_forms()})
    ds_keys = len(by_line)
    mb = size / 1e6
    tput = {k: Stat([mb / s for s in v], "MB/s") for k, v in samples.items()}

    def show(s: Stat) -> str:
        return f"{s.median:.0f} MB/s (best {max(s.samples):.0f})"

    def quality(k: str) -> str:
        hits, fp = score[k]
        return f"{hits}/{ds_keys if k == 'ds' else len(keys)} found, {fp} false"

    perfect = score["ours"] == (len(keys), 0)
    # The baseline: the faster spelling of ripgrep's patterns among those that find the most (the same, here).
    most = max(score[form] for form in rg_forms())
    rg = max((form for form in rg_forms() if score[form] == most), key=lambda form: max(tput[form].samples))
    rg_label = f"{versions['ripgrep']} ({'PCRE2' if rg == 'rg-pcre2' else 'its regex engine'})"
    cpu_ms = {k: round(statistics.median(v[1:] or v) * 1000) for k, v in cpu.items()}  # the warm-up pass left out
    score["rg"] = score[rg]
    rows = [
        ratio_row(
            f"leak scan, Hyperscan prefilter{'' if hyperscan else ' (not installed here)'}, {mb:.0f} MB "
            f"({quality('ours')}) vs ripgrep ({quality('rg')}); CPU time a pass: {cpu_ms['ours']} ms vs "
            f"{cpu_ms[rg]} ms",
            tput["ours"],
            tput[rg],
            limit=1.0,
            higher_is_better=True,
            show=show,
            baseline_label=rg_label,
            extra_ok=perfect,
        ),
        ratio_row(
            f"leak scan, prefilter forced off ({quality('ours-plain')}) vs ripgrep; CPU time a pass: "
            f"{cpu_ms['ours-plain']} ms",
            tput["ours-plain"],
            tput[rg],
            limit=0.5,
            higher_is_better=True,
            show=show,
            baseline_label=rg_label.replace(versions["ripgrep"], "ripgrep"),
            extra_ok=score["ours-plain"] == (len(keys), 0),
        ),
        ratio_row(
            f"leak scan vs detect-secrets (default plugins, on {ds_part / 1e6:.1f} MB of the tree: {quality('ds')})",
            tput["ours"],
            tput["ds"],
            limit=20,
            higher_is_better=True,
            show=show,
            baseline_label=versions["detect-secrets"],
            extra_ok=perfect,
        ),
    ]
    for r in rows:
        r.detail.update({"found_and_false": score, "planted": len(keys), "planted_in_ds_part": ds_keys})
        r.detail.update({"versions": versions, "bytes": size, "ds_bytes": ds_part, "ripgrep_judged": rg})
        r.detail["cpu_ms_median"] = cpu_ms
        r.detail["ripgrep_forms"] = {
            form: {"median": tput[form].median, "best": max(tput[form].samples), "unit": "MB/s"} for form in rg_forms()
        }
    shutil.rmtree(root, ignore_errors=True)
    svc.close()
    rows.append(big_file_memory(quick))
    return rows


# -- one big file, streamed -------------------------------------------------------------------------------------
MEM_CHILD = r"""
import sys
sys.path.insert(0, {root!r})
from benchmarks.common import fast_services
svc = fast_services({url!r})
session = svc.auth.sign_in("op@bench.example", "bench-password-1")
result = svc.inspection.scan(session, [{path!r}])
print("result", result.bytes_scanned, len(result.findings), flush=True)
"""


def _big_file(path: str, size: int, keys: list[str]) -> int:
    """Text in 1 MiB blocks, with a key across every boundary at a power of two MiB (where a reader's chunks would
    end) and one at the very end. Returns how many keys it planted."""
    rnd = random.Random(9)
    block = "\n".join(rnd.choices(WORDS, k=200_000)).encode()[: 1 << 20]
    planted, written, n = 0, 0, 0
    with open(path, "wb") as f:
        while written + len(block) <= size:
            n += 1
            if n & (n - 1):
                f.write(block)
                written += len(block)
                continue
            k = keys[planted % len(keys)].encode()
            half = len(k) // 2
            data = block[: -half - 1] + b" " + k[:half]  # the key straddles the end of this MiB
            f.write(data + k[half:] + b"\n")
            written += len(data) + len(k) - half + 1
            planted += 1
        f.write(b"tail " + keys[0].encode() + b"\n")
    return planted + 1


def big_file_memory(quick: bool) -> Row:
    from billing_desktop.domain.keys import Kind, generate

    d = tempfile.mkdtemp(prefix="bd-bench-bigfile-")
    url = f"sqlite:///{d}/db.sqlite3"
    svc = fast_services(url)
    svc.auth.create_operator("op@bench.example", "bench-password-1")
    svc.close()
    keys = [generate(Kind.SECRET, "live") for _ in range(4)]
    # Both sizes above the scan's 4 MiB chunk, as in the full run: both are streamed, and what is compared is whether
    # the peak grows with the file (a 1 MB file, read whole, lacked the chunk buffers and read 1.22x in quick mode).
    small, big = (10, 100) if quick else (20, 2000)
    paths, expected = {}, {}
    for label, mb in (("small", small), ("big", big)):
        paths[label] = os.path.join(d, f"{label}.log")
        expected[label] = _big_file(paths[label], mb * 1_000_000, keys)
    rss: dict[str, list[float]] = {"small": [], "big": []}
    found: dict[str, int] = {}
    env = dict(os.environ)
    for _ in range(1 if quick else REPEATS):
        for label in ("small", "big"):
            code = MEM_CHILD.format(root=str(ROOT), url=url, path=paths[label])
            _, peak, line = run_child([sys.executable, "-c", code], env, "result")
            rss[label].append(peak / 1024)
            found[label] = int(line.split()[2])
    shutil.rmtree(d, ignore_errors=True)
    ok_found = all(found[k] >= expected[k] for k in found)
    return ratio_row(
        f"leak scan peak memory, one {big / 1000:g} GB file vs one {small} MB file "
        f"({found['big']}/{expected['big']} keys across chunk boundaries found)",
        Stat(rss["big"], "MiB"),
        Stat(rss["small"], "MiB"),
        limit=1.2,
        show=lambda s: f"{s.median:.0f} MiB",
        extra_ok=ok_found,
    )

"""The leak scan reads files in chunks on several threads: a key is found once, whole and on its line wherever
the chunk ends fall, with or without the Hyperscan prefilter."""

from __future__ import annotations

import pytest

from billing_desktop.domain.keys import Kind, generate
from billing_desktop.services import leak_patterns, leak_scan


@pytest.fixture(params=["hyperscan", "none"])
def may_hold(request, monkeypatch):
    """The prefilter (offsets where a credential may start) or None: both must find the same."""
    if request.param == "none":
        monkeypatch.setenv(leak_patterns.PREFILTER_ENV, "none")
        assert leak_patterns.prefilter() is None
        return None
    monkeypatch.delenv(leak_patterns.PREFILTER_ENV, raising=False)
    return leak_patterns.prefilter()


def test_a_key_across_any_chunk_end_is_found_once_on_its_line(tmp_path, monkeypatch, may_hold):
    monkeypatch.setattr(leak_scan, "CHUNK", 128)
    monkeypatch.setattr(leak_scan, "OVERLAP", 64)  # longer than the key, as in production
    key = generate(Kind.SECRET, "live").encode()
    for offset in range(0, 300, 7):
        head = b"\n".join([b"x" * 9] * (offset // 10)) + b" " * (offset % 10 + 1)
        path = tmp_path / f"f{offset}.txt"
        path.write_bytes(head + key + b"\nnext line " + key + b"\n" + b"y" * 500)
        got = leak_scan.scan_file(path, may_hold)
        line = head.count(b"\n") + 1
        assert got.hits == [(line, key), (line + 1, key)], offset
        assert got.size == path.stat().st_size


def test_a_token_glued_to_a_word_across_a_chunk_end_is_not_a_key(tmp_path, monkeypatch, may_hold):
    monkeypatch.setattr(leak_scan, "CHUNK", 128)
    monkeypatch.setattr(leak_scan, "OVERLAP", 64)
    key = generate(Kind.SECRET, "live").encode()
    for offset in range(60, 140):
        path = tmp_path / "glued.txt"
        path.write_bytes(b"a" * offset + key + b"\n")  # "aaask_live_…": the end of a word, not a key
        assert leak_scan.scan_file(path, may_hold).hits == [], offset


def test_a_file_that_grew_since_its_size_was_read_is_read_to_its_end(tmp_path, monkeypatch, may_hold):
    import os

    key = generate(Kind.SECRET, "live").encode()
    path = tmp_path / "growing.log"
    path.write_bytes(b"line\n" * 1000 + b"late " + key + b"\n")
    real = os.fstat

    def fstat(fd):  # the size as it was before the last line was written
        st = real(fd)
        return os.stat_result((*st[:6], st.st_size - len(key) - 6, *st[7:10]))

    monkeypatch.setattr(os, "fstat", fstat)
    got = leak_scan.scan_file(path, may_hold)
    assert got.hits == [(1001, key)] and got.size == len(path.read_bytes())


def test_unreadable_files_and_fifos_are_skipped(tmp_path, may_hold):
    import os

    os.mkfifo(tmp_path / "fifo")
    assert leak_scan.scan_file(tmp_path / "fifo", may_hold).skipped
    assert leak_scan.scan_file(tmp_path / "gone.txt", may_hold).skipped


@pytest.fixture(params=["streamed", "whole"])
def chunked(request, monkeypatch):
    """Files streamed in chunks shorter than the file (keys across their ends), or read whole in one call."""
    if request.param == "streamed":
        monkeypatch.setattr(leak_scan, "CHUNK", 128)
        monkeypatch.setattr(leak_scan, "OVERLAP", 64)
    return request.param


def test_a_key_in_a_binary_file_is_found_at_its_byte_offset(tmp_path, may_hold, chunked):
    key = generate(Kind.SECRET, "live").encode()
    for offset in range(0, 300, 11):
        head = b"\x7fELF\0\1\n" + bytes(range(1, 32)) * 20
        blob = head[: 10 + offset] + b"\0 " + key + b"\0\xff" + b"\0" * 300 + b" task_live_0123456789abcdefXYZ\0"
        path = tmp_path / "blob.bin"
        path.write_bytes(blob)
        got = leak_scan.scan_file(path, may_hold)
        assert got.kind == "binary" and not got.by_line and not got.skipped
        assert got.hits == [(blob.index(key), key)], offset  # the glued decoy stays out, as in text
        assert got.size == len(blob)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_decoded_and_keys_found_on_their_lines(tmp_path, may_hold, chunked, encoding):
    key = generate(Kind.SECRET, "test")
    text = "".join(f"NAME_{n}=Café value {n}\r\n" for n in range(40)) + f"STRIPE_KEY={key}\r\nOTHER=x\r\n"
    path = tmp_path / ".env"
    path.write_bytes(text.encode(encoding))  # "utf-16" writes a byte-order mark, the other two do not
    got = leak_scan.scan_file(path, may_hold)
    assert got.kind == "utf-16" and got.hits == [(41, key.encode())]
    assert got.size == path.stat().st_size
    # A cut-off last byte and an unpaired surrogate (where a byte-order mark says UTF-16: without one, a NUL on
    # the wrong side makes it binary) are U+FFFD, as an editor shows them: the key after them stays whole.
    bad = "\ud800".encode(encoding, "surrogatepass")[-2:] if encoding == "utf-16" else b""
    path.write_bytes(text.encode(encoding) + bad + f" {key}".encode(encoding)[-(len(key) + 1) * 2 :] + b"x")
    got = leak_scan.scan_file(path, may_hold)
    assert got.kind == "utf-16" and got.hits == [(41, key.encode()), (43, key.encode())]


def test_a_key_in_a_sqlite_file_is_found_even_glued_to_the_column_before(tmp_path, may_hold):
    import sqlite3

    key = generate(Kind.SECRET, "live")
    path = tmp_path / "app.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE config (name TEXT, value TEXT)")
    # "stripe" is stored right before the key in the record: "stripesk_live_…" in the raw bytes.
    con.execute("INSERT INTO config VALUES ('stripe', ?)", (key,))
    con.execute("INSERT INTO config VALUES ('filler', ?)", ("x" * 5000,))
    con.commit()
    con.close()
    assert (b"stripe" + key.encode()) in path.read_bytes()
    got = leak_scan.scan_file(path, may_hold)
    assert got.kind == "sqlite" and got.hits == [(path.read_bytes().index(key.encode()), key.encode())]


def test_a_damaged_sqlite_file_is_read_as_binary(tmp_path, may_hold):
    key = generate(Kind.SECRET, "live").encode()
    path = tmp_path / "broken.db"
    path.write_bytes(leak_scan.SQLITE_MAGIC + b"\xff" * 200 + b" " + key + b" ")
    got = leak_scan.scan_file(path, may_hold)
    assert got.kind == "binary" and got.hits == [(path.read_bytes().index(key), key)]


def test_many_files_come_back_in_walk_order_from_the_threads(tmp_path, may_hold):
    keys = {}
    for n in range(60):
        keys[n] = generate(Kind.PUBLISHABLE, "test")
        (tmp_path / f"f{n:03d}.txt").write_text("filler\n" * (n * 50) + keys[n] + "\n")
    got = list(leak_scan.scan_files(leak_scan.walk([tmp_path]), may_hold))
    assert [g.path.name for g in got] == [f"f{n:03d}.txt" for n in range(60)]
    assert [g.hits for g in got] == [[(n * 50 + 1, keys[n].encode())] for n in range(60)]


def test_stopping_early_leaves_no_thread_running(tmp_path, may_hold):
    import threading

    for n in range(200):
        (tmp_path / f"f{n:03d}.txt").write_text("filler\n" * 100)
    files = leak_scan.scan_files(leak_scan.walk([tmp_path]), may_hold)
    next(files)
    files.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("leak-scan")]


@pytest.mark.parametrize("batch_ends_at", ["files", "bytes"])
def test_a_cancelled_scan_reads_few_files_more(tmp_path, monkeypatch, batch_ends_at):
    """Files go to the threads in batches of BATCH files, or fewer when they hold BATCH_BYTES (so the first result
    comes before a batch of big files is read); closing the iterator stops each thread after the file it is on."""
    import threading

    for n in range(200):
        (tmp_path / f"f{n:03d}.txt").write_text("filler\n" * 100)
    first_batch = leak_scan.BATCH
    if batch_ends_at == "bytes":
        monkeypatch.setattr(leak_scan, "BATCH_BYTES", 1)  # every file is a big one
        first_batch = 1
    opened = []
    real = leak_scan.scan_file

    def scan_file(path, starts, stop):
        opened.append(path)
        if int(path[-7:-4]) >= first_batch:
            assert stop.wait(10)  # still being read when the scan is cancelled
        return real(path, starts, stop)

    monkeypatch.setattr(leak_scan, "scan_file", scan_file)
    files = leak_scan.scan_files(leak_scan.walk([tmp_path]), None)
    assert next(files).path.name == "f000.txt"
    files.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("leak-scan")]
    assert len(opened) <= first_batch + leak_scan.WORKERS and len(set(opened)) == len(opened), opened


def _reference(data: bytes) -> list[tuple[int, bytes]]:
    """The plain definition the scan's one-pass search must agree with: every pattern's finditer, then the
    sk/pk/rk prefix and word-boundary checks."""
    found = []
    for pattern, back in leak_patterns.PATTERNS:
        for m in pattern.finditer(data):
            start = m.start() - back
            if back and (start < 0 or data[start : m.start()] not in (b"sk", b"pk", b"rk")):
                continue
            if start > 0 and data[start - 1] in leak_patterns._WORD:
                continue
            found.append((start, data[start : m.end()]))
    return sorted(found)


def test_the_one_pass_search_and_the_prefilter_find_what_each_pattern_finds(monkeypatch):
    import random

    monkeypatch.delenv(leak_patterns.PREFILTER_ENV, raising=False)
    starts = leak_patterns.prefilter()
    rnd = random.Random(3)
    key = generate(Kind.SECRET, "live")
    pieces = [
        key, key[:20], "sk_test_" + "A" * 12, "rk_live_" + "b" * 99, "pk_live_" + "c" * 100, "whsec_" + "d+/=" * 5,
        "acct_" + "E" * 8, "acct_" + "F" * 33, "ca_" + "G" * 16, "ca_" + "H" * 65, "task_live_0123456789abc",
        "xca_" + "I" * 20, "whsec_short", "ca_live_" + "J" * 12, "acct_live_" + "K" * 10, "sk_live_sk_live_" + "L" * 12,
        "_", "__", "snake_case", "whsec__" + "M" * 20, "ca_ca_" + "N" * 16, "é", "\0", "\n", " ", "=", "x", "9",
    ]  # fmt: skip
    for _ in range(400):
        data = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12))).encode()
        expected = _reference(data)
        for one_by_one in (0, 1, 3, 64):  # underscores found with bytes.find before the regex takes the rest
            monkeypatch.setattr(leak_patterns, "_FIND_FIRST", one_by_one)
            assert leak_patterns.candidates(data) == expected, (data, one_by_one)
        if starts is not None:
            assert leak_patterns.candidates_at(data, starts(data)) == expected, data
    assert any(_reference(p.encode()) for p in pieces)  # the pieces do hold keys


def test_the_walk_goes_in_name_order_without_git_or_linked_folders(tmp_path, monkeypatch):
    import os

    for rel in ("b.txt", "a.txt", "sub/z.txt", "sub/deeper/y.txt", ".git/config", "aa/x.txt", "outside/o.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    os.symlink(tmp_path / "outside", tmp_path / "repo-link")  # a linked folder is not walked into
    os.symlink(tmp_path / "a.txt", tmp_path / "c-link.txt")  # a linked file is a file
    monkeypatch.chdir(tmp_path)
    assert list(leak_scan.walk(["."])) == [  # spelled as pathlib would: no "./"
        "a.txt", "b.txt", "c-link.txt", "aa/x.txt", "outside/o.txt", "sub/z.txt", "sub/deeper/y.txt",
    ]  # fmt: skip
    assert list(leak_scan.walk([f"{tmp_path}/sub/", "b.txt"])) == [
        f"{tmp_path}/sub/z.txt", f"{tmp_path}/sub/deeper/y.txt", "b.txt",
    ]  # fmt: skip

#!/usr/bin/env python3
"""The hostile-package corpus, generated, and sent to a real intake server.

Usage: tests/hostile/hostile_packages.py [--intake target/release/mantetong-intake]
       [--port 8133] [--out target/hostile] [--write-only]

It writes every case to OUT/<name>.zip, starts the intake server on PORT with
a fresh data folder, and asserts for each case:

- hostile ones are refused with their status (422, or 413 when larger than
  the server's limit), fast (< REFUSE_SECONDS), with a small answer
  (< 64 KiB) in the documented shape {"errors": [{"path", "message"}]};
- for every package the server stores (201), Python's zipfile, bsdtar
  (seeking and streaming) and the project's reader (mantetong-intake
  --inspect) list the same entries with the same bytes;
- for every hostile case the project's reader refuses it too;
- memory: the server's peak RSS (VmHWM) stays under RSS_LIMIT_MB while the
  amplification cases are sent, several at once.

Prints one line per case and the figures (time to refuse, peak RSS); exits 1
on the first failed assertion. Needs python3, bsdtar (libarchive-tools).
"""
import argparse
import concurrent.futures
import hashlib
import http.client
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
import zlib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLE = os.path.join(ROOT, "tests", "packages", "linfen-hypertension.zip")
REFUSE_SECONDS = float(os.environ.get("HOSTILE_REFUSE_SECONDS", "5"))
# One at a time: a 20 MB body costs about its size, never a multiple.
RSS_ALONE_MB = float(os.environ.get("HOSTILE_RSS_ALONE_MB", "120"))
# After the burst, what stays resident.
RSS_AFTER_MB = float(os.environ.get("HOSTILE_RSS_AFTER_MB", "80"))
# Twelve 20 MB bodies at once: about 12 x 20 MB, not 12 x 3.4 GB.
RSS_LIMIT_MB = float(os.environ.get("HOSTILE_RSS_LIMIT_MB", "450"))
MAX_ANSWER = 64 * 1024
MAX_BODY = 20 * 1024 * 1024
# Refused by the server's own checks (facts, evaluation), not the package reader.
SERVER_LEVEL = {"many-problems", "sealed-claim-without-file", "birth-before-1900"}

# ------------------------------------------------------------- ZIP writing


def dos_time():
    return (0, (1 << 5) | 1)


def local_header(name, data, flags=0x0800, method=0, crc=None, size=None, extra=b""):
    crc = zlib.crc32(data) & 0xFFFFFFFF if crc is None else crc
    size = len(data) if size is None else size
    t, d = dos_time()
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, t, d, crc, size, size, len(name), len(extra)) + name + extra


def central_header(name, data, offset, flags=0x0800, method=0, crc=None, size=None, extra=b"", made_by=20, external=0):
    crc = zlib.crc32(data) & 0xFFFFFFFF if crc is None else crc
    size = len(data) if size is None else size
    t, d = dos_time()
    return (
        struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, made_by, 20, flags, method, t, d, crc, size, size, len(name), len(extra), 0, 0, 0, external, offset)
        + name
        + extra
    )


def end_record(count, cd_size, cd_offset, total=None, comment=b""):
    total = count if total is None else total
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, total, cd_size, cd_offset, len(comment)) + comment


def write_zip(entries, prefix=b"", suffix=b"", count=None, cd_extra=b"", adjust_offsets=True, **kw):
    """entries: list of (name:str|bytes, data:bytes, options dict)."""
    out = bytearray(prefix)
    central = bytearray()
    base = len(prefix) if adjust_offsets else 0
    for name, data, opt in entries:
        n = name.encode("utf-8") if isinstance(name, str) else name
        off = len(out) - (0 if adjust_offsets else len(prefix))
        lopt = {k: v for k, v in opt.items() if k in ("flags", "method", "crc", "size", "extra")}
        out += local_header(n, data, **{**lopt, **opt.get("local", {})})
        out += data
        copt = {k: v for k, v in opt.items() if k in ("flags", "method", "crc", "size", "extra", "made_by", "external")}
        central += central_header(n, data, off, **copt)
    del base
    cd_offset = len(out) - (0 if adjust_offsets else len(prefix))
    central += cd_extra
    out += central
    n = len(entries) if count is None else count
    out += end_record(n, len(central), cd_offset, **kw)
    return bytes(out + suffix)


# ----------------------------------------------------------------- base


def sample():
    z = zipfile.ZipFile(SAMPLE)
    manifest = json.loads(z.read("manifest.json"))
    files = {f["path"]: z.read(f["path"]) for f in manifest["files"]}
    return manifest, files


def package(key, edit=None, extra_entries=(), files_override=None, manifest_bytes=None, order=None):
    """A package for `key`: the sample with `edit(manifest, files)` applied;
    file entries recomputed from the manifest's files unless told."""
    m, files = sample()
    m["idempotency_key"] = key
    if edit:
        edit(m, files)
    if files_override is not None:
        files = files_override
    body = manifest_bytes if manifest_bytes is not None else json.dumps(m, ensure_ascii=False, indent=1).encode()
    entries = [("manifest.json", body, {})]
    for path, data in files.items():
        entries.append((path, data, {}))
    entries += list(extra_entries)
    return write_zip(entries)


def file_entry(path, data, kind="diagnosis_certificate", mtype="application/pdf"):
    return {"path": path, "kind": kind, "type": mtype, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% sample diagnosis certificate\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 60


def add_files(*pairs):
    def edit(m, files):
        for path, data in pairs:
            m["files"].append(file_entry(path, data))
            files[path] = data
    return edit


# ----------------------------------------------------------------- cases


def cases():
    """(name, body, expected status, what) for every hostile case, and the
    honest ones (expected 201)."""
    out = []

    def case(name, body, status, what):
        out.append((name, body, status, what))

    # Honest: the sample as the app builds it, and with a folder entry files/ (zip -r makes one).
    case("honest-sample", package("h-1"), 201, "the sample package")
    m, files = sample()
    m["idempotency_key"] = "h-2"
    ents = [("manifest.json", json.dumps(m).encode(), {}), ("files/", b"", {})] + [(p, d, {}) for p, d in files.items()]
    case("honest-folder-entry", write_zip(ents), 201, "a files/ folder entry, as zip -r writes")
    # Forged estimate and timeline: stored with the server's own result, flagged.
    def forge(m, _):
        m["result"]["estimate"] = {"reimbursed": 999999, "exact": True}
        m["result"]["timeline"] = []
    case("honest-but-forged-estimate", package("h-3", forge), 201, "forged estimate: stored, the server's result kept, flagged")

    # --- ZIP differentials
    base_entries = lambda key: [("manifest.json", json.dumps({**sample()[0], "idempotency_key": key}).encode(), {})] + [
        (p, d, {}) for p, d in sample()[1].items()
    ]
    ents = base_entries("z-1") + [("files/hidden.exe", EXE, {})]
    case("count-mismatch-hidden-4th", write_zip(ents, count=3), 422, "end record says 3 entries, the directory holds a 4th")
    ents = base_entries("z-2")
    body = write_zip(ents, count=4)
    case("count-more-than-directory", body, 422, "end record says 4, the directory holds 3")

    # A local-only entry: local header and data before the others, not in the directory.
    ents = base_entries("z-3")
    hidden = local_header(b"files/hidden.exe", EXE) + EXE
    body = bytearray()
    central = bytearray()
    body += hidden
    for name, data, _ in ents:
        off = len(body)
        body += local_header(name.encode(), data) + data
        central += central_header(name.encode(), data, off)
    cd = len(body)
    body += central + end_record(len(ents), len(central), cd)
    case("local-only-entry", bytes(body), 422, "a local header the central directory does not list")

    # Overlapping: 20 "PDFs" whose directory records all point into one byte range.
    m, files = sample()
    m["idempotency_key"] = "z-4"
    big = PDF + b"A" * 4096
    names = [f"files/p{i:02}.pdf" for i in range(18)]
    m["files"] = [file_entry(n, big) for n in names]
    mj = json.dumps(m).encode()
    body = bytearray(local_header(b"manifest.json", mj) + mj)
    central = bytearray(central_header(b"manifest.json", mj, 0))
    first = len(body)
    body += local_header(names[0].encode(), big) + big
    for n in names:
        # Each directory record claims the one local header: same name only for the first.
        central += central_header(n.encode(), big, first)
    cd = len(body)
    body += central + end_record(len(names) + 1, len(central), cd)
    case("overlapping-entries", bytes(body), 422, "18 directory records over one byte range")

    # Overlap by nesting: entry B's header and data lie inside entry A's data.
    inner = local_header(b"files/b.pdf", PDF) + PDF
    outer_data = PDF + inner
    m, _ = sample()
    m["idempotency_key"] = "z-5"
    m["files"] = [file_entry("files/a.pdf", outer_data), file_entry("files/b.pdf", PDF)]
    mj = json.dumps(m).encode()
    body = bytearray(local_header(b"manifest.json", mj) + mj)
    central = bytearray(central_header(b"manifest.json", mj, 0))
    a_off = len(body)
    body += local_header(b"files/a.pdf", outer_data) + outer_data
    central += central_header(b"files/a.pdf", outer_data, a_off)
    central += central_header(b"files/b.pdf", PDF, a_off + 30 + len("files/a.pdf") + len(PDF))
    cd = len(body)
    body += central + end_record(3, len(central), cd)
    case("nested-overlap", bytes(body), 422, "an entry inside another entry's data")

    for i, folder in enumerate(["../../../../etc/evil/", "files/../../x/", "/abs/", "files/sub/", "other/"]):
        case(f"folder-entry-{i}", write_zip(base_entries(f"z-6{i}") + [(folder, b"", {})]), 422, f"unlisted folder entry {folder!r}")
    case("junk-prefix", write_zip(base_entries("z-7"), prefix=b"JUNK" * 64), 422, "junk before the archive (offsets adjusted)")
    case("junk-prefix-unadjusted", write_zip(base_entries("z-8"), prefix=b"MZ" + b"\0" * 200, adjust_offsets=False), 422, "junk before the archive (offsets not adjusted)")
    case("suffix", write_zip(base_entries("z-9"), suffix=b"trailing bytes"), 422, "bytes after the end record")
    case("comment", write_zip(base_entries("z-10"), comment=b"hello"), 422, "an archive comment")
    ents = base_entries("z-11")
    ents[1] = (ents[1][0], ents[1][1], {"external": (0o120777 << 16), "made_by": (3 << 8) | 20})
    case("symlink", write_zip(ents), 422, "a file entry that is a Unix symlink")
    ents = base_entries("z-12")
    upath = b"\x75\x70" + struct.pack("<H", 5 + len(b"files/evil.exe")) + b"\x01" + struct.pack("<I", 0) + b"files/evil.exe"
    ents[2] = (ents[2][0], ents[2][1], {"extra": upath})
    case("unicode-path-extra", write_zip(ents), 422, "an Info-ZIP Unicode path extra field naming another file")
    ents = base_entries("z-13")
    ents[2] = (ents[2][0], ents[2][1], {"local": {"crc": 0}})
    case("local-disagrees", write_zip(ents), 422, "local header CRC differs from the central directory")
    ents = base_entries("z-14")
    ents[2] = (ents[2][0], ents[2][1], {"flags": 0x0808})
    case("data-descriptor-flag", write_zip(ents), 422, "data descriptor flag")
    m, files = sample()
    m["idempotency_key"] = "z-15"
    name = "files/zhenduan\u00e9.pdf"
    m["files"][1]["path"] = name
    ents = [("manifest.json", json.dumps(m).encode(), {})] + [(p if p != "files/zhenduan.pdf" else name.encode("utf-8"), d, {"flags": 0}) for p, d in files.items()]
    case("utf8-without-flag", write_zip(ents), 422, "a non-ASCII name without the UTF-8 flag (cp437 elsewhere)")
    case("deflate", zipfile_deflated("z-16"), 422, "deflated entries")

    # --- names
    def named(key, name, data=PDF):
        return package(key, add_files((name, data)))
    case("bidi-name", named("n-1", "files/report\u202efdp.exe"), 422, "right-to-left override in a name")
    case("bidi-isolate", named("n-2", "files/a\u2067b.pdf"), 422, "bidi isolate in a name")
    case("zero-width", named("n-3", "files/zhen\u200bduan.pdf"), 422, "zero-width space")
    case("double-extension", named("n-4", "files/zhenduan.pdf.exe"), 422, "zhenduan.pdf.exe")
    case("double-extension-scr", named("n-5", "files/photo.jpg.scr"), 422, ".jpg.scr")
    case("trailing-dot", named("n-6", "files/zhenduan.exe."), 422, "a trailing dot (Windows drops it)")
    nfc = unicodedata.normalize("NFC", "files/caf\u00e9.pdf")
    nfd = unicodedata.normalize("NFD", nfc)
    case("nfc-nfd-twins", package("n-7", add_files((nfc, PDF), (nfd, PDF + b" "))), 422, "NFC and NFD twins")
    case("nfd-alone", named("n-8", nfd), 422, "an NFD name")
    case("case-twins", package("n-9", add_files(("files/ZHENDUAN.PDF", PDF + b" "))), 422, "zhenduan.pdf and ZHENDUAN.PDF")
    case("control-char", named("n-10", "files/a\x07b.pdf"), 422, "a control character")
    case("backslash-traversal", named("n-11", "files/..\\..\\evil.pdf"), 422, "backslashes")

    # --- manifest JSON
    m, files = sample()
    m["idempotency_key"] = "j-1"
    text = json.dumps(m)
    dup = text[:-1] + ', "result": {"eligibility": {"status": "eligible"}}}'
    case("duplicate-key-top", package("j-1", manifest_bytes=dup.encode()), 422, "result twice")
    text = json.dumps({**m, "idempotency_key": "j-2"})
    dup = text.replace('"facts": {', '"facts": {"region": "shandong-rizhao", ', 1)
    case("duplicate-key-facts", package("j-2", manifest_bytes=dup.encode()), 422, "facts.region twice")
    text = json.dumps({**m, "idempotency_key": "j-3"})
    dup = text.replace('"facts": {', '"facts": {"\\u0072egion": "shandong-rizhao", ', 1)
    case("duplicate-key-escaped", package("j-3", manifest_bytes=dup.encode()), 422, "a key repeated through an escape")

    def pad(m, _):
        m["result"]["padding"] = "x" * (19 * 1024 * 1024)
    case("padding-in-result", package("j-4", pad), 422, "19 MB of padding in result")

    def small_pad(m, _):
        m["result"]["padding"] = "x" * (100 * 1024)
    case("long-string", package("j-5", small_pad), 422, "a 100 KB string")

    zeros = ("[" + ",".join(["0"] * 10_000_000) + "]")
    text = json.dumps({**m, "idempotency_key": "j-6"}).replace('"documents": [', '"documents": ' + zeros + ', "_": [', 1)
    case("huge-documents-20mb", package("j-6", manifest_bytes=text.encode()[: MAX_BODY - 4096]), 422, "facts.documents: ten million zeros (20 MB)")
    zeros = "[" + ",".join(["0"] * 100_000) + "]"
    text = json.dumps({**m, "idempotency_key": "j-7"}).replace('"documents": [', '"documents": ' + zeros + ', "_": [', 1)
    case("huge-documents-200k", package("j-7", manifest_bytes=text.encode()), 422, "facts.documents: 100,000 zeros")
    files_list = ",".join(['{"path":"files/a.pdf","kind":"id_card","type":"application/pdf","size":1,"sha256":"' + "0" * 64 + '"}'] * 40_000)
    text = json.dumps({**m, "idempotency_key": "j-8"}).replace('"files": [', '"files": [' + files_list + ",", 1)
    case("files-40000-1mb", package("j-8", manifest_bytes=text.encode()), 422, "manifest.files: 40,000 entries")
    text = json.dumps({**m, "idempotency_key": "j-9"}).replace('"files": [', '"files": [' + ",".join(["{}"] * 60_000) + ",", 1)
    case("files-60000-small", package("j-9", manifest_bytes=text.encode()), 422, "manifest.files: 60,000 empty objects under 256 KB")
    text = json.dumps({**m, "idempotency_key": "j-10"})[:-1] + ', "deep": ' + "[" * 50_000 + "]" * 50_000 + "}"
    case("deep-nesting", package("j-10", manifest_bytes=text.encode()), 422, "arrays nested 100 deep")
    text = json.dumps({**m, "idempotency_key": "j-11"})
    text = text[:-1] + "," + ",".join(f'"k{i}": {i}' for i in range(5000)) + "}"
    case("many-keys", package("j-11", manifest_bytes=text.encode()), 422, "5,000 keys in one object")

    def many_bad(m, _):
        m["facts"]["documents"] = [{"kind": f"bogus-{i}", "issued": "yesterday"} for i in range(90)]
    case("many-problems", package("j-12", many_bad), 422, "90 bad documents: capped answer")

    # --- claims
    def no_files(m, files):
        m["files"] = []
        files.clear()
    case("sealed-claim-without-file", package("c-1", no_files), 422, "eligible on a sealed certificate that is not attached")
    def older(m, _):
        m["facts"]["applicant"]["id_number"] = with_check("11010518991231002")
    case("birth-before-1900", package("c-2", older), 422, "an ID number born in 1899")

    # --- size
    case("over-body-limit", package("s-1", lambda m, f: m["result"].__setitem__("p", "x" * (MAX_BODY + 10))), 413, "larger than the body limit")
    return out


def with_check(first17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(c) * x for c, x in zip(first17, w)) % 11]


def zipfile_deflated(key):
    m, files = sample()
    m["idempotency_key"] = key
    buf = tempfile.SpooledTemporaryFile()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(m))
        for p, d in files.items():
            z.writestr(p, d)
    buf.seek(0)
    return buf.read()


# ---------------------------------------------------------------- readers


def list_zipfile(path):
    with zipfile.ZipFile(path) as z:
        return sorted((i.filename, hashlib.sha256(z.read(i.filename)).hexdigest()) for i in z.infolist())


def list_bsdtar(path, streaming):
    args = ["bsdtar", "-tf", "-" if streaming else path]
    names = subprocess.run(args, stdin=open(path, "rb") if streaming else None, capture_output=True, check=True).stdout.decode("utf-8").splitlines()
    out = []
    for n in names:
        # A folder has no bytes (bsdtar -xO of a folder would print its members).
        data = b"" if n.endswith("/") else subprocess.run(["bsdtar", "-xOf", path, n], capture_output=True, check=True).stdout
        out.append((n, hashlib.sha256(data).hexdigest()))
    return sorted(out)


def list_ours(intake, path):
    r = subprocess.run([intake, "--inspect", path], capture_output=True)
    j = json.loads(r.stdout)
    return r.returncode == 0, sorted((e["name"], e["sha256"]) for e in j["entries"]), j


# ------------------------------------------------------------------ server


def rss_peak_mb(pid, field="VmHWM:"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return 0.0


def post(port, key, body, timeout=60, source="127.0.0.1"):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    t = time.monotonic()
    try:
        c.request("POST", "/api/v1/applications", body=body, headers={"Content-Type": "application/zip", "Idempotency-Key": key})
        r = c.getresponse()
        data = r.read()
        return r.status, data, time.monotonic() - t
    except (ConnectionResetError, BrokenPipeError) as e:
        # The server may answer 413 and close before the whole body is sent.
        return 0, str(e).encode(), time.monotonic() - t
    finally:
        c.close()


def key_of(body):
    try:
        with zipfile.ZipFile(__import__("io").BytesIO(body)) as z:
            return json.loads(z.read("manifest.json")).get("idempotency_key", "k")
    except Exception:
        return "k-" + hashlib.sha256(body).hexdigest()[:12]


def fail(msg):
    print(f"hostile: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--intake", default=os.path.join(ROOT, "target", "release", "mantetong-intake"))
    ap.add_argument("--port", type=int, default=8133)
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "hostile"))
    ap.add_argument("--write-only", action="store_true")
    a = ap.parse_args()
    if shutil.which("bsdtar") is None:
        fail("bsdtar not found (apt libarchive-tools; scripts/setup.sh installs it)")
    os.makedirs(a.out, exist_ok=True)
    all_cases = cases()
    for name, body, _, _ in all_cases:
        with open(os.path.join(a.out, name + ".zip"), "wb") as f:
            f.write(body)
    print(f"hostile: {len(all_cases)} packages written to {a.out}")
    if a.write_only:
        return
    data = tempfile.mkdtemp(prefix="mtt-hostile-")
    log = open(os.path.join(a.out, "server.log"), "w")
    srv = subprocess.Popen([a.intake, "--listen", f"127.0.0.1:{a.port}", "--data", data], stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            try:
                c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=1)
                c.request("GET", "/api/v1/health")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.05)
        else:
            fail("the server did not start")
        base_rss = rss_peak_mb(srv.pid)
        worst = 0.0
        for name, body, want, what in all_cases:
            path = os.path.join(a.out, name + ".zip")
            status, answer, secs = post(a.port, key_of(body), body)
            if status == 0 and want == 413:
                status = 413  # closed while we were still sending: refused
            if status != want:
                fail(f"{name} ({what}): status {status}, want {want}: {answer[:300]!r}")
            if len(answer) > MAX_ANSWER:
                fail(f"{name}: answer of {len(answer)} bytes")
            if status != 201 and answer and not answer.startswith(b"[Errno"):
                j = json.loads(answer)
                if not (isinstance(j.get("errors"), list) and j["errors"] and all(set(e) == {"path", "message"} for e in j["errors"])):
                    fail(f"{name}: answer not in the error shape: {answer[:300]!r}")
                if len(j["errors"]) > 21:
                    fail(f"{name}: {len(j['errors'])} errors in one answer")
            if want != 201:
                worst = max(worst, secs)
                if secs > REFUSE_SECONDS:
                    fail(f"{name}: refused after {secs:.2f} s (> {REFUSE_SECONDS})")
            ok, ours, _ = list_ours(a.intake, path)
            if want == 201:
                if not ok:
                    fail(f"{name}: stored, but our reader refuses it")
                py = list_zipfile(path)
                seek = list_bsdtar(path, False)
                stream = list_bsdtar(path, True)
                if not (py == seek == stream == ours):
                    fail(f"{name}: readers disagree:\n zipfile {py}\n bsdtar  {seek}\n stream  {stream}\n ours    {ours}")
                if name == "honest-but-forged-estimate":
                    rec = json.loads(answer)["receipt"]
                    c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=10)
                    c.request("GET", f"/api/v1/applications/{rec}")
                    st = json.loads(c.getresponse().read())
                    if st.get("result_differs") is not True:
                        fail(f"{name}: the forged result is not flagged: {st}")
            elif ok and name not in SERVER_LEVEL:
                fail(f"{name}: the server refused it but our reader verifies it")
            first = "" if status == 201 else json.loads(answer)["errors"][0]["path"] if answer.startswith(b"{") else "(closed)"
            print(f"  {status} {secs*1000:7.1f} ms {len(answer):6} B  {name}: {what} {first}")
        # Amplification: each case alone, then many at once from many
        # addresses (one address may hold only 4 submission slots).
        amp_names = ("huge-documents-20mb", "padding-in-result", "files-40000-1mb", "huge-documents-200k", "many-keys")
        amp = [b for n, b, _, _ in all_cases if n in amp_names]
        alone = rss_peak_mb(srv.pid)
        t = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=12) as ex:
            futs = [ex.submit(post, a.port, f"amp-{i}", amp[i % len(amp)], 120, f"127.0.0.{10 + i % 12}") for i in range(36)]
            results = [f.result() for f in futs]
        wall = time.monotonic() - t
        bad = [r for r in results if r[0] != 422]
        if bad:
            fail(f"amplification: unexpected answers {[(s, d[:200]) for s, d, _ in bad]}")
        peak = rss_peak_mb(srv.pid)
        slowest = max(r[2] for r in results)
        print(f"hostile: {len(all_cases)} cases as expected; slowest single refusal {worst*1000:.0f} ms")
        print(f"hostile: peak RSS {base_rss:.1f} MB at start, {alone:.1f} MB after every case once (20 MB bodies included)")
        print(f"hostile: amplification x36 (12 at once, 12 addresses): {wall:.2f} s, slowest refusal {slowest*1000:.0f} ms; peak RSS {peak:.1f} MB")
        time.sleep(1)
        after = rss_peak_mb(srv.pid, "VmRSS:")
        print(f"hostile: RSS after the burst {after:.1f} MB (memory given back)")
        if after > RSS_AFTER_MB:
            fail(f"RSS {after:.1f} MB after the burst > {RSS_AFTER_MB} MB: memory kept")
        if alone > RSS_ALONE_MB:
            fail(f"peak RSS {alone:.1f} MB > {RSS_ALONE_MB} MB after single hostile cases")
        if peak > RSS_LIMIT_MB:
            fail(f"peak RSS {peak:.1f} MB > {RSS_LIMIT_MB} MB")
        if slowest > 4 * REFUSE_SECONDS:
            fail(f"under load a refusal took {slowest:.1f} s")
        # Health after it all.
        c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=5)
        c.request("GET", "/api/v1/health")
        if c.getresponse().status != 200:
            fail("not healthy afterwards")
        # Nothing world-readable at rest.
        for dirpath, dirs, files in os.walk(data):
            for d in dirs:
                mode = os.stat(os.path.join(dirpath, d)).st_mode & 0o777
                if mode != 0o700:
                    fail(f"folder {d} is {oct(mode)}")
            for f in files:
                mode = os.stat(os.path.join(dirpath, f)).st_mode & 0o777
                if mode & 0o077:
                    fail(f"file {f} is {oct(mode)}")
        if os.stat(data).st_mode & 0o077:
            fail(f"--data is {oct(os.stat(data).st_mode & 0o777)}")
        print("hostile: ok")
    finally:
        srv.send_signal(signal.SIGTERM)
        try:
            srv.wait(timeout=20)
        except subprocess.TimeoutExpired:
            srv.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()

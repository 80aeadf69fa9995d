#!/usr/bin/env python3
"""make bench, intake part (issue 14): exactly-once under kill -9, a full
disk, and peak memory under the hostile amplification cases.

Usage: scripts/bench/intake-robustness.py INTAKE OUT.md
Environment: BENCH_CRASH_KEYS (2000), BENCH_KILL_EVERY (0.5 s), BENCH_INTAKE_PORT (8135; +1, +2 also used).

1. kill -9: C client threads submit KEYS distinct packages (each retried with
   the same key and bytes on any error, as the app's outbox does) while the
   server is killed with SIGKILL every BENCH_KILL_EVERY s (0.5) and restarted. Afterwards every
   key must have exactly one stored application whose package is byte-identical
   to what was sent: lost = keys without one, duplicated = keys with more.
   Also: throughput and p50/p99 latency of the answered requests.
2. Full disk: --data on a 3 MiB tmpfs (needs root and mount; skipped with a
   note otherwise): submissions until the disk is full must be answered 201
   or 500 (JSON), leave no temporary file, and the server stays healthy.
3. Peak RSS: tests/hostile/hostile_packages.py (its figures).
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import io

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "hostile"))
import hostile_packages as hp  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import loadclient as lc  # noqa: E402


def wait_healthy(port, seconds=20):
    return lc.wait_ok(port, "/api/v1/health", seconds)


def start(intake, port, data, extra=()):
    return subprocess.Popen([intake, "--listen", f"127.0.0.1:{port}", "--data", data, "--max-per-client", "64", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


KILL_EVERY = float(os.environ.get("BENCH_KILL_EVERY", "0.5"))


def crash_run(intake, port, keys, clients=8):
    data = tempfile.mkdtemp(prefix="mtt-crash-")
    bodies = {f"crash-{i:05}": hp.package(f"crash-{i:05}") for i in range(keys)}
    load = lc.Load(list(bodies), bodies, clients, lambda n, attempt: port, "crash run", timeout=10, pause=0.05)
    stop = threading.Event()

    srv = start(intake, port, data)
    wait_healthy(port)
    kills = 0
    t0 = time.monotonic()
    load.start()

    def killer():
        nonlocal srv, kills
        while not stop.wait(KILL_EVERY):
            srv.send_signal(signal.SIGKILL)
            srv.wait()
            kills += 1
            srv = start(intake, port, data)
            wait_healthy(port)

    k = threading.Thread(target=killer)
    k.start()
    load.join()
    stop.set()
    k.join()
    wall = time.monotonic() - t0
    srv.send_signal(signal.SIGTERM)
    srv.wait()
    out = subprocess.run([intake, "--data", data, "--list"], capture_output=True, text=True, check=True).stdout
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    per_key, lost, dup = lc.tally(bodies, rows)
    wrong = []
    for k, v in per_key.items():
        with open(v[0]["package"], "rb") as f:
            if f.read() != bodies[k]:
                wrong.append(k)
        if load.answered.get(k) not in (None, v[0]["receipt"]):
            wrong.append(k)
    leftovers = [n for n in os.listdir(os.path.join(data, "packages")) if n.endswith(".tmp")]
    subprocess.run(["rm", "-rf", data])
    return {
        "keys": keys, "kills": kills, "stored": len(per_key), "lost": len(lost), "duplicated": len(dup), "mismatched": len(wrong),
        "throughput": len(load.lat) / wall, "p50_ms": lc.percentile(load.lat, 0.5) * 1000, "p99_ms": lc.percentile(load.lat, 0.99) * 1000, "wall_s": wall,
        "tmp_left": len(leftovers),
    }


def disk_full_run(intake, port):
    mnt = tempfile.mkdtemp(prefix="mtt-full-")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt], capture_output=True).returncode != 0:
        os.rmdir(mnt)
        return None
    try:
        data = os.path.join(mnt, "data")
        srv = start(intake, port, data)
        wait_healthy(port)
        big = hp.PDF + os.urandom(200 * 1024)
        stored = refused = other = 0
        for i in range(40):
            key = f"full-{i}"
            body = hp.package(key, hp.add_files((f"files/scan{i}.pdf", big)))
            status, answer, _ = hp.post(port, key, body)
            if status == 201:
                stored += 1
            elif status == 500 and json.loads(answer)["errors"]:
                refused += 1
            else:
                other += 1
        healthy = wait_healthy(port, 5)
        tmp = [n for n in os.listdir(os.path.join(data, "packages")) if n.endswith(".tmp")]
        srv.send_signal(signal.SIGTERM)
        srv.wait()
        # Every stored one is listed and whole.
        out = subprocess.run([intake, "--data", data, "--list"], capture_output=True, text=True).stdout
        rows = [json.loads(line) for line in out.splitlines() if line.strip()]
        whole = sum(1 for r in rows if zipfile.ZipFile(io.BytesIO(open(r["package"], "rb").read())).testzip() is None)
        return {"stored": stored, "answered_500": refused, "other": other, "healthy": healthy, "tmp_left": len(tmp), "listed": len(rows), "whole": whole}
    finally:
        subprocess.run(["umount", mnt])
        os.rmdir(mnt)


def main():
    intake, out_md = sys.argv[1], sys.argv[2]
    keys = int(os.environ.get("BENCH_CRASH_KEYS", "2000"))
    port = int(os.environ.get("BENCH_INTAKE_PORT", "8135"))
    c = crash_run(intake, port, keys)
    print(f"kill -9: {c}", file=sys.stderr)
    d = disk_full_run(intake, port + 1)
    print(f"disk full: {d}", file=sys.stderr)
    h = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "hostile", "hostile_packages.py"), "--intake", intake, "--port", str(port + 2),
                        "--out", os.path.join(ROOT, "target", "bench", "hostile")], capture_output=True, text=True)
    figures = [line for line in h.stdout.splitlines() if line.startswith("hostile: ") and ("RSS" in line or "slowest" in line)]
    lines = ["", "## Intake under crashes, a full disk and hostile packages (issue 14)", "",
             "| run | figures |", "|---|---|",
             f"| kill -9 every {KILL_EVERY} s | {c['keys']} keys, {c['kills']} kills: {c['stored']} stored, **{c['lost']} lost, {c['duplicated']} duplicated**, "
             f"{c['mismatched']} mismatched, {c['tmp_left']} temp files left; {c['throughput']:.1f} answered/s, p50 {c['p50_ms']:.0f} ms, p99 {c['p99_ms']:.0f} ms "
             f"(retries across crashes included) |"]
    if d:
        lines.append(f"| full disk (3 MiB tmpfs) | {d['stored']} stored, {d['answered_500']} answered 500 (JSON), {d['other']} other; "
                     f"{d['tmp_left']} temp files left; healthy after: {d['healthy']}; {d['whole']}/{d['listed']} stored packages whole |")
    else:
        lines.append("| full disk | not measured (no tmpfs mount here) |")
    for f in figures:
        lines.append(f"| hostile corpus | {f.removeprefix('hostile: ')} |")
    if h.returncode != 0:
        lines.append(f"| hostile corpus | FAILED: {h.stderr.strip().splitlines()[-1] if h.stderr.strip() else h.returncode} |")
    text = "\n".join(lines) + "\n"
    with open(out_md, "w") as f:
        f.write(text)
    print(text)
    if c["lost"] or c["duplicated"] or c["mismatched"] or (d and (d["other"] or d["tmp_left"] or not d["healthy"])) or h.returncode:
        sys.exit(1)


if __name__ == "__main__":
    main()

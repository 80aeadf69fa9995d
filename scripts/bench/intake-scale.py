#!/usr/bin/env python3
"""make bench, intake at scale (issue 17): the same load client and packages
against SQLite + folder (1 replica) and PostgreSQL + S3 (1 and 2 replicas),
then exactly-once under kill -9 of one of two replicas.

Usage: scripts/bench/intake-scale.py INTAKE OUT.md
Needs scripts/scale-services.sh's services running and their env sourced
(MTT_TEST_POSTGRES, AWS_*); scripts/bench-intake-scale.sh does both and
stops them.
Environment: BENCH_SCALE_KEYS (1500 per run), BENCH_SCALE_CLIENTS (8),
BENCH_SCALE_PORT (8241; the next ports too).

Each run: CLIENTS threads submit KEYS distinct packages (the hostile
suite's valid sample package, one per key), each retried with the same key
and bytes on any error as the app's outbox does; with two replicas a client
sends each key to one replica, alternating, as a round-robin proxy would, and
retries on the other one when its replica does not answer. Submissions per
second = answered / wall time; p50/p99 of the answered requests; peak RSS
(VmHWM) of each replica. The kill run kills one replica with SIGKILL every
BENCH_SCALE_KILL_EVERY s (1.0) and restarts it; afterwards every key must
have exactly one row whose package in the bucket is byte-identical to what
was sent (lost = keys without one, duplicated = keys with more).
"""
import hashlib
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import platform

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "hostile"))
import hostile_packages as hp  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import loadclient as lc  # noqa: E402

KEYS = int(os.environ.get("BENCH_SCALE_KEYS", "1500"))
CLIENTS = int(os.environ.get("BENCH_SCALE_CLIENTS", "8"))
PORT = int(os.environ.get("BENCH_SCALE_PORT", "8241"))
KILL_EVERY = float(os.environ.get("BENCH_SCALE_KILL_EVERY", "1.0"))
PG = os.environ.get("MTT_TEST_POSTGRES", "")
S3 = os.environ.get("AWS_ENDPOINT_URL", "")
PG_BIN = os.environ.get("MTT_PG_BIN", "/usr/bin")


def s3_addr():
    host, port = S3.replace("http://", "").rstrip("/").split(":")
    return host, int(port)


def create_bucket(name):
    c = http.client.HTTPConnection(*s3_addr(), timeout=10)
    c.request("PUT", f"/{name}")
    r = c.getresponse()
    r.read()
    assert r.status in (200, 409), f"bucket {name}: {r.status}"


def create_database(name):
    subprocess.run([f"{PG_BIN}/psql", f"{PG}/postgres", "-qc", f'CREATE DATABASE "{name}"'], check=True, capture_output=True)


def wait_ready(port, seconds=30):
    return lc.wait_ok(port, "/readyz", seconds)


class Setup:
    def __init__(self, kind, name):
        self.kind = kind
        self.data = tempfile.mkdtemp(prefix=f"mtt-scale-{name}-")
        self.args = []
        if kind == "pg":
            create_database(name)
            create_bucket(name)
            self.bucket = name
            self.args = ["--database", f"{PG}/{name}", "--store", f"s3://{name}/bench", "--orphan-grace-secs", "30"]

    def start(self, intake, port, i):
        # Each replica its own --data (its audit log); the shared state is in
        # PostgreSQL and the bucket.
        data = os.path.join(self.data, f"r{i}")
        return subprocess.Popen([intake, "--listen", f"127.0.0.1:{port}", "--data", data, "--max-per-client", "64", *self.args],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def rows(self, intake):
        data = os.path.join(self.data, "r0")
        out = subprocess.run([intake, "--data", data, "--list", *self.args[:4]], capture_output=True, text=True, check=True).stdout
        return [r for r in (json.loads(line) for line in out.splitlines() if line.strip()) if "idempotency_key" in r]

    def verify(self, intake):
        """The intake reads every kept package back from the folder or the
        bucket and compares it with its row's SHA-256."""
        data = os.path.join(self.data, "r0")
        p = subprocess.run([intake, "--data", data, "--verify", *self.args[:4]], capture_output=True, text=True)
        line = [x for x in p.stdout.splitlines() if '"applications"' in x]
        if not line:
            raise SystemExit(f"--verify said nothing: {p.stderr[-500:]}")
        v = json.loads(line[-1])
        return len(v["missing"]) + len(v["mismatched"])


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def run(intake, setup, replicas, prefix, kill=False):
    bodies = {f"{prefix}-{i:05}": hp.package(f"{prefix}-{i:05}") for i in range(KEYS)}
    ports = [PORT + i for i in range(replicas)]
    procs = [setup.start(intake, p, i) for i, p in enumerate(ports)]
    for p in ports:
        assert wait_ready(p), f"replica on {p} not ready"
    todo = list(bodies)
    random.Random(17).shuffle(todo)
    load = lc.Load(todo, bodies, CLIENTS, lambda n, attempt: ports[(n % replicas + attempt) % replicas], prefix, timeout=15, pause=0.02)
    stop = threading.Event()

    kills = [0]

    def killer():
        while not stop.wait(KILL_EVERY):
            victim = procs[-1]
            victim.send_signal(signal.SIGKILL)
            victim.wait()
            kills[0] += 1
            procs[-1] = setup.start(intake, ports[-1], replicas - 1)
            wait_ready(ports[-1])

    t0 = time.monotonic()
    load.start()
    k = threading.Thread(target=killer) if kill else None
    if k:
        k.start()
    load.join()
    wall = time.monotonic() - t0
    stop.set()
    if k:
        k.join()
    rss = [peak_rss_mb(p.pid) for p in procs]
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    rows = [r for r in setup.rows(intake) if r["idempotency_key"].startswith(prefix + "-")]
    per_key, lost, dup = lc.tally(bodies, rows)
    # The row's SHA-256 is what was sent, the answered receipt the stored
    # one, and the intake finds every package intact in its store.
    wrong = [key for key, v in per_key.items() if v[0]["sha256"] != hashlib.sha256(bodies[key]).hexdigest() or load.answered.get(key) not in (None, v[0]["receipt"])]
    broken = setup.verify(intake)
    return {
        "keys": KEYS, "replicas": replicas, "stored": len(per_key), "lost": len(lost), "duplicated": len(dup), "mismatched": len(wrong) + broken,
        "throughput": len(load.lat) / wall, "p50_ms": lc.percentile(load.lat, 0.5) * 1000, "p99_ms": lc.percentile(load.lat, 0.99) * 1000, "wall_s": wall,
        "rss_mb": [r for r in rss if r is not None], "kills": kills[0],
    }


def main():
    intake, out = sys.argv[1], sys.argv[2]
    if not PG or not S3:
        raise SystemExit("intake-scale: MTT_TEST_POSTGRES and AWS_ENDPOINT_URL unset (run scripts/bench-intake-scale.sh)")
    size = len(hp.package("size-probe"))
    stamp = time.strftime("%Y%m%d%H%M%S")
    results = []
    sq = Setup("sqlite", "sqlite")
    results.append(("SQLite + folder", run(intake, sq, 1, "sq1")))
    pg1 = Setup("pg", f"bench1x{stamp}")
    results.append(("PostgreSQL + S3", run(intake, pg1, 1, "pg1")))
    pg2 = Setup("pg", f"bench2x{stamp}")
    results.append(("PostgreSQL + S3", run(intake, pg2, 2, "pg2")))
    pgk = Setup("pg", f"benchkx{stamp}")
    kill = run(intake, pgk, 2, "pgk", kill=True)
    for s in (sq, pg1, pg2, pgk):
        subprocess.run(["rm", "-rf", s.data])
    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    lines = [
        "",
        "## The intake at scale (issue 17)",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} by `make bench` (scripts/bench/intake-scale.py) on {os.cpu_count()} cores ({cpu}), "
        f"{platform.system()} {platform.release()}; load average {os.getloadavg()[0]:.1f} at the end (the machine is shared). "
        f"{KEYS} distinct packages of {size} bytes per run, {CLIENTS} client threads, the release intake; PostgreSQL 15 (Debian) and "
        "moto's S3 server (PyPI) on the same machine, on loopback. Every package is read back from the bucket and compared by SHA-256 "
        "before its row commits.",
        "",
        "| set-up | replicas | submissions/s | p50 ms | p99 ms | stored | lost | duplicated | mismatched | peak RSS per replica MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, r in results:
        lines.append(f"| {name} | {r['replicas']} | {r['throughput']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['stored']} | {r['lost']} | {r['duplicated']} | {r['mismatched']} | "
                     + ", ".join(f"{m:.0f}" for m in r["rss_mb"]) + " |")
    lines.append("| SQLite + folder | 2 | - | - | - | - | - | - | - | not possible by design: one process per SQLite folder (the lock); use PostgreSQL for replicas |")
    lines += [
        "",
        f"kill -9 of one of two replicas (PostgreSQL + S3) every {KILL_EVERY} s, restarted each time, clients retrying with the same key "
        f"on the other replica: {kill['kills']} kills, {kill['stored']} of {kill['keys']} keys stored, "
        f"**lost {kill['lost']}, duplicated {kill['duplicated']}**, mismatched packages {kill['mismatched']}; "
        f"{kill['throughput']:.0f} submissions/s, p50 {kill['p50_ms']:.1f} ms, p99 {kill['p99_ms']:.1f} ms.",
        "",
    ]
    with open(out, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
    bad = [r for _, r in results + [("kill", kill)] if r["lost"] or r["duplicated"] or r["mismatched"]]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

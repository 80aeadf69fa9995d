"""The load client both intake benches share (intake-robustness.py: one
intake killed and restarted; intake-scale.py: replicas on PostgreSQL + S3):
clients POST packages until a receiver answers with a receipt, then the
stored rows are tallied against what was sent."""
import http.client
import json
import random
import threading
import time


def wait_ok(port, path, seconds):
    """True once GET `path` on 127.0.0.1:`port` answers 200 within `seconds`
    (a receiver starting or restarting), else False."""
    t = time.monotonic()
    while time.monotonic() - t < seconds:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", path)
            if c.getresponse().status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else 0.0


class Load:
    """`clients` threads take keys from `todo` and POST `bodies[key]` to the
    port `pick_port(n, attempt)` gives (n counts keys taken, attempt the
    retries of one key) until it is answered 200/201. A 409 (in flight), a
    500/503 or a dropped connection (a killed receiver) is retried after
    `pause` seconds (plus up to twice that at random); any other status ends
    the run naming the key. `answered` maps each key to its receipt,
    `lat` holds the seconds of each answering request."""

    def __init__(self, todo, bodies, clients, pick_port, where, timeout=10, pause=0.05):
        self.todo, self.bodies, self.pick_port, self.where = todo, bodies, pick_port, where
        self.timeout, self.pause = timeout, pause
        self.lock = threading.Lock()
        self.answered, self.lat, self.taken = {}, [], 0
        self.threads = [threading.Thread(target=self._client) for _ in range(clients)]

    def start(self):
        for th in self.threads:
            th.start()

    def join(self):
        for th in self.threads:
            th.join()

    def _client(self):
        while True:
            with self.lock:
                if not self.todo:
                    return
                key = self.todo.pop()
                self.taken += 1
                n = self.taken
            attempt = 0
            while True:
                t = time.monotonic()
                try:
                    c = http.client.HTTPConnection("127.0.0.1", self.pick_port(n, attempt), timeout=self.timeout)
                    c.request("POST", "/api/v1/applications", body=self.bodies[key],
                              headers={"Content-Type": "application/zip", "Idempotency-Key": key})
                    r = c.getresponse()
                    body = r.read()
                    if r.status in (200, 201):
                        with self.lock:
                            self.answered[key] = json.loads(body)["receipt"]
                            self.lat.append(time.monotonic() - t)
                        break
                    if r.status not in (409, 500, 503):
                        raise SystemExit(f"{self.where}: {key}: unexpected {r.status} {body[:200]!r}")
                except (OSError, http.client.HTTPException):
                    pass
                attempt += 1
                time.sleep(self.pause + random.random() * 2 * self.pause)


def tally(bodies, rows):
    """The stored rows by key, the keys sent but not stored, the keys stored twice."""
    per_key = {}
    for r in rows:
        per_key.setdefault(r["idempotency_key"], []).append(r)
    lost = [k for k in bodies if k not in per_key]
    dup = [k for k, v in per_key.items() if len(v) > 1]
    return per_key, lost, dup

"""The load of `make bench` (bench/run.py starts it): 70% directory searches with varied
filters, 25% autosaves from 50 panelists (one scorecard each), 5% packet PDF downloads.

Each simulated person offers BENCH_USER_RATE requests a second (constant throughput), so the
whole load is offered at a fixed rate, as a busy morning would, not paced by the server.
Every autosave answered 2xx is recorded; bench/run.py then checks each is in the database.
"""

import itertools
import json
import os
import random
import secrets
import threading
from pathlib import Path

from locust import HttpUser, constant_throughput, events, task

SESSIONS = json.loads(Path(os.environ["BENCH_SESSIONS"]).read_text())
SEARCHES = json.loads(os.environ["BENCH_SEARCHES"])
RATE = float(os.environ.get("BENCH_USER_RATE", "1"))
_numbers = itertools.count()
_lock = threading.Lock()
ACKED: dict[tuple[int, int], dict] = {}


class Person(HttpUser):
    wait_time = constant_throughput(RATE)

    def on_start(self):
        with _lock:
            self.me = SESSIONS[next(_numbers) % len(SESSIONS)]
        self.versions = {int(k): v for k, v in self.me["versions"].items()}
        token = secrets.token_hex(16)  # 32 characters: Django's CSRF secret length
        self.signed_in = {
            "Cookie": f"sessionid={self.me['session']}; csrftoken={token}",
            "X-CSRFToken": token,
        }
        self.rng = random.Random(self.me["scorecard"])

    @task(70)
    def directory(self):
        params = dict(self.rng.choice(SEARCHES))
        if self.rng.random() < 0.3:
            params["page"] = str(self.rng.randint(1, 5))
        self.client.get("/partners/", params=params, name="directory")

    @task(25)
    def autosave(self):
        look_for = self.rng.choice(self.me["look_fors"])
        score = self.rng.randint(1, 4)
        data = {
            "score": str(score),
            "note": f"load {score}",
            "version": self.versions.get(look_for, 0),
        }
        url = f"/interviews/{self.me['interview']}/score/rate/{look_for}/"
        headers = {**self.signed_in, "HX-Request": "true"}
        with self.client.post(
            url, data=data, headers=headers, name="autosave", catch_response=True
        ) as response:
            if 200 <= response.status_code < 300 and response.headers.get("X-Version"):
                version = int(response.headers["X-Version"])
                self.versions[look_for] = version
                ACKED[(self.me["scorecard"], look_for)] = {"version": version, "score": score}
                response.success()
            else:
                response.failure(f"autosave answered {response.status_code}")

    @task(5)
    def packet(self):
        url = f"/interviews/{self.me['interview']}/packet.pdf"
        self.client.get(url, headers=self.signed_in, name="packet.pdf")


@events.test_stop.add_listener
def _record(environment, **kwargs):
    rows = [{"scorecard": s, "look_for": lf, **v} for (s, lf), v in ACKED.items()]
    (Path(os.environ["BENCH_OUT"]) / "acked.json").write_text(json.dumps(rows))

"""The clients of bench/load.py: residents going through the HTML flow, a partner's API calls,
and plain GETs of /healthz and a bare route; every request timed into one Recorder.

A resident answers each page as a person would (one choice per question, now and then a
barrier, a comment naming the submission), posts the form with its CSRF token, and follows the
redirect. When the server is down (connection refused) or answers the "try again" 503, the
resident waits and sends the same page again, as a person pressing the button again would; a
partner's API client retries the same body with the same client key.
"""

import random
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import count

import requests

# What the 503 page must say, and what no resident may ever read.
TRY_AGAIN = "Your answers so far are kept"
NEVER_SHOWN = ("Traceback", "database is locked", "OperationalError", "psycopg")
RETRY_PAUSE = 0.5
GIVE_UP_AFTER = 120  # seconds of refusals before a resident or partner gives up
RECEIPT = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2,4}\b")
_serial = count(1)


@dataclass
class Recorder:
    """Every request's (kind, status, seconds), and the run's outcomes, shared by all threads."""

    timings: list = field(default_factory=list)
    acknowledged: set = field(default_factory=set)
    unclear_pages: list = field(default_factory=list)
    # Submissions whose sender met a refusal or a "try again" page on the way.
    interrupted: set = field(default_factory=set)
    completions: list = field(default_factory=list)
    hard_stop: float = float("inf")
    refused: int = 0
    abandoned: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, kind, send):
        started = time.perf_counter()
        response = send()
        with self.lock:
            self.timings.append((kind, response.status_code, time.perf_counter() - started))
        return response

    def by_kind(self):
        found = defaultdict(list)
        for kind, status, seconds in self.timings:
            found[kind].append((status, seconds))
        return found

    def note(self, attribute, value=1):
        with self.lock:
            setattr(self, attribute, getattr(self, attribute) + value)


class FormReader(HTMLParser):
    """The fields of a page's POST form: hidden values, radio and checkbox options, text."""

    def __init__(self):
        super().__init__()
        self.hidden, self.radios, self.checkboxes, self.texts = {}, {}, {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if tag == "textarea" and name:
            self.texts.append(name)
        if tag != "input" or not name:
            return
        if kind == "hidden":
            self.hidden[name] = attrs.get("value", "")
        elif kind in ("radio", "checkbox"):
            options = self.radios if kind == "radio" else self.checkboxes
            options.setdefault(name, []).append(attrs.get("value"))


def answers_for(page, comment, rng):
    """What a resident fills in on `page`: every radio group, some boxes, the comment."""
    reader = FormReader()
    reader.feed(page)
    data = dict(reader.hidden)
    for name, values in reader.radios.items():
        # Most say yes to the questions about them; everyone has gone through each stage.
        preferred = {"consent": "yes", "went_through": "yes"}.get(name)
        data[name] = preferred if preferred in values and rng.random() < 0.8 else rng.choice(values)
    for name, values in reader.checkboxes.items():
        data[name] = [value for value in values if rng.random() < 0.15]
    if "comment" in reader.texts:
        data["comment"] = comment
    return data


def kind_of(method, url):
    """What a request is, from its method and address: one line of the report each."""
    path = "/" + url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0]
    if "/s/" in path:
        tail = path.rstrip("/").split("/s/", 1)[1].split("/")[1:]
        page = "start" if not tail else "stage" if tail[0] == "journey" else "/".join(tail)
        return f"flow: {page}" + (" (send)" if method == "POST" else "")
    if path.startswith("/api/"):
        return "api: submit"
    return {"/healthz": "/healthz", "/": "bare: /"}.get(path, path)


class Client:
    """One simulated person: a browser session with its own address behind the proxy."""

    def __init__(self, base_url, recorder, seed):
        self.base_url, self.recorder = base_url, recorder
        self.rng = random.Random(seed)
        self.http = requests.Session()
        address = f"10.{seed // 65536 % 256}.{seed // 256 % 256}.{seed % 256}"
        self.http.headers["X-Forwarded-For"] = address
        self.interrupted = False

    def send(self, method, url, **kwargs):
        """The request, sent again while the server is down or asks to try again; None when
        it never got through, or the run is over."""
        kind = kind_of(method, url)
        gave_up = min(time.monotonic() + GIVE_UP_AFTER, self.recorder.hard_stop)
        while True:
            try:
                response = self.recorder.timed(
                    kind,
                    lambda: self.http.request(
                        method, url, allow_redirects=False, timeout=60, **kwargs
                    ),
                )
            except requests.ConnectionError:
                self.recorder.note("refused")
            else:
                if response.status_code != 503:
                    return response
                self._check_try_again(response)
            self.interrupted = True
            if time.monotonic() > gave_up:
                return None
            time.sleep(RETRY_PAUSE)

    def _acknowledge(self, name):
        with self.recorder.lock:
            self.recorder.acknowledged.add(name)
            if self.interrupted:
                self.recorder.interrupted.add(name)

    def _check_try_again(self, response):
        """A 503 must be the "try again, your answers are kept" page (or JSON), nothing else."""
        text = response.text
        if TRY_AGAIN not in text or any(word in text for word in NEVER_SHOWN):
            with self.recorder.lock:
                self.recorder.unclear_pages.append(text[:500])


class Resident(Client):
    """Goes through the whole flow once per visit, from the start page to the receipt."""

    def visit(self, slug, marker):
        self.http.cookies.clear()
        self.interrupted = False
        name = f"{marker} web-{next(_serial)}"
        started = time.perf_counter()
        url = f"{self.base_url}/en/s/{slug}"
        self.send("GET", url)
        url = self.base_url + f"/en/s/{slug}/rate"
        for _page in range(30):  # the flow has about a dozen pages; this bounds a loop
            response = self.send("GET", url)
            if response is None or response.status_code != 200:
                break
            if url.endswith("/sent"):
                if RECEIPT.search(response.text):
                    self._acknowledge(name)
                    self.recorder.completions.append(time.perf_counter() - started)
                return
            data = answers_for(response.text, name, self.rng)
            response = self.send("POST", url, data=data)
            if response is None or response.status_code != 302:
                break
            url = requests.compat.urljoin(url, response.headers["Location"])
        self.recorder.note("abandoned")


class Partner(Client):
    """A partner's channel sending responses through the API, each with its own client key."""

    def __init__(self, base_url, recorder, seed, demo):
        super().__init__(base_url, recorder, seed)
        self.demo = demo
        self.http.headers["Authorization"] = f"Bearer {demo.token}"

    def submit(self, slug, marker):
        number = next(_serial)
        name = f"{marker} api-{number}"
        body = {
            "client_key": f"{marker.split()[-1]}-{number}",
            "locale": "en",
            "answers": {code: self.rng.choice(vals) for code, vals in self.demo.questions.items()},
            "journey": [
                {"stage": code, "emotion": self.rng.randint(-2, 2)} for code in self.demo.stages
            ],
            "comment": name,
        }
        url = f"{self.base_url}/api/v1/services/{slug}/responses"
        self.interrupted = False
        response = self.send("POST", url, json=body)
        if response is not None and response.status_code in (200, 201):
            self._acknowledge(name)
        else:
            self.recorder.note("abandoned")


class Prober(Client):
    """GETs one address again and again: the baseline every other figure is compared with."""

    def probe(self, path, cookies=None):
        self.send("GET", self.base_url + path, cookies=cookies)

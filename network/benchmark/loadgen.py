"""A small threaded load generator on loopback (``http.client``, keep-alive where the
server keeps the connection): bounded in requests and in time, and it stops by itself."""

from __future__ import annotations

import http.client
import http.cookies
import statistics
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Result:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    times_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms) if self.times_ms else 0.0

    @property
    def p95_ms(self) -> float:
        if len(self.times_ms) < 2:
            return self.times_ms[0] if self.times_ms else 0.0
        return statistics.quantiles(self.times_ms, n=20)[-1]


class Client:
    """One connection to the server on loopback, reopened when the server closes it."""

    def __init__(self, host: str, port: int, cookie: str = ""):
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("The load generator only talks to this machine (loopback).")
        self.connection = http.client.HTTPConnection(host, port, timeout=30)
        self.headers = {"Host": "127.0.0.1", "Accept-Language": "fi"}
        # Like a browser, the client keeps the cookies it is given (the CSRF cookie).
        self.cookies: dict[str, str] = {}
        for part in cookie.split(";"):
            name, _sep, value = part.strip().partition("=")
            if name:
                self.cookies[name] = value
        self._cookie_header()

    def _cookie_header(self) -> None:
        if self.cookies:
            self.headers["Cookie"] = "; ".join(f"{n}={v}" for n, v in self.cookies.items())

    def _keep_cookies(self, response: http.client.HTTPResponse) -> None:
        given = response.msg.get_all("Set-Cookie") or []
        for header in given:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if given:
            self._cookie_header()

    def get(self, path: str) -> tuple[int, float, bytes]:
        began = time.perf_counter()
        try:
            self.connection.request("GET", path, headers=self.headers)
            response = self.connection.getresponse()
            body = response.read()
            self._keep_cookies(response)
            if response.will_close:
                self.connection.close()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return 0, (time.perf_counter() - began) * 1000, b""
        return response.status, (time.perf_counter() - began) * 1000, body

    def close(self) -> None:
        self.connection.close()


def sequential(
    host: str, port: int, path: str, *, requests: int, cookie: str = "", fresh: bool = False
) -> Result:
    """One client, one request after another: the server time as a client sees it.
    ``fresh``: each request to an address of its own (a parameter the page ignores), so
    that no page is served as kept: the time to build it."""
    client = Client(host, port, cookie)
    result = Result()
    began = time.perf_counter()
    separator = "&" if "?" in path else "?"
    for n in range(requests):
        status, ms, _body = client.get(f"{path}{separator}bench={n}" if fresh else path)
        result.requests += 1
        result.times_ms.append(ms)
        result.statuses[status] = result.statuses.get(status, 0) + 1
        if status != 200:
            result.errors += 1
    result.seconds = time.perf_counter() - began
    client.close()
    return result


def concurrent(
    host: str,
    port: int,
    paths: list[str],
    *,
    clients: int,
    seconds: float,
    cookie: str = "",
    max_requests: int = 1_000_000,
) -> Result:
    """``clients`` threads asking the paths in turn until the time (or the request
    budget) is up; returns the throughput and the errors (any answer but 200)."""
    result = Result()
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def work(offset: int) -> None:
        client = Client(host, port, cookie)
        done = errors = 0
        times = []
        statuses: dict[int, int] = {}
        while time.perf_counter() < stop_at:
            with lock:
                if result.requests >= max_requests:
                    break
                result.requests += 1
            status, ms, _body = client.get(paths[(offset + done) % len(paths)])
            done += 1
            times.append(ms)
            statuses[status] = statuses.get(status, 0) + 1
            if status != 200:
                errors += 1
        client.close()
        with lock:
            result.errors += errors
            result.times_ms.extend(times)
            for status, count in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + count

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    result.requests = len(result.times_ms)
    return result

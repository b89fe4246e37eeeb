"""Requests- and tokens-per-minute limits shared by a batch's threads: two token buckets."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class _Bucket:
    """Holds up to ``per_minute`` units, refilled evenly over a minute; starts full."""

    def __init__(self, per_minute: int, now: float) -> None:
        self.capacity = float(per_minute)
        self.level = float(per_minute)
        self.rate = per_minute / 60.0
        self.at = now

    def refill(self, now: float) -> None:
        self.level = min(self.capacity, self.level + (now - self.at) * self.rate)
        self.at = now

    def wait_for(self, amount: float) -> float:
        """Seconds until ``amount`` (capped at the capacity, else it could never be had) is in the bucket."""
        need = min(amount, self.capacity) - self.level
        return 0.0 if need <= 0 else need / self.rate


class RateLimiter:
    """Blocks a request until the requests-per-minute and tokens-per-minute budgets allow it (None: no limit)."""

    def __init__(
        self,
        rpm: int | None = None,
        tpm: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        now = clock()
        self._requests = _Bucket(rpm, now) if rpm else None
        self._tokens = _Bucket(tpm, now) if tpm else None
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()

    def acquire(self, tokens: int) -> None:
        """Wait until one request of about ``tokens`` tokens fits both budgets, then take it from them."""
        while True:
            with self._lock:
                wait = self._take(tokens)
            if wait <= 0:
                return
            self._sleep(wait)

    def settle(self, extra: int) -> None:
        """Charge the tokens a request really cost beyond its estimate (negative: give back)."""
        if self._tokens is not None:
            with self._lock:
                self._tokens.level = min(self._tokens.capacity, self._tokens.level - extra)

    def _take(self, tokens: int) -> float:
        now = self._clock()
        buckets = [(b, amount) for b, amount in ((self._requests, 1), (self._tokens, tokens)) if b is not None]
        for bucket, _ in buckets:
            bucket.refill(now)
        wait = max((bucket.wait_for(amount) for bucket, amount in buckets), default=0.0)
        if wait <= 0:
            for bucket, amount in buckets:
                bucket.level -= min(amount, bucket.capacity)
        return wait

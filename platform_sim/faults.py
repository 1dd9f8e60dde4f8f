"""Fault injection settings and the per-request decision of which fault, if any, happens.

Deciding is separate from doing (wire.py does it on the connection) so the odds can be tested
without a server. Outcomes within a phase are mutually exclusive and drawn with one uniform number,
so each configured probability is exactly the chance of that outcome.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class FaultConfigError(ValueError):
    """The fault settings are not understood; the message says which one."""


class After(Enum):
    """What happens after the request was handled (and its batch committed)."""

    RESET_AFTER_COMMIT = "reset_after_commit"
    TRUNCATED_BODY = "truncated_body"
    MALFORMED_BODY = "malformed_body"
    DUPLICATE_REPLY = "duplicate_reply"


@dataclass(frozen=True)
class RateLimit:
    rate: float
    retry_after_s: int


@dataclass(frozen=True)
class FaultConfig:
    latency_ms: int = 0
    status_rates: Mapping[int, float] = field(default_factory=dict)
    rate_limit: RateLimit | None = None
    reset_before_commit: float = 0.0
    reset_after_commit: float = 0.0
    truncated_body: float = 0.0
    malformed_body: float = 0.0
    duplicate_reply: float = 0.0
    late_reply_ms: int = 0
    late_reply_rate: float = 1.0
    clock_offset_s: float = 0.0
    seed: int | None = None

    @classmethod
    def from_json(cls, data: object) -> FaultConfig:
        """Parse the body of POST /admin/faults (every field optional; unknown fields refused)."""
        if not isinstance(data, dict):
            raise FaultConfigError("faults must be a JSON object")
        known = {f for f in cls.__dataclass_fields__}
        unknown = sorted(set(data) - known)
        if unknown:
            raise FaultConfigError(f"unknown fault setting(s): {', '.join(unknown)}")
        config = cls(
            latency_ms=_int(data, "latency_ms", 0, minimum=0),
            status_rates=_status_rates(data.get("status_rates", {})),
            rate_limit=_rate_limit(data.get("rate_limit")),
            reset_before_commit=_probability(data, "reset_before_commit"),
            reset_after_commit=_probability(data, "reset_after_commit"),
            truncated_body=_probability(data, "truncated_body"),
            malformed_body=_probability(data, "malformed_body"),
            duplicate_reply=_probability(data, "duplicate_reply"),
            late_reply_ms=_int(data, "late_reply_ms", 0, minimum=0),
            late_reply_rate=_probability(data, "late_reply_rate", 1.0),
            clock_offset_s=_number(data, "clock_offset_s", 0.0),
            seed=_optional_int(data, "seed"),
        )
        if config._before_total() > 1.0 + 1e-9:
            raise FaultConfigError("status_rates, rate_limit.rate and reset_before_commit add up to more than 1")
        if config._after_total() > 1.0 + 1e-9:
            raise FaultConfigError(
                "reset_after_commit, truncated_body, malformed_body and duplicate_reply add up to more than 1"
            )
        return config

    def to_json(self) -> dict[str, Any]:
        return {
            "latency_ms": self.latency_ms,
            "status_rates": {str(status): rate for status, rate in sorted(self.status_rates.items())},
            "rate_limit": (
                None
                if self.rate_limit is None
                else {"rate": self.rate_limit.rate, "retry_after_s": self.rate_limit.retry_after_s}
            ),
            "reset_before_commit": self.reset_before_commit,
            "reset_after_commit": self.reset_after_commit,
            "truncated_body": self.truncated_body,
            "malformed_body": self.malformed_body,
            "duplicate_reply": self.duplicate_reply,
            "late_reply_ms": self.late_reply_ms,
            "late_reply_rate": self.late_reply_rate,
            "clock_offset_s": self.clock_offset_s,
            "seed": self.seed,
        }

    def _before_total(self) -> float:
        rate_limited = self.rate_limit.rate if self.rate_limit else 0.0
        return sum(self.status_rates.values()) + rate_limited + self.reset_before_commit

    def _after_total(self) -> float:
        return self.reset_after_commit + self.truncated_body + self.malformed_body + self.duplicate_reply


@dataclass(frozen=True)
class FaultPlan:
    """What one request will suffer. At most one of status / rate limit / reset_before happens."""

    latency_s: float = 0.0
    status: int | None = None
    retry_after_s: int | None = None  # set: answer 429 with this Retry-After
    reset_before_commit: bool = False
    after: After | None = None
    late_reply_s: float = 0.0

    @property
    def handles_request(self) -> bool:
        """True when the request reaches the platform's handler."""
        return self.status is None and self.retry_after_s is None and not self.reset_before_commit


class FaultInjector:
    """Holds the current settings and a seedable RNG; plans each /v1 request's fate."""

    def __init__(self, config: FaultConfig | None = None) -> None:
        self._config = FaultConfig()
        self._rng = random.Random()
        self.configure(config or FaultConfig())

    @property
    def config(self) -> FaultConfig:
        return self._config

    def configure(self, config: FaultConfig) -> None:
        """Replace every setting; a seed restarts the RNG so runs repeat exactly."""
        self._config = config
        if config.seed is not None:
            self._rng = random.Random(config.seed)

    def clear(self) -> None:
        self.configure(FaultConfig())

    def plan(self) -> FaultPlan:
        c = self._config
        status: int | None = None
        retry_after: int | None = None
        reset_before = False
        before: list[tuple[object, float]] = [(code, rate) for code, rate in sorted(c.status_rates.items())]
        if c.rate_limit is not None:
            before.append((c.rate_limit, c.rate_limit.rate))
        before.append(("reset", c.reset_before_commit))
        chosen = self._pick(before)
        if isinstance(chosen, int):
            status = chosen
        elif isinstance(chosen, RateLimit):
            retry_after = chosen.retry_after_s
        elif chosen == "reset":
            reset_before = True
        after = self._pick([(kind, float(getattr(c, kind.value))) for kind in After])
        late = 0.0
        if c.late_reply_ms > 0 and (c.late_reply_rate >= 1.0 or self._rng.random() < c.late_reply_rate):
            late = c.late_reply_ms / 1000
        return FaultPlan(
            latency_s=c.latency_ms / 1000,
            status=status,
            retry_after_s=retry_after,
            reset_before_commit=reset_before,
            after=after if isinstance(after, After) else None,
            late_reply_s=late,
        )

    def _pick(self, outcomes: list[tuple[object, float]]) -> object | None:
        """One uniform draw over exclusive outcomes; None (no fault) with the remaining odds.

        No draw at all when nothing is configured, so a seeded run's sequence depends only on the
        settings that are switched on.
        """
        if sum(rate for _, rate in outcomes) <= 0:
            return None
        u = self._rng.random()
        for outcome, rate in outcomes:
            if u < rate:
                return outcome
            u -= rate
        return None


# ---------------------------------------------------------------- parsing helpers


def _number(data: Mapping[str, Any], name: str, default: float) -> float:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FaultConfigError(f"{name} must be a number")
    return float(value)


def _int(data: Mapping[str, Any], name: str, default: int, *, minimum: int) -> int:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FaultConfigError(f"{name} must be an integer >= {minimum}")
    return value


def _optional_int(data: Mapping[str, Any], name: str) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FaultConfigError(f"{name} must be an integer")
    return value


def _probability(data: Mapping[str, Any], name: str, default: float = 0.0) -> float:
    value = _number(data, name, default)
    if not 0.0 <= value <= 1.0:
        raise FaultConfigError(f"{name} must be a probability from 0 to 1")
    return value


def _status_rates(raw: object) -> dict[int, float]:
    if not isinstance(raw, dict):
        raise FaultConfigError('status_rates must be an object like {"503": 0.1}')
    rates: dict[int, float] = {}
    for key, value in raw.items():
        try:
            status = int(key)
        except ValueError:
            raise FaultConfigError(f"status_rates key {key!r} is not an HTTP status") from None
        if not 400 <= status <= 599:
            raise FaultConfigError(f"status_rates key {status} must be a 4xx or 5xx status")
        rates[status] = _probability({f"status_rates[{status}]": value}, f"status_rates[{status}]")
    return rates


def _rate_limit(raw: object) -> RateLimit | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise FaultConfigError('rate_limit must be an object like {"rate": 0.5, "retry_after_s": 2}')
    unknown = sorted(set(raw) - {"rate", "retry_after_s"})
    if unknown:
        raise FaultConfigError(f"unknown rate_limit setting(s): {', '.join(unknown)}")
    return RateLimit(
        rate=_probability(raw, "rate"),
        retry_after_s=_int(raw, "retry_after_s", 1, minimum=0),
    )

"""Reading request bodies: size, encoding, nesting and numbers, before any handler sees them.

Every malformed body gets a 4xx with the bilingual error body, never a 5xx (docs/platform-api.yaml,
"Request bodies"):
- at most MAX_BODY_BYTES (1 MiB) per request → 413 BODY_TOO_LARGE; a declared Content-Length over
  the limit is refused before a byte is read, a chunked body as soon as it passes the limit;
- valid UTF-8 only (no byte order mark, no encoded surrogates) → 400 BODY_NOT_UTF8;
- JSON nested at most MAX_JSON_DEPTH (32) arrays/objects deep → 400 JSON_TOO_DEEP, counted before
  the recursive parser runs (`[` × 100,000 would otherwise exhaust the recursion limit);
- finite numbers only: NaN, Infinity and floats that overflow (1e400) → 400 NUMBER_NOT_FINITE;
- no lone surrogates in strings (a `\\ud800` escape): they are not text and cannot be stored or
  written back as UTF-8 → 400 TEXT_INVALID.
"""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from platform_sim.errors import error_response

MAX_BODY_BYTES = 1024 * 1024
MAX_JSON_DEPTH = 32


class BadInput(Exception):
    """A request body refused as a whole: `status` (400 or 413) and an error code."""

    def __init__(self, status: int, code: str, detail: str | None = None) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail


async def bad_input_response(request: Request, exc: Exception) -> Response:
    """Starlette exception handler for BadInput."""
    assert isinstance(exc, BadInput)
    return error_response(exc.status, exc.code, exc.detail)


class BodyLimit:
    """ASGI middleware: refuses a body over MAX_BODY_BYTES with 413. Wraps only `receive`."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            detail = f"at most {self.limit} bytes" if declared.isdigit() else "Content-Length is not a number"
            status, code = (413, "BODY_TOO_LARGE") if declared.isdigit() else (400, "BAD_REQUEST")
            await error_response(status, code, detail)(scope, receive, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BadInput(413, "BODY_TOO_LARGE", f"at most {self.limit} bytes")
            return message

        await self.app(scope, counting_receive, send)


def _depth_problem(text: str) -> bool:
    """True when arrays/objects nest deeper than MAX_JSON_DEPTH. Brackets in strings do not count."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif ch in "]}":
            depth -= 1
    return False


class _NotFinite(ValueError):
    pass


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text[:20])
    return value


def _refuse_constant(name: str) -> Any:
    raise _NotFinite(name)


def _has_lone_surrogate(value: Any) -> bool:
    """Any string (or object key) holding a surrogate code point. Iterative: depth is bounded
    already, but a wide document must not cost a frame per item either."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if any("\ud800" <= ch <= "\udfff" for ch in item):
                return True
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
    return False


def parse_json(raw: bytes) -> Any:
    """The JSON document in `raw`; raises BadInput (400) for anything the platform does not take."""
    try:
        text = raw.decode("utf-8")  # strict: invalid sequences and encoded surrogates are refused
    except UnicodeDecodeError:
        raise BadInput(400, "BODY_NOT_UTF8") from None
    if _depth_problem(text):
        raise BadInput(400, "JSON_TOO_DEEP", f"at most {MAX_JSON_DEPTH} levels")
    try:
        value = json.loads(text, parse_float=_finite_float, parse_constant=_refuse_constant)
    except _NotFinite:
        raise BadInput(400, "NUMBER_NOT_FINITE") from None
    except (ValueError, RecursionError):  # JSONDecodeError; integers past Python's digit limit
        raise BadInput(400, "BAD_REQUEST", "body is not JSON") from None
    if _has_lone_surrogate(value):
        raise BadInput(400, "TEXT_INVALID", "a lone surrogate (\\ud800-\\udfff) is not text")
    return value

"""`empf-platform-sim`: serve the simulated eMPF platform on loopback with uvicorn."""

from __future__ import annotations

import argparse
import copy
import ipaddress
import json
import logging
import signal
import socket
import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn

from platform_sim.app import Platform, create_app
from platform_sim.faults import FaultConfig, FaultConfigError, FaultInjector
from platform_sim.fleet import FleetRules
from platform_sim.store import Store
from platform_sim.version import __version__

log = logging.getLogger("platform_sim")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="empf-platform-sim",
        description="Simulated eMPF platform API for the kiosk's demo, tests and benchmarks. "
        "Serves loopback only. Prints 'listening on http://HOST:PORT' on stdout when ready.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="TCP port; 0 picks a free one (default 8765)")
    parser.add_argument(
        "--db", required=True, type=Path, help="SQLite file of the platform's store (created if absent)"
    )
    parser.add_argument(
        "--enrolment-code",
        action="append",
        default=[],
        metavar="CODE",
        help="one-time enrolment code to make available; repeat for more. A code already used stays used.",
    )
    parser.add_argument("--latency-ms", type=int, default=None, help="delay added to every /v1 request")
    parser.add_argument(
        "--clock-offset", type=float, default=None, metavar="S", help="platform clock skew in seconds (+ or -)"
    )
    parser.add_argument("--seed", type=int, default=None, help="seed of the fault-injection RNG (repeatable runs)")
    parser.add_argument(
        "--faults",
        default=None,
        metavar="JSON",
        help="initial fault settings, the same JSON as POST /admin/faults (or @FILE to read it from a file); "
        "--latency-ms, --clock-offset and --seed override the matching fields",
    )
    parser.add_argument(
        "--log-level", default="info", choices=["debug", "info", "warning", "error"], help="log level (default info)"
    )
    parser.add_argument("--require-sign-in", action=argparse.BooleanOptionalAction, default=True,
                        help="refuse at delivery a withdrawal, transfer, fund switch or change of particulars "
                        "without a valid sign-in assertion of its member from the sending kiosk (docs/sign-in.md; "
                        "on by default, as the platform does; --no-require-sign-in for load and sync tests of "
                        "instructions made without a kiosk)")
    rules = FleetRules()
    parser.add_argument("--fleet-stale-after-s", type=float, default=rules.stale_after_s,
                        help="the fleet page marks a kiosk silent this long as needing a visit "
                        f"(default {rules.stale_after_s:g})")
    parser.add_argument("--fleet-queue-stuck-s", type=float, default=rules.queue_stuck_s,
                        help=f"... one whose oldest waiting instruction is older (default {rules.queue_stuck_s:g})")
    parser.add_argument("--fleet-clock-skew-s", type=float, default=rules.clock_skew_s,
                        help=f"... one whose clock is further off (default {rules.clock_skew_s:g})")
    parser.add_argument("--version", action="version", version=f"empf-platform-sim {__version__}")
    return parser


def loopback_host(host: str) -> str | None:
    """The address to bind for `host`, or None when it is not a loopback address."""
    if host == "localhost":
        return "127.0.0.1"  # no resolver lookup: the answer must not depend on /etc/hosts
    try:
        return host if ipaddress.ip_address(host).is_loopback else None
    except ValueError:
        return None


def initial_faults(args: argparse.Namespace) -> FaultConfig:
    config = FaultConfig()
    if args.faults:
        text = Path(args.faults[1:]).read_text("utf-8") if args.faults.startswith("@") else args.faults
        config = FaultConfig.from_json(json.loads(text))
    if args.latency_ms is not None:
        if args.latency_ms < 0:
            raise FaultConfigError("--latency-ms must be >= 0")
        config = replace(config, latency_ms=args.latency_ms)
    if args.clock_offset is not None:
        config = replace(config, clock_offset_s=args.clock_offset)
    if args.seed is not None:
        config = replace(config, seed=args.seed)
    return config


class _Server(uvicorn.Server):
    """Announces the real address on stdout once uvicorn is serving, for harnesses using --port 0."""

    def __init__(self, config: uvicorn.Config, url: str) -> None:
        super().__init__(config)
        self._url = url

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if not self.should_exit:
            print(f"listening on {self._url}", flush=True)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must say TCP explicitly: asyncio only sets TCP_NODELAY on accepted sockets whose proto is
    # IPPROTO_TCP, and without it every keep-alive answer stalls ~40 ms (Nagle vs delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    # Restarting on the same port right after a stop must not fail on TIME_WAIT connections.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def _log_config() -> dict[str, Any]:
    """uvicorn's logging, with the access log moved to stderr: stdout carries only the ready line."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    for formatter in config["formatters"].values():
        formatter["use_colors"] = False
    return config


def _exit_cleanly(signum: int, frame: FrameType | None) -> None:
    # uvicorn handles SIGTERM itself, then re-raises it once shut down; ending with SystemExit(0)
    # here (instead of the default kill) lets the store close and the exit status say "clean".
    raise SystemExit(0)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    host = loopback_host(args.host)
    if host is None:
        print(
            f"empf-platform-sim: refusing to listen on {args.host!r}: the simulator serves loopback only "
            "(use 127.0.0.1, ::1 or localhost).",
            file=sys.stderr,
        )
        return 2
    if not 0 <= args.port <= 65535:
        print(f"empf-platform-sim: --port {args.port} is not a TCP port", file=sys.stderr)
        return 2
    try:
        faults = initial_faults(args)
    except (ValueError, OSError) as exc:
        print(f"empf-platform-sim: bad fault settings: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=args.log_level.upper(), stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        sock = _bind(host, args.port)
    except OSError as exc:
        print(f"empf-platform-sim: cannot listen on {host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    port = sock.getsockname()[1]
    url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    try:
        args.db.parent.mkdir(parents=True, exist_ok=True)
        store = Store(args.db)
    except (OSError, sqlite3.Error) as exc:
        sock.close()
        print(f"empf-platform-sim: cannot open the store {args.db}: {exc}", file=sys.stderr)
        return 1
    try:
        for code in args.enrolment_code:
            store.add_enrolment_code(code, time.time())
        fleet_rules = FleetRules(args.fleet_stale_after_s, args.fleet_queue_stuck_s, args.fleet_clock_skew_s)
        app = create_app(Platform(store, FaultInjector(faults), fleet_rules=fleet_rules,
                                      require_sign_in=args.require_sign_in))
        config = uvicorn.Config(
            app,
            http="h11",  # the fault layer reaches into h11's request cycle to drop connections
            loop="asyncio",
            lifespan="off",
            proxy_headers=False,  # no proxy in front: never take a client address from a header
            log_level=args.log_level,
            log_config=_log_config(),
            timeout_graceful_shutdown=3,
        )
        signal.signal(signal.SIGTERM, _exit_cleanly)
        log.info("platform simulator %s, store %s", __version__, args.db)
        _Server(config, url).run(sockets=[sock])
    except KeyboardInterrupt:
        return 130
    finally:
        store.close()
        sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

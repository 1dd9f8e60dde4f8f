"""`kiosk`: run the kiosk, and the commands staff, technicians and scripts use around it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kiosk import config as config_mod
from kiosk import settings as settings_mod
from kiosk.config import KioskConfig

# `kiosk run` imports this module before the attract screen's first paint: what only other commands
# need (the doctor's probes, the staff desk, package metadata) is imported inside them.
if TYPE_CHECKING:
    from kiosk.services import KioskServices


def services_without_reader(cfg: KioskConfig) -> KioskServices:
    """The kiosk's services for a command that works on the queue, not on cards (kiosk/app.py)."""
    from kiosk.app import build_services_without_reader

    return build_services_without_reader(cfg)


def kiosk_version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("empf-kiosk")
    except PackageNotFoundError:
        return "0+unknown"


class _Version(argparse.Action):
    """--version, looked up only when asked for (package metadata takes ~20 ms to load)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        sys.stdout.write(f"empf-kiosk {kiosk_version()}\n")  # on stdout, as argparse's own version action
        parser.exit()


def _window_size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit() and 320 <= int(width) <= 7680 and 240 <= int(height) <= 7680):
        raise argparse.ArgumentTypeError(f"not a window size like 1920x1080: {text!r}")
    return int(width), int(height)


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    d: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument("--platform-url", default=d, metavar="URL",
                        help=f"the eMPF platform API (env {config_mod.ENV_PLATFORM_URL}; "
                             f"default {config_mod.DEFAULT_PLATFORM_URL})")
    parser.add_argument("--data-dir", default=d, metavar="DIR",
                        help=f"where the queue, keys and logs live (env {config_mod.ENV_DATA_DIR}; "
                             f"default {config_mod.default_data_dir()})")
    parser.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS if suppress else False,
                        help="more detail on stderr")


class _Unused:
    """Stands in for the parsers of the commands that are not being run (build_parser(only=...)):
    every call on it returns it again."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only`, that command's parser and none of the others (building
    all two dozen takes ~10 ms, on `kiosk run`'s way to the first paint). `kiosk --help` lists all."""
    p = argparse.ArgumentParser(
        prog="kiosk",
        description="empf-kiosk: self-service kiosk terminal for the eMPF platform (積金易自助服務站).",
        epilog="Every command takes --platform-url and --data-dir, before or after its name.",
    )
    _common(p, suppress=False)
    p.add_argument("--version", action=_Version, help="show the kiosk's version and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return cast("argparse.ArgumentParser", _Unused())
        sp = sub.add_parser(name, help=help_, description=help_)
        _common(sp, suppress=True)
        return sp

    run = add("run", "Open the kiosk (fullscreen). Under systemd (Type=notify): READY=1 when painted, "
              "WATCHDOG=1 and STATUS= from the event loop, logs to the journal with priorities.")
    run.add_argument("--windowed", action="store_true", help="a normal window instead of fullscreen")
    run.add_argument("--size", type=_window_size, metavar="WxH",
                     help="the window's size with --windowed, e.g. 1080x1920 to see the portrait layout "
                          "(default 960x540)")
    run.add_argument("--demo", action="store_true",
                     help="start the local platform simulator, pcscd (when root) and a virtual identity "
                          "card when no reader is attached; enrol automatically; QR stand-ins (pictures "
                          "for the camera, a pseudo-terminal serial scanner, the iAM Smart phone, the phone "
                          "that gets the one-time code by SMS)")
    run.add_argument("--demo-port", type=int, default=8765, help="simulator port for --demo (default 8765)")

    doctor = add("doctor", "Check the terminal: every device, platform reachability and clock skew, disk, "
                           "database integrity, queue, audit log, versions; pass/fail per check "
                           "(exit 1 if any failed).")
    doctor.add_argument("--json", action="store_true", help="one JSON object on stdout")

    queue = add("queue", "Look at the outbox of instructions waiting for the platform.")
    qsub = queue.add_subparsers(dest="queue_command", metavar="ACTION", required=True)
    ql = qsub.add_parser("list", help="list instructions (no personal data)",
                         description="List queued, sending, accepted and rejected instructions (no personal data).")
    _common(ql, suppress=True)
    ql.add_argument("--json", action="store_true", help="JSON lines on stdout")
    ql.add_argument("--limit", type=int, default=200, help="at most this many, newest first")
    qe = qsub.add_parser("export", help="write the unsynced instructions into an encrypted, signed bundle",
                         description="Write every instruction not yet delivered into one encrypted, signed "
                                     "bundle file (for a dead terminal: move them to another one and import "
                                     "them there). The queue here is not changed.")
    _common(qe, suppress=True)
    qe.add_argument("--to", type=Path, required=True, metavar="DIR", help="folder to write the bundle into (USB)")
    qe.add_argument("--key-file", type=Path, metavar="FILE",
                    help="the operator's transport key (default: keys/transport.key in the data folder)")
    qi = qsub.add_parser("import", help="queue the instructions of a bundle from another terminal",
                         description="Verify and decrypt a bundle, then queue its instructions here with their "
                                     "original references and idempotency keys. Instructions already here "
                                     "(importing twice, or back into the original terminal) are skipped.")
    _common(qi, suppress=True)
    qi.add_argument("file", type=Path, help="the .empfq bundle")
    qi.add_argument("--key-file", type=Path, metavar="FILE",
                    help="the operator's transport key (default: keys/transport.key in the data folder)")
    qi.add_argument("--signer", metavar="FINGERPRINT",
                    help="refuse the bundle unless the exporting terminal's fingerprint is this one")
    qr = qsub.add_parser("recover", help="queue again what can be read from damaged databases set aside",
                         description="Read what can still be read from the damaged databases the kiosk set "
                                     "aside at start (data folder, damaged/) and queue the unsynced "
                                     "instructions again. Safe to repeat: nothing already here is added twice.")
    _common(qr, suppress=True)
    qr.add_argument("--dry-run", action="store_true", help="only say what could be recovered")

    sync = add("sync", "Send waiting instructions to the platform now.")
    sync.add_argument("--once", action="store_true", required=True,
                      help="send what is due, once, and exit (the running kiosk syncs by itself)")

    enrol = add("enrol", "Enrol this terminal with the platform using a one-time code from the operator.")
    enrol.add_argument("code", help="the one-time enrolment code")
    enrol.add_argument("--device-name", default=os.uname().nodename, help="a name for this terminal")
    enrol.add_argument("--rotate", action="store_true",
                       help="the terminal is enrolled already: replace its device secret with one from this code "
                            "(the old secret is kept if the new one does not work)")

    validate = add("validate", "Check an instruction in a JSON file with the kiosk's own rules.")
    validate.add_argument("file", type=Path, nargs="?",
                          help='JSON: {"type": "CHANGE_PARTICULARS", "values": {...}} ("-" for stdin); optional '
                               '"member": {"hkid": ..., "date_of_birth": ..., "source": card|typed|iamsmart, '
                               '"verified_by_staff": ..., "signed_in_by": iamsmart|sms_otp} as the platform would '
                               'receive it (registration needs source iamsmart or verified_by_staff; withdrawals, '
                               'transfers, fund switches and changes of particulars need a sign-in: docs/sign-in.md); '
                               'optional "employer": {...} for CONTRIBUTION_DATA, the employer as the platform gives '
                               'it (companies, schemes, employees, VC plans: docs/contribution-statement.md), to check '
                               'the paying company and each member\'s agreed VC plan; a late statement prints a '
                               '"warning" line and still exits 0')
    validate.add_argument("--lang", choices=("zh", "zh_CN", "en", "both"), default="both",
                          help="zh: 繁體中文, zh_CN: 简体中文, en, or both (繁體中文 / English)")
    validate.add_argument("--today", metavar="YYYY-MM-DD[THH:MM]",
                          help="check as on this day (and time: the fund-switch cut-off); default now")
    validate.add_argument("--example", metavar="TYPE",
                          help="print a valid example of TYPE as JSON (fictional data) and exit; "
                               "'list' lists the types")
    if only in (None, "csca"):
        from kiosk import csca_cli

        csca_cli.add_commands(add, _common)
    if only is None or only in STAFF_COMMANDS:
        from kiosk import staff_cli

        staff_cli.add_commands(sub, add, _common)
    return p


def load_config(args: argparse.Namespace) -> KioskConfig:
    cfg = config_mod.load(platform_url=getattr(args, "platform_url", None),
                          data_dir=getattr(args, "data_dir", None))
    # What a technician set (kiosk settings set) over the defaults; an explicit flag or environment wins.
    explicit = bool(getattr(args, "platform_url", None) or os.environ.get(config_mod.ENV_PLATFORM_URL))
    return settings_mod.apply(cfg, settings_mod.SettingsStore(settings_mod.settings_path(cfg.data_dir)).load(),
                              platform_url_explicit=explicit)


def display_available() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return True  # offscreen, eglfs, linuxfb, vnc... need no X server
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


# ---------------------------------------------------------------- commands


def cmd_run(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from kiosk import sd_notify, watchdog

    sd_notify.claim()  # READY=1 after the first paint is ours to send, not a child's
    watchdog.claim()  # and so is WATCHDOG=1 (ui/watchdog.py sends it from the event loop)
    if args.size and not args.windowed:
        print("--size 只適用於 --windowed。 / --size is for --windowed only: fullscreen takes the screen's size.",
              file=sys.stderr)
        return 2
    if not display_available():
        print("沒有可用的顯示器：請在有畫面的終端機上執行，或使用 xvfb-run。\n"
              "No display found (DISPLAY/WAYLAND_DISPLAY unset). Run it on the kiosk's screen, "
              "or under `xvfb-run -a kiosk run --windowed`.", file=sys.stderr)
        return 2
    import gc

    # Start-up allocates some 40,000 objects that live as long as the kiosk (modules, classes, the
    # window); collecting among them before the first paint only delays it (~50 collections, ~7 ms).
    # Collection resumes once the attract screen is up.
    gc.disable()
    from kiosk.app import run_kiosk

    def ready() -> None:
        gc.enable()
        sd_notify.notify("READY=1")  # systemd's Type=notify, and bench/startup.py's clock

    try:
        return run_kiosk(cfg, windowed=args.windowed, size=args.size,
                         demo_port=args.demo_port if args.demo else None, on_ready=ready)
    finally:
        gc.enable()  # if the window never painted


def doctor_report(cfg: KioskConfig) -> dict[str, Any]:
    """The doctor report (kiosk/doctor.py) from read-only probes: a running kiosk is not disturbed."""
    from kiosk import doctor as doctor_mod
    from kiosk.app import doctor_inputs

    return doctor_mod.run(doctor_inputs(cfg)).as_dict()


def cmd_doctor(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from kiosk import doctor as doctor_mod
    from kiosk.app import doctor_inputs

    report = doctor_mod.run(doctor_inputs(cfg))
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print(doctor_mod.format_text(report))
    return 0 if report.ok else 1


def cmd_queue_list(args: argparse.Namespace, cfg: KioskConfig) -> int:

    services = services_without_reader(cfg)
    try:
        rows = services.outbox.list(limit=args.limit)
    finally:
        services.close()
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return 0
    if not rows:
        print("the queue is empty")
    for r in rows:
        extra = r["platform_ref"] or r["reason_code"] or r["last_error"] or ""
        print(f"{r['kiosk_ref']}  {r['state']:<9} {r['type']:<20} {r['queued_at']}  {extra}")
    return 0


def cmd_queue_export(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from offline_cache.bundle import BundleError
    from offline_cache.transfer import export_queue, resolve_transport_key

    services = services_without_reader(cfg)
    try:
        creds = services.keystore.device_credentials()
        key = resolve_transport_key(args.key_file, services.keystore.transport_key())
        report = export_queue(services.outbox, args.to, device_id=creds[0] if creds else "unenrolled",
                              transport_key=key, signer=services.keystore)
    except (BundleError, OSError) as e:
        zh, en = (e.message_zh, e.message_en) if isinstance(e, BundleError) else ("未能寫入匯出檔案。", str(e))
        print(f"{zh}\n{en}", file=sys.stderr)
        return 1
    finally:
        services.close()
    b = report.bundle
    print(f"exported {b.count} instruction(s) to {b.path}")
    print(f"signed by this terminal ({b.device_id}), fingerprint {b.signer}")
    if report.unreadable:
        print(f"NOT exported (stored data unreadable, staff must redo): {', '.join(report.unreadable)}")
    return 0


def cmd_queue_import(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from offline_cache.bundle import BundleError
    from offline_cache.transfer import import_bundle, resolve_transport_key

    services = services_without_reader(cfg)
    try:
        key = resolve_transport_key(args.key_file, services.keystore.transport_key())
        info, result = import_bundle(services.outbox, args.file, transport_key=key, expect_signer=args.signer)
    except BundleError as e:
        print(f"{e.message_zh}\n{e.message_en}", file=sys.stderr)
        return 1
    finally:
        services.close()
    print(f"bundle from {info.device_id} made {info.created_at}, signer fingerprint {info.signer}")
    print(f"queued {result.imported}, already here {result.already_present}, conflicts {len(result.conflicts)}")
    for ref in result.conflicts:
        print(f"conflict: {ref} is taken here by a different instruction (not imported)")
    return 0 if not result.conflicts else 1


def cmd_queue_recover(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from offline_cache.recovery import damaged_databases, requeue_from
    from offline_cache.salvage import salvage

    services = services_without_reader(cfg)
    try:
        found = damaged_databases(cfg.db_path)
        if not found:
            print("no damaged database has been set aside")
        for path in found:
            if args.dry_run:
                print(f"{path}: {salvage(path, services.keystore.data_key()).summary()}")
                continue
            report, result = requeue_from(path, services.outbox, services.keystore.data_key())
            print(f"{path}: {report.summary()}; queued again {result.imported}, "
                  f"already here {result.already_present}")
    finally:
        services.close()
    return 0


def cmd_sync(args: argparse.Namespace, cfg: KioskConfig) -> int:

    services = services_without_reader(cfg)
    try:
        result = services.engine.drain()
        counts = dict(services.outbox.counts().by_state)
    finally:
        services.close()
    print(json.dumps({"sent": result.sent, "accepted": result.accepted, "rejected": result.rejected,
                      "retry": result.retry, "error": result.error, "queue": counts}))
    return 1 if result.failed else 0


def cmd_enrol(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from kiosk.ports import PlatformError
    from kiosk.ports.audit import AuditEvent, Outcome
    from kiosk.ports.staff import Refused
    from kiosk.staff import cli_actor, enrol_device, record

    services = services_without_reader(cfg)
    event = AuditEvent.SECRET_ROTATED if args.rotate else AuditEvent.ENROLLED
    actor = cli_actor(services.staff.settings)
    try:
        device_id = enrol_device(services.client, services.keystore, args.code, args.device_name, rotate=args.rotate)
    except (Refused, PlatformError) as e:
        record(services.staff.audit, event, actor, Outcome.REFUSED, code=getattr(e, "code", type(e).__name__))
        print(f"enrolment failed: {e}", file=sys.stderr)
        return 1
    else:
        record(services.staff.audit, event, actor, device_id=device_id)
    finally:
        services.close()
    print(f"{'secret rotated for' if args.rotate else 'enrolled as'} device {device_id}")
    return 0


def cmd_validate(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from kiosk import validate_cli

    return validate_cli.run(args, cfg)


# kiosk/staff_cli.py's commands, named here so that `kiosk run` need not import it (a test keeps
# the two lists the same).
STAFF_COMMANDS = ("audit", "update", "settings", "logs", "staff", "self-test")
COMMANDS = {
    "run": cmd_run,
    "doctor": cmd_doctor,
    "sync": cmd_sync,
    "enrol": cmd_enrol,
    "validate": cmd_validate,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `kiosk COMMAND …`, the usual form: only that command's parser is built.
    only = argv[0] if argv and argv[0] in {*COMMANDS, *STAFF_COMMANDS, "queue", "csca"} else None
    args = build_parser(only).parse_args(argv)
    cfg = load_config(args)
    from kiosk import logging_setup

    logging_setup.configure(cfg.data_dir / "logs" if args.command == "run" else None, verbose=args.verbose)
    if args.command == "queue":
        return {"list": cmd_queue_list, "export": cmd_queue_export, "import": cmd_queue_import,
                "recover": cmd_queue_recover}[args.queue_command](args, cfg)
    if args.command == "csca":
        from kiosk import csca_cli

        return csca_cli.run(args, cfg)
    if args.command in STAFF_COMMANDS:
        from kiosk import staff_cli

        return staff_cli.COMMANDS[args.command](args, cfg)
    return COMMANDS[args.command](args, cfg)


if __name__ == "__main__":
    sys.exit(main())

"""The technician's commands of `kiosk` (audit, update, settings, logs, staff, self-test): parsers and
handlers, registered by kiosk/cli.py. Each one that changes something writes an audit entry as
`cli:<user>`, the technician at the kiosk's shell."""

from __future__ import annotations

import argparse
import getpass
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import KioskConfig
from kiosk.domain.errors import ValidationError
from kiosk.ports.audit import AuditEvent, Outcome
from kiosk.ports.staff import Refused, Role
from kiosk.settings import SPECS, SettingsStore, settings_path
from kiosk.update.install_root import default_root

# The commands load what they use (the staff desk: SQLite and crypto; updates: HTTP and tar) when
# they run: `kiosk run` builds this parser too, before the attract screen's first paint.
if TYPE_CHECKING:
    from kiosk.update.installer import SlotInstaller
    from kiosk.update.manifest import UpdateRefused

AddParser = Callable[[str, str], argparse.ArgumentParser]


def add_commands(sub: Any, add: AddParser, common: Callable[[argparse.ArgumentParser, bool], None]) -> None:
    def nested(parent: argparse.ArgumentParser, dest: str) -> Callable[[str, str], argparse.ArgumentParser]:
        group = parent.add_subparsers(dest=dest, metavar="ACTION", required=True)

        def child(name: str, help_: str) -> argparse.ArgumentParser:
            p: argparse.ArgumentParser = group.add_parser(name, help=help_, description=help_)
            common(p, True)
            return p
        return child

    audit = nested(add("audit", "The tamper-evident audit log of staff and technician actions."), "audit_command")
    av = audit("verify", "Check every line of the audit log: edited, removed or reordered lines are reported.")
    av.add_argument("--json", action="store_true", help="one JSON object on stdout")
    al = audit("list", "Show the newest audit entries.")
    al.add_argument("--limit", type=int, default=20)

    upd = nested(add("update", "Install a signed update bundle (two slots, atomic switch, self-test)."),
                 "update_command")
    root_help = f"the install root holding slots/ and current (default {default_root()})"
    ui = upd("install", "Check, download, verify and install an update; switch back if its self-test fails.")
    ui.add_argument("--from", dest="source", required=True, metavar="URL|DIR",
                    help="update server (http/https) or folder (USB stick): a TUF repository (metadata/, "
                         "targets/) on a kiosk that trusts a TUF root, else manifest.json, its .sig and the archive")
    ui.add_argument("--root", type=Path, default=None, help=root_help)
    ui.add_argument("--retry-failed", action="store_true", help="try a version whose self-test failed before")
    ui.add_argument("--json", action="store_true", help="the outcome as JSON")
    uc = upd("check", "Verify an update's manifest (signature, expiry, version) without installing it.")
    uc.add_argument("--from", dest="source", required=True, metavar="URL|DIR")
    uc.add_argument("--root", type=Path, default=None, help=root_help)
    us = upd("status", "Slots, installed version, highest version, failures and history.")
    us.add_argument("--root", type=Path, default=None, help=root_help)
    ur = upd("recover", "After a power cut during an update: finish or undo it (run before the kiosk starts).")
    ur.add_argument("--root", type=Path, default=None, help=root_help)
    ut = upd("trust", "Trust the operator's TUF root (root.json) or an Ed25519 public key (PEM) for updates; "
                      "prints what to compare with the operator's.")
    ut.add_argument("key", type=Path, help="the update repository's metadata/root.json (TUF), or the operator's "
                                           "public key update-signing.pub.pem (signed manifests)")

    st = nested(add("settings", "Settings a technician may change (validated, kept in settings.json)."),
                "settings_command")
    ss = st("show", "Every setting, its value and what it means.")
    ss.add_argument("--json", action="store_true")
    sset = st("set", "Change one setting (checked first; a bad value changes nothing).")
    sset.add_argument("name", choices=sorted(SPECS))
    sset.add_argument("value")
    sr = st("reset", "Put one setting back to its default.")
    sr.add_argument("name", choices=sorted(SPECS))

    logs = nested(add("logs", "The kiosk's logs."), "logs_command")
    le = logs("export", "Copy the logs, scrubbed of personal data, with the doctor report and audit log, "
                        "into a new folder under TARGET (a USB stick).")
    le.add_argument("target", type=Path)

    staff = nested(add("staff", "Staff and technician sign-in: PINs and one-time codes."), "staff_command")
    sa = staff("add", "Register (or change) a staff number with a role, shop and PIN (6-12 digits).")
    sa.add_argument("staff_id")
    sa.add_argument("--role", choices=[r.value for r in Role], default=Role.STAFF.value)
    sa.add_argument("--shop", default="", help="shop id (default: the shop_id setting)")
    sa.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin instead of prompting")
    srm = staff("remove", "Remove a staff number.")
    srm.add_argument("staff_id")
    staff("list", "Staff numbers, roles and shops (no PINs).")
    staff("otp-provision", "Make a new one-time-code key (old codes stop working); prints it for the operator.")
    so = staff("otp-code", "The operator's side: the technician code for COUNTER from a key (base32).")
    so.add_argument("--key", required=True, help="the base32 key otp-provision printed")
    so.add_argument("--counter", type=int, required=True)

    add("self-test", "Check this build on this machine (Qt offscreen, drivers, outbox, database); exit 0 if fine.")


def _refusal(e: Refused | UpdateRefused | ValidationError) -> int:
    print(f"{e.code}: {e.message_en}\n{e.message_zh}", file=sys.stderr)
    return 1


def cmd_audit(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from kiosk.app import audit_log
    from kiosk.staff import cli_actor, record

    log = audit_log(cfg)
    settings = SettingsStore(settings_path(cfg.data_dir)).load()
    if args.audit_command == "list":
        for e in log.entries(args.limit):
            print(f"{e.get('seq'):>6} {e.get('time')} {e.get('event'):<24} {e.get('role')}:{e.get('actor')} "
                  f"{e.get('outcome')} {json.dumps(e.get('detail') or {}, ensure_ascii=False)}")
        return 0
    result = log.verify()
    record(log, AuditEvent.AUDIT_VERIFIED, cli_actor(settings), Outcome.OK if result.ok else Outcome.FAILED,
           lines=result.lines, problems=len(result.problems))
    if args.json:
        print(json.dumps({"ok": result.ok, "lines": result.lines,
                          "problems": [{"line": p.line, "kind": p.kind, "detail": p.detail} for p in result.problems]}))
    else:
        print(f"{log.path}: {result.lines} entries, " + ("ok: the chain is intact" if result.ok else
                                                          f"{len(result.problems)} PROBLEM(S)"))
        for p in result.problems:
            print(f"  {p}")
    return 0 if result.ok else 1


def _installer(args: argparse.Namespace, cfg: KioskConfig) -> SlotInstaller:
    from kiosk.app import slot_installer

    return slot_installer(cfg, getattr(args, "root", None))  # "update trust" has no --root


def cmd_update(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from kiosk.app import audit_log
    from kiosk.staff import StaffPaths, cli_actor, install_and_record
    from kiosk.update.manifest import UpdateRefused, key_id, load_public_key

    paths = StaffPaths(cfg.data_dir)
    settings = SettingsStore(settings_path(cfg.data_dir)).load()
    actor = cli_actor(settings)
    if args.update_command == "trust" and args.key.suffix == ".json":
        return _trust_tuf_root(args.key, _installer(args, cfg))
    if args.update_command == "trust":
        try:
            key = load_public_key(args.key)
        except (OSError, ValueError) as e:
            print(f"not an Ed25519 public key: {e}", file=sys.stderr)
            return 1
        paths.update_trust.mkdir(parents=True, exist_ok=True, mode=0o700)
        kid = key_id(key)
        (paths.update_trust / f"{kid}.pem").write_bytes(args.key.read_bytes())
        print(f"trusted update key {kid} (compare this id with the one the operator gave you)")
        return 0
    installer = _installer(args, cfg)
    if args.update_command == "status":
        print(json.dumps(installer.status(), indent=1))
        return 0
    if args.update_command == "recover":
        outcome = installer.recover()
        print("nothing to recover" if outcome is None else f"{outcome.status}: {outcome.version} ({outcome.detail})")
        return 0 if outcome is None or outcome.status == "installed" else 1
    try:
        if args.update_command == "check":
            m = installer.check(installer.source_for(args.source))
            print(f"ok: {m.product} {m.version}, expires {m.expires.isoformat(timespec='minutes')}, "
                  f"archive {m.archive_name} ({m.archive_size:,} bytes)")
            return 0
        last = [""]

        def progress(stage: str, fraction: float) -> None:
            line = f"{stage} {fraction:4.0%}"
            if line != last[0] and (fraction in (0.0, 1.0) or stage == "download"):
                last[0] = line
                print(line, file=sys.stderr, flush=True)
        # From the shell the technician decides: the kiosk's own screen defers while a member uses it.
        outcome = install_and_record(installer, args.source, audit_log(cfg), actor,
                                     may_switch=lambda: True, retry_failed=args.retry_failed, progress=progress)
    except UpdateRefused as refused:
        return _refusal(refused)
    if args.json:
        print(json.dumps({"status": outcome.status, "version": outcome.version, "slot": outcome.slot,
                          "detail": outcome.detail}))
    else:
        print({"installed": f"installed {outcome.version} in slot {outcome.slot}; restart the kiosk "
                            "(systemctl restart empf-kiosk) to run it",
               "rolled_back": f"{outcome.version} FAILED its self-test; switched back. {outcome.detail}",
               "deferred": "deferred: a member is using the kiosk"}[outcome.status])
    return 0 if outcome.status == "installed" else 1


def _trust_tuf_root(path: Path, installer: SlotInstaller) -> int:
    """Trust a TUF root.json (the operator's update repository's metadata/root.json) as the start of
    this kiosk's chain of roots; from then on only releases verified by TUF are installed."""
    from kiosk.update.tuf_source import check_root

    try:
        data = path.read_bytes()
        version = check_root(data)
    except (OSError, ValueError) as e:
        print(f"not a usable TUF root: {e}", file=sys.stderr)
        return 1
    installer.tuf_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = installer.trusted_root_path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(installer.trusted_root_path)
    digest = hashlib.sha256(data).hexdigest()[:16]
    print(f"trusted TUF root version {version}, sha256 {digest} (compare with the operator's)")
    return 0


def cmd_settings(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from kiosk.app import audit_log
    from kiosk.staff import cli_actor, record

    store = SettingsStore(settings_path(cfg.data_dir))
    if args.settings_command == "show":
        current = store.load().as_dict()
        if args.json:
            print(json.dumps(current, ensure_ascii=False))
        else:
            for name, spec in SPECS.items():
                flag = "  (restart)" if spec.restart else ""
                print(f"{name:<22} {json.dumps(current[name], ensure_ascii=False):<34} {spec.label_en}{flag}")
            if store.problem:
                print(f"warning: {store.problem}", file=sys.stderr)
        return 0
    try:
        old, new = store.set(args.name, args.value) if args.settings_command == "set" else store.reset(args.name)
    except ValidationError as e:
        return _refusal(e)
    actor = cli_actor(store.load())
    record(audit_log(cfg), AuditEvent.SETTING_CHANGED, actor, name=args.name,
           old=_plain(old), new=_plain(new))
    print(f"{args.name}: {json.dumps(_plain(old))} -> {json.dumps(_plain(new))}"
          + ("  (takes effect when the kiosk restarts)" if SPECS[args.name].restart else ""))
    return 0


def _plain(v: Any) -> Any:
    return ",".join(v) if isinstance(v, tuple | list) else v


def cmd_logs(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from kiosk.app import build_services_without_reader
    from kiosk.doctor import run as run_doctor
    from kiosk.staff import cli_actor, record
    from offline_cache.log_export import ExportRefused, export_logs

    services = build_services_without_reader(cfg)
    staff = services.staff
    try:
        report = run_doctor(staff.doctor_inputs())
        result = export_logs(staff.paths.logs, args.target, device=cfg.device_name,
                             known_values=staff.queue.personal_values(),
                             extra={"doctor.json": report.as_dict()},
                             copies={"audit.jsonl": staff.audit.path, "audit.head": staff.audit.head_path})
    except ExportRefused as e:
        print(f"{e.code}: {e.message_en}\n{e.message_zh}", file=sys.stderr)
        record(staff.audit, AuditEvent.LOGS_EXPORTED, cli_actor(staff.settings), Outcome.FAILED, code=e.code)
        return 1
    finally:
        services.close()
    record(staff.audit, AuditEvent.LOGS_EXPORTED, cli_actor(staff.settings), folder=result.folder.name,
           files=len(result.files))
    print(f"exported {len(result.files)} files to {result.folder}; scrubbed: "
          + (", ".join(f"{k} {v}" for k, v in sorted(result.scrubbed.items())) or "nothing"))
    return 0


def cmd_staff(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from kiosk.app import audit_log
    from kiosk.modes.auth import OneTimeCodes, PinRegistry, hotp
    from kiosk.staff import StaffPaths, cli_actor, record

    paths = StaffPaths(cfg.data_dir)
    settings = SettingsStore(settings_path(cfg.data_dir)).load()
    registry = PinRegistry(paths.pins)
    actor = cli_actor(settings)
    if args.staff_command == "list":
        for sid, role, shop in registry.list():
            print(f"{sid:<16} {role:<10} {shop}")
        return 0
    if args.staff_command == "otp-code":
        import base64

        try:
            key = base64.b32decode(args.key.strip().upper())
        except ValueError:
            print("the key must be the base32 text otp-provision printed", file=sys.stderr)
            return 2
        print(hotp(key, args.counter))
        return 0
    audit = audit_log(cfg)
    if args.staff_command == "otp-provision":
        b32 = OneTimeCodes(paths.otp_key, paths.otp_state).provision()
        record(audit, AuditEvent.STAFF_REGISTERED, actor, kind="otp_key")
        print(f"one-time-code key (give it to the operator, keep it nowhere else): {b32}")
        return 0
    try:
        if args.staff_command == "remove":
            if not registry.remove(args.staff_id):
                print(f"no staff number {args.staff_id}", file=sys.stderr)
                return 1
            record(audit, AuditEvent.STAFF_REGISTERED, actor, staff_id=args.staff_id.upper(), kind="removed")
            print(f"removed {args.staff_id.upper()}")
            return 0
        pin = sys.stdin.readline().strip() if args.pin_stdin else getpass.getpass("PIN (6-12 digits): ")
        sid = registry.register(args.staff_id, pin, Role(args.role), args.shop or settings.shop_id)
    except Refused as e:
        return _refusal(e)
    record(audit, AuditEvent.STAFF_REGISTERED, actor, staff_id=sid, role=args.role)
    print(f"registered {sid} as {args.role}")
    return 0


def cmd_self_test(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from kiosk.app import self_test

    return self_test(cfg.data_dir)


COMMANDS: dict[str, Callable[[argparse.Namespace, KioskConfig], int]] = {
    "audit": cmd_audit,
    "update": cmd_update,
    "settings": cmd_settings,
    "logs": cmd_logs,
    "staff": cmd_staff,
    "self-test": cmd_self_test,
}

"""`kiosk doctor`: every check a technician runs on a kiosk, each with a clear pass/fail.

The checks take their facts through `DoctorInputs` (callables the composition root fills from the
running services, or from read-only probes in the CLI), so the same report comes out of the
command line, the technician screen and a script (`--json`). A probe that raises becomes a failed
check, never a crashed report.

Every check's summary (and every staff-dashboard tile's detail) comes in English and 繁體中文:
`summary` / `summary_zh`, `text(lang)` picks one (简体中文 converted from the Traditional). The
command line prints the English, as it always has (technicians and their scripts read it); `--json`
carries both.
"""

from __future__ import annotations

import glob
import os
import platform as py_platform
import shutil
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.device_names import staff_words
from kiosk.languages import choose
from kiosk.ports import OutboxState
from kiosk.ports.staff_queue import StateSummary

if TYPE_CHECKING:
    from kiosk.printing import PrinterService

UNSYNCED = tuple(s.value for s in OutboxState if s.unsynced)

DISK_FAIL_BYTES = 50 * 1024 * 1024  # the outbox refuses new instructions below this
DISK_WARN_BYTES = 500 * 1024 * 1024
SKEW_WARN_S = 30.0
SKEW_FAIL_S = 300.0  # the platform refuses signatures further off than this (the client compensates)
QUEUE_WARN_AGE_S = 3600.0
QUEUE_FAIL_AGE_S = 24 * 3600.0


class Status(str, Enum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    INFO = "info"  # nothing to judge (an optional device not fitted, a version)


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    summary: str  # one line for a person, in English
    data: dict[str, Any] = field(default_factory=dict)
    summary_zh: str = ""  # the same line in 繁體中文 ("" only for a probe written without one)

    def text(self, lang: str) -> str:
        return choose(self.summary_zh or self.summary, self.summary, lang)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status.value, "summary": self.summary,
                "summary_zh": self.summary_zh or self.summary, "data": self.data}


def _check(name: str, status: Status, zh: str, en: str, data: dict[str, Any] | None = None) -> Check:
    return Check(name, status, en, data if data is not None else {}, summary_zh=zh)


def version_of(dist: str) -> str:
    try:
        return dist_version(dist)
    except PackageNotFoundError:
        return ""


def kiosk_version() -> str:
    """The installed package's version, or the bundle's (PyInstaller keeps no metadata by default)."""
    bundled = Path(getattr(sys, "_MEIPASS", "")) / "empf_kiosk_version.txt"
    if getattr(sys, "frozen", False) and bundled.exists():
        return bundled.read_text().strip()
    return version_of("empf-kiosk") or "0+unknown"


def versions() -> dict[str, str]:
    return {
        "kiosk": kiosk_version(),
        "python": py_platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "qt": version_of("PySide6-Essentials"),
        "pyscard": version_of("pyscard"),
        "cryptography": version_of("cryptography"),
        "os": py_platform.platform(terse=True),
    }


@dataclass
class DoctorInputs:
    """What the checks look at. Every callable may raise: the check then fails with the reason."""

    data_dir: Path
    db_path: Path
    platform_url: str
    readers: Callable[[], list[str]]
    platform_reachable: Callable[[], bool]
    clock_skew_s: Callable[[], float | None]  # call after platform_reachable (it learns the skew)
    enrolled: Callable[[], bool]
    queue: Callable[[], list[StateSummary]]
    database_check: Callable[[], str]  # offline_cache.integrity.quick_check
    audit_verify: Callable[[], tuple[int, list[str]]] | None = None  # (lines, problems)
    versions: Callable[[], dict[str, str]] = versions
    settings_problem: str = ""
    update_status: Callable[[], dict[str, Any]] | None = None
    device_probes: Sequence[Callable[[], Check]] = ()
    disk_fail_bytes: int = DISK_FAIL_BYTES
    disk_warn_bytes: int = DISK_WARN_BYTES


@dataclass(frozen=True)
class DoctorReport:
    checks: list[Check]
    facts: dict[str, Any]

    @property
    def ok(self) -> bool:
        return all(c.status is not Status.FAIL for c in self.checks)

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)

    def as_dict(self) -> dict[str, Any]:
        """The JSON of `kiosk doctor --json`. The keys version, readers, platform (url, reachable),
        queue (state -> count) and database (path) are a contract with scripts: keep them."""
        return {**self.facts, "ok": self.ok, "checks": [c.as_dict() for c in self.checks]}


def _guard(name: str, probe: Callable[[], Check]) -> Check:
    try:
        return probe()
    except Exception as e:  # the report must still come out
        reason = f"{type(e).__name__}: {str(e)[:120]}"
        return _check(name, Status.FAIL, f"未能檢查：{reason}", f"could not be checked: {reason}")


def _age(seconds: float | None, zh: bool = False) -> str:
    if seconds is None:
        return "-"
    if seconds < 120:
        return f"{seconds:.0f} 秒" if zh else f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} 分鐘" if zh else f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} 小時" if zh else f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} 日" if zh else f"{seconds / 86400:.1f} days"


# The outbox's states as the staff dashboard names them (ui/staff/strings.py state_*).
STATE_ZH = {OutboxState.QUEUED.value: "等待傳送", OutboxState.SENDING.value: "傳送中",
            OutboxState.ACCEPTED.value: "已接受", OutboxState.REJECTED.value: "被拒絕",
            OutboxState.AMENDED.value: "已修改", OutboxState.VOIDED.value: "已作廢"}


def run(inputs: DoctorInputs) -> DoctorReport:
    facts: dict[str, Any] = {"data_dir": str(inputs.data_dir)}
    checks: list[Check] = []

    def add(name: str, probe: Callable[[], Check]) -> None:
        checks.append(_guard(name, probe))

    # ---- versions
    def check_versions() -> Check:
        v = inputs.versions()
        facts["versions"] = v
        if inputs.update_status is not None:
            facts["bundle"] = inputs.update_status()
        bundle = facts.get("bundle") or {}
        slot = bundle.get("slot")
        tail = f"Python {v.get('python')}, Qt {v.get('qt') or '?'}, SQLite {v.get('sqlite')}"
        kiosk = v.get("kiosk")
        return _check("versions", Status.INFO, f"版本：empf-kiosk {kiosk}{f'（槽 {slot}）' if slot else ''}；{tail}",
                      f"empf-kiosk {kiosk}{f', slot {slot}' if slot else ''}; {tail}", dict(v))
    facts["version"] = kiosk_version()
    add("versions", check_versions)

    # ---- devices
    facts["readers"] = []
    facts["readers_error"] = ""

    def check_readers() -> Check:
        try:
            names = inputs.readers()
        except Exception as e:
            facts["readers_error"] = type(e).__name__
            return _check("card_readers", Status.FAIL, f"PC/SC 未能使用（{type(e).__name__}）：pcscd 有否運行？",
                          f"PC/SC not available ({type(e).__name__}): is pcscd running?")
        facts["readers"] = list(names)
        if not names:
            return _check("card_readers", Status.FAIL, "找不到讀卡器（有否接上？pcscd 有否運行？）",
                          "no card reader seen (is it plugged in? is pcscd running?)")
        return _check("card_readers", Status.PASS, "、".join(names), ", ".join(names), {"readers": list(names)})
    add("card_readers", check_readers)
    for probe in inputs.device_probes:
        add(getattr(probe, "__name__", "device"), probe)

    # ---- platform
    platform: dict[str, Any] = {"url": inputs.platform_url, "reachable": False, "enrolled": False,
                                "clock_skew_s": None}
    facts["platform"] = platform

    def check_platform() -> Check:
        platform["reachable"] = bool(inputs.platform_reachable())
        url = inputs.platform_url
        if platform["reachable"]:
            return _check("platform", Status.PASS, f"{url} 有回應", f"{url} answers")
        return _check("platform", Status.FAIL, f"{url} 沒有回應（網絡、代理伺服器、地址？）；指示會先在佇列中等候",
                      f"{url} does not answer (network, proxy, address?); instructions wait in the queue meanwhile")
    add("platform", check_platform)

    def check_enrolled() -> Check:
        platform["enrolled"] = bool(inputs.enrolled())
        if platform["enrolled"]:
            return _check("enrolment", Status.PASS, "本機已登記", "this terminal is enrolled")
        return _check("enrolment", Status.FAIL, "未登記：`kiosk enrol CODE`（營運商提供的一次性登記碼）",
                      "not enrolled: `kiosk enrol CODE` (one-time code from the operator)")
    add("enrolment", check_enrolled)

    def check_skew() -> Check:
        skew = inputs.clock_skew_s()
        platform["clock_skew_s"] = skew
        if skew is None:
            return _check("clock", Status.INFO, "時鐘偏差不明（平台沒有回應）",
                          "clock skew unknown (the platform did not answer)")
        data = {"skew_s": skew}
        if abs(skew) > SKEW_FAIL_S:
            return _check("clock", Status.FAIL, f"時鐘與平台相差 {skew:+.0f} 秒：請修正 NTP（簽署已作補償，收據及更新的"
                                                "有效期則沒有）",
                          f"clock is {skew:+.0f} s off the platform's: fix NTP (signatures are compensated, receipts "
                          "and update expiry are not)", data)
        if abs(skew) > SKEW_WARN_S:
            return _check("clock", Status.WARN, f"時鐘與平台相差 {skew:+.0f} 秒：請檢查 NTP",
                          f"clock is {skew:+.0f} s off the platform's: check NTP", data)
        return _check("clock", Status.PASS, f"與平台相差 {SKEW_WARN_S:.0f} 秒以內（{skew:+.1f} 秒）",
                      f"within {SKEW_WARN_S:.0f} s of the platform ({skew:+.1f} s)", data)
    add("clock", check_skew)

    # ---- disk
    def check_disk() -> Check:
        usage = shutil.disk_usage(inputs.data_dir if inputs.data_dir.exists() else inputs.data_dir.parent)
        facts["disk"] = {"free_bytes": usage.free, "total_bytes": usage.total}
        free_mb = usage.free / 1e6
        if usage.free < inputs.disk_fail_bytes:
            return _check("disk", Status.FAIL, f"只剩 {free_mb:.0f} MB：佇列不再接收新指示",
                          f"only {free_mb:.0f} MB free: the queue refuses new instructions", facts["disk"])
        if usage.free < inputs.disk_warn_bytes:
            return _check("disk", Status.WARN, f"尚餘 {free_mb:.0f} MB：請盡快騰出空間",
                          f"{free_mb:.0f} MB free: clear space soon", facts["disk"])
        return _check("disk", Status.PASS, f"尚餘 {free_mb:,.0f} MB", f"{free_mb:,.0f} MB free", facts["disk"])
    add("disk", check_disk)

    # ---- database
    database: dict[str, Any] = {"path": str(inputs.db_path), "integrity": "unknown"}
    facts["database"] = database

    def check_database() -> Check:
        verdict = inputs.database_check()
        database["integrity"] = verdict
        if verdict == "ok":
            name = inputs.db_path.name
            return _check("database", Status.PASS, f"{name}：完整性正常", f"{name}: integrity ok")
        if verdict == "missing":
            return _check("database", Status.WARN, f"{inputs.db_path} 尚未存在（新機會在首次啟動時建立）",
                          f"{inputs.db_path} does not exist yet (a new kiosk makes it at first start)")
        return _check("database", Status.FAIL, f"{inputs.db_path}：{verdict}", f"{inputs.db_path}: {verdict}")
    add("database", check_database)

    # ---- queue
    facts["queue"] = {}

    def check_queue() -> Check:
        summary = inputs.queue()
        facts["queue"] = {s.state: s.count for s in summary}
        ages = {s.state: s.oldest_age_s for s in summary}
        waiting = [s for s in summary if s.state in UNSYNCED]
        oldest = max((s.oldest_age_s or 0.0 for s in waiting), default=0.0)
        rejected = facts["queue"].get(OutboxState.REJECTED.value, 0)
        data = {"counts": facts["queue"], "oldest_age_s": ages}
        text = ", ".join(f"{s.state} {s.count} (oldest {_age(s.oldest_age_s)})" for s in summary) or "empty"
        text_zh = "，".join(f"{STATE_ZH.get(s.state, s.state)} {s.count}（最舊 {_age(s.oldest_age_s, zh=True)}）"
                            for s in summary) or "沒有指示"
        if waiting and oldest > QUEUE_FAIL_AGE_S:
            return _check("queue", Status.FAIL, f"{text_zh}：有指示已等候超過一日",
                          f"{text}: instructions have waited over a day", data)
        if waiting and oldest > QUEUE_WARN_AGE_S:
            return _check("queue", Status.WARN, f"{text_zh}：有指示已等候超過一小時",
                          f"{text}: instructions wait over an hour", data)
        if rejected:
            return _check("queue", Status.WARN, f"{text_zh}：{rejected} 項被拒絕的指示等候職員處理",
                          f"{text}: {rejected} rejected wait for staff", data)
        return _check("queue", Status.PASS, text_zh, text, data)
    add("queue", check_queue)

    # ---- audit log
    verify = inputs.audit_verify
    if verify is not None:
        def check_audit() -> Check:
            lines, problems = verify()
            facts["audit"] = {"lines": lines, "problems": problems}
            if problems:  # the problem itself is the verifier's (English) text
                return _check("audit_log", Status.FAIL, f"{len(problems)} 個問題：{problems[0]}",
                              f"{len(problems)} problem(s): {problems[0]}", {"lines": lines, "problems": problems[:20]})
            return _check("audit_log", Status.PASS, f"{lines} 項記錄，鏈結完整", f"{lines} entries, chain intact",
                          {"lines": lines})
        add("audit_log", check_audit)

    if inputs.settings_problem:
        problem = inputs.settings_problem  # the settings file's own (English) words
        checks.append(_check("settings", Status.WARN, f"設定有問題：{problem}", problem))
    return DoctorReport(checks=checks, facts=facts)


# ---------------------------------------------------------------- device probes


def camera_probe(pattern: str = "/dev/video*") -> Callable[[], Check]:
    def camera() -> Check:
        devices = sorted(glob.glob(pattern))
        if not devices:
            return _check("camera", Status.INFO, "沒有鏡頭（/dev/video*）：只可用手提掃描器讀取二維碼",
                          "no camera device (/dev/video*): QR codes by the hand scanner only")
        unreadable = [d for d in devices if not os.access(d, os.R_OK)]
        if len(unreadable) == len(devices):
            return _check("camera", Status.FAIL, f"{'、'.join(devices)} 存在，但此用戶無法讀取",
                          f"{', '.join(devices)} present but not readable by this user", {"devices": devices})
        return _check("camera", Status.PASS, "、".join(devices), ", ".join(devices), {"devices": devices})
    return camera


def scanner_probe(ports: Callable[[], list[str]]) -> Callable[[], Check]:
    """`ports`: the serial ports the kiosk's QR scanners are configured on (may be empty)."""
    def qr_scanner() -> Check:
        configured = ports()
        if not configured:
            found = sorted(glob.glob("/dev/serial/by-id/*"))
            return _check("qr_scanner", Status.INFO,
                          "未設定序列埠二維碼掃描器" + (f"；序列埠裝置：{'、'.join(found)}" if found else "")
                          + "（鍵盤式掃描器只在掃描時才會出現）",
                          "no serial QR scanner configured" + (f"; serial devices: {', '.join(found)}" if found else "")
                          + " (a keyboard-wedge scanner shows only when it scans)", {"serial_devices": found})
        missing = [p for p in configured if not os.path.exists(p)]
        if missing:
            return _check("qr_scanner", Status.FAIL, f"找不到已設定的掃描器連接埠：{'、'.join(missing)}",
                          f"configured scanner port missing: {', '.join(missing)}", {"ports": configured})
        return _check("qr_scanner", Status.PASS, "、".join(configured), ", ".join(configured), {"ports": configured})
    return qr_scanner


# ---------------------------------------------------------------- text


MARK = {Status.PASS: "PASS", Status.WARN: "WARN", Status.FAIL: "FAIL", Status.INFO: "info"}


def format_text(report: DoctorReport) -> str:
    lines = [f"empf-kiosk {report.facts.get('version', '?')} doctor"]
    width = max((len(c.name) for c in report.checks), default=8)
    for c in report.checks:
        lines.append(f"[{MARK[c.status]}] {c.name:<{width}}  {c.summary}")
    fails = sum(c.status is Status.FAIL for c in report.checks)
    warns = sum(c.status is Status.WARN for c in report.checks)
    lines.append("all checks passed" if not fails and not warns else f"{fails} failed, {warns} warning(s)")
    return "\n".join(lines)


# ---------------------------------------------------------------- health at a glance (staff dashboard)


@dataclass(frozen=True)
class HealthItem:
    key: str  # reader | scanner | camera | network | disk | queue
    status: Status
    detail: str  # English; for network the word the dashboard translates: checking | online | offline
    detail_zh: str = ""  # 繁體中文 ("" only where the detail is the same in every language)

    def text(self, lang: str) -> str:
        return choose(self.detail_zh or self.detail, self.detail, lang)


def quick_health(*, readers: Callable[[], list[str]], online: bool | None, queue: dict[str, int],
                 data_dir: Path, probes: Sequence[Callable[[], Check]] = ()) -> list[HealthItem]:
    """The six tiles of the staff dashboard, without touching the network (that is the sync
    worker's job: `online` is its latest view)."""
    items: list[HealthItem] = []
    try:
        names = readers()
        items.append(HealthItem("reader", Status.PASS if names else Status.FAIL, ", ".join(names) or "none",
                                "、".join(names) or "沒有讀卡器"))
    except Exception as e:
        items.append(HealthItem("reader", Status.FAIL, type(e).__name__))
    by_name = {getattr(p, "__name__", ""): p for p in probes}
    for key, name in (("scanner", "qr_scanner"), ("camera", "camera")):
        probe = by_name.get(name)
        if probe is None:
            items.append(HealthItem(key, Status.INFO, "-"))
            continue
        c = _guard(name, probe)
        # Names shop staff know the devices by: the paths stay in the technician's doctor report.
        words = staff_words(c.name, c.status is Status.FAIL, c.data)
        zh, en = words if words is not None else (c.summary_zh, c.summary)
        items.append(HealthItem(key, c.status, en, zh))
    network = "checking" if online is None else "online" if online else "offline"
    items.append(HealthItem("network", Status.INFO if online is None else Status.PASS if online else Status.FAIL,
                            network, {"checking": "正在檢查", "online": "在線", "offline": "離線"}[network]))
    try:
        free = shutil.disk_usage(data_dir).free
        status = Status.FAIL if free < DISK_FAIL_BYTES else Status.WARN if free < DISK_WARN_BYTES else Status.PASS
        items.append(HealthItem("disk", status, f"{free / 1e9:.1f} GB free", f"尚餘 {free / 1e9:.1f} GB"))
    except OSError as e:
        items.append(HealthItem("disk", Status.FAIL, type(e).__name__))
    waiting = sum(queue.get(s, 0) for s in UNSYNCED)
    rejected = queue.get(OutboxState.REJECTED.value, 0)
    items.append(HealthItem("queue", Status.WARN if rejected else Status.PASS,
                            f"{waiting} waiting, {rejected} rejected", f"{waiting} 項等待傳送，{rejected} 項被拒絕"))
    return items


_PRINTER_STATES = {  # kiosk.ports.printer.PrinterState value -> (status, 中文, English)
    "ready": (Status.PASS, "就緒", "ready"),
    "paper_low": (Status.WARN, "紙卷將用完：請更換", "paper low: change the roll"),
    "paper_out": (Status.FAIL, "沒有紙：請放入紙卷", "out of paper: load a roll"),
    "cover_open": (Status.FAIL, "機蓋未關上", "cover open"),
    "offline": (Status.FAIL, "沒有回應（電源、接線、裝置路徑？）", "no answer (power, cable, device path?)"),
}


def printer_probe(setting: str, printer: Callable[[], PrinterService | None]) -> Callable[[], Check]:
    """The receipt printer (`printer` setting): its state by a status query (DLE EOT), which does
    not disturb a kiosk printing beside it. The virtual printer is not probed: it lives in the kiosk."""
    def receipt_printer() -> Check:
        if setting in ("", "none"):
            return _check("receipt_printer", Status.INFO, "未設定收據打印機", "no receipt printer configured")
        if setting == "virtual":
            return _check("receipt_printer", Status.INFO, "虛擬打印機（示範及測試）：收據存於資料夾 printed-receipts/",
                          "virtual printer (demo and tests): pages in the data folder's printed-receipts/")
        service = printer()
        if service is None:
            return _check("receipt_printer", Status.INFO, "未設定收據打印機", "no receipt printer configured")
        try:
            state = str(service.status().value)
            where = service.describe()
        finally:
            service.close()
        status, zh, en = _PRINTER_STATES.get(state, (Status.FAIL, state, state))
        return _check("receipt_printer", status, f"{where}：{zh}", f"{where}: {en}", {"state": state})
    return receipt_printer

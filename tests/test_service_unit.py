"""The kiosk's systemd service (build/systemd/): installed by its install script into a scratch root
(user, folders, unit, polkit rule, technician command), checked by `systemd-analyze verify` and
`security` there, the polkit rule evaluated by a JavaScript engine, and the hardening the unit sets
or leaves out tried on the kiosk itself where that needs no systemd as PID 1."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYSTEMD = ROOT / "build" / "systemd"
UNIT = SYSTEMD / "empf-kiosk.service"

needs_systemd = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None or shutil.which("systemd-sysusers") is None,
    reason="systemd-analyze/systemd-sysusers not installed (Debian package `systemd`; scripts/setup.sh installs it)")


def unit_entries(path: Path) -> list[tuple[str, str, str]]:
    """(section, key, value) for every assignment, in order (keys may repeat in a unit file)."""
    section, out = "", []
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        out.append((section, key.strip(), value.strip()))
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/systemd/install.sh into a scratch root, with systemd's own units and a stand-in bundle."""
    if shutil.which("systemd-sysusers") is None:
        pytest.skip("systemd-sysusers not installed (Debian package `systemd`)")
    root = tmp_path_factory.mktemp("root")
    out = subprocess.run(["sh", str(SYSTEMD / "install.sh")], env=dict(os.environ, DESTDIR=str(root)),
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    # What a real system has and the scratch root lacks: systemd's units, and the installed bundle.
    shutil.copytree("/lib/systemd/system", root / "usr" / "lib" / "systemd" / "system", symlinks=True)
    exe = root / "opt" / "empf-kiosk" / "current" / "empf-kiosk"
    exe.parent.mkdir(parents=True)
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    return root


@needs_systemd
def test_the_install_script_makes_the_user_the_folders_and_installs_every_file(installed: Path) -> None:
    passwd = {line.split(":")[0]: line.split(":") for line in (installed / "etc" / "passwd").read_text().splitlines()}
    user = passwd["empf-kiosk"]
    assert user[5:] == ["/var/lib/empf-kiosk", "/usr/sbin/nologin"] and int(user[2]) < 1000  # a system user
    for folder in ("opt/empf-kiosk", "var/lib/empf-kiosk"):
        assert (installed / folder).stat().st_uid == int(user[2]), folder  # the kiosk installs its own updates
    assert (installed / "etc/systemd/system/empf-kiosk.service").read_bytes() == UNIT.read_bytes()
    assert (installed / "etc/polkit-1/rules.d/50-empf-kiosk-pcscd.rules").exists()
    assert os.access(installed / "usr/local/bin/empf-kiosk", os.X_OK)


@needs_systemd
def test_systemd_analyze_verify_finds_nothing_to_say(installed: Path) -> None:
    out = subprocess.run(["systemd-analyze", "verify", f"--root={installed}", "empf-kiosk.service"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0 and out.stdout + out.stderr == "", out.stdout + out.stderr
    # The check can fail: a misspelt option is reported, a missing bundle refused.
    broken = installed / "etc/systemd/system/empf-kiosk.service"
    good = broken.read_text()
    try:
        broken.write_text(good.replace("ProtectSystem=strict", "ProtectSytem=strict"))
        typo = subprocess.run(["systemd-analyze", "verify", f"--root={installed}", "empf-kiosk.service"],
                              capture_output=True, text=True, timeout=120, check=False)
        assert "Unknown key 'ProtectSytem'" in typo.stderr
    finally:
        broken.write_text(good)


@needs_systemd
def test_systemd_analyze_security_rates_the_sandbox_ok(installed: Path) -> None:
    out = subprocess.run(["systemd-analyze", "security", "--offline=yes", f"--root={installed}", "--threshold=25",
                          "empf-kiosk.service"], capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr  # exposure at most 2.5 of 10 ("OK")
    assert "Overall exposure level for empf-kiosk.service" in out.stdout


def test_the_unit_is_a_watched_notify_service_of_an_unprivileged_user() -> None:
    entries = unit_entries(UNIT)
    service = {k: v for s, k, v in entries if s == "Service"}
    assert service["Type"] == "notify" and service["NotifyAccess"] == "main"
    assert int(service["WatchdogSec"]) >= 10 and service["Restart"] == "on-failure"
    assert service["User"] == "empf-kiosk" and service["StateDirectory"] == "empf-kiosk"
    assert service["Environment"]  # several; the data folder is the state directory:
    assert ("Service", "Environment", "EMPF_KIOSK_DATA_DIR=/var/lib/empf-kiosk") in entries
    assert service["ExecStart"] == "/opt/empf-kiosk/current/empf-kiosk run"
    assert service["CapabilityBoundingSet"] == "" and service["NoNewPrivileges"] == "yes"
    assert set(service["RestrictAddressFamilies"].split()) == {"AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK"}
    assert "MemoryDenyWriteExecute" not in service  # see test_the_kiosk_runs_without_write_and_execute_memory
    assert (UNIT.parent / "install.sh").stat().st_mode & 0o111


def test_the_polkit_rule_lets_the_kiosk_user_and_nobody_else_use_pcscd() -> None:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("no JavaScript engine (node) to evaluate the polkit rule")
    script = textwrap.dedent("""
        const fs = require("fs");
        const rules = [];
        const polkit = {Result: {YES: "yes", NO: "no"}, addRule: (f) => rules.push(f)};
        new Function("polkit", fs.readFileSync(process.argv[1], "utf8"))(polkit);
        const ask = (id, user) => rules.map((r) => r({id: id}, {user: user})).find((x) => x !== undefined) || null;
        console.log(JSON.stringify([
            ask("org.debian.pcsc-lite.access_pcsc", "empf-kiosk"),
            ask("org.debian.pcsc-lite.access_card", "empf-kiosk"),
            ask("org.debian.pcsc-lite.access_card", "guest"), ask("org.freedesktop.login1.reboot", "empf-kiosk")]));
    """)
    out = subprocess.run([node, "-e", script, str(SYSTEMD / "50-empf-kiosk-pcscd.rules")], capture_output=True,
                         text=True, timeout=60, check=True)
    assert json.loads(out.stdout) == ["yes", "yes", None, None]


# NoNewPrivileges and W^X memory through the kernel's own switches (prctl PR_SET_NO_NEW_PRIVS and
# PR_SET_MDWE, Linux 6.3+), then the command: what the unit's ExecStartPre runs (`update recover`
# runs the bundle's self-test: Qt, the drivers, the outbox, the window, Chinese entry on QML).
_RESTRICTED = textwrap.dedent("""
    import ctypes, mmap, os, sys
    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_NO_NEW_PRIVS, PR_SET_MDWE, PR_GET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 38, 65, 66, 1
    if (libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
            or libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0):
        sys.exit(77)  # this kernel cannot do it
    assert libc.prctl(PR_GET_MDWE, 0, 0, 0, 0) == PR_MDWE_REFUSE_EXEC_GAIN
    try:
        mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        sys.exit(78)  # not enforced
    except PermissionError:
        pass
    os.execv(sys.argv[1], sys.argv[1:])
""")


def test_the_kiosk_runs_without_write_and_execute_memory(tmp_path: Path) -> None:
    """MemoryDenyWriteExecute: the kiosk's own code passes (Qt's QML engine falls back from its JIT to
    its interpreter); the unit leaves it out for Mesa's software renderer on displays without a GPU
    driver, which this offscreen test does not use."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EMPF_KIOSK_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", _RESTRICTED, sys.executable, "-m", "kiosk.cli", "self-test"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)
    if out.returncode == 77:
        pytest.skip("this kernel has no PR_SET_MDWE (Linux 6.3+)")
    assert out.returncode != 78, "W^X memory was not enforced: the test would prove nothing"
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["self_test"] == "pass"
    assert {s["step"] for s in report["steps"] if s["ok"]} >= {"imports", "drivers", "outbox", "ui", "chinese_input"}

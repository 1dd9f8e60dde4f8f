"""The kiosk's systemd service (build/systemd/): installed by its install script into a scratch root
(user, folders, unit, polkit rule, technician command), checked by `systemd-analyze verify` and
`security` there, the polkit rule evaluated by a JavaScript engine, and the hardening the unit sets
or leaves out tried on the kiosk itself where that needs no systemd as PID 1."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
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
    # The kiosk's own "start me again" (an installed update, Restart on the technician page) is restarted.
    from ui.lockdown import EXIT_RESTART

    assert service["RestartForceExitStatus"].split() == [str(EXIT_RESTART)]
    assert service["User"] == "empf-kiosk" and service["StateDirectory"] == "empf-kiosk"
    assert service["Environment"]  # several; the data folder is the state directory:
    assert ("Service", "Environment", "EMPF_KIOSK_DATA_DIR=/var/lib/empf-kiosk") in entries
    assert service["ExecStart"] == "/opt/empf-kiosk/current/empf-kiosk run"
    assert service["CapabilityBoundingSet"] == "" and service["NoNewPrivileges"] == "yes"
    assert set(service["RestrictAddressFamilies"].split()) == {"AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK"}
    assert "MemoryDenyWriteExecute" not in service  # see test_the_kiosk_passes_its_self_test_in_the_units_sandbox
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


# The unit's sandbox as far as the kernel's own switches give it without systemd as PID 1, set up in
# a small launcher that then execs the command: NoNewPrivileges (PR_SET_NO_NEW_PRIVS),
# MemoryDenyWriteExecute's W^X (PR_SET_MDWE, Linux 6.3+), and a seccomp filter made from systemd's
# own list of @system-service (`systemd-analyze syscall-filter`) answering EPERM to anything else
# (SystemCallErrorNumber=EPERM), socket() only for AF_UNIX, AF_INET, AF_INET6, AF_NETLINK
# (RestrictAddressFamilies; others EAFNOSUPPORT) and x86-64 calls only (SystemCallArchitectures=native).
_LAUNCHER = textwrap.dedent("""
    import ctypes, json, mmap, os, struct, sys
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int] + [ctypes.c_ulong] * 4  # a pointer among them: not C ints
    PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, PR_SET_MDWE, PR_GET_MDWE = 38, 22, 65, 66
    allowed, socket_nr, mdwe = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "mdwe"
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        sys.exit(77)
    if mdwe:
        if libc.prctl(PR_SET_MDWE, 1, 0, 0, 0) != 0:
            sys.exit(77)  # this kernel cannot do it
        assert libc.prctl(PR_GET_MDWE, 0, 0, 0, 0) == 1
        try:
            mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
            sys.exit(78)  # not enforced
        except PermissionError:
            pass
    LD, JEQ, JGE, RET = 0x20, 0x15, 0x35, 0x06
    ALLOW, KILL, ERRNO = 0x7FFF0000, 0x80000000, 0x00050000
    prog = [(LD, 0, 0, 4), (JEQ, 1, 0, 0xC000003E), (RET, 0, 0, KILL),  # x86-64 only
            (LD, 0, 0, 0), (JGE, 0, 1, 0x40000000), (RET, 0, 0, KILL),  # no x32 calls
            (JEQ, 0, 7, socket_nr), (LD, 0, 0, 16),  # socket(family, ...): the family
            (JEQ, 4, 0, 1), (JEQ, 3, 0, 2), (JEQ, 2, 0, 10), (JEQ, 1, 0, 16),
            (RET, 0, 0, ERRNO | 97), (RET, 0, 0, ALLOW)]
    for nr in allowed:
        prog += [(JEQ, 0, 1, nr), (RET, 0, 0, ALLOW)]
    prog.append((RET, 0, 0, ERRNO | 1))  # EPERM
    raw = b"".join(struct.pack("HBBI", *ins) for ins in prog)
    buf = ctypes.create_string_buffer(raw)
    class Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]
    fprog = Prog(len(prog), ctypes.addressof(buf))
    if libc.prctl(PR_SET_SECCOMP, 2, ctypes.addressof(fprog), 0, 0) != 0:
        sys.exit(79)
    import socket
    try:
        socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        sys.exit(80)  # the family filter did not hold
    except OSError as e:
        assert e.errno == 97, e
    # A call outside @system-service (umount2: @mount) gets EPERM, not ENOENT for a missing path.
    if libc.umount2(b"/nonexistent-empf-kiosk", 0) != -1 or ctypes.get_errno() != 1:
        sys.exit(80)
    os.execv(sys.argv[4], sys.argv[4:])
""")


def _syscall_numbers() -> dict[str, int]:
    header = Path("/usr/include/x86_64-linux-gnu/asm/unistd_64.h")
    if not header.exists():
        pytest.skip("no x86-64 system call table (linux-libc-dev)")
    return {m[0]: int(m[1]) for m in re.findall(r"#define __NR_(\w+) (\d+)", header.read_text())}


def _system_service_calls() -> set[str]:
    """systemd's @system-service, its nested groups expanded, from `systemd-analyze syscall-filter`."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze not installed (Debian package `systemd`)")
    text = subprocess.run(["systemd-analyze", "syscall-filter"], capture_output=True, text=True, timeout=60,
                          check=True).stdout
    groups: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("@"):
            current = line.strip()
            groups[current] = []
        elif line.strip() and not line.strip().startswith("#") and current:
            groups[current].append(line.strip())

    def expand(name: str) -> set[str]:
        return set().union(*(expand(e) if e.startswith("@") else {e} for e in groups[name]))

    calls = expand("@system-service")
    assert {"read", "execve", "mmap", "socket"} <= calls and not {"reboot", "umount2", "mount"} & calls
    return calls


def sandboxed(argv: list[str], *, mdwe: bool = True) -> list[str]:
    """argv run inside the unit's sandbox as emulated above."""
    numbers = _syscall_numbers()
    allowed = sorted(numbers[c] for c in _system_service_calls() if c in numbers and c != "socket")
    return [sys.executable, "-c", _LAUNCHER, json.dumps(allowed), str(numbers["socket"]),
            "mdwe" if mdwe else "-", *argv]


def _check_launch(out_code: int) -> None:
    if out_code == 77:
        pytest.skip("this kernel has no PR_SET_MDWE (Linux 6.3+)")
    assert out_code != 78, "W^X memory was not enforced: the test would prove nothing"
    assert out_code not in (79, 80), "the seccomp filter was not installed or did not hold"


def test_the_kiosk_passes_its_self_test_in_the_units_sandbox(tmp_path: Path) -> None:
    """What ExecStartPre runs (`update recover` runs the bundle's self-test: Qt, drivers, outbox, the
    window, Chinese entry on QML). W^X memory included: the kiosk's own code passes (Qt's QML engine
    falls back from its JIT to its interpreter); the unit leaves MemoryDenyWriteExecute out for Mesa's
    software renderer on displays without a GPU driver, which this offscreen test does not use."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EMPF_KIOSK_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run(sandboxed([sys.executable, "-m", "kiosk.cli", "self-test"]), cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=180, check=False)
    _check_launch(out.returncode)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["self_test"] == "pass"
    assert {s["step"] for s in report["steps"] if s["ok"]} >= {"imports", "drivers", "outbox", "ui", "chinese_input"}


def test_kiosk_run_starts_and_pets_the_watchdog_in_the_units_sandbox(tmp_path: Path) -> None:
    """`kiosk run` as ExecStart runs it: READY=1, WATCHDOG=1 beats, pcscd over AF_UNIX, the platform
    over AF_INET (nothing listens: offline), stopped by SIGTERM with 143."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(60)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=str(tmp_path / "notify"),
               WATCHDOG_USEC="400000")
    argv = sandboxed([sys.executable, "-m", "kiosk.cli", "run", "--windowed", "--data-dir", str(tmp_path / "data"),
                      "--platform-url", "http://127.0.0.1:9"])
    with sock:
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            got: list[str] = []
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and sum(m.startswith("WATCHDOG=1") for m in got) < 5:
                try:
                    got.append(sock.recv(4096).decode())
                except TimeoutError:
                    break
            assert "READY=1" in got and sum(m.startswith("WATCHDOG=1") for m in got) >= 5, got
            assert proc.poll() is None
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=60)
    _check_launch(proc.returncode)
    assert proc.returncode == 128 + signal.SIGTERM, err[-3000:]

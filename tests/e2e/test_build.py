"""A real bundle, built by build/build.py's steps with PyInstaller and build/kiosk.spec: it passes its
own --self-test (every third-party module, translations from the shipped .qm, Chinese entry on Qt
Virtual Keyboard), carries what the kiosk uses and leaves out the Qt parts it does not, is signed, installed into a slot
(where the installer runs the self-test again through `current`), runs the `kiosk` command, and a
changed byte in its archive is refused. About a minute on a 2-core machine; set
EMPF_SKIP_BUNDLE_BUILD=1 to skip it where PyInstaller is not installed."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kiosk.update import manifest as mf
from kiosk.update.installer import SlotInstaller
from kiosk.update.manifest import UpdateRefused
from kiosk.update.sources import DirectorySource

REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(os.environ.get("EMPF_SKIP_BUNDLE_BUILD") == "1", reason="EMPF_SKIP_BUNDLE_BUILD=1"),
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller not installed "
                       "(bash scripts/setup.sh installs the build extra)"),
    pytest.mark.timeout(600),
]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"empf_build_{name}", REPO / "build" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load("build")
sign = _load("sign")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("bundle")
    version = build.project_version()
    bundle = build.pyinstaller(version, tmp / "dist", tmp / "work")
    report = build.self_test(bundle)
    key, pub, _ = sign.keygen(tmp / "keys")
    update = build.package(bundle, version, tmp / "update", key=key, compresslevel=1)
    return {"tmp": tmp, "version": version, "bundle": bundle, "report": report, "update": update, "pub": pub}


def test_the_bundle_passes_its_self_test(built: dict[str, Any]) -> None:
    report = built["report"]
    assert report["self_test"] == "pass" and report["version"] == built["version"]
    steps = {s["step"]: s for s in report["steps"]}
    assert set(steps) == {"imports", "drivers", "outbox", "database", "ui", "translations", "chinese_input"}
    assert all(s["ok"] for s in steps.values())
    assert "pyscard" in steps["drivers"]["detail"] and "offscreen" in steps["ui"]["detail"]
    assert steps["translations"]["detail"] == "en, zh_CN, zh_HK from .qm"  # not the built-in table
    assert "陳大文" in steps["chinese_input"]["detail"] and "陈" in steps["chinese_input"]["detail"]
    assert "handwriting 十" in steps["chinese_input"]["detail"]  # the bundle's own models and libzinnia


def test_the_bundle_carries_chinese_entry_and_the_translations(built: dict[str, Any]) -> None:
    internal: Path = built["bundle"] / "_internal"
    qt = internal / "PySide6" / "Qt"
    for part in ("lib/libQt6VirtualKeyboard.so.6", "lib/libQt6Quick.so.6", "lib/libQt6QuickWidgets.so.6",
                 "lib/libQt6Qml.so.6", "plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
                 "qml/QtQuick/VirtualKeyboard/qmldir",
                 "qml/QtQuick/VirtualKeyboard/Plugins/TCIme/libqtvkbtcimeplugin.so",
                 "qml/QtQuick/VirtualKeyboard/Plugins/Pinyin/libqtvkbpinyinplugin.so", "qml/QtQuick/Layouts/qmldir",
                 "qml/QtQml/qmldir", "qml/Qt/labs/folderlistmodel/qmldir"):
        assert (qt / part).exists(), part
    assert (internal / "ui" / "resources" / "chinese_input.qml").read_bytes() == \
        (REPO / "ui" / "resources" / "chinese_input.qml").read_bytes()
    style = Path("ui/resources/vkb_styles/QtQuick/VirtualKeyboard/Styles/kiosk_high_contrast/style.qml")
    assert (internal / style).read_bytes() == (REPO / style).read_bytes()  # the keyboard in high contrast
    # Handwriting: tegaki's models where drivers.handwriting.recogniser.model_dir looks, and libzinnia.
    for model in ("handwriting-ja.model", "handwriting-zh_CN.model"):
        assert (internal / "handwriting" / model).stat().st_size > 20_000_000, model
    assert (internal / "libzinnia.so.0").exists()
    assert sorted(p.name for p in (internal / "ui" / "i18n").iterdir()) == ["empf_en.qm", "empf_zh_CN.qm",
                                                                             "empf_zh_HK.qm"]
    # QML modules nobody imports stay out (PyInstaller's QtQml hook would bring all 31 MB of them).
    for unused in ("QtQuick3D", "QtWebEngine", "QtCharts", "QtQuick/Controls", "QtQuick/Dialogs", "QtQuick/Pdf"):
        assert not (qt / "qml" / unused).exists(), unused


def test_every_qt_library_a_bundled_binary_links_to_is_bundled(built: dict[str, Any]) -> None:
    """The spec drops Qt libraries nothing links to any more: none may be one something still needs."""
    if shutil.which("readelf") is None:
        pytest.skip("readelf (binutils) not installed")
    files = [p for p in built["bundle"].rglob("*.so*") if p.is_file() and not p.is_symlink()]
    names = {p.name for p in built["bundle"].rglob("*")}
    lacking: dict[str, list[str]] = {}
    for path in files:
        out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, timeout=60).stdout
        for lib in re.findall(r"\(NEEDED\)\s+Shared library: \[(libQt6[^\]]+)\]", out):
            if lib not in names:
                lacking.setdefault(lib, []).append(path.name)
    assert len(files) > 100 and lacking == {}
    dangling = [str(p.relative_to(built["bundle"])) for p in built["bundle"].rglob("*")
                if p.is_symlink() and not p.exists()]
    assert dangling == []  # a link to a library the spec filtered out


def test_the_bundle_leaves_out_what_the_kiosk_does_not_use(built: dict[str, Any]) -> None:
    bundle: Path = built["bundle"]
    names = [p.name for p in bundle.rglob("*")]
    for unwanted in ("libQt6WebEngineCore", "libQt6Pdf", "libQt63DCore", "libQt6Charts", "libQt6Designer",
                     "libqgtk3", "qtbase_de.qm", "libQt6Quick3D", "libQt6QuickControls2", "libQt6QmlCompiler",
                     "libopencc"):
        assert not any(n.startswith(unwanted) for n in names), unwanted
    # Chinese entry is used (ui/chinese_input.py): Qt Virtual Keyboard and its input methods are in.
    for wanted in ("libQt6VirtualKeyboard.so", "libqtvirtualkeyboardplugin.so", "libqtvkbtcimeplugin.so",
                   "libqtvkbpinyinplugin.so"):
        assert any(n.startswith(wanted) for n in names), wanted
    assert any(n.startswith("libqxcb") for n in names) and any(n.startswith("libqoffscreen") for n in names)
    assert any(n.startswith("libqeglfs") for n in names) and any(n.startswith("libffmpegmediaplugin") for n in names)
    assert (bundle / "_internal" / "empf_kiosk_version.txt").read_text().strip() == built["version"]
    size = build.folder_bytes(bundle)
    assert 50e6 < size < 400e6, size  # recorded in the README; the unfiltered build was far larger


def test_the_bundle_carries_the_service_and_not_the_simulator(built: dict[str, Any]) -> None:
    """The technician installs the service from the unpacked bundle (docs/technician.md); the
    simulator's server packages (the `sim` extra) never travel to a kiosk."""
    bundle: Path = built["bundle"]
    for name in ("empf-kiosk.service", "install.sh", "empf-kiosk.sysusers.conf", "empf-kiosk.tmpfiles.conf",
                 "50-empf-kiosk-pcscd.rules", "empf-kiosk.sh"):
        shipped = bundle / "_internal" / "systemd" / name
        assert shipped.read_bytes() == (REPO / "build" / "systemd" / name).read_bytes(), name
    names = {p.name.split("-")[0].split(".")[0] for p in bundle.rglob("*")}
    assert not names & {"starlette", "uvicorn", "platform_sim"}


def test_install_the_signed_bundle_and_run_it(built: dict[str, Any]) -> None:
    tmp: Path = built["tmp"]
    trust = tmp / "data" / "keys" / "update-trust"
    trust.mkdir(parents=True)
    shutil.copy(built["pub"], trust / "operator.pem")
    installer = SlotInstaller(tmp / "opt", trust, data_dir=tmp / "data")
    outcome = installer.install(DirectorySource(built["update"]))
    assert (outcome.status, outcome.version, outcome.slot) == ("installed", built["version"], "a")
    assert outcome.detail.startswith("pass in") and "ui ok" in outcome.detail
    exe = installer.current_link / "empf-kiosk"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60, env=env)
    assert version.returncode == 0 and built["version"] in version.stdout
    doctor = subprocess.run([str(exe), "doctor", "--json", "--data-dir", str(tmp / "kiosk-data"),
                             "--platform-url", "http://127.0.0.1:9"], capture_output=True, text=True, timeout=60,
                            env=env)
    report = json.loads(doctor.stdout)
    assert doctor.returncode == 1 and report["platform"]["reachable"] is False  # nothing listens on port 9
    assert report["version"] == built["version"] and report["versions"]["qt"]


def test_a_changed_byte_in_the_real_archive_is_refused(built: dict[str, Any]) -> None:
    tmp: Path = built["tmp"]
    copy = tmp / "tampered"
    shutil.copytree(built["update"], copy)
    archive = next(copy.glob("*.tar.gz"))
    with archive.open("r+b") as f:
        f.seek(archive.stat().st_size // 2)
        byte = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([byte[0] ^ 0xFF]))
    trust = tmp / "trust2"
    trust.mkdir()
    shutil.copy(built["pub"], trust / "k.pem")
    installer = SlotInstaller(tmp / "opt2", trust)
    with pytest.raises(UpdateRefused) as e:
        installer.install(DirectorySource(copy))
    assert e.value.code == "CHANGED_FILE"
    assert installer.current_slot() is None
    assert json.loads((copy / mf.MANIFEST).read_text())["version"] == built["version"]


def test_the_readme_path_on_the_real_bundle(built: dict[str, Any], platform_sim: Any) -> None:
    """What the README tells a technician to do on a fresh terminal, with the bundle's own command:
    trust the key, install from the USB folder, settings, enrol, register staff, doctor; then an
    update to a newer version from the same USB layout."""
    tmp: Path = built["tmp"] / "readme"
    data, root = tmp / "var-lib-empf-kiosk", tmp / "opt-empf-kiosk"
    unpacked = built["bundle"] / "empf-kiosk"  # the archive unpacked somewhere temporary
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EMPF_KIOSK_DATA_DIR=str(data))
    env.pop("EMPF_KIOSK_PLATFORM_URL", None)

    def run(exe: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(exe), *args], input=stdin, capture_output=True, text=True, timeout=120,
                              env=env)

    trusted = run(unpacked, "update", "trust", str(built["pub"]))
    assert trusted.returncode == 0 and "trusted update key" in trusted.stdout
    installed = run(unpacked, "update", "install", "--from", str(built["update"]), "--root", str(root))
    assert installed.returncode == 0, installed.stderr
    kiosk = root / "current" / "empf-kiosk"
    assert run(kiosk, "settings", "set", "platform_url", platform_sim.url).returncode == 0
    assert run(kiosk, "settings", "set", "shop_id", "TST-01").returncode == 0
    enrolled = run(kiosk, "enrol", "TEST-CODE-1")
    assert enrolled.returncode == 0 and "enrolled as device" in enrolled.stdout
    assert run(kiosk, "staff", "add", "S001", "--pin-stdin", stdin="482915\n").returncode == 0
    assert run(kiosk, "staff", "add", "T900", "--role", "technician", "--pin-stdin", stdin="730416\n").returncode == 0
    doctor = json.loads(run(kiosk, "doctor", "--json").stdout)
    assert doctor["platform"]["reachable"] and doctor["platform"]["enrolled"]
    assert (doctor["bundle"]["slot"], doctor["bundle"]["root"]) == ("a", str(root))  # found from its own path
    # A newer version arrives on the USB stick (the same binaries, repackaged as 0.x.y+1).
    parts = [int(p) for p in built["version"].split(".")]
    newer = ".".join(str(p) for p in [*parts[:-1], parts[-1] + 1])
    key = built["tmp"] / "keys" / "update-signing.key.pem"
    usb = build.package(built["bundle"], newer, tmp / "usb" / f"update-{newer}", key=key, compresslevel=1)
    updated = run(kiosk, "update", "install", "--from", str(usb), "--root", str(root), "--json")
    assert updated.returncode == 0, updated.stderr
    assert json.loads(updated.stdout) == {**json.loads(updated.stdout), "status": "installed", "version": newer,
                                          "slot": "b"}
    status = json.loads(run(kiosk, "update", "status", "--root", str(root)).stdout)
    assert (status["slot"], status["version"]) == ("b", newer)
    verify = run(kiosk, "audit", "verify")
    assert verify.returncode == 0 and "chain is intact" in verify.stdout

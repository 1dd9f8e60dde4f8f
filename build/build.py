"""Build the kiosk's versioned one-folder bundle and its signed update, from a clean checkout.

    bash scripts/setup.sh                                   # once: system packages, .venv with PyInstaller
    .venv/bin/python build/build.py --sign-key KEYDIR/update-signing.key.pem

Steps: a build environment (work/venv) holding exactly build/requirements.lock, installed with
`pip install --require-hashes` (every file checked against the hash the lock recorded; `--no-lock`
builds with the running interpreter's packages instead) -> the kiosk's translations (.ts -> .qm, in
the work folder) -> PyInstaller with build/kiosk.spec
(unused Qt plugins, QML modules, libraries and translations filtered out; Qt Virtual Keyboard for
Chinese entry kept) -> build/dist/empf-kiosk-VERSION/ -> its own `--self-test` (Qt offscreen, every
third-party module, Chinese entry, translations, drivers, outbox) ->
build/dist/update-VERSION/ holding exactly what an update server or USB stick serves:
`empf-kiosk-VERSION.tar.gz`, `manifest.json` (version, expiry, archive hash, every file's hash) and
`manifest.json.sig`. Prints the figures and ends with one JSON line.

`package()` is the same packaging step for any bundle folder (tests use it on small bundles).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.update import manifest as mf  # noqa: E402
from kiosk.update import versions  # noqa: E402

ENTRY = "empf-kiosk"
LOCK = ROOT / "build" / "requirements.lock"


def project_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build_env(work: Path, lock: Path = LOCK) -> Path:
    """work/venv with exactly the lock's packages (hash-checked) and the kiosk itself; returns its
    python. Made again only when the lock changed (a stamp holds the lock's hash)."""
    import hashlib
    import venv

    env = work / "venv"
    python = env / "bin" / "python"
    stamp = env / "empf-lock.sha256"
    want = hashlib.sha256(lock.read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text().strip() == want:
        return python
    if env.exists():
        shutil.rmtree(env)
    venv.EnvBuilder(with_pip=True, clear=True).create(env)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "install", "--quiet"]
    # Wheels where PyPI has them; pyscard has only its source for Linux, built here (gcc, swig and
    # libpcsclite-dev: scripts/setup.sh) from the hash-checked archive.
    subprocess.run([*pip, "--require-hashes", "--no-deps", "--prefer-binary", "-r", str(lock)],
                   check=True, timeout=1800)
    # The kiosk's own code, with no dependency of its own pulled in (the lock has them all).
    subprocess.run([*pip, "--no-deps", "--no-build-isolation", "-e", str(ROOT)], check=True, timeout=600)
    stamp.write_text(want + "\n")
    return python


def translations(work: Path, python: str = sys.executable) -> list[Path]:
    """The kiosk's .qm for the bundle, in work/i18n: the .ts brought up to date with ui/strings.py's
    table (what ui.i18n.install does in a checkout when the table is newer), then Qt's lrelease. A
    bundle cannot do that itself (no .ts, no lrelease): it uses these as they are. Run in a child
    process: importing ui chooses Qt's input method for the importing process."""
    out = work / "i18n"
    if out.exists():
        shutil.rmtree(out)
    code = ("import sys; from pathlib import Path; from ui import i18n; out = Path(sys.argv[1]); "
            "i18n.update(i18n.HERE, out); print(len(i18n.build(out, out)))")
    subprocess.run([python, "-c", code, str(out)], check=True, cwd=ROOT, capture_output=True, timeout=300)
    built = sorted(out.glob("empf_*.qm"))
    if len(built) != 3:
        raise SystemExit(f"translations: expected 3 .qm in {out}, got {[q.name for q in built]}")
    return built


def pyinstaller(version: str, dist: Path, work: Path, python: str = sys.executable,
                tuf_root: Path | None = None) -> Path:
    """Build the translations, run PyInstaller on the spec with `python` (the build environment's);
    returns the bundle folder dist/empf-kiosk-VERSION. With `tuf_root` (the update repository's
    metadata/root.json) the bundle ships it as _internal/update-root.json: a kiosk installed from the
    bundle trusts it without a technician step."""
    work.mkdir(parents=True, exist_ok=True)
    translations(work, python)
    env = dict(os.environ, EMPF_BUILD_VERSION=version, EMPF_BUILD_WORK=str(work))
    shipped = work / "update-root.json"
    shipped.unlink(missing_ok=True)
    if tuf_root is not None:
        from kiosk.update.tuf_source import check_root

        check_root(tuf_root.read_bytes())  # self-signed by its threshold, or the build stops here
        shutil.copy(tuf_root, shipped)
    cmd = [python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build" / "kiosk.spec")]
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    out = dist / f"{ENTRY}-{version}"
    if out.exists():
        shutil.rmtree(out)
    os.replace(dist / ENTRY, out)
    return out


def self_test(bundle: Path, timeout_s: float = 180.0) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "EMPF_KIOSK_DATA_DIR"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    t0 = time.perf_counter()
    proc = subprocess.run([str(bundle / ENTRY), "--self-test"], capture_output=True, text=True, env=env,
                          timeout=timeout_s, check=False)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"the bundle's self-test failed (exit {proc.returncode}):\n"
                         f"{proc.stdout}\n{proc.stderr[-2000:]}")
    report: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    report["wall_s"] = round(seconds, 2)
    return report


def package(bundle: Path, version: str, out_dir: Path, *, key: Path | None = None, valid_days: float = 30.0,
            entry: str = ENTRY, compresslevel: int = 6) -> Path:
    """Tar the bundle folder (one top folder; files, folders and links inside it), write the manifest and, with a key,
    its signature into out_dir. Returns out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"{ENTRY}-{version}.tar.gz"
    top = f"{ENTRY}-{version}"
    with tarfile.open(archive, "w:gz", compresslevel=compresslevel) as tar:
        for p in sorted(bundle.rglob("*")):
            info = tar.gettarinfo(str(p), arcname=f"{top}/{p.relative_to(bundle).as_posix()}")
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            if p.is_file() and not p.is_symlink():
                with p.open("rb") as f:
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
    (out_dir / mf.MANIFEST).write_bytes(mf.make_manifest(version=version, archive=archive, folder=bundle,
                                                         entry=entry, valid_days=valid_days))
    if key is not None:
        (out_dir / mf.SIGNATURE).write_bytes(mf.sign((out_dir / mf.MANIFEST).read_bytes(), mf.load_private_key(key)))
    return out_dir


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="build/build.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", default=None, help="bundle version (default: pyproject's)")
    p.add_argument("--dist", type=Path, default=ROOT / "build" / "dist")
    p.add_argument("--work", type=Path, default=ROOT / "build" / "work")
    p.add_argument("--sign-key", type=Path, default=None, help="Ed25519 private key (build/sign.py keygen)")
    p.add_argument("--valid-days", type=float, default=30.0, help="the manifest expires after this many days")
    p.add_argument("--tuf-root", type=Path, default=None,
                   help="the update repository's metadata/root.json, shipped in the bundle as the kiosk's trusted "
                        "TUF root (build/tuf_repo.py)")
    p.add_argument("--skip-self-test", action="store_true")
    p.add_argument("--no-lock", action="store_true",
                   help="build with this interpreter's packages, not the locked build environment (not for release)")
    args = p.parse_args(argv)
    version = args.version or project_version()
    versions.parse(version)
    t0 = time.perf_counter()
    if args.no_lock:
        try:
            import PyInstaller  # type: ignore[import-untyped]  # noqa: F401
        except ImportError:
            print("PyInstaller is missing: run `bash scripts/setup.sh` (it installs the build extra)", file=sys.stderr)
            return 2
        python = sys.executable
    else:
        python = str(build_env(args.work))
    env_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    bundle = pyinstaller(version, args.dist, args.work, python, args.tuf_root)
    build_s = time.perf_counter() - t0
    report = {} if args.skip_self_test else self_test(bundle)
    t1 = time.perf_counter()
    update_dir = package(bundle, version, args.dist / f"update-{version}", key=args.sign_key,
                         valid_days=args.valid_days)
    package_s = time.perf_counter() - t1
    archive = update_dir / f"{ENTRY}-{version}.tar.gz"
    bundle_bytes, archive_bytes = folder_bytes(bundle), archive.stat().st_size
    figures = {
        "version": version,
        "locked": not args.no_lock,
        "env_s": round(env_s, 1),
        "build_s": round(build_s, 1),
        "bundle_bytes": bundle_bytes,
        "bundle_files": sum(1 for x in bundle.rglob("*") if x.is_file()),
        "self_test_s": report.get("wall_s"),
        "package_s": round(package_s, 1),
        "archive_bytes": archive_bytes,
        "signed": args.sign_key is not None,
    }
    print(f"bundle  {bundle} ({bundle_bytes / 1e6:.0f} MB, {figures['bundle_files']} files) "
          f"in {build_s:.0f} s")
    print(f"update  {update_dir} (archive {archive_bytes / 1e6:.0f} MB"
          f"{', signed' if args.sign_key else ', NOT signed: sign it with build/sign.py'})")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

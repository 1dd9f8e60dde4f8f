"""The operator's update repository in The Update Framework (TUF) format, for the build machine.

    python build/tuf_repo.py keygen KEYDIR NAME                    # NAME.key.pem (0600), NAME.pub.pem
    python build/tuf_repo.py init REPO --root-key R1.pub.pem --root-key R2.pub.pem --root-key R3.pub.pem \\
        --root-threshold 2 --targets-key T.pub.pem --snapshot-key S.pub.pem --timestamp-key TS.pub.pem \\
        --sign R1.key.pem --sign R2.key.pem --sign T.key.pem --sign S.key.pem --sign TS.key.pem
    python build/tuf_repo.py publish REPO UPDATEDIR --channel pilot --sign T.key.pem --sign S.key.pem --sign TS.key.pem
    python build/tuf_repo.py timestamp REPO --sign TS.key.pem [--sign S.key.pem]      # daily, e.g. from cron
    python build/tuf_repo.py root REPO --revoke targets OLD.pub.pem --add targets NEW.pub.pem \\
        --sign R1.key.pem --sign R2.key.pem                        # a new root version; then `resign`
    python build/tuf_repo.py resign REPO --sign T.key.pem --sign S.key.pem --sign TS.key.pem
    python build/tuf_repo.py show REPO

REPO is what an update server serves (any static HTTP server) or what a USB stick holds:

    metadata/N.root.json       every root version (kiosks walk them one by one to the newest)
    metadata/root.json         the newest root (give it to `kiosk update trust` or build it into the bundle)
    metadata/timestamp.json    short-lived (1 day): names the current snapshot; a frozen mirror expires
    metadata/N.snapshot.json   names the current targets version
    metadata/N.targets.json    names every file a kiosk may install, with length and SHA-256
    targets/CHANNEL/HASH.NAME  the files (consistent snapshots: a file's name carries its hash)

Per channel (`pilot`, `stable`) the targets are CHANNEL/release.json (version, archive and manifest
names), CHANNEL/empf-kiosk-VERSION.tar.gz and CHANNEL/empf-kiosk-VERSION.manifest.json (the hash of
every file of the bundle, from build/build.py). A kiosk reads only its own channel's release.json.

Every `--sign` key signs every role it is authorised for in the newest root: give the tool exactly
the keys the ceremony needs. A new root must be signed by the old root's threshold and its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from securesystemslib.signer import CryptoSigner, Key, Signer, SSlibKey
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from kiosk.update import manifest as mf

CHANNELS = ("pilot", "stable")
RELEASE_INDEX = "release.json"
# How long each role's signature holds. The timestamp is the freeze guard: a mirror that stops
# updating (or an attacker replaying old metadata) is refused after a day.
LIFETIME = {"root": dt.timedelta(days=365), "targets": dt.timedelta(days=180),
            "snapshot": dt.timedelta(days=30), "timestamp": dt.timedelta(days=1)}
TOP_ROLES = ("root", "targets", "snapshot", "timestamp")
_PRETTY = JSONSerializer(compact=False)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# ---------------------------------------------------------------- keys


def keygen(folder: Path, name: str) -> tuple[Path, Path, str]:
    """An Ed25519 key pair: NAME.key.pem (owner-only) and NAME.pub.pem; returns them and the TUF key id."""
    folder.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    key_path, pub_path = folder / f"{name}.key.pem", folder / f"{name}.pub.pem"
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    finally:
        os.close(fd)
    pub_path.write_bytes(private.public_key().public_bytes(serialization.Encoding.PEM,
                                                           serialization.PublicFormat.SubjectPublicKeyInfo))
    return key_path, pub_path, public_key(pub_path).keyid


def public_key(path: Path) -> SSlibKey:
    return SSlibKey.from_crypto(serialization.load_pem_public_key(path.read_bytes()))


def signer(path: Path) -> CryptoSigner:
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise SystemExit(f"{path}: not an Ed25519 private key")
    return CryptoSigner(private)


# ---------------------------------------------------------------- the repository on disk


@dataclass
class Repo:
    folder: Path

    @property
    def metadata(self) -> Path:
        return self.folder / "metadata"

    @property
    def targets_dir(self) -> Path:
        return self.folder / "targets"

    def load(self, role: str) -> Metadata:  # type: ignore[type-arg]
        return Metadata.from_file(str(self.metadata / f"{role}.json"))

    def root(self) -> Metadata[Root]:
        return Metadata[Root].from_file(str(self.metadata / "root.json"))

    def write(self, md: Metadata, versioned: bool) -> None:  # type: ignore[type-arg]
        """Write ROLE.json and, for versioned roles, N.ROLE.json (what kiosks fetch)."""
        self.metadata.mkdir(parents=True, exist_ok=True)
        role = md.signed.type
        data = md.to_bytes(_PRETTY)
        if versioned:
            _atomic_write(self.metadata / f"{md.signed.version}.{role}.json", data)
        _atomic_write(self.metadata / f"{role}.json", data)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _sign(md: Metadata, root: Root, signers: Iterable[Signer], role: str | None = None) -> int:  # type: ignore[type-arg]
    """Sign with every given key that `root` authorises for the role; returns how many signed."""
    allowed = set(root.roles[role or md.signed.type].keyids)
    md.signatures.clear()
    n = 0
    for s in signers:
        if s.public_key.keyid in allowed:
            md.sign(s, append=True)
            n += 1
    return n


def _require_threshold(md: Metadata, root: Root, role: str, what: str) -> None:  # type: ignore[type-arg]
    result = root.get_verification_result(role, md.signed_bytes, md.signatures)
    if not result.verified:
        raise SystemExit(f"{what}: {len(result.signed)} of {root.roles[role].threshold} {role} signatures; "
                         f"give more --sign keys")


def init(repo: Repo, *, root_keys: Sequence[Key], root_threshold: int, targets_keys: Sequence[Key],
         snapshot_keys: Sequence[Key], timestamp_keys: Sequence[Key], signers: Sequence[Signer],
         now: dt.datetime | None = None) -> None:
    """A new repository: root version 1 and empty targets, snapshot and timestamp."""
    if (repo.metadata / "root.json").exists():
        raise SystemExit(f"{repo.metadata / 'root.json'} exists: this repository is already made")
    t = now or _now()
    root = Root(expires=t + LIFETIME["root"], consistent_snapshot=True)
    for role, keys, threshold in (("root", root_keys, root_threshold), ("targets", targets_keys, 1),
                                  ("snapshot", snapshot_keys, 1), ("timestamp", timestamp_keys, 1)):
        for key in keys:
            root.add_key(key, role)
        root.roles[role].threshold = threshold
    root_md = Metadata(root)
    _sign(root_md, root, signers)
    _require_threshold(root_md, root, "root", "root version 1")
    repo.write(root_md, versioned=True)
    targets_md = Metadata(Targets(expires=t + LIFETIME["targets"]))
    _commit(repo, root, targets_md, signers, t)


def _commit(repo: Repo, root: Root, targets_md: Metadata[Targets], signers: Sequence[Signer],
            now: dt.datetime) -> None:
    """Sign targets, then a snapshot naming it, then a timestamp naming that: the order kiosks check."""
    _sign(targets_md, root, signers)
    _require_threshold(targets_md, root, "targets", "targets")
    repo.write(targets_md, versioned=True)
    snapshot_version = 1
    if (repo.metadata / "snapshot.json").exists():
        snapshot_version = repo.load("snapshot").signed.version + 1
    snapshot_md = Metadata(Snapshot(version=snapshot_version, expires=now + LIFETIME["snapshot"],
                                    meta={"targets.json": MetaFile(version=targets_md.signed.version)}))
    _sign(snapshot_md, root, signers)
    _require_threshold(snapshot_md, root, "snapshot", "snapshot")
    repo.write(snapshot_md, versioned=True)
    stamp(repo, signers, now=now)


def stamp(repo: Repo, signers: Sequence[Signer], *, lifetime: dt.timedelta = LIFETIME["timestamp"],
          now: dt.datetime | None = None) -> Metadata[Timestamp]:
    """A new timestamp over the current snapshot (run daily). `lifetime` may be negative in tests: a
    timestamp that has already expired is what a frozen mirror serves."""
    t = now or _now()
    root = repo.root().signed
    snapshot = repo.load("snapshot").signed
    version = 1
    if (repo.metadata / "timestamp.json").exists():
        version = repo.load("timestamp").signed.version + 1
    ts_md = Metadata(Timestamp(version=version, expires=t + lifetime,
                               snapshot_meta=MetaFile(version=snapshot.version)))
    _sign(ts_md, root, signers)
    _require_threshold(ts_md, root, "timestamp", "timestamp")
    repo.write(ts_md, versioned=False)
    return ts_md


def publish(repo: Repo, update_dir: Path, channel: str, signers: Sequence[Signer],
            now: dt.datetime | None = None) -> str:
    """Put a build's update folder (build/build.py's update-VERSION/) into CHANNEL: the archive, its
    per-file manifest and a new CHANNEL/release.json; the channel's older release leaves the
    targets metadata. Returns the version."""
    if channel not in CHANNELS:
        raise SystemExit(f"channel must be one of {', '.join(CHANNELS)}")
    t = now or _now()
    m = mf.parse((update_dir / mf.MANIFEST).read_bytes())
    archive = update_dir / m.archive_name
    if mf.sha256_file(archive) != m.archive_sha256 or archive.stat().st_size != m.archive_size:
        raise SystemExit(f"{archive} does not match {update_dir / mf.MANIFEST}")
    manifest_name = f"{mf.PRODUCT}-{m.version}.manifest.json"
    index = json.dumps({"product": mf.PRODUCT, "channel": channel, "version": m.version, "archive": m.archive_name,
                        "manifest": manifest_name}, indent=1, sort_keys=True).encode()
    root = repo.root().signed
    targets_md: Metadata[Targets] = repo.load("targets")
    targets = targets_md.signed
    for path in [p for p in targets.targets if p.startswith(f"{channel}/")]:
        del targets.targets[path]
    files = {m.archive_name: archive.read_bytes(), manifest_name: (update_dir / mf.MANIFEST).read_bytes(),
             RELEASE_INDEX: index}
    for name, data in files.items():
        info = TargetFile.from_data(f"{channel}/{name}", data, ["sha256"])
        info.unrecognized_fields["custom"] = {"version": m.version}
        targets.targets[info.path] = info
        dest = repo.targets_dir / channel / f"{info.hashes['sha256']}.{name}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists():
            _atomic_write(dest, data)
    targets.version += 1
    targets.expires = t + LIFETIME["targets"]
    _commit(repo, root, targets_md, signers, t)
    return m.version


def change_root(repo: Repo, *, add: Sequence[tuple[str, Key]] = (), revoke: Sequence[tuple[str, str]] = (),
                thresholds: Sequence[tuple[str, int]] = (), signers: Sequence[Signer],
                now: dt.datetime | None = None) -> Metadata[Root]:
    """Root version N+1 with keys added, revoked (by key id) or thresholds changed, signed by the
    threshold of root N and of N+1. Kiosks fetch it on their next check: no visit."""
    t = now or _now()
    old_md = repo.root()
    old = old_md.signed
    new_md = Metadata[Root].from_bytes(old_md.to_bytes())
    new = new_md.signed
    for role, key in add:
        new.add_key(key, role)
    for role, keyid in revoke:
        new.revoke_key(keyid, role)
    for role, threshold in thresholds:
        new.roles[role].threshold = threshold
    new.version = old.version + 1
    new.expires = t + LIFETIME["root"]
    new_md.signatures.clear()
    root_keyids = set(old.roles["root"].keyids) | set(new.roles["root"].keyids)
    for s in signers:
        if s.public_key.keyid in root_keyids:
            new_md.sign(s, append=True)
    _require_threshold(new_md, old, "root", f"root version {new.version} (by the keys of version {old.version})")
    _require_threshold(new_md, new, "root", f"root version {new.version} (by its own keys)")
    repo.write(new_md, versioned=True)
    return new_md


def resign(repo: Repo, signers: Sequence[Signer], now: dt.datetime | None = None) -> None:
    """Sign targets, snapshot and timestamp again under the newest root (after a key was added or
    revoked), each with a new version."""
    t = now or _now()
    targets_md: Metadata[Targets] = repo.load("targets")
    targets_md.signed.version += 1
    targets_md.signed.expires = t + LIFETIME["targets"]
    _commit(repo, repo.root().signed, targets_md, signers, t)


def key_arg(role: str, text: str) -> str:
    """A key id from a public key file, or the key id itself."""
    path = Path(text)
    return public_key(path).keyid if path.exists() else text


def describe(repo: Repo) -> dict[str, object]:
    root = repo.root().signed
    out: dict[str, object] = {"root_version": root.version,
                              "roles": {name: {"threshold": r.threshold, "keyids": sorted(r.keyids)}
                                        for name, r in root.roles.items()}}
    for role in ("root", "targets", "snapshot", "timestamp"):
        md = repo.load(role)
        out[f"{role}_expires"] = md.signed.expires.isoformat()
    targets: Targets = repo.load("targets").signed
    out["releases"] = {path.split("/")[0]: (info.unrecognized_fields.get("custom") or {}).get("version")
                       for path, info in targets.targets.items() if path.endswith("/" + RELEASE_INDEX)}
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="build/tuf_repo.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    k = sub.add_parser("keygen", help="make an Ed25519 key pair for one role holder")
    k.add_argument("folder", type=Path)
    k.add_argument("name")

    def repo_cmd(name: str, help_: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help_)
        c.add_argument("repo", type=Path)
        c.add_argument("--sign", type=Path, action="append", default=[], metavar="KEY.key.pem",
                       help="a private key to sign with (repeat); each signs the roles root gives it")
        return c

    i = repo_cmd("init", "make a new repository (root version 1)")
    for role in TOP_ROLES:
        i.add_argument(f"--{role}-key", type=Path, action="append", default=[], required=True,
                       metavar="PUB.pem", help=f"a public key of the {role} role (repeat)")
    i.add_argument("--root-threshold", type=int, default=2)
    pub = repo_cmd("publish", "publish a build's update folder to a channel")
    pub.add_argument("update_dir", type=Path)
    pub.add_argument("--channel", choices=CHANNELS, required=True)
    ts = repo_cmd("timestamp", "refresh the timestamp (daily)")
    ts.add_argument("--hours", type=float, default=LIFETIME["timestamp"].total_seconds() / 3600)
    r = repo_cmd("root", "a new root version: add or revoke keys, change thresholds")
    r.add_argument("--add", nargs=2, action="append", default=[], metavar=("ROLE", "PUB.pem"))
    r.add_argument("--revoke", nargs=2, action="append", default=[], metavar=("ROLE", "PUB.pem|KEYID"))
    r.add_argument("--threshold", nargs=2, action="append", default=[], metavar=("ROLE", "N"))
    repo_cmd("resign", "sign targets, snapshot and timestamp again under the newest root")
    repo_cmd("show", "roles, keys, thresholds, expiry and the release in each channel")
    args = p.parse_args(argv)
    if args.cmd == "keygen":
        key_path, pub_path, keyid = keygen(args.folder, args.name)
        print(f"private key {key_path} (keep it offline; never on a kiosk)")
        print(f"public key  {pub_path}\nkey id      {keyid}")
        return 0
    repo = Repo(args.repo)
    signers = [signer(path) for path in args.sign]
    if args.cmd == "init":
        init(repo, root_keys=[public_key(x) for x in args.root_key], root_threshold=args.root_threshold,
             targets_keys=[public_key(x) for x in args.targets_key],
             snapshot_keys=[public_key(x) for x in args.snapshot_key],
             timestamp_keys=[public_key(x) for x in args.timestamp_key], signers=signers)
    elif args.cmd == "publish":
        version = publish(repo, args.update_dir, args.channel, signers)
        print(f"published {version} to {args.channel}")
    elif args.cmd == "timestamp":
        stamp(repo, signers, lifetime=dt.timedelta(hours=args.hours))
    elif args.cmd == "root":
        new = change_root(repo, add=[(role, public_key(Path(x))) for role, x in args.add],
                          revoke=[(role, key_arg(role, x)) for role, x in args.revoke],
                          thresholds=[(role, int(n)) for role, n in args.threshold], signers=signers)
        print(f"root version {new.signed.version} written; now run `resign` with the current online keys")
    elif args.cmd == "resign":
        resign(repo, signers)
    print(json.dumps(describe(repo), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

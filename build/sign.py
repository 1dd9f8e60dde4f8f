"""Update signing keys and signatures (Ed25519), for the operator's build machine.

    python build/sign.py keygen --out KEYDIR       # update-signing.key.pem (0600) + update-signing.pub.pem
    python build/sign.py sign UPDATEDIR --key KEYDIR/update-signing.key.pem
    python build/sign.py verify UPDATEDIR --pub KEYDIR/update-signing.pub.pem

The kiosk trusts the public key once (`kiosk update trust update-signing.pub.pem`, which prints the
key id to compare with the one `keygen` printed). The private key never goes to a kiosk.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.update import manifest as mf


def keygen(out: Path) -> tuple[Path, Path, str]:
    out.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    key_path = out / "update-signing.key.pem"
    pub_path = out / "update-signing.pub.pem"
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    finally:
        os.close(fd)
    pub_path.write_bytes(private.public_key().public_bytes(serialization.Encoding.PEM,
                                                           serialization.PublicFormat.SubjectPublicKeyInfo))
    return key_path, pub_path, mf.key_id(private.public_key())


def sign_dir(update_dir: Path, key_path: Path) -> Path:
    raw = (update_dir / mf.MANIFEST).read_bytes()
    sig = update_dir / mf.SIGNATURE
    sig.write_bytes(mf.sign(raw, mf.load_private_key(key_path)))
    return sig


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="build/sign.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    k = sub.add_parser("keygen", help="make a new signing key pair")
    k.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("sign", help="sign UPDATEDIR/manifest.json")
    s.add_argument("update_dir", type=Path)
    s.add_argument("--key", type=Path, required=True)
    v = sub.add_parser("verify", help="check UPDATEDIR's signature and archive hash as a kiosk would")
    v.add_argument("update_dir", type=Path)
    v.add_argument("--pub", type=Path, required=True)
    args = p.parse_args(argv)
    if args.cmd == "keygen":
        key_path, pub_path, kid = keygen(args.out)
        print(f"private key {key_path} (keep it off the kiosks)\npublic key  {pub_path}\nkey id      {kid}")
        return 0
    if args.cmd == "sign":
        print(f"signed: {sign_dir(args.update_dir, args.key)}")
        return 0
    pub = mf.load_public_key(args.pub)
    try:
        m = mf.verify((args.update_dir / mf.MANIFEST).read_bytes(), (args.update_dir / mf.SIGNATURE).read_bytes(),
                      {mf.key_id(pub): pub})
    except mf.UpdateRefused as e:
        print(f"{e.code}: {e.message_en}", file=sys.stderr)
        return 1
    archive = args.update_dir / m.archive_name
    if not archive.exists() or mf.sha256_file(archive) != m.archive_sha256:
        print(f"CHANGED_FILE: {archive.name} does not match the manifest", file=sys.stderr)
        return 1
    print(f"ok: {m.product} {m.version}, expires {m.expires.isoformat()}, {len(m.files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Export bundles between two real terminals (real files, the simulator on loopback): encrypted
(the HKID is not in the bundle), signed, refused when altered, under the wrong transport key or
from another signer than the one named; importing twice, or back into the original terminal after
it recovers, never duplicates anything, here or on the platform."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk import cli
from offline_cache.bundle import BundleError, fingerprint, read_bundle
from offline_cache.transfer import export_queue, import_bundle
from tests.support.platform import NO_SIGN_IN
from tests.support.sync import ALICE, KNOWN_HKID, KNOWN_NAME, KioskParts, count_markers, marked

pytestmark = pytest.mark.sim_args(*NO_SIGN_IN)  # instructions made without a kiosk's member sign-in


@pytest.fixture
def transport_key(tmp_path: Path) -> Path:
    path = tmp_path / "operator" / "transport.key"
    path.parent.mkdir()
    path.write_bytes(os.urandom(32))
    return path


def export(k: KioskParts, to: Path, key: bytes) -> Any:
    creds = k.keystore.device_credentials()
    return export_queue(k.outbox, to, device_id=creds[0] if creds else "unenrolled", transport_key=key,
                        signer=k.keystore)


def test_dead_terminal_moves_its_queue_to_another_exactly_once(tmp_path: Path, platform_sim: Any,
                                                             transport_key: Path) -> None:
    key = transport_key.read_bytes()
    dead = KioskParts(tmp_path / "dead", platform_sim.url)
    dead.enrol(platform_sim, name="dead")
    spare = KioskParts(tmp_path / "spare", platform_sim.url)
    spare.enrol(platform_sim, name="spare")
    receipts = [dead.outbox.enqueue(marked(n, ALICE if n % 3 == 0 else None)) for n in range(60)]
    # Some had already gone through before the terminal died.
    assert dead.engine.run_pass().accepted == 20
    report = export(dead, tmp_path / "usb", key)
    assert report.bundle.count == 40 and report.unreadable == ()
    raw = report.bundle.path.read_bytes()
    for secret in (KNOWN_HKID.encode(), b"A123456", KNOWN_NAME.encode(), "陳大文".encode(), b"m33@example.com"):
        assert secret not in raw
    assert oct(report.bundle.path.stat().st_mode & 0o777) == "0o600"

    info, first = import_bundle(spare.outbox, report.bundle.path, transport_key=key,
                                expect_signer=fingerprint(dead.keystore.signing_public_key()))
    assert info.device_id == dead.keystore.device_credentials()[0]  # type: ignore[index]
    assert (first.imported, first.already_present) == (40, 0)
    _, again = import_bundle(spare.outbox, report.bundle.path, transport_key=key)
    assert (again.imported, again.already_present) == (0, 40)
    spare_rows = {r["kiosk_ref"]: r for r in spare.outbox.list(limit=100)}
    assert all(r["origin"].startswith("bundle:") and r["state"] == "queued" for r in spare_rows.values())
    assert spare.engine.drain().accepted == 40

    # The dead terminal comes back: importing its own bundle adds nothing, and what it still has
    # queued reaches the platform as duplicates with the same references.
    _, home = import_bundle(dead.outbox, report.bundle.path, transport_key=key)
    assert (home.imported, home.already_present) == (0, 40)
    result = dead.engine.drain()
    assert result.accepted == 40 and not result.failed
    held = platform_sim.admin_instructions()
    assert sorted(h["idempotency_key"] for h in held) == sorted(r.idempotency_key for r in receipts)
    assert max(count_markers(held).values()) == 1 and len(held) == 60
    dead_rows = {r["kiosk_ref"]: r for r in dead.outbox.list(limit=100)}
    for ref in spare_rows:
        assert spare.outbox.get(ref)["platform_ref"] == dead_rows[ref]["platform_ref"]  # type: ignore[index]
    # Alice's instructions reached the platform in the order she confirmed them.
    alice = [h["kiosk_ref"] for h in held if h["payload"]["member"]["hkid"] == KNOWN_HKID]
    assert alice == [r.kiosk_ref for n, r in enumerate(receipts) if n % 3 == 0]
    dead.close()
    spare.close()


def tamper(path: Path, field: str) -> Path:
    doc = json.loads(path.read_text())
    blob = bytearray(base64.b64decode(doc[field]))
    blob[len(blob) // 2] ^= 0x01
    doc[field] = base64.b64encode(bytes(blob)).decode()
    out = path.with_name("tampered-" + path.name)
    out.write_text(json.dumps(doc))
    return out


def test_a_bundle_that_cannot_be_trusted_is_refused(tmp_path: Path, transport_key: Path) -> None:
    key = transport_key.read_bytes()
    src = KioskParts(tmp_path / "src", "http://127.0.0.1:9")
    dst = KioskParts(tmp_path / "dst", "http://127.0.0.1:9")
    for n in range(5):
        src.outbox.enqueue(marked(n))
    bundle = export(src, tmp_path / "usb", key).bundle.path
    cases: dict[str, Callable[[], object]] = {
        "SIGNATURE_INVALID": lambda: read_bundle(tamper(bundle, "ciphertext"), transport_key=key),
        "SIGNATURE_INVALID ": lambda: read_bundle(tamper(bundle, "signature"), transport_key=key),
        "TRANSPORT_KEY_MISMATCH": lambda: read_bundle(bundle, transport_key=os.urandom(32)),
        "SIGNER_MISMATCH": lambda: read_bundle(bundle, transport_key=key,
                                               expect_signer=fingerprint(dst.keystore.signing_public_key())),
    }
    for code, attempt in cases.items():
        with pytest.raises(BundleError) as info:
            attempt()
        assert info.value.code == code.strip() and info.value.message_zh and info.value.message_en
    # A header changed by hand (say, to claim another terminal) breaks the signature too.
    doc = json.loads(bundle.read_text())
    doc["header"]["device_id"] = "dev-someone-else"
    forged = tmp_path / "forged.empfq"
    forged.write_text(json.dumps(doc))
    with pytest.raises(BundleError, match="SIGNATURE_INVALID"):
        read_bundle(forged, transport_key=key)
    garbage = tmp_path / "garbage.empfq"
    garbage.write_bytes(b"\x00\xff not json")
    with pytest.raises(BundleError, match="BUNDLE_INVALID"):
        read_bundle(garbage, transport_key=key)
    assert dst.outbox.counts().by_state == {}  # nothing was imported by any of these
    src.close()
    dst.close()


def test_technician_cli_export_and_import(tmp_path: Path, platform_sim: Any, transport_key: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        platform_sim.add_enrolment_code(f"CODE-{d.name}")
        assert cli.main(["enrol", f"CODE-{d.name}", "--data-dir", str(d), "--platform-url", platform_sim.url]) == 0
    k = KioskParts(a, platform_sim.url)
    refs = [k.outbox.enqueue(marked(n)).kiosk_ref for n in range(3)]
    k.close()
    common = ["--platform-url", platform_sim.url]
    capsys.readouterr()
    # Without a transport key: a clear refusal, in both languages.
    assert cli.main(["queue", "export", "--to", str(tmp_path / "usb"), "--data-dir", str(a), *common]) == 1
    err = capsys.readouterr().err
    assert "傳輸密鑰" in err and "transport key" in err
    assert cli.main(["queue", "export", "--to", str(tmp_path / "usb"), "--key-file", str(transport_key),
                     "--data-dir", str(a), *common]) == 0
    out = capsys.readouterr().out
    assert "exported 3 instruction(s)" in out
    bundle = next((tmp_path / "usb").glob("*.empfq"))
    signer = out.split("fingerprint ")[1].strip()
    imp = ["queue", "import", str(bundle), "--key-file", str(transport_key), "--data-dir", str(b), *common]
    assert cli.main([*imp, "--signer", "0000 0000"]) == 1
    assert "not signed by the terminal you named" in capsys.readouterr().err
    assert cli.main([*imp, "--signer", signer]) == 0
    assert "queued 3, already here 0" in capsys.readouterr().out
    assert cli.main(imp) == 0
    assert "queued 0, already here 3" in capsys.readouterr().out
    assert cli.main(["queue", "list", "--json", "--data-dir", str(b), *common]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(r["kiosk_ref"] for r in listed) == sorted(refs)
    assert cli.main(["sync", "--once", "--data-dir", str(b), *common]) == 0
    assert len(platform_sim.admin_instructions()) == 3

"""Staff and technician sign-in behind one port, `StaffAuthenticator`.

Until the staff card lands (issue 4: PIN VERIFY on the card, a challenge signature and an X.509
certificate carrying role and shop), sign-in is a staff number + PIN checked against scrypt hashes in
`keys/staff.json`, and technicians may also use a one-time code from the operator (HOTP, RFC 4226)
for a kiosk whose reader is broken. A card-based authenticator implements the same port and returns
a `Principal` with `card_reader` set, so that pulling the card ends the session
(`StaffDesk.card_removed`). Lockout and idle timeout live in StaffDesk, not here: whatever proves who
someone is, the kiosk counts the failures.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import os
import secrets
import struct
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk.ports.staff import (
    CardHolder,
    Principal,
    Refused,
    Role,
    SignInAttempt,
    SignInMethod,
    SignInRefused,
    StaffAuthenticator,
    normalise_staff_id,
)

_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
OTP_DIGITS = 8
OTP_WINDOW = 20  # how far ahead of the kiosk's counter a code may be (codes the operator issued unused)


WRONG = ("SIGN_IN_WRONG", "職員編號或密碼不正確。", "The staff number or PIN is not right.")
WRONG_CODE = ("SIGN_IN_WRONG_CODE", "一次性密碼不正確或已使用。", "The one-time code is not right or was used already.")


NO_CARD_METHOD = ("SIGN_IN_METHOD", "本機未設定職員咭登入。", "Staff card sign-in is not set up on this kiosk.")


def card_holder_of(authenticator: StaffAuthenticator, reader: str) -> CardHolder:
    """Ask whichever authenticator offers the card method whose card is in `reader`."""
    parts = authenticator.authenticators if isinstance(authenticator, AnyOf) else (authenticator,)
    for a in parts:
        peek = getattr(a, "card_holder", None)
        if SignInMethod.CARD in a.methods() and callable(peek):
            holder = peek(reader)
            assert isinstance(holder, CardHolder)
            return holder
    raise SignInRefused(*NO_CARD_METHOD, counts=False)


# ---------------------------------------------------------------- PINs


def check_pin_strength(pin: str) -> None:
    """6 to 12 digits, not all one digit, not a straight run (123456, 987654)."""
    if not pin.isdigit() or not 6 <= len(pin) <= 12:
        raise Refused("PIN_FORMAT", "密碼須為 6 至 12 位數字。", "The PIN must be 6 to 12 digits.")
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    if len(set(pin)) == 1 or steps in ({1}, {-1}):
        raise Refused("PIN_WEAK", "密碼太容易猜中，請另選。", "That PIN is too easy to guess; choose another.")


def _hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT["n"], r=_SCRYPT["r"], p=_SCRYPT["p"], dklen=32)


def _write_private_json(path: Path, doc: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, json.dumps(doc, indent=1).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


class PinRegistry:
    """Staff numbers, roles, shops and PIN hashes (scrypt), in a 0600 file in the keystore."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            doc = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        staff = doc.get("staff") if isinstance(doc, dict) else None
        return staff if isinstance(staff, dict) else {}

    def register(self, staff_id: str, pin: str, role: Role, shop: str) -> str:
        sid = normalise_staff_id(staff_id)
        check_pin_strength(pin)
        salt = secrets.token_bytes(16)
        with self._lock:
            staff = self._read()
            staff[sid] = {"role": role.value, "shop": shop, "salt": base64.b64encode(salt).decode(),
                          "hash": base64.b64encode(_hash_pin(pin, salt)).decode()}
            _write_private_json(self.path, {"staff": staff})
        return sid

    def remove(self, staff_id: str) -> bool:
        sid = normalise_staff_id(staff_id)
        with self._lock:
            staff = self._read()
            if staff.pop(sid, None) is None:
                return False
            _write_private_json(self.path, {"staff": staff})
        return True

    def list(self) -> list[tuple[str, str, str]]:
        """(staff id, role, shop), no hashes."""
        return sorted((sid, e.get("role", ""), e.get("shop", "")) for sid, e in self._read().items())

    def lookup(self, staff_id: str) -> dict[str, str] | None:
        return self._read().get(staff_id)


class PinAuthenticator:
    """Staff number + PIN. The stand-in for the staff card."""

    def __init__(self, registry: PinRegistry, default_shop: Callable[[], str] = lambda: "") -> None:
        self.registry = registry
        self._default_shop = default_shop
        self._dummy_salt = secrets.token_bytes(16)

    def methods(self) -> Sequence[SignInMethod]:
        return (SignInMethod.PIN,)

    def authenticate(self, attempt: SignInAttempt) -> Principal:
        if attempt.method is not SignInMethod.PIN:
            raise SignInRefused("SIGN_IN_METHOD", "此方法在本機不可用。", "That sign-in method is not available here.",
                                counts=False)
        try:
            sid = normalise_staff_id(attempt.staff_id)
        except Refused:
            sid = ""
        entry = self.registry.lookup(sid) if sid else None
        if entry is None:
            _hash_pin(attempt.secret, self._dummy_salt)  # same time as a real check: ids stay secret
            raise SignInRefused(*WRONG)
        try:
            salt = base64.b64decode(entry["salt"])
            expected = base64.b64decode(entry["hash"])
            role = Role(entry["role"])
        except (KeyError, ValueError) as e:
            raise SignInRefused("STAFF_RECORD_DAMAGED", "此職員的登記資料已損壞，請聯絡技術人員。",
                                "This staff member's record is damaged; call a technician.", counts=False) from e
        if not hmac.compare_digest(_hash_pin(attempt.secret, salt), expected):
            raise SignInRefused(*WRONG)
        return Principal(staff_id=sid, role=role, shop=entry.get("shop") or self._default_shop(),
                         method=SignInMethod.PIN)


# ---------------------------------------------------------------- one-time codes (HOTP)


def hotp(key: bytes, counter: int, digits: int = OTP_DIGITS) -> str:
    """RFC 4226."""
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


class OneTimeCodes:
    """The kiosk's side of the technician codes: a key shared with the operator and the next counter."""

    def __init__(self, key_path: Path, state_path: Path) -> None:
        self.key_path = key_path
        self.state_path = state_path
        self._lock = threading.Lock()

    def key(self) -> bytes | None:
        try:
            data = self.key_path.read_bytes()
        except FileNotFoundError:
            return None
        return data if len(data) == 32 else None

    def provision(self) -> str:
        """Make a new key (the old codes stop working); returns it in base32 for the operator."""
        key = secrets.token_bytes(32)
        self.key_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = self.key_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.key_path)
        _write_private_json(self.state_path, {"counter": 0})
        return base64.b32encode(key).decode()

    def counter(self) -> int:
        try:
            return int(json.loads(self.state_path.read_text())["counter"])
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            return 0

    def consume(self, code: str) -> int | None:
        """The counter the code was issued for, now spent; None if it matches no unused code."""
        key = self.key()
        code = code.strip().replace(" ", "").replace("-", "")
        if key is None or not code.isdigit() or len(code) != OTP_DIGITS:
            return None
        with self._lock:
            start = self.counter()
            found = None
            for c in range(start, start + OTP_WINDOW):
                if hmac.compare_digest(hotp(key, c), code):
                    found = c
                    break
            if found is None:
                return None
            _write_private_json(self.state_path, {"counter": found + 1})  # this and every earlier code spent
            return found


class OneTimeCodeAuthenticator:
    def __init__(self, codes: OneTimeCodes, shop: Callable[[], str] = lambda: "") -> None:
        self.codes = codes
        self._shop = shop

    def methods(self) -> Sequence[SignInMethod]:
        return (SignInMethod.ONE_TIME_CODE,) if self.codes.key() is not None else ()

    def authenticate(self, attempt: SignInAttempt) -> Principal:
        if attempt.method is not SignInMethod.ONE_TIME_CODE or self.codes.key() is None:
            raise SignInRefused("SIGN_IN_METHOD", "本機未設定一次性密碼。",
                                "One-time codes are not set up on this kiosk.", counts=False)
        counter = self.codes.consume(attempt.secret)
        if counter is None:
            raise SignInRefused(*WRONG_CODE)
        return Principal(staff_id=f"OTP-{counter}", role=Role.TECHNICIAN, shop=self._shop(),
                         method=SignInMethod.ONE_TIME_CODE)


class AnyOf:
    """Several authenticators behind one port: the attempt goes to the one offering its method."""

    def __init__(self, *authenticators: StaffAuthenticator) -> None:
        self.authenticators = authenticators

    def methods(self) -> Sequence[SignInMethod]:
        seen: list[SignInMethod] = []
        for a in self.authenticators:
            seen.extend(m for m in a.methods() if m not in seen)
        return tuple(seen)

    def authenticate(self, attempt: SignInAttempt) -> Principal:
        for a in self.authenticators:
            if attempt.method in a.methods():
                return a.authenticate(attempt)
        raise SignInRefused("SIGN_IN_METHOD", "此方法在本機不可用。", "That sign-in method is not available here.",
                            counts=False)

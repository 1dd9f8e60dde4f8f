"""A virtual ePassport (ICAO 9303 eMRTD) for the demo and the tests: the LDS application with
Basic Access Control and/or PACE, 3DES or AES secure messaging, EF.COM, DG1, DG2, DG14, DG15 and an
EF.SOD signed by a test CSCA (`emrtd_pki.CountryPki`, generated at run time), with Active and Chip
Authentication as `emrtd_chip.ChipSecrets` configures them. Variants the kiosk must catch: a
forged one (DG1 changed after signing), one whose document signer certificate expired, one signed
by a CSCA the kiosk does not trust, one that answers with a wrong MAC, one with malformed DG1 TLV,
and a clone (`clone`: the same files, other private keys).

The holder is fictional. The chip talks only after BAC with the key from its own MRZ.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field, replace

from kiosk.domain.mrz import MrzKey

from ..cards.emrtd import crypto, lds
from ..cards.emrtd.aa import INS_INTERNAL_AUTHENTICATE
from ..cards.emrtd.bac import INS_EXTERNAL_AUTHENTICATE, INS_GET_CHALLENGE, BacKeys
from ..cards.emrtd.sm import TAG_CRYPTOGRAM, TAG_LE, TAG_MAC, TAG_STATUS, SmCipher, TdesSm, cipher_for
from ..pcsc import tlv
from ..pcsc.tlv import encode
from .applet import (
    SW_CLA_NOT_SUPPORTED,
    SW_FILE_NOT_FOUND,
    SW_INS_NOT_SUPPORTED,
    SW_NO_CURRENT_EF,
    SW_OK,
    SW_SECURITY_NOT_SATISFIED,
    SW_WRONG_LENGTH,
    SW_WRONG_P1P2,
    Command,
    atr_with_tck,
    parse_command,
    read_binary,
)
from .emrtd_chip import ChipSecrets, PaceChip
from .emrtd_files import DEMO_PASSPORT as DEMO_PASSPORT
from .emrtd_files import PassportHolder as PassportHolder
from .emrtd_files import dg1 as dg1
from .emrtd_files import dg2 as dg2
from .emrtd_files import ef_com as ef_com
from .emrtd_files import td3 as td3
from .emrtd_pki import CountryPki

# What a contactless reader makes of a passport's ATS: category 80, then made-up historical bytes.
EMRTD_ATR = atr_with_tck(b"\x80\x4d\x52\x54\x44\x2d\x45\x4d\x50\x46")  # "MRTD-EMPF"
SW_AUTH_FAILED = b"\x63\x00"
SW_SM_OBJECTS_MISSING = b"\x69\x87"
SW_SM_OBJECTS_WRONG = b"\x69\x88"
SW_WRONG_DATA = b"\x6a\x80"
_SELECT, _READ_BINARY, _MSE, _GENERAL_AUTHENTICATE = 0xA4, 0xB0, 0x22, 0x86


def passport_files(
    pki: CountryPki,
    holder: PassportHolder = DEMO_PASSPORT,
    *,
    face: bool = True,
    forged_holder: PassportHolder | None = None,
    dg1_override: bytes | None = None,
    chip: ChipSecrets | None = None,
) -> dict[int, bytes]:
    """File id -> content. `forged_holder` replaces DG1 after the SOD was signed (a forgery);
    `dg1_override` is signed as it is (e.g. malformed TLV in a genuine-looking chip); `chip` adds
    DG14/DG15 (signed with the rest) and EF.CardAccess for the protocols it offers."""
    groups: dict[int, bytes] = {1: dg1_override if dg1_override is not None else dg1(td3(holder))}
    if face:
        groups[2] = dg2()
    chip = chip or ChipSecrets()
    for number, content in ((14, chip.dg14()), (15, chip.dg15())):
        if content is not None:
            groups[number] = content
    sod = pki.sign_sod(groups)
    if forged_holder is not None:
        groups[1] = dg1(td3(forged_holder))
    files = {lds.EF_COM: ef_com(tuple(groups)), lds.EF_SOD: sod}
    card_access = chip.card_access()
    if card_access is not None:
        files[lds.EF_CARD_ACCESS] = card_access
    files.update({lds.DG_FILES[n]: content for n, content in groups.items()})
    return files


def _mrz_key(holder: PassportHolder) -> MrzKey:
    return MrzKey(holder.document_number, holder.date_of_birth, holder.date_of_expiry)


@dataclass
class _Session:
    cipher: SmCipher
    ssc: int


@dataclass
class EmrtdApplet:
    """The chip. `files` maps file ids to contents; `holder` gives the BAC key.

    Knobs: `corrupt_mac_on` (1-based index of a protected reply whose MAC is flipped);
    `chain_responses` answers like a T=0 card (61xx, then GET RESPONSE). `chip` holds the AA/CA
    private keys and says whether PACE and BAC are offered.
    """

    files: dict[int, bytes]
    holder: PassportHolder = DEMO_PASSPORT
    chip: ChipSecrets = field(default_factory=ChipSecrets)
    atr: bytes = EMRTD_ATR
    corrupt_mac_on: int | None = None
    random: object = None  # a callable(n) -> bytes; os.urandom when None
    commands: list[int] = field(default_factory=list)  # INS of every command (tests count round trips)
    protected_replies: int = 0
    auth_attempts: int = 0
    _keys: BacKeys | None = None
    _selected_app: bool = False
    _challenge: bytes | None = None
    _session: _Session | None = None
    _next_session: _Session | None = None  # Chip Authentication: keys after this reply
    _pace: PaceChip | None = None
    _current: int | None = None

    def __post_init__(self) -> None:
        self._keys = BacKeys.from_mrz(_mrz_key(self.holder))

    def _random(self, n: int) -> bytes:
        source = self.random if callable(self.random) else os.urandom
        out = source(n)
        assert isinstance(out, bytes)
        return out

    def reset(self) -> None:
        self._selected_app = False
        self._challenge = None
        self._session = None
        self._next_session = None
        self._pace = None
        self._current = None

    def process(self, apdu: bytes) -> bytes:
        cmd = parse_command(apdu)
        if cmd is None:
            return SW_WRONG_LENGTH
        self.commands.append(cmd.ins)
        if cmd.cla & 0x0C == 0x0C:
            return self._protected(apdu, cmd)
        if cmd.cla not in (0x00, 0x10):  # 10: command chaining (PACE's General Authenticate)
            return SW_CLA_NOT_SUPPORTED
        if self._session is not None:
            # A plain command in a secure messaging session ends the session (ICAO 9303-11, 9.8.6).
            self._session = None
            return SW_SM_OBJECTS_MISSING
        if cmd.ins == _SELECT and cmd.p1 == 0x04:
            if cmd.data != lds.AID:
                return SW_FILE_NOT_FOUND
            self._selected_app, self._challenge, self._current = True, None, None
            return SW_OK
        if cmd.ins == _SELECT and cmd.p1 == 0x00:  # the master file
            self._selected_app, self._current = False, None
            return SW_OK
        if cmd.ins == _SELECT and cmd.p1 == 0x02 and cmd.data == lds.EF_CARD_ACCESS.to_bytes(2, "big"):
            if lds.EF_CARD_ACCESS not in self.files:
                return SW_FILE_NOT_FOUND
            self._current = lds.EF_CARD_ACCESS  # readable without authentication
            return SW_OK
        if cmd.ins == _READ_BINARY and self._current == lds.EF_CARD_ACCESS:
            data, sw = read_binary(self.files[lds.EF_CARD_ACCESS], cmd)
            return data + sw
        if cmd.ins in (_MSE, _GENERAL_AUTHENTICATE):
            return self._pace_command(cmd)
        if not self._selected_app:
            return SW_FILE_NOT_FOUND if cmd.ins == _SELECT else SW_NO_CURRENT_EF
        if cmd.ins in (INS_GET_CHALLENGE, INS_EXTERNAL_AUTHENTICATE) and not self.chip.bac:
            return SW_INS_NOT_SUPPORTED
        if cmd.ins == INS_GET_CHALLENGE:
            if cmd.ne != 8:
                return SW_WRONG_LENGTH
            self._challenge = self._random(8)
            return self._challenge + SW_OK
        if cmd.ins == INS_EXTERNAL_AUTHENTICATE:
            return self._external_authenticate(cmd)
        if cmd.ins in (_SELECT, _READ_BINARY):
            return SW_SECURITY_NOT_SATISFIED  # the files need BAC first
        return SW_INS_NOT_SUPPORTED

    # ------------------------------------------------------------ BAC
    def _external_authenticate(self, cmd: Command) -> bytes:
        challenge, self._challenge = self._challenge, None  # one try per challenge
        self.auth_attempts += 1
        keys = self._keys
        assert keys is not None
        if challenge is None or len(cmd.data) != 40:
            return SW_SECURITY_NOT_SATISFIED if challenge is None else SW_WRONG_LENGTH
        e_ifd, m_ifd = cmd.data[:32], cmd.data[32:]
        if not hmac.compare_digest(crypto.retail_mac(keys.k_mac, crypto.pad(e_ifd)), m_ifd):
            return SW_AUTH_FAILED
        plain = crypto.tdes_decrypt(keys.k_enc, e_ifd)
        rnd_ifd, rnd_ic, k_ifd = plain[:8], plain[8:16], plain[16:]
        if rnd_ic != challenge:
            return SW_AUTH_FAILED
        k_ic = self._random(16)
        e_ic = crypto.tdes_encrypt(keys.k_enc, rnd_ic + rnd_ifd + k_ic)
        m_ic = crypto.retail_mac(keys.k_mac, crypto.pad(e_ic))
        seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
        self._session = _Session(TdesSm(crypto.derive_key(seed, crypto.ENC_COUNTER),
                                        crypto.derive_key(seed, crypto.MAC_COUNTER)),
                                 int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big"))
        return e_ic + m_ic + SW_OK

    # ------------------------------------------------------------ PACE
    def _pace_command(self, cmd: Command) -> bytes:
        pid = self.chip.pace_parameter_id
        if pid is None:
            return SW_INS_NOT_SUPPORTED
        if cmd.ins == _MSE:
            if (cmd.p1, cmd.p2) != (0xC1, 0xA4) or b"\x83\x01\x01" not in cmd.data:
                return SW_WRONG_DATA
            self._pace = PaceChip(hashlib.sha1(_mrz_key(self.holder).mrz_information.encode()).digest(), pid)
            return SW_OK
        run = self._pace
        if run is None:
            return SW_SECURITY_NOT_SATISFIED
        try:
            template = tlv.parse_one(cmd.data)
            inner = template.children()
        except tlv.TlvError:
            return SW_WRONG_DATA
        answer = run.step(inner[0].tag if inner else 0, inner[0].value if inner else b"")
        if answer is None:
            self._pace = None
            self.auth_attempts += 1
            return SW_AUTH_FAILED
        if answer[0] == 0x86 and run.keys is not None:  # the last step: secure messaging starts
            self.auth_attempts += 1
            self._pace, self._selected_app, self._current = None, False, None
            reply = encode(0x7C, encode(*answer)) + SW_OK
            self._session = _Session(cipher_for("AES", *run.keys), 0)
            return reply
        return encode(0x7C, encode(*answer)) + SW_OK

    # ------------------------------------------------------------ secure messaging
    def _protected(self, apdu: bytes, cmd: Command) -> bytes:
        session = self._session
        if session is None:
            return SW_SM_OBJECTS_MISSING
        try:
            objects = tlv.index(tlv.parse(cmd.data))
        except tlv.TlvError:
            self._session = None
            return SW_SM_OBJECTS_WRONG
        mac = objects.get(TAG_MAC)
        session.ssc += 1
        cipher, bs = session.cipher, session.cipher.block_size
        header = crypto.pad(apdu[:4], bs)
        body = b"".join(encode(t, objects[t].value) for t in (TAG_CRYPTOGRAM, TAG_LE) if t in objects)
        mac_input = cipher.ssc_bytes(session.ssc) + header + (crypto.pad(body, bs) if body else b"")
        if mac is None or not hmac.compare_digest(cipher.mac(mac_input), mac.value):
            self._session = None
            return SW_SM_OBJECTS_WRONG
        data = b""
        if TAG_CRYPTOGRAM in objects:
            value = objects[TAG_CRYPTOGRAM].value
            data = crypto.unpad(cipher.decrypt(session.ssc, value[1:]), bs)
        ne = None
        if TAG_LE in objects:
            ne = objects[TAG_LE].value[-1] or 256
        plain = replace(cmd, cla=cmd.cla & ~0x0C, data=data, ne=ne)
        if plain.ins == _SELECT:
            reply, sw = self._select(plain)
        elif plain.ins == _READ_BINARY:
            reply, sw = self._read_binary(plain)
        elif plain.ins == INS_INTERNAL_AUTHENTICATE:
            signature = self.chip.internal_authenticate(plain.data) if len(plain.data) == 8 else None
            reply, sw = (signature, SW_OK) if signature is not None else (b"", SW_INS_NOT_SUPPORTED)
        elif plain.ins in (_MSE, _GENERAL_AUTHENTICATE):
            reply, sw = self._chip_authentication(plain)
        else:
            reply, sw = b"", SW_INS_NOT_SUPPORTED
        wrapped = self._wrap(session, reply, sw)
        if self._next_session is not None:  # the reply went under the old keys; now switch
            self._session, self._next_session = self._next_session, None
        return wrapped

    # ------------------------------------------------------------ Chip Authentication
    def _chip_authentication(self, cmd: Command) -> tuple[bytes, bytes]:
        if self.chip.ca_key is None:
            return b"", SW_INS_NOT_SUPPORTED
        try:
            objects = tlv.index(tlv.parse(cmd.data))
        except tlv.TlvError:
            return b"", SW_WRONG_DATA
        if cmd.ins == _MSE and (cmd.p1, cmd.p2) == (0x41, 0xA6) and 0x91 in objects:  # v1: Set KAT
            point = objects[0x91].value
        elif cmd.ins == _MSE and (cmd.p1, cmd.p2) == (0x41, 0xA4):  # v2: Set AT, key follows
            return b"", SW_OK
        elif cmd.ins == _GENERAL_AUTHENTICATE and 0x7C in objects:
            inner = tlv.index(tlv.parse(objects[0x7C].value))
            if 0x80 not in inner:
                return b"", SW_WRONG_DATA
            point = inner[0x80].value
        else:
            return b"", SW_WRONG_P1P2
        keys = self.chip.ca_session_keys(point)
        if keys is None:
            return b"", SW_WRONG_DATA
        self._next_session = _Session(cipher_for(*keys), 0)
        return (encode(0x7C, b"") if cmd.ins == _GENERAL_AUTHENTICATE else b""), SW_OK

    def _wrap(self, session: _Session, data: bytes, sw: bytes) -> bytes:
        session.ssc += 1
        self.protected_replies += 1
        cipher, bs = session.cipher, session.cipher.block_size
        objects = b""
        if data:
            objects += encode(TAG_CRYPTOGRAM, b"\x01" + cipher.encrypt(session.ssc, crypto.pad(data, bs)))
        objects += encode(TAG_STATUS, sw)
        mac = cipher.mac(cipher.ssc_bytes(session.ssc) + crypto.pad(objects, bs))
        if self.corrupt_mac_on == self.protected_replies:
            mac = bytes([mac[0] ^ 0x01]) + mac[1:]
        return objects + encode(TAG_MAC, mac) + sw

    def _select(self, cmd: Command) -> tuple[bytes, bytes]:
        if cmd.p1 == 0x04:  # the application, under the secure messaging PACE set up
            if cmd.data != lds.AID:
                return b"", SW_FILE_NOT_FOUND
            self._selected_app, self._current = True, None
            return b"", SW_OK
        if cmd.p1 != 0x02 or len(cmd.data) != 2:
            return b"", SW_WRONG_P1P2
        fid = int.from_bytes(cmd.data, "big")
        if fid not in self.files:
            return b"", SW_FILE_NOT_FOUND
        self._current = fid
        return b"", SW_OK

    def _read_binary(self, cmd: Command) -> tuple[bytes, bytes]:
        if self._current is None:
            return b"", SW_NO_CURRENT_EF
        return read_binary(self.files[self._current], cmd)


def passport(pki: CountryPki, holder: PassportHolder = DEMO_PASSPORT, *, chip: ChipSecrets | None = None,
             **knobs: object) -> EmrtdApplet:
    """A genuine virtual passport signed by `pki`'s document signer; `chip` adds AA, CA or PACE."""
    face = bool(knobs.pop("face", True))
    chip = chip or ChipSecrets()
    return EmrtdApplet(passport_files(pki, holder, face=face, chip=chip), holder, chip, **knobs)  # type: ignore[arg-type]


def clone(original: EmrtdApplet) -> EmrtdApplet:
    """A copy of `original`: every file (data groups, EF.SOD, DG14, DG15) byte for byte, but the
    private keys are not readable from a chip, so the clone has its own."""
    return EmrtdApplet(dict(original.files), original.holder, original.chip.other_keys())


def forged_passport(pki: CountryPki, holder: PassportHolder = DEMO_PASSPORT) -> EmrtdApplet:
    """DG1 rewritten after signing (another name and birth date): the SOD hash no longer matches."""
    altered = replace(holder, surname="WONG", given_names="SIU MING", date_of_birth="850505")
    # The MRZ key is the printed data page's, which the forger changed as well.
    return EmrtdApplet(passport_files(pki, holder, forged_holder=altered), altered)

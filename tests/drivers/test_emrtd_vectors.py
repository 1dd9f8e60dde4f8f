"""Known-answer tests of PACE, secure messaging keys and Active Authentication against published
worked examples.

Sources:
- ICAO Doc 9303 part 11 (8th edition, 2021), appendix G.1 "Worked example: PACE - Generic Mapping
  (ECDH)": brainpoolP256r1, id-PACE-ECDH-GM-AES-CBC-CMAC-128, MRZ T22000129 / 640812 / 101031.
  The same values appear in the open-source test suites of JMRTD and gmrtd.
- ICAO Doc 9303 part 11 (8th edition), "Worked example: Active Authentication": RSA-1024, SHA-1,
  RND.IFD F173589974BF40C6, M1, the digest and the message representative F (as zienit/icao-examples
  carries them). The example gives no key pair, so one is generated here to sign F; the verifier
  must recover M1 and accept, and refuse other challenges and keys.
"""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from drivers.cards.emrtd import aa, crypto, ecc, pace
from drivers.cards.emrtd.security_infos import PaceInfo, parse
from kiosk.domain.mrz import MrzKey

H = bytes.fromhex
ICAO_KEY = MrzKey("T22000129", "640812", "101031")
OID_ECDH_GM_AES128 = "0.4.0.127.0.7.2.2.4.2.2"
# Appendix G.1.
CARD_ACCESS = H("31143012060A04007F0007020204020202010202010D")
NONCE_Z = "95A3A016522EE98D01E76CB6B98B42C3"
NONCE_S = "3F00C4D39D153F2B2A214A078D899B22"
SK_MAP_IFD = 0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99
PK_MAP_IFD = ("047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
              "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D")
PK_MAP_IC = ("04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
             "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54")
H_POINT = ("0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
           "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181")
G_MAPPED = ("048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
            "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522")
SK_EPH_IFD = 0xA73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595
PK_EPH_IFD = ("042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
              "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462")
PK_EPH_IC = ("049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
             "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094")
SHARED_SECRET = "28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925"
KS_ENC, KS_MAC = "F5F0E35C0D7161EE6724EE513A0D9A7F", "FE251C7858B356B24514B3BD5F4297D1"
T_IFD, T_IC = "C2B0BD78D94BA866", "3ABB9674BCE93C08"
TRANSCRIPT = [
    ("0022C1A40F800A04007F00070202040202830101", "9000"),
    ("10860000027C0000", "7C128010" + NONCE_Z + "9000"),
    ("10860000457C438141" + PK_MAP_IFD + "00", "7C438241" + PK_MAP_IC + "9000"),
    ("10860000457C438341" + PK_EPH_IFD + "00", "7C438441" + PK_EPH_IC + "9000"),
    ("008600000C7C0A8508" + T_IFD + "00", "7C0A8608" + T_IC + "9000"),
]
BP = ecc.BRAINPOOL_P256R1


class ScriptedChip:
    """Plays the chip's side of a published transcript; any other command fails the test."""

    def __init__(self, script: list[tuple[str, str]]) -> None:
        self.script = list(script)

    def exchange(self, apdu: bytes) -> bytes:
        expected, answer = self.script.pop(0)
        assert apdu.hex().upper() == expected.upper()
        return H(answer)


def test_card_access_names_ecdh_generic_mapping_on_brainpool_p256() -> None:
    info = pace.choose(parse(CARD_ACCESS))
    assert info == PaceInfo(OID_ECDH_GM_AES128, 2, 13)


def test_password_key_and_nonce() -> None:
    assert hashlib.sha1(ICAO_KEY.mrz_information.encode()).hexdigest().upper() == \
        "7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"
    k_pi = pace.password_key(ICAO_KEY, PaceInfo(OID_ECDH_GM_AES128, 2, 13))
    assert k_pi == H("89DED1B26624EC1E634C1989302849DD")
    assert pace.decrypt_nonce(k_pi, H(NONCE_Z), "AES") == H(NONCE_S)


def test_generic_mapping_and_key_agreement() -> None:
    pk_map_ic = BP.decode(H(PK_MAP_IC))
    assert BP.encode(BP.multiply(SK_MAP_IFD, BP.g)) == H(PK_MAP_IFD)
    assert BP.encode(BP.multiply(SK_MAP_IFD, pk_map_ic)) == H(H_POINT)
    mapped = pace.map_generator(BP, H(NONCE_S), SK_MAP_IFD, pk_map_ic)
    assert BP.encode(mapped) == H(G_MAPPED)
    assert BP.encode(BP.multiply(SK_EPH_IFD, mapped)) == H(PK_EPH_IFD)
    shared = BP.multiply(SK_EPH_IFD, BP.decode(H(PK_EPH_IC)))
    assert shared is not None and shared[0].to_bytes(32, "big") == H(SHARED_SECRET)
    assert crypto.kdf(H(SHARED_SECRET), 1, "AES", 16) == H(KS_ENC)
    assert crypto.kdf(H(SHARED_SECRET), 2, "AES", 16) == H(KS_MAC)
    assert pace.auth_token(OID_ECDH_GM_AES128, H(PK_EPH_IC), H(KS_MAC), "AES") == H(T_IFD)
    assert pace.auth_token(OID_ECDH_GM_AES128, H(PK_EPH_IFD), H(KS_MAC), "AES") == H(T_IC)


def test_the_terminal_side_of_the_transcript_byte_for_byte() -> None:
    scalars = iter([SK_MAP_IFD, SK_EPH_IFD])
    chip = ScriptedChip(TRANSCRIPT)
    channel = pace.Pace(scalar=lambda curve: next(scalars)).run(
        chip, ICAO_KEY, PaceInfo(OID_ECDH_GM_AES128, 2, 13), include_parameter_id=False)
    assert chip.script == []
    assert (channel.cipher.ks_enc, channel.cipher.ks_mac, channel.ssc) == (H(KS_ENC), H(KS_MAC), 0)  # type: ignore[attr-defined]


def test_a_wrong_chip_token_fails_pace() -> None:
    scalars = iter([SK_MAP_IFD, SK_EPH_IFD])
    script = [*TRANSCRIPT[:-1], (TRANSCRIPT[-1][0], "7C0A8608" + "00" * 8 + "9000")]
    with pytest.raises(pace.PaceFailed):
        pace.Pace(scalar=lambda curve: next(scalars)).run(
            ScriptedChip(script), ICAO_KEY, PaceInfo(OID_ECDH_GM_AES128, 2, 13), include_parameter_id=False)


def test_a_refused_token_is_a_wrong_key() -> None:
    from drivers.cards.emrtd.errors import WrongAccessKey

    scalars = iter([SK_MAP_IFD, SK_EPH_IFD])
    script = [*TRANSCRIPT[:-1], (TRANSCRIPT[-1][0], "6300")]
    with pytest.raises(WrongAccessKey):
        pace.Pace(scalar=lambda curve: next(scalars)).run(
            ScriptedChip(script), ICAO_KEY, PaceInfo(OID_ECDH_GM_AES128, 2, 13), include_parameter_id=False)


def test_curve_arithmetic_matches_the_library() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    for curve in (ecc.SECP256R1, ecc.BRAINPOOL_P256R1):
        assert curve.on_curve(curve.g)
        assert curve.multiply(curve.n - 1, curve.g) == (curve.g[0], -curve.g[1] % curve.p)
        k = 0x1234567890ABCDEF1234567890ABCDEF
        numbers = ec.derive_private_key(2 * k, curve.library).public_key().public_numbers()
        two_g = curve.add(curve.g, curve.g)  # not the generator: the pure-Python path
        assert curve.multiply(k, two_g) == (numbers.x, numbers.y)


# ------------------------------------------------------------- Active Authentication, RSA


def _sign_9796_2(key: rsa.RSAPrivateKey, m1: bytes, m2: bytes, trailer: bytes = b"\xbc") -> bytes:
    """ISO/IEC 9796-2 scheme 1, partial recovery: 6A | M1 | SHA-1(M1 | M2) | BC, raised to d."""
    k = key.key_size // 8
    digest = hashlib.sha1(m1 + m2).digest() if trailer == b"\xbc" else hashlib.sha256(m1 + m2).digest()
    representative = b"\x6a" + m1 + digest + trailer
    assert len(representative) == k
    numbers = key.private_numbers()
    return pow(int.from_bytes(representative, "big"), numbers.d, numbers.public_numbers.n).to_bytes(k, "big")


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def test_iso9796_2_signature_verifies(rsa_key: rsa.RSAPrivateKey) -> None:
    challenge = H("1122334455667788")
    m1 = bytes(range(106))
    assert aa.verify_rsa(rsa_key.public_key(), challenge, _sign_9796_2(rsa_key, m1, challenge))
    sha256 = _sign_9796_2(rsa_key, bytes(range(93)), challenge, trailer=b"\x34\xcc")
    assert aa.verify_rsa(rsa_key.public_key(), challenge, sha256)


def test_iso9796_2_refuses_another_challenge_or_key(rsa_key: rsa.RSAPrivateKey) -> None:
    challenge = H("1122334455667788")
    signature = _sign_9796_2(rsa_key, bytes(106), challenge)
    assert not aa.verify_rsa(rsa_key.public_key(), H("1122334455667789"), signature)
    other = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    assert not aa.verify_rsa(other.public_key(), challenge, signature)
    assert not aa.verify_rsa(rsa_key.public_key(), challenge, b"\x00" * 128)


# ------------------------------------------------------------- DG14 keys as passports carry them


def _explicit_spki(curve: ecc.Curve, point: bytes) -> bytes:
    """An EC SubjectPublicKeyInfo with explicit domain parameters (X9.62), as many passports' DG14."""
    from drivers.cards.emrtd import der

    size = curve.size
    params = der.seq(
        der.enc_int(1),
        der.seq(der.enc_oid("1.2.840.10045.1.1"), der.enc_int(curve.p)),
        der.seq(der.enc_octets(curve.a.to_bytes(size, "big")), der.enc_octets(curve.b.to_bytes(size, "big"))),
        der.enc_octets(curve.encode(curve.g)),
        der.enc_int(curve.n),
        der.enc_int(1),
    )
    return der.seq(der.seq(der.enc_oid("1.2.840.10045.2.1"), params), der.encode(der.BIT_STRING, b"\x00" + point))


def test_explicit_ec_parameters_are_matched_to_the_named_curve() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    from drivers.cards.emrtd.security_infos import load_public_key

    point = BP.encode(BP.multiply(12345, BP.g))
    key = load_public_key(_explicit_spki(BP, point))
    assert isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "brainpoolP256r1"
    assert key.public_numbers().x == BP.multiply(12345, BP.g)[0]  # type: ignore[index]


def test_dg14_with_a_key_the_kiosk_cannot_use_keeps_the_rest() -> None:
    from cryptography.hazmat.primitives.asymmetric import ed25519
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from drivers.cards.emrtd import der, security_infos

    odd = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
        Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    point = BP.encode(BP.multiply(777, BP.g))
    dg14 = der.encode(0x6E, der.set_of(
        der.seq(der.enc_oid(security_infos.ID_PK_DH), odd),
        der.seq(der.enc_oid(security_infos.ID_PK_ECDH), _explicit_spki(BP, point)),
        der.seq(der.enc_oid(f"{security_infos.ID_CA}.2.2"), der.enc_int(2)),
        der.seq(der.enc_oid(security_infos.ID_AA), der.enc_int(1), der.enc_oid("0.4.0.127.0.7.1.1.4.1.3")),
    ))
    infos = security_infos.parse_dg14(dg14)
    assert len(infos.chip_authentication_keys) == 1 and infos.chip_authentication_pair() is not None
    assert infos.active_authentication_signature == "0.4.0.127.0.7.1.1.4.1.3"


# ICAO 9303-11 worked example: Active Authentication.
AA_RND_IFD = H("F173589974BF40C6")
AA_M1 = H("9D2784A67F8E7C659973EA1AEA25D95B6C8F91E5002F369F0FBDCE8A3CEC1991B543F1696546C5524CF23A5303CD6C98"
          "599F40B79F377B5F3A1406B3B4D8F96784D23AA88DB7E1032A405E69325FA91A6E86F5C71AEA978264C4A207446DAD4E"
          "7292E2DCDA3024B47DA8")
AA_DIGEST = H("C063AA1E6D22FBD976AB0FE73D94D2D9C6D88127")
AA_F = b"\x6a" + AA_M1 + AA_DIGEST + b"\xbc"


def test_icao_active_authentication_worked_example(rsa_key: rsa.RSAPrivateKey) -> None:
    assert hashlib.sha1(AA_M1 + AA_RND_IFD).digest() == AA_DIGEST
    assert len(AA_F) == 128  # k = 1024 bits
    signature = _sign_9796_2(rsa_key, AA_M1, AA_RND_IFD)
    numbers = rsa_key.public_key().public_numbers()
    assert pow(int.from_bytes(signature, "big"), numbers.e, numbers.n).to_bytes(128, "big") == AA_F
    assert aa.verify_rsa(rsa_key.public_key(), AA_RND_IFD, signature)
    assert not aa.verify_rsa(rsa_key.public_key(), H("F173589974BF40C7"), signature)

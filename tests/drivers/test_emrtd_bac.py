"""BAC and 3DES secure messaging against the worked example of ICAO 9303-11 appendix D.

The values are the published ones (D.2 key derivation, D.3 authentication and session keys, D.4
secure messaging of SELECT EF.COM and two READ BINARY calls), as quoted in many open-source eMRTD
test suites; every step of ours is checked, and then the whole exchange is replayed through
`Bac.establish` and `SecureChannel` against a card that answers exactly as the appendix does.
"""

from __future__ import annotations

import pytest

from drivers.cards.emrtd import crypto
from drivers.cards.emrtd.bac import Bac, BacKeys, authentication_data, session_keys
from drivers.cards.emrtd.errors import WrongAccessKey
from drivers.cards.emrtd.sm import SecureChannel, SecureMessagingError, TdesSm
from drivers.pcsc.apdu import read_binary, select_ef, transmit
from kiosk.domain.mrz import MrzKey

H = bytes.fromhex
KEY = MrzKey.typed("L898902C", "690806", "940623")
K_SEED = H("239AB9CB282DAF66231DC5A4DF6BFBAE")
K_ENC = H("AB94FDECF2674FDFB9B391F85D7F76F2")
K_MAC = H("7962D9ECE03D1ACD4C76089DCE131543")
RND_IC = H("4608F91988702212")
RND_IFD = H("781723860C06C226")
K_IFD = H("0B795240CB7049B01C19B33E32804F0B")
CMD_DATA = H("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7")
RESP_DATA = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")
KS_ENC = H("979EC13B1CBFE9DCD01AB0FED307EAE5")
KS_MAC = H("F1CB1F1FB5ADF208806B89DC579DC1F8")
SSC = 0x887022120C06C226
# D.4: (plain command, protected command, protected reply, plain reply data + SW)
D4 = [
    ("00A4020C02011E", "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800",
     "990290008E08FA855A5D4C50A8ED9000", "9000"),
    ("00B0000004", "0CB000000D9701048E08ED6705417E96BA5500",
     "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000", "60145F019000"),
    ("00B0000412", "0CB000040D9701128E082EA28A70F3C7B53500",
     "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000",
     "04303130365F36063034303030305C0261759000"),
]
EF_COM = H("60145F0104303130365F36063034303030305C026175")


def test_d2_key_seed_and_basic_access_keys() -> None:
    assert crypto.key_seed(KEY.mrz_information) == K_SEED
    keys = BacKeys.from_mrz(KEY)
    assert (keys.k_enc, keys.k_mac) == (K_ENC, K_MAC)
    assert "AB94" not in repr(keys)


def test_d2_parity_adjustment() -> None:
    # SHA-1(K_seed | 00000001) starts AB94FCEDF2664EDF B9B291F85D7F77F2; parity makes it Kenc.
    assert crypto.adjust_parity(H("AB94FCEDF2664EDFB9B291F85D7F77F2")) == K_ENC
    assert all(bin(b).count("1") % 2 == 1 for b in K_ENC + K_MAC)


def test_d3_external_authenticate_data() -> None:
    assert authentication_data(BacKeys(K_ENC, K_MAC), RND_IC, RND_IFD, K_IFD) == CMD_DATA


def test_d3_retail_mac_of_e_ifd() -> None:
    assert crypto.retail_mac(K_MAC, crypto.pad(CMD_DATA[:32])) == H("5F1448EEA8AD90A7")


def test_d3_session_keys_and_counter() -> None:
    session = session_keys(BacKeys(K_ENC, K_MAC), RND_IC, RND_IFD, K_IFD, RESP_DATA)
    assert (session.ks_enc, session.ks_mac, session.ssc) == (KS_ENC, KS_MAC, SSC)
    assert "979E" not in repr(session)


def test_d3_chip_answer_with_a_wrong_mac_is_refused() -> None:
    tampered = RESP_DATA[:-1] + bytes([RESP_DATA[-1] ^ 1])
    with pytest.raises(SecureMessagingError, match="wrong MAC"):
        session_keys(BacKeys(K_ENC, K_MAC), RND_IC, RND_IFD, K_IFD, tampered)


def test_d3_chip_answer_must_echo_our_nonce() -> None:
    with pytest.raises(SecureMessagingError, match="nonces"):
        session_keys(BacKeys(K_ENC, K_MAC), RND_IC, H("0000000000000000"), K_IFD, RESP_DATA)


@pytest.mark.parametrize("step", range(len(D4)))
def test_d4_wrap_and_unwrap(step: int) -> None:
    channel = SecureChannel(_Replay([]), TdesSm(KS_ENC, KS_MAC), SSC)
    for plain, protected, reply, result in D4[: step + 1]:
        assert channel.wrap(H(plain)).hex().upper() == protected
        assert channel.unwrap(H(reply)).hex().upper() == result
    assert channel.ssc == SSC + 2 * (step + 1)


def test_padding_method_2() -> None:
    assert crypto.pad(H("011E")) == H("011E800000000000")
    assert crypto.pad(bytes(8)) == bytes(8) + H("8000000000000000")
    assert crypto.unpad(H("011E800000000000")) == H("011E")
    for bad in (bytes(8), H("011E000000000000"), H("80") + bytes(15)):
        with pytest.raises(crypto.PaddingError):
            crypto.unpad(bad)


class _Replay:
    """A card that answers each expected command with the appendix's answer (6988 otherwise)."""

    reader = "appendix D"
    atr = b""

    def __init__(self, script: list[tuple[str, str]]) -> None:
        self.script = list(script)
        self.sent: list[bytes] = []

    def exchange(self, apdu: bytes) -> bytes:
        self.sent.append(apdu)
        if not self.script:
            return H("6988")
        expected, answer = self.script.pop(0)
        return H(answer) if apdu.hex().upper() == expected else H("6988")


def _appendix_card() -> _Replay:
    return _Replay([
        ("0084000008", RND_IC.hex().upper() + "9000"),
        ("0082000028" + CMD_DATA.hex().upper() + "28", RESP_DATA.hex().upper() + "9000"),
        *[(protected, reply) for _, protected, reply, _ in D4],
    ])


def test_whole_appendix_through_bac_and_the_channel() -> None:
    card = _appendix_card()
    randoms = iter([RND_IFD, K_IFD])
    channel = Bac(random=lambda n: next(randoms)).establish(card, KEY)
    assert channel.ssc == SSC
    assert transmit(channel, select_ef(0x011E)).ok
    head = transmit(channel, read_binary(0, 4))
    rest = transmit(channel, read_binary(4, 0x12))
    assert head.ok and rest.ok and head.data + rest.data == EF_COM
    assert not card.script  # every exchange happened, in order


class _Refusing(_Replay):
    """A chip whose MRZ differs from the key typed: EXTERNAL AUTHENTICATE answers 6300."""

    def exchange(self, apdu: bytes) -> bytes:
        self.sent.append(apdu)
        return RND_IC + H("9000") if apdu[1] == 0x84 else H("6300")


def test_wrong_key_is_reported_as_such() -> None:
    card = _Refusing([])
    with pytest.raises(WrongAccessKey):
        Bac().establish(card, MrzKey.typed("L898902C", "690806", "940624"))
    assert [apdu[1] for apdu in card.sent] == [0x84, 0x82]


def test_a_reply_with_a_wrong_mac_breaks_the_channel() -> None:
    plain, _, reply, _ = D4[0]
    channel = SecureChannel(_Replay([]), TdesSm(KS_ENC, KS_MAC), SSC)
    channel.wrap(H(plain))
    tampered = H(reply)
    tampered = tampered[:-3] + bytes([tampered[-3] ^ 0x80]) + tampered[-2:]
    with pytest.raises(SecureMessagingError, match="wrong MAC"):
        channel.unwrap(tampered)


def test_exchange_refuses_after_a_failure() -> None:
    card = _Replay([(D4[0][1], "990290008E080000000000000000" + "9000")])
    channel = SecureChannel(card, TdesSm(KS_ENC, KS_MAC), SSC)
    with pytest.raises(SecureMessagingError):
        channel.exchange(H(D4[0][0]))
    assert channel.broken
    with pytest.raises(SecureMessagingError, match="ended"):
        channel.exchange(H(D4[1][0]))
    assert len(card.sent) == 1  # nothing more went to the card


@pytest.mark.parametrize("reply", [
    "9000",  # a plain 9000 can never end a protected command
    "8E08BF8B92D635FF24F89000",  # no status object
    "99029000" + "9000",  # no MAC object
    "99029000" + "8E08BF8B92D635FF" + "9000",  # MAC object cut short, so the TLV is truncated
])
def test_replies_missing_their_protection_are_refused(reply: str) -> None:
    channel = SecureChannel(_Replay([]), TdesSm(KS_ENC, KS_MAC), SSC)
    channel.wrap(H(D4[0][0]))
    with pytest.raises(SecureMessagingError):
        channel.unwrap(H(reply))


def test_a_plain_error_status_ends_the_session_but_is_reported() -> None:
    channel = SecureChannel(_Replay([]), TdesSm(KS_ENC, KS_MAC), SSC)
    channel.wrap(H(D4[0][0]))
    assert channel.unwrap(H("6988")) == H("6988")
    assert channel.broken

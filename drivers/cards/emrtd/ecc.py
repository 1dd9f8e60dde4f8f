"""Elliptic-curve point arithmetic over prime fields, for what `cryptography` does not expose.

PACE's generic mapping (ICAO 9303-11, 4.4.3.3.1) computes a new generator G' = s*G + H and then
an ECDH key agreement on G'; a library key object is always bound to the curve's standard
generator, so these steps need plain point arithmetic. Multiples of the standard generator and
the final ECDH agreement go through `cryptography` too (`x_coordinate`), as do Chip
Authentication and signatures. Only the curves below are known; the standardised domain
parameter IDs are ICAO 9303-11 table 12 (BSI TR-03110-3).

Not constant time: the scalars are ephemeral, used once per session on the kiosk side.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import ec

Point = tuple[int, int] | None  # None is the point at infinity


class EcError(ValueError):
    """A point not on the curve, the point at infinity where a key is expected, bad encoding."""


@dataclass(frozen=True)
class Curve:
    name: str
    p: int
    a: int
    b: int
    n: int  # order of the generator
    g: tuple[int, int]
    library: ec.EllipticCurve  # the same curve for `cryptography`

    @property
    def size(self) -> int:
        """Bytes of a coordinate."""
        return (self.p.bit_length() + 7) // 8

    def on_curve(self, point: Point) -> bool:
        if point is None:
            return False
        x, y = point
        return 0 <= x < self.p and 0 <= y < self.p and (y * y - x * x * x - self.a * x - self.b) % self.p == 0

    def add(self, p1: Point, p2: Point) -> Point:
        if p1 is None:
            return p2
        if p2 is None:
            return p1
        (x1, y1), (x2, y2) = p1, p2
        if x1 == x2:
            if (y1 + y2) % self.p == 0:
                return None
            slope = (3 * x1 * x1 + self.a) * pow(2 * y1, -1, self.p)
        else:
            slope = (y2 - y1) * pow(x2 - x1, -1, self.p)
        x3 = (slope * slope - x1 - x2) % self.p
        return x3, (slope * (x1 - x3) - y1) % self.p

    def multiply(self, k: int, point: Point) -> Point:
        """k * point: by the library for the standard generator, else by double-and-add over
        Jacobian coordinates (one inversion at the end)."""
        if point is None or k % self.n == 0:
            return None
        k %= self.n
        if point == self.g:
            numbers = ec.derive_private_key(k, self.library).public_key().public_numbers()
            return numbers.x, numbers.y
        result: tuple[int, int, int] | None = None
        addend = (point[0], point[1], 1)
        for bit in bin(k)[2:]:
            if result is not None:
                result = self._double(result)
            if bit == "1":
                result = addend if result is None else self._add_jacobian(result, addend)
        return self._affine(result)

    def _double(self, q: tuple[int, int, int]) -> tuple[int, int, int] | None:
        x, y, z = q
        p = self.p
        if y == 0:
            return None
        ysq = y * y % p
        s = 4 * x * ysq % p
        m = (3 * x * x + self.a * pow(z, 4, p)) % p
        nx = (m * m - 2 * s) % p
        ny = (m * (s - nx) - 8 * ysq * ysq) % p
        return nx, ny, 2 * y * z % p

    def _add_jacobian(self, q1: tuple[int, int, int] | None,
                      q2: tuple[int, int, int]) -> tuple[int, int, int] | None:
        if q1 is None:
            return q2
        p = self.p
        x1, y1, z1 = q1
        x2, y2, z2 = q2
        z1z1, z2z2 = z1 * z1 % p, z2 * z2 % p
        u1, u2 = x1 * z2z2 % p, x2 * z1z1 % p
        s1, s2 = y1 * z2 * z2z2 % p, y2 * z1 * z1z1 % p
        if u1 == u2:
            return self._double(q1) if s1 == s2 else None
        h, r = (u2 - u1) % p, (s2 - s1) % p
        hh = h * h % p
        hhh = h * hh % p
        v = u1 * hh % p
        nx = (r * r - hhh - 2 * v) % p
        ny = (r * (v - nx) - s1 * hhh) % p
        return nx, ny, h * z1 * z2 % p

    def _affine(self, q: tuple[int, int, int] | None) -> Point:
        if q is None or q[2] == 0:
            return None
        x, y, z = q
        zinv = pow(z, -1, self.p)
        return x * zinv * zinv % self.p, y * zinv * zinv * zinv % self.p

    def encode(self, point: Point) -> bytes:
        """Uncompressed encoding 04 | x | y (BSI TR-03111)."""
        if point is None:
            raise EcError("the point at infinity has no encoding here")
        return b"\x04" + point[0].to_bytes(self.size, "big") + point[1].to_bytes(self.size, "big")

    def decode(self, data: bytes) -> tuple[int, int]:
        """A point from its uncompressed encoding; EcError unless it lies on this curve."""
        if len(data) != 1 + 2 * self.size or data[0] != 0x04:
            raise EcError(f"{len(data)} bytes is not an uncompressed point on {self.name}")
        point = (int.from_bytes(data[1 : 1 + self.size], "big"), int.from_bytes(data[1 + self.size :], "big"))
        if not self.on_curve(point):
            raise EcError(f"point not on {self.name}")
        return point


def x_coordinate(curve: Curve, k: int, point: bytes) -> bytes:
    """The x-coordinate of k * point (an ECDH agreement) by the library, which also checks that
    `point` lies on the curve; EcError otherwise."""
    try:
        peer = ec.EllipticCurvePublicKey.from_encoded_point(curve.library, point)
        return ec.derive_private_key(k % curve.n, curve.library).exchange(ec.ECDH(), peer)
    except ValueError as exc:
        raise EcError(f"not a point on {curve.name}") from exc


def _generator(curve: ec.EllipticCurve) -> tuple[int, int]:
    numbers = ec.derive_private_key(1, curve).public_key().public_numbers()
    return numbers.x, numbers.y


def _curve(name: str, library: ec.EllipticCurve, p: str, a: str, b: str, n: str) -> Curve:
    return Curve(name, int(p, 16), int(a, 16), int(b, 16), int(n, 16), _generator(library), library)


SECP256R1 = _curve(
    "secp256r1", ec.SECP256R1(),
    "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
    "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC",
    "5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B",
    "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
)
BRAINPOOL_P256R1 = _curve(
    "brainpoolP256r1", ec.BrainpoolP256R1(),
    "A9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377",
    "7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9",
    "26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6",
    "A9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7",
)
# ICAO 9303-11 table 12: standardised domain parameters by their PACE parameter ID.
BY_PARAMETER_ID: dict[int, Curve] = {12: SECP256R1, 13: BRAINPOOL_P256R1}
BY_NAME: dict[str, Curve] = {c.library.name: c for c in BY_PARAMETER_ID.values()}


def parameter_id(curve: Curve) -> int:
    return next(pid for pid, known in BY_PARAMETER_ID.items() if known is curve)

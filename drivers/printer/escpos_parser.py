"""An incremental ESC/POS parser: bytes as a printer receives them in, commands out.

It knows the commands a receipt uses (initialise, alignment, text and line feeds, raster images
GS v 0, the QR code functions of GS ( k, cut, real-time status DLE EOT) and the lengths of the
common setting commands python-escpos sends (character size, emphasis, code page, line spacing),
so it never loses its place in the stream; a command it does not know is reported, not guessed.
Bytes that end part-way through a command wait for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, DLE, LF, CR = 0x1B, 0x1D, 0x10, 0x0A, 0x0D

# Fixed argument counts after ESC x / GS x.
_ESC_ARGS = {b"@": 0, b"a": 1, b"!": 1, b"E": 1, b"-": 1, b"M": 1, b"t": 1, b"d": 1, b"J": 1, b"2": 0,
             b"3": 1, b"G": 1, b"V": 1, b"{": 1, b"R": 1, b"p": 3, b"r": 1, b" ": 1, b"$": 2, b"\\": 2,
             b"e": 1, b"U": 1, b"i": 0, b"m": 0, b"=": 1}
_GS_ARGS = {b"!": 1, b"B": 1, b"b": 1, b"h": 1, b"w": 1, b"H": 1, b"f": 1, b"L": 2, b"W": 2, b"a": 1,
            b"r": 1, b"I": 1, b"/": 1, b"P": 2, b"$": 2, b"\\": 2, b"E": 1}


@dataclass(frozen=True)
class Command:
    """One parsed command. `name` is what it does; `args` its argument bytes (a raster image's
    header, a QR function's parameters); `data` its payload (image bytes, QR content, text)."""

    name: str
    args: bytes = b""
    data: bytes = field(default=b"", repr=False)


class EscPosParser:
    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, chunk: bytes) -> list[Command]:
        """Every command complete in what has arrived so far; an incomplete one waits."""
        self._buffer += chunk
        out: list[Command] = []
        while self._buffer:
            parsed = self._next(bytes(self._buffer))
            if parsed is None:
                break
            command, used = parsed
            del self._buffer[:used]
            out.append(command)
        return out

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def _next(self, b: bytes) -> tuple[Command, int] | None:
        first = b[0]
        if first == ESC:
            return _fixed(b, _ESC_ARGS, "esc")
        if first == GS:
            return self._gs(b)
        if first == DLE:
            if len(b) < 3:
                return None
            if b[1] == 0x04:
                return Command("status", bytes([b[2]])), 3
            return Command("dle", b[1:3]), 3
        if first == LF:
            return Command("newline"), 1
        if first == CR:
            return Command("carriage_return"), 1
        if first < 0x20:
            return Command("control", bytes([first])), 1
        end = 0
        while end < len(b) and b[end] >= 0x20 and b[end] not in (ESC, GS, DLE):
            end += 1
        return Command("text", data=b[:end]), end

    def _gs(self, b: bytes) -> tuple[Command, int] | None:
        if len(b) < 2:
            return None
        op = b[1:2]
        if op == b"v":  # GS v 0 m xL xH yL yH d1...dk: raster bit image, x bytes by y dots
            if len(b) < 8:
                return None
            width_bytes = b[4] | b[5] << 8
            rows = b[6] | b[7] << 8
            end = 8 + width_bytes * rows
            if len(b) < end:
                return None
            return Command("raster", b[2:8], b[8:end]), end
        if op == b"(":  # GS ( x pL pH ...: a function with a length (QR codes are GS ( k)
            if len(b) < 5:
                return None
            length = b[3] | b[4] << 8
            end = 5 + length
            if len(b) < end:
                return None
            body = b[5:end]
            if b[2:3] == b"k" and len(body) >= 2:
                # cn fn [m] data: the store function (fn 80) carries m then the code's content
                cn, fn = body[0], body[1]
                if fn == 80:
                    return Command("qr_store", bytes([cn, fn]), body[3:]), end
                return Command(f"2d_{fn}", bytes([cn, fn]), body[2:]), end
            return Command("gs_function", b[2:3], body), end
        if op == b"V":  # cut: GS V m, or GS V m n for m 65/66 (feed, then cut)
            if len(b) < 3:
                return None
            if b[2] in (65, 66):
                if len(b) < 4:
                    return None
                return Command("cut", b[2:4]), 4
            return Command("cut", b[2:3]), 3
        if op == b"k":  # barcode: GS k m ... NUL (m < 65) or GS k m n d1..dn
            if len(b) < 3:
                return None
            if b[2] < 65:
                nul = b.find(b"\x00", 3)
                return None if nul < 0 else (Command("barcode", b[2:3], b[3:nul]), nul + 1)
            if len(b) < 4 or len(b) < 4 + b[3]:
                return None
            return Command("barcode", b[2:3], b[4:4 + b[3]]), 4 + b[3]
        return _fixed(b, _GS_ARGS, "gs")


def _fixed(b: bytes, table: dict[bytes, int], prefix: str) -> tuple[Command, int] | None:
    if len(b) < 2:
        return None
    op = b[1:2]
    count = table.get(op)
    if count is None:
        return Command(f"unknown_{prefix}", op), 2
    if len(b) < 2 + count:
        return None
    return Command(f"{prefix}_{op.decode('latin-1')}", b[2:2 + count]), 2 + count

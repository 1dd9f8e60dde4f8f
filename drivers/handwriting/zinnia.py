"""ctypes binding of libzinnia (Debian's libzinnia0): open a model, classify one character.

zinnia is an SVM-based online handwriting recogniser: a character is a list of strokes, each a list
of (x, y) points in a width × height box, y downwards; `classify` gives the n best classes with an
SVM score (higher is better, roughly -1.5 … 1). A recogniser is read-only once open and zinnia keeps
no state between calls, so one model serves every thread; ctypes releases the GIL during the call.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Sequence
from pathlib import Path

LIBRARY = "libzinnia.so.0"

_P = ctypes.c_void_p
_SIGNATURES: dict[str, tuple[list[type], type | None]] = {
    "zinnia_recognizer_new": ([], _P),
    "zinnia_recognizer_destroy": ([_P], None),
    "zinnia_recognizer_open": ([_P, ctypes.c_char_p], ctypes.c_int),
    "zinnia_recognizer_strerror": ([_P], ctypes.c_char_p),
    "zinnia_recognizer_size": ([_P], ctypes.c_size_t),
    "zinnia_recognizer_value": ([_P, ctypes.c_size_t], ctypes.c_char_p),
    "zinnia_recognizer_classify": ([_P, _P, ctypes.c_size_t], _P),
    "zinnia_character_new": ([], _P),
    "zinnia_character_destroy": ([_P], None),
    "zinnia_character_set_width": ([_P, ctypes.c_size_t], None),
    "zinnia_character_set_height": ([_P, ctypes.c_size_t], None),
    "zinnia_character_add": ([_P, ctypes.c_size_t, ctypes.c_int, ctypes.c_int], ctypes.c_int),
    "zinnia_result_size": ([_P], ctypes.c_size_t),
    "zinnia_result_value": ([_P, ctypes.c_size_t], ctypes.c_char_p),
    "zinnia_result_score": ([_P, ctypes.c_size_t], ctypes.c_float),
    "zinnia_result_destroy": ([_P], None),
}

_lib: ctypes.CDLL | None = None


class ZinniaError(RuntimeError):
    """libzinnia is missing or a model cannot be opened (the message says which, and why)."""


def library() -> ctypes.CDLL:
    """libzinnia with its C signatures declared; ZinniaError when it is not installed."""
    global _lib
    if _lib is None:
        bundled = Path(getattr(sys, "_MEIPASS", "")) / LIBRARY  # the PyInstaller bundle's own copy
        try:
            lib = ctypes.CDLL(str(bundled) if bundled.is_file() else ctypes.util.find_library("zinnia") or LIBRARY)
        except OSError as e:
            raise ZinniaError(f"{LIBRARY} not found (apt-get install libzinnia0): {e}") from e
        for name, (args, result) in _SIGNATURES.items():
            fn = getattr(lib, name)
            fn.argtypes = args
            fn.restype = result
        _lib = lib
    return _lib


class Model:
    """One zinnia model file, open for classifying (zinnia maps the file; opening takes ~1 ms)."""

    def __init__(self, path: Path) -> None:
        lib = library()
        self.path = path
        self._lib = lib
        self._rec = lib.zinnia_recognizer_new()
        if not lib.zinnia_recognizer_open(self._rec, str(path).encode()):
            why = (lib.zinnia_recognizer_strerror(self._rec) or b"").decode(errors="replace")
            lib.zinnia_recognizer_destroy(self._rec)
            self._rec = None
            raise ZinniaError(f"cannot open {path}: {why}")

    def characters(self) -> list[str]:
        """Every character the model knows."""
        n = self._lib.zinnia_recognizer_size(self._rec)
        return [self._lib.zinnia_recognizer_value(self._rec, i).decode() for i in range(n)]

    def classify(self, strokes: Sequence[Sequence[tuple[float, float]]], size: int, n: int) -> list[tuple[str, float]]:
        """The n best (character, score) for `strokes` drawn in a size × size box, best first."""
        lib = self._lib
        char = lib.zinnia_character_new()
        try:
            lib.zinnia_character_set_width(char, size)
            lib.zinnia_character_set_height(char, size)
            for i, stroke in enumerate(strokes):
                for x, y in stroke:
                    lib.zinnia_character_add(char, i, round(x), round(y))
            result = lib.zinnia_recognizer_classify(self._rec, char, n)
            if not result:
                return []
            try:
                return [(lib.zinnia_result_value(result, i).decode(), float(lib.zinnia_result_score(result, i)))
                        for i in range(lib.zinnia_result_size(result))]
            finally:
                lib.zinnia_result_destroy(result)
        finally:
            lib.zinnia_character_destroy(char)

    def close(self) -> None:
        if self._rec is not None:
            self._lib.zinnia_recognizer_destroy(self._rec)
            self._rec = None

    def __del__(self) -> None:
        rec = getattr(self, "_rec", None)
        if rec is not None:
            self._lib.zinnia_recognizer_destroy(rec)

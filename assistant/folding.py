"""Accents folded away, so "café" and "cafe", "résumé" and "resume" are one word to the keyword
index and to role names. Each character stays one character, so positions found in the folded
text are positions in the original."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def fold(text: str) -> str:
    """`text` with each accented letter made its base letter ("café" -> "cafe"), same length."""
    return text if text.isascii() else "".join(_base(c) for c in text)


@lru_cache(maxsize=4096)
def _base(char: str) -> str:
    parts = unicodedata.normalize("NFD", char)
    return parts[0] if len(parts) > 1 and all(unicodedata.combining(c) for c in parts[1:]) else char

"""Role names misspelt in a question ("secuirty analyst", "UX desinger", "nurse practioners")
read as the role meant, with a notice that says so. Without it the question is about a job
no document describes, and is answered as such ("the documents say nothing about secuirty
analysts"), or worse, about whichever role comes nearest.

A word is taken for a misspelling only when the documents never use it, nor is it a word of
the model's vocabulary ("range" is a word, not "ranger" misspelt), it is close to a
word of a role's name (difflib's ratio, at least CUTOFF, or two letters swapped), and the question with that one
word corrected names the role right there. Two misspellings in one name ("securty analst")
are left alone: neither correction alone names a role.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache

from assistant.roles import RoleBook, plural_of

CUTOFF = 0.85  # "anaylst"/"analyst" 0.86, "desinger"/"designer" 0.88; "analysis"/"analyst" 0.80
MAX_TRIES = 5  # words tried per question: a long paste of unknown words stays cheap
_WORD = re.compile(r"[A-Za-z]{5,}")  # shorter words are too close to too many others


# Contractions typed without the apostrophe ("whats the night shift premium?", "dont they get
# overtime?"), which would otherwise be words no document uses.
_APOSTROPHE_DROPPED = re.compile(
    r"\b(what|who|where|how|that|there)s\b|\b(do|does|did|is|are|was|were|has|have|had|should|would|could)nt\b"
    r"|\b(ca|wo)nt\b|\b(they|you|we)re\b",
    re.IGNORECASE,
)


def _with_apostrophe(m: re.Match) -> str:
    word, cut = m.group(0), 2 if m.group(4) else 1  # "they're"; "what's", "don't"
    return f"{word[:-cut]}'{word[-cut:]}"


class Speller:
    """Corrects the role names of one role book; `known(word)` tells whether the documents
    use a (lower-case) word. Made once per index: it remembers each word's nearest role word."""

    def __init__(self, roles: RoleBook, known: Callable[[str], bool], english: frozenset[str] = frozenset()) -> None:
        self.roles = roles
        self._english = english  # words that are words (embed.base.model_words), though no document uses them
        words = {
            w.lower()
            for r in roles.roles.values()
            for name in (r.name, r.plural, *r.aliases)
            if not name.isupper()
            for w in name.split()
            if len(w) >= 4
        }
        self._words = sorted(words | {plural_of(w) for w in words if not w.endswith("s")})
        self._is_word = frozenset(self._words)
        self._known = known
        self._nearest = lru_cache(maxsize=8192)(self._find_nearest)

    def correct(self, text: str) -> tuple[str, list[str]]:
        """`text` with misspelt role names corrected, and a notice for each correction; words
        typed without their apostrophe are read with it, without one ("whats" -> "what's")."""
        text = _APOSTROPHE_DROPPED.sub(_with_apostrophe, text)
        fixes: list[tuple[int, int, str]] = []  # (start, end, the word meant), in `text`
        notices = []
        tried = 0
        for m in _WORD.finditer(text):
            nearest = self._nearest(m.group(0).lower())
            if nearest is None:
                continue
            tried += 1
            if tried > MAX_TRIES:
                break
            fixed = text[: m.start()] + nearest + text[m.end() :]
            mention = next((x for x in self.roles.mentions(fixed) if x.start <= m.start() < x.end), None)
            if mention is None:
                continue  # close to a role's word, but no role's name once corrected
            fixes.append((m.start(), m.end(), nearest))
            was = text[mention.start : mention.end - len(nearest) + len(m.group(0))]
            notices.append(f"read “{was}” as “{fixed[mention.start : mention.end]}”")
        for start, end, word in reversed(fixes):  # from the end: earlier offsets stay right
            text = text[:start] + word + text[end:]
        return text, notices

    def _find_nearest(self, word: str) -> str | None:
        """The role word `word` is a misspelling of, or None (a role word itself, or a word
        the documents use, is none)."""
        if word in self._is_word or self._known(word) or word in self._english or word[:-1] in self._english:
            return None
        close = difflib.get_close_matches(word, self._words, n=1, cutoff=CUTOFF)
        if close:
            return close[0]
        # Two letters typed the wrong way round ("vidoe" for "video"), which the ratio
        # scores as two changes in a short word.
        swapped = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
        return next((w for w in swapped if w in self._is_word), None)

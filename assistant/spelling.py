"""Role names misspelt in a question ("secuirty analyst", "UX desinger", "nurse practioners")
read as the role meant, with a notice that says so. Without it the question is about a job
no document describes, and is answered as such ("the documents say nothing about secuirty
analysts"), or worse, about whichever role comes nearest.

A word is taken for a misspelling only when the documents never use it, nor is it a word of
the model's vocabulary ("range" is a word, not "ranger" misspelt), it is close to a
word of a role's name (difflib's ratio, at least CUTOFF, or two letters swapped), and the question with that one
word corrected names the role right there. Two misspellings in one name ("securty analst")
are left alone: neither correction alone names a role.

Another word of the question ("how long is the trainng?") is read as the English word the
documents use that it is one slip of the keys away from ("training"), unless it reads as a
word for people by their work ("projectionists" are no "projections").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache

from assistant.roles import RoleBook, plural_of
from assistant.titles import person_word

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


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by one letter added, dropped or changed, or two swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = a[start + 1 : start + 2] + a[start : start + 1] == b[start : start + 2]
        return a[start + 1 :] == b[start + 1 :] or (swapped and a[start + 2 :] == b[start + 2 :])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1 :] == shorter[start:]


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
        self._misspelt = lru_cache(maxsize=8192)(self._may_be_misspelt)  # (asked of every word of every question)
        self._used: list[str] | None = None  # the English words the documents use
        self._nearest_used = lru_cache(maxsize=8192)(self._find_used_nearest)

    def correct(self, text: str) -> tuple[str, list[str]]:
        """`text` with misspelt role names and words of what it asks corrected ("trainng"), and
        a notice for each correction; words typed without their apostrophe are read with it,
        without one ("whats" -> "what's")."""
        text = _APOSTROPHE_DROPPED.sub(_with_apostrophe, text)
        fixes: list[tuple[int, int, str]] = []  # (start, end, the word meant), in `text`
        notices = []
        tried = 0
        for m in _WORD.finditer(text):
            word = m.group(0).lower()
            nearest = self._nearest(word)  # a role's word, else maybe another word the documents use
            hyphened = text[m.start() - 1 : m.start()] == "-" or text[m.end() : m.end() + 1] == "-"
            if nearest is None and (hyphened or not self._misspelt(word)):  # (not "ordinators" of "co-ordinators")
                continue
            tried += 1
            if tried > MAX_TRIES:
                break
            fixed, mention = text, None
            if nearest is not None:
                fixed = text[: m.start()] + nearest + text[m.end() :]
                mention = next((x for x in self.roles.mentions(fixed) if x.start <= m.start() < x.end), None)
            # not a role's name once corrected: maybe a word of what is asked ("trainng")
            if nearest is None or mention is None:
                if not hyphened and (used := self._nearest_used(word)):
                    fixes.append((m.start(), m.end(), used))
                    notices.append(f"read “{m.group(0)}” as “{used}”")
                continue
            fixes.append((m.start(), m.end(), nearest))
            was = text[mention.start : mention.end - len(nearest) + len(m.group(0))]
            notices.append(f"read “{was}” as “{fixed[mention.start : mention.end]}”")
        for start, end, word in reversed(fixes):  # from the end: earlier offsets stay right
            text = text[:start] + word + text[end:]
        return text, notices

    def _may_be_misspelt(self, word: str) -> bool:
        """Whether `word` may be a misspelling: neither a role's word, nor used by the documents, nor English."""
        return not (word in self._is_word or self._known(word) or word in self._english or word[:-1] in self._english)

    def _find_used_nearest(self, word: str) -> str | None:
        """The English word the documents use that `word` (see _misspelt) is a misspelling of,
        or None: "training" for "trainng"."""
        # (not a word for people by their work no document uses: "projectionists" -> "projections")
        if not self._misspelt(word) or person_word(word) is not None:
            return None
        if self._used is None:  # (once per index, at the first such word)
            self._used = sorted(w for w in self._english if len(w) >= 5 and self._known(w))
        # (one slip of the keys: not another form of a word, "specialties" -> "specializes")
        close = difflib.get_close_matches(word, self._used, n=3, cutoff=CUTOFF)
        return next((w for w in close if _one_edit(word, w)), None)

    def _find_nearest(self, word: str) -> str | None:
        """The role word `word` is a misspelling of, or None (a role word itself, or a word
        the documents use, is none)."""
        if not self._misspelt(word):
            return None
        close = difflib.get_close_matches(word, self._words, n=1, cutoff=CUTOFF)
        if close:
            return close[0]
        # Two letters typed the wrong way round ("vidoe" for "video"), which the ratio
        # scores as two changes in a short word.
        swapped = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
        return next((w for w in swapped if w in self._is_word), None)

"""Role names misspelt in a question ("secuirty analyst", "UX desinger", "nurse practioners")
read as the role meant, with a notice that says so. Without it the question is about a job
no document describes, and is answered as such ("the documents say nothing about secuirty
analysts"), or worse, about whichever role comes nearest.

A word is taken for a misspelling only when the documents never use it, it is close to a
word of a role's name (difflib's ratio, at least CUTOFF), and the corrected question then
names that role right there.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from assistant.roles import RoleBook

CUTOFF = 0.8  # "desinger"/"designer" 0.88, "technicl"/"technical" 0.94; "secure"/"security" 0.71
_WORD = re.compile(r"[A-Za-z]{5,}")  # shorter words are too close to too many others


def role_words(roles: RoleBook) -> frozenset[str]:
    """The words of the roles' names and aliases (acronyms aside), singular and plural."""
    words = {
        w.lower()
        for r in roles.roles.values()
        for name in (r.name, r.plural, *r.aliases)
        if not name.isupper()
        for w in name.split()
        if len(w) >= 4
    }
    return frozenset(words | {w + "s" for w in words if not w.endswith("s")})


def correct(text: str, roles: RoleBook, words: frozenset[str], known: Callable[[str], bool]) -> tuple[str, list[str]]:
    """`text` with misspelt role names corrected, and a notice for each correction. `words`
    are the role_words; `known(word)` tells whether the documents use a (lower-case) word."""
    notices = []
    for m in reversed(list(_WORD.finditer(text))):  # from the end: earlier offsets stay right
        if m.group(0).lower() in words or known(m.group(0).lower()):
            continue
        close = difflib.get_close_matches(m.group(0).lower(), sorted(words), n=1, cutoff=CUTOFF)
        if not close:
            continue
        fixed = text[: m.start()] + close[0] + text[m.end() :]
        mention = next((x for x in roles.mentions(fixed) if x.start <= m.start() < x.end), None)
        if mention is None:
            continue  # close to a role's word, but no role's name once corrected
        was = text[mention.start : mention.end - len(close[0]) + len(m.group(0))]
        notices.append(f"read “{was}” as “{fixed[mention.start : mention.end]}”")
        text = fixed
    return text, notices[::-1]

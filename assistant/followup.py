"""Follow-up questions: "how much do they earn?" after "who deploys models?".

The conversation's earlier questions are read oldest first to find the role being talked
about: a question that names a role sets it; one that names none is answered (by the
caller's `role_of`) and the role of its answer sets it. The new question, when it names no
role, has its pronoun replaced by that role ("they" -> "ML engineers"), or, when it is an
elliptical "and ...?" / "what about ...?", gets the role added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from assistant.roles import BOTH, RoleBook

_SUBJECT = r"they|them|he|she|him|this role|that role|this job|that job|these roles|those roles|these people|those people"
_POSSESSIVE = r"their|theirs|his|her|hers"
_PRONOUN = re.compile(rf"\b(?:(?P<subj>{_SUBJECT})|(?P<poss>{_POSSESSIVE}))\b", re.IGNORECASE)
_ELLIPSIS = re.compile(r"^\s*(?:and|also|what about|how about|same for)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Resolution:
    text: str          # the question as it will be answered
    role: str | None   # the role the conversation was about, when the question used it
    note: str | None   # how it was understood, for people: '"they" = ML engineers'


def conversation_role(history: list[str], roles: RoleBook,
                      role_of: Callable[[str], str | None]) -> str | None:
    current: str | None = None
    for question in history:
        named = roles.mentioned(question)
        if len(named) == 1:
            current = named[0]
        elif len(named) > 1:
            current = BOTH
        elif not _PRONOUN.search(question) and not _ELLIPSIS.search(question):
            current = role_of(question) or current
    return current


def resolve(question: str, history: list[str], roles: RoleBook,
            role_of: Callable[[str], str | None]) -> Resolution:
    """The question rewritten to stand alone, when it leans on the conversation."""
    if not history or roles.mentioned(question):
        return Resolution(question, None, None)
    pronoun = _PRONOUN.search(question)
    ellipsis = _ELLIPSIS.search(question)
    if not pronoun and not ellipsis:
        return Resolution(question, None, None)
    role = conversation_role(history, roles, role_of)
    if role is None:
        return Resolution(question, None, None)
    group = roles.group_name(role)
    if pronoun:
        def replace(m: re.Match) -> str:
            return group if m.group("subj") else f"{group}’"
        text = _PRONOUN.sub(replace, question)
        note = f"“{pronoun.group(0)}” = {group}"
    else:
        text = f"{question.rstrip(' ?')} ({group})?"
        note = f"read as about {group}"
    return Resolution(text, role, note)

"""Follow-up questions: "how much do they earn?" after "who deploys models?".

The conversation's earlier questions are read oldest first to find the role being talked
about: a question that names a role sets it; one that names none is answered (by the
caller's `role_of`) and the role of its answer sets it. The new question, when it names no
role, has its pronoun replaced by that role ("they" -> "ML engineers"), or, when it is an
elliptical "and ...?" / "what about ...?", gets the role added.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.roles import BOTH, RoleBook, named_after, with_article

_SUBJECT = (
    r"they|them|he|she|him|this role|that role|this job|that job|these roles|those roles|these people|those people"
)
_POSSESSIVE = r"their|theirs|his|her|hers"
_PRONOUN = re.compile(rf"\b(?:(?P<subj>{_SUBJECT})|(?P<poss>{_POSSESSIVE}))\b", re.IGNORECASE)
_ELLIPSIS = re.compile(r"^\s*(?:and|also|what about|how about|same for)\b", re.IGNORECASE)
# "become one", "hire one": "one" stands for a person in the role.
_ONE = re.compile(r"\b(become|be|hire|as|for)\s+one\b", re.IGNORECASE)
# "why is that?", "how so?": short questions about the previous answer.
_ABOUT_PREVIOUS = re.compile(r"^\W*(?:why|how|and|really|is|so)\b[^?]{0,20}\b(?:that|this|it|so)\b\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Resolution:
    text: str  # the question as it will be answered
    note: str | None  # how it was understood, for people: '"they" = ML engineers'


def conversation_role(history: list[str], roles: RoleBook, role_of: Callable[[str], str | None]) -> str | None:
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


def resolve(question: str, history: list[str], roles: RoleBook, role_of: Callable[[str], str | None]) -> Resolution:
    """The question rewritten to stand alone, when it leans on the conversation."""
    if not history:
        return Resolution(question, None)
    if _ABOUT_PREVIOUS.search(question):
        previous = history[-1]
        return Resolution(f"{question.rstrip(' ?')}: {previous}", f"about “{previous}”")
    named = roles.mentioned(question)
    if _ELLIPSIS.search(question) and len(named) == 1:
        # "and ML engineers?" after "what do data scientists do?": the same question, other role.
        swapped = _swap_role(history[-1], named[0], roles)
        if swapped:
            return Resolution(swapped, f"the previous question, about {roles.display(named[0])}")
    pronoun = _PRONOUN.search(question) or _ONE.search(question)
    ellipsis = _ELLIPSIS.search(question) and not named
    if not pronoun and not ellipsis:
        return Resolution(question, None)
    role = conversation_role(history, roles, role_of)
    # "how can they move into ML engineering?": a pronoun can only stand for a role the
    # question does not name itself.
    if role is None or role in named or (named and role == BOTH):
        return Resolution(question, None)
    group = roles.group_name(role)
    if pronoun:
        person = with_article(roles.roles[role].name) if role in roles.roles else group

        def replace(m: re.Match) -> str:
            if m.re is _ONE:
                return f"{m.group(1)} {person}"
            return group if m.group("subj") else f"{group}’"

        text = _ONE.sub(replace, _PRONOUN.sub(replace, question))
        note = f"“{pronoun.group(0)}” = {group}"
    else:
        text = f"{question.rstrip(' ?')} ({group})?"
        note = f"read as about {group}"
    return Resolution(text, note)


def _swap_role(question: str, role_id: str, roles: RoleBook) -> str | None:
    """`question` with its role names replaced by `role_id`'s; None when it names no role."""
    mentions = roles.mentions(question)
    if not mentions or all(m.role_id == role_id for m in mentions):
        return None
    role = roles.roles[role_id]
    out, last = [], 0
    for m in mentions:
        out.append(named_after(question[last : m.start], role, m.plural))  # "a data scientist" -> "an ML engineer"
        last = m.end
    return "".join(out) + question[last:]

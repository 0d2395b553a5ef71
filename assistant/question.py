"""What a question asks, as far as ranking and the answer line care: which roles it names,
whether it compares roles, and whether its answer is a role ("who deploys models?")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.roles import RoleBook

# Words that make a question a comparison of roles ("which pays more?", "what do both need?").
_COMPARISON = re.compile(
    r"\b(both|common|compare[sd]?|comparison|compared|differ\w*|versus|vs|more|less|"
    r"higher|lower|better|worse|similar\w*|same)\b",
    re.IGNORECASE,
)
# Questions whose answer is a role ("who deploys models?", "which role uses BI tools?",
# "which pays more?"), as opposed to "which languages do ML engineers know?".
_ROLE_SEEKING = re.compile(
    r"^\W*(who|whom|whose)\b|\bwhich\s+(?:of\s+(?:the|them|these)\b|(?:role|job|one|position|profession|"
    r"career|person|people|is|are|has|does|do|pays?|earns?|makes?|gets?|needs?|uses?|writes?|works?)\b)",
    re.IGNORECASE,
)
# Which way a comparison points ("which pays more?" / "which pays less?").
MORE = re.compile(r"\b(more|higher|better|greater|further|stronger|most|highest|best)\b", re.IGNORECASE)
LESS = re.compile(r"\b(less|lower|fewer|worse|weaker|least|lowest|worst)\b", re.IGNORECASE)
# Questions about what the roles share ("what do both need?"): their answer is not one role.
_ABOUT_BOTH = re.compile(r"\b(both|common|share[sd]?|same|similar\w*|alike|overlap\w*)\b", re.IGNORECASE)


# What kind of answer a question expects, and what a sentence holding one looks like: an
# amount of money for "what does X earn?", a number for "how many ...?", names of tools for
# "which tools ...?". The classic answer-type check of extractive question answering.
_EXPECTS = {
    "money": re.compile(
        r"\b(earn\w*|make|makes|paid|pay|pays|salar(y|ies)|income|compensation|wages?|bonus\w*)\b", re.IGNORECASE
    ),
    "number": re.compile(
        r"\bhow (many|often|long|much time)\b|\bwhat (percentage|share|proportion|fraction)\b|"
        r"\b(divided|split)\b",
        re.IGNORECASE,
    ),
    "names": re.compile(
        r"\b(which|what)\b.*\b(tools?|software|stack|platforms?|technolog\w*|languages?|"
        r"frameworks?|apps?|applications?|programs?|systems?)\b",
        re.IGNORECASE,
    ),
}
_ANSWERS = {
    "money": re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s?(k|dollars|euros|pounds)\b", re.IGNORECASE),
    "number": re.compile(
        r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|twice|once|"
        r"dozen|hundred|every|daily|weekly|monthly|yearly)\b",
        re.IGNORECASE,
    ),
    "names": re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w+#.-]*[A-Za-z+#]"),  # a capitalised word past the first
}


@dataclass(frozen=True)
class Frame:
    roles: tuple[str, ...]  # roles it names, in order
    comparison: bool  # compares roles
    role_seeking: bool  # its answer is one role
    direction: str | None = None  # "more" or "less", for a comparison
    shared: bool = False  # asks what the roles have in common
    expects: str | None = None  # "money", "number" or "names": the kind of answer it asks for

    def answered_by(self, sentence: str) -> bool:
        """Whether `sentence` holds the kind of answer the question expects (True when it expects none)."""
        return self.expects is None or bool(_ANSWERS[self.expects].search(sentence))


def frame(question: str, roles: RoleBook) -> Frame:
    named = tuple(roles.mentioned(question))
    comparison = bool(_COMPARISON.search(question)) and len(named) != 1
    # A question that names one role already has its role.
    shared = bool(_ABOUT_BOTH.search(question))
    seeking = bool(_ROLE_SEEKING.search(question)) and len(named) != 1 and not shared
    direction = "less" if LESS.search(question) else "more" if MORE.search(question) else None
    without_roles = roles.without_mentions(question)
    expects = next((kind for kind, pattern in _EXPECTS.items() if pattern.search(without_roles)), None)
    return Frame(named, comparison, seeking, direction if comparison else None, shared and len(named) != 1, expects)

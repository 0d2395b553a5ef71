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


@dataclass(frozen=True)
class Frame:
    roles: tuple[str, ...]  # roles it names, in order
    comparison: bool  # compares roles
    role_seeking: bool  # its answer is one role
    direction: str | None = None  # "more" or "less", for a comparison
    shared: bool = False  # asks what the roles have in common


def frame(question: str, roles: RoleBook) -> Frame:
    named = tuple(roles.mentioned(question))
    comparison = bool(_COMPARISON.search(question)) and len(named) != 1
    # A question that names one role already has its role.
    shared = bool(_ABOUT_BOTH.search(question))
    seeking = bool(_ROLE_SEEKING.search(question)) and len(named) != 1 and not shared
    direction = "less" if LESS.search(question) else "more" if MORE.search(question) else None
    return Frame(named, comparison, seeking, direction if comparison else None, shared and len(named) != 1)

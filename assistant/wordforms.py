"""One spelling for each word the keyword index compares: British spellings read as American
ones ("organisation", "centre", "labour", "licence" as "organization", "center", "labor",
"license"), and the stems of one word family joined where the Snowball stemmer keeps them apart
("certified" certifi / "certification" certif, "registered" regist / "registration" registr).

A question typed one way then finds a document written the other. Both sides go through the
same rules, so a rule that also changes a word it was not meant for ("otherwise" to
"otherwize") does no harm: it changes it everywhere alike.
"""

from __future__ import annotations

import re

# Applied to lower-cased text, before it is cut into words.
_BRITISH = (
    (re.compile(r"\b([a-z]{3,})is(e|es|ed|ing|er|ers|ation|ations)\b"), r"\1iz\2"),  # organise, organisation
    (re.compile(r"\b([a-z]{2,})ys(e|es|ed|ing)\b"), r"\1yz\2"),  # analyse, analysing
    (re.compile(r"\b([a-z]{3,})our(s|ed|ing|able|ite|ites)?\b"), r"\1or\2"),  # labour, behaviour; not hour, tour
    (re.compile(r"\b([a-z]{2,}[tb])re(s|d)?\b"), r"\1er\2"),  # centre, fibre
    (re.compile(r"\b(lic|def|off|pret)ence(s)?\b"), r"\1ense\2"),  # licence, defence
    (re.compile(r"\b([a-z]{3,})ogue(s)?\b"), r"\1og\2"),  # catalogue, dialogue
    (re.compile(r"\bprogramme(s)?\b"), r"program\1"),
    (re.compile(r"(?<=[a-z])ae(?=[a-z])"), "e"),  # paediatric, anaesthetist, haematology
)


def american(text: str) -> str:
    """`text` (lower case) with British spellings replaced by American ones."""
    for pattern, replacement in _BRITISH:
        text = pattern.sub(replacement, text)
    return text


def family(stem: str) -> str:
    """One stem for a word family the stemmer splits: certifi/certif, qualifi/qualif,
    registr/regist, administr/administ, synthesi/synthes, analyz/analys (the verb's stem and
    the noun's)."""
    if len(stem) >= 5 and stem.endswith(("fi", "str", "si")):
        return stem[:-1]
    if stem.endswith("yz"):
        return stem[:-1] + "s"
    return stem

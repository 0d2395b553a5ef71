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

# Applied to lower-cased text, before it is cut into words: one pass over the text, each
# alternative a stem (group "s<n>") and an ending (group "e<n>"), with what replaces the middle.
_BRITISH = (
    (r"[a-z]{3,}", "is", "iz", r"e|es|ed|ing|er|ers|ation|ations"),  # organise, organisation
    (r"[a-z]{2,}", "ys", "yz", r"e|es|ed|ing"),  # analyse, analysing
    (r"[a-z]{3,}", "our", "or", r"s|ed|ing|able|ite|ites|"),  # labour, behaviour; not hour, tour
    (r"[a-z]{2,}[tb]", "re", "er", r"s|d|"),  # centre, fibre
    (r"lic|def|off|pret", "ence", "ense", r"s|"),  # licence, defence
    (r"[a-z]{3,}", "ogue", "og", r"s|"),  # catalogue, dialogue
    (r"program", "me", "", r"s|"),  # programme
)
_ALTERNATIVES = (f"(?P<s{n}>{stem}){middle}(?P<e{n}>{end})" for n, (stem, middle, _, end) in enumerate(_BRITISH))
_SPELLINGS = re.compile(r"\b(?:" + "|".join(_ALTERNATIVES) + r")\b")
_AE = re.compile(r"(?<=[a-z])ae(?=[a-z])")  # paediatric, anaesthetist, haematology


def _american_word(match: re.Match) -> str:
    n = next(i for i in range(len(_BRITISH)) if match.group(f"s{i}") is not None)
    return match.group(f"s{n}") + _BRITISH[n][2] + match.group(f"e{n}")


def american(text: str) -> str:
    """`text` (lower case) with British spellings replaced by American ones."""
    text = _SPELLINGS.sub(_american_word, text)
    return _AE.sub("e", text) if "ae" in text else text


def family(stem: str) -> str:
    """One stem for a word family the stemmer splits: certifi/certif, qualifi/qualif,
    registr/regist, administr/administ, synthesi/synthes, analyz/analys (the verb's stem and
    the noun's)."""
    if len(stem) >= 5 and stem.endswith(("fi", "str", "si")):
        return stem[:-1]
    if stem.endswith("yz"):
        return stem[:-1] + "s"
    return stem

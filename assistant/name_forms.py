"""The forms people write a title in besides its own: clipped ("crane op", "tech writer"),
initials ("BI analyst"), an acronym the documents use ("SRE"), another spelling ("mortgage
advisor"), one word as two ("sign writer"). The role book matches a question by any of them.
"""

from __future__ import annotations

import re

from assistant.titles import as_written

# Words people shorten in a title ("tech writer" for "technical writer", "sales rep").
_CLIPPED = {
    "technical": "tech",
    "information": "info",
    "administrative": "admin",
    "operations": "ops",
    "development": "dev",
    "laboratory": "lab",
    "communications": "comms",
    "mathematics": "math",
    "representative": "rep",  # "sales development rep", "customer service reps"
    "operator": "op",  # "crane op"
    "administrator": "admin",
    "technician": "tech",  # "pharmacy tech", "vet tech"
    "veterinary": "vet",
}


def with_clipped_head(words: list[str]) -> list[str]:
    """A title as written, and with its last word clipped as people clip it ("crane op")."""
    name = " ".join(as_written(w) for w in words)
    clipped = _CLIPPED.get(words[-1].lower())
    return [name, " ".join([*(as_written(w) for w in words[:-1]), clipped])] if clipped and len(words) > 1 else [name]


def acronyms(words: list[str], said: list[str]) -> list[str]:
    """Short forms of a title: each side of a modifier with a slash ("UX designer" and "UI
    designer" for "UX/UI designer"), its modifiers' initials before the occupation ("BI analyst" for
    "business intelligence analyst", "ML researcher") or the usual clipping of a modifier
    ("tech writer"), or of the head after one modifier ("wind tech" for "wind turbine
    technician"), which people write whether or not the documents do, and an acronym of
    the whole title that the documents use (`said`: their bodies and headings; "SRE" for "site
    reliability engineer"; one they never use, like "MLR", would mostly match something else)."""
    modifiers, head = words[:-1], words[-1]
    found = []
    for i, word in enumerate(modifiers):  # "BSL interpreter" for "BSL/English interpreter", "UX designer" for "UX/UI"
        sides = word.split("/") if "/" in word else []
        found += [" ".join([*modifiers[:i], side, *modifiers[i + 1 :], head]) for side in sides]
    if len(modifiers) > 1 and not {"and", "of"} & set(modifiers):  # (no "IAV teacher" of "Instrumental and Vocal")
        found.append("".join(w[0] for w in modifiers).upper() + " " + head.lower())
    short_modifiers = [_CLIPPED.get(w.lower(), w) for w in modifiers]
    short_head = _CLIPPED.get(head.lower(), head)
    variants = [[*short_modifiers, head], [*modifiers, short_head], [*short_modifiers, short_head]]
    if len(modifiers) >= 2 and short_head != head:  # "wind tech", "crane op", "sales rep"
        variants += [[modifiers[0], short_head], [modifiers[-1], short_head]]
    for variant in variants:
        if variant != words:  # "tech writer", "sales development rep", "sales dev rep"
            found.append(" ".join([*(as_written(w) for w in variant[:-1]), variant[-1].lower()]))
    if len(words) < 2:
        return found  # a one-word title's "acronym" is a letter ("A" for "Accountant")
    return found + _used_acronym(words, said)


def _used_acronym(words: list[str], said: list[str]) -> list[str]:
    """The acronym of a title ("HRBP" for "HR business partner"; "FD" for a shouted "FLIGHT
    DISPATCHER"), when the documents use it."""
    acronym = "".join(w if w.isupper() and len(w) < 5 else w[0] for w in words).upper()
    pattern = re.compile(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])")
    if any(pattern.search(text) for text in said):
        return [acronym]
    return []


# The last parts of one-word jobs people also write as two ("sign writer", "cheese maker").
_COMPOUND_ENDS = ("maker", "writer", "binder", "keeper", "guard", "wright", "worker", "builder", "cutter", "mason")


# Words of titles spelt two ways ("mortgage advisor", "activities co-ordinator").
_SPELLINGS = {
    a: b
    for one, other in [
        ("adviser", "advisor"),
        ("coordinator", "co-ordinator"),
        ("dietitian", "dietician"),  # ("community dietician")
        ("counsellor", "counselor"),
        ("jeweller", "jeweler"),
        ("labourer", "laborer"),
        ("organiser", "organizer"),
        ("programme", "program"),
        ("centre", "center"),
    ]
    for a, b in [(one, other), (other, one)]
}


def spelled(name: str) -> list[str]:
    """`name` spelt the other way its words may be ("mortgage advisor" for "mortgage adviser"),
    and without its apostrophe ("barristers clerk" for "barristers' clerk")."""
    words = name.split()
    other = [_SPELLINGS.get(w.lower(), w) for w in words]
    bare = [w.rstrip("'’") for w in words]
    one = [w[:-2] + "'s" if w.endswith(("s'", "s’")) else w for w in words]  # "barrister's clerk"
    return [" ".join(form) for form in dict.fromkeys(map(tuple, (other, bare, one))) if list(form) != words]


def spaced(name: str) -> list[str]:
    """A one-word job written as two words ("sign writer" for "signwriter"), and a two-word one
    as one ("zookeeper" for "zoo keeper")."""
    words = name.split()
    if len(words) == 2 and words[1] in _COMPOUND_ENDS:
        return ["".join(words)]
    if len(words) > 1:
        return []
    return [f"{name[: -len(end)]} {end}" for end in _COMPOUND_ENDS if name.endswith(end) and len(name) - len(end) >= 3]


def credentialed_names(run: list[str], said: list[str]) -> list[str]:
    """A title with its credential ("registered veterinary nurse") and its acronym, if the documents use it ("RVN")."""
    return [" ".join(as_written(w) for w in run), *_used_acronym(run, said)]

"""Roles: display names and aliases, read from the corpus, used to read questions and to
name roles in answers. Nothing here knows the two built-in roles: a user's YAML file that
adds a role makes it work everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.errors import CorpusError
from assistant.folding import fold

BOTH = "both"  # pseudo role of a fact that holds for every role


@dataclass(frozen=True)
class Role:
    id: str
    name: str  # singular display name, e.g. "ML engineer"
    plural: str  # plural display name, e.g. "ML engineers"
    aliases: tuple[str, ...]
    discovered: bool = False  # found in the documents by a build (assistant.discover), not curated

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "name": self.name,
            "plural": self.plural,
            "aliases": list(self.aliases),
        }
        if self.discovered:
            out["discovered"] = True
        return out


def _is_acronym(alias: str) -> bool:
    return alias.isupper() and " " not in alias


def plural_of(name: str) -> str:
    """The plural of a job's name: "actuaries", "coaches", "foremen", "data stewards"."""
    if re.search(r"[^aeiou]y$", name):
        return name[:-1] + "ies"
    if re.search(r"(s|sh|ch|x|z)$", name) and not name.endswith("tech"):  # "techs"
        return name + "es"
    if name.endswith("man") and not name.endswith("human"):
        return name[:-3] + "men"
    if name.endswith("wife"):  # "midwives"
        return name[:-2] + "ves"
    return name + "s"


# Words of job titles and their everyday clipped forms.
_CLIPPED = {
    "engineer": "eng",
    "technician": "tech",
    "laboratory": "lab",
    "administrator": "admin",
    "manager": "mgr",
    "representative": "rep",  # "customer service reps"
}


def _alias_pattern(alias: str) -> re.Pattern:
    # Whole words, in the singular or the plural ("s" or "actuaries"), or possessive; short
    # acronyms ("DS", "MLE") are matched in capitals only, so the word "ds" or "mle" in other
    # text is not taken for a role.
    folded = fold(alias).split()  # "Café manager" matches "cafe manager"
    # (and a hyphened word is its words: "low-intensity therapist" matches "low intensity therapist")
    folded = [part for word in folded for part in (word.split("-") if word.strip("-") == word else [word]) if part]
    # ... and a word of a name in the clipped form people type ("an ML eng", "lab glass technicians")
    clipped = _CLIPPED if len(folded) > 1 else {}  # (not "tech" alone: "what tech stack ...?")
    words = [f"(?:{re.escape(w)}|{clipped[w.lower()]})" if w.lower() in clipped else re.escape(w) for w in folded]
    # (one of four letters or more is no word in any case: "how much do pcsos make?")
    flags = 0 if _is_acronym(alias) and len(alias) < 4 else re.IGNORECASE
    # (the words of a name run together or hyphened too: "foodbank coordinator", "food-bank coordinator")
    forms = r"[\s-]*".join(words) + "(?P<s>s)?"
    irregular = plural_of(folded[-1])
    if not _is_acronym(alias) and irregular != folded[-1] + "s":
        forms = r"[\s-]*".join([*words[:-1], re.escape(irregular)]) + "(?P<p>)|" + forms
    return re.compile(rf"(?<![\w-])(?:{forms})(?:’s|'s)?(?![\w-])", flags)


# Other words for the same work at the end of a job's name: a "ski teacher" is a ski
# instructor, a "crane driver" a crane operator, a "home carer" a home care worker, a "pest
# controller" a pest control technician. Only the last words change: the words before them must
# be the name's own, every one ("motorcycle instructors" are no driving instructors), and a
# word for other work is no other word for it (a "housing manager" is no housing officer).
SAME_WORK = (
    ("instructor", "teacher", "coach", "tutor"),
    ("driver", "operator"),
    ("officer", "guard"),
    ("technician", "mechanic", "fitter"),
    ("operative", "worker"),
    ("assistant", "aide"),
    ("chef", "cook"),
    ("adviser", "advisor", "consultant"),
    ("controller", "control officer", "control technician", "control operator"),
    ("care worker", "care assistant", "carer"),
)


# (the longest ending first: a "pest control officer" is no "pest control guard")
_ENDINGS = sorted(((ending, words) for words in SAME_WORK for ending in words), key=lambda pair: -len(pair[0]))


def same_work_names(name: str) -> list[str]:
    """`name` with its last words put another way (SAME_WORK): "ski teacher", "ski coach"
    and "ski tutor" for "ski instructor"."""
    lower = name.lower()
    ending, words = next(((e, w) for e, w in _ENDINGS if lower.endswith(" " + e)), ("", ()))
    return [name[: -len(ending)] + other for other in words if other != ending]


_ARTICLE = re.compile(r"(?:an?|the)\s+", re.IGNORECASE)
# Words that, right after the role name, start a qualifier rather than the predicate.
_NOT_A_VERB = {"who", "that", "which", "whose", "interested", "in", "with", "at", "from", "of", "and", "or"}


@dataclass(frozen=True)
class Mention:
    role_id: str
    start: int
    end: int
    plural: bool
    acronym: bool


class RoleBook:
    """The roles of a corpus, with alias matching."""

    def __init__(self, roles: list[Role]) -> None:
        ids = [r.id for r in roles]
        if len(set(ids)) != len(ids):
            raise CorpusError(f"duplicate role ids in the roles file: {ids}")
        if BOTH in ids:
            raise CorpusError(f"'{BOTH}' is reserved for facts about every role; rename that role")
        self.roles = {r.id: r for r in roles}
        # Longest aliases first, so "machine learning engineer" wins over a shorter overlap.
        pairs = [(a, r.id) for r in roles for a in {r.name, *r.aliases}]
        pairs += _same_work_pairs(roles, {fold(a).lower() for a, _ in pairs})
        pairs.sort(key=lambda p: -len(p[0]))
        self._patterns = [(_alias_pattern(a), rid, _is_acronym(a)) for a, rid in pairs]
        self.words = frozenset(w.lower() for a, _ in pairs for w in a.split())  # of every name and alias
        self._fields: tuple[Any, list[tuple[tuple[str, ...], str]]] | None = None  # (analyzer, stem runs)
        # One question is read for roles several times over (normalised, stripped, framed), and
        # each read runs every alias's pattern: the latest texts' mentions are remembered.
        self._mentions = lru_cache(maxsize=256)(self._find_mentions)
        # The roles that are a kind of each role ("licensed veterinary technician" of
        # "veterinary technician", "chef concierge" of a "hotel concierge" also called "concierge"):
        # a role named by another's name, or one of its other names, with words before it.
        names = {r.id: " " + r.name.lower() for r in roles}
        called = {r.id: [" " + n.lower() for n in (r.name, *r.aliases)] for r in roles}
        self._kinds = {
            rid: frozenset(o for o, other in names.items() if o != rid and other.endswith(tuple(called[rid])))
            for rid in names
        }

    @classmethod
    def from_dicts(cls, items: list[dict], source: str = "roles file") -> RoleBook:
        if not isinstance(items, list):
            raise CorpusError(f"{source}: 'roles' must be a list of roles")
        roles = []
        for n, item in enumerate(items, 1):
            if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
                raise CorpusError(f"{source}: role {n} needs at least an 'id' and a 'name'")
            name = str(item["name"]).strip()
            plural = str(item.get("plural") or plural_of(name)).strip()
            aliases = item.get("aliases") or []
            if isinstance(aliases, str):
                aliases = [aliases]  # "aliases: MLE" means one alias, not the letters M, L, E
            if not isinstance(aliases, list):
                raise CorpusError(f"{source}: the aliases of role '{item['id']}' must be a list of names")
            aliases = tuple(str(a).strip() for a in aliases if str(a).strip())
            roles.append(Role(str(item["id"]).strip(), name, plural, aliases, bool(item.get("discovered"))))
        return cls(roles)

    def as_dicts(self) -> list[dict]:
        return [r.as_dict() for r in self.roles.values()]

    def ids(self) -> list[str]:
        return list(self.roles)

    def mentions(self, text: str) -> tuple[Mention, ...]:
        """Role mentions in `text`, left to right, never overlapping."""
        return self._mentions(text)

    def _find_mentions(self, text: str) -> tuple[Mention, ...]:
        text = fold(text)  # "café shift lead" is the cafe shift lead; positions are the same
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for pattern, rid, acronym in self._patterns:
            for m in pattern.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                plural = m.group("s") is not None or m.groupdict().get("p") is not None
                found.append(Mention(rid, m.start(), m.end(), plural, acronym))
        return tuple(sorted(found, key=lambda m: m.start))

    def occupations(self, ids: frozenset[str]) -> frozenset[str]:
        """The last words of the names of roles `ids` ("researcher" for the UX researcher)."""
        names = [n for rid in ids if rid in self.roles for n in (self.roles[rid].name, *self.roles[rid].aliases)]
        return frozenset(n.split()[-1].lower() for n in names if n.strip())

    def mentioned(self, text: str) -> list[str]:
        """Ids of the roles named in `text`, in order of first mention."""
        seen: list[str] = []
        for m in self.mentions(text):
            if m.role_id not in seen:
                seen.append(m.role_id)
        return seen

    def field_runs(self, terms: list[str]) -> list[tuple[int, int, str]]:
        """Where keyword terms (keyword.Analyzer's stems) spell a role's name or alias of two
        words or more, which alias matching misses when the role is named by its field ("ux
        research" for UX researcher, "data engin" in "data engineering"): (start, end, role
        id), left to right, never overlapping, the longest name first."""
        runs = self._field_stems()[1]
        out, i = [], 0
        while i < len(terms):
            found = next(((len(stems), rid) for stems, rid in runs if tuple(terms[i : i + len(stems)]) == stems), None)
            if found is None:
                i += 1
                continue
            out.append((i, i + found[0], found[1]))
            i += found[0]
        return out

    def named_by_field(self, text: str) -> list[str]:
        """Ids of the roles `text` names by their field ("the UX research team"), not by a
        name or alias, in order."""
        analyzer = self._field_stems()[0]
        terms = analyzer.terms([self.without_mentions(text)])[0]
        return list(dict.fromkeys(rid for _, _, rid in self.field_runs(terms)))

    def _field_stems(self) -> tuple[Any, list[tuple[tuple[str, ...], str]]]:
        """The analyzer and the stems of each name and alias of two words or more, worked out
        once, on first use (most role books never need them)."""
        if self._fields is None:
            from assistant.keyword import Analyzer  # the keyword index's words, stemmed

            analyzer = Analyzer()
            names = [(n, r.id) for r in self.roles.values() for n in dict.fromkeys((r.name, *r.aliases))]
            stems = analyzer.terms([n for n, _ in names])
            runs = {(tuple(t), rid) for t, (_, rid) in zip(stems, names, strict=True) if len(t) >= 2}
            self._fields = (analyzer, sorted(runs, key=lambda run: (-len(run[0]), run)))
        return self._fields

    def normalise(self, text: str) -> str:
        """Spell out acronym aliases ("MLE" -> "ML engineer") so both retrievers see words."""
        out, last = [], 0
        for m in self.mentions(text):
            if not m.acronym:
                continue
            # "an RDH" -> "a registered dental hygienist"
            out.append(named_after(text[last : m.start], self.roles[m.role_id], m.plural))
            last = m.end
        out.append(text[last:])
        return "".join(out)

    def without_mentions(self, text: str, replacement: str = "") -> str:
        """`text` with every role name removed (or replaced): what a keyword index should
        match on, since role names occur everywhere in these documents and say nothing about
        the topic."""
        out, last = [], 0
        for m in self.mentions(text):
            out.append(text[last : m.start] + replacement)
            last = m.end
        out.append(text[last:])
        return " ".join("".join(out).split())

    def predicate(self, statement: str, role_id: str) -> str | None:
        """What `statement` says of its subject when the subject is simply the role:
        "ML engineers focus on X." -> "focus on X."; None for "Data scientists who ..."."""
        article = _ARTICLE.match(statement)
        start = article.end() if article else 0  # "A platform engineer runs ..."
        end = None
        if role_id == BOTH:
            for name in (self.display(BOTH), self.group_name(BOTH)):
                if statement[start:].lower().startswith(name.lower() + " "):
                    end = start + len(name)
        else:
            first = next((m for m in self.mentions(statement) if m.start == start), None)
            end = first.end if first is not None and first.role_id == role_id else None
        if end is None:
            return None
        rest = statement[end:].strip()
        word = rest.split()[0].lower().strip(",") if rest else ""
        return None if not rest or word in _NOT_A_VERB or statement[end:].startswith(",") else rest

    def subject(self, sentence: str) -> str | None:
        """The role a sentence is simply about, as its subject ("Analytics engineers maintain
        ...", "A UX researcher runs ..."), or None."""
        article = _ARTICLE.match(sentence)
        mentions = self.mentions(sentence)
        if not mentions or mentions[0].start != (article.end() if article else 0):
            return None
        role_id = mentions[0].role_id
        return role_id if self.predicate(sentence, role_id) else None

    def kinds_of(self, role_ids: list[str]) -> frozenset[str]:
        """`role_ids` and the roles that are a kind of one of them."""
        return frozenset(role_ids).union(*(self._kinds.get(r, ()) for r in role_ids))

    def broadest(self, role_ids: frozenset[str]) -> frozenset[str]:
        """`role_ids` without those that are a kind of another of them."""
        return role_ids.difference(*(self._kinds.get(r, ()) for r in role_ids))

    def display(self, role_id: str | None) -> str:
        """Plural display name for answers: "ML engineers", "Both roles"."""
        if role_id == BOTH:
            return "Both roles"
        role = self.roles.get(role_id or "")
        return role.plural if role else "The article"

    def group_name(self, role_id: str) -> str:
        """What a pronoun stands for: "ML engineers", or every role joined for `both`."""
        if role_id == BOTH:  # the curated roles: what the article's "both" facts are about
            names = [r.plural for r in self.roles.values() if not r.discovered] or ["all roles"]
            return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
        return self.roles[role_id].plural

    def with_roles(self, more: list[Role]) -> RoleBook:
        """This book and `more` (roles whose id is already here are left out: curated wins)."""
        return RoleBook([*self.roles.values(), *(r for r in more if r.id not in self.roles and r.id != BOTH)])


def _same_work_pairs(roles: list[Role], taken: set[str]) -> list[tuple[str, str]]:
    """(name, role id) for the other ways of putting each role's names (same_work_names), but
    not one that is another role's name, nor one that two roles' names both give."""
    whose: dict[str, set[str]] = {}
    for r in roles:
        for name in {r.name, *r.aliases}:
            for other in same_work_names(name):
                whose.setdefault(fold(other).lower(), set()).add(r.id)
    return sorted((name, ids.pop()) for name, ids in whose.items() if len(ids) == 1 and name not in taken)


def with_article(name: str) -> str:
    """ "an ML engineer" (em-), "a data scientist": by how the first letter is spoken."""
    first = name[:1]
    vowel_sound = first.lower() in "aeiou" or (first.isupper() and name[1:2].isupper() and first in "AEFHILMNORSX")
    return f"{'an' if vowel_sound else 'a'} {name}"


def named_after(before: str, role: Role, plural: bool) -> str:
    """`before` then the role's name, the article before it made to fit ("an ML engineer")."""
    if plural:
        return before + role.plural
    article = re.search(r"\b(an?)\s+$", before, re.IGNORECASE)
    return before[: article.start()] + with_article(role.name) if article else before + role.name

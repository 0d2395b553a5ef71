"""Role data from the corpus: roles (display names, aliases) and role facts.

Any YAML file in the corpus may hold a `roles:` list, a `facts:` list, or both, so a user's
file can bring a new role and its facts with no code change; a CSV file holds facts. Facts are checked row by row;
a bad row is reported with its file and line and left out, the rest are used.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace

import numpy as np
import yaml

from assistant.ingest import SourceFile
from assistant.record import Record, RecordKind
from assistant.roles import BOTH, RoleBook

FACT_FIELDS = ("id", "role", "topic", "statement", "evidence")


@dataclass(frozen=True)
class Fact:
    id: str
    role: str
    topic: str
    statement: str
    evidence: str
    origin: str  # "file:line" of the row


@dataclass(frozen=True)
class RoleData:
    roles: RoleBook
    facts: list[Fact]
    problems: list[str]  # one line per rejected row or file
    unreadable: dict[str, str]  # file -> why none of it could be used


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping, for row-level messages."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def load_role_data(files: list[SourceFile]) -> RoleData:
    """Roles and facts from every YAML file (`roles:`, `facts:`) and CSV file (facts, with
    the columns id, role, topic, statement, evidence) of the corpus."""
    role_rows: list[dict] = []
    fact_rows: list[tuple[str, dict]] = []
    problems: list[str] = []
    unreadable: dict[str, str] = {}
    for source in files:
        if source.path.suffix.lower() == ".csv":
            rows = _csv_rows(source, problems, unreadable)
            fact_rows.extend((source.doc_id, row) for row in rows)
            continue
        try:
            data = yaml.load(source.path.read_text(encoding="utf-8"), Loader=_LineLoader)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            unreadable[source.doc_id] = f"not readable YAML ({str(exc).splitlines()[0]})"
            continue
        if not isinstance(data, dict) or not ({"roles", "facts"} & set(data)):
            unreadable[source.doc_id] = "has neither 'roles:' nor 'facts:'"
            continue
        roles_part, facts_part = data.get("roles") or [], data.get("facts") or []
        if not isinstance(roles_part, list) or not isinstance(facts_part, list):
            unreadable[source.doc_id] = "'roles' and 'facts' must each be a list"
            continue
        role_rows.extend(roles_part)
        fact_rows.extend((source.doc_id, row) for row in facts_part)
    if not role_rows and fact_rows:
        problems.append(
            "no roles are defined, so no fact can be used: add a YAML file with a 'roles:' list (see corpus/roles.yaml)"
        )
    problems.extend(f"{doc_id}: {why}; file skipped" for doc_id, why in unreadable.items())
    roles = RoleBook.from_dicts(role_rows)
    facts = _check_facts(fact_rows, roles, problems)
    return RoleData(roles, facts, problems, unreadable)


def _csv_rows(source: SourceFile, problems: list[str], unreadable: dict[str, str]) -> list[dict]:
    try:
        text = source.path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        unreadable[source.doc_id] = "not UTF-8"
        return []
    reader = csv.DictReader(io.StringIO(text))
    missing = [f for f in FACT_FIELDS if f not in (reader.fieldnames or [])]
    if missing:
        unreadable[f"{source.doc_id}"] = (
            f"line 1: the header lacks {', '.join(missing)} (columns: {', '.join(FACT_FIELDS)})"
        )
        return []
    rows = []
    try:
        for row in reader:
            rows.append({**{k: v for k, v in row.items() if k}, "__line__": reader.line_num})
    except csv.Error as exc:
        problems.append(f"{source.doc_id}:{reader.line_num}: {exc}; rest of the file skipped")
    return rows


def _check_facts(rows: list[tuple[str, dict]], roles: RoleBook, problems: list[str]) -> list[Fact]:
    facts, seen = [], set()
    valid_roles = set(roles.ids()) | {BOTH}
    for doc_id, row in rows:
        if not isinstance(row, dict):
            problems.append(f"{doc_id}: a fact row is not a mapping; skipped")
            continue
        origin = f"{doc_id}:{row.get('__line__', '?')}"
        missing = [f for f in FACT_FIELDS if not str(row.get(f) or "").strip()]
        if missing:
            problems.append(f"{origin}: fact is missing {', '.join(missing)}; skipped")
            continue
        values = {f: str(row[f]).strip() for f in FACT_FIELDS}
        fact = Fact(**values, origin=origin)
        if fact.role not in valid_roles:
            problems.append(
                f"{origin}: fact '{fact.id}' has unknown role '{fact.role}' "
                f"(known: {', '.join(sorted(valid_roles))}); skipped"
            )
        elif fact.id in seen:
            problems.append(f"{origin}: fact id '{fact.id}' is used twice; skipped")
        else:
            seen.add(fact.id)
            facts.append(fact)
    return facts


def evidence_pattern(evidence: str) -> re.Pattern:
    """Matches the evidence in a document whatever its whitespace and quote style."""
    parts = []
    for word in evidence.split():
        escaped = re.escape(word)
        escaped = re.sub(r"(?:\\?['’‘])", "['’‘]", escaped)
        escaped = re.sub(r'(?:\\?["“”])', '["“”]', escaped)
        parts.append(escaped)
    return re.compile(r"\s+".join(parts))


def link_facts(facts: list[Fact], passages: list[Record], problems: list[str]) -> list[Record]:
    """A fact record for every fact whose evidence is found in a passage, linked to it; a
    fact whose evidence is found nowhere is reported and left out."""
    records = []
    for fact in facts:
        pattern = evidence_pattern(fact.evidence)
        hit = next(((p, m) for p in passages if (m := pattern.search(p.text))), None)
        if hit is None:
            problems.append(f"{fact.origin}: the evidence of fact '{fact.id}' occurs in no document; skipped")
            continue
        passage, match = hit
        records.append(
            Record(
                f"fact:{fact.id}",
                RecordKind.FACT,
                passage.doc_id,
                passage.title,
                passage.section,
                passage.start + match.start(),
                passage.start + match.end(),
                fact.statement,
                ((0, len(fact.statement)),),
                role=fact.role,
                topic=fact.topic,
                evidence=match.group(0),
                passage_id=passage.id,
            )
        )
    return records


def extract_facts(passages: list[Record], roles: RoleBook, curated: list[Record]) -> list[Record]:
    """Facts grown from the documents: every sentence whose subject is a role ("Analytics
    engineers maintain the dbt models ...") becomes a fact with itself as evidence, unless it
    is the evidence of a curated fact already. Their topic is set once they are embedded
    (`with_topics`)."""
    by_passage: dict[str, list[tuple[int, int]]] = {}
    for f in curated:
        by_passage.setdefault(f.passage_id or "", []).append((f.start, f.end))
    records = []
    for passage in passages:
        for n, (s, e) in enumerate(passage.sentences):
            sentence = passage.text[s:e]
            role = roles.subject(sentence)
            start, end = passage.start + s, passage.start + e
            overlaps = any(a < end and start < b for a, b in by_passage.get(passage.id, ()))
            if role is None or overlaps:
                continue
            records.append(
                Record(
                    id=f"xfact:{passage.id}:{n}",
                    kind=RecordKind.FACT,
                    doc_id=passage.doc_id,
                    title=passage.title,
                    section=passage.section,
                    start=start,
                    end=end,
                    text=sentence,
                    sentences=((0, len(sentence)),),
                    role=role,
                    evidence=sentence,
                    passage_id=passage.id,
                    extracted=True,
                )
            )
    return records


OTHER_TOPIC = "other"
MIN_TOPIC_SIMILARITY = 0.3  # below this, an extracted fact's nearest curated topic is not its topic


def with_topics(records: list[Record], vectors: np.ndarray) -> list[Record]:
    """Extracted facts get the topic of the curated facts nearest in meaning (the centroid of
    each topic's vectors), or "other" when none is near."""
    curated = [i for i, r in enumerate(records) if r.kind == RecordKind.FACT and not r.extracted and r.topic]
    topics = sorted({records[i].topic or "" for i in curated})
    if not topics:
        return [replace(r, topic=OTHER_TOPIC) if r.extracted else r for r in records]
    centroids = np.stack([vectors[[i for i in curated if records[i].topic == t]].mean(axis=0) for t in topics])
    centroids /= np.clip(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12, None)
    out = []
    for i, record in enumerate(records):
        if record.extracted:
            similarity = centroids @ vectors[i]
            best = int(np.argmax(similarity))
            record = replace(record, topic=topics[best] if similarity[best] >= MIN_TOPIC_SIMILARITY else OTHER_TOPIC)
        out.append(record)
    return out

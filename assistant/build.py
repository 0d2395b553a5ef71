"""Building the index: reconcile the corpus folder with the published index, read and embed
only what is new, write a complete new index beside the old one, check it (and, when golden
questions are configured, its quality), and publish it atomically.

Unchanged documents keep their passages from the published index without being read again,
and vectors are reused by the sha256 of the exact text that was embedded, so a no-change
rebuild embeds nothing. A model or chunker change re-reads and re-embeds everything.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

import numpy as np

from assistant import __version__
from assistant.config import Settings
from assistant.discover import Text, discover_roles
from assistant.embed.base import Embedder
from assistant.embed.factory import embedder_for_index
from assistant.errors import BuildLocked, CorpusError, IndexInvalid, QualityGateFailed
from assistant.facts import extract_facts, link_facts, load_role_data, with_topics
from assistant.indexing_text import TEXT_VERSION, dense_text, keyword_text, replies_to, sentence_text, vector_key
from assistant.ingest import SourceFile, scan, source_file
from assistant.locks import SharedProgress, database_lock
from assistant.reading import Read, Reader, read_all, tasks_for
from assistant.record import Record, RecordKind
from assistant.roles import RoleBook
from assistant.store import FORMAT_VERSION, Index, IndexMissing, IndexStore, sentence_count

if TYPE_CHECKING:
    from assistant.answer import Answer

log = logging.getLogger(__name__)


class Progress(Protocol):
    """Told what a build is doing: a stage with a total, then steps of it."""

    def start(self, stage: str, total: int, unit: str) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class _Silent:
    def start(self, stage: str, total: int, unit: str) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


@dataclass(frozen=True)
class Plan:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]
    reembed_all: str | None  # why every document must be read and embedded again, if so
    settings_changed: str | None = None  # why to build again though no document changed

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.reembed_all or self.settings_changed)

    def summary(self) -> str:
        return f"+{len(self.added)} ~{len(self.changed)} -{len(self.removed)} ={len(self.unchanged)}"


class FileStatus(StrEnum):
    INDEXED = "indexed"
    SKIPPED = "skipped"  # nothing to index, by rule (empty, too large, a duplicate, unsupported)
    FAILED = "failed"  # could not be read (corrupt, encrypted, binary)


@dataclass(frozen=True)
class FileResult:
    doc_id: str
    status: FileStatus
    detail: str


@dataclass
class BuildReport:
    plan: Plan
    published: bool = False
    build_id: str | None = None
    passages: int = 0
    facts: int = 0
    embedded: int = 0
    sentences_embedded: int = 0
    reused: int = 0
    read: int = 0  # documents read (the others' passages were reused)
    role_files: int = 0  # role data files read (roles.yaml, role facts): indexed, but no documents
    seconds: float = 0.0
    files: list[FileResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    quality: str | None = None  # the quality gate's verdict, when one ran
    roles_found: list[tuple[str, int]] = field(default_factory=list)  # discovered roles, documents naming each
    superiors_found: list[str] = field(default_factory=list)  # titles found only as whom others report to
    passing_found: list[str] = field(default_factory=list)  # titles found only in passing (Found.passing)
    curated: list[str] = field(default_factory=list)  # the roles the role data (YAML) names

    def summary(self) -> str:
        """One sentence for people: what was published, or that nothing needed to be."""
        if not self.published:
            return f"Index already up to date ({self.plan.summary()}); nothing to publish."
        return (
            f"Published {self.build_id}: {self.plan.summary()}, {self.passages} passages + {self.facts} facts; "
            f"read {self.read} document{'s' * (self.read != 1)}{self._and_role_files()}, "
            f"embedded {self.embedded}, reused {self.reused}; {self.seconds:.1f} s."
        )

    def _and_role_files(self) -> str:
        """ " and 2 role data files": new users counted the files listed as indexed against it."""
        return f" and {self.role_files} role data file{'s' * (self.role_files != 1)}" if self.role_files else ""

    def roles_line(self) -> str | None:
        """ "roles found: product analyst (1 document), ...; also named as whom others report
        to: watch supervisor; named in passing: retrofit assessor; and from the role data: ML
        engineer, data scientist", or None
        (new users asked where the roles of the YAML files had gone)."""
        if not self.roles_found and not self.superiors_found and not self.passing_found:
            return None
        found = [f"{name} ({n} document{'s' if n != 1 else ''})" for name, n in self.roles_found]
        line = "roles found: " + (", ".join(found) or "none")
        if self.superiors_found:
            line += "; also named as whom others report to: " + ", ".join(self.superiors_found)
        if self.passing_found:
            line += "; named in passing: " + ", ".join(self.passing_found)
        if self.curated:
            line += "; and from the role data: " + ", ".join(self.curated)
        return line

    def file_lines(self) -> list[str]:
        """One line per file, failures first, then skips, then the indexed ones."""
        order = {FileStatus.FAILED: 0, FileStatus.SKIPPED: 1, FileStatus.INDEXED: 2}
        return [
            f"{f.status:8} {f.doc_id}: {f.detail}"
            for f in sorted(self.files, key=lambda f: (order[f.status], f.doc_id))
        ]


def make_plan(files: list[SourceFile], manifest: dict | None, settings: Settings, embedder: Embedder) -> Plan:
    """What a build would do, from content hashes alone (no model is loaded)."""
    now = {f.doc_id: f.sha256 for f in files}
    before = {d: info["sha256"] for d, info in (manifest or {}).get("documents", {}).items()}
    reason = None
    if manifest is None:
        reason = "no index yet"
    elif (
        manifest["model"].get("name") != embedder.name or manifest["model"].get("fingerprint") != embedder.fingerprint()
    ):
        built_with = manifest["model"].get("backend") or "onnx or torch"  # before the manifest said
        if manifest["model"].get("name") == embedder.name and built_with != embedder.backend:
            reason = f"backend changed ({built_with} -> {embedder.backend})"
        else:  # another model, other weights, or another version of the int8 copy
            reason = f"model changed ({manifest['model'].get('name')} -> {embedder.name}, other weights)"
    elif manifest["chunker"] != settings.chunker.as_dict():
        reason = "chunker settings changed"
    elif manifest.get("text_version") != TEXT_VERSION:
        reason = "what records are embedded from changed (a new version of Role Assistant)"
    wanted = build_settings(settings)
    recorded = (manifest or {}).get("build_settings", wanted)
    changed = ", ".join(
        f"{key} {recorded.get(key)} -> {value}" for key, value in wanted.items() if recorded.get(key) != value
    )
    return Plan(
        added=tuple(d for d in now if d not in before),
        changed=tuple(d for d in now if d in before and before[d] != now[d]),
        removed=tuple(d for d in before if d not in now),
        unchanged=tuple(d for d in now if before.get(d) == now[d]),
        reembed_all=reason,
        settings_changed=changed or None,
    )


def build_settings(settings: Settings) -> dict:
    """Settings that change what a build makes without changing any vector."""
    return {"max_document_mb": settings.max_document_mb, "dense_index": settings.dense_index}


def current_manifest(store: IndexStore) -> dict | None:
    """The published manifest, or None when there is none or it cannot be used."""
    try:
        return store.read_manifest()
    except IndexMissing:
        return None
    except IndexInvalid as exc:
        log.warning("%s", exc)
        return None


def plan_build(settings: Settings, embedder: Embedder) -> Plan:
    files, _ = _scan(settings)
    return make_plan(files, current_manifest(IndexStore(settings.index_dir)), settings, embedder)


def _scan(settings: Settings):
    if not settings.corpus_dir.is_dir():
        raise CorpusError(
            f"corpus folder {settings.corpus_dir} does not exist; create it and add documents, "
            "or point --corpus / ASSISTANT_CORPUS at one"
        )
    return scan(settings.corpus_dir)


def build_index(
    settings: Settings,
    embedder: Embedder,
    *,
    progress: Progress | None = None,
    force: bool = False,
    wait: bool = False,
    workers: int | None = None,
) -> BuildReport:
    """Bring the index up to date with the corpus. Publishes only a complete, checked index
    (`force`: even when nothing changed, or below the quality gate); on any error the index
    in service is left as it was. With nothing changed it returns at once, loading no model.
    Documents are read by `workers` processes (default: as many as the build's threads)."""
    workers = workers or settings.embed_threads(building=True)
    started = time.perf_counter()
    progress = progress or _Silent()
    store = IndexStore(settings.index_dir)
    with store.lock(wait=wait), database_lock(settings.database_url, wait):
        progress = SharedProgress(store.root, progress)
        try:
            return _build_locked(settings, embedder, store, progress, force, started, workers)
        except Exception as exc:
            progress.finish(f"The build failed: {exc}", "failed")
            raise


def _build_locked(
    settings: Settings,
    embedder: Embedder,
    store: IndexStore,
    progress: SharedProgress,
    force: bool,
    started: float,
    workers: int,
) -> BuildReport:
    files, unsupported = _scan(settings)
    manifest = current_manifest(store)
    plan = make_plan(files, manifest, settings, embedder)
    if manifest is not None and not plan.reembed_all and (damage := store.damage(manifest)):
        plan = replace(plan, reembed_all=f"the published index is damaged ({damage})")
    report = BuildReport(plan, files=[FileResult(s.doc_id, FileStatus.SKIPPED, s.reason) for s in unsupported])
    if not plan.has_changes and not force:
        report.seconds = time.perf_counter() - started
        progress.finish(report.summary(), "up_to_date")
        return report
    old = _published_rows(store, manifest) if not plan.reembed_all else None
    document_files = [f for f in files if f.kind == "document"]
    passages = _passages(settings, embedder, document_files, manifest, old, report, progress, workers)
    if not passages:
        raise CorpusError(f"no readable documents in {settings.corpus_dir}; the index in service was left as it was")
    role_data = load_role_data([f for f in files if f.kind == "data"])
    report.problems.extend(role_data.problems)
    for f in files:
        if f.kind == "data":
            why = role_data.unreadable.get(f.doc_id)
            report.role_files += not why
            report.files.append(
                FileResult(f.doc_id, FileStatus.FAILED, why)
                if why
                else FileResult(f.doc_id, FileStatus.INDEXED, "role data")
            )
    found = discover_roles(_document_texts(passages), role_data.roles)
    roles = role_data.roles.with_roles([f.role for f in found])
    kept = [f for f in found if f.role.id in roles.roles]
    report.roles_found = [(f.role.name, f.documents) for f in kept if not f.superior and not f.passing]
    report.superiors_found = [f.role.name for f in kept if f.superior]
    report.passing_found = [f.role.name for f in kept if f.passing]
    report.curated = [r.name for r in role_data.roles.roles.values()]
    facts = link_facts(role_data.facts, passages, report.problems)
    facts += extract_facts(passages, roles, facts)
    rows = [replace(r, vector_key=vector_key(dense_text(r, roles))) for r in passages + facts]
    vectors = _vectors(rows, roles, old, embedder, report, progress)
    rows = with_topics(rows, vectors)
    sentence_vectors = _sentence_vectors(rows, roles, old, embedder, report, progress, int(vectors.shape[1]))

    from assistant.dense import DenseIndex
    from assistant.keyword import KeywordIndex

    progress.start("Writing the index", len(rows), "record")
    dense = DenseIndex.build(vectors, DenseIndex.choose(len(rows), settings.dense_index))
    build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    documents = len({p.doc_id for p in passages})  # a .jsonl file holds many
    new_manifest = {
        "format_version": FORMAT_VERSION,
        "build_id": build_id,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "package_version": __version__,
        "model": {
            "name": embedder.name,
            "fingerprint": embedder.fingerprint(),
            "backend": embedder.backend,
            "dim": int(vectors.shape[1]),
            "max_tokens": embedder.max_tokens,
        },
        "chunker": settings.chunker.as_dict(),
        "text_version": TEXT_VERSION,
        "corpus": str(settings.corpus_dir.resolve()),  # what `--corpus` means when not given (options.py)
        "build_settings": build_settings(settings),
        "dense": dense.spec,
        "keyword": {"library": "bm25s", "analyzer": "lowercase, English stop words, Snowball stems"},
        "documents": _document_entries(files, report),
        "counts": {
            "documents": documents,
            "passages": len(passages),
            "facts": len(facts),
            "extracted_facts": sum(f.extracted for f in facts),
            "rows": len(rows),
            "sentences": len(sentence_vectors),
        },
        "roles": roles.as_dicts(),
        "problems": report.problems,
    }
    keyword = KeywordIndex.build([keyword_text(r, roles) for r in rows])
    folder = store.write(build_id, new_manifest, rows, vectors, sentence_vectors, dense, keyword)
    progress.advance(len(rows))
    try:
        index = store.load(embedder, folder=folder)
        report.quality = _quality_gate(settings, embedder, store, index, force, progress)
    except (IndexInvalid, QualityGateFailed):
        store.discard(folder)
        raise
    store.publish(folder)
    report.published, report.build_id = True, build_id
    report.passages, report.facts = len(passages), len(facts)
    report.seconds = time.perf_counter() - started
    progress.finish(report.summary(), "published")
    return report


@dataclass
class _Published:
    passages: dict[str, list[Record]]  # corpus file -> its passages
    vectors: dict[str, np.ndarray]  # vector key -> vector
    sentences: dict[str, np.ndarray]  # vector key of a sentence's text -> its vector


def _published_rows(store: IndexStore, manifest: dict | None) -> _Published | None:
    """The published index's passages and vectors, for reuse; None when it cannot be read
    (everything is then read and embedded again)."""
    folder = store.current_path()
    if manifest is None or folder is None:
        return None
    try:
        records = store.read_records(folder / "records.jsonl")
        dim = manifest["model"]["dim"]
        vectors = store.read_vectors(folder / "vectors.npy", len(records), dim)
        texts = _sentence_texts(records, RoleBook.from_dicts(manifest["roles"]))
        sentences = store.read_vectors(folder / "sentences.npy", len(texts), dim)
    except IndexInvalid as exc:
        log.warning("nothing reused from the published index: %s", exc)
        return None
    by_doc: dict[str, list[Record]] = {}
    for c in records:
        if c.kind != RecordKind.FACT:
            by_doc.setdefault(source_file(c.doc_id), []).append(c)
    return _Published(
        by_doc,
        {c.vector_key: v for c, v in zip(records, vectors, strict=True) if c.vector_key},
        {vector_key(t): v for t, v in zip(texts, sentences, strict=True)},
    )


def _sentence_texts(records: list[Record], roles: RoleBook) -> list[str]:
    """What was embedded of each sentence that has a vector, in the order of sentences.npy."""
    return [
        sentence_text(r.text[a:b], roles, replies_to(r, n))
        for r in records
        if sentence_count(r)
        for n, (a, b) in enumerate(r.sentences)
    ]


def _sentence_vectors(
    rows: list[Record],
    roles: RoleBook,
    old: _Published | None,
    embedder: Embedder,
    report: BuildReport,
    progress: Progress,
    dim: int,
) -> np.ndarray:
    """A vector for every sentence of every passage (the answer line is chosen among them),
    reused by the sha256 of the sentence's text."""
    texts = _sentence_texts(rows, roles)
    stored = old.sentences if old is not None else {}
    keys = [vector_key(t) for t in texts]
    missing = [i for i, key in enumerate(keys) if key not in stored]
    fresh = _embed([texts[i] for i in missing], embedder, progress, stage="Embedding sentences")
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, key in enumerate(keys):
        if key in stored:
            out[i] = stored[key]
    if missing:
        out[missing] = fresh
    report.sentences_embedded = len(missing)
    return out


def _document_texts(passages: list[Record]) -> list[Text]:
    """Each document's text and headings, from its passages (read now or reused)."""
    bodies: dict[str, list[str]] = {}
    headings: dict[str, dict[str, None]] = {}
    for p in passages:
        bodies.setdefault(p.doc_id, []).append(p.text)
        if p.doc_id not in headings:
            headings[p.doc_id] = {p.title: None}
        headings[p.doc_id].update(dict.fromkeys(p.section.split(" › ")))  # each heading of its path
    return [Text(doc, "\n\n".join(body), tuple(headings[doc])) for doc, body in bodies.items()]


def _passages(
    settings: Settings,
    embedder: Embedder,
    sources: list[SourceFile],
    manifest: dict | None,
    old: _Published | None,
    report: BuildReport,
    progress: Progress,
    workers: int,
) -> list[Record]:
    """Passages of every document: reused when the document is unchanged, read otherwise
    (by `workers` processes). A file with the same content as an earlier one is skipped."""
    before = (manifest or {}).get("documents", {})
    # Of files with the same content, the one already indexed stays, else the first by name.
    first_with: dict[str, str] = {}
    for source in sources:
        previous = before.get(source.doc_id, {})
        if previous.get("sha256") == source.sha256 and previous.get("status") == FileStatus.INDEXED:
            first_with.setdefault(source.sha256, source.doc_id)
    for source in sources:
        first_with.setdefault(source.sha256, source.doc_id)
    kept: dict[str, list[Record]] = {}  # doc_id -> passages, in corpus order once filled in
    to_read: list[SourceFile] = []
    for source in sources:
        previous = before.get(source.doc_id, {})
        unchanged = old is not None and previous.get("sha256") == source.sha256
        if first_with[source.sha256] != source.doc_id:
            report.files.append(
                FileResult(source.doc_id, FileStatus.SKIPPED, f"same content as {first_with[source.sha256]}")
            )
        elif unchanged and previous.get("status") == FileStatus.FAILED:  # the same bytes would fail the same way
            report.files.append(FileResult(source.doc_id, FileStatus.FAILED, previous.get("detail", "")))
        elif unchanged and old is not None and source.doc_id in old.passages:
            kept[source.doc_id] = old.passages[source.doc_id]
            report.files.append(
                FileResult(source.doc_id, FileStatus.INDEXED, f"{len(kept[source.doc_id])} passages (unchanged)")
            )
        else:
            kept[source.doc_id] = []
            to_read.append(source)
    _read(settings, embedder, to_read, kept, report, progress, workers)
    return [record for records in kept.values() for record in records]


def _read(
    settings: Settings,
    embedder: Embedder,
    sources: list[SourceFile],
    passages: dict[str, list[Record]],
    report: BuildReport,
    progress: Progress,
    workers: int,
) -> None:
    """Read and cut `sources` into `passages` (by corpus file), reporting each file."""
    max_bytes = int(settings.max_document_mb * 1e6)
    tasks, results = tasks_for(sources, max_bytes)
    progress.start("Reading documents", sum(len(t.documents) if t.documents else 1 for t in tasks), "doc")
    counter = embedder.token_counter()
    if counter is None:
        workers = 1  # only this process can count the model's tokens
    reader = Reader(settings.chunker, counter or embedder.count_tokens, embedder.max_tokens, max_bytes)
    for result in read_all(tasks, reader, workers):
        results.append(result)
        progress.advance(result.documents or 1)
    by_file: dict[str, list[Read]] = {}
    for result in results:
        by_file.setdefault(result.source.doc_id, []).append(result)
    for doc_id, parts in by_file.items():
        if parts[0].failed or parts[0].skipped:
            status = FileStatus.FAILED if parts[0].failed else FileStatus.SKIPPED
            report.files.append(FileResult(doc_id, status, parts[0].failed or parts[0].skipped or ""))
            passages.pop(doc_id, None)
            continue
        report.read += 1
        records = [record for part in parts for record in part.records]
        documents = sum(part.documents for part in parts)
        passages[doc_id] = records
        detail = f"{len(records)} passages" + (f" from {documents} records" if documents > 1 else "")
        note = parts[0].note
        report.files.append(FileResult(doc_id, FileStatus.INDEXED, detail + (f" ({note})" if note else "")))


def _document_entries(files: list[SourceFile], report: BuildReport) -> dict:
    results = {f.doc_id: f for f in report.files}
    entries = {}
    for f in files:
        result = results.get(f.doc_id)
        entries[f.doc_id] = {
            "sha256": f.sha256,
            "kind": f.kind,
            "status": str(result.status) if result else str(FileStatus.INDEXED),
            "detail": result.detail if result else "",
        }
    return entries


def _vectors(
    rows: list[Record],
    roles: RoleBook,
    old: _Published | None,
    embedder: Embedder,
    report: BuildReport,
    progress: Progress,
) -> np.ndarray:
    stored = old.vectors if old is not None else {}
    missing = [i for i, r in enumerate(rows) if r.vector_key not in stored]
    fresh = _embed([dense_text(rows[i], roles) for i in missing], embedder, progress)
    dim = fresh.shape[1] if missing else next(iter(stored.values())).shape[0]
    vectors = np.zeros((len(rows), dim), dtype=np.float32)
    for i, r in enumerate(rows):
        if r.vector_key in stored:
            vectors[i] = stored[r.vector_key]
    if missing:
        vectors[missing] = fresh
    report.embedded, report.reused = len(missing), len(rows) - len(missing)
    return vectors


def _embed(texts: list[str], embedder: Embedder, progress: Progress, stage: str = "Embedding") -> np.ndarray:
    """All of a stage's texts in one call, so the embedder can sort and batch them across the
    whole build (little padding), reporting each batch."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    progress.start(stage, len(texts), "record" if stage == "Embedding" else "sentence")  # passages and facts
    return embedder.encode(texts, progress=progress.advance)


def _unasked(index: Index, answers: Iterable[Answer]) -> str:
    """ "; no golden question checks 5 of the 6 documents: a.md, b.pdf, c.txt, d.docx, e.html":
    the documents no golden question's answer comes from (its first passage's), when there are
    any, up to eight by name, then "and 3 more" (new users read "none answered from ..." as a
    failure of theirs, and wanted every one named)."""
    documents = sorted({r.doc_id for r in index.records if r.kind == RecordKind.PASSAGE})
    answered = {a.passages[0].source for a in answers if a.passages and not a.abstained}
    unasked = [d for d in documents if d not in answered]
    if not unasked:
        return ""
    named = ", ".join(unasked[:8]) + (f" and {len(unasked) - 8} more" if len(unasked) > 8 else "")
    return f"; no golden question checks {len(unasked)} of the {len(documents)} documents: {named}"


def _quality_gate(
    settings: Settings, embedder: Embedder, store: IndexStore, index, force: bool, progress: Progress
) -> str | None:
    """Evaluate the new index on the golden questions; refuse (unless `force`) one whose R@3,
    or whose answer-line accuracy on questions with answer keys, is below its floor, naming
    the questions that the index in service answered and it does not."""
    golden = settings.golden_files()
    if not golden:
        return None
    from assistant.engine import Assistant
    from assistant.evaluate import hit_rank, line_is_right, read_jsonl

    questions = [q for path in golden for q in read_jsonl(path, ("q", "gold"))]
    if not questions:
        return None
    keyed = [q for q in questions if q.get("answer_keys")]
    progress.start("Checking quality", len(questions), "question")

    def results(idx, asking: Embedder = embedder) -> dict[str, bool]:
        """Per question: found in the top 3, and (with answer keys) its answer line right."""
        assistant = Assistant(idx, asking, settings)
        answers = {q["id"]: assistant.ask(q["q"]) for q in questions}
        return {
            q["id"]: (hit_rank(answers[q["id"]], q["gold"]) or 99) <= 3
            and (not q.get("answer_keys") or line_is_right(answers[q["id"]], q))
            for q in questions
        }

    assistant = Assistant(index, embedder, settings)
    answers = {}
    for q in questions:
        answers[q["id"]] = assistant.ask(q["q"])
        progress.advance()
    r3 = sum((hit_rank(answers[q["id"]], q["gold"]) or 99) <= 3 for q in questions) / len(questions)
    verdict = f"R@3 {r3:.2f} on {len(questions)} golden questions (floor {settings.min_r3:.2f})"
    passed = r3 >= settings.min_r3
    if keyed:
        right = sum(line_is_right(answers[q["id"]], q) for q in keyed) / len(keyed)
        verdict += f"; answer line right on {right:.2f} of {len(keyed)} (floor {settings.min_answer:.2f})"
        passed = passed and right >= settings.min_answer
    # (every new user read a perfect score as a check of the documents they had just added)
    verdict += _unasked(index, answers.values())
    if passed:
        return verdict
    new = results(index)
    try:
        asking = embedder_for_index(embedder, store.read_manifest(), settings)  # built with another backend
        old = results(store.load(asking), asking)
    except (IndexInvalid, IndexMissing):
        old = {}
    missed = [q for q in questions if not new[q["id"]]]
    regressed = [q for q in missed if old.get(q["id"])]
    shown = regressed or missed
    named = "; ".join(f"{q['id']} “{q['q']}”" for q in shown[:10])
    kind = "answered by the index in service, missed now" if regressed else "missed"
    message = f"{verdict}: below the floor. Questions {kind}: {named}"
    if force:
        return message + " (published anyway: --force)"
    raise QualityGateFailed(message + ". Nothing was published; fix the documents or use --force.")


def ensure_index(settings: Settings, embedder: Embedder, notify: Callable[[str], None] = lambda message: None) -> Index:
    """The published index, as `open_for_questions` gives it."""
    return open_for_questions(settings, embedder, notify)[0]


def open_for_questions(
    settings: Settings, embedder: Embedder, notify: Callable[[str], None] = lambda message: None
) -> tuple[Index, Embedder]:
    """The published index, built first when there is none or when the corpus has changed
    since (`notify` is told why), with the embedder its questions use: the backend that built
    it (`embedder_for_index`); a build uses `embedder`. A corrupt index, or one built with
    another model, is an error that names the file and the fix, not something to paper over."""
    store = IndexStore(settings.index_dir)
    try:
        manifest = store.read_manifest()
    except IndexMissing:
        manifest = None
    if manifest is not None:
        asking = embedder_for_index(embedder, manifest, settings)
        store.check_model(manifest, asking.name, asking.fingerprint())
    stale = manifest is None
    if manifest is not None and settings.corpus_dir.is_dir():
        plan = make_plan(scan(settings.corpus_dir)[0], manifest, settings, asking)
        stale = plan.has_changes
        if stale:
            again = f"; the {embedder.backend} backend embeds every passage again" if asking is not embedder else ""
            notify(f"The corpus changed since the index was built ({plan.summary()}): rebuilding it{again}.")
    elif manifest is None:
        notify(f"No index has been built yet (in {settings.index_dir}/): building it from {settings.corpus_dir}/.")
    if manifest is not None and not stale:
        return store.load(asking), asking  # nothing to build: its embedder is chosen already
    if stale:
        try:
            # With an index published, a build that is already running (another replica's, or an
            # administrator's) is not waited for: serve what is published; a watcher takes the new one.
            report = build_index(settings, embedder, wait=manifest is None)
        except BuildLocked:
            notify("Another build is running: serving the published index until it publishes its own.")
            return _load_for_questions(store, embedder, settings)
        for problem in report.problems:
            notify(f"warning: {problem}")
    return _load_for_questions(store, embedder, settings)


def _load_for_questions(store: IndexStore, embedder: Embedder, settings: Settings) -> tuple[Index, Embedder]:
    asking = embedder_for_index(embedder, store.read_manifest(), settings)
    return store.load(asking), asking

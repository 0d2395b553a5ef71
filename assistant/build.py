"""Building the index: reconcile the corpus folder with the published index, embed only what
is new, write a complete new index beside the old one, check it, and publish it atomically.

Vectors are reused by the sha256 of the exact text that was embedded, so an unchanged
document, or the unchanged passages of a changed one, are never embedded twice. A model or
chunker change makes every stored vector unusable and re-embeds everything.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

import numpy as np

from assistant import __version__
from assistant.chunk import Chunk, Chunker
from assistant.config import Settings
from assistant.embed import Embedder
from assistant.errors import CorpusError, IndexInvalid
from assistant.facts import link_facts, load_role_data
from assistant.indexing_text import dense_text, keyword_text, vector_key
from assistant.ingest import Document, SourceFile, UnreadableDocument, load_document, scan
from assistant.roles import RoleBook
from assistant.store import FORMAT_VERSION, IndexMissing, IndexStore

log = logging.getLogger(__name__)

BATCH = 64


@dataclass(frozen=True)
class Plan:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]
    reembed_all: str | None  # why every vector must be recomputed, if so

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.reembed_all)

    def summary(self) -> str:
        return f"+{len(self.added)} ~{len(self.changed)} -{len(self.removed)} ={len(self.unchanged)}"


@dataclass(frozen=True)
class FileResult:
    doc_id: str
    status: str  # "indexed", "skipped"
    detail: str


@dataclass
class BuildReport:
    plan: Plan
    published: bool = False
    build_id: str | None = None
    passages: int = 0
    facts: int = 0
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0
    files: list[FileResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def make_plan(files: list[SourceFile], manifest: dict | None, settings: Settings,
              embedder: Embedder) -> Plan:
    """What a build would do, from content hashes alone (no model is loaded)."""
    now = {f.doc_id: f.sha256 for f in files}
    before = {d: info["sha256"] for d, info in (manifest or {}).get("documents", {}).items()}
    reason = None
    if manifest is None:
        reason = "no index yet"
    elif manifest["model"].get("name") != embedder.name or manifest["model"].get("fingerprint") != embedder.fingerprint():
        reason = f"model changed ({manifest['model'].get('name')} -> {embedder.name})"
    elif manifest["chunker"] != settings.chunker.as_dict():
        reason = "chunker settings changed"
    return Plan(
        added=tuple(d for d in now if d not in before),
        changed=tuple(d for d in now if d in before and before[d] != now[d]),
        removed=tuple(d for d in before if d not in now),
        unchanged=tuple(d for d in now if before.get(d) == now[d]),
        reembed_all=reason,
    )


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
        raise CorpusError(f"corpus folder {settings.corpus_dir} does not exist; create it and add documents, "
                          "or point --corpus / ASSISTANT_CORPUS at one")
    return scan(settings.corpus_dir)


def build_index(settings: Settings, embedder: Embedder, *, progress: bool = False,
                force: bool = False) -> BuildReport:
    """Bring the index up to date with the corpus. Publishes only a complete, checked index;
    on any error the index in service is left as it was. With nothing changed (and not
    `force`), returns at once without loading the model."""
    started = time.perf_counter()
    store = IndexStore(settings.index_dir)
    with store.lock():
        files, unsupported = _scan(settings)
        manifest = current_manifest(store)
        plan = make_plan(files, manifest, settings, embedder)
        report = BuildReport(plan, files=[FileResult(s.doc_id, "skipped", s.reason) for s in unsupported])
        if not plan.has_changes and not force:
            report.seconds = time.perf_counter() - started
            return report
        documents = _read_documents([f for f in files if f.kind == "document"], report)
        if not documents:
            raise CorpusError(f"no readable documents in {settings.corpus_dir} (supported: .md, .txt); "
                              "the index in service was left as it was")
        role_data = load_role_data([f for f in files if f.kind == "data"])
        report.problems.extend(role_data.problems)
        chunker = Chunker(settings.chunker, embedder.count_tokens, embedder.max_tokens)
        passages = [c for d in documents for c in chunker.chunk(d)]
        facts = link_facts(role_data.facts, documents, passages, report.problems)
        roles = role_data.roles
        rows = [replace(r, vector_key=vector_key(dense_text(r, roles))) for r in passages + facts]
        vectors = _vectors(rows, roles, store, manifest, plan, embedder, report, progress)

        from assistant.dense import DenseIndex
        from assistant.keyword import KeywordIndex

        build_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        new_manifest = {
            "format_version": FORMAT_VERSION,
            "build_id": build_id,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "package_version": __version__,
            "model": {"name": embedder.name, "fingerprint": embedder.fingerprint(), "dim": int(vectors.shape[1]),
                      "max_tokens": embedder.max_tokens},
            "chunker": settings.chunker.as_dict(),
            "dense": {"type": "IndexFlatIP", "metric": "cosine (inner product of L2-normalised vectors)"},
            "keyword": {"library": "bm25s", "analyzer": "lowercase, English stop words, Snowball stems"},
            "documents": _document_entries(files, documents, rows, report),
            "counts": {"documents": len(documents), "passages": len(passages), "facts": len(facts),
                       "rows": len(rows)},
            "roles": roles.as_dicts(),
            "problems": report.problems,
        }
        folder = store.write(build_id, new_manifest, rows, vectors, DenseIndex.build(vectors),
                             KeywordIndex.build([keyword_text(r, roles) for r in rows]))
        try:
            store.load(embedder.name, embedder.fingerprint(), int(vectors.shape[1]), folder=folder)
        except IndexInvalid:
            store.discard(folder)
            raise
        store.publish(folder)
        report.published, report.build_id = True, build_id
        report.passages, report.facts = len(passages), len(facts)
        report.seconds = time.perf_counter() - started
        return report


def _read_documents(sources: list[SourceFile], report: BuildReport) -> list[Document]:
    documents = []
    for source in sources:
        try:
            documents.append(load_document(source))
        except UnreadableDocument as exc:
            report.files.append(FileResult(source.doc_id, "skipped", str(exc)))
            log.warning("skipped %s: %s", source.doc_id, exc)
    return documents


def _document_entries(files, documents, rows, report) -> dict:
    rows_per_doc: dict[str, int] = {}
    for r in rows:
        if r.kind != "fact":
            rows_per_doc[r.doc_id] = rows_per_doc.get(r.doc_id, 0) + 1
    readable = {d.doc_id for d in documents}
    skipped = {f.doc_id: f.detail for f in report.files if f.status == "skipped"}
    entries = {}
    for f in files:
        entry = {"sha256": f.sha256, "kind": f.kind}
        if f.kind == "document" and f.doc_id in readable:
            entry["passages"] = rows_per_doc.get(f.doc_id, 0)
            report.files.append(FileResult(f.doc_id, "indexed", f"{entry['passages']} passages"))
        elif f.doc_id in skipped:
            entry["skipped"] = skipped[f.doc_id]
        else:
            report.files.append(FileResult(f.doc_id, "indexed", "role data"))
        entries[f.doc_id] = entry
    return entries


def _vectors(rows: list[Chunk], roles: RoleBook, store: IndexStore, manifest: dict | None, plan: Plan,
             embedder: Embedder, report: BuildReport, progress: bool) -> np.ndarray:
    stored = {} if plan.reembed_all else _stored_vectors(store, manifest)
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


def _stored_vectors(store: IndexStore, manifest: dict | None) -> dict[str, np.ndarray]:
    """Vectors of the published index by the hash of their embedded text; empty when the
    index cannot be read (everything is then embedded again)."""
    folder = store.current_path()
    if manifest is None or folder is None:
        return {}
    try:
        chunks = store.read_chunks(folder / "chunks.jsonl")
        vectors = store.read_vectors(folder / "vectors.npy", len(chunks), manifest["model"]["dim"])
    except IndexInvalid as exc:
        log.warning("stored vectors not reused: %s", exc)
        return {}
    return {c.vector_key: v for c, v in zip(chunks, vectors) if c.vector_key}


def _embed(texts: list[str], embedder: Embedder, progress: bool) -> np.ndarray:
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    from tqdm import tqdm

    parts = []
    with tqdm(total=len(texts), unit="chunk", desc="Embedding", disable=not progress, leave=False) as bar:
        for start in range(0, len(texts), BATCH):
            batch = texts[start:start + BATCH]
            parts.append(embedder.encode(batch))
            bar.update(len(batch))
    return np.concatenate(parts)

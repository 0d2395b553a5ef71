"""The index on disk: layout, manifest, loading with checks, and atomic publishing.

    index/
      current -> builds/<build id>     symlink, switched atomically when a build is published
      builds/<build id>/
        manifest.json                  format version, model, chunker, documents, counts
        records.jsonl                   one record per row (passages and facts), in row order
        vectors.npy                    float32 row vectors (allow_pickle=False), reused by later builds
        sentences.npy                  float32 vectors of every passage's sentences, in row order
        dense.faiss                    FAISS index over the same rows
        keyword/                       bm25s files (.npy arrays and JSON)
      build.lock                       held by the one build that may run at a time

A build writes a new folder beside the live one and publishes it by replacing the `current`
symlink with `rename(2)`, which is atomic: a reader sees the old index or the new one, never a
mix, and a build killed at any moment leaves the old one in service.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.errors import BuildLocked, IndexInvalid
from assistant.record import Record, RecordKind
from assistant.roles import RoleBook

if TYPE_CHECKING:
    from assistant.dense import DenseIndex
    from assistant.embed.base import Embedder
    from assistant.keyword import KeywordIndex

log = logging.getLogger(__name__)

FORMAT_VERSION = 3  # 2: records.jsonl, passage_id; 3: sentences.npy, discovered roles, extracted facts
FIX = "run `assistant build` to rebuild the index"


class IndexMissing(IndexInvalid):
    """No index has been published yet."""


@dataclass
class Index:
    """A loaded, checked index: rows in `records`, the same rows in `dense` and `keyword`;
    the vectors of every passage's sentences in `sentence_vectors`, passage by passage in row
    order (`sentences_of(rows)` says which are the records')."""

    path: Path
    manifest: dict[str, Any]
    records: list[Record]
    vectors: np.ndarray
    dense: DenseIndex
    keyword: KeywordIndex
    roles: RoleBook
    sentence_vectors: np.ndarray
    sentence_start: np.ndarray = field(init=False)  # first sentence row of each record, and the end
    is_fact: np.ndarray = field(init=False)  # whether each row is a fact (bool)
    rows: dict[str, int] = field(init=False)  # record id -> row
    passages_of: dict[str, list[int]] = field(init=False)  # document id -> its passages' rows

    def __post_init__(self) -> None:
        # Plain views of the memory-mapped arrays (still backed by the files): indexing a
        # np.memmap goes through its Python __getitem__ on every question.
        self.vectors = np.asarray(self.vectors)
        self.sentence_vectors = np.asarray(self.sentence_vectors)
        counts = [sentence_count(r) for r in self.records]
        self.sentence_start = np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])
        self.is_fact = np.array([r.kind == RecordKind.FACT for r in self.records], dtype=bool)
        self.rows = {r.id: row for row, r in enumerate(self.records)}
        self.passages_of = {}
        for row, r in enumerate(self.records):
            if r.kind == RecordKind.PASSAGE:
                self.passages_of.setdefault(r.doc_id, []).append(row)

    def following(self, passage: Record) -> Record | None:
        """The passage after `passage` when it goes on with the same section of its document
        (a table or list cut into two passages), else None."""
        row = self.rows.get(passage.id)
        if row is None or row + 1 == len(self.records):
            return None
        after = self.records[row + 1]
        same = (after.kind, after.doc_id, after.section) == (RecordKind.PASSAGE, passage.doc_id, passage.section)
        return after if same else None

    def sentences_of(self, rows: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """The sentence rows of `rows`, one record's after another, and how many each has."""
        at = np.asarray(rows, dtype=np.int64)
        first, counts = self.sentence_start[at], self.sentence_start[at + 1] - self.sentence_start[at]
        # Sentence j of the i-th record is first[i] + j, at position (counts before i) + j.
        before = np.cumsum(counts) - counts
        return np.arange(int(counts.sum())) + np.repeat(first - before, counts), counts


def sentence_count(record: Record) -> int:
    """How many sentence vectors a record has: one per sentence of a passage, none for a fact
    (its own vector is its one sentence)."""
    return len(record.sentences) if record.kind == RecordKind.PASSAGE else 0


class IndexStore:
    def __init__(self, index_dir: Path):
        self.root = Path(index_dir)
        self.builds = self.root / "builds"
        self.current = self.root / "current"

    # ---- reading -------------------------------------------------------------------------
    def current_path(self) -> Path | None:
        return self.current.resolve() if self.current.is_symlink() and self.current.exists() else None

    def built_from(self) -> Path | None:
        """The corpus folder the published index was built from, as its manifest records it
        (None: no index yet, an unreadable one, or one built before the manifest said)."""
        try:
            corpus = self.read_manifest().get("corpus")
        except (IndexMissing, IndexInvalid):
            return None
        return Path(corpus) if isinstance(corpus, str) and corpus else None

    def read_manifest(self, folder: Path | None = None) -> dict:
        folder = folder or self.current_path()
        if folder is None:
            raise IndexMissing(f"no index has been built yet in {self.root}/; {FIX}")
        path = folder / "manifest.json"
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise IndexInvalid(f"{path} is missing; {FIX}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise IndexInvalid(f"{path} is not valid JSON ({exc}); {FIX}") from None
        if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
            found = manifest.get("format_version") if isinstance(manifest, dict) else None
            raise IndexInvalid(f"{path} has index format {found!r}, this version reads format {FORMAT_VERSION}; {FIX}")
        for key in ("model", "documents", "counts", "chunker", "roles"):
            if key not in manifest:
                raise IndexInvalid(f"{path} lacks '{key}'; {FIX}")
        return manifest

    def load(self, embedder: Embedder, folder: Path | None = None) -> Index:
        """Load and check the published index (or `folder`) against the configured model."""
        from assistant.dense import DenseIndex
        from assistant.keyword import KeywordIndex

        folder = folder or self.current_path()
        if folder is None:
            raise IndexMissing(f"no index has been built yet in {self.root}/; {FIX}")
        manifest = self.read_manifest(folder)
        self.check_model(manifest, embedder.name, embedder.fingerprint(), folder)
        dim = embedder.dim
        if manifest["model"].get("dim") != dim:
            raise IndexInvalid(
                f"{folder / 'manifest.json'}: index vectors have {manifest['model'].get('dim')} "
                f"dimensions, the model gives {dim}; {FIX}"
            )
        records = self.read_records(folder / "records.jsonl")
        n = manifest["counts"].get("rows")
        if len(records) != n:
            raise IndexInvalid(f"{folder / 'records.jsonl'} holds {len(records)} records, the manifest says {n}; {FIX}")
        vectors = self.read_vectors(folder / "vectors.npy", n, dim)
        sentences = self.read_vectors(folder / "sentences.npy", sum(map(sentence_count, records)), dim)
        dense = DenseIndex.load(folder / "dense.faiss", manifest.get("dense"))
        if dense.size != n or dense.dim != dim:
            raise IndexInvalid(
                f"{folder / 'dense.faiss'} holds {dense.size}×{dense.dim} vectors, expected {n}×{dim}; {FIX}"
            )
        keyword = KeywordIndex.load(folder / "keyword")
        if keyword.size != n:
            raise IndexInvalid(f"{folder / 'keyword'} indexes {keyword.size} records, expected {n}; {FIX}")
        roles = RoleBook.from_dicts(manifest["roles"], source=str(folder / "manifest.json"))
        return Index(folder, manifest, records, vectors, dense, keyword, roles, sentences)

    def check_model(self, manifest: dict, model_name: str, fingerprint: str, folder: Path | None = None) -> None:
        """Raise when the index was built with another model than the configured one."""
        model = manifest["model"]
        if model.get("name") != model_name or model.get("fingerprint") != fingerprint:
            where = (folder or self.current_path() or self.root) / "manifest.json"
            raise IndexInvalid(
                f"{where}: the index was built with model '{model.get('name')}' "
                f"(weights {model.get('fingerprint')}), the configured model is "
                f"'{model_name}' (weights {fingerprint}: other weights, or another version of its "
                f"int8 copy); {FIX} with this model"
            )

    def damage(self, manifest: dict, folder: Path | None = None) -> str | None:
        """A quick look (no model, no full read) for a published index whose files are missing
        or cut short; what is wrong, or None. A build uses it to repair what it cannot reuse."""
        folder = folder or self.current_path()
        if folder is None:
            return "no index is published"
        from assistant.dense import DenseIndex
        from assistant.keyword import KeywordIndex

        n, dim = manifest["counts"].get("rows", 0), manifest["model"].get("dim", 0)
        try:
            with (folder / "records.jsonl").open("rb") as fh:
                lines = sum(1 for line in fh if line.strip())
            if lines != n:
                return f"records.jsonl holds {lines} records, the manifest says {n}"
            for name, rows in (("vectors.npy", n), ("sentences.npy", manifest["counts"].get("sentences", 0))):
                vectors = np.load(folder / name, mmap_mode="r", allow_pickle=False)
                if vectors.shape != (rows, dim):
                    return f"{name} holds {vectors.shape}, expected ({rows}, {dim})"
        except (OSError, ValueError) as exc:
            return f"{type(exc).__name__}: {exc}"
        return DenseIndex.check(folder / "dense.faiss", n, dim) or KeywordIndex.check(folder / "keyword")

    @staticmethod
    def read_records(path: Path) -> list[Record]:
        try:
            with path.open(encoding="utf-8") as fh:
                return [Record.from_dict(json.loads(line)) for line in fh if line.strip()]
        except FileNotFoundError:
            raise IndexInvalid(f"{path} is missing; {FIX}") from None
        except (json.JSONDecodeError, TypeError, KeyError, ValueError, UnicodeDecodeError) as exc:
            raise IndexInvalid(f"{path} has a broken record ({exc}); {FIX}") from None

    @staticmethod
    def read_vectors(path: Path, n: int, dim: int) -> np.ndarray:
        try:
            # Memory-mapped: a large corpus's vectors are read from disk as needed, not all loaded.
            vectors: np.ndarray = np.load(path, allow_pickle=False, mmap_mode="r")
        except FileNotFoundError:
            raise IndexInvalid(f"{path} is missing; {FIX}") from None
        except (ValueError, OSError, EOFError) as exc:
            raise IndexInvalid(f"{path} cannot be read ({exc}); {FIX}") from None
        if vectors.shape != (n, dim) or vectors.dtype != np.float32:
            raise IndexInvalid(f"{path} holds {vectors.dtype} {vectors.shape}, expected float32 ({n}, {dim}); {FIX}")
        return vectors

    # ---- writing -------------------------------------------------------------------------
    @contextmanager
    def lock(self, wait: bool = False) -> Iterator[None]:
        """Hold the build lock; without `wait`, fail at once when another build holds it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "build.lock", "a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise BuildLocked(
                    f"another build is running on {self.root} (it holds "
                    f"{self.root / 'build.lock'}); wait for it to finish, or use --wait"
                ) from None
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def write(
        self,
        build_id: str,
        manifest: dict[str, Any],
        records: list[Record],
        vectors: np.ndarray,
        sentence_vectors: np.ndarray,
        dense: DenseIndex,
        keyword: KeywordIndex,
    ) -> Path:
        """Write a complete index into a new, unpublished folder and return it. When writing
        fails (a full disk, say), the partial folder is removed and the error says so."""
        self.builds.mkdir(parents=True, exist_ok=True)
        folder = self.builds / f".tmp-{build_id}"
        if folder.exists():
            shutil.rmtree(folder)
        try:
            folder.mkdir()
            with (folder / "records.jsonl").open("w", encoding="utf-8") as fh:
                for record in records:
                    fh.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
            np.save(folder / "vectors.npy", np.asarray(vectors, dtype=np.float32), allow_pickle=False)
            np.save(folder / "sentences.npy", np.asarray(sentence_vectors, dtype=np.float32), allow_pickle=False)
            dense.save(folder / "dense.faiss")
            (folder / "keyword").mkdir()
            keyword.save(folder / "keyword")
            # The manifest is written last: a folder without one was never finished.
            (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
            _fsync_tree(folder)
        except (OSError, RuntimeError) as exc:  # faiss reports write failures as RuntimeError
            shutil.rmtree(folder, ignore_errors=True)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).splitlines()[0][:120]
            raise IndexInvalid(
                f"writing the new index into {self.builds} failed ({reason}); nothing was "
                "published and the index in service is unchanged; free some disk space and "
                "run `assistant build` again"
            ) from None
        return folder

    def loadable_builds(self) -> list[Path]:
        """Finished build folders, newest first (the fallback when `current` is damaged)."""
        if not self.builds.exists():
            return []
        return sorted(
            (p for p in self.builds.iterdir() if not p.name.startswith(".tmp-") and (p / "manifest.json").exists()),
            key=lambda p: p.name,
            reverse=True,
        )

    def publish(self, folder: Path) -> Path:
        """Move a written folder into place and point `current` at it, atomically."""
        final = self.builds / folder.name.removeprefix(".tmp-")
        os.replace(folder, final)
        link = self.root / ".current.tmp"
        if link.is_symlink() or link.exists():
            link.unlink()
        os.symlink(final.relative_to(self.root), link)
        os.replace(link, self.current)
        _fsync_dir(self.root)
        self._prune(keep={final.name})
        return final

    def discard(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def _prune(self, keep: set[str], previous: int = 1) -> None:
        """Remove unfinished folders and all but the newest `previous` older builds (a
        process that loaded one of those keeps its files open and is not disturbed)."""
        if not self.builds.exists():
            return
        finished = sorted(
            (p for p in self.builds.iterdir() if not p.name.startswith(".tmp-")), key=lambda p: p.name, reverse=True
        )
        old = [p for p in finished if p.name not in keep][previous:]
        stale_tmp = [p for p in self.builds.iterdir() if p.name.startswith(".tmp-")]
        for path in old + stale_tmp:
            shutil.rmtree(path, ignore_errors=True)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

"""The keyword seam: BM25 over stemmed words with `bm25s`, the only module that imports it.

Rows are the same as the dense index's. Saved as bm25s's own plain files (`.npy` arrays
written without pickle, JSON vocabulary and parameters).
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS

from assistant.errors import IndexInvalid
from assistant.folding import fold
from assistant.wordforms import american, family

# bm25s sets its own logger to DEBUG when imported; its messages are about its internals.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class Analyzer:
    """Lower-cased, stop-word-free, Snowball-stemmed words: "Deploying models" -> deploy, model.
    Tokens may carry + and # so "C++" and "C#" survive, and may be one letter long ("R").
    British and American spellings, and the stems of one word family, are one (`wordforms`).
    (The same as bm25s.tokenize with these options, written out: 20 times faster per question.)"""

    _TOKEN = re.compile(r"(?u)\w[\w+#]*")
    _STOP = frozenset(STOPWORDS_EN_PLUS)
    # Short forms of terse notes, read as the words they stand for ("min. 4 yrs post-grad exp.").
    _SHORT = {
        "yr": "year",
        "yrs": "years",
        "mo": "month",
        "mos": "months",
        "wk": "week",
        "wks": "weeks",
        "hrs": "hours",  # not "hr": that is HR
        "cert": "certification",
        "certs": "certifications",
        "qual": "qualification",
        "quals": "qualifications",
        "req": "requirement",
        "reqs": "requirements",
        "exp": "experience",
        "mgr": "manager",
        "mgmt": "management",
        "dept": "department",
        "approx": "approximately",
        "reqd": "required",
        # Past forms the stemmer does not know ("are the tools built in-house?" / "who builds ...").
        "built": "build",
        "taught": "teach",
        "held": "hold",
        "spent": "spend",
        "kept": "keep",
        "worn": "wear",
        "wore": "wear",
        "driven": "drive",
        "drove": "drive",
        "written": "write",
        "wrote": "write",
        "sold": "sell",
        "bought": "buy",
        "chosen": "choose",
        "goes": "go",  # the stemmer's "goe"
        "wfh": "work from home",  # what people write for it
        "ppe": "personal protective equipment",
        "promotion": "progression",  # a career's next step, by either name
        "promotions": "progression",
        "promoted": "progressed",
        "given": "give",  # "what kit do they get given?"
        "gave": "give",
        "got": "get",
        "gotten": "get",
        "wise": "",  # "career wise", "pay-wise": as for, no word of what is asked
        "else": "",  # "what else ...?" asks for more of the same
        "etc": "",  # "qualifications etc": more of the same
        "mileage": "mile",  # "mileage" is paid "per mile"
        "gratuities": "tips",  # "do tour escorts keep tips?": "Guest gratuities are yours to keep"
        "gratuity": "tip",
        "tech": "technician",  # "wind tech pay", "vet techs"
        "techs": "technicians",
        # Clipped words of everyday speech ("a lab glass technician", "strong maths", "stats")
        "lab": "laboratory",
        "labs": "laboratories",
        "maths": "mathematics",
        "math": "mathematics",
        "stats": "statistics",
        "eng": "engineer",  # "an ML eng"
        "engs": "engineers",
        # American and British words for one thing: "vacation days" are "annual leave"
        "vacation": "annual leave",
        "vacations": "annual leave",
        # Extra pay for unsocial hours, by the names employers give it ("night shift premium",
        # "night differential", "unsocial hours enhancements", "weekend uplift")
        "premium": "differential",
        "premiums": "differentials",
        "enhancement": "differential",
        "enhancements": "differentials",
        "uplift": "differential",
        "uplifts": "differentials",
    }
    # Acronyms spelt like a stop word ("closer to IT", "in the US"), kept as words of their own,
    # unless the text around them is in capitals ("IT IS REQUIRED").
    _CAPITALS = re.compile(r"(?<![A-Z] )\b(IT|US|OR)\b(?! [A-Z]{2})")
    # "Paid time off" is one thing, its acronym ("15 days of PTO"), not pay and time (overtime's).
    _PTO = re.compile(r"\bpaid[\s-]+time[\s-]+off\b")
    # A bonus for joining, by the names employers give it ("welcome bonus", "sign-on bonus", "golden hello").
    _JOINING = re.compile(
        r"\b(?:joining|welcome|signing|sign[\s-]on|hiring|starting|new[\s-]starter)\s+bonus|\bgolden hello"
    )
    # A word written with hyphens is also the word written without them ("over-trip" and
    # "overtrip", "co-ordinator" and "coordinator"), besides its parts.
    _HYPHENED = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b")
    # An acronym's plural is the acronym ("CPAs", "ASMs"): the stemmer knows no "cpas".
    _ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,6})s\b")

    def __init__(self) -> None:
        self._local = threading.local()  # a PyStemmer object must not be used by two threads at once

    def terms(self, texts: list[str]) -> list[list[str]]:
        if not hasattr(self._local, "stemmer"):
            self._local.stemmer = Stemmer.Stemmer("english")
        stem = self._local.stemmer.stemWords
        short = self._SHORT
        return [
            [
                family(s)
                for s in stem(
                    [
                        part
                        for w in self._TOKEN.findall(self._lower(text))
                        if w not in self._STOP
                        for part in short.get(w, w).split()
                        if part not in self._STOP  # ("wfh" is work from home)
                    ]
                )
            ]
            for text in texts
        ]

    def _lower(self, text: str) -> str:
        return self._HYPHENED.sub(self._also_joined, self._folded(text))

    def _folded(self, text: str) -> str:
        return self._JOINING.sub("signon bonus", self._PTO.sub("pto", american(fold(self._marked(text).lower()))))

    def joined_terms(self, text: str) -> frozenset[str]:
        """The terms `text` gets only from its hyphened words written without their hyphens
        ("oncal" of "on-call"): a question that writes "on-call" asks its parts, which "on call"
        holds too."""
        hyphened = [m.group(0) for m in self._HYPHENED.finditer(self._folded(text))]
        joined = [j for w in hyphened if (j := self._joined(w))]
        parts = set(self.terms([" ".join(w.replace("-", " ") for w in hyphened)])[0])
        return frozenset(t for terms in self.terms(joined) for t in terms) - parts

    def _also_joined(self, word: re.Match) -> str:
        joined = self._joined(word.group(0))
        return f"{word.group(0)} {joined}" if joined else word.group(0)

    def _joined(self, word: str) -> str | None:
        """A hyphened `word` without its hyphens, or None where its last part says what it is
        about ("skill-wise" is about skills)."""
        last = word.rsplit("-", 1)[1]
        return None if last in self._STOP or self._SHORT.get(last) == "" else word.replace("-", "")

    def _marked(self, text: str) -> str:
        return self._CAPITALS.sub(self._kept, self._ACRONYM_PLURAL.sub(r"\1", text))

    @staticmethod
    def _kept(acronym: re.Match) -> str:
        return acronym.group(1).lower() + "_"  # no stop word

    def terms_by_word(self, text: str) -> list[list[str]]:
        """The terms of each word of `text` in turn, [] for a stop word (where words stand)."""
        return self.terms(self._TOKEN.findall(self._lower(text)))


class KeywordIndex:
    def __init__(self, retriever: bm25s.BM25, analyzer: Analyzer):
        self._bm25 = retriever
        self.analyzer = analyzer
        self._vocab = set(retriever.vocab_dict)

    @classmethod
    def build(cls, texts: list[str], analyzer: Analyzer | None = None) -> KeywordIndex:
        analyzer = analyzer or Analyzer()
        retriever = bm25s.BM25()
        retriever.index(analyzer.terms(texts), show_progress=False)
        return cls(retriever, analyzer)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        try:
            retriever = bm25s.BM25.load(str(folder), load_corpus=False, allow_pickle=False)
        except (OSError, ValueError, KeyError) as exc:
            raise IndexInvalid(
                f"the keyword index in {folder} cannot be read ({type(exc).__name__}: "
                f"{str(exc)[:120]}); run `assistant build` to rebuild the index"
            ) from None
        return cls(retriever, Analyzer())

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), corpus=None, allow_pickle=False)

    # The files bm25s writes that loading needs (no corpus: the store keeps the records).
    FILES = (
        "params.index.json",
        "vocab.index.json",
        "data.csc.index.npy",
        "indices.csc.index.npy",
        "indptr.csc.index.npy",
    )

    @classmethod
    def check(cls, folder: Path) -> str | None:
        """A quick look (no full read) at a saved index: what is missing, or None."""
        missing = [name for name in cls.FILES if not (folder / name).is_file()]
        return f"keyword/{missing[0]} is missing" if missing else None

    @property
    def size(self) -> int:
        return int(self._bm25.scores["num_docs"])

    def idf(self, term: str) -> float:
        """How rare a term is in the corpus (BM25's IDF); a term the corpus lacks gets the highest."""
        tid = self._bm25.vocab_dict.get(term)
        indptr = self._bm25.scores["indptr"]
        df = int(indptr[tid + 1] - indptr[tid]) if tid is not None else 0
        return float(np.log(1 + (self.size - df + 0.5) / (df + 0.5)))

    def ideal_score(self, terms: list[str]) -> float:
        """About the BM25 score of a record of average length holding every term once: the
        sum of the terms' IDF (a term the corpus lacks counts with the highest IDF). Dividing
        by it turns a score into an absolute 0..1 match, where dividing by the best score
        would call the best of a poor set of matches perfect."""
        return sum(self.idf(term) for term in terms)

    def known(self, terms: list[str]) -> list[str]:
        """The query terms that occur somewhere in the corpus."""
        return [t for t in terms if t in self._vocab]

    def search(self, terms: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """BM25 scores and row numbers of the best `k` rows with a score above zero."""
        known = self.known(terms)
        if not known or self.size == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        scores = self._bm25.get_scores(known)
        k = min(k, len(scores))
        rows = np.argpartition(-scores, k - 1)[:k]
        rows = rows[np.argsort(-scores[rows], kind="stable")]
        rows = rows[scores[rows] > 0]
        return scores[rows].astype(np.float32), rows.astype(np.int64)

"""What the web app shows, as HTML strings (no gradio here, so it is unit-tested alone).

Every piece of text that comes from a document, a fact or a question is escaped before it
goes into the page: HTML-special characters and the characters Markdown acts on become
numeric entities, so a document holding `<script>`, `<img onerror=…>`, a `javascript:` link or
Markdown markup shows it as text. The chat's own sanitiser stays on as a second line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from assistant.answer import Answer, Passage
from assistant.record import Record, RecordKind
from assistant.roles import BOTH, RoleBook
from assistant.sentences import capitalised
from assistant.web.gaps import GapReport

_PAGE = re.compile(r"p\. \d+")
_SPECIAL = {c: f"&#{ord(c)};" for c in "&<>\"'`\\*_{}[]()#+-!|~$=:"}
TOPIC_ORDER = [
    "responsibilities",
    "skills",
    "languages",
    "tools",
    "education",
    "salary",
    "career",
    "collaboration",
    "hiring",
    "analogy",
    "overview",
]


def _topic_key(topic: str) -> tuple[int, str]:
    return (TOPIC_ORDER.index(topic) if topic in TOPIC_ORDER else len(TOPIC_ORDER), topic)


def escape(text: str) -> str:
    """Text safe to put in HTML or Markdown, shown exactly as written. Line breaks become
    <br>, so an HTML block never ends early at a blank line."""
    out = "".join(_SPECIAL.get(ch, ch) for ch in text)
    return out.replace("\r\n", "\n").replace("\n\n", "<br><br>").replace("\n", " ")


def answer_html(answer: Answer) -> str:
    """The first message of a reply: the answer line (or why there is none)."""
    parts = []
    if answer.note:
        parts.append(
            f'<p class="ra-note">Understood as “{escape(answer.resolved_question)}” ({escape(answer.note)})</p>'
        )
    if answer.abstained:
        parts.append(
            f'<p class="ra-answer"><strong>The documents don\'t cover this.</strong> '
            f"{escape(capitalised(answer.reason or ''))}.</p>"
        )
    elif answer.answer:
        if answer.quoted:  # a sentence of a document, with its source: visibly a quotation
            parts.append(
                f'<blockquote class="ra-answer ra-quote"><strong>{escape(answer.answer)}</strong></blockquote>'
            )
        else:
            parts.append(f'<p class="ra-answer"><strong>{escape(answer.answer)}</strong></p>')
    else:
        parts.append('<p class="ra-answer">No direct answer; these passages are the closest.</p>')
    if not answer.abstained:
        parts.extend(passage_html(p) for p in answer.passages)
    for notice in answer.notices:
        parts.append(f'<p class="ra-note">Note: {escape(notice)}</p>')
    return "".join(parts)


def where(p: Passage) -> str:
    """ "handbook.pdf, p. 3" for a page, "article.md › Salary" for a section."""
    return f"{p.source}, {p.section}" if _PAGE.fullmatch(p.section) else f"{p.source} › {p.section}"


def score_text(p: Passage) -> str:
    """ "score 0.61 (dense 0.65, keyword 0.52, fused 0.61)", with the role factor when one applied."""
    parts = f"dense {p.dense:.2f}, keyword {p.keyword:.2f}, fused {p.fused:.2f}"
    if p.prior != 1.0:
        parts += f" × {p.prior:.2f} role fit"
    return f"score {p.score:.2f} ({parts})"


def split_highlight(p: Passage) -> tuple[str, str, str] | None:
    """The passage text as (before, best sentence, after), or None when it has no such sentence."""
    text = p.text[:1000]
    if not p.highlight or p.highlight not in text:
        return None
    i = text.index(p.highlight)
    return text[:i], p.highlight, text[i + len(p.highlight) :]


def passage_html(p: Passage) -> str:
    parts = split_highlight(p)
    text = (escape(parts[0]) + "<mark>" + escape(parts[1]) + "</mark>" + escape(parts[2])) if parts else escape(p.text)
    head = (
        f'<span class="ra-rank">{p.rank}.</span> {escape(where(p))} '
        f'<span class="ra-kind">{"fact" if p.kind == RecordKind.FACT else "passage"}</span> '
        f'<span class="ra-score">{escape(score_text(p))}</span>'
    )
    body = f'<div class="ra-passage"><div class="ra-head">{head}</div><div class="ra-text">{text}</div>'
    if p.fact:
        body += f'<div class="ra-fact">Fact: {escape(p.fact)}<br>Evidence: “{escape(p.evidence or "")}”</div>'
    return body + "</div>"


def related_html(answer: Answer) -> str:
    """The nearest passages of an abstained answer, for the collapsed "possibly related" block."""
    return "".join(passage_html(p) for p in answer.passages)


def compare_html(facts: list[Record], roles: RoleBook, topics: list[str] | None = None) -> str:
    """Topics by role, from the role facts: a column for every role that has any (the ones the
    documents revealed too), curated facts first and extracted ones marked apart; each
    statement expands to its evidence."""
    cells: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for fact in sorted(facts, key=lambda f: f.extracted):
        cells[(fact.topic or "other", fact.role or BOTH)].append(fact)
    with_facts = {role for _, role in cells}
    columns = [r for r in [*roles.ids(), BOTH] if r in with_facts]
    all_topics = sorted({t for t, _ in cells}, key=_topic_key)
    shown = [t for t in all_topics if not topics or t in topics]
    head = "".join(f'<th scope="col">{escape(capitalised(roles.display(r)))}</th>' for r in columns)
    rows = []
    for topic in shown:
        tds = []
        for role in columns:
            items = "".join(_fact_html(f) for f in cells.get((topic, role), []))
            tds.append(f"<td>{items or '<span class=ra-none>—</span>'}</td>")
        rows.append(f'<tr><th scope="row">{escape(capitalised(topic))}</th>{"".join(tds)}</tr>')
    if not rows:
        return "<p>No facts for that topic.</p>"
    legend = (
        '<p class="ra-legend">Statements marked <span class="ra-tag">from the documents</span> were found in '
        "the documents by the last build (a sentence whose subject is the role); the others are curated.</p>"
    )
    return (
        f'{legend}<table class="ra-compare"><thead><tr><th scope="col">Topic</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _fact_html(f: Record) -> str:
    tag = ' <span class="ra-tag">from the documents</span>' if f.extracted else ""
    return (
        f'<details class="{"ra-extracted" if f.extracted else "ra-curated"}"><summary>{escape(f.text)}{tag}</summary>'
        f'<blockquote title="{escape(f.evidence or "")}">“{escape(f.evidence or "")}”<br>'
        f"<small>{escape(f.doc_id)} › {escape(f.section)}</small></blockquote></details>"
    )


def topics_of(facts: list[Record]) -> list[str]:
    return sorted({f.topic or "other" for f in facts}, key=_topic_key)


def footer_text(manifest: dict) -> str:
    built = manifest.get("built_at", "?")
    try:
        built = datetime.fromisoformat(built).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        pass
    counts = manifest.get("counts", {})
    return (
        f"Index in service: built {built} · {counts.get('passages', '?')} passages and "
        f"{counts.get('facts', '?')} facts from {counts.get('documents', '?')} documents · "
        f"model {manifest.get('model', {}).get('name', '?')}"
    )


def embed_snippets(base: str) -> dict[str, str]:
    """The three ways to put the assistant in a page, for a server at `base` ("https://host/prefix/")."""
    widget = f'<script src="{base}widget.js" data-title="Role Assistant" defer></script>'
    iframe = f'<iframe src="{base}embed" title="Role Assistant" style="width:100%;height:600px;border:0"></iframe>'
    component = f'<script type="module" src="{base}gradio.js"></script>\n<gradio-app src="{base}"></gradio-app>'
    return {
        'Script widget (a floating “Ask about roles” button; add data-target="#some-id" to render inline)': widget,
        "Iframe (the compact chat)": iframe,
        "Web component (the full app)": component,
    }


def gaps_html(report: GapReport, passage_text: Callable[[str], str | None] = lambda pid: None) -> str:
    """The Gaps view: what people asked that the documents miss, largest group first, each with
    the nearest passage the index had (its id, and the start of its text when `passage_text`
    knows it)."""
    if not report.questions:
        return "<p>No questions logged in this period yet.</p>"
    parts = [
        f'<p class="ra-note">{report.questions} questions; the documents answered '
        f"{report.answered_share:.0%} of them.</p>"
    ]
    if report.gaps:
        rows = "".join(
            f"<tr><td>{g.count}</td><td>“{escape(g.representative)}”"
            + (
                f"<br><small>also: {escape('; '.join(q for q in g.questions if q != g.representative)[:300])}</small>"
                if len(g.questions) > 1
                else ""
            )
            + f"</td><td>{escape('; '.join(g.reasons))}</td><td>{_nearest(g.nearest_passage, passage_text)}</td></tr>"
            for g in report.gaps
        )
        parts.append(
            '<table class="ra-gaps"><thead><tr><th scope="col">Questions</th><th scope="col">Asked as</th>'
            '<th scope="col">Why not answered</th><th scope="col">Nearest passage</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    else:
        parts.append("<p>Nothing missed in this period.</p>")
    asked = "".join(f"<li>{n} × {escape(q)}</li>" for q, n in report.most_asked)
    parts.append(f'<p><strong>Most asked</strong></p><ol class="ra-most-asked">{asked}</ol>')
    return "".join(parts)


def _nearest(passage_id: str | None, passage_text: Callable[[str], str | None]) -> str:
    if not passage_id:
        return "—"
    text = passage_text(passage_id)
    if not text:
        return f"<code>{escape(passage_id)}</code>"
    short = text if len(text) <= 160 else text[:160].rsplit(" ", 1)[0] + "…"
    return f"<code>{escape(passage_id)}</code><br><small>{escape(short)}</small>"

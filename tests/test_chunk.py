from conftest import CORPUS
from hypothesis import given
from hypothesis import settings as h_settings
from hypothesis import strategies as st

from assistant.chunk import Chunker
from assistant.config import ChunkerSettings
from assistant.ingest import Document, Section, load_documents, scan
from assistant.testing import FakeEmbedder

FAKE = FakeEmbedder()


def chunker(**limits) -> Chunker:
    return Chunker(ChunkerSettings(**limits), FAKE.count_tokens, FAKE.max_tokens)


def doc(text: str, heading: str = "S") -> Document:
    return Document("d.md", "Title", text, (Section(heading, 0, len(text)),), "h")


def test_article_passages_keep_limits_offsets_and_sections():
    files, _ = scan(CORPUS)
    article = load_documents(next(f for f in files if f.doc_id.endswith(".md")))[0]
    passages = chunker().chunk(article)
    assert 10 <= len(passages) <= 30
    for p in passages:
        assert article.text[p.start : p.end] == p.text
        assert len(p.text) <= 1000 and len(p.text.split()) <= 120
        section = next(s for s in article.sections if s.heading == p.section)
        assert section.start <= p.start and p.end <= section.end
        for s, e in p.sentences:
            assert p.text[s:e].strip() == p.text[s:e]
    words = [len(p.text.split()) for p in passages]
    assert sorted(words)[len(words) // 2] >= 40  # most passages are of a useful size


def test_a_sentence_is_never_cut_when_it_fits():
    text = " ".join(f"Sentence number {i} has exactly seven words." for i in range(40))
    for p in chunker().chunk(doc(text)):
        assert p.text.endswith("words.") and p.text.startswith("Sentence")


def test_an_overlong_sentence_is_cut_at_word_boundaries():
    text = " ".join(["word"] * 500) + "."
    passages = chunker().chunk(doc(text))
    assert len(passages) >= 5
    assert all(len(p.text.split()) <= 120 for p in passages)


def test_token_window_is_respected():
    tight = Chunker(ChunkerSettings(), FAKE.count_tokens, max_tokens=60)
    for p in tight.chunk(doc(" ".join(f"Short sentence {i} here." for i in range(100)))):
        assert FAKE.count_tokens("Title — S\n" + p.text) <= 60


@h_settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=3000))
def test_any_text_gives_valid_passages(text):
    passages = chunker().chunk(doc(text))
    for p in passages:
        assert p.text and p.text == text[p.start : p.end]
        assert len(p.text) <= 1000
    covered = "".join(p.text for p in passages)
    assert len("".join(covered.split())) == len("".join(text.split()))  # no content lost


def test_hard_wrapped_lines_are_one_sentence_but_items_and_headings_keep_their_line():
    from assistant.sentences import SentenceSplitter

    text = (
        "COMPENSATION\n"
        "The Warehouse Supervisor is a salaried, exempt position paying $58,500\n"
        "to $66,000 a year. Supervisors must hold forklift certification for\n"
        "Class IV and Class V trucks, obtained within 30 days of starting.\n"
        "Benefits:\n"
        "- 15 days of PTO\n"
        "- a 401(k) match\n"
        "Location: Reno\n"
        "Python\n"
        "SQL"
    )
    said = [" ".join(text[s:e].split()) for s, e, _ in SentenceSplitter().sentences(text)]
    assert said == [
        "COMPENSATION",
        "The Warehouse Supervisor is a salaried, exempt position paying $58,500 to $66,000 a year.",
        "Supervisors must hold forklift certification for Class IV and Class V trucks, obtained within 30 days of starting.",
        "Benefits:",
        "- 15 days of PTO",
        "- a 401(k) match",
        "Location: Reno",
        "Python",
        "SQL",
    ]


def test_no_sentence_ends_at_an_abbreviation_or_before_lower_case_on_one_line():
    from assistant.sentences import SentenceSplitter

    text = (
        "Site visits approx. 2 days a week. A BEng in civil eng., 3+ yrs for the chartered track.\n"
        "Then CE III or Sr. Engineer. BSc Civil Eng. (ABET accredited).\nTools: Python 3.\nand more"
    )
    said = [text[s:e] for s, e, _ in SentenceSplitter().sentences(text)]
    assert said[:2] == ["Site visits approx. 2 days a week.", "A BEng in civil eng., 3+ yrs for the chartered track."]
    assert said[2:4] == ["Then CE III or Sr. Engineer.", "BSc Civil Eng. (ABET accredited)."]
    assert said[4:] == ["Tools: Python 3.", "and more"]  # a line of its own stays apart


def test_a_time_wrapped_onto_the_next_line_goes_on():
    from assistant.sentences import SentenceSplitter

    text = "The site works four 10-hour shifts, 6:00 a.m.\nto 4:30 p.m., Monday to Thursday. Breaks are paid."
    said = [" ".join(text[s:e].split()) for s, e, _ in SentenceSplitter().sentences(text)]
    assert said == [
        "The site works four 10-hour shifts, 6:00 a.m. to 4:30 p.m., Monday to Thursday.",
        "Breaks are paid.",
    ]


def test_sentences_within_quoted_speech_are_sentences():
    """pysbd keeps a quoted answer whole; an interview's "... to start." "The initial training
    lasts four weeks." are two sentences (trial 36), while "Dr. Jones" and "approx. 2" go on."""
    from assistant.sentences import SentenceSplitter

    text = (
        '"You don\'t need qualifications to start. The airport checks you first." "The initial training lasts '
        'four weeks." She smiles. Dr. Jones said "approx. 2 days" is fine.'
    )
    said = [text[s:e] for s, e, _ in SentenceSplitter().sentences(text)]
    assert said == [
        "\"You don't need qualifications to start.",
        'The airport checks you first."',
        '"The initial training lasts four weeks."',
        "She smiles.",
        'Dr. Jones said "approx. 2 days" is fine.',
    ]


def test_a_bare_yes_or_no_is_one_sentence_with_the_one_that_explains_it():
    """Trial 51's FAQ answered "Do I need acting experience?" with "No. There are no formal
    qualifications for the role. Many of our interpreters come from drama ...": quoted alone,
    "No." answers nothing, and the line had quoted the third sentence."""
    from assistant.sentences import SentenceSplitter

    text = "No. There are no formal qualifications for the role. Many come from drama.\n\nA: Yes. You get 25 days. Yes, we do."
    said = [text[s:e] for s, e, _ in SentenceSplitter().sentences(text)]
    assert said == [
        "No. There are no formal qualifications for the role.",
        "Many come from drama.",
        "A: Yes. You get 25 days.",
        "Yes, we do.",
    ]

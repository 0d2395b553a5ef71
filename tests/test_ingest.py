"""Reading every supported format, and every kind of bad file, with a clear reason."""

import io

import pytest
from conftest import CORPUS

from assistant.formats import EmptyDocument, UnreadableDocument, plain_text_sections
from assistant.ingest import TooLarge, load_documents, scan


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def load(tmp_path, name, content, max_bytes=None):
    write(tmp_path, name, content)
    files, _ = scan(tmp_path)
    return load_documents(next(f for f in files if f.doc_id == name), max_bytes)[0]


def make_pdf(pages: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["Secret handbook page."]))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Team handbook", level=0)
    document.add_paragraph("Welcome to the data team.")
    document.add_heading("Roles", level=1)
    document.add_paragraph("ML engineers deploy models. Data scientists analyse data.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Role", "Salary band"
    document.add_heading("Hiring", level=2)
    document.add_paragraph("We hire two specialists.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_markdown_headings_become_sections():
    files, _ = scan(CORPUS)
    doc = load_documents(next(f for f in files if f.doc_id.endswith(".md")))[0]
    assert doc.title == "ML Engineer VS. Data Scientist: What’s the Difference?"
    headings = [s.heading for s in doc.sections]
    assert headings[:2] == ["ML Engineer & Data Scientist", "Becoming A ML Engineer"]
    for s in doc.sections:  # spans point into the text and never hold a heading line
        assert "\n#" not in doc.text[s.start : s.end]


def test_nested_markdown_headings_give_a_path_and_code_is_not_a_heading(tmp_path):
    doc = load(tmp_path, "n.md", "# T\n\n## A\n\ntext a\n\n### B\n\n```\n# not a heading\n```\n\n## C\n\ntext c\n")
    assert [s.heading for s in doc.sections] == ["A", "A › B", "C"]


def test_plain_text_short_standalone_lines_are_headings(tmp_path):
    doc = load(tmp_path, "p.txt", "My Title\n\nIntro sentence here.\n\nPart One\n\nBody of part one.\n")
    assert doc.title == "My Title" and [s.heading for s in doc.sections] == ["My Title", "Part One"]


def test_plain_text_headings_right_over_their_text_but_not_a_wrapped_paragraph(tmp_path):
    text = (
        "Analyst\n\nSalary\nThe average salary is $88,000.\n\nTools\nThey use Tableau.\n\n"
        "Short opening line\nthat a hard wrap continued in lower case.\n"
    )
    doc = load(tmp_path, "a.txt", text)
    assert doc.title == "Analyst" and [s.heading for s in doc.sections] == ["Salary", "Tools"]
    assert "Short opening line" in doc.text[doc.sections[1].start : doc.sections[1].end]


def test_plain_text_numbered_headings_in_capitals_over_indented_points(tmp_path):
    text = "CIVIL ENGINEER\n\n1. DUTIES\n   a) Design of road schemes.\n\n2. PAY & BENEFITS\n   - Graduate: $62,000.\n"
    doc = load(tmp_path, "c.txt", text)
    assert doc.title == "CIVIL ENGINEER" and [s.heading for s in doc.sections] == ["1. DUTIES", "2. PAY & BENEFITS"]


def test_a_rate_list_with_dot_leaders_reads_as_one_row_a_line(tmp_path):
    from assistant.sentences import SentenceSplitter

    text = (
        "PAY POLICY\n\n2. GRADES AND HOURLY RATES\nP1 Picker ........................ £12.10 per hour\n"
        "P2 Picker (after 12 weeks, 99.5% pick accuracy) ... £12.60 per hour\n"
        "P3 Team Leader ................... £14.20 per hour\nNew starters join at P1.\n"
    )
    doc = load(tmp_path, "w.txt", text)
    assert "P1 Picker — £12.10 per hour" in doc.text
    spans = SentenceSplitter().sentences(doc.text)
    sentences = [doc.text[a:b] for a, b, _ in spans]
    assert "P2 Picker (after 12 weeks, 99.5% pick accuracy) — £12.60 per hour" in sentences


def test_a_table_laid_out_in_columns_of_spaces_reads_as_one_row_a_line(tmp_path):
    """A handbook's rates and shifts set out in columns of spaces (trial 31) are rows, label
    first, each a sentence of its own; a line of two sentences after a full stop is no row."""
    from assistant.sentences import SentenceSplitter

    text = (
        "6.4 Pay\n\nPremiums and overtime:\n\n  Unsocial hours (20:00 to 06:00)     plus £1.10 per hour\n"
        "  Sundays                              time and a quarter\n\nShifts\n\nEarlies  06:00 - 14:30\n"
        "Lates    14:00 - 22:30   (April to September)\n\nPay is monthly.  Clock in and out.\nOvertime is agreed.\n"
    )
    doc = load(tmp_path, "h.txt", text)
    spans = SentenceSplitter().sentences(doc.text)
    sentences = [doc.text[a:b].strip() for a, b, _ in spans]
    assert "Unsocial hours (20:00 to 06:00) — plus £1.10 per hour" in sentences
    assert "Sundays — time and a quarter" in sentences
    assert "Lates — 14:00 - 22:30; (April to September)" in sentences
    assert "Pay is monthly.  Clock in and out." in doc.text


def test_an_interviews_questions_over_a_blank_line_are_headings(tmp_path):
    """A newsletter interview in plain text (trials 25-27): each question on its own line, a
    blank line, then the answer."""
    text = (
        "GRAPEVINE NEWS\n\nFive Minutes With a Vineyard Hand\n\nWho's your boss?\n\n"
        "Day to day I answer to Tama, the vineyard supervisor.\n\nCan we ask what it pays?\n\n"
        "A vineyard hand starts on $24.80 an hour.\n"
    )
    doc = load(tmp_path, "vineyard.txt", text)
    assert [s.heading for s in doc.sections] == [
        "Five Minutes With a Vineyard Hand › Who's your boss?",
        "Can we ask what it pays?",
    ]


def test_indented_lines_after_a_colon_are_its_list_not_headings(tmp_path):
    """ "Standard shifts are:" over indented "Early   6.00 am to 2.00 pm" lines (trial 23): the
    shifts are the section's text, not three headings."""
    text = (
        "RINK AGREEMENT\n\n6. Hours of work\n\nThe week is 37.5 hours. Standard shifts are:\n\n"
        "  Early   6.00 am to 2.00 pm\n  Late    2.00 pm to 10.00 pm\n\nEach shift has a break.\n\n7. Leave\n\n28 days.\n"
    )
    doc = load(tmp_path, "rink.txt", text)
    assert [s.heading for s in doc.sections] == ["6. Hours of work", "7. Leave"]
    assert "Early — 6.00 am to 2.00 pm" in doc.text[doc.sections[0].start : doc.sections[0].end]  # (a row)


def test_an_email_in_plain_text_is_titled_by_its_subject_and_its_questions_in_capitals_are_headings(tmp_path):
    text = (
        "From: Seasonal Recruitment <jobs@example.org>\nTo: Applicants\nSubject: Seasonal lock keeper jobs\n\n"
        "Hello,\n\nThank you for your interest.\n\nWHAT DOES IT PAY?\n\nLock keepers are paid £12.21 an hour.\n\n"
        "WHO WILL I REPORT TO?\n\nThe Waterway Operations Supervisor.\n"
    )
    doc = load(tmp_path, "locks.txt", text)
    assert doc.title == "Seasonal lock keeper jobs"
    assert [s.heading for s in doc.sections][1:] == ["WHAT DOES IT PAY?", "WHO WILL I REPORT TO?"]


def test_a_rate_row_over_another_is_no_heading_and_a_heading_over_a_heading_names_the_section(tmp_path):
    """A brewery handbook (trial 19): "Assistant Brewer ...... $19.00 per hour" over the next
    row is a row of the pay list, and "Section 4: Brewers" right over "4.1 About the role" is
    part of that section's name rather than lost as a section with nothing in it."""
    text = (
        "Production Staff Handbook\n\nSection 4: Brewers\n\n4.1 About the role\n\nOur craft brewers make beer.\n\n"
        "4.3 Pay\n\nCurrent rates:\n\nAssistant Brewer ........ $19.00 per hour\n"
        "Brewer .................. $23.00 - $26.00 per hour\n\n4.4 Requirements\n\nA forklift licence.\n"
    )
    doc = load(tmp_path, "brewers.txt", text)
    assert [s.heading for s in doc.sections] == [
        "Section 4: Brewers › 4.1 About the role",
        "4.3 Pay",
        "4.4 Requirements",
    ]
    assert "Assistant Brewer — $19.00 per hour" in doc.text[doc.sections[1].start : doc.sections[1].end]


def test_inline_markdown_is_plain_text_but_code_blocks_and_bullets_stay(tmp_path):
    text = (
        "# Product Owner\n\n**Salary:** $118,000 and a _10%_ bonus.\n"
        "See [the handbook](https://x.example/h) and `jira_board`; snake_case_names stay.\n\n"
        "* Owns the *backlog*\n\n```\n**kept** as written\n```\n"
    )
    doc = load(tmp_path, "po.md", text)
    assert "Salary: $118,000 and a 10% bonus." in doc.text
    assert "See the handbook and jira_board; snake_case_names stay." in doc.text
    assert "* Owns the backlog" in doc.text and "**kept** as written" in doc.text
    code = load(tmp_path, "js.md", "# JS\n\nSet window.__x1 = 1 and window.__x2 = 2.\n")
    assert "window.__x1 = 1 and window.__x2 = 2" in code.text  # underscores inside words are not emphasis


def test_an_html_definition_list_reads_as_term_and_definition(tmp_path):
    html = "<html><body><h1>HR roles</h1><dl><dt>Probation</dt><dd>Six months for both roles.</dd>"
    html += "<dt>Holidays:</dt><dd>25 days a year.</dd><dd>Plus public holidays.</dd></dl></body></html>"
    doc = load(tmp_path, "hr.html", html)
    assert doc.text.strip().split("\n\n")[-3:] == [
        "Probation: Six months for both roles.",
        "Holidays: 25 days a year.",
        "Holidays: Plus public holidays.",
    ]


def test_html_main_text_only_with_headings_as_sections(tmp_path):
    html = """<html><head><title>Careers</title><style>p{color:red}</style><script>var x = 1;</script></head>
    <body><nav><a href="/">Home</a> <a href="/jobs">Jobs</a></nav>
    <h1>Careers at ACME</h1><p>We hire <b>ML engineers</b> and data scientists.</p>
    <h2>Salaries</h2><ul><li>ML engineers earn well.</li><li>Data scientists too.</li></ul>
    <footer>Copyright ACME</footer></body></html>"""
    doc = load(tmp_path, "careers.html", html)
    assert doc.title == "Careers"
    assert [s.heading for s in doc.sections] == ["Careers at ACME", "Salaries"]
    assert "We hire ML engineers and data scientists." in doc.text
    for gone in ("var x", "color:red", "Home", "Copyright"):
        assert gone not in doc.text


def test_a_table_row_reads_as_a_statement_under_its_column_names(tmp_path):
    html = """<html><body><h1>UX Designer</h1><h2>Pay</h2><table>
    <tr><th>Level</th><th>Base salary</th><th>Bonus</th></tr>
    <tr><td>Senior UX Designer</td><td>$125,000 – $150,000</td><td>10%</td></tr></table></body></html>"""
    doc = load(tmp_path, "ux.html", html)
    assert "Senior UX Designer — Base salary: $125,000 – $150,000; Bonus: 10%." in doc.text
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    cells = [("Level", "Salary"), ("Junior writer", "£32,000"), ("Writer", "£38,000")]
    for row, (name, value) in zip(table.rows, cells, strict=True):
        row.cells[0].text, row.cells[1].text = name, value
    out = io.BytesIO()
    document.save(out)
    text = load(tmp_path, "w.docx", out.getvalue()).text
    assert "Junior writer — Salary: £32,000." in text and "Writer — Salary: £38,000." in text


def test_tables_that_have_no_plain_header_are_read_row_by_row(tmp_path):
    from assistant.formats import _looks_like_header

    # labels down the first column: no header row
    assert not _looks_like_header([["Job title", "Electrician"], ["Location", "Denver"], ["Salary", "$60,000"]])
    assert _looks_like_header([["Level", "Salary"], ["Junior", "$50,000"], ["Senior", "$80,000"]])
    # merged cells shift the columns: the cells are kept as they are
    html = """<html><body><h1>X</h1><table><caption>Pay</caption>
    <tr><th>Level</th><th colspan="2">Pay</th></tr><tr><td>P3</td><td>$85k</td><td>10%</td></tr></table></body></html>"""
    assert "P3 | $85k | 10%" in load(tmp_path, "x.html", html).text


def test_html_inline_tags_leave_no_space_before_punctuation(tmp_path):
    """ "<b>Tuesday to Saturday</b>." is quoted as "Tuesday to Saturday.", not "Saturday ." (trial 21)."""
    html = "<html><body><h1>Hours</h1><p>Open <b>Tuesday to Saturday</b>. Pay (<i>gross</i>) is <b>£12</b>, weekly.</p></body></html>"
    assert "Open Tuesday to Saturday. Pay (gross) is £12, weekly." in load(tmp_path, "h.html", html).text


def test_a_markdown_table_reads_as_statements_too(tmp_path):
    text = "# Planner\n\n## Pay\n\n| Level | Base salary |\n|---|---|\n| Senior planner | $85,000 |\n\nMore text.\n"
    doc = load(tmp_path, "p.md", text)
    assert "Senior planner — Base salary: $85,000." in doc.text and "|" not in doc.text
    assert [s.heading for s in doc.sections] == ["Pay"] and "More text." in doc.text
    # a row starting like a heading or a list item stays a paragraph of the same section
    odd = load(tmp_path, "q.md", "# Q\n\n## Pay\n\n| # | Role |\n|---|---|\n| - | $5 |\n\nEnd.\n")
    assert [s.heading for s in odd.sections] == ["Pay"]
    # an empty header row names no column: the first row is a row like the others (trial 20)
    keyed = load(
        tmp_path, "k.md", "# K\n\n## Pay\n\n| | |\n|---|---|\n| Salary | £38,000 |\n| Overtime | time and a half |\n"
    )
    assert "Salary | £38,000" in keyed.text and "Overtime | time and a half" in keyed.text
    assert "£38,000: time and a half" not in keyed.text


def test_pdf_pages_become_sections(tmp_path):
    doc = load(tmp_path, "handbook.pdf", make_pdf(["First page about hiring.", "", "Third page about salaries."]))
    assert [s.heading for s in doc.sections] == ["p. 1", "p. 3"]
    third = doc.sections[1]
    assert "salaries" in doc.text[third.start : third.end]


def test_a_sentence_a_pdf_page_break_cuts_is_whole_on_its_first_page(tmp_path):
    pages = ["Leave is 25 days. Because of the harvest peak,", "no leave may be taken in August.\nAsk the manager."]
    doc = load(tmp_path, "handbook.pdf", make_pdf(pages))
    first, second = (doc.text[s.start : s.end] for s in doc.sections)
    assert "Because of the harvest peak, no leave may be taken in August." in first
    assert second == "Ask the manager."
    # a word hyphenated across the break is one word again
    doc = load(tmp_path, "rota.pdf", make_pdf(["Staff on the milk-", "ing rota are paid extra."]))
    assert "Staff on the milking rota are paid extra." in doc.text
    # a page that starts a sentence of its own stays as it was
    doc = load(tmp_path, "other.pdf", make_pdf(["Leave is 25 days.", "Ask the manager."]))
    assert [doc.text[s.start : s.end] for s in doc.sections] == ["Leave is 25 days.", "Ask the manager."]


def test_docx_headings_become_sections_and_tables_are_kept(tmp_path):
    doc = load(tmp_path, "handbook.docx", make_docx())
    assert doc.title == "Team handbook"
    assert [s.heading for s in doc.sections] == ["Team handbook", "Roles", "Roles › Hiring"]
    assert "Role | Salary band" in doc.text


@pytest.mark.parametrize(
    "text",
    [
        "Le salaire d'un ingénieur est élevé.",
        "Café au lait, résumé à jour.",
        "Prix : 5€ — “devis” compris, Größe, niño, façade.",
    ],
)
def test_latin1_and_windows_text_is_decoded_and_says_so(tmp_path, text):
    doc = load(tmp_path, "latin.txt", text.encode("cp1252"))
    assert doc.text.strip() == text and "not UTF-8" in doc.note


def test_other_legacy_encodings_are_still_detected(tmp_path):
    text = "Инженеры машинного обучения развёртывают модели в продакшене каждый день, а аналитики данных их строят."
    doc = load(tmp_path, "ru.txt", text.encode("cp1251"))
    assert doc.text.strip() == text


@pytest.mark.parametrize(
    "name, content, error, reason",
    [
        ("bin.txt", b"\x00\x01\x02binary", UnreadableDocument, "binary"),
        ("empty.md", b"", EmptyDocument, "empty"),
        ("blank.md", b"  \n\t\n", EmptyDocument, "empty"),
        ("corrupt.pdf", b"%PDF-1.4 this is not really a pdf", UnreadableDocument, "not a readable PDF"),
        ("locked.pdf", None, UnreadableDocument, "encrypted PDF"),
        ("broken.docx", b"PK\x03\x04 not a zip", UnreadableDocument, "not a readable DOCX"),
        (
            "scripts.html",
            "<html><body><script>alert(1)</script><style>x{}</style></body></html>",
            EmptyDocument,
            "no text left after removing scripts",
        ),
    ],
)
def test_bad_files_say_why(tmp_path, name, content, error, reason):
    if content is None:
        content = encrypted_pdf()
    with pytest.raises(error, match=reason):
        load(tmp_path, name, content)


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    with pytest.raises(TooLarge, match="too large: 0.0 MB, the limit is 0 MB"):
        load(tmp_path, "big.txt", "word " * 20, max_bytes=50)


def test_scan_reports_unsupported_types_and_ignores_hidden_and_eval(tmp_path):
    (tmp_path / "a.md").write_text("# A\n\ntext\n")
    (tmp_path / "b.exe").write_bytes(b"MZ")
    (tmp_path / ".hidden.md").write_text("x")
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "q.jsonl").write_text("{}")
    files, skipped = scan(tmp_path)
    assert [f.doc_id for f in files] == ["a.md"]
    assert skipped[0].doc_id == "b.exe" and "unsupported file type '.exe'" in skipped[0].reason


def test_jsonl_files_hold_one_document_per_line(tmp_path):
    write(
        tmp_path,
        "corpus.jsonl",
        '{"_id": "d1", "title": "Zebras", "text": "Zebras graze."}\n\n{"_id": 2, "text": "Lions sleep."}\n',
    )
    files, _ = scan(tmp_path)
    docs = load_documents(files[0])
    assert [(d.doc_id, d.title, d.text) for d in docs] == [
        ("corpus.jsonl::d1", "Zebras", "Zebras graze."),
        ("corpus.jsonl::2", "2", "Lions sleep."),
    ]


@pytest.mark.parametrize(
    "content, reason",
    [
        ('{"_id": 1, "text": "a"}\nnot json\n', "line 2 is not valid JSON"),
        ('{"text": "no id"}\n', 'line 1 needs "_id"'),
        ('{"_id": 1, "text": "a"}\n{"_id": 1, "text": "b"}\n', "used twice"),
    ],
)
def test_broken_jsonl_says_which_line(tmp_path, content, reason):
    write(tmp_path, "c.jsonl", content)
    files, _ = scan(tmp_path)
    with pytest.raises(UnreadableDocument, match=reason):
        load_documents(files[0])


def test_pdf_headings_set_larger_make_the_sections(tmp_path):
    """Headings in a larger font make sections, as in the other formats, even one that starts
    a page; the largest line is the title."""
    from fpdf import FPDF

    pdf = FPDF()
    for heading, body in [("Overview", "Platform engineers run the shared clusters."), ("Pay", "They earn $150,000.")]:
        pdf.add_page()
        if heading == "Overview":
            pdf.set_font("helvetica", "B", 20)
            pdf.multi_cell(0, 10, "Platform Engineer", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "B", 14)
        pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, body + " Short line", new_x="LMARGIN", new_y="NEXT")
    doc = load(tmp_path, "platform.pdf", bytes(pdf.output()))
    assert doc.title == "Platform Engineer"
    assert [s.heading for s in doc.sections] == ["Overview", "Pay"]
    pay = doc.sections[1]
    assert doc.text[pay.start : pay.end].split() == ["They", "earn", "$150,000.", "Short", "line"]


def test_pdf_headings_a_point_larger_or_bold_make_the_sections_but_not_a_table_header(tmp_path):
    """Numbered headings set a point larger than the body (12 over 10.5), and questions in bold at
    the body's size (a level below), make sections; a table's header row in bold, drawn cell by
    cell, does not."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(0, 9, "Brightwell Home Care Handbook", new_x="LMARGIN", new_y="NEXT")
    body = "Home care workers visit clients in their own homes. " * 3
    for heading, size in [("4.3 Pay rates", 12), ("What are the hours?", 10.5)]:
        pdf.set_font("helvetica", "B", size)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=10.5)
        pdf.multi_cell(0, 5.5, body, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "B", 10.5)
    for cell in ("Shift", "Premium"):
        pdf.cell(40, 6, cell)
    pdf.ln()
    pdf.set_font("helvetica", size=10.5)
    for row in (("Nights", "+33% of basic rate"), ("Saturday", "+1.25 per hour")):
        for cell in row:
            pdf.cell(40, 6, cell)
        pdf.ln()
    doc = load(tmp_path, "handbook.pdf", bytes(pdf.output()))
    assert [s.heading for s in doc.sections] == ["4.3 Pay rates", "4.3 Pay rates › What are the hours?"]
    assert "Shift Premium" not in [s.heading.split(" › ")[-1] for s in doc.sections]


def test_pdf_headings_after_a_quoted_answer_and_a_title_wrapped_over_two_lines(tmp_path):
    """Trials 48, 49 and 51 each wrote an interview as a PDF: a heading after an answer that ends
    in quotes ('... too big to collect."') had run on from it, so every later answer was under
    the first heading; and a title as long as a wrapped line had run on to its second line."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.multi_cell(
        0,
        7,
        "Meet the Team: Priya Sandhu, Trade Counter Assistant, Castleway Builders Merchants",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    answer = '"I take orders across the counter, price jobs up and load vans, and I book our lorries too. It is busy."'
    for heading, body in [("What does she do?", answer), ("Who is her boss?", answer), ("Pay", "GBP 23,000 a year.")]:
        pdf.set_font("helvetica", "B", 12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
    doc = load(tmp_path, "profile.pdf", bytes(pdf.output()))
    assert doc.title == "Meet the Team: Priya Sandhu, Trade Counter Assistant, Castleway Builders Merchants"
    assert [s.heading for s in doc.sections] == ["What does she do?", "Who is her boss?", "Pay"]


def test_a_table_drawn_in_a_text_file_reads_as_the_other_formats_tables(tmp_path):
    """Trial 51's pay policy drew its pay scales in characters, each row over two lines between
    "+---+" borders: the figures came through as pieces ("| plus GBP 5,000 TLR — |"). A grid's
    rows, and a pipe table's under its "|---|" line, now read as the other formats' tables do."""
    grid = (
        "4. PAY SCALES\n\nTeachers are paid on one of the scales below.\n\n"
        "+----------------------------------+---------------------+-----------------------+\n"
        "| Scale                            | Annual salary (FTE) | Sessional hourly rate |\n"
        "+----------------------------------+---------------------+-----------------------+\n"
        "| Unqualified Instrumental Teacher | GBP 24,400 to       | GBP 27.40             |\n"
        "| (points UIT1 to UIT3)            | GBP 28,150          |                       |\n"
        "+----------------------------------+---------------------+-----------------------+\n"
        "| Area Lead Teacher                | Upper Pay Range     | not applicable        |\n"
        "+----------------------------------+---------------------+-----------------------+\n\n"
        "5. PREMIUMS\n\n| Shift | Premium |\n|---|---|\n| Nights | +33% |\n| Saturdays | +1.25 an hour |\n\n"
        "A line | with a bar is text.\n"
    )
    doc = load(tmp_path, "policy.txt", grid)
    text = " ".join(doc.text.split())
    assert (
        "Unqualified Instrumental Teacher (points UIT1 to UIT3) — Annual salary (FTE): GBP 24,400 to GBP 28,150; "
        "Sessional hourly rate: GBP 27.40." in text
    )
    assert "Area Lead Teacher — Annual salary (FTE): Upper Pay Range; Sessional hourly rate: not applicable." in text
    assert "Nights — Premium: +33%." in text and "Saturdays — Premium: +1.25 an hour." in text
    assert "+---" not in text and "|---|" not in text and "A line | with a bar is text." in text


def test_a_pdf_table_reads_as_the_other_formats_tables(tmp_path):
    """A table drawn cell by cell is one line per row, each cell under its column's name, as a
    Word or HTML table reads, whether its header has no figures or is set in bold, and its figures
    are centred or not; two short pieces on a line without a header are left as written."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "Basic pay depends on grade. Grades and rates are:", new_x="LMARGIN", new_y="NEXT")
    for row in (
        ("Grade", "Role", "Basic hourly rate"),
        ("PO1", "Production Operative", "12.21"),
        ("PO2", "Line Leader", "15.10"),
    ):
        for cell in row:
            pdf.cell(50, 6, cell)
        pdf.ln()
    pdf.multi_cell(0, 6, "New starters move up after 12 weeks.", new_x="LMARGIN", new_y="NEXT")
    for row in (("Hours:", "40 a week"), ("Location:", "Northfield")):
        for cell in row:
            pdf.cell(50, 6, cell)
        pdf.ln()
    pdf.multi_cell(0, 6, "Premiums, with figures centred in their columns:", new_x="LMARGIN", new_y="NEXT")
    for n, row in enumerate((("Rate", "Class 2 driver", "Class 1 driver"), ("Night premium", "+2.00", "+2.50"))):
        pdf.set_font("helvetica", "B" if n == 0 else "", 11)
        for cell in row:
            pdf.cell(50, 6, cell, align="L" if cell == row[0] else "C")
        pdf.ln()
    doc = load(tmp_path, "pay.pdf", bytes(pdf.output()))
    assert "Night premium — Class 2 driver: +2.00; Class 1 driver: +2.50." in doc.text
    assert "PO1 — Role: Production Operative; Basic hourly rate: 12.21." in doc.text
    assert "PO2 — Role: Line Leader; Basic hourly rate: 15.10." in doc.text
    assert "Grade Role" not in doc.text
    assert "Hours: 40 a week" in " ".join(doc.text.split())


def test_a_subtitle_in_capitals_right_under_a_texts_title_is_a_heading(tmp_path):
    """Trial 79's handbook named its job only in the line under its title ("SECTION 7: THE
    ESTATE MAINTENANCE TEAM (ESTATE HANDYPERSONS)"), which had read as the text's first line."""
    text = (
        "HOLLINSWORTH ESTATE - STAFF HANDBOOK\nSECTION 7: THE ESTATE MAINTENANCE TEAM (ESTATE HANDYPERSONS)\n\n"
        "7.1 Purpose of this section\n\nThis section applies to the Estate Maintenance Team.\n\n"
        "7.2 Line management\n\nEstate handypersons report to the Clerk of Works.\n"
    )
    doc = load(tmp_path, "handbook.txt", text)
    assert doc.title == "HOLLINSWORTH ESTATE - STAFF HANDBOOK"
    assert [s.heading for s in doc.sections][:2] == [
        "SECTION 7: THE ESTATE MAINTENANCE TEAM (ESTATE HANDYPERSONS) › 7.1 Purpose of this section",
        "7.2 Line management",
    ]


def test_a_table_whose_cells_run_over_several_lines_reads_a_row_as_one(tmp_path):
    """Trials 72 and 75: a plain-text table with no rules between its rows ran a job title over
    two lines ("| Civil Enforcement | 4 | ..." over "| Officer |   |   | award |"), and a PDF
    table (fpdf2's) drew a long cell a line below its row and over more lines, and a row whose
    other cells all ran over; each piece had read as a row of its own, or as the text after."""
    from fpdf import FPDF

    drawn = (
        "2.1 Basic salaries:\n\n"
        "  +----------------------+-------+-----------------+------------------------------+\n"
        "  | Post                 | Grade | Annual salary   | Notes                        |\n"
        "  +----------------------+-------+-----------------+------------------------------+\n"
        "  | Trainee CEO          | 3     | £23,151         | First 12 weeks only          |\n"
        "  | Civil Enforcement    | 4     | £24,294-£25,119 | After passing the Level 2    |\n"
        "  | Officer              |       |                 | award                        |\n"
        "  | Senior CEO           | 5     | £26,409-£27,334 |                              |\n"
        "  +----------------------+-------+-----------------+------------------------------+\n"
    )
    text = " ".join(load(tmp_path, "policy.txt", drawn).text.split())
    assert (
        "Civil Enforcement Officer — Grade: 4; Annual salary: £24,294-£25,119; Notes: After passing the Level 2 award."
        in text
    )
    assert "Senior CEO — Grade: 5; Annual salary: £26,409-£27,334." in text
    # (a row of its own figures under the same first cell is a row of that group: the review's)
    grouped = (
        "Pay:\n\n| Grade | Step | Salary |\n|---|---|---|\n| Band 3 | Year 1 | £24,000 |\n|  | Year 2 | £25,000 |\n"
    )
    text = " ".join(load(tmp_path, "grouped.txt", grouped).text.split())
    assert "Band 3 — Step: Year 2; Salary: £25,000." in text

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.multi_cell(0, 6, "Technicians are paid on three grades.", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(14, 44, 26, 60), text_align="LEFT") as table:
        for cells in (
            ("Grade", "Job title", "Salary", "Requirements"),
            (
                "CT1",
                "Trainee Cellar Technician",
                "£26,000",
                "Full UK driving licence; completes a 12-month training plan",
            ),
            ("CT2", "Cellar Technician", "£29,500", "BIIAB Level 2 Award in Beer and Cellar Quality"),
            ("Call-out", "Minimum 2 hours at overtime rate for each call", "", "Each time a technician is called out"),
        ):
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.multi_cell(0, 6, "Progression from CT1 to CT2 takes twelve months.", new_x="LMARGIN", new_y="NEXT")
    text = " ".join(load(tmp_path, "pay.pdf", bytes(pdf.output())).text.split())
    assert (
        "CT1 — Job title: Trainee Cellar Technician; Salary: £26,000; Requirements: Full UK driving licence; "
        "completes a 12-month training plan." in text
    )
    assert "CT2 — Job title: Cellar Technician; Salary: £29,500; Requirements: BIIAB Level 2 Award" in text
    assert "Call-out — Job title: Minimum 2 hours at overtime rate for each call; Requirements: Each time" in text
    assert "Progression from CT1 to CT2 takes twelve months." in text


def test_pdf_layout_line_breaks_are_joined_but_headings_keep_their_line():
    from assistant.formats import reflow

    page = "Overview\nA solutions architect is the technical partner of the sales team. When a large\ncustomer is signing, they design the fit.\nPay\nThey earn $146,000."
    assert reflow(page) == (
        "Overview\nA solutions architect is the technical partner of the sales team. When a large "
        "customer is signing, they design the fit.\nPay\nThey earn $146,000."
    )


def test_plain_text_numbered_headings_over_indented_points_but_not_a_numbered_list(tmp_path):
    text = "ROLE NOTES\n\n1. Summary\n   Designs roads.\n\n2. Reporting\n   a. Reports to the Principal Engineer.\n\n"
    text += "Steps\n\n1. Install the tools\n2. Run them\n"
    doc = load(tmp_path, "n.txt", text)
    assert [s.heading for s in doc.sections] == ["1. Summary", "2. Reporting", "Steps"]


def test_plain_text_title_in_capitals_may_end_in_an_abbreviation(tmp_path):
    doc = load(
        tmp_path,
        "c.txt",
        "CIVIL ENGINEER - BRIDGES & HIGHWAYS DIV.\n\nRole profile, Rev. 4.\n\n1. DUTIES\n   a) Design.\n",
    )
    assert doc.title == "CIVIL ENGINEER - BRIDGES & HIGHWAYS DIV."


def test_a_pdf_heading_wrapped_over_two_lines_is_one_heading():
    from assistant.formats import _joined_headings

    blocks = [
        (1, "HVAC On-call, Overtime and Leave Policy for"),
        (1, "Technicians"),
        (2, "1. Scope"),
        (0, "It applies."),
    ]
    assert _joined_headings(blocks) == [
        (1, "HVAC On-call, Overtime and Leave Policy for Technicians"),
        (2, "1. Scope"),
        (0, "It applies."),
    ]


def test_an_faq_in_plain_text_has_a_section_per_question():
    from assistant.formats import plain_text_sections

    text = (
        "NIGHT AUDITOR FAQ\n\nWhat does a hotel night auditor do?\nThe night auditor balances every folio.\n\n"
        "Is overtime paid?\nYes. Hours over 40 a week are paid at 1.5 times the base rate.\n"
    )
    title, sections = plain_text_sections(text)
    assert title == "NIGHT AUDITOR FAQ"
    assert [s.heading for s in sections] == ["What does a hotel night auditor do?", "Is overtime paid?"]
    assert text[sections[1].start : sections[1].end].strip().startswith("Yes. Hours over 40")


def test_a_figure_under_a_column_that_gives_its_currency_is_an_amount():
    """ "Basic salary (£ a year)" over "27,300" is £27,300 a year: the row says so (trial 36's
    purser pay table, whose amounts were not taken for pay)."""
    from assistant.formats import table_lines

    rows = [
        ["Grade", "Title", "Basic salary (£ a year)", "Rate (GBP/hour)"],
        ["P1", "Assistant Purser", "27,300", "13.10"],
    ]
    assert table_lines(rows, header=True) == [
        "P1 — Title: Assistant Purser; Basic salary: £27,300 a year; Rate: GBP 13.10/hour."
    ]


def test_a_labelled_figure_in_columns_of_spaces_is_no_heading():
    """ "Starting salary:      GBP 29,640 a year" over another such line is a row of figures,
    not a section heading (trial 36: the starting salary was only ever a breadcrumb)."""
    from assistant.formats import plain_text_sections

    text = (
        "7.4 Grade and pay\n\nDispatchers are at Station Grade 3.\n\n"
        "  Starting salary:                       GBP 29,640 a year\n"
        "  After 12 months' satisfactory service: GBP 31,110 a year\n\n7.5 Hours\n\nShifts are eight hours.\n"
    )
    _, sections = plain_text_sections(text)
    assert [s.heading for s in sections] == ["7.4 Grade and pay", "7.5 Hours"]


def test_a_long_line_in_capitals_opening_a_text_is_its_title():
    """Trial 38's newsletter interview opens with a thirteen-word title in capitals."""
    text = (
        "MEET THE COACH: A DAY IN THE LIFE OF OUR HEAD TENNIS COACH\n"
        "Westbury Park Lawn Tennis Club members' newsletter, spring issue\n\n"
        "Priya has been Head Coach at Westbury Park for six years.\n\n"
        "Q: Who is your boss?\n\n"
        "A: I answer to the club's Tennis Chair.\n"
    )
    title, sections = plain_text_sections(text)
    assert title == "MEET THE COACH: A DAY IN THE LIFE OF OUR HEAD TENNIS COACH"
    assert [s.heading for s in sections][1:] == ["Q: Who is your boss?"]
    # further down, such a line is a paragraph's opening in capitals, no heading
    _, sections = plain_text_sections("Pay\n\n" + text)
    assert "MEET THE COACH: A DAY IN THE LIFE OF OUR HEAD TENNIS COACH" not in [s.heading for s in sections]

"""Write the held-out PDF and DOCX test documents deterministically.

Run with:  /work/main/.venv/bin/python make_binary.py
Outputs (next to this script):
  solutions-architect.pdf            (2 pages, real text layer, fpdf2)
  business-intelligence-analyst.docx (Title / Heading 1 styles, python-docx)
All text lives in this file; dates and zip timestamps are fixed so that
re-running produces the same bytes.
"""
import datetime
import io
import os
import zipfile

from fpdf import FPDF
import docx

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_DATE = datetime.datetime(2024, 3, 1, 9, 0, 0, tzinfo=datetime.timezone.utc)

# ---------------------------------------------------------------- PDF text
PDF_TITLE = "Solutions Architect"
PDF_SUBTITLE = "Role profile - Corvel Sales Engineering"
# Each page: list of (heading, [paragraphs])
PDF_PAGES = [
    [
        ("Overview", [
            "A solutions architect is the technical partner of the sales team. "
            "When a large customer is considering the Corvel platform, the solutions "
            "architect designs how it will fit into the customer's existing systems, "
            "answers security and integration questions, and builds a proof of concept "
            "that shows the platform working with the customer's own data.",
        ]),
        ("Day to day", [
            "A typical week includes three to five customer calls, one or two whiteboard "
            "design sessions, and time spent writing reference architectures for common "
            "integrations. Solutions architects also visit customer sites, usually about "
            "four days a month.",
            "Each solutions architect supports two account executives and is usually "
            "working on eight to ten active deals at any one time. Once a deal is signed, "
            "they hand the design over to the professional services team, which runs the "
            "implementation.",
        ]),
        ("Tools", [
            "Architecture diagrams are drawn in Lucidchart, proofs of concept are built "
            "on AWS and Azure, and deal notes are kept in Salesforce. Demo environments "
            "are deployed from Terraform templates that the team maintains itself.",
        ]),
    ],
    [
        ("Pay", [
            "Solutions architects earn an average base salary of $146,000. On top of "
            "that comes variable pay linked to the sales team's targets, worth about "
            "$40,000 a year when targets are met.",
        ]),
        ("Team", [
            "The solutions architecture team has nine architects organised by industry: "
            "financial services, retail and healthcare. It is led by the Director of "
            "Solutions Architecture, who reports to the Chief Revenue Officer.",
        ]),
        ("Education and experience", [
            "Most solutions architects hold a bachelor's degree in computer science or "
            "engineering. They typically spent at least six years in software engineering, "
            "consulting or DevOps before moving into the role, and they need to be "
            "comfortable presenting to both engineers and executives.",
        ]),
        ("Career path", [
            "From solutions architect, people can progress to principal architect, move "
            "into sales engineering management, or join product management, where their "
            "knowledge of customer needs is highly valued.",
        ]),
    ],
]

# --------------------------------------------------------------- DOCX text
DOCX_TITLE = "Business Intelligence Analyst"
DOCX_SECTIONS = [
    ("Role summary", [
        "Business intelligence analysts turn company data into dashboards and reports "
        "that managers use to run their departments. At Corvel, the BI team serves "
        "sales, operations and human resources.",
    ]),
    ("Day to day", [
        "A BI analyst spends roughly half the week building and updating Power BI "
        "dashboards and the other half answering ad-hoc questions from department heads. "
        "Requests arrive through a Jira service desk, and the team aims to answer simple "
        "ones within two working days.",
        "Once a month they run a one-hour training session that shows managers how to "
        "use the self-service reports. The team keeps standard office hours, 9:00 to "
        "17:30, and there is no weekend or on-call work.",
    ]),
    ("Tools", [
        "Power BI is the main reporting tool, with data drawn from SQL Server and from a "
        "few Excel workbooks maintained by finance. Data is shaped with Power Query and "
        "measures are written in DAX.",
    ]),
    ("Team and partners", [
        "The BI team has six analysts and a BI lead, and it sits within the finance "
        "department. They work most closely with operations managers, the sales "
        "operations team and HR business partners.",
    ]),
    ("Pay", [
        "The average salary for a business intelligence analyst is $89,500. Senior BI "
        "analysts average $104,000.",
    ]),
    ("Education", [
        "A bachelor's degree in business, finance, information systems or a similar "
        "field is expected. Strong Excel and SQL skills are essential; Python is a plus "
        "but not required.",
    ]),
    ("Career path", [
        "After two to three years, BI analysts usually become senior BI analysts. From "
        "there, some become BI lead, some move into analytics engineering, and others "
        "move into financial planning roles.",
    ]),
]


def write_pdf(path):
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(PDF_TITLE)
    pdf.set_author("Corvel Careers Intranet Team")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(20, 20, 20)
    for i, page in enumerate(PDF_PAGES):
        pdf.add_page()
        if i == 0:
            pdf.set_font("Helvetica", "B", 20)
            pdf.multi_cell(0, 10, PDF_TITLE, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "I", 11)
            pdf.multi_cell(0, 7, PDF_SUBTITLE, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        for heading, paras in page:
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            pdf.set_font("Helvetica", "", 11)
            for para in paras:
                pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(3)
            pdf.ln(2)
    pdf.output(path)


def _normalise_zip(path):
    """Rewrite a zip with fixed timestamps and sorted-stable order."""
    with zipfile.ZipFile(path) as zin:
        items = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items:
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    with open(path, "wb") as fh:
        fh.write(buf.getvalue())


def write_docx(path):
    d = docx.Document()
    props = d.core_properties
    naive = FIXED_DATE.replace(tzinfo=None)
    props.created = naive
    props.modified = naive
    props.last_printed = naive
    props.author = "Corvel Careers Intranet Team"
    props.last_modified_by = "Corvel Careers Intranet Team"
    props.title = DOCX_TITLE
    props.revision = 1
    d.add_paragraph(DOCX_TITLE, style="Title")
    for heading, paras in DOCX_SECTIONS:
        d.add_paragraph(heading, style="Heading 1")
        for para in paras:
            d.add_paragraph(para)
    d.save(path)
    _normalise_zip(path)


def all_text():
    """Plain text of both documents (used to check gold phrases)."""
    pdf = [PDF_TITLE, PDF_SUBTITLE] + [
        t for page in PDF_PAGES for h, ps in page for t in [h] + ps]
    dx = [DOCX_TITLE] + [t for h, ps in DOCX_SECTIONS for t in [h] + ps]
    return {"solutions-architect.pdf": "\n".join(pdf),
            "business-intelligence-analyst.docx": "\n".join(dx)}


if __name__ == "__main__":
    write_pdf(os.path.join(HERE, "solutions-architect.pdf"))
    write_docx(os.path.join(HERE, "business-intelligence-analyst.docx"))
    print("wrote solutions-architect.pdf and business-intelligence-analyst.docx")

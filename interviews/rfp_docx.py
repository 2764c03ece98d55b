"""The RFP as a Word document (python-docx) a procurement office edits in its own template.

Built with Word's own styles (Title, Heading 1/2, List Bullet, Table Grid), so pasting it
into a district template restyles it; the section text is read by rfp_text.text_blocks, the
same reading as the page and the PDF.
"""

import io

from docx import Document
from docx.shared import Pt

from interviews.rfp_text import text_blocks
from plpg import formats


def rfp_docx(*, rfp, sections) -> bytes:
    """The RFP's title, issuer, deadline and every section, as .docx bytes."""
    document = Document()
    document.core_properties.title = rfp.title
    document.core_properties.author = rfp.selection.district.name
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(rfp.title, level=0)
    document.add_paragraph(
        f"Request for proposals issued by {rfp.selection.district.name}. "
        f"Proposals due {formats.when(rfp.proposals_due)}."
    )
    for section in sections:
        document.add_heading(section.title, level=1)
        for block in text_blocks(section.text):
            if block.kind == "h":
                document.add_heading(block.lines[0], level=2)
            elif block.kind == "ul":
                for item in block.lines:
                    document.add_paragraph(item, style="List Bullet")
            elif block.kind == "table":
                width = max(len(row) for row in block.lines)
                table = document.add_table(rows=0, cols=width)
                table.style = "Table Grid"
                for number, row in enumerate(block.lines):
                    cells = table.add_row().cells
                    for cell, value in zip(cells, row, strict=False):
                        cell.text = value
                        if number == 0:
                            for run in cell.paragraphs[0].runs:
                                run.bold = True
                # A few empty rows for the provider to fill in.
                for _ in range(3):
                    table.add_row()
            else:
                paragraph = document.add_paragraph()
                for number, line in enumerate(block.lines):
                    if number:
                        paragraph.add_run().add_break()
                    paragraph.add_run(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

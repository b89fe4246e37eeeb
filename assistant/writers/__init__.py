"""Writers: a Report rendered as markdown, plain text or .docx in the standard layout; the figures workbook.

python-docx and openpyxl are imported only when a .docx or .xlsx is actually written.
"""

from assistant.writers.docx import write_docx
from assistant.writers.markdown import render_markdown, render_text
from assistant.writers.workbook import write_figures_template

__all__ = ["render_markdown", "render_text", "write_docx", "write_figures_template"]

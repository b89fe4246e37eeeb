"""Writers: a Report rendered as markdown, plain text or .docx in the standard layout; the figures workbook.

Import the module you need (``assistant.writers.docx``, ``.markdown``, ``.workbook``, ``.check_report``): this
package imports none of them, so ``nianbao check`` does not pay for the .docx writer at start-up.
"""

"""Writers: a Report rendered as markdown, plain text or .docx in the standard layout."""

"""What the browser app needs beyond the core, kept out of ``app.py`` so it is tested with plain pytest.

- :mod:`editor` — the standard's tables as editable frames (and back), never turning "not filled" into 0;
- :mod:`highlight` — flagged spans and cells as escaped HTML;
- :mod:`review` — flag identity, decisions joined to flags, grouping;
- :mod:`export` — .docx/.md bytes, the flag list as CSV, the annotated .docx;
- :mod:`workspace` — last year's summary, carry-over prefill, draft requests, the demo unit.

Nothing here imports streamlit.
"""

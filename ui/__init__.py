"""Streamlit pages of the app (wiring only; logic lives in ``assistant``)."""

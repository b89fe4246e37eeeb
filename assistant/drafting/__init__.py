"""Drafting: a whole report from figures, last year's report and staff notes.

The only part of the project that talks to a model (through :mod:`assistant.drafting.client`). With no
model configured the offline drafter writes the whole report from templates.
"""

"""One error root. Faces (CLI, app) turn it into a one-line message; nothing else should escape."""

from __future__ import annotations


class AssistantError(Exception):
    """A problem the user can act on.

    ``message`` is Chinese and says what is wrong and what to do; ``hint_en`` is the same in English for
    logs and the CLI's second half-line; ``path`` names the file concerned.
    """

    def __init__(self, message: str, *, hint_en: str = "", path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint_en = hint_en
        self.path = path

    def one_line(self) -> str:
        """File, Chinese message and English hint on a single line, as the CLI prints it."""
        where = f"{self.path}: " if self.path else ""
        en = f" / {self.hint_en}" if self.hint_en else ""
        return f"{where}{self.message}{en}".replace("\n", " ")


class InputError(AssistantError):
    """Input that cannot be used: missing, empty, too large, unreadable, not a report."""

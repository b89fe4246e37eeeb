"""The environment every test (and every process a test starts) runs in: none of the developer's settings.

Model variables would send drafts to a real model; NIANBAO_DB, XDG_DATA_HOME or HOME would open (and write)
the developer's real database. All are replaced by a throw-away data folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

# Every OPENAI_* and NIANBAO_* variable is a product setting, except where the tests find ../shared.
PRODUCT_PREFIXES = ("OPENAI_", "NIANBAO_")
TEST_SETTINGS = frozenset({"NIANBAO_SHARED"})


def isolated_environ(environ: Mapping[str, str], data: Path) -> dict[str, str]:
    """``environ`` without product settings, with the database, data and home folders under ``data``."""
    env = {k: v for k, v in environ.items() if not k.startswith(PRODUCT_PREFIXES) or k in TEST_SETTINGS}
    home, xdg = data / "home", data / "xdg"
    home.mkdir(parents=True, exist_ok=True)
    xdg.mkdir(parents=True, exist_ok=True)
    env.update(NIANBAO_DB=str(data / "nianbao.db"), XDG_DATA_HOME=str(xdg), HOME=str(home))
    return env

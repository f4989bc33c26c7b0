"""The data newsmon ships: feeds.toml, companies.toml, fx.toml and the demo site (demo/).

A package only so the data travels inside the wheel and is found the same way in a checkout and
in an installed copy: through ``importlib.resources``, never relative to the source tree.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: The folder holding the seed files (a real directory: the wheel installs unzipped).
SEEDS_DIR = Path(str(files(__name__)))


def seed_path(name: str) -> Path:
    """The shipped seed file or folder ``name`` (e.g. ``"feeds.toml"``, ``"demo"``)."""
    return SEEDS_DIR / name

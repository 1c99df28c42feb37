"""Presets: named tables of configuration applied below the user's file.

A preset is plain data, written exactly as a configuration file would be, so what it
does can be read here at a glance and the file (or the command line) can override any
part of it.
"""

from __future__ import annotations

from typing import Any

PRESETS: dict[str, dict[str, Any]] = {
    # The defaults of the model and of every rule: what a real published model passes.
    "default": {},
    # Every rule, including those off by default. (Rules may also read `preset`
    # itself: under "strict" the layout rules require every slot of the profile.)
    "strict": {"select": ["ALL"]},
}

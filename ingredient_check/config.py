"""Where the user's default rules file lives (os only: the CLI asks on every run, cheaply)."""

from __future__ import annotations

import os

__all__ = ["ENV_VAR", "default_rules_location"]

ENV_VAR = "INGREDIENT_CHECK_RULES"


def default_rules_location() -> str:
    """``$INGREDIENT_CHECK_RULES``, else ``rules.toml`` in the user's configuration directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return os.path.expanduser(env)
    if os.name == "nt":
        base = os.environ.get("APPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Roaming")
    else:
        xdg = os.environ.get("XDG_CONFIG_HOME")
        # the XDG spec says to ignore a relative XDG_CONFIG_HOME
        base = xdg if xdg and os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "ingredient-check", "rules.toml")

"""cite: a source as a person can follow it, the same in the table, `explain` and the JSON.

Each source in ``lexicons/sources.toml`` carries a ``title``, a ``publisher`` and a ``url`` (or, for the
two seed articles collected without their address, a ``url_note`` saying so). A user never sees the
citation key's file or a path in the development tree: the key ("RN", "EU-ALLERGENS") is only the
link between the lexicon and this file.
"""

from __future__ import annotations

__all__ = ["cite", "source_json", "SOURCE_FIELDS"]

SOURCE_FIELDS = ("title", "publisher", "url", "kind")


def cite(source: dict) -> str:
    """'Title. Publisher. https://...' (or the note that the address was not recorded)."""
    parts = [source.get("title") or "", source.get("publisher") or ""]
    where = source.get("url") or (f"({source['url_note']})" if source.get("url_note") else "")
    if source.get("also"):
        where += f"; also {source['also']}"
    text = " ".join(p if p[-1] in ".?!" else p + "." for p in parts if p)
    return f"{text} {where}".strip()


def source_json(source: dict) -> dict:
    """The JSON form: title, publisher, url (null when unknown), kind."""
    return {k: source.get(k) for k in SOURCE_FIELDS}

"""Region names as people write them: 沙坪坝区 or 沙坪坝, 深圳市 or 深圳.

Used for three things: jieba words (so 沙坪坝 stays one token), filter resolution (a filter
"盐田" selects the rows of 盐田区) and the list of regions named in UnknownRegionError.
"""
from __future__ import annotations

from collections.abc import Iterable

from ingest import short_name

__all__ = ["short_form", "aliases", "RegionResolver"]

LEVELS = ("district", "city", "province")


def short_form(name: str) -> str:
    """沙坪坝区 -> 沙坪坝, 深圳市 -> 深圳; a name without a short form (城区 would leave one
    character) is returned unchanged. The suffix rule is ingest's, shared with the gazetteer."""
    return short_name(name) or name


def aliases(name: str) -> set[str]:
    return {a for a in (name, short_form(name)) if a} if name else set()


class RegionResolver:
    """Maps what a user typed to the full region names stored with the documents."""

    def __init__(self, rows: Iterable[dict]):
        self._alias: dict[str, str] = {}
        self._level: dict[str, int] = {}
        for row in rows:
            for lvl, key in enumerate(LEVELS):
                name = (row.get(key) or "").strip()
                if not name:
                    continue
                self._level[name] = min(lvl, self._level.get(name, lvl))
                for a in aliases(name):
                    self._alias.setdefault(a, name)

    @property
    def names(self) -> list[str]:
        """All full names, most specific level first (districts, then cities, then provinces)."""
        return sorted(self._level, key=lambda n: (self._level[n], n))

    def words(self) -> set[str]:
        return set(self._alias)

    def resolve(self, text: str) -> str | None:
        """The full name for "盐田" / "盐田区"; for a longer phrase such as "深圳市盐田区" the most
        specific known name contained in it; None when the index covers no such region."""
        text = (text or "").strip()
        if not text:
            return None
        if text in self._alias:
            return self._alias[text]
        found = [name for a, name in self._alias.items() if len(a) >= 2 and a in text]
        if not found:
            return None
        return min(found, key=lambda n: (self._level[n], -len(n)))

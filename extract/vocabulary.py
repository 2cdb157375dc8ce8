"""The vocabularies that drive extraction, loaded from data files.

Boilerplate lines, titles, junk words, organisation words, shared aliases,
event patterns and relation types live in ``extract/patterns/``; another
domain adds its own files instead of code.  :func:`load_vocabulary` reads them
once; the result is immutable and hashable into the cache fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from extract.errors import InputError

__all__ = ["PATTERNS_DIR", "Boilerplate", "Vocabulary", "load_vocabulary"]

PATTERNS_DIR = Path(__file__).parent / "patterns"


@dataclass(frozen=True)
class Boilerplate:
    """Line patterns that are never evidence, and those that end a document's content."""

    lines: tuple[re.Pattern[str], ...]
    ends: tuple[re.Pattern[str], ...]

    def is_boilerplate(self, line: str) -> bool:
        return bool(line) and any(p.fullmatch(line) for p in self.lines)

    def ends_content(self, line: str) -> bool:
        return bool(line) and any(p.fullmatch(line) for p in self.ends)


@dataclass(frozen=True)
class Vocabulary:
    """Everything extraction reads from data files."""

    labels: frozenset[str]
    optional_labels: frozenset[str]
    titles: tuple[str, ...]
    suffixes: frozenset[str]
    org_words: frozenset[str]
    junk_words: frozenset[str]
    aliases: tuple[tuple[str, str], ...]
    boilerplate: Boilerplate
    entity_patterns: tuple[dict[str, Any], ...]
    gazetteer: tuple[dict[str, Any], ...]
    relations: tuple[dict[str, Any], ...]
    fingerprint: str
    #: Words a company's full name may carry after its short name ("Ltd", "Airways", "Hotel").
    legal_forms: frozenset[str] = frozenset()
    #: Last words that make a name a law ("Foreign Agents Registration Act").
    law_words: frozenset[str] = frozenset()
    #: Suffixes of a full formal name ("III") that running text drops: never a different person.
    formal_suffixes: frozenset[str] = frozenset()


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot be read as YAML ({exc}); fix the file or restore it") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping at the top level")
    return data


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@cache
def load_vocabulary(folder: Path = PATTERNS_DIR) -> Vocabulary:
    """Read the vocabularies in ``folder`` (``extract/patterns`` by default)."""
    files = sorted(p for p in folder.iterdir() if p.suffix in {".yml", ".jsonl"})
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    entities = _read_yaml(folder / "entities.yml")
    boiler = _read_yaml(folder / "boilerplate.yml")
    relations_file = folder / "relations.yml"
    relations = _read_yaml(relations_file).get("relations", []) if relations_file.exists() else []
    patterns = tuple(
        json.loads(line) for line in (folder / "events.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()
    )
    typed_aliases = entities.get("aliases") or {}
    aliases = tuple(
        (canonical, alias)
        for _, names in sorted(typed_aliases.items())
        for canonical, others in sorted((names or {}).items())
        for alias in [canonical, *(others or [])]
    )
    gazetteer = tuple(
        {"label": label, "pattern": alias}
        for label, names in sorted(typed_aliases.items())
        for canonical, others in sorted((names or {}).items())
        for alias in [canonical, *(others or [])]
    )
    return Vocabulary(
        labels=frozenset(entities["labels"]),
        optional_labels=frozenset(entities.get("optional_labels", [])),
        titles=tuple(sorted((t.lower() for t in entities.get("titles", [])), key=len, reverse=True)),
        suffixes=frozenset(s.lower() for s in entities.get("suffixes", [])),
        org_words=frozenset(w.lower() for w in entities.get("org_words", [])),
        junk_words=frozenset(w.lower() for w in entities.get("junk_words", [])),
        aliases=aliases,
        boilerplate=Boilerplate(_compile(boiler.get("lines", [])), _compile(boiler.get("ends_content", []))),
        entity_patterns=patterns,
        gazetteer=gazetteer,
        relations=tuple(relations),
        fingerprint=digest.hexdigest(),
        legal_forms=frozenset(w.lower() for w in entities.get("legal_forms", [])),
        law_words=frozenset(w.lower() for w in entities.get("law_words", [])),
        formal_suffixes=frozenset(w.lower() for w in entities.get("formal_suffixes", [])),
    )

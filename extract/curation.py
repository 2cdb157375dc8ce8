"""An analyst's curation file, applied on every rebuild.

YAML (``.yml``/``.yaml``) or TOML (``.toml``) with any of these sections::

    merge:            # these names are one entity, shown under the first
      - [John F. Kennedy, JFK]
    split: [Kennedy]  # never link this name to a longer one
    rename:           # change the label an entity is shown under
      Justice Department: U.S. Department of Justice
    retype:           # force an entity's type
      Hudson Yards Tower: FAC
    ignore: [Factually]   # never a node

Names are matched case- and punctuation-insensitively, on any of an
entity's names.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from extract.errors import InputError
from extract.normalize import name_key
from extract.vocabulary import load_vocabulary

__all__ = ["SECTIONS", "Curation", "load_curation"]

SECTIONS = ("merge", "split", "rename", "retype", "ignore")
TYPES = tuple(t.name for t in load_vocabulary().entity_types)


@dataclass(frozen=True)
class Curation:
    """Parsed curation rules (empty by default)."""

    merges: tuple[tuple[str, ...], ...] = ()
    splits: tuple[str, ...] = ()
    renames: tuple[tuple[str, str], ...] = ()
    retypes: tuple[tuple[str, str], ...] = ()
    ignores: tuple[str, ...] = ()

    @cached_property
    def split_keys(self) -> frozenset[str]:
        """Keys of the ``split`` names, computed once: resolution asks for every key of the corpus."""
        return frozenset(name_key(n) for n in self.splits)

    @cached_property
    def ignore_keys(self) -> frozenset[str]:
        return frozenset(name_key(n) for n in self.ignores)

    def merge_links(self) -> dict[str, str]:
        """Each merged name's key → the key of the group's first name."""
        return {name_key(n): name_key(group[0]) for group in self.merges for n in group[1:]}

    def apply_label(self, label: str, kind: str, keys: Iterable[str]) -> tuple[str, str]:
        """The label and type of an entity known by ``label`` and the name ``keys``."""
        names = {name_key(label), *keys}
        merged_into = {name_key(g[0]): g[0] for g in self.merges}
        for key in sorted(names):
            if key in merged_into:
                label = merged_into[key]
        for old, new in self.renames:
            if name_key(old) in names:
                label = new
        for name, new_type in self.retypes:
            if name_key(name) in names or name_key(name) == name_key(label):
                kind = new_type
        return label, kind

    def fingerprint(self) -> str:
        return repr(self)


def _text(name: str, where: str) -> str:
    """``name`` when it can be written out; a lone surrogate (YAML ``"\\ud800"``) is refused here, not at the end."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{where}: {name.encode('utf-8', 'backslashreplace').decode()!r} holds a lone surrogate, "
                         "which no output can store; write the character itself or remove the escape") from None
    return name


def _names(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (_text(value, where),)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(_text(v, where) for v in value)
    raise InputError(f"{where}: expected a name or a list of names")


def _pairs(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise InputError(f"{where}: expected 'old name: new value' lines")
    return tuple((_text(k, where), _text(v, where)) for k, v in value.items())


def load_curation(path: str | os.PathLike[str]) -> Curation:
    """Read a curation file; every mistake is an :class:`InputError` naming the file and section."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
        data = tomllib.loads(text) if source.suffix == ".toml" else yaml.safe_load(text)
    except FileNotFoundError as exc:
        raise InputError(f"{source}: no such curation file; see data/curation.example.yml") from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{source}: not a valid curation file ({exc}); see data/curation.example.yml") from exc
    data = data or {}
    if not isinstance(data, dict):
        raise InputError(f"{source}: expected sections {', '.join(SECTIONS)}")
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise InputError(f"{source}: unknown section {unknown[0]!r}; use {', '.join(SECTIONS)}")
    merges = []
    for group in data.get("merge") or []:
        names = _names(group, f"{source}: merge")
        if len(names) < 2:
            raise InputError(f"{source}: merge: each group needs two or more names, got {list(names)}")
        merges.append(names)
    retypes = _pairs(data.get("retype") or {}, f"{source}: retype")
    for name, kind in retypes:
        if kind not in TYPES:
            raise InputError(f"{source}: retype: {name!r}: unknown type {kind!r}; use one of {', '.join(TYPES)}")
    return Curation(
        merges=tuple(merges),
        splits=_names(data.get("split") or [], f"{source}: split"),
        renames=_pairs(data.get("rename") or {}, f"{source}: rename"),
        retypes=retypes,
        ignores=_names(data.get("ignore") or [], f"{source}: ignore"),
    )

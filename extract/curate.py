"""Adding a rule to a curation file in place: comments, order and formatting kept, written atomically.

YAML files are edited with ruamel.yaml's round-trip mode and TOML files with
tomlkit, so every comment, blank line and rule already in the file stays
where it was; the new rule goes at the end of its section (a new section at
the end of the file).  The result is read back with :func:`load_curation`'s
own checks before it replaces the file: a rule that would make the file
invalid raises :class:`InputError` and leaves the file as it was.

>>> add_rule("curation.yml", {"merge": ["Ann Example", "A. Example"]})  # doctest: +SKIP
True
"""

from __future__ import annotations

import io
import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import yaml

from extract.curation import ACTIONS, curation_from_dict
from extract.errors import InputError, OutputError

__all__ = ["add_rule", "rule_section"]

HEADER = ("# Tangle curation file: `tangle build DOCS --curation FILE` applies it on every rebuild.\n"
          "# See data/curation.example.yml for every section.\n")


def rule_section(rule: dict[str, Any]) -> str:
    """The section a rule (as :meth:`Curation.to_dict` writes one) goes in."""
    for section in ("merge", "split", "rename", "retype", "ignore"):
        if section in rule and (section != "retype" or isinstance(rule[section], dict)):
            return section
    if any(action in rule for action in ACTIONS):
        return "relations"
    raise InputError(f"not a curation rule: {rule!r}")


def _merged(data: dict[str, Any], section: str, rule: dict[str, Any]) -> tuple[Any, bool]:
    """The new value of ``section`` with ``rule`` added, and whether anything changed (no duplicates)."""
    value = rule[section] if section != "relations" else rule
    current = data.get(section)
    if section in ("rename", "retype"):
        current = dict(current or {})
        if all(current.get(k) == v for k, v in value.items()):
            return current, False
        return {**current, **value}, True
    current = list(current or [])
    item = value
    if item in current:
        return current, False
    return [*current, item], True


def add_rule(path: str | os.PathLike[str], rule: dict[str, Any], *,
             relation_types: tuple[str, ...] | None = None) -> bool:
    """Add ``rule`` to the curation file at ``path`` (created when missing); ``False`` when it was there.

    The file is checked after the change and replaced atomically: an invalid
    result raises :class:`InputError` and the file is left as it was.
    """
    target = Path(path)
    section = rule_section(rule)
    text = _read(target)
    toml = target.suffix == ".toml"
    try:
        before = (tomllib.loads(text) if toml else yaml.safe_load(text)) or {}
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{target}: not a valid curation file ({exc}); fix it first") from exc
    curation_from_dict(before, where=str(target), relation_types=relation_types)
    expected, changed = _merged(before, section, rule)
    if not changed:
        return False
    new_text = _toml_with(text, section, rule) if toml else _yaml_with(text, section, rule)
    after = tomllib.loads(new_text) if toml else yaml.safe_load(new_text)
    curation_from_dict(after, where=str(target), relation_types=relation_types)
    if after.get(section) != expected or {k: v for k, v in after.items() if k != section} != {
            k: v for k, v in before.items() if k != section}:
        raise InputError(f"{target}: the rule could not be added without changing other rules; add it by hand")
    _write(target, new_text)
    return True


def _read(target: Path) -> str:
    try:
        return target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return HEADER
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{target}: cannot be read ({exc}); give a UTF-8 curation file") from exc


def _write(target: Path, text: str) -> None:
    """Write beside the file and rename over it, keeping its permissions."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({exc.strerror or exc}); the file is unchanged") from exc


def _yaml_with(text: str, section: str, rule: dict[str, Any]) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def flow(items: list[str]) -> CommentedSeq:
        seq = CommentedSeq(items)
        seq.fa.set_flow_style()
        return seq

    doc = YAML(typ="rt")
    doc.indent(mapping=2, sequence=4, offset=2)
    doc.width = 110  # long names and sentences fold, as a person writes them
    doc.preserve_quotes = True
    data = doc.load(text)
    if data is None:
        data = CommentedMap()
    before = _tail_comment(data.get(section))
    if section in ("rename", "retype"):
        current = data.get(section)
        if not isinstance(current, dict):
            current = data[section] = CommentedMap()
        current.update(rule[section])
    else:
        current = data.get(section)
        if not isinstance(current, list):
            current = data[section] = CommentedSeq()
        if section == "merge":
            current.append(flow(list(rule["merge"])))
        elif section == "relations":
            item = CommentedMap()
            for key, value in rule.items():
                item[key] = flow(list(value)) if isinstance(value, list) else value
            current.append(item)
        else:
            current.append(rule[section])
    _move_comment(before, data[section])
    out = io.StringIO()
    doc.dump(data, out)
    dumped = out.getvalue()
    if text.startswith(HEADER) and not dumped.startswith(HEADER):
        dumped = HEADER + dumped  # a new file: ruamel keeps no comment above an empty document
    return dumped


def _tail(node: Any) -> tuple[dict, Any, int] | None:
    """Where ruamel keeps the comment that follows the last item of ``node``: (holder, key, slot)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedSeq) and len(node):
        last = len(node) - 1
        inner = _tail(node[last]) if isinstance(node[last], CommentedMap) else None
        return inner or (node.ca.items, last, 0)
    if isinstance(node, CommentedMap) and len(node):
        last = list(node)[-1]
        value = node[last]
        block = isinstance(value, CommentedMap) or (isinstance(value, CommentedSeq) and not value.fa.flow_style())
        return (_tail(value) if block else None) or (node.ca.items, last, 2)
    return None


def _tail_comment(node: Any) -> Any:
    where = _tail(node)
    if where is None:
        return None
    holder, key, slot = where
    return holder[key][slot] if key in holder and holder[key][slot] is not None else None


def _move_comment(token: Any, node: Any) -> None:
    """Keep the comment lines that followed a section's last item after the section, not inside it.

    ruamel attaches them to the last item: an appended item would otherwise land below them.
    """
    from ruamel.yaml.tokens import CommentToken

    if token is None or "\n" not in token.value.rstrip("\n"):
        return
    where = _tail(node)
    if where is None:
        return
    holder, key, slot = where
    holder.setdefault(key, [None, None, None, None])
    if holder[key][slot] is token or holder[key][slot] is not None:
        return
    first, rest = token.value.split("\n", 1)
    token.value = first + "\n"
    holder[key][slot] = CommentToken("\n" + rest, token.start_mark, None)


def _toml_with(text: str, section: str, rule: dict[str, Any]) -> str:
    import tomlkit

    data = tomlkit.parse(text)
    if section in ("rename", "retype"):
        if section not in data:
            data[section] = tomlkit.table()
        for key, value in rule[section].items():
            data[section][key] = value
    elif section == "relations":
        if section not in data:
            data[section] = tomlkit.aot()
        data[section].append(tomlkit.item(dict(rule)))
    else:
        if section not in data:
            data[section] = tomlkit.array()
        data[section].append(rule[section])
    return tomlkit.dumps(data)

"""Reading a curation file: mistakes are one InputError naming the file and section, found before any parsing."""

from __future__ import annotations

import pytest

from extract.curation import load_curation
from extract.errors import InputError


@pytest.mark.parametrize("body", [
    'rename: {"\\ud800": "Someone"}\n',
    'rename: {"Someone": "\\udc80x"}\n',
    'split: ["\\ud800"]\n',
    'merge: [["A", "\\ud800"]]\n',
    'ignore: "\\ud800"\n',
    'retype: {"\\ud800": ORG}\n',
])
def test_a_lone_surrogate_is_refused_when_the_file_is_read(tmp_path, body):
    path = tmp_path / "curation.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=r"curation\.yml: \w+: .*lone surrogate"):
        load_curation(path)


def test_ordinary_names_in_every_script_are_kept(tmp_path):
    path = tmp_path / "curation.yml"
    path.write_text('rename: {"Иван Петров": "Ivan Petrov"}\nsplit: ["王毅", "Zoë 🙂"]\n', encoding="utf-8")
    curation = load_curation(path)
    assert curation.renames == (("Иван Петров", "Ivan Petrov"),)
    assert curation.splits == ("王毅", "Zoë 🙂")

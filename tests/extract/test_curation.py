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


#: Imports ``extract.curation`` past the package's ``__init__`` (which imports modules that are not under test
#: here), its dependencies first, then records every vocabulary file opened from the import on.
_IMPORT_ALONE = """
import sys, types
from pathlib import Path

package = types.ModuleType("extract")
package.__path__ = [str(Path("extract").resolve())]
sys.modules["extract"] = package
import extract.errors, extract.normalize, extract.records, extract.vocabulary  # noqa: E401

patterns = str(extract.vocabulary.PATTERNS_DIR)
opened = []
sys.addaudithook(lambda event, args: event == "open" and str(args[0]).startswith(patterns) and opened.append(args[0]))
import extract.curation
print(len(opened))
print("PERSON" in extract.curation.TYPES, len(opened) > 0)
"""


def test_importing_curation_reads_no_vocabulary_file():
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-c", _IMPORT_ALONE], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    at_import, later = done.stdout.splitlines()
    assert at_import == "0", "importing extract.curation read the vocabulary"
    assert later == "True True"  # read on first use


def test_a_retype_to_an_unknown_type_names_the_vocabularys_types(tmp_path):
    path = tmp_path / "curation.yml"
    path.write_text("retype: {Acme: COMPANY}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"retype: 'Acme': unknown type 'COMPANY'; use one of PERSON, .*ORG"):
        load_curation(path)

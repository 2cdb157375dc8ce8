"""graph.build: the build options, declared once in BuildOptions."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from extract.errors import InputError
from graph.build import BuildOptions, Engine, build, build_graph


def test_an_engine_is_an_enum_and_a_name_is_accepted():
    assert BuildOptions().engine is Engine.LOCAL
    assert BuildOptions(engine="dask").engine is Engine.DASK


@pytest.mark.parametrize(("changes", "message"), [
    ({"engine": "spark"}, "unknown engine 'spark'; choose one of local, dask"),
    ({"workers": 0}, "must be 1 or more, not 0"),
])
def test_bad_options_are_refused_before_anything_is_read(tmp_path, changes, message):
    with pytest.raises(InputError, match=message):
        build_graph([tmp_path / "nothing-here"], **changes)
    with pytest.raises(InputError, match=message):
        build([tmp_path / "nothing-here"], tmp_path / "out", BuildOptions(), **changes)
    assert not (tmp_path / "out").exists()


def test_build_and_build_graph_take_the_same_options_and_no_other():
    """No option is spelt out beside the record: the functions take BuildOptions, callbacks and the pipeline."""
    fields = {f.name for f in dataclasses.fields(BuildOptions)}
    assert len(fields) == 10
    for function in (build, build_graph):
        parameters = set(inspect.signature(function).parameters)
        assert not parameters & fields, function.__name__
        assert {"options", "changes", "nlp", "on_error", "on_record", "on_chunk"} <= parameters


def test_a_keyword_overrides_the_options_record():
    with pytest.raises(InputError, match="must be 1 or more"):
        build_graph([], BuildOptions(workers=4), workers=0)
    with pytest.raises(TypeError):
        build_graph([], wrokers=2)

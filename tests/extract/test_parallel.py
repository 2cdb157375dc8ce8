"""The ordered, bounded-window loop shared by the process pool and the Dask engine."""

from __future__ import annotations

from concurrent.futures import Future

import pytest

from extract.documents import make_document
from extract.parallel import ordered_records
from extract.records import DocumentRecord


def documents(count: int):
    return [make_document(f"Text {n}.", path=f"d{n}.txt", doc_id=f"d{n}") for n in range(count)]


def done(batch) -> Future:
    future: Future = Future()
    future.set_result([DocumentRecord(document=d, mentions=(), relations=(), aliases=()).to_dict() for d in batch])
    return future


@pytest.mark.parametrize(("count", "batch_size", "window"), [(0, 3, 2), (1, 3, 2), (10, 3, 2), (10, 1, 1), (9, 3, 4)])
def test_records_come_back_in_document_order_with_the_documents_attached(count, batch_size, window):
    docs = documents(count)
    records = list(ordered_records(iter(docs), done, window=window, batch_size=batch_size))
    assert [r.document for r in records] == docs


def test_at_most_window_batches_are_submitted_ahead_of_the_consumer():
    submitted: list[int] = []

    def submit(batch):
        submitted.append(len(batch))
        return done(batch)

    stream = ordered_records(iter(documents(20)), submit, window=2, batch_size=4)
    next(stream)
    assert len(submitted) == 2
    list(stream)
    assert submitted == [4, 4, 4, 4, 4]


def test_a_batch_with_a_missing_record_is_an_error_not_a_shift():
    def short(batch):
        return done(batch[:-1])

    with pytest.raises(ValueError):
        list(ordered_records(iter(documents(3)), short, window=1, batch_size=3))

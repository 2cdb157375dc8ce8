"""The NLP pass of Tangle: documents in, plain records (entities, relations, citations) out.

``extract`` knows spaCy and text; it never imports networkx, pyvis or typer.
"""

from extract.curation import Curation, load_curation
from extract.documents import (
    Discovered,
    RowFields,
    discover,
    iter_documents,
    make_document,
    read_document,
    read_documents,
)
from extract.errors import DocumentError, InputError, ModelError, TangleError
from extract.formats import LimitReached, Limits
from extract.pipeline import ChunkDone, ExtractOptions, extract_records, load_pipeline, model_info
from extract.records import Citation, Document, DocumentInfo, DocumentRecord, Edge, Entity, Mention, Relation
from extract.resolve import Reducer, Resolution, resolve
from extract.vocabulary import Vocabulary, load_vocabulary

__all__ = [
    "ChunkDone",
    "Citation",
    "Curation",
    "Discovered",
    "Document",
    "DocumentError",
    "DocumentInfo",
    "DocumentRecord",
    "Edge",
    "Entity",
    "ExtractOptions",
    "InputError",
    "LimitReached",
    "Limits",
    "Mention",
    "ModelError",
    "Reducer",
    "Relation",
    "Resolution",
    "RowFields",
    "TangleError",
    "Vocabulary",
    "discover",
    "extract_records",
    "iter_documents",
    "load_curation",
    "load_pipeline",
    "load_vocabulary",
    "make_document",
    "model_info",
    "read_document",
    "read_documents",
    "resolve",
]

"""Critical and favourable accounts of Russia's 2023-2024 foreign policy, measured.

The library behind the notebooks. Every function takes and returns pandas DataFrames, one row
per document, sentence, term or change, so that results can be filtered, joined and plotted
with what a pandas user already knows.

- :mod:`analysis.corpus`: the corpus with its provenance; bad input raises :class:`CorpusError`.
- :mod:`analysis.cleaning`: auditable cleaning rules and their report.
- :mod:`analysis.text`: sentences and tokens, offline.
- :mod:`analysis.vocabulary`: terms, stop words and TF-IDF.
- :mod:`analysis.keyness`: log-odds (Monroe et al. 2008) and chi-square keyness.
- :mod:`analysis.context`: keyword in context and collocations.
- :mod:`analysis.similarity`: document similarity and near-duplicates.
- :mod:`analysis.figures` and :mod:`analysis.plots`: reproducible figures.
"""

from analysis import plots
from analysis.cleaning import (
    RULES,
    clean_text,
    cleaning_report,
    cleaning_summary,
    is_heading,
    rules_table,
)
from analysis.context import collocations, kwic
from analysis.corpus import CorpusError, canonical, corpus_from_frame, load_corpus
from analysis.figures import SIDE_COLOURS, save_figure
from analysis.keyness import document_counts, keyness
from analysis.similarity import near_duplicates, similarity
from analysis.text import sentences, tokenize
from analysis.vocabulary import STOP_WORDS, stop_words_table, tfidf, top_terms

__all__ = [
    "RULES",
    "SIDE_COLOURS",
    "STOP_WORDS",
    "CorpusError",
    "canonical",
    "clean_text",
    "cleaning_report",
    "cleaning_summary",
    "collocations",
    "corpus_from_frame",
    "document_counts",
    "is_heading",
    "keyness",
    "kwic",
    "load_corpus",
    "near_duplicates",
    "plots",
    "rules_table",
    "save_figure",
    "sentences",
    "similarity",
    "stop_words_table",
    "tfidf",
    "tokenize",
    "top_terms",
]

"""Critical and favourable accounts of Russia's 2023-2024 foreign policy, measured.

The library behind the notebooks: the corpus with its provenance (:mod:`analysis.corpus`),
auditable cleaning (:mod:`analysis.cleaning`) and reproducible figures (:mod:`analysis.figures`).
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
from analysis.corpus import CorpusError, canonical, corpus_from_frame, load_corpus
from analysis.figures import SIDE_COLOURS, save_figure

__all__ = [
    "RULES",
    "SIDE_COLOURS",
    "CorpusError",
    "canonical",
    "clean_text",
    "cleaning_report",
    "cleaning_summary",
    "corpus_from_frame",
    "is_heading",
    "load_corpus",
    "plots",
    "rules_table",
    "save_figure",
]

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
- :mod:`analysis.sentiment`: VADER per sentence, bootstrap intervals, a second lexicon.
- :mod:`analysis.actors`: who is spoken of, and in what tone.
- :mod:`analysis.alignment`: the same event told twice; a text and its translation.
- :mod:`analysis.wordshift`: word shift and what the lexicon does not know.
- :mod:`analysis.figures` and :mod:`analysis.plots`: reproducible figures.
"""

from analysis import plots
from analysis.actors import actor_mentions, actor_sentiment, actors_table, mention_counts
from analysis.alignment import align_translation, same_event
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
from analysis.sentiment import (
    bootstrap_mean,
    lexicon_agreement,
    score_pattern,
    score_sentiment,
    sentence_sentiment,
    sentiment_summary,
    vader_lexicon,
)
from analysis.similarity import near_duplicates, similarity
from analysis.text import sentences, tokenize
from analysis.vocabulary import STOP_WORDS, stop_words_table, tfidf, top_terms
from analysis.wordshift import lexicon_coverage, unknown_words, word_shift

__all__ = [
    "RULES",
    "SIDE_COLOURS",
    "STOP_WORDS",
    "CorpusError",
    "actor_mentions",
    "actor_sentiment",
    "actors_table",
    "align_translation",
    "bootstrap_mean",
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
    "lexicon_agreement",
    "lexicon_coverage",
    "load_corpus",
    "mention_counts",
    "near_duplicates",
    "plots",
    "rules_table",
    "same_event",
    "save_figure",
    "score_pattern",
    "score_sentiment",
    "sentence_sentiment",
    "sentences",
    "sentiment_summary",
    "similarity",
    "stop_words_table",
    "tfidf",
    "tokenize",
    "top_terms",
    "unknown_words",
    "vader_lexicon",
    "word_shift",
]

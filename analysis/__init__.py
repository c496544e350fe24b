"""Contrast two or more groups of texts: corpus, cleaning, vocabulary, keyness and sentiment.

The library behind the notebooks. Every function takes and returns pandas DataFrames, one row
per document, sentence, term or change, so that results can be filtered, joined and plotted
with what a pandas user already knows. One vocabulary runs through the API: the data come
first, every option is a keyword; ``group`` names the grouping column, ``target`` and
``reference`` the two groups compared, ``text`` and ``doc_id`` the columns of texts and ids.

- :mod:`analysis.corpus`: the corpus with its provenance; bad input raises :class:`CorpusError`.
- :mod:`analysis.cleaning`: auditable cleaning rules, profiles and their report.
- :mod:`analysis.text`: sentences and tokens, offline.
- :mod:`analysis.vocabulary`: terms, stop words and TF-IDF.
- :mod:`analysis.keyness`: log-odds (Monroe et al. 2008) and chi-square keyness.
- :mod:`analysis.context`: keyword in context and collocations.
- :mod:`analysis.similarity`: document similarity and near-duplicates.
- :mod:`analysis.sentiment`: VADER per sentence, bootstrap intervals, a second lexicon.
- :mod:`analysis.inference`: document-level intervals and permutation tests between groups.
- :mod:`analysis.explain`: why VADER scored a sentence as it did, token by token.
- :mod:`analysis.actors`: who is spoken of, and in what tone.
- :mod:`analysis.alignment`: the same event told twice; a text and its translation.
- :mod:`analysis.wordshift`: word shift and what the lexicon does not know.
- :mod:`analysis.framing`: how texts name things, hedge, boost and distance themselves.
- :mod:`analysis.report` and :mod:`analysis.cli`: the whole contrast as one command.
- :mod:`analysis.figures` and :mod:`analysis.plots`: reproducible figures.
- :mod:`analysis.dask`: the corpus functions on Dask DataFrames, beyond one core and one
  machine's memory (``pip install analysis[scale]``).

Names are imported on first use, so ``import analysis`` is quick and pulls in scikit-learn,
NLTK and matplotlib only when a function needs them.
"""

from __future__ import annotations

import importlib
import sys
import types

# Public name -> the module that defines it.
_EXPORTS = {
    "actors": (
        "actor_match_errors",
        "actor_match_quality",
        "actor_mentions",
        "actor_sentiment",
        "mention_counts",
        "read_actors",
        "read_marks",
    ),
    "alignment": (
        "align_translation",
        "event_anchors",
        "label_pairs",
        "pairing_quality",
        "same_event",
    ),
    "cleaning": (
        "PROFILES",
        "RULES",
        "clean_text",
        "cleaning_report",
        "cleaning_spec",
        "cleaning_summary",
        "is_heading",
        "resolve_cleaning",
        "rules_table",
        "word_count",
    ),
    "context": ("collocations", "kwic"),
    "explain": (
        "compound_from_sum",
        "explain_sentiment",
        "sentiment_drivers",
    ),
    "corpus": ("CorpusError", "canonical", "corpus_from_frame", "load_corpus"),
    "explorer": ("explore",),
    "figures": ("group_colours", "save_figure"),
    "framing": (
        "find_markers",
        "framing",
        "framing_summary",
        "naming",
        "quoted_phrases",
        "read_markers",
    ),
    "inference": (
        "benjamini_hochberg",
        "cluster_bootstrap",
        "compare_groups",
        "relabel_robustness",
    ),
    "keyness": ("document_counts", "keyness", "keyness_from_counts", "keyness_sensitivity"),
    "sentiment": (
        "bootstrap_mean",
        "lexicon_agreement",
        "score_pattern",
        "score_sentiment",
        "sentence_sentiment",
        "sentiment_summary",
        "vader_lexicon",
    ),
    "similarity": ("near_duplicates", "similarity"),
    "text": ("sentences", "tokenize"),
    "vocabulary": (
        "STOP_WORDS",
        "TermCounts",
        "read_stop_words",
        "stop_words_table",
        "term_counts",
        "tfidf",
        "top_terms",
    ),
    "wordshift": ("lexicon_coverage", "unknown_words", "word_shift"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
_SUBMODULES = ("cli", "dask", "paths", "plots", "report", "validation", *_EXPORTS)

__all__ = sorted([*_MODULE_OF, "paths", "plots"])


def __getattr__(name: str):
    if name in _MODULE_OF:
        value = getattr(importlib.import_module(f"analysis.{_MODULE_OF[name]}"), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"analysis.{name}")
    else:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


# Two functions share their module's name (analysis.keyness.keyness, analysis.similarity.
# similarity). Importing a submodule binds it as an attribute of the package, which would
# replace the function of the same name; the package keeps the function instead, as an eager
# ``from analysis.keyness import keyness`` would. The modules stay importable by their names.
_SHADOWED = {name for name in _MODULE_OF if name in _EXPORTS}


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

"""Figures. Each function takes tidy data and returns a matplotlib Figure; it never saves.

Save with :func:`analysis.save_figure`, passing the same tidy data, so that the CSV beside the
figure holds exactly what it draws. Every function follows one pattern:

- the data come first, positional; every option is keyword-only;
- ``group=`` names the grouping column, ``doc_id=`` the document column, and ``target=`` /
  ``reference=`` the two groups a comparison is between (never a default);
- ``colours=`` (``{label: colour}``) replaces the default colours, which
  :func:`analysis.figures.group_colours` gives to the labels present in the data;
- ``title=None`` gives a title that says what is drawn, never what it shows: a finding
  belongs in the title the notebook passes, computed from its numbers;
- past a documented number of documents (the module constants, e.g.
  :data:`SIMILARITY_MAX_DOCUMENTS`) a figure aggregates, samples or draws the top documents,
  and a note under it says which.
"""

from analysis.plots.common import document_label, footnote, group_legend, suptitle
from analysis.plots.corpus import (
    CLEANING_WORDS_MAX_DOCUMENTS,
    cleaning_words_data,
    plot_cleaning_words,
)
from analysis.plots.framing import (
    FRAMING_ANNOTATE_MAX_DOCUMENTS,
    FRAMING_MAX_DOCUMENTS,
    framing_plot_data,
    plot_marker_rates,
    plot_naming,
)
from analysis.plots.sentiment import (
    ACTOR_MAX_COLUMNS,
    ACTOR_MAX_ROWS,
    ACTOR_MIN_SENTENCES,
    ALONG_TEXT_BINS,
    ALONG_TEXT_MAX_PANELS,
    GROUP_SUMMARY_MAX_GROUPS,
    SENTENCE_SENTIMENT_MAX_DOCUMENTS,
    WORD_SHIFT_COLOURS,
    plot_actor_heatmap,
    plot_sentence_sentiment,
    plot_sentiment_along_text,
    plot_side_summary,
    plot_translation_scatter,
    plot_word_shift,
    sentence_sentiment_data,
    sentiment_along_text_data,
)
from analysis.plots.vocabulary import (
    KEYNESS_MAX_TERMS,
    RASTERIZE_POINTS,
    SIMILARITY_ANNOTATE_MAX,
    SIMILARITY_MAX_DOCUMENTS,
    TOP_TERMS_MAX_PANELS,
    keyness_plot_data,
    plot_keyness,
    plot_similarity,
    plot_term_frequency,
    plot_top_terms,
    similarity_plot_data,
    term_frequency_data,
)

__all__ = [
    "ACTOR_MAX_COLUMNS",
    "ACTOR_MAX_ROWS",
    "ACTOR_MIN_SENTENCES",
    "ALONG_TEXT_BINS",
    "ALONG_TEXT_MAX_PANELS",
    "CLEANING_WORDS_MAX_DOCUMENTS",
    "FRAMING_ANNOTATE_MAX_DOCUMENTS",
    "FRAMING_MAX_DOCUMENTS",
    "GROUP_SUMMARY_MAX_GROUPS",
    "KEYNESS_MAX_TERMS",
    "RASTERIZE_POINTS",
    "SENTENCE_SENTIMENT_MAX_DOCUMENTS",
    "SIMILARITY_ANNOTATE_MAX",
    "SIMILARITY_MAX_DOCUMENTS",
    "TOP_TERMS_MAX_PANELS",
    "WORD_SHIFT_COLOURS",
    "cleaning_words_data",
    "document_label",
    "footnote",
    "framing_plot_data",
    "group_legend",
    "keyness_plot_data",
    "plot_actor_heatmap",
    "plot_cleaning_words",
    "plot_keyness",
    "plot_marker_rates",
    "plot_naming",
    "plot_sentence_sentiment",
    "plot_sentiment_along_text",
    "plot_side_summary",
    "plot_similarity",
    "plot_term_frequency",
    "plot_top_terms",
    "plot_translation_scatter",
    "plot_word_shift",
    "sentence_sentiment_data",
    "sentiment_along_text_data",
    "similarity_plot_data",
    "suptitle",
    "term_frequency_data",
]

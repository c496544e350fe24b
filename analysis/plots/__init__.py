"""Figures. Each function takes tidy data and returns a matplotlib Figure; it never saves.

Save with :func:`analysis.save_figure`, passing the same tidy data, so that the CSV beside the
figure holds exactly what it draws. Every figure answers one question; its title states the
answer (computed from the data), its axes the units and sides.
"""

from analysis.plots.common import document_label, side_legend, suptitle
from analysis.plots.corpus import cleaning_words_data, plot_cleaning_words
from analysis.plots.sentiment import (
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
    keyness_plot_data,
    plot_keyness,
    plot_similarity,
    plot_term_frequency,
    plot_top_terms,
    term_frequency_data,
)

__all__ = [
    "cleaning_words_data",
    "document_label",
    "keyness_plot_data",
    "plot_actor_heatmap",
    "plot_cleaning_words",
    "plot_keyness",
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
    "side_legend",
    "suptitle",
    "term_frequency_data",
]

"""Cleaning: an ordered list of small, named rules, each of which a reader can audit.

Texts arrive with the debris of where they were found. Each kind of debris has one rule in
:data:`RULES`, applied in that order. A rule only *finds* edits (a span of the text and what
replaces it); :func:`clean_text` applies them and :func:`cleaning_report` lists every one, so
that nothing leaves a text unrecorded.

Which rules run is a *cleaning spec* (:func:`resolve_cleaning`): profile and rule names.

- ``"general"`` (the default) is safe on any text. It takes out markup (markdown, HTML tags),
  normalises unicode and white space, and removes web chrome only where it is unmistakable (a
  line that is nothing but "Skip to content"). It never removes a sentence of prose: a
  sentence that begins "Copyright", "Photo:" or "Last updated on", a comparison ``a < b``, a
  product ``5*3`` or a heading that names a university all come through.
- ``"none"`` runs no rule.
- Every other rule is *opt-in*, named in the spec, because it exists for a kind of source: an
  author bio under a byline, a citation line, a copyright footer, a photo credit, breadcrumbs,
  censorship marks, words and sentences glued together by machine translation...
  ``"general author_bio copyright_footer"`` runs the general rules and those two.

What cleaning never does: lowercase, strip punctuation or drop stop words. The sentiment
measures read capitals, ``!`` and ``but`` (Hutto & Gilbert 2014), and the keyness measures
tokenize for themselves.

Layout of a cleaned text: one paragraph or heading per line, paragraphs may be separated by a
blank line, and a line break inside a paragraph only where two glued sentences were split.
Short section headings stay on a line of their own; :func:`is_heading` recognises them, so
sentence splitting never merges a heading into the sentence after it.

Every regular expression here runs in time linear in the length of the text, whatever the
text (long runs of one letter or digit, lines without punctuation, thousands of ``<``, ``*``
or ``#``): no pattern can backtrack over more than a bounded stretch, or the stretch up to the
next occurrence of a delimiter, and possessive quantifiers (``*+``) forbid backtracking where a
failed match could otherwise retry every split of a run. ``benchmarks/bench_hostile.py``
measures it.

References
----------
Hutto, C. J. and Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
analysis of social media text. *Proceedings of ICWSM-14*.
"""

from __future__ import annotations

from analysis.cleaning.apply import clean_text, clean_text_with_changes
from analysis.cleaning.base import Change, Rule, word_count
from analysis.cleaning.headings import MAX_HEADING_CHARS, MAX_HEADING_WORDS, is_heading
from analysis.cleaning.reports import cleaning_report, cleaning_summary, rules_table
from analysis.cleaning.rules import (
    PROFILES,
    RULES,
    SENTENCE_CASE_HEADINGS,
    cleaning_spec,
    resolve_cleaning,
)

__all__ = [
    "MAX_HEADING_CHARS",
    "MAX_HEADING_WORDS",
    "PROFILES",
    "RULES",
    "SENTENCE_CASE_HEADINGS",
    "Change",
    "Rule",
    "clean_text",
    "clean_text_with_changes",
    "cleaning_report",
    "cleaning_spec",
    "cleaning_summary",
    "is_heading",
    "resolve_cleaning",
    "rules_table",
    "word_count",
]

"""Themes in free-text comments: per language, TF-IDF and NMF, the number of themes chosen by
how well they separate the comments, and a readable label taken from the comments themselves."""

import re

import numpy as np
import pandas as pd

from ._cube import encode_segment
from ._disclosure import suppression_mask
from ._stopwords import STOP_WORDS
from ._theme_fit import TOKEN, fit_themes, fold
from ._validate import COMMENT, LANG, MISSING_COLUMN, SEGMENTS, fail, require

THEME_COLUMNS = (
    "theme",
    "key",
    "label",
    "language",
    "top_terms",
    "n",
    "share",
    "example_1",
    "example_2",
    "example_3",
)
SHARE_PREFIX = "share:"
MIN_COMMENTS = 10
# The key of a theme: its language and its five top terms, sorted (each cut to 40 letters).
KEY_TERMS = 5
KEY_TERM_LENGTH = 40
LABEL_LENGTH = 80
CLAUSE = re.compile(r"[.!?;:,،؛\n]+")
TOO_FEW_COMMENTS = "too few comments to find themes: {count}, at least {minimum} needed"
TOO_FEW_WORDS = "the comments share too few words to find themes"
NO_LARGE_THEME = "no theme holds at least {minimum} comments"


def themes(
    comments,
    *,
    lang=None,
    max_themes=12,
    random_state=0,
    segments=SEGMENTS,
    suppress_below=10,
    n_terms=8,
):
    """Find themes in free-text comments, with their share per segment group.

    Comments of each language (the ``lang`` column) with at least ``max(10, suppress_below)``
    comments are analysed apart, so that themes never mix languages; the rest are analysed
    together. Words of at least three letters used in two comments or more, lower-cased with
    their accents, stop words removed, are weighted by TF-IDF and factorised by NMF for 2 to
    ``max_themes`` themes; the number of themes whose comments are best separated (cosine
    silhouette times the share of comments grouped, on at most 1,000 comments) wins, fewer
    themes on ties. NMF proposes the themes; comments then move to their closest theme
    (cosine to its centroid) until none moves. A comment close to no theme is not grouped;
    neither are the comments of a theme with fewer than
    ``max(10, suppress_below)`` comments, which is not shown.

    Parameters
    ----------
    comments : pandas.DataFrame or sequence of str
        A responses frame with a ``comment`` column (and optionally ``lang`` and segment
        columns), or the comments alone.
    lang : {"en", "fr", "es"}, optional
        Language of every comment; by default the ``lang`` column's.
    max_themes : int, default 12
        Largest number of themes per language.
    random_state : int, default 0
        Seed for NMF; the same input and seed give the same themes.
    segments : sequence of str, default ("age_band", "gender", "disability", "rurality")
        Segment columns for the per-group shares, when present.
    suppress_below : int, default 10
        Groups with fewer comments get no share and lend no example (with complements).
    n_terms : int, default 8
        Number of top terms listed per theme.

    Returns
    -------
    pandas.DataFrame
        One row per theme, most common first: ``theme`` (1, 2, ...), ``key`` (language and
        sorted top five terms: the same theme found again has the same key), ``label`` (the
        clause of its most typical comment that holds most of its top terms, else its top
        terms), ``language`` ("" for comments of several or unknown languages), ``top_terms``
        (comma-separated, accents kept), ``n`` comments, ``share`` of all comments,
        ``example_1`` to ``example_3`` (representative comments, "" when fewer), then one
        ``share:<segment>=<group>`` column per group shown. ``attrs["note"]`` explains an
        empty result and is "" otherwise; ``attrs["ungrouped"]`` counts comments in no theme;
        ``attrs["assignment"]`` is an ``Assignment``: ``.theme`` is a Series, indexed like the
        input's comments, of each comment's theme number (0 when not grouped), and
        ``.members(number)`` the index labels of one theme's comments.
    """
    require(max_themes >= 1, "max_themes", "at least 1", max_themes)
    require(lang is None or lang in STOP_WORDS, "lang", f"one of {sorted(STOP_WORDS)}", lang)
    frame, index = _comment_frame(comments, segments)
    minimum = max(MIN_COMMENTS, suppress_below)
    if len(frame) < minimum:
        return _empty(TOO_FEW_COMMENTS.format(count=len(frame), minimum=minimum))
    member, strength, found = _fit_languages(frame, lang, minimum, max_themes, random_state)
    if not found:
        return _empty(TOO_FEW_WORDS)
    sizes = np.bincount(member[member >= 0], minlength=len(found))
    member[(member >= 0) & (sizes[member.clip(0)] < minimum)] = -1
    if not (member >= 0).any():
        return _empty(NO_LARGE_THEME.format(minimum=minimum))
    shown = [column for column in segments if column in frame.columns]
    table, number = _theme_table(frame, member, strength, found, shown, suppress_below, n_terms)
    table.attrs.update(
        note="",
        ungrouped=int((number == 0).sum()),
        assignment=Assignment(pd.Series(number, index=index, name="theme")),
    )
    return table


class Assignment:
    """Each comment's theme number (0 when not grouped), indexed like the input's comments.

    Kept in ``attrs`` as one shared, read-only object: pandas copies and compares attrs, and a
    Series there would be copied with every derived frame and cannot be compared to a bool.
    """

    __slots__ = ("theme",)

    def __init__(self, theme):
        self.theme = theme

    def __deepcopy__(self, memo):
        return self

    def members(self, number):
        """Index labels of the comments in theme `number`, in input order."""
        return self.theme.index[self.theme.to_numpy() == number]


def _comment_frame(comments, segments):
    """Non-blank comments with their language and segment columns, and their input index."""
    if isinstance(comments, pd.DataFrame):
        if COMMENT not in comments.columns:
            fail(MISSING_COLUMN, column=COMMENT)
        keep = [c for c in (COMMENT, LANG, *segments) if c in comments.columns]
        frame = comments[keep]
    else:
        frame = pd.DataFrame({COMMENT: list(comments)})
    text = frame[COMMENT].astype("string").str.strip()
    kept = frame.assign(**{COMMENT: text})[text.fillna("").ne("").to_numpy()]
    return kept.reset_index(drop=True), kept.index


def _language_groups(frame, lang, minimum):
    """(language, positions) to analyse apart: each language with enough comments, then the
    rest together as language ""."""
    if lang is not None or LANG not in frame.columns:
        return [(lang or "", np.arange(len(frame)))]
    languages = frame[LANG].astype("string").fillna("")
    counts = languages[languages.ne("")].value_counts()
    large = sorted(counts.index[counts >= minimum])
    groups = [(language, np.flatnonzero(languages.eq(language))) for language in large]
    rest = np.flatnonzero(~languages.isin(large).to_numpy())
    return groups + ([("", rest)] if len(rest) >= minimum else [])


def _fit_languages(frame, lang, minimum, max_themes, random_state):
    """Each comment's theme (-1 when none) and weight, and (language, terms) per theme."""
    member = np.full(len(frame), -1)
    strength = np.zeros(len(frame))
    found = []
    texts = frame[COMMENT].to_numpy(dtype=object)
    for language, positions in _language_groups(frame, lang, minimum):
        fit = fit_themes(
            texts[positions],
            stop_words=_stop_words(language),
            max_themes=max_themes,
            random_state=random_state,
        )
        if fit is None:
            continue
        grouped = fit.member >= 0
        member[positions[grouped]] = fit.member[grouped] + len(found)
        strength[positions] = fit.strength
        found += [(language, terms) for terms in fit.terms]
    return member, strength, found


def _stop_words(language):
    """Folded stop words of a language, or of every language we know for others."""
    languages = [language] if language in STOP_WORDS else sorted(STOP_WORDS)
    return {fold(word) for name in languages for word in STOP_WORDS[name]}


def _theme_table(frame, member, strength, found, segments, threshold, n_terms):
    """The themes, most common first, and each comment's theme number (0 when none)."""
    sizes = np.bincount(member[member >= 0], minlength=len(found))
    ordered = [t for t in np.argsort(-sizes, kind="stable") if sizes[t] > 0]
    groups, eligible = _groups(frame, segments, threshold)
    texts = frame[COMMENT].to_numpy(dtype=object)
    rows = []
    for number, theme in enumerate(ordered, start=1):
        language, terms = found[theme]
        members = member == theme
        examples = _examples(texts, strength, members & eligible)
        rows.append(
            {
                "theme": number,
                "key": theme_key(language, terms),
                "label": _label(examples["example_1"], terms),
                "language": language,
                "top_terms": ", ".join(terms[:n_terms]),
                "n": int(sizes[theme]),
                "share": sizes[theme] / len(frame),
                **examples,
                **{f"{SHARE_PREFIX}{label}": members[m].mean() for label, m in groups.items()},
            }
        )
    table = pd.DataFrame(rows, columns=[*THEME_COLUMNS, *(SHARE_PREFIX + g for g in groups)])
    numbers = np.zeros(len(found) + 1, dtype=int)
    numbers[ordered] = np.arange(1, len(ordered) + 1)
    return table, np.where(member >= 0, numbers[member], 0)


def theme_key(language, terms):
    """ "es|autobús|oficina|pueblo|...": the same language and top terms, the same key."""
    top = sorted(term[:KEY_TERM_LENGTH] for term in terms[:KEY_TERMS])
    return "|".join([language or "*", *top])


def _label(example, terms):
    """The clause of the most typical comment holding most top terms, else the top terms."""
    top = set(terms[:KEY_TERMS])
    clauses = [c.strip() for c in CLAUSE.split(example) if c.strip()]
    scored = [(len(top & set(TOKEN.findall(c.lower()))), c) for c in clauses]
    best = max(scored, key=lambda pair: pair[0], default=(0, ""))
    if best[0] == 0:
        return ", ".join(terms[:3])
    clause = best[1]
    if len(clause) > LABEL_LENGTH:
        clause = clause[:LABEL_LENGTH].rsplit(" ", 1)[0] + "…"
    return clause[0].upper() + clause[1:]


def _groups(frame, segments, threshold):
    """Member masks of the groups that may be shown, and which comments may be quoted."""
    counts, masks = [], {}
    for column in segments:
        codes, levels = encode_segment(frame[column], column)
        for position, level in enumerate(levels):
            masks[f"{column}={level}"] = codes == position
            counts.append({"dimension": column, "n": int((codes == position).sum())})
    hidden = suppression_mask(
        pd.DataFrame(counts, columns=["dimension", "n"]),
        count_column="n",
        threshold=threshold,
        margins=[["dimension"]],
    )
    eligible = np.ones(len(frame), dtype=bool)
    for (label, mask), is_hidden in zip(list(masks.items()), hidden, strict=True):
        if is_hidden:
            eligible &= ~mask
            del masks[label]
    return masks, eligible


def _examples(texts, strength, candidates):
    """Up to three distinct comments most typical of a theme."""
    order = np.argsort(-strength, kind="stable")
    chosen = list(dict.fromkeys(texts[order[candidates[order]]]))[:3]
    chosen += [""] * (3 - len(chosen))
    return {f"example_{i}": text for i, text in enumerate(chosen, start=1)}


def _empty(note):
    """A theme table with no rows and a note saying why."""
    table = pd.DataFrame(columns=list(THEME_COLUMNS))
    table.attrs.update(
        note=note, ungrouped=0, assignment=Assignment(pd.Series(dtype=int, name="theme"))
    )
    return table

"""Themes in free-text comments: TF-IDF and NMF, the number of themes chosen by coherence."""

import unicodedata
import warnings

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer

from ._cube import encode_segment
from ._disclosure import suppression_mask
from ._stopwords import STOP_WORDS
from ._validate import COMMENT, LANG, MISSING_COLUMN, SEGMENTS, fail, require

THEME_COLUMNS = ("theme", "top_terms", "n", "share", "example_1", "example_2", "example_3")
SHARE_PREFIX = "share:"
MIN_COMMENTS = 10
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{3,}\b"
COHERENCE_TERMS = 5
TOO_FEW_COMMENTS = "too few comments to find themes: {count}, at least {minimum} needed"
TOO_FEW_WORDS = "the comments share too few words to find themes"


def fold(text):
    """Lower-case text with accents removed ("Été" -> "ete")."""
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


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

    Comments are lower-cased and accent-folded, weighted by TF-IDF (words of at least three
    letters used in two comments or more, French, English and Spanish stop words removed)
    and factorised by NMF for 2 to ``max_themes`` themes; the number of themes with the best
    mean NPMI coherence of their top terms wins (fewer themes on ties). Each comment belongs
    to its strongest theme.

    Parameters
    ----------
    comments : pandas.DataFrame or sequence of str
        A responses frame with a ``comment`` column (and optionally ``lang`` and segment
        columns), or the comments alone.
    lang : {"en", "fr", "es"}, optional
        Language of every comment; by default the languages of the ``lang`` column, or all
        three.
    max_themes : int, default 12
        Largest number of themes.
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
        One row per theme, most common first: ``theme`` (1, 2, ...), ``top_terms``
        (comma-separated), ``n`` comments, ``share`` of all comments, ``example_1`` to
        ``example_3`` (representative comments, "" when fewer), then one
        ``share:<segment>=<group>`` column per group shown. ``attrs["note"]`` explains an
        empty result (too few comments or words) and is "" otherwise.
    """
    require(max_themes >= 1, "max_themes", "at least 1", max_themes)
    require(lang is None or lang in STOP_WORDS, "lang", f"one of {sorted(STOP_WORDS)}", lang)
    frame = _comment_frame(comments, segments)
    minimum = max(MIN_COMMENTS, suppress_below)
    if len(frame) < minimum:
        return _empty(TOO_FEW_COMMENTS.format(count=len(frame), minimum=minimum))
    vectorizer = TfidfVectorizer(
        preprocessor=fold,
        token_pattern=TOKEN_PATTERN,
        stop_words=sorted(_stop_words(frame, lang)),
        min_df=2,
        sublinear_tf=True,
    )
    try:
        matrix = vectorizer.fit_transform(frame[COMMENT])
    except ValueError:  # no word is left once stop words and rare words are removed
        return _empty(TOO_FEW_WORDS)
    if matrix.shape[1] < 2:
        return _empty(TOO_FEW_WORDS)
    weights, components = _best_factorisation(matrix, max_themes, random_state)
    terms = vectorizer.get_feature_names_out()[np.argsort(-components, axis=1, kind="stable")]
    shown = [column for column in segments if column in frame.columns]
    return _theme_table(frame, weights, terms[:, :n_terms], shown, suppress_below)


def _comment_frame(comments, segments):
    """Non-blank comments with their language and segment columns."""
    if isinstance(comments, pd.DataFrame):
        if COMMENT not in comments.columns:
            fail(MISSING_COLUMN, column=COMMENT)
        keep = [c for c in (COMMENT, LANG, *segments) if c in comments.columns]
        frame = comments[keep]
    else:
        frame = pd.DataFrame({COMMENT: list(comments)})
    text = frame[COMMENT].astype("string").str.strip()
    return frame.assign(**{COMMENT: text})[text.fillna("").ne("").to_numpy()].reset_index(drop=True)


def _stop_words(frame, lang):
    """Folded stop words of the requested languages (or those present, or all three)."""
    present = set(frame[LANG].dropna()) if LANG in frame.columns else set()
    languages = [lang] if lang else sorted(present & set(STOP_WORDS)) or sorted(STOP_WORDS)
    return {fold(word) for language in languages for word in STOP_WORDS[language]}


def _best_factorisation(matrix, max_themes, random_state):
    """NMF weights and components for the number of themes with the best coherence."""
    largest = min(max_themes, matrix.shape[1] - 1, matrix.shape[0] - 1)
    presence = (matrix > 0).astype(float).tocsc()
    best = None
    for k in range(2, largest + 1) if largest >= 2 else [1]:
        weights, components = _factorise(matrix, k, random_state)
        score = _coherence(components, presence)
        if best is None or score > best[0]:
            best = (score, weights, components)
    return best[1], best[2]


def _factorise(matrix, k, random_state):
    """Document-theme weights and theme-term components of a k-theme NMF."""
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=500)
    with warnings.catch_warnings():
        # An NMF stopped at max_iter still ranks terms and comments well enough.
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = model.fit_transform(matrix)
    return weights, model.components_


def _coherence(components, presence):
    """Mean NPMI over pairs of each theme's top terms (document co-occurrence)."""
    scores = []
    for row in components:
        top = np.argsort(-row, kind="stable")[:COHERENCE_TERMS]
        columns = presence[:, top]
        together = (columns.T @ columns).toarray() / presence.shape[0]
        first, second = np.triu_indices(len(top), 1)
        joint, alone = together[first, second], np.diag(together)
        with np.errstate(divide="ignore", invalid="ignore"):
            npmi = np.log(joint / (alone[first] * alone[second])) / -np.log(joint)
        npmi = np.where(joint >= 1, 1.0, np.where(joint > 0, npmi, -1.0))
        scores.append(npmi.mean() if npmi.size else 0.0)
    return float(np.mean(scores))


def _theme_table(frame, weights, top_terms, segments, threshold):
    """The themes, most common first, with examples and per-group shares."""
    strongest = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)
    sizes = np.bincount(strongest[strongest >= 0], minlength=weights.shape[1])
    ordered = [t for t in np.argsort(-sizes, kind="stable") if sizes[t] > 0]
    groups, eligible = _groups(frame, segments, threshold)
    rows = []
    for number, theme in enumerate(ordered, start=1):
        members = strongest == theme
        rows.append(
            {
                "theme": number,
                "top_terms": ", ".join(top_terms[theme]),
                "n": int(sizes[theme]),
                "share": sizes[theme] / len(frame),
                **_examples(frame[COMMENT].to_numpy(), weights[:, theme], members & eligible),
                **{f"{SHARE_PREFIX}{label}": members[m].mean() for label, m in groups.items()},
            }
        )
    table = pd.DataFrame(rows, columns=[*THEME_COLUMNS, *(SHARE_PREFIX + g for g in groups)])
    table.attrs["note"] = ""
    return table


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
    table.attrs["note"] = note
    return table

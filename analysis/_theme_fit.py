"""Fitting themes to the comments of one language: TF-IDF, NMF, the number of themes, members."""

import re
import unicodedata
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score

TOKEN = re.compile(r"\b[^\W\d_]{3,}\b")
# The number of themes is chosen on at most this many comments (then every comment is placed),
# so that choosing stays bounded for a service with a million comments.
SAMPLE_SIZE = 1000
# A comment whose words are this close (cosine) to no theme stays "not grouped".
MIN_SIMILARITY = 0.1
# A term is one of a theme's terms when its weight is at least this share of the top term's.
MIN_TERM_WEIGHT = 0.05
# A larger number of themes must beat a smaller one by this much silhouette to be preferred.
TIE = 0.005
# NMF only proposes themes (the closest-theme rounds settle them), so a rough fit will do.
NMF_ROUNDS = 100
# Rounds of moving comments to their closest theme after NMF has proposed the themes.
REFINE_ROUNDS = 20


@dataclass
class Fit:
    """The themes of one language: top terms per theme, and each comment's theme and weight."""

    terms: list  # per theme, its terms from the strongest
    member: np.ndarray  # per comment, its theme (0..k-1) or -1 when not grouped
    strength: np.ndarray  # per comment, the weight of its theme


def fold(text):
    """Lower-case text with accents removed ("Été" -> "ete")."""
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def word_analyzer(stop_words):
    """Words of three letters or more, lower-cased with their accents kept, minus stop words
    (compared accent-folded, so "été" and "ete" are both dropped)."""

    def analyse(text):
        words = TOKEN.findall(unicodedata.normalize("NFC", str(text)).lower())
        return [word for word in words if fold(word) not in stop_words]

    return analyse


def fit_themes(texts, *, stop_words, max_themes, random_state):
    """The themes of `texts` (one language), or None when they share too few words."""
    vectorizer = TfidfVectorizer(analyzer=word_analyzer(stop_words), min_df=2, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(texts)  # rows of unit length
    except ValueError:  # no word is left once stop words and rare words are removed
        return None
    if matrix.shape[1] < 2:
        return None
    centroids = _best_centroids(_sample(matrix, random_state), max_themes, random_state)
    member, strength = closest_theme(matrix, centroids)
    vocabulary = vectorizer.get_feature_names_out()
    return Fit([_top_terms(row, vocabulary) for row in centroids], member, strength)


def closest_theme(matrix, centroids):
    """Each comment's closest theme (cosine), -1 when close to none, and that closeness."""
    similarity = np.asarray(matrix @ centroids.T)
    closest = similarity.argmax(axis=1)
    strength = similarity[np.arange(len(similarity)), closest]
    return np.where(strength >= MIN_SIMILARITY, closest, -1), strength


def _sample(matrix, random_state):
    if matrix.shape[0] <= SAMPLE_SIZE:
        return matrix
    rows = np.random.default_rng(random_state).choice(matrix.shape[0], SAMPLE_SIZE, False)
    return matrix[np.sort(rows)]


def _best_centroids(sample, max_themes, random_state):
    """Theme centroids for the number of themes that separates the comments best.

    For each number of themes two proposals are settled and the better kept: NMF's, and the
    previous number's themes with the widest one split in two (NMF alone can miss a small
    topic, which then hides inside a larger one).
    """
    largest = min(max_themes, sample.shape[1] - 1, sample.shape[0] - 1)
    best = previous = None
    for k in range(2, largest + 1) if largest >= 2 else [1]:
        proposals = [_factorise(sample, k, random_state).argmax(axis=1)]
        if previous is not None:
            proposals.append(_split_widest(sample, previous, random_state))
        settled = [_refine(sample, member, k) for member in proposals if member is not None]
        score, previous = max(
            ((_separation(sample, c), c) for c in settled), key=lambda pair: pair[0]
        )
        if best is None or score > best[0] + TIE:
            best = (score, previous)
    return best[1]


def _split_widest(matrix, centroids, random_state):
    """Each comment's theme after splitting in two the theme whose comments are, on average,
    farthest from it."""
    similarity = np.asarray(matrix @ centroids.T)
    member = similarity.argmax(axis=1)
    sizes = np.bincount(member, minlength=len(centroids))
    distance = np.bincount(member, weights=1 - similarity.max(axis=1), minlength=len(centroids))
    widest = int(np.argmax(distance / np.maximum(sizes, 1)))
    rows = np.flatnonzero(member == widest)
    if len(rows) < 3:
        return None
    halves = _factorise(matrix[rows], 2, random_state).argmax(axis=1)
    member[rows[halves == 1]] = len(centroids)
    return member


def _factorise(matrix, k, random_state):
    """Comment-theme weights of a k-theme NMF: a first proposal of themes."""
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=NMF_ROUNDS)
    with _quiet():
        return model.fit_transform(matrix)


def _refine(matrix, member, k):
    """Unit centroids after moving comments to their closest theme until none moves: NMF
    alone tends to spend a theme on words common to several topics."""
    for _ in range(REFINE_ROUNDS):
        centroids = _centroids(matrix, member, k)
        moved = np.asarray(matrix @ centroids.T).argmax(axis=1)
        if np.array_equal(moved, member):
            break
        member = moved
    return _centroids(matrix, member, k)


def _centroids(matrix, member, k):
    sums = np.vstack([np.asarray(matrix[member == t].sum(axis=0)).ravel() for t in range(k)])
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)


def _top_terms(centroid, vocabulary):
    """A theme's terms from the strongest, leaving out those that barely count in it."""
    order = np.argsort(-centroid, kind="stable")
    return [vocabulary[i] for i in order if centroid[i] >= MIN_TERM_WEIGHT * centroid[order[0]]]


@contextmanager
def _quiet():
    """An NMF stopped at max_iter still proposes themes well enough, and a perfect fit
    (identical comments) rounds its error below zero before a square root."""
    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        warnings.simplefilter("ignore", ConvergenceWarning)
        yield


def _separation(matrix, centroids):
    """Cosine silhouette of the grouped comments, times the share of comments grouped: high
    when themes are tight and distinct, and when few comments are left out."""
    member, _ = closest_theme(matrix, centroids)
    grouped = member >= 0
    labels = member[grouped]
    if not 2 <= len(set(labels)) < len(labels):
        return -1.0
    score = silhouette_score(matrix[grouped], labels, metric="cosine")
    return float(score) * grouped.mean()

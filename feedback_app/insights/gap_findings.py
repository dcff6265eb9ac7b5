"""Equity gaps as an analyst reads them: a plain sentence each, intersections under their
parent group, and the statistics behind each sentence kept one click away."""

from flask_babel import gettext

from .figures import percent_text
from .labels import SEVERITY_LABELS, number, parts, q_text, signed


def gap_findings(words, table):
    """Flagged gaps in priority order, each intersection nested under a parent group that is
    itself a gap for the same question, whichever of the two ranks higher: a parent group takes
    the rank of its best-ranked member, so a reader meets the group before its subgroups.

    Returns [{"segment", "sentence", "statistics": [(name, value)], "within": [findings]}].
    """
    rows = table[table["status"] == "gap"].to_dict("records")
    by_group = {(row["outcome"], row["segment"]): _finding(words, row) for row in rows}
    findings, listed = [], set()
    for row in rows:
        key = (row["outcome"], row["segment"])
        parent_key = next((k for k in _parent_keys(row) if k in by_group), None)
        if parent_key is not None:
            by_group[parent_key]["within"].append(by_group[key])
            key = parent_key
        if key not in listed:
            listed.add(key)
            findings.append(by_group[key])
    return findings


def _finding(words, row):
    return {
        "segment": row["segment"],
        "sentence": plain_gap_sentence(words, row),
        "statistics": statistics(words, row),
        "within": [],
    }


def _parent_keys(row):
    return [(row["outcome"], segment) for segment in _parents(row["segment"])]


def _parents(segment):
    """ "disability=yes" and "rurality=village" for "disability=yes & rurality=village"."""
    groups = [f"{dimension}={value}" for dimension, value in parts(segment)]
    if len(groups) < 2:
        return []
    return [" & ".join(groups[:i] + groups[i + 1 :]) for i in range(len(groups))]


def plain_gap_sentence(words, row):
    """ "People with a disability and living in a village rate “ease” lower than everyone
    else: 2.1 against 3.4 out of 5."."""
    return gettext(
        "%(group)s rate “%(outcome)s” lower than everyone else: %(mean)s against "
        "%(rest_mean)s out of %(top)s.",
        group=words.people(row["segment"]),
        outcome=words.outcome(row["outcome"]),
        mean=number(row["mean"], "0.0"),
        rest_mean=number(row["rest_mean"], "0.0"),
        top=number(words.scale_max.get(row["outcome"]), "#,##0"),
    )


def statistics(words, row):
    """The numbers behind a gap's sentence, named for a reader who wants to check them."""
    return [
        (gettext("Question"), words.question(row["outcome"])),
        (gettext("People in the group"), number(row["n"], "#,##0")),
        (gettext("Everyone else"), number(row["n_rest"], "#,##0")),
        (
            gettext("Gave one of the two best answers"),
            gettext(
                "%(share)s (95%% confidence interval %(low)s to %(high)s), against %(rest)s",
                share=percent_text(row["top2"]),
                low=percent_text(row["top2_ci_low"]),
                high=percent_text(row["top2_ci_high"]),
                rest=percent_text(row["rest_top2"]),
            ),
        ),
        (
            gettext("Effect size (Cliff's delta)"),
            gettext(
                "%(delta)s: %(size)s",
                delta=signed(row["effect"]),
                size=SEVERITY_LABELS.get(row["severity"], row["severity"]),
            ),
        ),
        (gettext("q-value (false discovery rate)"), q_text(row["q_value"])),
    ]

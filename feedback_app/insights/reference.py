"""Reading an analyst's reference population CSV, with errors a person can act on.

The file has one row per (dimension, group): dimension is age_band, gender, disability or
rurality; group is one of the codes residents' answers are stored with; population is a
count. The analysis library reads the checked table last, so what we store it can use.
"""

import csv
import io

from flask_babel import format_decimal, gettext

import analysis

from ..extensions import db
from ..feedback.choices import AGE_BANDS, GENDERS, PREFER_NOT_TO_SAY, RURALITY
from ..privacy.audit import record
from .models import ReferencePopulation

COLUMNS = ("dimension", "group", "population")
GROUPS = {
    "age_band": [code for code, _ in AGE_BANDS if code != PREFER_NOT_TO_SAY],
    "gender": [code for code, _ in GENDERS if code != PREFER_NOT_TO_SAY],
    "disability": ["yes", "no"],
    "rurality": [code for code, _ in RURALITY if code != PREFER_NOT_TO_SAY],
}
MAX_ROWS = 200
# More people than live on Earth: a bigger count is a mistake (and a 5,000-digit one would
# overflow the conversion to a number).
MAX_POPULATION = 10**10
MAX_ERRORS = 5


class BadReferenceFile(ValueError):
    """The file cannot be used; `messages` says why, row by row, in the user's language."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages


def template_csv():
    """A CSV listing every dimension and group, for the analyst to fill in."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for dimension, groups in GROUPS.items():
        writer.writerows((dimension, group, "") for group in groups)
    return out.getvalue()


def read_reference(data):
    """Checked rows [{"dimension", "group", "population"}] from CSV bytes, or BadReferenceFile."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadReferenceFile([gettext("Save the file as CSV with UTF-8 encoding.")]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or ()]
    if not set(COLUMNS) <= set(header):
        raise BadReferenceFile(
            [gettext("The first row must name the columns dimension, group and population.")]
        )
    reader.fieldnames = header
    rows, errors = [], []
    for line, raw in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            errors.append(gettext("The file has more than %(max)d rows.", max=MAX_ROWS))
            break
        row, error = _row(raw, line, rows)
        if error:
            errors.append(error)
        elif row:
            rows.append(row)
    if not rows and not errors:
        errors.append(gettext("The file has no rows of data."))
    errors += _empty_dimensions(rows) if not errors else []
    if errors:
        raise BadReferenceFile(_capped(errors))
    _check_with_analysis(rows)
    return rows


def _row(raw, line, previous):
    """(row, None), (None, error message) or (None, None) for a blank line."""
    values = {name: (raw.get(name) or "").strip() for name in COLUMNS}
    if not any(values.values()):
        return None, None
    dimension, group = values["dimension"].lower(), values["group"].lower()
    if dimension not in GROUPS:
        return None, gettext(
            "Row %(row)d: “%(value)s” is not a dimension. Use age_band, gender, disability "
            "or rurality.",
            row=line,
            value=values["dimension"],
        )
    if group not in GROUPS[dimension]:
        return None, gettext(
            "Row %(row)d: “%(value)s” is not a group of %(dimension)s. Use one of: %(groups)s.",
            row=line,
            value=values["group"],
            dimension=dimension,
            groups=", ".join(GROUPS[dimension]),
        )
    population = _population(values["population"])
    if population is None:
        return None, gettext(
            "Row %(row)d: the population must be a whole number of 0 or more, like 12345.",
            row=line,
        )
    if population > MAX_POPULATION:
        return None, gettext(
            "Row %(row)d: the population must be at most %(max)s.",
            row=line,
            max=format_decimal(MAX_POPULATION),
        )
    if any(r["dimension"] == dimension and r["group"] == group for r in previous):
        return None, gettext(
            "Row %(row)d: %(dimension)s “%(group)s” is listed twice.",
            row=line,
            dimension=dimension,
            group=group,
        )
    return {"dimension": dimension, "group": group, "population": population}, None


def _population(text):
    """The count, or None when it is not a number; too many digits count as too large."""
    digits = text.replace(" ", "").replace("\u202f", "").replace("\u00a0", "")
    if not (digits.isascii() and digits.isdigit()):
        return None
    too_long = len(digits.lstrip("0")) > len(str(MAX_POPULATION))
    return MAX_POPULATION + 1 if too_long else int(digits)


def _empty_dimensions(rows):
    totals = {}
    for row in rows:
        totals[row["dimension"]] = totals.get(row["dimension"], 0) + row["population"]
    return [
        gettext("The populations of %(dimension)s add up to 0.", dimension=dimension)
        for dimension, total in totals.items()
        if total == 0
    ]


def _capped(errors):
    if len(errors) <= MAX_ERRORS:
        return errors
    more = len(errors) - MAX_ERRORS
    return errors[:MAX_ERRORS] + [gettext("And %(count)d more problems.", count=more)]


def _check_with_analysis(rows):
    """Let the analysis library read the table as it will later; refuse what it refuses."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    try:
        analysis.load_reference_csv(io.StringIO(out.getvalue()))
    except analysis.AnalysisInputError as error:
        raise BadReferenceFile(
            [gettext("The analysis cannot use this file: %(reason)s", reason=str(error))]
        ) from None


def save_reference(service, name, rows, user):
    reference = ReferencePopulation(
        service_id=service.id, name=name, rows=rows, uploaded_by_id=user.id
    )
    db.session.add(reference)
    db.session.flush()
    record(
        "insights.reference_upload",
        target_type="reference_population",
        target_id=reference.id,
        service=service.id,
        details={"name": name, "rows": len(rows)},
    )
    db.session.commit()
    return reference

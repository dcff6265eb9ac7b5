"""Filters read from the query string: valid ones become an InsightFilter, bad ones say why."""

from datetime import UTC, datetime

import pytest
from werkzeug.datastructures import MultiDict

from feedback_app.insights.filters import (
    BAD_CHOICE,
    BAD_DATE,
    OUT_OF_RANGE,
    UNTIL_BEFORE_SINCE,
    FilterError,
    InsightFilter,
    parse_filter,
)


def parse(app, service, **args):
    with app.test_request_context():
        return parse_filter(MultiDict(args), service)


def errors_of(app, service, **args):
    with app.test_request_context(), pytest.raises(FilterError) as raised:
        parse_filter(MultiDict(args), service)
    return {name: [str(m) for m in messages] for name, messages in raised.value.errors.items()}


def test_no_argument_means_everything(app, service):
    assert parse(app, service) == InsightFilter()


def test_dates_channels_and_question_are_read(app, service):
    args = MultiDict(
        [
            ("since", "2026-01-01"),
            ("until", "2026-01-31"),
            ("channel", "web"),
            ("channel", "kiosk"),
            ("question", "ces"),
            ("dimension", "age_band"),
            ("weighted", "1"),
        ]
    )
    with app.test_request_context():
        chosen = parse_filter(args, service)
    assert chosen.since == datetime(2026, 1, 1, tzinfo=UTC)
    # The end date is included: the filter stops at the start of the next day.
    assert chosen.until == datetime(2026, 2, 1, tzinfo=UTC)
    assert chosen.channels == ("kiosk", "web")
    assert (chosen.question, chosen.dimension, chosen.weighted) == ("ces", "age_band", True)


def test_query_args_round_trip(app, service):
    chosen = InsightFilter(
        since=datetime(2026, 1, 1, tzinfo=UTC),
        until=datetime(2026, 2, 1, tzinfo=UTC),
        channels=("kiosk", "web"),
        question="ces",
        weighted=True,
    )
    args = MultiDict()
    for name, value in chosen.query_args().items():
        for item in value if isinstance(value, list) else [value]:
            args.add(name, item)
    with app.test_request_context():
        assert parse_filter(args, service) == chosen


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        ({"since": "2026-13-01"}, "since", BAD_DATE),
        ({"until": "yesterday"}, "until", BAD_DATE),
        ({"since": "1066-10-14"}, "since", OUT_OF_RANGE),
        ({"until": "9999-12-31"}, "until", OUT_OF_RANGE),
        ({"since": "2026-02-01", "until": "2026-01-01"}, "until", UNTIL_BEFORE_SINCE),
        ({"channel": "fax"}, "channel", BAD_CHOICE),
        ({"question": "shoe_size"}, "question", BAD_CHOICE),
        ({"dimension": "income"}, "dimension", BAD_CHOICE),
    ],
)
def test_bad_filters_say_what_is_wrong(app, service, args, field, message):
    assert errors_of(app, service, **args) == {field: [str(message)]}

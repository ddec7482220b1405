"""The one reader for typed dates: the spellings it takes, day first, and those it refuses at once."""

from __future__ import annotations

import datetime as dt

import pytest

from screener.typed_dates import DateError, in_words, read_date

MARCH_14 = dt.date(2011, 3, 14)

ACCEPTED = [
    ("2011-03-14", MARCH_14),
    ("14/03/2011", MARCH_14),
    ("14-03-2011", MARCH_14),
    ("14.03.2011", MARCH_14),
    ("14/3/2011", MARCH_14),
    ("14 March 2011", MARCH_14),
    ("14 march 2011", MARCH_14),
    ("14 Mar 2011", MARCH_14),
    ("14 Mar. 2011", MARCH_14),
    ("14th March 2011", MARCH_14),
    ("  14  March   2011 ", MARCH_14),
    ("03/04/2011", dt.date(2011, 4, 3)),  # day first, always
    ("1 Sept 2009", dt.date(2009, 9, 1)),
    ("29/02/2012", dt.date(2012, 2, 29)),
    ("31 December 2100", dt.date(2100, 12, 31)),
]

REFUSED = [
    ("31/02/2011", "not a real date: February 2011 has 28 days"),
    ("29/02/2011", "not a real date"),
    ("31 April 2011", "April 2011 has 30 days"),
    ("2011-02-30", "not a real date"),
    ("14/03/11", "write the year in full"),
    ("14 March 11", "write the year in full"),
    ("03/14/2011", "there is no month 14. Write the day first"),
    ("March 14 2011", "write the day before the month"),
    ("Mar 14, 2011", "write the day before the month"),
    ("14/03-2011", "is not a date"),
    ("2011/03/14", "is not a date"),
    ("20110314", "is not a date"),
    ("2011-W10-1", "is not a date"),
    ("14 Marchy 2011", "'marchy' is not a month"),
    ("14/00/2011", "there is no month 0"),
    ("00/03/2011", "not a real date"),
    ("14/03/1899", "out of range"),
    ("14/03/2101", "out of range"),
    ("yesterday", "is not a date"),
    ("", "is not a date"),
]


@pytest.mark.parametrize(("text", "day"), ACCEPTED)
def test_accepted_spellings_read_day_first(text: str, day: dt.date) -> None:
    assert read_date(text) == day


@pytest.mark.parametrize(("text", "why"), REFUSED)
def test_ambiguous_or_impossible_dates_are_refused_saying_why(text: str, why: str) -> None:
    with pytest.raises(DateError, match=None) as refused:
        read_date(text)
    assert why in str(refused.value)


def test_a_date_reads_back_in_words() -> None:
    assert in_words(MARCH_14) == "14 March 2011"
    assert in_words(dt.date(2024, 11, 2)) == "2 November 2024"

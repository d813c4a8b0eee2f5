"""The simulation's calibration: the ledger it generates can reproduce the published report."""

import pytest

from norrlager.reference import known_conflicts, published_figures
from norrlager.simulate.calibrate import Builder, calibrate


def test_every_published_figure_of_the_ledger_tables_is_met() -> None:
    cal = calibrate()
    assert cal.violated == []


def test_known_conflicts_name_published_rows() -> None:
    published = {(r["table"], r["line"], r["period"]) for r in published_figures()}
    assert known_conflicts() <= published


def test_contradictions_are_left_out_of_the_calibration() -> None:
    b = Builder()
    built = set(b.constrain())
    assert not built & known_conflicts()
    # ...and everything else of the operating-accounts tables is calibrated.
    assert ("resultatrakning", "Årets resultat", "2023") in built
    assert ("driftredovisning", "Division Regionstöd | Intäkter", "2023") in built


def test_a_figure_that_maps_to_no_amount_is_refused(monkeypatch) -> None:
    """A figure printed as 0 would hold with no amount behind it at all: a line the
    calibration no longer recognises must fail loudly, not fit by luck."""
    b = Builder()
    figure = b.figure

    def lost(table, line, period):
        if (table, line) == ("not2_verksamhetens_kostnader", "Inhyrd personal"):
            return "value", {}
        return figure(table, line, period)

    monkeypatch.setattr(b, "figure", lost)
    with pytest.raises(ValueError, match=r"not2_verksamhetens_kostnader \| Inhyrd personal"):
        b.constrain()

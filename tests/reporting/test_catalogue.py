"""The catalogue's figures over a scope, computed with a constant number of queries, and small counts
hidden."""

import pytest

from lms.reporting.catalogue import COURSE, GROUP, HIDDEN, REGION, TERRITORY, Scope, breakdown


def figures(row, *codes):
    return {code: row.cell(code).display for code in codes}


def test_national_figures_by_region(rw):
    table = breakdown(Scope(), REGION)
    rows = {row.label: row for row in table.rows}
    rhone_region = rows["Auvergne-Rhône-Alpes"]
    assert figures(rhone_region, "groups", "places", "enrolled", "dropouts") == {
        "groups": "2", "places": str(rw.group.capacity + rw.small.capacity), "enrolled": "9", "dropouts": HIDDEN,
    }  # fmt: skip
    assert figures(rhone_region, "applications", "interviews") == {"applications": "8", "interviews": "6"}
    assert figures(rows["Île-de-France"], "enrolled", "attendance_rate", "applications") == {
        "enrolled": "6", "attendance_rate": "100 %", "applications": HIDDEN,
    }  # fmt: skip
    assert table.total.cell("enrolled").display == "15"


def test_group_figures(rw):
    row = breakdown(Scope(group=rw.group.pk), GROUP, keys=[rw.group.pk]).rows[0]
    assert figures(row, "enrolled", "fill_rate", "attendance_rate", "absences", "certificates") == {
        "enrolled": "6",
        "fill_rate": f"{round(600 / rw.group.capacity)} %",
        "attendance_rate": "67 %",
        "absences": "2",
        "certificates": "5",
    }
    # 6 enrolled × 1 assignment expected, 5 returned; drop-outs: 1 of 7 places taken.
    assert figures(row, "work_returned_rate", "dropout_rate", "completion_rate") == {
        "work_returned_rate": "83 %", "dropout_rate": "14 %", "completion_rate": "83 %",
    }  # fmt: skip
    # Two catch-ups opened, one completed: fewer than 5 people each.
    assert figures(row, "catchups_opened", "catchups_completed") == {
        "catchups_opened": HIDDEN,
        "catchups_completed": HIDDEN,
    }
    # Applications belong to no group.
    assert row.cell("applications").display == "—"


def test_a_small_group_hides_every_figure_about_people(rw):
    row = breakdown(Scope(group=rw.small.pk), GROUP, keys=[rw.small.pk]).rows[0]
    assert figures(row, "enrolled", "fill_rate", "completion_rate") == dict.fromkeys(
        ["enrolled", "fill_rate", "completion_rate"], HIDDEN
    )
    assert row.cell("places").display == str(rw.small.capacity)  # places are not people


def test_scope_limits_to_regions_and_filters(rw):
    regional = Scope(regions=frozenset({rw.region.pk}))
    assert breakdown(regional, TERRITORY).total.cell("enrolled").display == "9"
    by_course = {row.key: row.cell("enrolled").display for row in breakdown(regional, COURSE).rows}
    assert by_course == {rw.group.course_id: "6", rw.small.course_id: HIDDEN}
    assert breakdown(Scope(year=2025), REGION).rows == []


@pytest.mark.parametrize("extra", [0, 6])
def test_constant_queries(site_tree, territory, organisation, make_user, clock, django_assert_num_queries, extra):
    from tests.reporting.conftest import build_world

    build_world(site_tree, territory, organisation, make_user, extra_groups=extra)
    with django_assert_num_queries(13):
        breakdown(Scope(), TERRITORY)

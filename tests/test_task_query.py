"""TaskQuery: the one filter value the CLI and the app both build and the store reads."""

from __future__ import annotations

import pytest

from pipeline.cli import build_parser
from pipeline.commands.tasks import query_from_args
from pipeline.store import STATUS_DOING, TaskQuery


def cli_query(*argv: str) -> TaskQuery:
    return query_from_args(build_parser().parse_args(["tasks", *argv]))


@pytest.mark.parametrize(
    ("argv", "labels", "fields"),
    [
        (("--body", "Ban Tuyên giáo Tỉnh ủy", "--open"), {"bodies": ("Ban Tuyên giáo Tỉnh ủy",), "status": "chưa hoàn thành"},
         {"body": ("Ban Tuyên giáo Tỉnh ủy",), "not_done": True}),
        (("--status", STATUS_DOING, "--search", "tuyen giao"), {"status": (STATUS_DOING,), "search": " tuyen giao "},
         {"status": (STATUS_DOING,), "search": "tuyen giao"}),
        (("--due-from", "2014-01-01", "--due-to", "2014-12-31", "--overdue"),
         {"due_from": "2014-01-01", "due_to": "2014-12-31", "status": "quá hạn"},
         {"due_from": "2014-01-01", "due_to": "2014-12-31", "overdue": True}),
    ],
)
def test_the_cli_and_the_app_build_the_same_query(argv, labels, fields):
    appdata = pytest.importorskip("app_lib.appdata")  # the app's labels: "chưa hoàn thành", "quá hạn"
    assert cli_query(*argv) == appdata.TaskFilter(**labels).query() == TaskQuery(**fields)


def test_loose_values_are_normalized_and_pages_keep_the_filters():
    from datetime import date

    q = TaskQuery.of(body="Chi bộ", status="", due_from=date(2014, 1, 1), search="", document="", order=None)
    assert q == TaskQuery(body=("Chi bộ",), due_from="2014-01-01")
    assert q.page(20, 40) == TaskQuery(body=("Chi bộ",), due_from="2014-01-01", limit=20, offset=40)
    assert q.page(20, 40).unpaged() == q and hash(q) == hash(q.page(20, 40).unpaged())
    with pytest.raises(ValueError):
        TaskQuery.of(due_to="31/12/2014")

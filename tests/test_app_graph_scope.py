"""The graph page: a neighbourhood or the top documents by PageRank, never the whole hairball."""

from __future__ import annotations

import json

from test_app_pages import app_env, db, open_page  # noqa: F401 - fixtures


def graph_nodes(at) -> list[dict]:
    """The nodes handed to the graph component."""
    return json.loads(json.loads(at.get("component_instance")[0].proto.json_args)["data"])["nodes"]


def test_graph_page_offers_the_most_central_documents_instead_of_the_hairball(app_env):  # noqa: F811 - fixture
    at = open_page("graph_view")
    ego = graph_nodes(at)
    at.radio(key="graph_scope").set_value("top").run()
    assert not at.exception
    top = graph_nodes(at)
    assert 1 < len(top) <= 61 and {n["id"] for n in top} != {n["id"] for n in ego}

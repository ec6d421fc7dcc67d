"""`graph lineage TARGET`: coverage of a document's tasks by the documents implementing it, and its exports."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from pipeline.cli import main

UPPER = """TỈNH ỦY BÌNH THUẬN\tĐẢNG CỘNG SẢN VIỆT NAM
Số 12-NQ/TU\tPhan Thiết, ngày 10 tháng 3 năm 2020
NGHỊ QUYẾT
về phát triển giáo dục và đào tạo
I. TÌNH HÌNH
Công tác giáo dục có nhiều chuyển biến.
II. NHIỆM VỤ, GIẢI PHÁP
1. Rà soát, hoàn thiện quy hoạch mạng lưới trường học, bảo đảm đủ phòng học cho học sinh mầm non.
2. Đẩy mạnh tuyên truyền, giáo dục kỹ năng sống và phòng, chống tác hại của thuốc lá trong thanh niên.
3. Xây dựng cơ sở dữ liệu ngành giáo dục thống nhất toàn tỉnh, hoàn thành trong năm 2021.
4. Phát triển đội ngũ giáo viên tiếng Anh cho các trường vùng biển đảo.
Nơi nhận:
- Lưu.
T/M TỈNH ỦY
"""

LOWER = """HUYỆN ỦY HÀM TÂN\tĐẢNG CỘNG SẢN VIỆT NAM
Số 30-KH/HU\tHàm Tân, ngày 20 tháng 5 năm 2020
KẾ HOẠCH
thực hiện Nghị quyết số 12-NQ/TU ngày 10/3/2020 của Tỉnh ủy Bình Thuận về phát triển giáo dục và đào tạo
I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt đầy đủ nội dung Nghị quyết.
II. NHIỆM VỤ VÀ PHÂN CÔNG
1. Ủy ban nhân dân huyện chủ trì rà soát quy hoạch mạng lưới trường học, xây thêm phòng học cho học sinh mầm non.
2. Huyện đoàn tổ chức tuyên truyền, giáo dục kỹ năng sống, phòng, chống tác hại của thuốc lá cho đoàn viên thanh niên.
3. Phòng Giáo dục và Đào tạo xây dựng cơ sở dữ liệu ngành giáo dục của huyện, hoàn thành trong tháng 12/2020.
Nơi nhận:
- Lưu.
T/M HUYỆN ỦY
"""

COMMUNE = """ĐẢNG ỦY XÃ TÂN NGHĨA\tĐẢNG CỘNG SẢN VIỆT NAM
Số 07-KH/ĐU\tTân Nghĩa, ngày 15 tháng 6 năm 2020
KẾ HOẠCH
thực hiện Kế hoạch số 30-KH/HU ngày 20/5/2020 của Huyện ủy Hàm Tân về phát triển giáo dục và đào tạo
I. NHIỆM VỤ
1. Đoàn Thanh niên xã tổ chức tuyên truyền, giáo dục kỹ năng sống, phòng, chống tác hại của thuốc lá cho đoàn viên thanh niên trong xã.
Nơi nhận:
- Lưu.
T/M ĐẢNG ỦY
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lineage")
    files = []
    for name, text in (("nq12.txt", UPPER), ("kh30.txt", LOWER), ("kh07.txt", COMMUNE)):
        (folder / name).write_text(text, encoding="utf-8")
        files.append(str(folder / name))
    path = folder / "lineage.db"
    assert main(["ingest", *files, "--db", str(path)]) == 0
    return path


def _lineage(db, capsys, *extra: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["graph", "lineage", "12-NQ/TU", "--db", str(db), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_every_upper_task_with_what_carries_it_out(db, capsys):
    code, out, _ = _lineage(db, capsys, "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["section"] for r in rows] == ["II.1", "II.2", "II.3", "II.4"]
    for row in rows:
        assert set(row) >= {"task_key", "section", "text", "implemented_by"} and row["task_key"]
    by_section = {r["section"]: r["implemented_by"] for r in rows}
    assert [link["section"] for link in by_section["II.2"]] == ["II.2"]
    link = by_section["II.2"][0]
    assert set(link) >= {"document", "task_key", "section", "score", "evidence"}
    assert link["document"].startswith("30-KH/HU") and link["responsible"] == ["Huyện Đoàn"]
    assert link["delay_days"] == 71 and 0 < link["score"] <= 1
    assert "phòng, chống tác hại của thuốc lá" in link["evidence"]["quoted"]
    assert by_section["II.4"] == [], "the English-teacher task is taken up by no one"


def test_depth_follows_the_chain_down_to_the_commune(db, capsys):
    code, out, _ = _lineage(db, capsys, "--json", "--depth", "2")
    rows = json.loads(out)
    district = rows[1]["implemented_by"][0]
    assert district["section"] == "II.2"
    assert [(x["document"].split("@")[0], x["section"]) for x in district["implemented_by"]] == [("07-KH/ĐU", "I.1")]
    assert json.loads(_lineage(db, capsys, "--json")[1])[1]["implemented_by"][0].get("implemented_by") is None
    code, out, _ = _lineage(db, capsys, "--depth", "2")
    assert "← 07-KH/ĐU" in out and "(implements 30-KH/HU" in out


def test_keys_are_the_ones_status_takes_and_statuses_show(db, capsys):
    rows = json.loads(_lineage(db, capsys, "--json")[1])
    link = rows[0]["implemented_by"][0]
    assert link["status"] == "chưa thực hiện"
    assert main(["status", link["task_key"], "hoàn thành", "--db", str(db)]) == 0
    again = json.loads(_lineage(db, capsys, "--json")[1])
    assert again[0]["implemented_by"][0]["status"] == "hoàn thành"
    assert main(["status", rows[3]["task_key"], "đang thực hiện", "--db", str(db)]) == 0
    assert json.loads(_lineage(db, capsys, "--json")[1])[3]["status"] == "đang thực hiện"


def test_text_report_names_the_implementer_the_delay_and_what_no_one_took_up(db, capsys):
    code, out, _ = _lineage(db, capsys)
    assert code == 0
    assert "← 30-KH/HU@Hàm Tân@2020" in out and "71 days later" in out
    assert "not taken up (1):" in out and "giáo viên tiếng Anh" in out.split("not taken up (1):")[1]
    assert "Phòng Giáo dục và Đào tạo 1" in out


def test_exports_table_and_graph_with_task_nodes(db, capsys, tmp_path):
    from openpyxl import load_workbook

    files = [tmp_path / name for name in ("l.csv", "l.xlsx", "l.gexf", "l.graphml")]
    code, _, err = _lineage(db, capsys, *[arg for f in files for arg in ("--out", str(f))])
    assert code == 0 and "l.gexf: đã ghi" in err
    csv_text = files[0].read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Cấp,Văn bản cấp trên,") and len(csv_text.splitlines()) == 5
    sheet = load_workbook(files[1]).active
    assert sheet.max_row == 5 and sheet["F5"].value == "chưa"
    for graph_file, reader in ((files[2], nx.read_gexf), (files[3], nx.read_graphml)):
        g = reader(graph_file)
        kinds = nx.get_node_attributes(g, "kind")
        assert sum(1 for k in kinds.values() if k == "task") == 7
        assert sum(1 for *_, d in g.edges(data=True) if d.get("relation") == "carries_out") == 3


@pytest.mark.parametrize(("args", "expected"), [
    (["--db", "{missing}"], "chưa có cơ sở dữ liệu"),
    (["--out", "{tmp}/x.pdf"], "x.pdf: không hỗ trợ định dạng .pdf"),
])
def test_errors_name_the_file_and_what_to_do(db, capsys, tmp_path, args, expected):
    args = [a.format(missing=tmp_path / "none.db", tmp=tmp_path) for a in args]
    if "--db" not in args:
        args += ["--db", str(db)]
    capsys.readouterr()
    assert main(["graph", "lineage", "12-NQ/TU", *args]) == 1
    assert expected in capsys.readouterr().err


def test_an_unknown_target_names_the_database_and_what_to_type(db, capsys):
    capsys.readouterr()
    assert main(["graph", "lineage", "99-XX/TW", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert str(db) in err and "không có văn bản '99-XX/TW'" in err and "75-KL/TW" in err


def test_a_document_only_cited_cannot_be_traced(tmp_path, capsys):
    (tmp_path / "kh30.txt").write_text(LOWER, encoding="utf-8")
    path = tmp_path / "one.db"
    assert main(["ingest", str(tmp_path / "kh30.txt"), "--db", str(path)]) == 0
    capsys.readouterr()
    assert main(["graph", "lineage", "12-NQ/TU", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "chưa có trong cơ sở dữ liệu" in err and "ingest" in err


@pytest.mark.parametrize(("days", "shown"), [(71, ", 71 days later"), (0, ", 0 days later"),
                                             (-30, ", 30 days before (check the dates)"), (None, "")])
def test_delay_wording(days, shown):
    from pipeline.commands.lineage import _delay

    assert _delay(days) == shown

"""Task extraction on synthetic directives and the corpus gold (table-driven, no network)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.extract import extract_text
from pipeline.model import DocumentMeta, Regions
from pipeline.normalize import normalize
from pipeline.sections import parse_sections
from pipeline.structure import find_regions, parse_metadata
from pipeline.tasks import extract_tasks, find_roles, rule, task_rules

ROOT = Path(__file__).resolve().parent.parent


def _rule_examples():
    for name, entries in task_rules().items():
        for i, entry in enumerate(entries):
            assert entry.get("examples"), f"{name}[{i}] has no examples"
            for ex in entry["examples"]:
                yield pytest.param(name, ex, True, id=f"{name}:{ex[:30]}")
            for ex in entry.get("counter_examples", []):
                yield pytest.param(name, ex, False, id=f"{name}:not:{ex[:30]}")


@pytest.mark.parametrize(("name", "example", "matches"), list(_rule_examples()))
def test_rule_examples(name, example, matches):
    anchored = {"subject_prefix", "list_separator", "list_filler"}
    rx = rule(name)
    found = (
        rx.fullmatch(example)
        if name in anchored
        else (rx.match(example) if name == "not_predicate" else rx.search(example))
    )
    assert bool(found) == matches


@pytest.mark.parametrize(
    ("item", "responsible", "coordinating"),
    [
        (
            "Ban Tổ chức Tỉnh uỷ chủ trì, phối hợp với Văn phòng Tỉnh ủy và các Ban Đảng của Tỉnh ủy tham mưu, giúp Ban Thường vụ Tỉnh ủy kiểm tra.",
            ["Ban Tổ chức Tỉnh ủy"],
            ["Văn phòng Tỉnh ủy", "Ban Đảng của Tỉnh ủy"],
        ),
        (
            "Giao Ban Tổ chức Đảng ủy Khối chủ trì, phối hợp với các ban, Văn phòng Đảng ủy Khối theo dõi.",
            ["Ban Tổ chức Đảng ủy Khối"],
            ["Ban của Đảng ủy Khối", "Văn phòng Đảng ủy Khối"],
        ),
        (
            "Các cấp ủy đảng tiếp tục phổ biến Chỉ thị 10-CT/TW của Ban Bí thư. Bí thư chi bộ cùng chi ủy cần chủ động chuẩn bị.",
            ["Cấp ủy đảng", "Bí thư chi bộ", "Chi ủy"],
            [],
        ),
        (
            "Trên cơ sở đó, các huyện, thị, thành ủy, đảng ủy trực thuộc cụ thể hóa thành hướng dẫn.",
            ["Huyện ủy", "Thị ủy", "Thành ủy", "Đảng ủy trực thuộc"],
            [],
        ),
        ("Định kỳ báo cáo Ban Thường vụ Tỉnh ủy và gửi về Đảng ủy Khối.", [], []),
        ("Triển khai theo đúng hướng dẫn của Ban Tổ chức Trung ương.", [], []),
        (
            "Tăng cường công tác chỉ đạo, hướng dẫn của Ủy ban Kiểm tra Huyện ủy đối với chi bộ.",
            ["Ủy ban Kiểm tra Huyện ủy"],
            [],
        ),
        ("Tập trung chỉ đạo các chi bộ, đảng bộ trực thuộc phối hợp với thủ trưởng cơ quan, đơn vị.", [], []),
        (
            "UBND huyện phối hợp với MTTQ huyện tổ chức tuyên truyền.",
            ["Ủy ban nhân dân huyện"],
            ["Mặt trận Tổ quốc huyện"],
        ),
        (
            "Đề nghị Thường trực HĐND xã rà soát danh sách; phối hợp với Văn phòng Đảng ủy, Ủy ban bầu cử xã và"
            " Hội Nông dân xã hoàn thiện hồ sơ.",
            ["Thường trực Hội đồng nhân dân xã"],
            ["Văn phòng Đảng ủy", "Ủy ban bầu cử xã", "Hội Nông dân xã"],
        ),
        (
            "Đảng ủy Ủy ban nhân dân xã chỉ đạo xây dựng đề án. Sau đó, phối hợp với Hội Cựu chiến binh xã tổ chức"
            " tuyên truyền.",
            ["Đảng ủy Ủy ban nhân dân xã"],
            [],
        ),
    ],
)
def test_roles(item, responsible, coordinating):
    roles = find_roles(item)
    assert [b.name for b in roles.responsible] == responsible
    assert [b.name for b in roles.coordinating] == coordinating


DISTRICT_PLAN = """HUYỆN ỦY HÀM TÂN\tĐẢNG CỘNG SẢN VIỆT NAM
Số 45-KH/HU\tHàm Tân, ngày 20 tháng 9 năm 2013
KẾ HOẠCH
thực hiện công tác quy hoạch cán bộ
I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt đầy đủ các quan điểm về công tác cán bộ.
II. NHIỆM VỤ VÀ PHÂN CÔNG
1. Về công tác quy hoạch:
a) Ban Tổ chức Huyện ủy:
- Chủ trì, phối hợp với Ủy ban Kiểm tra Huyện ủy hướng dẫn rà soát quy hoạch cán bộ.
- Tổng hợp kết quả, báo cáo Ban Thường vụ Huyện ủy.
Thời gian: trong tháng 10/2013.
b) Ban Dân vận Huyện ủy:
- Hướng dẫn Mặt trận và các đoàn thể giới thiệu nguồn cán bộ.
2. Các chi bộ, đảng bộ cơ sở tổ chức hội nghị lấy phiếu giới thiệu, hoàn thành trước ngày 15/11/2013.
3. Định kỳ 6 tháng một lần, Văn phòng Huyện ủy tổng hợp tình hình thực hiện.
Nơi nhận:
- Ban Tổ chức Tỉnh ủy,
- Lưu.
T/M HUYỆN ỦY
"""


@pytest.fixture(scope="module")
def district_tasks():
    text = normalize(DISTRICT_PLAN).text
    end = text.index("Nơi nhận")
    sections = parse_sections(text, Regions(0, 0, end))
    meta = DocumentMeta(
        issued_date=date(2013, 9, 20), locality="Hàm Tân", level="district", issuer="Huyện ủy Hàm Tân"
    )
    return text, extract_tasks(text, sections, meta, [])


def test_district_plan_items(district_tasks):
    text, tasks = district_tasks
    assert [t.section for t in tasks] == ["II.1.a", "II.1.a", "II.1.b", "II.2", "II.3"]
    for t in tasks:
        assert text[t.start : t.end] == t.text
        assert not t.text.startswith("-")
    assert not any(t.text.startswith("Thời gian") for t in tasks)
    assert not any("Quán triệt" in t.text for t in tasks)  # MỤC ĐÍCH, YÊU CẦU is not a task section


@pytest.mark.parametrize(
    ("index", "responsible", "coordinating", "qualified", "end"),
    [
        (
            0,
            ["Ban Tổ chức Huyện ủy"],
            ["Ủy ban Kiểm tra Huyện ủy"],
            ["Ban Tổ chức Huyện ủy Hàm Tân"],
            date(2013, 10, 31),
        ),
        (1, ["Ban Tổ chức Huyện ủy"], [], ["Ban Tổ chức Huyện ủy Hàm Tân"], date(2013, 10, 31)),
        (2, ["Ban Dân vận Huyện ủy"], [], ["Ban Dân vận Huyện ủy Hàm Tân"], None),
        (3, ["Chi bộ", "Đảng bộ cơ sở"], [], ["Chi bộ", "Đảng bộ cơ sở"], date(2013, 11, 15)),
        (4, ["Văn phòng Huyện ủy"], [], ["Văn phòng Huyện ủy Hàm Tân"], None),
    ],
)
def test_district_plan_roles_and_deadlines(district_tasks, index, responsible, coordinating, qualified, end):
    _, tasks = district_tasks
    t = tasks[index]
    assert [b.name for b in t.responsible] == responsible
    assert [b.name for b in t.coordinating] == coordinating
    assert [b.qualified for b in t.responsible] == qualified
    assert (t.deadline.end if t.deadline else None) == end


def test_recurrence_and_keys(district_tasks):
    _, tasks = district_tasks
    assert tasks[4].deadline is not None and tasks[4].deadline.recurrence == "FREQ=MONTHLY;INTERVAL=6"
    keys = [t.key for t in tasks]
    assert len(set(keys)) == len(keys) and all(len(k) == 12 for k in keys)
    # Stable across runs: the same text gives the same keys.
    text = normalize(DISTRICT_PLAN).text
    again = extract_tasks(
        text, parse_sections(text, Regions(0, 0, text.index("Nơi nhận"))), DocumentMeta(), []
    )
    assert [t.key for t in again] == keys


def _tasks_issued(text: str, issued: date):
    """Tasks of a whole text read as one body, issued on `issued`."""
    return extract_tasks(text, parse_sections(text, Regions(0, 0, len(text))), DocumentMeta(issued_date=issued), [])


@pytest.mark.parametrize(
    ("text", "issued", "ends"),
    [
        pytest.param(
            "III. NHIỆM VỤ\n- Tiếp tục đẩy mạnh thực hiện Nghị quyết số 05-NQ/TU của Tỉnh ủy (khóa X) về xây dựng "
            "đội ngũ cán bộ đến năm 2010, định hướng đến năm 2015.\n- Phấn đấu đến cuối năm 2010 có đủ đảng viên.",
            date(2008, 4, 17),
            [None, date(2010, 12, 31)],
            id="cited-subject",
        ),
        pytest.param(
            "II. NHIỆM VỤ\n1. Ban hành Nghị quyết chuyên đề về phát triển nông nghiệp, nông thôn của xã đến năm 2030.\n"
            "2. Xây dựng Kế hoạch về chuyển đổi số, hoàn thành đến năm 2026.\n"
            "3. Ban hành Đề án về phát triển du lịch đến năm 2030 trong quý II/2026.",
            date(2025, 11, 3),
            [None, date(2026, 12, 31), date(2026, 6, 30)],
            id="horizon-of-a-document-to-issue",
        ),
    ],
)
def test_a_named_documents_subject_is_not_a_deadline(text, issued, ends):
    """ "Nghị quyết số 05-NQ/TU về ... đến năm 2010", "Ban hành Nghị quyết về ... đến năm 2030": not due dates."""
    tasks = _tasks_issued(text, issued)
    assert [t.deadline is None for t in tasks] == [end is None for end in ends]
    assert [t.deadline.end for t in tasks if t.deadline is not None] == [end for end in ends if end is not None]


def test_items_under_an_issuing_heading_belong_to_the_issuer():
    text = (
        "II. NHIỆM VỤ\n1. Về kinh tế\n1.1. Ban hành các Nghị quyết chuyên đề của Ban Thường vụ Đảng ủy xã:\n"
        "- Nghị quyết về phát triển kinh tế tập thể, hợp tác xã.\n"
        "- Nghị quyết về chuyển đổi số trong các cơ quan của hệ thống chính trị xã.\n"
        "1.2. Quán triệt các Nghị quyết của Ban Chấp hành Đảng bộ tỉnh:\n"
        "- Tổ chức hội nghị học tập, quán triệt đến cán bộ, đảng viên."
    )
    tasks = _tasks_issued(text, date(2025, 10, 2))
    assert [[b.name for b in t.responsible] for t in tasks] == [["Ban Thường vụ Đảng ủy xã"]] * 2 + [[]]


def _score(name: str) -> tuple[int, int, int, int]:
    """(gold tasks, matched, responsible sets right, deadlines right) for one corpus document."""
    gold = json.loads((ROOT / "eval" / "gold" / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
    text = normalize((ROOT / "corpus" / name).read_text(encoding="utf-8")).text
    regions = find_regions(text)
    meta = parse_metadata(text, regions)
    tasks = [t.to_dict() for t in extract_tasks(text, parse_sections(text, regions), meta, [])]
    from pipeline.evaluate import fold, names_match, tokens

    matched = resp_ok = dl_ok = 0
    used: set[int] = set()
    for g in gold["tasks"]:
        gt = set(tokens(g["text"]))
        best = max(
            (
                (len(gt & set(tokens(p["text"]))) / len(gt | set(tokens(p["text"]))), i)
                for i, p in enumerate(tasks)
                if i not in used
            ),
            default=(0, -1),
        )
        if best[0] < 0.5:
            continue
        used.add(best[1])
        p = tasks[best[1]]
        matched += 1
        g_resp, p_resp = g["responsible"], p["responsible"]
        resp_ok += len(g_resp) == len(p_resp) and all(any(names_match(a, b) for b in p_resp) for a in g_resp)
        gd, pd = g["deadline"] or {}, p["deadline"] or {}
        dl_ok += (gd.get("end"), fold(gd.get("recurrence") or "")) == (
            pd.get("end"),
            fold(pd.get("recurrence") or ""),
        )
    return len(gold["tasks"]), matched, resp_ok, dl_ok


@pytest.mark.parametrize(
    "name",
    sorted(
        p.name
        for p in (ROOT / "corpus").glob("*.txt")
        if (ROOT / "eval" / "gold" / p.with_suffix(".json").name).exists()
    ),
)
def test_corpus_gold_quality(name):
    total, matched, resp_ok, dl_ok = _score(name)
    assert matched >= 0.9 * total
    assert resp_ok >= 0.7 * matched
    assert dl_ok >= 0.85 * matched


CHI_THI = """BAN BÍ THƯ
CHỈ THỊ
về tăng cường công tác kết nạp đảng viên
Thời gian qua, công tác kết nạp đảng viên đạt nhiều kết quả. Để khắc phục hạn chế, Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt các nhiệm vụ sau:
1. Các cấp ủy, tổ chức đảng quán triệt sâu sắc chủ trương phát triển đảng viên trong tình hình mới, xây dựng kế hoạch
kết nạp đảng viên hằng năm.
2. Ban Tổ chức Trung ương: chủ trì, phối hợp với Ban Tuyên giáo Trung ương hướng dẫn thực hiện Chỉ thị này, báo cáo Ban Bí thư trước ngày 30/6/2015.
3. Các tỉnh ủy, thành ủy trực thuộc Trung ương tổ chức sơ kết vào Quý IV/2016.
"""


def test_directive_without_task_headings():
    text = normalize(CHI_THI).text
    sections = parse_sections(text, Regions(0, 0, len(text)))
    tasks = extract_tasks(text, sections, DocumentMeta(issued_date=date(2015, 1, 5)), [])
    assert [t.section for t in tasks] == ["1", "2", "3"]
    assert tasks[0].text.endswith("kết nạp đảng viên hằng năm.")  # hard wrap joined
    assert (
        "\n" not in tasks[0].text and text[tasks[0].start : tasks[0].end].replace("\n", " ") == tasks[0].text
    )
    assert tasks[0].deadline is not None and tasks[0].deadline.recurrence == "FREQ=YEARLY"
    assert [b.name for b in tasks[1].responsible] == ["Ban Tổ chức Trung ương"]
    assert [b.name for b in tasks[1].coordinating] == ["Ban Tuyên giáo Trung ương"]
    assert tasks[1].deadline.end == date(2015, 6, 30)
    assert (tasks[2].deadline.start, tasks[2].deadline.end) == (date(2016, 10, 1), date(2016, 12, 31))


def test_no_sections_uses_intro_and_bullets():
    text = normalize(
        "THÔNG BÁO\nÝ kiến kết luận như sau:\n- Ban Dân vận Tỉnh ủy hướng dẫn các huyện ủy triển khai.\n"
        "- Văn phòng Tỉnh ủy theo dõi, đôn đốc.\nNơi nhận:\n- Lưu."
    ).text
    tasks = extract_tasks(text, [], DocumentMeta(), [])
    assert [t.text for t in tasks] == [
        "Ban Dân vận Tỉnh ủy hướng dẫn các huyện ủy triển khai.",
        "Văn phòng Tỉnh ủy theo dõi, đôn đốc.",
    ]
    assert all(t.section is None for t in tasks)
    assert [b.name for b in tasks[0].responsible] == ["Ban Dân vận Tỉnh ủy"]


PROVINCIAL_DIRECTIVE = """CHỈ THỊ
Để khắc phục hạn chế, Ban Thường vụ Tỉnh ủy yêu cầu thực hiện tốt một số nội dung sau:
1. Các cấp ủy, tổ chức đảng tăng cường lãnh đạo công tác phòng, chống tham nhũng.
2. Nâng cao hiệu quả công tác kiểm tra, giám sát; kịp thời phát hiện, xử lý nghiêm các vụ việc.
a) Ủy ban Kiểm tra Tỉnh ủy chủ trì, phối hợp với Thanh tra tỉnh xây dựng kế hoạch kiểm tra năm 2016, hoàn thành trong Quý III/2016.
b) UBND tỉnh chỉ đạo các sở, ngành rà soát thủ tục hành chính.
3. Ban Nội chính Tỉnh ủy theo dõi, đôn đốc việc thực hiện Chỉ thị này; định kỳ hằng năm báo cáo Ban Thường vụ Tỉnh ủy.
Nhận được Chỉ thị này, các cấp ủy, tổ chức đảng khẩn trương quán triệt và tổ chức thực hiện.
"""


def test_provincial_directive():
    text = normalize(PROVINCIAL_DIRECTIVE).text
    sections = parse_sections(text, Regions(0, 0, len(text)))
    assert {s.path: s.kind for s in sections}["2"] == "neutral"  # "kiểm tra" mid-line is no title
    meta = DocumentMeta(issued_date=date(2016, 6, 10), locality="Quảng Ngãi", level="province")
    tasks = extract_tasks(text, sections, meta, [])
    assert [t.section for t in tasks] == ["1", "2.a", "2.b", "3"]  # closing line dropped
    assert [b.name for b in tasks[0].responsible] == ["Cấp ủy", "Tổ chức đảng"]
    assert [b.name for b in tasks[1].coordinating] == ["Thanh tra tỉnh"]
    assert tasks[1].deadline.text == "trong Quý III/2016"  # the due date, not "kế hoạch ... năm 2016"
    assert [b.qualified for b in tasks[3].responsible] == ["Ban Nội chính Tỉnh ủy Quảng Ngãi"]
    assert tasks[3].deadline.recurrence == "FREQ=YEARLY"


TABLE_PLAN = """III. TIẾN ĐỘ THỰC HIỆN
1. Hội nghị quán triệt cho cán bộ chủ chốt
- Thời gian: tháng 7/2014
- Chủ trì: Ban Tuyên giáo Tỉnh ủy
- Phối hợp: Văn phòng Tỉnh ủy
- Thành phần: cán bộ chủ chốt của tỉnh
2. Sơ kết 6 tháng thực hiện Kế hoạch
- Thời gian: Quý IV/2014
- Chủ trì: Ban Tổ chức Tỉnh ủy
"""


def test_plan_blocks_with_attribute_lines():
    text = normalize(TABLE_PLAN).text
    sections = parse_sections(text, Regions(0, 0, len(text)))
    tasks = extract_tasks(text, sections, DocumentMeta(issued_date=date(2014, 5, 1)), [])
    assert [t.text for t in tasks] == [
        "Hội nghị quán triệt cho cán bộ chủ chốt",
        "Sơ kết 6 tháng thực hiện Kế hoạch",
    ]
    assert [b.name for b in tasks[0].responsible] == ["Ban Tuyên giáo Tỉnh ủy"]
    assert [b.name for b in tasks[0].coordinating] == ["Văn phòng Tỉnh ủy"]
    assert (tasks[0].deadline.start, tasks[0].deadline.end) == (date(2014, 7, 1), date(2014, 7, 31))
    assert [b.name for b in tasks[1].responsible] == ["Ban Tổ chức Tỉnh ủy"]
    assert tasks[1].deadline.end == date(2014, 12, 31)


BULLET_BLOCKS = """II. NHIỆM VỤ
1. Công tác cán bộ
- Ban Tổ chức Huyện ủy:
+ Rà soát quy hoạch cán bộ nhiệm kỳ 2015 - 2020.
+ Tham mưu Ban Thường vụ Huyện ủy điều động cán bộ.
- Ủy ban Kiểm tra Huyện ủy:
+ Kiểm tra việc thực hiện quy trình bổ nhiệm.
- Thường xuyên theo dõi, nắm tình hình đội ngũ cán bộ.
"""


def test_intro_bullets_scope_their_block():
    text = normalize(BULLET_BLOCKS).text
    tasks = extract_tasks(text, parse_sections(text, Regions(0, 0, len(text))), DocumentMeta(), [])
    got = [(t.text[:20], [b.name for b in t.responsible]) for t in tasks]
    assert got == [
        ("Rà soát quy hoạch cá", ["Ban Tổ chức Huyện ủy"]),
        ("Tham mưu Ban Thường ", ["Ban Tổ chức Huyện ủy"]),
        ("Kiểm tra việc thực h", ["Ủy ban Kiểm tra Huyện ủy"]),
        ("Thường xuyên theo dõ", []),
    ]


@pytest.mark.parametrize(
    ("item", "responsible"),
    [
        (
            "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng tập trung lãnh đạo thực hiện.",
            ["Cấp ủy", "Tổ chức đảng"],
        ),
        ("Ban Thường vụ Huyện ủy giao Ban Tổ chức Huyện ủy theo dõi.", ["Ban Tổ chức Huyện ủy"]),
        (
            "Thường trực Tỉnh ủy đề nghị Đảng ủy Khối các cơ quan tỉnh chỉ đạo thực hiện.",
            ["Đảng ủy Khối các cơ quan tỉnh"],
        ),
    ],
)
def test_delegation_moves_responsibility(item, responsible):
    assert [b.name for b in find_roles(item).responsible] == responsible


@pytest.mark.parametrize(
    "heading",
    [
        "a) Ban Dân vận Huyện ủy:",
        "1. Đối với Ban Dân vận Huyện ủy",
        "1. Trách nhiệm của Ban Dân vận Huyện ủy",
    ],
)
def test_body_headings_lead_their_block(heading):
    text = f"II. TỔ CHỨC THỰC HIỆN\n{heading}\n- Hướng dẫn Mặt trận xây dựng kế hoạch.\n"
    tasks = extract_tasks(text, parse_sections(text, Regions(0, 0, len(text))), DocumentMeta(), [])
    assert [[b.name for b in t.responsible] for t in tasks] == [["Ban Dân vận Huyện ủy"]]


def test_conclusion_items_that_only_acknowledge_are_not_tasks():
    text = (
        "Thường trực Tỉnh ủy kết luận như sau:\n1. Cơ bản thống nhất với báo cáo của Đảng ủy khối.\n"
        "2. Biểu dương những kết quả đạt được.\n3. Đảng ủy khối tập trung chỉ đạo sơ kết Chỉ thị 10.\n"
    )
    tasks = extract_tasks(text, parse_sections(text, Regions(0, 0, len(text))), DocumentMeta(), [])
    assert [t.section for t in tasks] == ["3"]
    assert [b.name for b in tasks[0].responsible] == ["Đảng ủy Khối"]


@pytest.mark.parametrize(
    ("item", "end"),
    [
        ("Tiếp tục thực hiện Nghị quyết số 05-NQ/TU về xây dựng đội ngũ cán bộ đến năm 2010.", None),
        ("Xây dựng Kế hoạch về tổ chức đại hội chi bộ, hoàn thành trước ngày 30/6/2014.", date(2014, 6, 30)),
        ("Sơ kết Chỉ thị 10 về sinh hoạt chi bộ, báo cáo kết quả trước ngày 15/12/2014.", date(2014, 12, 15)),
    ],
)
def test_cited_subjects_versus_due_dates(item, end):
    text = "II. NHIỆM VỤ\n- " + item + "\n"
    tasks = extract_tasks(
        text, parse_sections(text, Regions(0, 0, len(text))), DocumentMeta(issued_date=date(2014, 1, 2)), []
    )
    assert (tasks[0].deadline.end if tasks[0].deadline else None) == end


@pytest.mark.parametrize("seed", range(8))
def test_shuffled_corpus_lines_never_break_extraction(seed):
    """Robustness: any order of real directive lines gives valid spans and keys, no exception."""
    import random

    rng = random.Random(seed)
    lines = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        lines += normalize(path.read_text(encoding="utf-8")).text.split("\n")
    text = "\n".join(rng.sample(lines, k=min(120, len(lines))))
    sections = parse_sections(text, Regions(0, 0, len(text)))
    for s in sections:
        assert 0 <= s.start <= s.end <= len(text) and s.kind in {"task", "non_task", "neutral"}
    tasks = extract_tasks(text, sections, DocumentMeta(issued_date=date(2010, 1, 1)), [])
    for t in tasks:
        assert text[t.start : t.end].replace("\n", " ") == t.text and t.key


def _conclusion(doc_type: str) -> str:
    return (
        f"ĐẢNG ỦY XÃ AN PHÚ\nSố 12-{'KL' if doc_type == 'KẾT LUẬN' else 'CTr'}/ĐU\n"
        f"An Phú, ngày 05 tháng 01 năm 2026\n\n{doc_type}\nvề công tác chuyển đổi số\n\n"
        "1. Văn phòng Đảng ủy chủ trì triển khai số hóa hồ sơ ngay từ đầu năm.\n"
    )


def test_a_year_edge_without_a_year_is_every_years_only_in_a_standing_document():
    (once,) = extract_text(_conclusion("KẾT LUẬN"), "kl.txt").tasks
    assert (once.deadline.start, once.deadline.recurrence) == (date(2026, 1, 1), None)
    (yearly,) = extract_text(_conclusion("CHƯƠNG TRÌNH HÀNH ĐỘNG"), "ctr.txt").tasks
    assert yearly.deadline.recurrence == "FREQ=YEARLY"


def test_a_caption_printed_twice_under_a_numbered_item_is_no_task():
    text = (
        "THÔNG BÁO KẾT LUẬN\n\n1. Thống nhất lập đề án mở rộng khu công nghiệp.\n"
        "2. Giao Đảng ủy Ủy ban nhân dân tỉnh chỉ đạo thực hiện.\n"
        "Ảnh chụp văn bản kết luận\nẢnh chụp văn bản kết luận\n"
    )
    tasks = extract_text(text, "tb.txt").tasks
    assert [t.text for t in tasks][-1] == "Giao Đảng ủy Ủy ban nhân dân tỉnh chỉ đạo thực hiện."

"""Directives as the press reports them: a lead, what a speaker or a meeting asked, paragraphs
that go on with the work handed out, photo captions in between. The report is written for these
tests; the forms are those of provincial and commune news pages."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.extract import extract_text
from pipeline.lexicon import split_marker
from pipeline.tasks import find_roles


def _responsible(tasks) -> list[list[str]]:
    return [[b.name for b in t.responsible] for t in tasks]


def _first_words(tasks) -> list[str]:
    return [t.text.split(" ")[0] for t in tasks]


def _report_tasks(*paragraphs: str):
    """The tasks of a report whose paragraphs are given one by one."""
    return extract_text("\n\n".join(paragraphs), "tin.txt").tasks

REPORT = """Ngày 12-3, Đảng ủy xã Phú An tổ chức hội nghị sơ kết quý I và triển khai nhiệm vụ quý II năm 2026.

Báo cáo của Văn phòng Đảng ủy cho thấy, quý I các chỉ tiêu chủ yếu đều đạt và vượt kế hoạch.

Phát biểu kết luận, đồng chí Lê Văn Tư, Bí thư Đảng ủy xã yêu cầu các chi bộ, Mặt trận Tổ quốc xã tập trung rà soát hộ nghèo, hộ cận nghèo trên địa bàn.

Bí thư Đảng ủy xã Lê Văn Tư phát biểu chỉ đạo hội nghị

Đồng thời, tổ chức tốt các hoạt động kỷ niệm Ngày Giải phóng miền Nam, thống nhất đất nước.

Tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân.

Theo kết luận, Ban Thường vụ Đảng ủy biểu dương các chi bộ có nhiều cách làm hay.
"""


def test_the_work_a_speaker_hands_out_goes_on_past_a_caption_into_the_paragraphs_after_it():
    tasks = extract_text(REPORT, "tin.txt").tasks
    assert [t.text.split(",")[0] for t in tasks] == [
        "Phát biểu kết luận",
        "Đồng thời",
        "Tiếp tục đẩy mạnh cải cách hành chính",
    ]
    assert all([b.name for b in t.responsible] == ["Chi bộ", "Mặt trận Tổ quốc xã"] for t in tasks)


def test_a_named_speaker_hands_work_over_and_a_bodys_own_request_still_leads():
    roles = find_roles("Bà Hạnh cũng đề nghị các cấp ủy đảng sớm sơ kết việc học tập chuyên đề.")
    assert [b.name for b in roles.responsible] == ["Cấp ủy đảng"]
    # a body that proposes to another in a procedure keeps the lead
    roles = find_roles("Nếu hồ sơ đầy đủ thì chi bộ lập tờ trình đề nghị cấp ủy cấp trên xét duyệt.")
    assert [b.name for b in roles.responsible] == ["Chi bộ"]


def test_the_standing_committee_of_a_party_unit_and_a_city_written_tp():
    roles = find_roles("Theo bà Hạnh, Ban Thường vụ Đảng ủy UBND TP cần chủ trì, cùng Ban Dân vận Thành ủy rà soát quy hoạch cán bộ.")
    assert [b.name for b in roles.responsible] == ["Ban Thường vụ Đảng ủy Ủy ban nhân dân thành phố"]


def test_items_counted_in_words_are_items():
    assert split_marker("Một là, tăng cường sự lãnh đạo của cấp ủy.").style == "bullet"
    assert split_marker("Thứ hai, đẩy mạnh chuyển đổi số.").style == "bullet"
    assert split_marker("Năm 2026 là năm bầu cử.") is None


def test_work_asked_for_with_no_addressee_is_a_task_and_generic_addressees_are_read():
    text = (
        "Thường trực Tỉnh ủy yêu cầu toàn hệ thống chính trị giữ nghiêm kỷ luật hành chính trong mùa mưa bão.\n\n"
        "Thường trực Tỉnh ủy còn yêu cầu khẩn trương hoàn thiện phương án sơ tán dân cư vùng trũng.\n\n"
        "Bí thư Tỉnh ủy đề nghị các cấp, ngành rà soát các chỉ tiêu chưa đạt.\n"
    )
    tasks = extract_text(text, "tin2.txt").tasks
    assert _responsible(tasks) == [["Hệ thống chính trị"], [], ["Cấp, ngành"]]


def test_a_report_names_the_body_whose_meeting_or_orders_it_gives():
    result = extract_text(
        "Ngày 12-3, Đảng ủy phường Bắc An tổ chức hội nghị sơ kết công tác quý I.\n\n"
        "Phát biểu kết luận, Bí thư Đảng ủy phường Lê Văn Tư yêu cầu các chi bộ rà soát đảng viên trước ngày 20-4.\n\n"
        "Các chi bộ thực hiện Chỉ thị số 45-CT/TW của Bộ Chính trị trong năm 2026.\n",
        "tin3.txt",
    )
    assert result.document.issuer == "Đảng ủy phường Bắc An"
    assert [str(t.deadline.end) if t.deadline else None for t in result.tasks][0] == "2026-04-20"  # the year it names
    assert all(c.relation == "cites" for c in result.citations)  # a report implements nothing


def test_a_summary_that_opens_at_the_document_names_it():
    meta = extract_text(
        "Tại Kết luận số 31-KL/TW ngày 02/3/2026 về tình hình, kết quả chuyển đổi số, Bộ Chính trị yêu cầu "
        "các cấp ủy đẩy nhanh chuyển đổi số.\n\nTiếp tục hoàn thiện cơ sở dữ liệu đảng viên.\n",
        "tin4.txt",
    ).document
    assert (meta.doc_type, meta.number, str(meta.issued_date), meta.issuer) == ("Kết luận", "31-KL/TW", "2026-03-02", "Bộ Chính trị")
    assert meta.title == "về tình hình, kết quả chuyển đổi số"


def test_an_office_that_sends_out_a_conclusion_is_named_by_the_lead():
    meta = extract_text(
        "Ngày 24/2/2026, Văn phòng Tỉnh ủy ban hành Công văn số 88-CV/VPTU thông báo kết luận của Thường trực "
        "Tỉnh ủy về công tác sau Tết, trên cơ sở xem xét báo cáo của các cơ quan.\n\n"
        "Thường trực Tỉnh ủy yêu cầu các cấp ủy khẩn trương trở lại làm việc.\n",
        "tin5.txt",
    ).document
    assert (meta.doc_type, meta.number, meta.issuer) == ("Công văn", "88-CV/VPTU", "Văn phòng Tỉnh ủy")
    assert meta.title == "thông báo kết luận của Thường trực Tỉnh ủy về công tác sau Tết"


def test_who_stresses_or_notes_and_who_then_acts():
    # the body that reports a conclusion and then asks others does not act itself
    roles = find_roles("Thường trực Huyện ủy thông báo ý kiến chỉ đạo. Thường trực Huyện ủy yêu cầu các ngành, các cấp rà soát hồ sơ.")
    assert [b.name for b in roles.responsible] == ["Các cấp, các ngành"]
    # a speaker who stresses is not the one to act; "lưu ý X" hands the work to X
    assert find_roles("Ban Thường vụ nhấn mạnh việc giữ vững an ninh nông thôn.").responsible == ()
    roles = find_roles("Ban Thường vụ lưu ý các chi bộ trong việc chuẩn bị nhân sự.")
    assert [b.name for b in roles.responsible] == ["Chi bộ"]


def test_a_topic_opener_goes_on_with_the_work_handed_out():
    text = (
        "Thường trực Đảng ủy xã yêu cầu các chi bộ tập trung chăm lo cho hộ khó khăn.\n\n"
        "Đối với các mốc cụ thể, trước ngày 20/12/2026 hoàn thành rà soát danh sách hộ cần hỗ trợ.\n"
    )
    tasks = extract_text(text, "tin6.txt").tasks
    assert _responsible(tasks) == [["Chi bộ"], ["Chi bộ"]]


def test_a_signing_lead_with_a_short_number_names_the_document_and_its_signer():
    result = extract_text(
        "Ngày 05/3, Thường trực Ban Bí thư Nguyễn Văn Mười ký ban hành Kết luận 88 của Bộ Chính trị về "
        "công tác chuẩn bị nhân sự.\n\n"
        "Bộ Chính trị yêu cầu các tỉnh ủy, thành ủy hoàn thiện phương án nhân sự.\n",
        "tin7.txt",
    )
    meta = result.document
    assert (meta.doc_type, meta.number, meta.issuer, meta.signer) == ("Kết luận", "88-KL/TW", "Bộ Chính trị", "Nguyễn Văn Mười")
    assert meta.title == "về công tác chuẩn bị nhân sự"
    assert [t.text[:12] for t in result.tasks] == ["Bộ Chính trị"]  # the lead names the document: no task


def test_a_line_that_announces_the_document_is_no_task():
    tasks = extract_text(
        "Ban Thường vụ Tỉnh ủy ban hành chỉ thị về chăm lo Tết cho gia đình chính sách\n\n"
        "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy tổ chức thăm hỏi các gia đình chính sách.\n",
        "tin8.txt",
    ).tasks
    assert _responsible(tasks) == [["Cấp ủy"]]


ORDERS = """Ban Thường vụ Tỉnh ủy ban hành chỉ thị về phòng, chống dịch bệnh trên đàn gia súc

Ngày 3/11, Ban Thường vụ Tỉnh ủy đã Ban hành Chỉ thị số 41-CT/TU về phòng, chống dịch bệnh trên đàn gia súc. Theo đó, Ban Thường vụ Tỉnh ủy yêu cầu cấp ủy, chính quyền các cấp làm tốt các nhiệm vụ cấp bách.

Tăng cường kiểm soát việc vận chuyển gia súc qua địa bàn, xử lý nghiêm các trường hợp vi phạm. Tổ chức tiêm phòng đủ liều cho đàn gia súc trước mùa đông xuân năm nay. Hỗ trợ kịp thời các hộ chăn nuôi bị thiệt hại để sớm tái đàn.

Trước hết, rà soát lại phương án phòng dịch ở từng thôn, bản.
"""


def test_a_paragraph_of_several_orders_gives_one_task_each_led_by_the_bodies_before_it():
    ex = extract_text(ORDERS, "tin.txt")
    assert ex.document.number == "41-CT/TU"  # the later lead gives the number the headline lacks
    assert _first_words(ex.tasks) == ["Tăng", "Tổ", "Hỗ", "Trước"]
    assert all([b.name for b in t.responsible] == ["Cấp ủy", "Chính quyền các cấp"] for t in ex.tasks)


def test_one_order_said_in_two_sentences_stays_one_task():
    text = (
        "Ban Thường vụ Huyện ủy yêu cầu các chi bộ rà soát danh sách đảng viên. Đồng thời, tổ chức "
        "tốt việc trao huy hiệu Đảng cho các đồng chí đủ tuổi Đảng trong năm.\n"
    )
    assert len(extract_text(text, "tin.txt").tasks) == 1


def test_orders_after_a_colon_are_one_task_each():
    text = (
        "Trong Kết luận số 96 ban hành ngày 5/9 về dân vận ở vùng đồng bào dân tộc, Bộ Chính trị giao "
        "Ban Dân vận Trung ương thực hiện các việc sau: Chủ trì tổng kết mười năm thực hiện "
        "chương trình dân vận ở vùng cao. Hướng dẫn các cấp ủy nhân rộng cách làm hay "
        "ở cơ sở.\n"
    )
    ex = extract_text(text, "tin.txt")
    assert (ex.document.doc_type, ex.document.issuer) == ("Kết luận", "Bộ Chính trị")
    assert [t.text.split(",")[0] for t in ex.tasks] == ["Chủ trì tổng kết mười năm thực hiện chương trình dân vận ở vùng cao.", "Hướng dẫn các cấp ủy nhân rộng cách làm hay ở cơ sở."]
    assert all([b.name for b in t.responsible] == ["Ban Dân vận Trung ương"] for t in ex.tasks)


def test_a_notice_of_conclusions_and_the_commendation_before_the_work():
    text = (
        "Thường trực Thành ủy Hải Phòng thông báo kết luận về công tác chuẩn bị mùa mưa bão năm 2026. "
        "Thường trực Thành ủy Hải Phòng yêu cầu các cấp, các ngành tập trung rà soát phương án phòng, chống thiên tai.\n\n"
        "Đồng chí Chỉ huy trưởng biểu dương lực lượng vũ trang đã hoàn thành tốt nhiệm vụ năm 2025. "
        "Yêu cầu cấp ủy các đơn vị nâng cao chất lượng huấn luyện, sẵn sàng chiến đấu.\n"
    )
    ex = extract_text(text, "tin.txt")
    assert (ex.document.doc_type, ex.document.issuer) == ("Thông báo", "Thường trực Thành ủy Hải Phòng")
    assert ex.document.title.startswith("kết luận về công tác chuẩn bị mùa mưa bão")
    assert _first_words(ex.tasks) == ["Thường", "Yêu"]
    assert [b.name for b in ex.tasks[0].responsible] == ["Các cấp, các ngành"]
    assert ex.tasks[1].deadline is None  # the year of what was commended is no due date


def test_the_year_results_were_achieved_in_is_no_due_date():
    tasks = _report_tasks(
        "Chiều 8-1, đồng chí Bí thư Huyện ủy Tân Lạc làm việc với Đảng ủy xã Hợp Thành.",
        "Đồng chí ghi nhận những kết quả mà Hợp Thành đạt được trong năm 2025 và đề nghị Đảng ủy xã "
        "tiếp tục làm tốt công tác phát triển đảng viên ở các thôn.",
    )
    assert [b.name for b in tasks[0].responsible] == ["Đảng ủy xã"]
    assert tasks[0].deadline is None  # 2025 is when the praised results came, not when the work is due


def test_a_request_with_no_addressee_that_opens_with_how_soon_or_a_rare_verb():
    tasks = _report_tasks(
        "Chiều 14-5, Ban Thường vụ Tỉnh ủy họp nghe báo cáo tình hình sắp xếp các đơn vị sự nghiệp.",
        "Ban Thường vụ Tỉnh ủy yêu cầu sớm sắp xếp lại các trung tâm y tế theo mô hình mới.",
        "Tỉnh ủy còn yêu cầu thúc đẩy hơn nữa việc giải ngân vốn cho các công trình trọng điểm.",
    )
    assert _first_words(tasks) == ["Ban", "Tỉnh"]


def test_lessons_drawn_in_a_speech_are_no_tasks():
    tasks = _report_tasks(
        "Sáng 2-9, Tỉnh ủy Lạng Sơn tổ chức hội nghị tổng kết 20 năm xây dựng thế trận lòng dân.",
        "Bí thư Tỉnh ủy nêu ba bài học được đúc rút qua hai mươi năm.",
        "Thứ nhất, lòng dân là gốc của mọi thắng lợi trên biên giới.",
        "Thứ hai, cán bộ phải sát dân, hiểu dân và làm cho dân tin.",
        "Đồng chí đề nghị các cấp ủy, chính quyền tiếp tục chăm lo đời sống đồng bào vùng biên.",
    )
    assert _first_words(tasks) == ["Đồng"]


def test_a_report_printed_as_one_line_with_its_credit_at_the_end():
    """A page that lost its paragraph breaks: the whole story on one line, the credit last."""
    story = " ".join(
        [
            "BTN – Chiều 14/7, Đảng ủy Quân sự huyện Tân Biên tổ chức hội nghị sơ kết công tác 6 tháng đầu năm.",
            "Đồng chí Lê Minh Tâm, Bí thư Huyện ủy dự và chỉ đạo hội nghị.",
            "Báo cáo tại hội nghị nêu rõ, 6 tháng qua lực lượng vũ trang huyện giữ vững nền nếp trực, không để bị động bất ngờ.",
            "Công tác tuyển quân đạt 100% chỉ tiêu, chất lượng tân binh được nâng lên rõ rệt so với các năm trước.",
            "Phát biểu chỉ đạo, đồng chí Lê Minh Tâm ghi nhận những cố gắng của lực lượng vũ trang huyện.",
            "Đồng chí đề nghị Ban Chỉ huy Quân sự huyện tiếp tục tham mưu tốt cho cấp ủy trong việc xây dựng lực lượng dân quân.",
            "Đồng chí cũng yêu cầu Đảng ủy các xã chuẩn bị chu đáo cho cuộc diễn tập phòng thủ của huyện trong quý IV/2026.",
            "Tin, ảnh: HOÀNG LAN",
        ]
    )
    tasks = _report_tasks(story)
    assert [t.text.split(" ")[:3] for t in tasks] == [["Đồng", "chí", "đề"], ["Đồng", "chí", "cũng"]]
    assert str(tasks[1].deadline.end) == "2026-12-31"


def test_a_congress_report_after_its_source_tag():
    """The source's tag before the dated lead ("(Baohagiang.vn) - Ngày 5/7, …"), the new committee's
    first session told as done, and an agency's Party organisation named by its journal."""
    tasks = _report_tasks(
        "(Baohagiang.vn) - Ngày 5/7, Đảng bộ cơ quan Tạp chí Văn nghệ tỉnh tổ chức Đại hội lần thứ nhất.",
        "Phát biểu chỉ đạo, đồng chí Phó Trưởng ban Tuyên giáo Tỉnh ủy đề nghị Đảng bộ cơ quan Tạp chí Văn nghệ "
        "tỉnh nâng cao chất lượng các số chuyên đề về văn hóa dân tộc.",
        "Ban Chấp hành khóa mới đã bầu đồng chí Tổng Biên tập giữ chức Bí thư Đảng ủy cơ quan.",
    )
    assert [[b.name for b in t.responsible] for t in tasks] == [["Đảng bộ cơ quan Tạp chí Văn nghệ tỉnh"]]


def test_an_intro_of_results_opens_no_list_of_work():
    tasks = _report_tasks(
        "Sáng 10/10, Đảng ủy xã Yên Lạc tổ chức hội nghị sơ kết 9 tháng.",
        "Báo cáo cho thấy, 9 tháng qua công tác dân vận của xã có nhiều chuyển biến tích cực:",
        "Mặt trận Tổ quốc xã vận động được 1,2 tỷ đồng xây nhà cho hộ nghèo.",
        "Nhiều thôn hoàn thành sớm việc hiến đất mở đường liên thôn.",
        "Đồng chí Bí thư Đảng ủy xã đề nghị các chi bộ tiếp tục phát huy vai trò của người có uy tín.",
    )
    assert _first_words(tasks) == ["Đồng"]


def test_an_ellipsis_line_after_the_orders_is_no_header_separator():
    """A page that quotes part of a conclusion and marks the rest omitted with "...": the quoted
    orders are the body, not a header ended by a separator."""
    tasks = _report_tasks(
        "Ngày 3/12/2025, Ban Thường vụ Tỉnh ủy ban hành Kết luận về phát triển du lịch cộng đồng.",
        "Theo đó, Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy vùng cao tập trung quy hoạch các làng du lịch.",
        "- Trong quý I/2026, hoàn thành việc rà soát các điểm du lịch cộng đồng hiện có.",
        "...",
        "Xem toàn văn tại cổng thông tin của Tỉnh ủy.",
    )
    assert _first_words(tasks) == ["Theo", "Trong"]
    assert str(tasks[1].deadline.end) == "2026-03-31"


def test_office_holders_before_the_bodies_handed_the_work():
    roles = find_roles("Thường trực Tỉnh ủy yêu cầu bí thư, chủ tịch và cấp ủy, chính quyền nâng cao trách nhiệm phục vụ Nhân dân.")
    assert [b.name for b in roles.responsible] == ["Cấp ủy", "Chính quyền"]


def test_a_central_agency_lead_and_items_numbered_in_small_roman_numerals():
    text = (
        "Ngày 4/3/2026, Ban Tổ chức Trung ương ban hành Hướng dẫn số 12-HD/BTCTW hướng dẫn việc đánh giá "
        "cán bộ hằng năm, gồm các nội dung chính:\n"
        "(i) Rà soát tiêu chí đánh giá theo vị trí việc làm;\n"
        "(ii) Lấy ý kiến nhận xét của tập thể nơi công tác;\n"
        "(iii) Tổ chức thực hiện.\n"
    )
    ex = extract_text(text, "tin.txt")
    assert (ex.document.doc_type, ex.document.number, ex.document.issuer) == ("Hướng dẫn", "12-HD/BTCTW", "Ban Tổ chức Trung ương")
    assert _first_words(ex.tasks) == ["Rà", "Lấy"]  # "Tổ chức thực hiện." names a part


STORM = """Trước diễn biến của đợt mưa lớn, Thường trực Đảng ủy xã Hòa Bình yêu cầu:
1. Công an, Quân sự xã: bố trí lực lượng trực tại các ngầm tràn, không để người dân qua lại khi nước dâng.
2. UBND xã, Ban chỉ huy phòng chống thiên tai: kiểm tra các hồ chứa nhỏ, chuẩn bị phương án sơ tán.
3. Các đồng chí Ủy viên BCH Đảng bộ được phân công về thôn: có mặt tại địa bàn, báo cáo kịp thời mọi tình huống.
Ban Thường vụ Đảng ủy xã đề nghị mọi hộ dân và đảng viên trong xã kê cao tài sản trước lũ.
Bà con hãy kê cao đồ đạc và không đánh bắt cá trên sông khi có lũ.
Tin Tức xã Hòa Bình
"""


def test_a_commune_notice_of_body_headed_orders_and_the_lines_after_it():
    tasks = extract_text(STORM, "tin.txt").tasks
    assert _responsible(tasks) == [
        ["Công an xã", "Quân sự xã"],  # the list's locality, and the commune's military command as printed
        ["Ủy ban nhân dân xã", "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn"],
        ["Ủy viên Ban Chấp hành Đảng bộ"],
        [],  # asks people, not bodies: the block above does not lead it
    ]  # advice to residents and the byline are no tasks


def test_a_local_party_organisation_told_what_it_must_do():
    text = "Ông nhấn mạnh, trong nhiệm kỳ tới, Đảng bộ xã Tân Lập cần nâng cao chất lượng sinh hoạt chi bộ ở các thôn.\n"
    tasks = extract_text(text, "tin.txt").tasks
    assert _responsible(tasks) == [["Đảng bộ xã Tân Lập"]]
    assert extract_text("Đại hội Đảng bộ xã Tân Lập lần thứ I đã thành công tốt đẹp.\n", "tin.txt").tasks == ()


def test_the_issuer_of_a_report_whose_officer_commends_or_whose_command_holds_the_meeting():
    text = "Đồng chí Bí thư Tỉnh ủy biểu dương cán bộ, chiến sĩ đồn biên phòng; yêu cầu Bộ đội Biên phòng tỉnh giữ vững an ninh biên giới.\n"
    assert extract_text(text, "tin.txt").document.issuer == "Tỉnh ủy"
    text = "Chiều 2/12, Bộ Chỉ huy Quân sự tỉnh chủ trì hội nghị tổng kết công tác tuyển quân.\n"
    assert extract_text(text, "tin.txt").document.issuer == "Bộ Chỉ huy Quân sự tỉnh"


def test_the_ward_itself_handed_work_by_a_speaker():
    text = (
        "Phát biểu chỉ đạo, đồng chí Lê Văn Hải, Phó Trưởng Ban Dân vận Thành ủy, đề nghị phường Tân Định "
        "sớm hoàn thiện hồ sơ xây thêm nhà văn hóa khu phố.\n\n"
        "Đồng chí cũng yêu cầu phường quan tâm hơn đến người cao tuổi neo đơn.\n"
    )
    tasks = extract_text(text, "tin.txt").tasks
    assert _responsible(tasks) == [["Phường Tân Định"]] * 2  # the same ward again


def test_orders_after_a_colon_of_direction_and_a_new_addressee_after_a_semicolon():
    text = (
        "Chỉ đạo của Thường trực Ban Bí thư về phòng, chống rét cho gia súc\n\n"
        "Thường trực Ban Bí thư chỉ đạo: Cấp ủy, chính quyền vùng núi phía Bắc kiểm tra chuồng trại, "
        "dự trữ thức ăn cho gia súc; Giao Văn phòng Trung ương Đảng theo dõi, tổng hợp tình hình.\n"
    )
    tasks = extract_text(text, "tin.txt").tasks  # the headline is no task
    assert _responsible(tasks) == [["Cấp ủy", "Chính quyền"], ["Văn phòng Trung ương"]]
    assert tasks[1].text.startswith("Giao Văn phòng")


def test_a_conclusion_that_approves_first_then_asks():
    text = (
        "Tại phiên họp, Bộ Chính trị kết luận như sau: Cơ bản thống nhất với Tờ trình của Ban Tổ chức Trung ương. "
        "Yêu cầu các cấp ủy trên cơ sở kết quả rà soát, khẩn trương bổ sung quy hoạch cán bộ.\n"
    )
    tasks = extract_text(text, "tin.txt").tasks
    assert _first_words(tasks) == ["Yêu"]
    assert [b.name for b in tasks[0].responsible] == ["Cấp ủy"]


def test_generic_addressees_of_a_storm_order_and_the_city_as_the_one_to_act():
    text = (
        "Thường trực Thành ủy yêu cầu các cơ quan, đơn vị trên địa bàn tỉnh trực ban 24/24 giờ.\n\n"
        "Các cơ quan chức năng bảo đảm thông tin liên lạc thông suốt.\n\n"
        "Các lực lượng vũ trang thành phố sẵn sàng lực lượng, phương tiện cứu hộ.\n\n"
        "Các cấp ủy, chính quyền các xã, phường, đặc khu chủ động sơ tán người dân khỏi vùng ven biển.\n\n"
        "Thành phố khẩn trương khôi phục sản xuất sau bão.\n\n"
        "Đồng chí Bí thư đề nghị cán bộ, đảng viên, công chức phường gương mẫu đi đầu.\n"
    )
    tasks = extract_text(text, "tin.txt").tasks
    assert _responsible(tasks) == [
        ["Cơ quan, đơn vị"],
        ["Cơ quan chức năng"],
        ["Lực lượng vũ trang thành phố"],
        ["Cấp ủy các xã, phường, đặc khu", "Chính quyền các xã, phường, đặc khu"],
        ["Thành phố"],
        ["Cán bộ, đảng viên, công chức phường"],
    ]


def test_a_guidance_announced_by_its_verb_and_an_appeal_by_a_dotted_name():
    ex = extract_text("Ngày 5/5, Ban Tổ chức Trung ương hướng dẫn việc kiện toàn cấp ủy sau sắp xếp.\n", "tin.txt")
    assert (ex.document.doc_type, ex.document.issuer) == ("Hướng dẫn", "Ban Tổ chức Trung ương")
    assert ex.document.title == "việc kiện toàn cấp ủy sau sắp xếp"
    assert extract_text("Đảng ủy UBND TP.HCM kêu gọi quyên góp sách vở cho học sinh vùng cao\n", "tin.txt").tasks == ()


def test_leads_of_a_signed_letter_an_office_and_a_letter_named_by_who_issued_it():
    text = (
        "Ngày 4/3, đồng chí Trần Văn Bình, Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố Huế "
        "đã ký Công văn số 1301-CV/TU của Ban Thường vụ Thành ủy về tạm hoãn các hội nghị không cần thiết.\n"
    )
    doc = extract_text(text, "tin.txt").document
    assert (doc.number, doc.signer, doc.issuer) == ("1301-CV/TU", "Trần Văn Bình", "Ban Thường vụ Thành ủy")
    assert doc.title == "về tạm hoãn các hội nghị không cần thiết"
    text = "Ngày 2.9, Văn phòng Tỉnh ủy Lạng Sơn cho biết đã ban hành công văn về việc đón đoàn đại biểu.\n"
    assert extract_text(text, "tin.txt").document.issuer == "Văn phòng Tỉnh ủy Lạng Sơn"
    text = "Theo Công văn số 515-CV/TU do Văn phòng Tỉnh ủy ban hành, các hội nghị được rút gọn.\n"
    doc = extract_text(text, "tin.txt").document
    assert (doc.doc_type, doc.number, doc.issuer) == ("Công văn", "515-CV/TU", "Văn phòng Tỉnh ủy")


def test_a_later_sentence_with_its_own_addressees_is_its_own_task():
    text = (
        "Bộ Chính trị yêu cầu các cấp ủy tiếp tục quán triệt nghiêm chỉ thị về đại hội. Các tỉnh ủy, thành ủy "
        "căn cứ ý kiến góp ý để hoàn thiện phương án nhân sự. Bộ Chính trị giao Ban Tổ chức Trung ương theo "
        "dõi, tổng hợp tình hình đại hội.\n\n"
        "Mưa lớn kéo dài nhiều ngày trên toàn tỉnh. Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy rà soát các điểm sạt lở.\n"
    )
    tasks = extract_text(text, "tin.txt").tasks
    assert _first_words(tasks) == ["Bộ", "Các", "Bộ", "Ban"]  # the background sentence is left out
    assert _responsible(tasks) == [
        ["Cấp ủy"], ["Tỉnh ủy", "Thành ủy"], ["Ban Tổ chức Trung ương"], ["Cấp ủy"]
    ]


def test_a_short_line_with_no_end_mark_is_no_order():
    text = "Bí thư Đảng ủy yêu cầu các chi bộ rà soát đảng viên.\n\nTiếp tục rà soát hồ sơ\n\nLãnh đạo xã Tân An t\n"
    assert [t.text for t in extract_text(text, "tin.txt").tasks] == ["Bí thư Đảng ủy yêu cầu các chi bộ rà soát đảng viên."]


def test_a_time_between_the_verb_and_the_whole_party_organisation_handed_the_work():
    text = "Bí thư Tỉnh ủy Nguyễn Văn Hòa đề nghị, năm 2026, toàn Đảng bộ tỉnh thống nhất cách đánh giá cán bộ theo sản phẩm.\n"
    tasks = extract_text(text, "tin.txt").tasks
    assert _responsible(tasks) == [["Đảng bộ tỉnh"]]


def test_what_follows_a_report_of_a_letter_gives_its_contents():
    text = (
        "Ngày 2.9, Văn phòng Tỉnh ủy cho biết đã ban hành công văn về việc tổ chức đại hội tiết kiệm.\n\n"
        "Cụ thể, các xã không tổ chức tiệc chiêu đãi sau đại hội.\n\n"
        "Theo Công văn số 515-CV/TU do Văn phòng Tỉnh ủy ban hành, chương trình được rút gọn. Cụ thể, "
        "sẽ không treo băng rôn chào mừng dọc các tuyến phố.\n"
    )
    tasks = extract_text(text, "tin.txt").tasks
    assert [t.text.split(" ")[2] for t in tasks] == ["các", "sẽ"]


def test_an_assignment_whose_items_only_name_topics_is_one_task():
    text = (
        "Theo đó, nội dung rà soát các quy định được nêu như sau:\n"
        "- Giao Ban Tổ chức Trung ương chủ động rà soát, đề xuất sửa đổi các quy định về:\n"
        "- Công tác cán bộ\n"
        "- Về bầu cử trong Đảng\n"
        "Ban Thường vụ Tỉnh ủy yêu cầu, cần sớm hoàn thành việc rà soát các quy định của tỉnh.\n"
    )
    tasks = extract_text(text, "tin.txt").tasks
    assert _first_words(tasks) == ["Giao", "Ban"]
    assert [b.name for b in tasks[0].responsible] == ["Ban Tổ chức Trung ương"]


def test_the_time_of_an_intro_holds_for_its_items_and_the_speakers_committee_issues():
    text = (
        "Kết luận hội nghị, đồng chí Lê Văn Sơn, Bí thư Đảng ủy xã nhấn mạnh một số việc trọng tâm cần làm "
        "trong tháng 10 năm 2026, cụ thể như sau:\n"
        "- Các chi bộ rà soát danh sách hộ nghèo trên địa bàn.\n"
        "- Giao Ủy ban nhân dân xã chỉ đạo sửa chữa các tuyến đường hư hỏng.\n"
    )
    ex = extract_text(text, "tin.txt")
    assert ex.document.issuer == "Đảng ủy xã"
    assert [(t.deadline.start, t.deadline.end) for t in ex.tasks] == [(date(2026, 10, 1), date(2026, 10, 31))] * 2
    # a document named after a comma is no act of the body before it
    text = "Các thôn thực hiện tốt Chỉ thị của Ban Chấp hành Huyện ủy, Kết luận số 07-KL/HU về giao thông nông thôn.\n"
    assert extract_text(text, "tin.txt").document.issuer is None


def test_a_later_sentence_opened_by_a_body_of_its_own_is_its_own_task_but_not_an_office_holder_or_a_promise():
    text = (
        "Đồng chí Bí thư Thành ủy yêu cầu các cơ quan, địa phương, đơn vị khẩn trương rà soát kế hoạch năm. "
        "UBND tỉnh và các cơ quan chuyên môn rà soát các thủ tục hành chính.\n\n"
        "Các cấp ủy tổ chức quán triệt nghị quyết đến đảng viên. Bí thư cấp ủy trực tiếp quán triệt ở chi bộ mình. "
        "Tỉnh ủy sẽ kiểm tra việc quán triệt ở một số đảng bộ.\n"
    )
    tasks = extract_text(text, "tin.txt").tasks
    assert _responsible(tasks) == [
        ["Cơ quan, địa phương, đơn vị"],
        ["Ủy ban nhân dân tỉnh", "Cơ quan chuyên môn"],
        ["Cấp ủy", "Bí thư cấp ủy", "Tỉnh ủy"],  # one order, said three ways: one task
    ]


def test_a_newspaper_tag_before_a_dated_event_and_a_city_written_with_a_dot():
    text = (
        "Kinhtedothi - Ngày 9/10, Ban Thường vụ Tỉnh ủy tổ chức hội nghị cho ý kiến về phương án sắp xếp.\n\n"
        "Ban Thường vụ Tỉnh ủy yêu cầu các cơ quan, đơn vị hoàn thành việc rà soát trước ngày 20/10/2026.\n"
    )
    assert _first_words(extract_text(text, "tin.txt").tasks) == ["Ban"]
    text = "Ngày 2.10, Thành ủy TP.HCM ban hành thông báo về lịch tiếp dân của các đồng chí Thành ủy viên.\n"
    doc = extract_text(text, "tin.txt").document
    assert (doc.doc_type, doc.issuer) == ("Thông báo", "Thành ủy TP.HCM")


def test_a_body_named_again_by_its_head_and_a_speaker_who_only_asks():
    text = (
        "Ngày 7/8, Đảng bộ Ủy ban nhân dân tỉnh tổ chức đại hội lần thứ I.\n\n"
        "Phát biểu chỉ đạo, Bí thư Tỉnh ủy yêu cầu Đảng bộ cần phát huy vai trò nòng cốt trong cải cách hành chính.\n\n"
        "Ngoài ra, Bí thư Tỉnh ủy cũng lưu ý, cần chăm lo đời sống người lao động sau sắp xếp.\n"
    )
    tasks = extract_text(text, "tin.txt").tasks
    assert _responsible(tasks) == [["Đảng bộ Ủy ban nhân dân tỉnh"]] * 2


def test_the_ward_named_again_by_its_head_alone():
    text = (
        "Đồng chí Bí thư Thành ủy yêu cầu phường Tân Định rà soát quỹ đất công.\n\n"
        "Phường cần chú trọng phát triển thương mại, dịch vụ.\n"
    )
    tasks = extract_text(text, "tin.txt").tasks
    assert _responsible(tasks) == [["Phường Tân Định"]] * 2


def test_work_asked_for_after_a_colon_goes_on_into_the_paragraphs_after_it():
    report = (
        "Mưa lớn kéo dài ở các xã ven sông\n\n"
        "Theo dự báo, mưa lớn còn kéo dài trong ba ngày tới ở các xã ven sông.\n\n"
        "Để chủ động ứng phó, Ban Thường vụ Huyện ủy yêu cầu: Kiểm tra ngay các đoạn đê xung yếu và bố trí lực lượng trực.\n\n"
        "Tăng cường thông tin kịp thời diễn biến mưa lũ để người dân biết và chủ động phòng tránh.\n\n"
        "Trong đó, không để học sinh qua lại các ngầm tràn khi nước dâng.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _first_words(tasks) == ["Để", "Tăng", "Trong"]


def test_a_headline_and_a_page_counter_are_no_tasks():
    report = (
        "Thành ủy yêu cầu các đảng ủy phường tổ chức đại hội tiết kiệm\n\n"
        "Ban Thường vụ Tỉnh ủy đề nghị Đảng ủy các phường, đặc khu Phú Quý và Đảng ủy trực thuộc Tỉnh ủy "
        "giản tiện khâu trang trí đại hội.\n\n"
        "• Đang xem 12\n• Tổng lượt truy cập 1,204,577\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Đảng ủy phường", "Đảng ủy đặc khu Phú Quý", "Đảng ủy trực thuộc Tỉnh ủy"]]


def test_a_full_stop_after_tp_ends_no_order():
    report = (
        "Ban Thường vụ Thành ủy yêu cầu: Đảng ủy Ủy ban nhân dân thành phố chỉ đạo Ban Chỉ huy phòng thủ dân sự "
        "TP. Vinh và các phường rà soát phương án sơ tán dân.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert len(tasks) == 1 and tasks[0].text.endswith("sơ tán dân.")


def test_a_person_handed_the_work_leads_it_with_the_office_printed_after_the_name():
    report = (
        "Tỉnh ủy Hòa Bình cho biết, đơn vị này vừa có công văn gửi Đảng ủy UBND tỉnh về việc phân công công tác.\n\n"
        "Theo công văn, tại cuộc họp ngày 4/5/2026, Ban Thường vụ Tỉnh ủy thống nhất giao đồng chí Vũ Minh Hà, "
        "Phó Chủ tịch UBND tỉnh, phụ trách công việc của Chủ tịch UBND tỉnh trong thời gian đi học.\n"
    )
    doc = extract_text(report, "tin.txt")
    assert (doc.document.doc_type, doc.document.issuer, doc.document.title) == ("Công văn", "Tỉnh ủy Hòa Bình", "về việc phân công công tác")
    assert _responsible(doc.tasks) == [["Vũ Minh Hà, Phó Chủ tịch Ủy ban nhân dân tỉnh"]]
    assert doc.tasks[0].deadline is None  # the day of the meeting is no due date


def test_a_body_that_assigned_work_to_someone_earlier_is_no_delegation():
    roles = find_roles("Chi bộ, chi ủy theo dõi việc thực hiện nhiệm vụ được chi bộ phân công, báo cáo hằng tháng.")
    assert [b.name for b in roles.responsible] == ["Chi bộ", "Chi ủy"]
    roles = find_roles("Chi bộ phân công nhiệm vụ cụ thể cho từng đảng viên.")
    assert [b.name for b in roles.responsible] == ["Chi bộ"]


def test_numbered_working_teams_lead_their_duties():
    report = (
        "Ban Thường vụ Huyện ủy vừa thành lập 3 tổ công tác giúp các xã chuẩn bị đại hội.\n\n"
        "Cụ thể, Tổ 1 do ông Lò Văn Pản, Trưởng ban Tổ chức Huyện ủy, làm tổ trưởng, phụ trách các xã Mường Lay, Nậm Nhùn.\n\n"
        "Tổ 2 do bà Quàng Thị Mai, Chủ nhiệm Ủy ban Kiểm tra Huyện ủy, làm tổ trưởng, phụ trách các xã còn lại.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Tổ công tác số 1"], ["Tổ công tác số 2"]]


def test_orders_that_name_no_one_belong_to_the_addressees_of_the_closing_request():
    report = (
        "Huyện ủy vừa ban hành hướng dẫn về hội nghị tổng kết năm ở cơ sở.\n\n"
        "Cụ thể, không tổ chức liên hoan sau hội nghị.\n\n"
        "Về trang trí, chỉ treo một băng rôn tại hội trường.\n\n"
        "Văn phòng Huyện ủy đề nghị các chi bộ trực thuộc nghiêm túc triển khai, bảo đảm hội nghị thiết thực.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Chi bộ trực thuộc"]] * 3


def test_items_numbered_inside_one_paragraph_and_the_period_a_report_covers():
    report = (
        "Kết luận giao ban, đồng chí Bí thư Tỉnh ủy nêu các việc cần làm ngay: "
        "(1) Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy tham mưu báo cáo tổng kết "
        "10 năm thực hiện Chỉ thị (2016 - 2026), trình Ban Thường vụ. "
        "(2) Đảng ủy UBND tỉnh lãnh đạo rà soát các dự án chậm tiến độ.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Ban Tuyên giáo và Dân vận Tỉnh ủy"], ["Đảng ủy Ủy ban nhân dân tỉnh"]]
    assert tasks[0].deadline is None


def test_a_request_after_a_commendation_is_made_to_the_bodies_commended():
    report = (
        "Phát biểu tại buổi làm việc, đồng chí Bí thư Đảng ủy xã ghi nhận kết quả của Hội Nông dân xã và Đoàn "
        "Thanh niên xã. Đồng thời, đề nghị thời gian tới cần đẩy mạnh phong trào sản xuất giỏi.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _first_words(tasks) == ["Đồng"]
    assert [b.name for b in tasks[0].responsible][0] == "Hội Nông dân xã"


def test_a_long_list_of_addressees_before_numbered_items_leads_them():
    report = (
        "Tại hội nghị giao ban quý III, đồng chí Phó Trưởng ban thường trực đề nghị Ban "
        "Tuyên giáo và Dân vận các đảng ủy xã, phường, đặc khu, Ban Tuyên giáo và Dân vận Đảng ủy Ủy ban nhân dân "
        "tỉnh, Đảng ủy các cơ quan Đảng tỉnh, đội ngũ tuyên truyền viên cơ sở, báo cáo viên các cấp thực hiện "
        "tốt các nội dung sau:\n"
        "1. Tuyên truyền kết quả kỳ họp Hội đồng nhân dân tỉnh.\n"
        "2. Định hướng dư luận về việc sắp xếp trường học trên địa bàn.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert [t.section for t in tasks] == ["1", "2"]
    assert "Tuyên truyền viên cơ sở" in [b.name for b in tasks[0].responsible]
    assert "Báo cáo viên các cấp" in [b.name for b in tasks[1].responsible]


def test_a_lead_naming_the_conclusion_a_report_comes_from_and_who_signed_it():
    report = (
        "Yêu cầu này được nêu trong Kết luận số 07 của Bộ Chính trị, Ban Bí thư về việc tăng cường bảo vệ "
        "chính trị nội bộ. Kết luận do Thường trực Ban Bí thư Hoàng Minh Quân ký ban hành.\n\n"
        "Theo chỉ đạo của Bộ Chính trị, Ban Bí thư, các chi bộ, tổ chức đảng phải rà soát hồ sơ cán bộ thuộc diện quản lý.\n\n"
        "Bộ Chính trị, Ban Bí thư cũng lưu ý cần bảo đảm bí mật hồ sơ trong quá trình rà soát.\n"
    )
    doc = extract_text(report, "tin.txt")
    meta = doc.document
    assert (meta.doc_type, meta.number, meta.issuer, meta.signer) == ("Kết luận", "07-KL/TW", "Bộ Chính trị", "Hoàng Minh Quân")
    assert meta.title.startswith("về việc tăng cường bảo vệ")
    assert _responsible(doc.tasks) == [["Chi bộ", "Tổ chức đảng"], ["Chi bộ", "Tổ chức đảng"]]


def test_a_speaker_named_after_the_title_is_no_body_and_what_he_stresses_no_task():
    report = (
        "Kết luận hội nghị, Thường trực Ban Bí thư Phạm Văn Hùng nêu rõ, khối lượng công việc cuối năm rất lớn.\n\n"
        "Ông Phạm Văn Hùng đề nghị từng cấp ủy, các cơ quan đơn vị khẩn trương hoàn thành chương trình công tác năm.\n\n"
        "Cùng đó là chuẩn bị tốt hội nghị tổng kết công tác xây dựng Đảng.\n"
    )
    doc = extract_text(report, "tin.txt")
    assert doc.document.issuer == "Thường trực Ban Bí thư"
    assert _first_words(doc.tasks) == ["Ông", "Cùng"]
    assert _responsible(doc.tasks) == [["Cấp ủy", "Cơ quan đơn vị"]] * 2


def test_the_ward_told_what_it_must_do_takes_the_name_the_report_gives_it():
    report = (
        "Ngày 3-10, Đảng bộ phường Tân Hòa tổ chức hội nghị Ban Chấp hành mở rộng.\n\n"
        "Đồng chí Bí thư yêu cầu, trong quý IV, phường cần đẩy nhanh giải ngân vốn đầu tư công.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Phường Tân Hòa"]]


def test_the_committee_that_states_and_asks_is_not_the_one_to_act():
    report = (
        "Ngày 4/8, thay mặt Ban Thường vụ Tỉnh ủy, Bí thư Tỉnh ủy Đinh Công Sơn đã ký ban hành Công văn số 41-CV/TU "
        "về việc chủ động ứng phó với đợt mưa lớn.\n\n"
        "Ban Thường vụ Tỉnh ủy coi phòng, chống mưa lũ là ưu tiên hàng đầu, đồng thời đề nghị các cấp ủy, "
        "chính quyền, Mặt trận Tổ quốc các cấp khẩn trương triển khai phương án bảo vệ dân.\n"
    )
    doc = extract_text(report, "tin.txt")
    assert (doc.document.number, doc.document.issuer, doc.document.signer) == ("41-CV/TU", "Ban Thường vụ Tỉnh ủy", "Đinh Công Sơn")
    assert _responsible(doc.tasks) == [["Cấp ủy", "Chính quyền", "Mặt trận Tổ quốc"]]


def test_the_whole_province_asked_and_the_paragraphs_that_go_on_with_it():
    report = (
        "Tại cuộc họp chiều 5/9, Bí thư Tỉnh ủy yêu cầu toàn tỉnh tập trung mọi nguồn lực cho công tác cứu hộ, "
        "hoãn các hội nghị không cấp thiết.\n\n"
        "Ông nhấn mạnh, trước hết phải bảo đảm an toàn cho người dân vùng bị chia cắt.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _first_words(tasks) == ["Tại", "Ông"]


def test_a_signed_work_programme_and_a_notice_passed_on_to_the_party_committees():
    report = (
        "Tỉnh ủy Lạng Sơn ban hành Chương trình công tác năm 2027\n\n"
        "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Lạng Sơn Hoàng Văn Nghiệm đã ký ban hành Chương trình công tác "
        "số 05-CTr/TU năm 2027 của Ban Chấp hành Đảng bộ tỉnh.\n\n"
        "Theo đó, Ban Thường vụ Tỉnh ủy thông báo đến các đảng ủy xã, phường và đảng ủy cấp trên cơ sở trực thuộc "
        "Tỉnh ủy để phổ biến lịch làm việc đến từng đảng viên.\n"
    )
    doc = extract_text(report, "tin.txt")
    meta = doc.document
    assert (meta.doc_type, meta.number, meta.issuer, meta.signer) == ("Chương trình", "05-CTr/TU", "Tỉnh ủy Lạng Sơn", "Hoàng Văn Nghiệm")
    assert _responsible(doc.tasks) == [["Đảng ủy xã", "Đảng ủy phường", "Đảng ủy cấp trên cơ sở trực thuộc Tỉnh ủy"]]


def test_speakers_addressed_as_a_corps_and_what_they_were_told_at_the_meeting():
    report = (
        "Tại hội nghị, các báo cáo viên tỉnh được thông tin về tình hình kinh tế sáu tháng đầu năm.\n\n"
        "Đồng chí Trưởng ban đề nghị đội ngũ báo cáo viên tỉnh tiếp tục định hướng dư luận về sắp xếp trường học.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _first_words(tasks) == ["Đồng"]
    assert _responsible(tasks) == [["Báo cáo viên tỉnh"]]


def test_a_text_without_header_titled_by_its_first_line_and_no_issuer_from_its_items():
    guidance = (
        "Định hướng tuyên truyền tháng 9 năm 2026\n\n"
        "1. Tuyên truyền kết quả Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng khóa XIV.\n\n"
        "2. Tuyên truyền các hoạt động kỷ niệm Ngày Quốc khánh 2/9.\n"
    )
    doc = extract_text(guidance, "dinh-huong.txt")
    assert doc.document.issuer is None
    assert doc.document.title == "Định hướng tuyên truyền tháng 9 năm 2026"  # the line above the items
    assert [t.section for t in doc.tasks] == ["1", "2"]


def test_a_list_of_addressees_goes_on_past_nhat_la():
    report = (
        "Thường trực Huyện ủy đề nghị chi bộ, cơ quan, đơn vị, nhất là người đứng đầu, gương mẫu chấp hành "
        "quy định về tiết kiệm.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Chi bộ", "Cơ quan, đơn vị", "Người đứng đầu"]]


def test_a_congress_report_hands_the_ward_its_work_and_its_captions_are_no_tasks():
    report = (
        "Ngày 9-9, phường Tân Lập khai mạc đại hội Đảng bộ phường, nhiệm kỳ 2025 - 2030.\n\n"
        "Đồng chí Trần Văn Bình phát biểu chỉ đạo đại hội\n\n"
        "Đồng chí yêu cầu nhiệm kỳ tới, phường Tân Lập tập trung xây dựng hệ thống chính trị vững mạnh.\n\n"
        "Ban Chấp hành Đảng bộ phường Tân Lập khóa mới ra mắt đại hội\n\n"
        "Phường Tân Lập cũng cần chú trọng phát triển kinh tế tư nhân, nâng cao đời sống người dân.\n\n"
        "Ông Bình yêu cầu ngay sau Đại hội, lãnh đạo phường Tân Lập phải bắt tay vào việc.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _first_words(tasks) == ["Đồng", "Phường", "Ông"]
    assert _responsible(tasks) == [["Phường Tân Lập"], ["Phường Tân Lập"], ["Lãnh đạo phường Tân Lập"]]


def test_the_day_a_paragraph_opens_with_is_when_it_was_said_not_a_due_date():
    report = (
        "Ngày 3-3 (mùng 5 Tết), ông Lê Văn Tư, Bí thư Đảng ủy xã Phú An cho biết, xã đã yêu cầu các chi bộ "
        "nhanh chóng trở lại công việc.\n\n"
        "Đảng ủy xã yêu cầu các chi bộ hoàn thành rà soát hộ nghèo trước ngày 15-3-2026.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Chi bộ"], ["Chi bộ"]]
    assert [t.deadline.end if t.deadline else None for t in tasks] == [None, date(2026, 3, 15)]


def test_central_conclusions_reported_with_numbered_requests_and_a_due_line_for_the_orders_above():
    report = (
        "Tại Công văn số 12-CV/BCĐ, Ban Chỉ đạo tỉnh đề nghị Ban Tổ chức Tỉnh ủy một số nhiệm vụ.\n\n"
        "Tại Công văn số 12-CV/BCĐ về việc rà soát tổ chức bộ máy ngày 5/3/2026, Ban Chỉ đạo đề nghị "
        "Ban Tổ chức Tỉnh ủy:\n\n"
        "(1) Chủ trì, phối hợp với Văn phòng và các ban, cơ quan đảng, đơn vị sự nghiệp của Đảng xây dựng đề án.\n\n"
        "(2) Chủ trì, phối hợp với Văn phòng Tỉnh ủy đề xuất sắp xếp các tổ chức bên trong.\n\n"
        "Các nội dung trên hoàn thành xong trước ngày 30/6/2026.\n"
    )
    doc = extract_text(report, "tin.txt")
    assert (doc.document.number, doc.document.issued_date) == ("12-CV/BCĐ", date(2026, 3, 5))
    assert doc.document.title == "về việc rà soát tổ chức bộ máy"
    assert [t.section for t in doc.tasks] == ["1", "2"]
    assert _responsible(doc.tasks) == [["Ban Tổ chức Tỉnh ủy"]] * 2
    assert "Ban, cơ quan, đơn vị sự nghiệp của Đảng" in [c.name for c in doc.tasks[0].coordinating]
    assert [t.deadline.end for t in doc.tasks] == [date(2026, 6, 30)] * 2


def test_a_later_sentence_that_asks_for_work_is_the_task_and_whose_list_is_no_subject():
    report = (
        "Bộ Chính trị giao các cơ quan trực tiếp quản lý cán bộ tổ chức đánh giá cán bộ hằng năm.\n\n"
        "Kết quả công tác của các tổ chức, cơ quan, đơn vị cấp dưới được dùng làm căn cứ xếp loại. "
        "Với những hạn chế, Bộ Chính trị yêu cầu phân tích, làm rõ nguyên nhân.\n\n"
        "Các cơ quan định kỳ gửi Ban Tổ chức bản tổng hợp trước ngày 20 tháng cuối mỗi quý.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _first_words(tasks) == ["Bộ", "Với", "Các"]
    assert _responsible(tasks) == [["Cơ quan trực tiếp quản lý cán bộ"], [], ["Cơ quan trực tiếp quản lý cán bộ"]]
    assert tasks[2].deadline.recurrence == "FREQ=MONTHLY;INTERVAL=3"


def test_orders_of_a_steering_committee_reported_without_a_document():
    report = (
        "Ban Chỉ đạo giao các tổ công tác của các xã kiểm đếm lại hồ sơ tồn đọng.\n\n"
        "Đảng ủy UBND tỉnh xây dựng kế hoạch thực hiện Chỉ thị của Bộ Nội vụ, Ủy ban nhân dân tỉnh, "
        "bảo đảm tiến độ.\n\n"
        "Ban Nội chính Tỉnh ủy đề nghị Đảng ủy, UBND xã Tân Lập rà soát hồ sơ.\n"
    )
    doc = extract_text(report, "tin.txt")
    # "xây dựng kế hoạch" is an order here, not the report's document
    assert (doc.document.doc_type, doc.document.issuer) == (None, "Ban Nội chính Tỉnh ủy")
    assert _responsible(doc.tasks) == [
        ["Tổ công tác của các xã"], ["Đảng ủy Ủy ban nhân dân tỉnh"], ["Đảng ủy xã Tân Lập", "Ủy ban nhân dân xã"],
    ]


def test_a_city_steering_committee_s_notice_as_reported():
    report = (
        "Ban Chỉ đạo bầu cử TP.HCM mới có thông báo kết luận về công tác chuẩn bị bầu cử.\n\n"
        "Văn bản nêu, Ban Chỉ đạo bầu cử TPHCM yêu cầu Công an thành phố in thẻ cử tri cho từng hộ.\n\n"
        "Công an TP.HCM bàn giao thẻ cử tri cho các phường trước ngày bầu cử.\n\n"
        "Sau cuộc họp, Thường trực Thành ủy vừa có kết luận chỉ đạo Ủy ban Kiểm tra Thành ủy xác minh vụ việc.\n\n"
        "Cụ thể, Ban Thường vụ Thành ủy đã thống nhất chủ trương luân chuyển 20 công chức về cấp xã.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _first_words(tasks) == ["Văn", "Công", "Sau"]
    assert _responsible(tasks) == [["Công an thành phố"], ["Công an thành phố"], ["Ủy ban Kiểm tra Thành ủy"]]


def test_a_province_s_letter_named_by_its_code_and_the_boards_it_asks():
    report = (
        "Ngày 2/3, Tỉnh ủy Hòa Bình đã ra Văn bản số 215-CV/TU về việc xử lý cán bộ vi phạm giao thông.\n\n"
        "Văn bản nêu rõ, Thường trực Tỉnh ủy đề nghị các Ban của Tỉnh ủy, Ban cán sự đảng, Đảng đoàn, Huyện ủy "
        "xử lý nghiêm cán bộ vi phạm.\n\n"
        "Các ban, đơn vị chủ động nhắc nhở cán bộ không điều khiển xe sau khi uống rượu bia.\n"
    )
    doc = extract_text(report, "tin.txt")
    assert (doc.document.doc_type, doc.document.number, doc.document.issuer) == ("Công văn", "215-CV/TU", "Tỉnh ủy Hòa Bình")
    assert _responsible(doc.tasks) == [["Ban của Tỉnh ủy", "Ban cán sự Đảng", "Đảng đoàn", "Huyện ủy"], ["Ban, đơn vị"]]


def test_cadre_work_reported_decisions_taken_are_no_tasks_and_the_levels_handed_work_are():
    report = (
        "Ban Thường vụ Tỉnh ủy Kon Tum vừa có văn bản về công tác cán bộ.\n\n"
        "Về nhân sự, Ban Thường vụ Tỉnh ủy cũng thống nhất phương án kiện toàn các phòng chuyên môn.\n\n"
        "Căn cứ hướng dẫn, các cơ quan, tổ chức, đơn vị, địa phương khẩn trương rà soát vị trí việc làm.\n\n"
        "Ban Thường vụ Tỉnh ủy giao các cấp thống kê số cán bộ dôi dư trước ngày 15/5/2026.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _first_words(tasks) == ["Căn", "Ban"]
    assert _responsible(tasks) == [["Cơ quan, tổ chức, đơn vị, địa phương"], ["Các cấp"]]


def test_a_working_group_s_head_asks_the_two_localities_and_a_cell_keeps_its_residential_unit():
    report = (
        "Kết luận buổi làm việc, Thủ tướng đề nghị hai địa phương sớm hoàn chỉnh quy hoạch vùng.\n\n"
        "Bí thư Đảng ủy phường yêu cầu Chi bộ khu 3B tiếp tục nâng cao chất lượng sinh hoạt.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Hai địa phương"], ["Chi bộ khu 3B"]]


def test_orders_quoted_after_the_speaker_s_colon_are_the_addressees():
    report = (
        "Mưa lớn kéo dài nhiều ngày ở vùng ven biển.\n\n"
        "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh - Nguyễn Văn An yêu cầu: “Các cấp ủy, chính quyền ven biển theo dõi sát "
        "diễn biến thời tiết; các sở, ngành chủ động phương án sơ tán dân”.\n\n"
        "Bí thư Huyện ủy Trần Văn Bình yêu cầu: “Các chi bộ khẩn trương kiểm tra nhà tạm của hộ nghèo”.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Cấp ủy", "Chính quyền", "Sở, ngành"], ["Chi bộ"]]


def test_a_leader_s_visit_is_reported_under_the_leader_s_committee():
    report = (
        "Sáng 3/4, Bí thư Huyện ủy Yên Thành Lê Văn Hòa đến thăm và làm việc với Đồn Biên phòng Cửa Khẩu.\n\n"
        "Đồng chí đề nghị đồn biên phòng phối hợp với chính quyền xã tăng cường tuần tra.\n"
    )
    assert extract_text(report, "tin.txt").document.issuer == "Huyện ủy Yên Thành"


def test_a_later_sentence_that_names_the_same_body_again_stays_in_its_task():
    report = (
        "Bí thư Tỉnh ủy Trần Văn Bình đề nghị xã An Phú làm tốt công tác thu ngân sách trên địa bàn. "
        "Xã cần rà soát các nguồn thu để bảo đảm đạt kế hoạch.\n\n"
        "Bí thư Tỉnh ủy phát biểu tại buổi làm việc - Ảnh 1.\n\n"
        "Về định hướng phát triển trong thời gian tới, ông Bình lưu ý cấp ủy, chính quyền xã An Phú "
        "chú trọng công tác chuyển đổi số.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert [t.text.split(" ")[:2] for t in tasks] == [["Bí", "thư"], ["Về", "định"]]  # the photo line is no task
    assert tasks[0].text.endswith("đạt kế hoạch.")
    assert _responsible(tasks) == [["Xã An Phú"], ["Cấp ủy xã", "Chính quyền xã"]]


def test_a_paragraph_that_only_says_which_direction_it_carries_out_is_no_task():
    report = (
        "Phó Chủ tịch UBND tỉnh Trần Văn Bình chỉ đạo các sở, ban, ngành cấp tỉnh sớm đánh giá "
        "hoạt động của bộ phận một cửa.\n\n"
        "Thực hiện ý kiến chỉ đạo của Thường trực Tỉnh ủy nêu trong Công văn số 41-CV/VPTU ngày 2/12/2025 về việc "
        "đánh giá, sắp xếp bộ phận một cửa các xã, phường.\n\n"
        "UBND cấp xã kiện toàn bộ phận một cửa, hoàn thành trước 17h00 chiều ngày 15/12/2025. "
        "Bộ phận một cửa phải được bố trí ở tầng một của trụ sở.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Sở, ban, ngành cấp tỉnh"], ["Ủy ban nhân dân cấp xã"]]
    assert str(tasks[1].deadline.end) == "2025-12-15"


def test_a_lead_that_goes_on_with_the_orders_and_a_request_after_background():
    report = (
        "Ngày 10/12/2025, Thường trực Tỉnh ủy vừa ban hành Chỉ thị số 41-CT/TU về việc tổ chức Tết Bính Ngọ; "
        "theo đó, Thường trực Tỉnh ủy đề nghị cấp ủy, chính quyền chăm lo đời sống Nhân dân. "
        "Bên cạnh đó, Thường trực Tỉnh ủy đề nghị các cấp, các ngành bảo đảm an toàn giao thông.\n\n"
        "Thời gian qua, việc kết nạp đảng viên ở vài thôn chưa đạt chỉ tiêu. Trên tinh thần đó, "
        "đồng chí Bí thư Đảng ủy xã đề nghị các chi bộ lập danh sách quần chúng ưu tú.\n\n"
        "Qua giám sát, đoàn đã nêu các hạn chế trong ghi biên bản; đề nghị chi bộ và đồng chí Bí thư "
        "chi bộ các thôn sửa chữa ngay.\n\n"
        "Năm 2025, Hội Nông dân tỉnh đã vận động hội viên góp quỹ.\n\n"
        "Phó Chủ tịch Hội Nông dân tỉnh chủ trì Hội nghị.\n"
    )
    doc = extract_text(report, "tin.txt")
    assert doc.document.title == "về việc tổ chức Tết Bính Ngọ"
    assert [t.text.split(",")[0] for t in doc.tasks] == ["theo đó", "Bên cạnh đó", "Trên tinh thần đó", "Qua giám sát"]
    assert _responsible(doc.tasks) == [
        ["Cấp ủy", "Chính quyền"], ["Các cấp, các ngành"], ["Chi bộ"], ["Chi bộ", "Bí thư chi bộ"],
    ]


def test_a_request_made_with_courtesy_after_a_colon():
    report = (
        "Theo ý kiến của Thường trực Đảng ủy xã, Văn phòng Đảng ủy trân trọng đề nghị: Ủy ban nhân dân xã; "
        "các chi bộ trực thuộc Đảng ủy hướng dẫn người dân cài đặt ứng dụng định danh điện tử.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Ủy ban nhân dân xã", "Chi bộ trực thuộc"]]


def test_a_report_s_issuer_keeps_the_place_printed_with_it():
    report = (
        "Chiều 29-12, Ủy ban Kiểm tra Thành ủy Cần Thơ tổ chức hội nghị tổng kết công tác năm 2025.\n\n"
        "Phát biểu chỉ đạo, đồng chí Phó Bí thư đề nghị các chi bộ tăng cường tự kiểm tra.\n"
    )
    assert extract_text(report, "tin.txt").document.issuer == "Ủy ban Kiểm tra Thành ủy Cần Thơ"


def test_tasks_named_after_a_colon_and_requirements_said_as_what_they_are():
    report = (
        "Chiều 2/2, Đảng ủy xã Tân Lộc tổ chức gặp mặt cán bộ hưu trí nhân dịp năm mới.\n\n"
        "Phát biểu tại buổi gặp mặt, Bí thư Đảng ủy xã đã nêu một số nhiệm vụ mà xã cần làm trong năm, đó là: "
        "Đẩy mạnh trồng rừng gỗ lớn; hoàn thành đường liên thôn.\n\n"
        "Hoàn thiện hồ sơ đất đai cho các hộ dân trước mùa mưa.\n\n"
        "Theo đồng chí Bí thư, một trong những yêu cầu cấp bách là xây dựng phương án phòng cháy rừng.\n\n"
        "Dự họp có các đồng chí trong Thường trực Đảng ủy và đại diện các thôn.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _first_words(tasks) == ["Phát", "Hoàn", "Theo"]


def test_who_is_asked_by_a_team_a_meeting_or_an_intro_line():
    report = (
        "Tại buổi giám sát, đoàn giám sát yêu cầu Chi bộ Trường Tiểu học khắc phục ngay các thiếu sót.\n\n"
        "Kết thúc buổi họp, Hội nghị đề nghị các thành viên Tổ công tác, Ban Xây dựng Đảng xã xuống từng thôn.\n\n"
        "Bí thư Tỉnh ủy Lê Văn Sơn đề nghị, hai Đảng bộ mới kiện toàn bộ máy trong tháng 8.\n\n"
        "Thường trực Tỉnh ủy giao Đảng ủy UBND tỉnh chủ trì tham mưu các nội dung sau:\n\n"
        "Thành lập Tiểu ban Lễ tân phục vụ đại hội;\n\n"
        "Xây dựng dự thảo kịch bản đại hội.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [
        ["Chi bộ Trường Tiểu học"], ["Tổ công tác", "Ban Xây dựng Đảng xã"], ["Đảng bộ"],
        ["Đảng ủy Ủy ban nhân dân tỉnh"], ["Đảng ủy Ủy ban nhân dân tỉnh"],
    ]


def test_acts_of_organisation_are_no_tasks_and_a_due_time_after_the_work_holds():
    report = (
        "Tại hội nghị, Ban Thường vụ Tỉnh ủy Lạng Sơn quyết định thành lập Đảng bộ Khối doanh nghiệp.\n\n"
        "Ban Thường vụ Tỉnh ủy chỉ định ông Lê Văn Sơn giữ chức Bí thư Đảng ủy.\n\n"
        "Ban Thường vụ Tỉnh ủy công bố quyết định kết thúc hoạt động 9 tổ chức đảng.\n\n"
        "Để đạt các chỉ tiêu đề ra, Bí thư Tỉnh ủy yêu cầu các chi bộ rà soát đảng viên từ nay đến hết năm 2025.\n\n"
        "Cuối buổi làm việc, Chủ tịch Ủy ban bầu cử yêu cầu các đồng chí phụ trách thôn tuyệt đối không được "
        "để sót hộ dân.\n"
    )
    doc = extract_text(report, "tin.txt")
    assert doc.document.issuer == "Ban Thường vụ Tỉnh ủy Lạng Sơn"
    assert [t.text.split(" ")[0] for t in doc.tasks] == ["Để", "Cuối"]
    assert str(doc.tasks[0].deadline.end) == "2025-12-31"


def test_the_unit_visited_carries_directions_given_there_and_two_units_named_by_count():
    report = (
        "Ngày 4/6, Ban Thường vụ Tỉnh ủy thành lập Đảng bộ các cơ quan Đảng tỉnh và Đảng bộ Ủy ban nhân dân tỉnh.\n\n"
        "Tại xã Long Hựu, đồng chí Bí thư Tỉnh ủy nhấn mạnh yêu cầu chuẩn bị chu đáo cho ngày bầu cử.\n\n"
        "Bí thư Tỉnh ủy đề nghị hai Đảng bộ sớm ban hành quy chế làm việc.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Xã Long Hựu"], ["Đảng bộ các cơ quan Đảng tỉnh", "Đảng bộ Ủy ban nhân dân tỉnh"]]


def test_delegates_asking_a_body_and_the_main_task_of_the_month():
    report = (
        "Đồng Nai TV - Ngày 3/10, Đảng ủy Khối tổ chức hội nghị góp ý dự thảo báo cáo chính trị.\n\n"
        "Về nhiệm vụ thời gian tới, các đại biểu đề nghị Đảng ủy Khối bổ sung giải pháp phát triển đảng viên.\n\n"
        "Đồng chí Bí thư cũng lưu ý: Nhiệm vụ chính trong tháng 11 là tổ chức thành công đại hội các chi bộ.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert [t.text.split(",")[0] for t in tasks] == ["Về nhiệm vụ thời gian tới", "Đồng chí Bí thư cũng lưu ý: Nhiệm vụ chính trong tháng 11 là tổ chức thành công đại hội các chi bộ."]
    assert _responsible(tasks)[0] == ["Đảng ủy Khối"]


def test_a_speaker_s_therefore_must_and_boards_written_without_a_comma():
    report = (
        "Phát biểu tại cuộc họp, đồng chí Bí thư nhấn mạnh: mùa khô là thời điểm nguy hiểm, vì vậy các thôn "
        "cần tổ chức trực phòng cháy rừng. Đồng chí yêu cầu các tổ đội, các ban ngành, đoàn thể phối hợp tuần tra.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert [t.text.split(",")[0] for t in tasks] == ["Phát biểu tại cuộc họp", "Đồng chí yêu cầu các tổ đội"]
    assert _responsible(tasks)[1] == ["Ban, ngành", "Đoàn thể"]


def test_a_further_request_without_addressees_stays_with_the_work_before_it():
    report = (
        "Sau khi kiểm tra đê, Chủ tịch UBND xã Nguyễn Văn Bình đã yêu cầu các thôn theo dõi sát mực nước. "
        "Đồng chí cũng yêu cầu cần lập ngay đội xung kích. Ông cũng yêu cầu các hộ nuôi cá chủ động thu hoạch sớm.\n\n"
        "Huyện ủy Tân Yên, Huyện ủy Lục Nam đã ban hành kế hoạch phòng chống lụt bão.\n"
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert [t.text.split(" ")[:2] for t in tasks] == [["Sau", "khi"], ["Ông", "cũng"]]


def test_a_page_saved_without_line_breaks_goes_on_after_a_caption_inside_its_paragraph():
    sentences = [
        "Chiều 4-3, đồng chí Trần Minh Khoa, Trưởng Đoàn công tác của Ban Thường vụ Tỉnh ủy đã chủ trì hội nghị"
        " công bố quyết định giám sát đối với Đảng ủy xã Hòa Bình và Đảng ủy xã Tân Lộc.",
        "Đồng chí Trần Minh Khoa phát biểu tại hội nghị.",
        "Ảnh: BTG Tại hội nghị, đồng chí Trần Minh Khoa nêu rõ mỗi đảng ủy cần chuẩn bị đầy đủ báo cáo, tài liệu.",
        "Do thời gian giám sát ngắn nên các chi bộ trực thuộc cần bố trí cán bộ làm việc với đoàn.",
        "Các đảng ủy cần nêu rõ những việc đã làm được và những khó khăn vướng mắc.",
    ]
    tasks = extract_text(" ".join(sentences), "tin.txt").tasks
    assert [(t.text.split(" ")[0], [b.name for b in t.responsible]) for t in tasks][1:] == [
        ("Do", ["Chi bộ trực thuộc"]),
        ("Các", ["Đảng ủy"]),
    ]
    assert tasks[0].text.startswith("Tại hội nghị")


def test_a_cause_then_its_consequence_leaves_the_bodies_after_it_as_the_subject():
    roles = find_roles("Do địa bàn rộng nên Công an xã cần tăng cường tuần tra vào ban đêm.")
    assert [b.name for b in roles.responsible] == ["Công an xã"]


def test_a_letter_s_counted_contents_numbered_inside_one_paragraph_go_to_its_addressees():
    report = "\n".join(
        [
            "Thường trực Huyện ủy vừa có công văn số 58-CV/HU yêu cầu các chi bộ trực thuộc, Ủy ban nhân dân"
            " xã thực hiện tốt 3 nội dung phòng, chống lãng phí trong dịp cuối năm.",
            "Cụ thể là: 1- Rà soát các khoản chi hội nghị, khánh tiết. 2- Không tổ chức đoàn đi tham quan bằng"
            " ngân sách. 3- Công khai kết quả thực hành tiết kiệm trước ngày 31/12/2026.",
        ]
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _first_words(tasks) == ["Rà", "Không", "Công"]
    assert all(names == ["Chi bộ trực thuộc", "Ủy ban nhân dân xã"] for names in _responsible(tasks))
    assert str(tasks[2].deadline.end) == "2026-12-31"


def test_an_order_whose_end_mark_is_lost_is_no_headline_and_an_anniversary_is_no_due_date():
    report = "\n\n".join(
        [
            "Tuyên truyền kỷ niệm 80 năm Ngày thành lập Đảng bộ tỉnh (3/1946 - 3/2026)",
            "Hướng dẫn số 7-HD/BDVHU của Ban Dân vận Huyện ủy về các hoạt động kỷ niệm",
            "Cụ thể, Ban Dân vận Huyện ủy đề nghị Đảng ủy các xã, phường chỉ đạo tổ chức các hoạt động"
            " gặp mặt, giao lưu với các thế hệ cán bộ lão thành theo đề cương kỷ niệm 80 năm Ngày thành lập"
            " Đảng bộ tỉnh (12/3/1946 - 12/3/2026)",
        ]
    )
    (task,) = extract_text(report, "tin.txt").tasks
    assert task.text.startswith("Cụ thể")
    assert task.deadline is None


def test_a_post_s_dated_event_lead_and_its_appointments_are_no_tasks_and_its_emoji_no_part_of_the_text():
    post = "\n".join(
        [
            "📌 HỘI NGHỊ BAN CHẤP HÀNH HỘI NÔNG DÂN XÃ TÂN LẬP",
            "🗓 Chiều ngày 4/3/2026, Hội Nông dân xã Tân Lập tổ chức Hội nghị Ban Chấp hành lần thứ hai.",
            "📌 Theo đó, ông Lò Văn Sơn được bầu giữ chức Phó Chủ tịch Hội Nông dân xã.",
            "📣 Phát biểu chỉ đạo, đồng chí Bí thư Đảng ủy xã đề nghị Hội Nông dân xã vận động hội viên"
            " chuyển đổi cây trồng, hoàn thành trước ngày 30/6/2026.",
        ]
    )
    (task,) = extract_text(post, "post.txt").tasks
    assert task.text.startswith("Phát biểu chỉ đạo")
    assert [b.name for b in task.responsible] == ["Hội Nông dân xã"]


def test_a_listed_item_without_a_subject_is_the_intro_s_addressees_not_the_item_s_before():
    page = "\n\n".join(
        [
            "Tại phiên họp ngày 3/3/2026, Ban Thường vụ Tỉnh ủy giao Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo"
            " thực hiện các nội dung sau:",
            "- Đảng ủy Sở Tài chính chủ trì bố trí kinh phí cho các xã mới thành lập.",
            "- Khẩn trương hoàn thiện đề án về mạng lưới trường học của tỉnh.",
            "- Việc bàn giao trụ sở dôi dư phải hoàn thành trước ngày 30/6/2026.",
            "Xem chi tiết: toàn văn kết luận của Ban Thường vụ Tỉnh ủy",
        ]
    )
    assert _responsible(extract_text(page, "tin.txt").tasks) == [
        ["Đảng ủy Sở Tài chính"],
        ["Đảng ủy Ủy ban nhân dân tỉnh"],
        ["Đảng ủy Ủy ban nhân dân tỉnh"],
    ]


def test_a_bare_ward_is_the_one_the_report_names_even_with_its_secretary_s_name_after_it():
    report = "\n\n".join(
        [
            "Bí thư Đảng ủy phường An Khánh Trần Minh Đức phát biểu tại hội nghị tổng kết năm 2025 của phường.",
            "Phát biểu chỉ đạo, đồng chí Phó Bí thư Thành ủy đánh giá cao kết quả mà phường An Khánh đạt được.",
            "Đồng chí nhấn mạnh vai trò của cải cách hành chính. Phường cần đẩy mạnh cải cách thủ tục hành chính,"
            " phục vụ người dân tốt hơn.",
        ]
    )
    assert _responsible(extract_text(report, "tin.txt").tasks)[-1] == ["Phường An Khánh"]


def test_a_request_with_no_addressee_under_an_intro_is_the_intro_addressees():
    report = "\n\n".join(
        [
            "Tại phiên họp ngày 6/10/2026, Ban Thường vụ Tỉnh ủy nghe báo cáo về công tác dân vận quý III.",
            "Ban Thường vụ Tỉnh ủy yêu cầu các đảng ủy xã, phường tiếp tục lãnh đạo công tác dân vận trong"
            " quý IV năm 2026, tập trung vào các việc sau:",
            "Ban Thường vụ Tỉnh ủy yêu cầu khẩn trương đối thoại với Nhân dân về các dự án còn vướng mắc.",
        ]
    )
    (task,) = extract_text(report, "tin.txt").tasks
    assert task.text.startswith("Ban Thường vụ Tỉnh ủy yêu cầu khẩn trương")
    assert [b.name for b in task.responsible] == ["Đảng ủy xã", "Đảng ủy phường"]
    assert task.deadline is not None and task.deadline.end == date(2026, 12, 31)


def test_work_drawn_from_a_stated_goal_goes_on_with_the_body_handed_work_before():
    report = "\n\n".join(
        [
            "Kết luận hội nghị, đồng chí Bí thư Tỉnh ủy đề nghị Đảng ủy Ủy ban nhân dân tỉnh sớm trình"
            " phương án tổ chức lại mạng lưới trường học.",
            "Đồng chí nêu rõ yêu cầu của việc sắp xếp là bộ máy phải gọn, chạy ngay. Do đó, tiếp tục xem lại"
            " nhiệm vụ, quyền hạn của từng trường trước khi trình phương án.",
        ]
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert len(tasks) == 2
    assert [b.name for b in tasks[1].responsible] == ["Đảng ủy Ủy ban nhân dân tỉnh"]


def test_the_closing_mark_ends_the_report_and_announced_decisions_are_no_tasks():
    report = "\n".join(
        [
            "Tại buổi lễ, Ban Thường vụ Tỉnh ủy trao quyết định thành lập Đảng bộ Sở Xây dựng.",
            "Quyết định chỉ định 3 đồng chí vào Ban Chấp hành Đảng bộ Sở Xây dựng nhiệm kỳ 2025 - 2030.",
            "Quyết định thành lập Chi bộ Sở Nội vụ và 2 Đảng bộ cơ sở trực thuộc.",
            "Phát biểu tại hội nghị, đồng chí Bí thư đề nghị Đảng bộ Sở Xây dựng sớm ổn định tổ chức,"
            " bắt tay ngay vào công việc./.",
            "Báo Tin Tức - Thông tin cập nhật hằng giờ",
        ]
    )
    (task,) = extract_text(report, "tin.txt").tasks
    assert task.text.startswith("Phát biểu tại hội nghị")
    assert [b.name for b in task.responsible] == ["Đảng bộ Sở Xây dựng"]


def test_localities_told_what_they_must_not_do_after_a_note_are_one_order():
    report = (
        "Phát biểu tại buổi kiểm tra, đồng chí Phó Bí thư Tỉnh ủy lưu ý, chỉ còn hai tuần nữa là đến ngày"
        " bầu cử. Vì thế, các địa phương tuyệt đối không để sai sót; phải in đủ phiếu và niêm yết đúng hạn."
        " Đồng chí cũng yêu cầu các địa phương bảo đảm an ninh tại các khu vực bỏ phiếu."
    )
    (task,) = extract_text(report, "tin.txt").tasks
    assert [b.name for b in task.responsible] == ["Địa phương"]


def test_a_letter_sent_to_the_communes_hands_them_what_it_asks_and_what_the_localities_must_do():
    report = "\n".join(
        [
            "Ngày 12/8, Ban Tổ chức Tỉnh ủy cho biết đã gửi công văn tới Ban Thường vụ đảng ủy các xã, phường,"
            " yêu cầu kiện toàn các chức danh còn thiếu sau sắp xếp.",
            "Theo đó, các địa phương phải báo cáo số lượng cán bộ còn thiếu trước ngày 30/8.",
        ]
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert _responsible(tasks) == [["Ban Thường vụ Đảng ủy xã", "Ban Thường vụ Đảng ủy phường"]] * 2


def test_the_bodies_an_item_directs_are_not_its_subject_and_a_count_of_provinces_keeps_the_coordinator():
    page = "\n".join(
        [
            "Ban Thường vụ Tỉnh ủy giao Đảng đoàn Hội Cựu chiến binh tỉnh chỉ đạo tổ chức đại hội các cấp.",
            "Chỉ đạo các cấp chính quyền, các ngành, Mặt trận Tổ quốc và các đoàn thể phối hợp tạo điều kiện"
            " cho đại hội.",
        ]
    )
    assert _responsible(extract_text(page, "tin.txt").tasks)[1] != ["Mặt trận Tổ quốc", "Đoàn thể"]
    roles = find_roles("Ban Tổ chức Trung ương đề nghị Ban Thường vụ Tỉnh ủy 2 tỉnh phối hợp với Văn phòng"
                       " Trung ương Đảng hoàn thiện hồ sơ.")
    assert [b.name for b in roles.responsible] == ["Ban Thường vụ Tỉnh ủy"]
    assert [b.name for b in roles.coordinating] == ["Văn phòng Trung ương"]


def test_who_works_with_the_body_a_committee_directs_coordinates():
    roles = find_roles("Đảng ủy xã chỉ đạo Ủy ban nhân dân xã phối hợp với Công an xã rà soát các hộ tạm trú.")
    assert [b.name for b in roles.responsible] == ["Đảng ủy xã"]
    assert [b.name for b in roles.coordinating] == ["Công an xã"]


def test_a_lead_whose_number_follows_the_subject_in_parentheses_gives_the_document():
    report = "\n\n".join(
        [
            "Ban Thường vụ Huyện ủy vừa ban hành Kế hoạch sơ kết 3 năm thực hiện chương trình chuyển đổi số"
            " trong các cơ quan đảng (Kế hoạch số 45-KH/HU, ngày 12/3/2026).",
            "Trong sơ kết cần đánh giá đúng những việc đã làm được và chỉ ra cách làm mới.",
            "Cấp cơ sở hoàn thành sơ kết trong tháng 4/2026. Cấp huyện tổ chức sơ kết trong tháng 5/2026.",
        ]
    )
    result = extract_text(report, "tin.txt")
    assert (result.document.number, result.document.issued_date) == ("45-KH/HU", date(2026, 3, 12))
    assert result.document.title.startswith("sơ kết 3 năm")
    assert _responsible(result.tasks) == [[], ["Cấp cơ sở"], ["Cấp huyện"]]
    assert result.tasks[2].deadline.end == date(2026, 5, 31)


def test_a_request_with_an_occasion_before_its_addressees_and_an_order_after_a_report_are_work():
    report = "\n\n".join(
        [
            "Tiếp đó, Ban Thường vụ Huyện ủy còn yêu cầu khi xong đại hội các chi bộ gửi biên bản"
            " về Ban Tổ chức Huyện ủy trước ngày 15/7/2026.",
            "Công tác chuẩn bị đại hội ở các xã đang được làm khẩn trương. Các đảng ủy xã trong huyện phải"
            " hoàn thành đại hội trước ngày 30/7/2026.",
            "Theo tờ trình, Ban Tổ chức Huyện ủy đề xuất bố trí thêm hai cán bộ cho mỗi xã.",
        ]
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert [t.text[:12] for t in tasks] == ["Tiếp đó, Ban", "Các đảng ủy "]
    assert [b.name for b in tasks[1].responsible] == ["Đảng ủy xã"]


def test_a_committee_named_with_its_place_asks_and_whom_it_directs_is_no_subject():
    roles = find_roles("Huyện ủy Đông Sơn yêu cầu các chi bộ, cơ quan, ban ngành quán triệt chỉ thị.")
    assert [b.name for b in roles.responsible] == ["Chi bộ", "Cơ quan, ban ngành"]
    roles = find_roles("Ban Thường vụ Tỉnh ủy giao Đảng ủy Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành lập kế hoạch.")
    assert [b.name for b in roles.responsible] == ["Đảng ủy Ủy ban nhân dân tỉnh"]
    roles = find_roles("Ủy ban nhân dân xã chỉ đạo các tổ dân phố, các đơn vị tăng cường kiểm tra.")
    assert [b.name for b in roles.responsible] == ["Ủy ban nhân dân xã"]


def test_a_letter_issued_with_a_request_hands_its_unnamed_items_to_the_addressees():
    report = "\n".join(
        [
            "Thực hiện Công văn số 88-CV/BTGTU của Ban Tuyên giáo Tỉnh ủy, Ban Tuyên giáo Huyện ủy vừa ban hành"
            " công văn đề nghị các chi bộ, đoàn thể tuyên truyền về phòng, chống sốt xuất huyết.",
            "Tuyên truyền để mỗi hộ gia đình tự diệt lăng quăng mỗi tuần.",
            "Đồng thời chỉ đạo các tổ dân phố tổ chức tổng vệ sinh vào sáng thứ Bảy hằng tuần.",
        ]
    )
    tasks = extract_text(report, "tin.txt").tasks[-2:]  # (the lead, which asks too, is a task of its own)
    assert [t.text[:10] for t in tasks] == ["Tuyên truy", "Đồng thời "]
    assert _responsible(tasks) == [["Chi bộ", "Đoàn thể"]] * 2


def test_a_board_agreeing_is_no_work_but_the_person_its_bullet_hands_the_work_leads():
    page = "\n\n".join(
        [
            "Kết luận cuộc họp, đồng chí Chủ nhiệm chương trình nêu:",
            "1. Về danh mục công trình năm 2027:",
            "Ban Chủ nhiệm thống nhất với danh mục công trình do Văn phòng trình.",
            "- Giao đồng chí Trần Văn Khải - Phó Chủ tịch UBND huyện, chỉ đạo hoàn thiện hồ sơ trước ngày 15/12/2026.",
            "2. Về công tác tuyên truyền:",
            "Giao Văn phòng Huyện ủy đăng tải danh mục lên trang thông tin điện tử của huyện.",
        ]
    )
    tasks = extract_text(page, "tin.txt").tasks
    assert [t.text[:12] for t in tasks] == ["Giao đồng ch", "Giao Văn phò"]
    assert _responsible(tasks)[0] == ["Trần Văn Khải, Phó Chủ tịch Ủy ban nhân dân huyện"]


@pytest.mark.parametrize(
    ("paragraphs", "opening"),
    [
        # a count of what a committee has
        (("Đảng bộ huyện có 86 chi bộ. Tính đến giữa tháng 3, 40 chi bộ đã tổ chức xong đại hội.",
          "Ban Thường vụ Huyện ủy yêu cầu các chi bộ còn lại hoàn thành đại hội trước ngày 30/4/2027."),
         "Ban Thường vụ Huyện ủy yêu cầu"),
        # what the work is for
        (("Thường trực Tỉnh ủy giao Ủy ban nhân dân tỉnh thành lập đoàn kiểm tra công vụ.",
          "Việc kiểm tra công vụ nhằm nâng cao kỷ luật, kỷ cương hành chính."),
         "Thường trực Tỉnh ủy giao"),
    ],
)
def test_only_the_paragraph_that_hands_work_over_is_a_task(paragraphs, opening):
    (task,) = _report_tasks(*paragraphs)
    assert task.text.startswith(opening)


def test_the_bodies_a_paragraph_is_about_do_what_it_then_asks():
    assert [b.name for b in find_roles("Đối với các chi bộ, đảng bộ cơ sở, cần hoàn thành kiểm điểm trước 30/12.").responsible] == [
        "Chi bộ", "Đảng bộ cơ sở",
    ]
    roles = find_roles("Về trách nhiệm của Ban Dân vận Huyện ủy, Ban Thường vụ Huyện ủy yêu cầu theo dõi sát tình hình.")
    assert [b.name for b in roles.responsible] == ["Ban Dân vận Huyện ủy"]
    roles = find_roles("Ban Thường vụ Huyện ủy yêu cầu trước mắt các chi bộ rà soát danh sách đảng viên.")
    assert [b.name for b in roles.responsible] == ["Chi bộ"]


def test_numbered_orders_in_one_paragraph_are_the_addressees_before_the_numbers():
    report = (
        "Tiếp đó, Thường trực Huyện ủy đề nghị các đảng ủy xã, thị trấn: (1) Tổ chức quán triệt chỉ thị"
        " trong tháng 6/2027; (2) Rà soát các chi bộ yếu kém; (3) Báo cáo kết quả về Ban Tổ chức Huyện ủy."
    )
    tasks = extract_text(report, "tin.txt").tasks
    assert len(tasks) == 3
    assert _responsible(tasks) == [["Đảng ủy xã", "Đảng ủy thị trấn"]] * 3


def test_a_dated_lead_that_hands_work_over_is_work_but_a_briefing_meeting_is_not():
    (task,) = _report_tasks(
        "Ngày 2/6, Ban Thường vụ Huyện ủy có Công văn số 310-CV/HU yêu cầu các chi bộ hoàn thành"
        " đại hội trước ngày 30/6/2027.",
        "Sáng 5/6, Đảng ủy xã họp giao ban Bí thư các chi bộ để nghe báo cáo tháng 5.",
    )
    assert [b.name for b in task.responsible] == ["Chi bộ"]


def test_a_later_sentence_opening_with_bodies_and_their_work_goes_on_with_the_request():
    tasks = _report_tasks(
        "Ban Tổ chức Tỉnh ủy đề nghị Hội Nông dân tỉnh, Tỉnh Đoàn giới thiệu hội viên ưu tú dự thi.",
        "Nơi nào có điều kiện thì mở thêm vòng sơ khảo. Ban Tổ chức các huyện ủy; Tuyên huấn các"
        " đảng ủy trực thuộc chỉ đạo, hướng dẫn Ban Tổ chức các xã, bệnh viện, các đơn vị cơ sở"
        " phổ biến thể lệ.",
    )
    assert _responsible(tasks)[-1] == ["Ban Tổ chức Huyện ủy", "Ban Tuyên huấn Đảng ủy trực thuộc"]


def test_a_paragraph_after_one_ending_with_a_semicolon_goes_on_with_its_list():
    tasks = _report_tasks(
        "Tại buổi làm việc, đồng chí Bí thư Huyện ủy yêu cầu Công an huyện nắm chắc địa bàn,"
        " chủ động phương án bảo vệ các điểm bỏ phiếu;",
        "Có phương án bảo đảm an toàn giao thông trong ngày bầu cử.",
    )
    assert _responsible(tasks) == [["Công an huyện"], ["Công an huyện"]]


def test_a_speakers_next_act_hands_the_work_and_a_ceremony_caption_is_none():
    (task,) = _report_tasks(
        "Lãnh đạo Đảng ủy xã tặng hoa chúc mừng các đảng viên mới kết nạp.",
        "Phát biểu tại buổi lễ, ông Trần Văn Bình, Phó Bí thư Huyện ủy chúc mừng chi bộ mới, đồng thời"
        " chỉ đạo, giao nhiệm vụ cho Ban Tổ chức Huyện ủy hướng dẫn chi bộ mới xây dựng quy chế.",
    )
    assert [b.name for b in task.responsible] == ["Ban Tổ chức Huyện ủy"]


def test_a_leading_committee_directs_and_the_bodies_it_directs_act_too():
    roles = find_roles("Ban Thường vụ Tỉnh ủy chỉ đạo các cấp ủy đảng rà soát nguồn cán bộ nữ trước đại hội.")
    assert [b.name for b in roles.responsible] == ["Ban Thường vụ Tỉnh ủy", "Cấp ủy đảng"]


def test_a_page_label_below_the_text_is_no_task_and_a_source_note_names_the_document():
    text = "\n\n".join(
        [
            "Ủy ban nhân dân huyện Hòa Vang có ý kiến như sau:",
            "1. Phòng Nội vụ huyện chủ trì tổng hợp danh sách tập thể tiêu biểu.",
            "2. Phòng Văn hóa và Thông tin huyện hướng dẫn trang trí khánh tiết.",
            "(Nguồn: Công văn số 812/UBND-VP ngày 05/5/2027)",
            "Tin tức liên quan",
        ]
    )
    result = extract_text(text, "tin.txt")
    assert len(result.tasks) == 2
    meta = result.document
    assert (meta.doc_type, meta.number, meta.issued_date) == ("Công văn", "812/UBND-VP", date(2027, 5, 5))
    assert meta.issuer == "Ủy ban nhân dân huyện Hòa Vang"


def test_a_signing_lead_names_a_letter_by_its_code_and_a_general_as_its_signer():
    lead = "Thừa lệnh Chủ nhiệm Tổng cục Chính trị, Thiếu tướng Nguyễn Văn Hải, Phó Chủ nhiệm đã ký Văn bản số 52/HD-CT."
    order = "Cấp ủy, chỉ huy các cấp giữ nghiêm chế độ trực sẵn sàng chiến đấu trong dịp Tết."
    result = extract_text(f"{lead}\n\n{order}", "tin.txt")
    assert (result.document.doc_type, result.document.number, result.document.signer) == ("Hướng dẫn", "52/HD-CT", "Nguyễn Văn Hải")
    assert _responsible(result.tasks) == [["Cấp ủy", "Chỉ huy các cấp"]]


def test_numbered_targets_are_no_orders_but_the_work_after_them_is():
    tasks = _report_tasks(
        "Đảng ủy xã đặt ra các chỉ tiêu cụ thể, gồm: (1) Kết nạp 12 đảng viên mới; (2) 90% chi bộ hoàn thành"
        " tốt nhiệm vụ.",
        "Đảng ủy xã yêu cầu các chi bộ rà soát quần chúng ưu tú trước ngày 30/6/2027.",
    )
    assert _responsible(tasks) == [["Chi bộ"]]


def test_a_later_sentence_about_bodies_hands_them_its_work_and_a_discussion_is_no_order():
    tasks = _report_tasks(
        "Tại cuộc họp, các thành viên Ban Chỉ đạo đã thảo luận, góp ý dự thảo kế hoạch.",
        "Kết luận cuộc họp, đồng chí Trưởng Ban yêu cầu các đơn vị hoàn thành phần việc của mình đúng hạn."
        " Đối với các cơ quan báo chí, xây dựng chuyên mục giới thiệu gương người tốt việc tốt.",
    )
    assert _responsible(tasks) == [["Đơn vị"], ["Cơ quan báo chí"]]


def test_a_speaker_who_takes_the_views_and_asks_the_office_hands_it_the_work():
    roles = find_roles(
        "Đồng chí Lê Văn Tám, Phó Bí thư Huyện ủy, Tổ trưởng Tổ Biên tập đã tiếp thu ý kiến và đề nghị Văn phòng"
        " bổ sung số liệu."
    )
    assert [b.name for b in roles.responsible] == ["Văn phòng"]


def test_the_units_a_sentence_points_back_to_are_the_bodies_named_before():
    tasks = _report_tasks(
        "Ban Thường vụ Huyện ủy chọn Ủy ban Kiểm tra Đảng ủy xã An Lạc và Ban Xây dựng Đảng Đảng ủy xã An Lạc làm điểm.",
        "Huyện ủy chỉ đạo các đơn vị trên hoàn thành báo cáo trước ngày 20/4/2027.",
    )
    assert _responsible(tasks)[-1] == ["Huyện ủy", "Ủy ban Kiểm tra Đảng ủy xã An Lạc", "Ban Xây dựng Đảng Đảng ủy xã An Lạc"]
    roles = find_roles("Các cơ quan, đơn vị trên địa bàn xã theo dõi sát diễn biến thời tiết.")
    assert [b.name for b in roles.responsible] == ["Cơ quan, đơn vị"]


def test_committees_asked_in_the_passive_and_a_subject_printed_with_its_place():
    roles = find_roles("Theo đó, Ban Thường vụ Huyện ủy, Thị ủy được yêu cầu rà soát lại lịch đại hội.")
    assert [b.name for b in roles.responsible] == ["Ban Thường vụ Huyện ủy", "Ban Thường vụ Thị ủy"]
    roles = find_roles("Thành ủy Cam Ranh đã chỉ đạo các cấp, các ngành rà soát quy hoạch cán bộ.")
    assert [b.name for b in roles.responsible] == ["Thành ủy Cam Ranh", "Các cấp, các ngành"]
    (task,) = _report_tasks(
        "Huyện ủy Đức Linh vừa triển khai kế hoạch tổ chức đại hội đảng bộ các cấp.",
        "Ban Thường vụ Huyện ủy yêu cầu các chi bộ hoàn thành đại hội trước ngày 30/5/2027.",
    )
    assert task.text.startswith("Ban Thường vụ Huyện ủy yêu cầu")


def test_the_bodies_chosen_to_hold_a_trial_congress_hold_it():
    roles = find_roles("Ban Thường vụ Huyện ủy đã chọn Đảng bộ xã Tân Lập tổ chức đại hội điểm trong tháng 4/2027.")
    assert [b.name for b in roles.responsible] == ["Đảng bộ xã Tân Lập"]


def test_a_request_after_an_adverbial_opening_hands_the_work_to_whom_it_names():
    roles = find_roles("Trước diễn biến phức tạp của mưa lũ, yêu cầu các cấp, các ngành chủ động phương án sơ tán dân.")
    assert [b.name for b in roles.responsible] == ["Các cấp, các ngành"]
    roles = find_roles("Giao trách nhiệm cho Công an TP chủ trì bảo đảm an ninh khu vực bến xe.")
    assert [b.name for b in roles.responsible] == ["Công an thành phố"]


def test_the_day_a_tagged_lead_opens_with_is_no_due_date():
    (task,) = _report_tasks(
        "BTB - Ngày 12/8, Ban Dân vận Tỉnh ủy ban hành Công văn số 88-CV/BDVTU, yêu cầu Ban Dân vận các huyện ủy"
        " theo dõi tình hình tôn giáo trên địa bàn."
    )
    assert task.deadline is None


def test_the_communes_a_standing_deputy_asks_act():
    roles = find_roles("Đồng chí Phó Bí thư Thường trực Huyện ủy yêu cầu các xã rà soát các hộ ở vùng trũng thấp.")
    assert [b.name for b in roles.responsible] == ["Xã"]


def test_a_request_after_a_connective_hands_the_work_to_whom_it_names():
    roles = find_roles("Bí thư Huyện ủy nhấn mạnh việc học tập phải thiết thực; đồng thời, lưu ý các chi bộ không tổ chức lồng ghép.")
    assert [b.name for b in roles.responsible] == ["Chi bộ"]


def test_an_aside_between_the_body_and_its_verb_keeps_the_body_acting():
    tasks = _report_tasks(
        "Ở cấp huyện: mở hai lớp bồi dưỡng: Lớp thứ nhất do ban tổ chức cấp huyện (hoặc tương đương) "
        "chủ trì, xong trong 4/2026. Lớp thứ hai do liên đoàn lao động cấp huyện (hoặc tương đương) "
        "đảm nhiệm, xong trong quý II/2026."
    )
    assert _responsible(tasks) == [["Ban Tổ chức cấp huyện"], ["Liên đoàn Lao động cấp huyện"]]
    assert [(t.deadline.start, t.deadline.end) for t in tasks] == [
        (date(2026, 4, 1), date(2026, 4, 30)),
        (date(2026, 4, 1), date(2026, 6, 30)),
    ]


def test_a_request_whose_subject_is_the_work_itself_is_a_task():
    tasks = _report_tasks(
        "Hoàn thành đánh giá cán bộ trong tháng 12.2026",
        "Ban Thường vụ Huyện ủy yêu cầu, việc đánh giá cán bộ tiến hành liền sau đợt kiểm điểm, "
        "hoàn thành trong tháng 12.2026.",
    )
    assert len(tasks) == 1 and tasks[0].deadline.end == date(2026, 12, 31)


def test_a_term_of_office_in_parentheses_is_no_due_date():
    tasks = _report_tasks(
        "Ban Thường vụ Huyện ủy yêu cầu các chi bộ tổ chức đánh giá cán bộ giữa nhiệm kỳ (2025-2030; "
        "2026-2031) ở cơ quan, đơn vị mình."
    )
    assert len(tasks) == 1 and tasks[0].deadline is None


def test_the_time_sentence_of_an_order_stays_with_it_and_a_linked_sentence_names_who_helps():
    tasks = _report_tasks(
        "Theo đó, các chi bộ, các địa phương, cơ quan, đơn vị kiểm tra hồ sơ đảng viên; gửi kết quả lên "
        "Ban Thường vụ Huyện ủy. Thời gian các chi bộ gửi kết quả cho Ban Tổ chức Huyện ủy "
        "trước ngày 20-12-2026.",
        "Ban Tổ chức Huyện ủy giúp Ban Thường vụ tổng hợp kết quả. Ngoài ra, phối hợp với Ủy ban "
        "Kiểm tra Huyện ủy theo dõi việc sửa chữa khuyết điểm.",
    )
    assert len(tasks) == 2
    assert tasks[0].deadline.end == date(2026, 12, 20)
    assert "Địa phương, cơ quan, đơn vị" in _responsible(tasks)[0]
    assert [b.name for b in tasks[1].coordinating] == ["Ủy ban Kiểm tra Huyện ủy"]


def test_a_sentence_that_hands_the_above_out_gives_way_to_the_orders_after_it():
    tasks = _report_tasks(
        "Theo Kế hoạch số 15-KH/HU, Ban Thường vụ Huyện ủy phân công rõ các cấp, các ngành tổ chức thực hiện "
        "kế hoạch này. Theo đó, các đảng ủy xã tổ chức sơ kết, gửi báo cáo Huyện ủy trước "
        "ngày 1/7/2026. Văn phòng Huyện ủy giúp chuẩn bị hội nghị sơ kết cấp huyện trước ngày 15/8/2026."
    )
    assert _first_words(tasks) == ["Theo", "Văn"]
    assert _responsible(tasks) == [["Đảng ủy xã"], ["Văn phòng Huyện ủy"]]


def test_duties_numbered_in_words_run_together_after_an_event_lead_are_one_task_each():
    tasks = _report_tasks(
        "Sáng ngày 5/3, Đảng ủy xã Tân Lập tổ chức hội nghị bàn nhiệm vụ quý II.Tham dự có "
        "các đồng chí trong Ban Chấp hành.Kết luận buổi họp, đồng chí Bí thư Đảng ủy xã nêu ba việc "
        "cần làm: Thứ nhất, tập trung chuẩn bị đại hội chi bộ. Thứ hai, triển khai chuyển đổi "
        "số trong cơ quan. Thứ ba, rà soát hộ nghèo ở các thôn."
    )
    assert _first_words(tasks) == ["tập", "triển", "rà"]


def test_a_year_set_apart_before_the_request_is_its_time():
    tasks = _report_tasks(
        "Trên cơ sở đó, năm 2026, đồng chí Bí thư đề nghị cấp ủy, chính quyền các khu phố tập "
        "trung rà soát các chỉ tiêu phát triển kinh tế - xã hội.",
        "Đồng chí đề nghị mỗi cán bộ, công chức, đảng viên gương mẫu chấp hành nội quy cơ quan.",
    )
    assert tasks[0].deadline.start == date(2026, 1, 1) and tasks[0].deadline.end == date(2026, 12, 31)
    assert _responsible(tasks)[1] == ["Cán bộ, công chức, đảng viên"]


def test_each_dated_phase_of_a_timetable_is_a_task_due_when_it_says():
    tasks = _report_tasks(
        "Ban Thường vụ Tỉnh ủy yêu cầu thời gian tổ chức Đại hội Hội Cựu chiến binh cấp cơ sở xong "
        "trước ngày 30.4.2027; Đại hội cấp huyện hoàn thành trước ngày 30.6.2027 và Đại hội đại biểu "
        "Hội Cựu chiến binh tỉnh xong trong quý III năm 2027."
    )
    assert [t.deadline.end for t in tasks] == [date(2027, 4, 30), date(2027, 6, 30), date(2027, 9, 30)]


def test_a_byline_of_initials_is_no_roman_heading():
    tasks = _report_tasks(
        "Ban Thường vụ Huyện ủy yêu cầu các chi bộ rà soát hồ sơ đảng viên trước ngày 15/12/2026.",
        "V.HẠNH",
    )
    assert len(tasks) == 1 and tasks[0].section is None


def test_a_listed_document_and_a_subheading_are_no_tasks():
    tasks = _report_tasks(
        "Các văn bản cần nắm gồm:",
        "• Hướng dẫn 12-HD/HU ngày 02/3/2026 về đánh giá đảng viên do Ban Tổ chức Huyện ủy ban hành",
        "Những điểm mới khi đánh giá đảng viên năm 2026",
        "- Tổ chức quán triệt đầy đủ việc đánh giá đảng viên năm 2026.",
    )
    assert _first_words(tasks) == ["Tổ"]


def test_a_names_other_wording_in_parentheses_does_not_cut_it_from_its_levels():
    roles = find_roles("Văn phòng giao ban tuyên giáo (tuyên huấn) các quận ủy, thị ủy rà soát tài liệu.")
    assert [b.name for b in roles.responsible] == [
        "Ban Tuyên giáo Quận ủy", "Ban Tuyên giáo Thị ủy",
    ]


def test_a_timetable_set_by_a_committee_with_a_phase_in_parentheses():
    tasks = _report_tasks(
        "Quận ủy chỉ đạo, đại hội các chi bộ cơ sở xong trong quý IV.2026; đại hội đảng bộ phường bắt đầu từ "
        "tháng 2.2027 và hoàn thành trong tháng 3.2027 (Đảng bộ phường 3 làm đại hội điểm, "
        "hoàn thành trước ngày 15.1.2027); Đại hội Đảng bộ quận xong trước tháng 6.2027."
    )
    assert [t.deadline.end for t in tasks] == [
        date(2026, 12, 31), date(2027, 3, 31), date(2027, 1, 15), date(2027, 5, 31),
    ]
    # the committee that set the timetable holds none of them; each congress is its unit's to hold
    assert _responsible(tasks) == [["Chi bộ cơ sở"], ["Đảng bộ phường"], [], ["Đảng bộ quận"]]


def test_the_contents_a_plan_is_said_to_hold_are_the_work_of_its_author():
    tasks = _report_tasks(
        "Nhân dịp kỷ niệm ngày thành lập, Ban Dân vận Huyện ủy đã ban hành kế hoạch thi đua, "
        "gồm các nội dung chính: Tổ chức gặp mặt cán bộ dân vận qua các thời kỳ; biên soạn tài liệu "
        "truyền thống vào tháng 10 năm 2026."
    )
    assert len(tasks) == 1 and tasks[0].text.startswith("Tổ chức gặp mặt")
    assert _responsible(tasks) == [["Ban Dân vận Huyện ủy"]]


def test_a_tagged_request_that_ends_in_an_aside_with_a_date_range_before_its_addressees():
    tasks = _report_tasks(
        "(ABC) - Văn phòng Huyện ủy vừa có văn bản yêu cầu, từ ngày 6.8 đến 29.9.2026 các chi bộ trực "
        "thuộc gửi văn bản điện tử qua trục liên thông (trừ văn bản mật).",
        "Sau đó, từ ngày 2.10 trở đi, yêu cầu các cơ quan, đơn vị chỉ gửi văn bản điện tử.",
    )
    assert _responsible(tasks) == [["Chi bộ trực thuộc"], ["Cơ quan, đơn vị"]]
    assert (tasks[0].deadline.start, tasks[0].deadline.end) == (date(2026, 8, 6), date(2026, 9, 29))
    assert (tasks[1].deadline.start, tasks[1].deadline.end) == (date(2026, 10, 2), None)


def test_members_of_a_committee_and_its_leaders_are_asked_as_the_bodies():
    roles = find_roles(
        "Chủ tịch xã yêu cầu các đồng chí thuộc Ban Thường vụ Đảng ủy, lãnh đạo UBND và các đoàn thể xã "
        "bám sát kế hoạch của cấp trên."
    )
    assert [b.name for b in roles.responsible] == ["Ban Thường vụ Đảng ủy", "Ủy ban nhân dân", "Đoàn thể xã"]


def test_a_reports_issuer_takes_the_one_place_the_text_prints_after_it():
    report = (
        "Ngày 2/3, Ban Thường vụ Huyện ủy yêu cầu các chi bộ rà soát hồ sơ đảng viên.\n\n"
        "Đồng chí Lê Văn Tâm, Bí thư Huyện ủy Ea Kar nhấn mạnh, việc rà soát phải xong trước ngày 30/3/2026.\n"
    )
    assert extract_text(report, "tin.txt").document.issuer == "Ban Thường vụ Huyện ủy Ea Kar"


def test_the_start_an_item_gives_before_its_due_date_opens_the_interval():
    tasks = _report_tasks(
        "Ban Thường vụ Huyện ủy yêu cầu các chi bộ làm kiểm điểm giữa kỳ, bắt đầu từ tháng 4/2027 và "
        "hoàn thành trong tháng 5/2027.",
        "Các chi bộ rà soát đảng viên từ tháng 3/2027. Báo cáo kết quả về Huyện ủy trước ngày 30/5/2027.",
    )
    assert (tasks[0].deadline.start, tasks[0].deadline.end) == (date(2027, 4, 1), date(2027, 5, 31))
    assert tasks[1].deadline.end == date(2027, 5, 30)


def test_committees_under_a_superior_and_a_comma_clause_that_works_with_others():
    roles = find_roles(
        "Thường trực giao các cấp ủy trực thuộc Huyện ủy lập kế hoạch kiểm tra, chủ động phối hợp với "
        "các cơ quan chức năng giải quyết dứt điểm đơn thư."
    )
    assert [b.name for b in roles.responsible] == ["Cấp ủy trực thuộc Huyện ủy"]
    assert [b.name for b in roles.coordinating] == ["Cơ quan chức năng"]


def test_the_end_of_the_year_in_an_undated_report_is_the_year_it_names_not_a_rhythm():
    tasks = _report_tasks(
        "Năm 2027, Đảng ủy Khối đã hoàn thành các chỉ tiêu đề ra.",
        "Về các việc từ nay đến cuối năm, Đảng ủy Khối yêu cầu các chi bộ chuẩn bị chu đáo đại hội.",
    )
    assert len(tasks) == 1
    assert tasks[0].deadline.end == date(2027, 12, 31) and tasks[0].deadline.recurrence is None


def test_a_request_set_for_addressees_and_their_list_going_on_past_semicolons():
    roles = find_roles(
        "Đó là yêu cầu do Ban Dân vận Tỉnh ủy đặt ra đối với Ban Dân vận các huyện ủy; Báo Lạng Sơn, "
        "Đài PTTH tỉnh; các hội đoàn thể tỉnh trước ngày 20/9."
    )
    assert [b.name for b in roles.responsible] == [
        "Ban Dân vận Huyện ủy", "Báo Lạng Sơn", "Đài Phát thanh - Truyền hình tỉnh"
    ]


def test_a_paragraph_printed_twice_in_a_row_is_one_task():
    tasks = _report_tasks(
        "Đảng ủy xã Tân Phú vừa ban hành kế hoạch công tác quý IV.",
        "Đảng ủy xã giao Văn phòng Đảng ủy tổng hợp báo cáo trước ngày 10/12/2027.",
        " Đảng ủy xã giao Văn phòng Đảng ủy tổng hợp báo cáo trước ngày 10/12/2027.",
        "Đảng ủy xã yêu cầu các chi bộ rà soát hồ sơ đảng viên.",
    )
    assert _first_words(tasks) == ["Đảng", "Đảng"] and len({t.text for t in tasks}) == 2


def test_the_items_under_a_plans_purpose_are_no_tasks_and_the_plan_itself_may_ask():
    tasks = _report_tasks(
        "Ngày 3/3/2027, Ban Dân vận Tỉnh ủy có Kế hoạch 12-KH/BDVTU về công tác dân vận năm 2027.",
        "Mục đích, yêu cầu mà văn bản đặt ra gồm:",
        "- Nâng cao nhận thức của các cấp ủy, chính quyền về công tác dân vận;",
        "- Các hoạt động phải thiết thực, tránh hình thức.",
        "Song song đó, Kế hoạch đề nghị các chi bộ và Đoàn Thanh niên xã nhân rộng mô hình tiêu biểu.",
    )
    assert _first_words(tasks) == ["Song"]
    assert _responsible(tasks) == [["Chi bộ", "Đoàn Thanh niên xã"]]


def test_bodies_named_as_the_topic_without_a_comma_or_with_whom_they_are_under():
    tasks = _report_tasks(
        "Đảng ủy Khối vừa có công văn về đại hội chi bộ nhiệm kỳ 2027-2029.",
        "Với các đảng ủy cơ sở, chi bộ trực thuộc cần hoàn thành đại hội trong tháng 4/2027.",
        "Đối với những chi bộ trực thuộc Đảng ủy Khối, cần gửi hồ sơ đại hội về Ban Tổ chức trước ngày 15/3/2027.",
    )
    assert _responsible(tasks) == [["Đảng ủy cơ sở", "Chi bộ trực thuộc"], ["Chi bộ trực thuộc"]]
    assert [t.deadline.end for t in tasks] == [date(2027, 4, 30), date(2027, 3, 15)]


def test_a_request_with_its_time_before_the_addressees_is_work():
    tasks = _report_tasks(
        "Sáng 4/5/2027, Thường trực Huyện ủy làm việc với Đảng ủy xã Tân An.",
        "Bí thư Huyện ủy cũng yêu cầu từ nay đến kỳ họp tới các thôn rà soát, xử lý dứt điểm đơn thư tồn đọng.",
    )
    assert _first_words(tasks) == ["Bí"]


def test_a_year_compared_with_is_not_the_year_of_an_undated_quarter():
    tasks = _report_tasks(
        "Ngày 6-7, Đảng ủy Khối Doanh nghiệp họp sơ kết công tác quý II.",
        "Quý II-2027, các doanh nghiệp trong Khối đạt doanh thu tăng 8% so với cùng kỳ năm 2026.",
        "Về nhiệm vụ quý III, Đảng ủy Khối yêu cầu các chi bộ trực thuộc hoàn thành đại hội chi bộ trong quý III.",
    )
    assert [(t.deadline.start, t.deadline.end) for t in tasks] == [(date(2027, 7, 1), date(2027, 9, 30))]


def test_an_item_opening_with_whom_its_block_directs_names_who_helps_them():
    roles = find_roles("Chỉ đạo Trạm Y tế xã phối hợp Đồn Biên phòng Bắc Sơn khám sàng lọc cho người dân vùng biên.")
    assert ([b.name for b in roles.responsible], [b.name for b in roles.coordinating]) == ([], ["Đồn Biên phòng Bắc Sơn"])


def test_a_plan_announced_then_asking_its_addressees_and_an_occasion_that_is_no_due_date():
    tasks = _report_tasks(
        "Huyện ủy vừa có kế hoạch thực hiện Chỉ thị số 31-CT/TU của Ban Thường vụ Tỉnh ủy, theo đó yêu cầu "
        "các chi bộ tổ chức quán triệt đến từng đảng viên.",
        "Huyện ủy đề nghị các xã không tổ chức lễ hội đông người trong dịp Tết Nguyên đán năm 2028.",
        "Các chi bộ hoàn thành việc quán triệt trước dịp Tết Nguyên đán năm 2028.",
    )
    assert _responsible(tasks)[0] == ["Chi bộ"]
    assert tasks[1].deadline is None and tasks[2].deadline is not None


def test_a_committees_secretary_told_what_to_do_is_the_one_responsible():
    tasks = _report_tasks(
        "Ban Thường vụ Huyện ủy vừa có kế hoạch tiếp công dân năm 2028.",
        "Theo kế hoạch, đồng chí Bí thư Huyện ủy trực tiếp tiếp công dân vào ngày 15 hằng tháng tại trụ sở Huyện ủy.",
    )
    assert _responsible(tasks) == [["Bí thư Huyện ủy"]]


def test_the_team_and_the_cell_secretary_act_in_a_procedures_steps():
    tasks = _report_tasks(
        "Quy trình kiểm tra gồm các bước sau:",
        "- Đoàn kiểm tra nghiên cứu hồ sơ, tài liệu và lập báo cáo kết quả.",
        "- Bí thư phân công chi ủy viên soạn đề cương sinh hoạt chi bộ hằng tháng.",
    )
    assert _responsible(tasks) == [["Đoàn kiểm tra"], ["Bí thư"]]


def test_an_average_yearly_rate_is_no_rhythm():
    tasks = _report_tasks(
        "Thường trực Đảng ủy phường đề nghị Ủy ban nhân dân phường quản lý tốt các nguồn thu, phấn đấu thu ngân sách tăng "
        "bình quân hằng năm 10%."
    )
    assert tasks[0].deadline is None


def test_an_average_rate_misprinted_by_ocr_and_an_assessments_rhythm_are_no_rhythm():
    tasks = _report_tasks(
        "- Quản lý tốt các nguồn thu; phấn đấu tổng thu ngân sách trên địa bàn tăng bình quần hàng năm 9%.",
        "- Chấn chỉnh chế độ hội họp, thông tin báo cáo; lấy kết quả thực hiện làm một trong những tiêu chí "
        "đánh giá, xếp loại chi bộ, đảng viên hằng tháng, quý và năm.",
        "- Chi bộ sinh hoạt thường kỳ hằng tháng.",
    )
    assert [t.deadline.recurrence if t.deadline else None for t in tasks] == [None, None, "FREQ=MONTHLY"]


def test_a_committee_that_directs_one_sector_leads_with_the_sector_that_acts():
    tasks = _report_tasks(
        "Ban Bí thư chỉ đạo ngành tư pháp rà soát các thủ tục, bảo đảm thống nhất trong cả nước.",
        "Ban Thường vụ Tỉnh ủy chỉ đạo Sở Y tế tăng cường kiểm tra các cơ sở khám bệnh.",
        "Các ngành chức năng tăng cường tuần tra trên các tuyến đường.",
    )
    assert _responsible(tasks) == [
        ["Ban Bí thư", "Ngành tư pháp"],
        ["Ban Thường vụ Tỉnh ủy", "Sở Y tế"],
        ["Ngành chức năng"],
    ]


def test_a_roadmap_of_quarters_is_one_task_per_step_led_by_the_body_that_set_it():
    tasks = _report_tasks(
        "Theo kế hoạch, Đảng ủy phường xác định lộ trình: Trong quý II/2026 chọn hai chi bộ làm điểm. "
        "Sang quý III/2026 sơ kết, rút kinh nghiệm việc làm điểm. Đến quý IV/2026 nhân rộng ra các chi bộ còn lại."
    )
    assert _first_words(tasks) == ["Trong", "Sang", "Đến"]
    assert _responsible(tasks) == [["Đảng ủy phường"]] * 3
    assert [t.deadline.end for t in tasks] == [date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)]


def test_rounds_listed_after_the_paragraph_that_announces_them_are_its_bodys():
    tasks = _report_tasks(
        "Ban Thường vụ Đảng ủy phường chỉ đạo việc kết nạp đảng viên năm 2026 theo 3 đợt, gắn với các ngày lễ lớn.",
        "Đợt 1, thực hiện trong tháng 5/2026, gắn với ngày sinh của Bác; đợt 2, thực hiện trong tháng 9/2026, chào mừng "
        "Đại hội Đoàn phường; ngày truyền thống của Đoàn; đợt 3, thực hiện vào tháng 12/2026.",
    )
    assert [t.text.split(",")[0] for t in tasks] == ["Đợt 1", "đợt 2", "đợt 3"]
    assert _responsible(tasks) == [["Ban Thường vụ Đảng ủy phường"]] * 3
    assert tasks[1].text.endswith("ngày truyền thống của Đoàn")
    assert [t.deadline.start for t in tasks] == [date(2026, 5, 1), date(2026, 9, 1), date(2026, 12, 1)]


def test_a_time_adverbial_after_a_body_is_no_predicate_of_it():
    roles = find_roles("Chú ý các kiến nghị với huyện, Trung ương thời gian tới.")
    assert roles.responsible == ()
    roles = find_roles("Ban Dân vận Huyện ủy thời gian tới tập trung nắm tình hình nhân dân.")
    assert [b.name for b in roles.responsible] == ["Ban Dân vận Huyện ủy"]


def test_the_leaders_of_a_body_asking_keep_their_paragraph_whole_and_a_speech_caption_is_none():
    tasks = _report_tasks(
        "Sáng 3/2, Đảng ủy Công an tỉnh gặp mặt cán bộ đầu năm.",
        "Lãnh đạo Công an tỉnh yêu cầu các đơn vị giữ vững an ninh trật tự dịp lễ hội. "
        "Tập trung tuần tra, kiểm soát trên các tuyến giao thông trọng điểm.",
        "Lãnh đạo Công an tỉnh phát biểu tại buổi tọa đàm với cán bộ.",
    )
    assert len(tasks) == 1
    assert tasks[0].text.endswith("trọng điểm.")


def test_a_session_reported_and_its_findings_are_no_tasks_its_requests_are():
    tasks = _report_tasks(
        "Từ ngày 3 đến ngày 5/9, Ủy ban Kiểm tra Tỉnh ủy họp kỳ thứ mười. Đồng chí Chủ nhiệm chủ trì kỳ họp.",
        "Ủy ban Kiểm tra Tỉnh ủy kết luận, Ban Thường vụ Đảng ủy xã đã buông lỏng lãnh đạo công tác quản lý đất đai.",
        "Ủy ban Kiểm tra Tỉnh ủy yêu cầu Ban Thường vụ Đảng ủy xã kiểm điểm, làm rõ trách nhiệm của tập thể, cá nhân.",
    )
    assert _responsible(tasks) == [["Ban Thường vụ Đảng ủy xã"]]


def test_the_helpers_of_the_bodies_a_later_clause_directs_coordinate():
    roles = find_roles(
        "Đảng đoàn Hội Nông dân tỉnh định hướng xây dựng mô hình; chỉ đạo các cấp công đoàn tỉnh chủ động "
        "phối hợp với Đoàn Thanh niên, Hội Cựu chiến binh vận động hội viên."
    )
    assert [b.name for b in roles.coordinating] == ["Đoàn Thanh niên", "Hội Cựu chiến binh"]


def test_work_asked_of_the_locality_a_report_is_about_is_a_task():
    tasks = _report_tasks(
        "Sáng 4/3/2026, Thường trực Huyện ủy về thăm và nắm tình hình tại Đảng ủy xã An Phú.",
        "Trưởng đoàn đánh giá năm 2025, Đảng bộ và nhân dân xã đã hoàn thành các chỉ tiêu. Bên cạnh đó, lãnh đạo Huyện ủy "
        "đề nghị địa phương trong năm 2026 "
        "tiếp tục rà soát, hoàn thiện các tiêu chí nông thôn mới nâng cao, chú trọng môi trường",
    )
    assert len(tasks) == 1 and "tiếp tục rà soát" in tasks[0].text
    assert tasks[0].deadline.end == date(2026, 12, 31)


def test_a_named_body_asking_for_work_with_a_verb_the_rules_do_not_list_asks():
    tasks = _report_tasks(
        "Sáng 5/3, Ủy ban Kiểm tra Huyện ủy về kiểm tra tại xã Bình An.",
        "Ủy ban Kiểm tra Huyện ủy yêu cầu thu hồi các quyết định không đúng thẩm quyền, báo cáo kết quả trước ngày 30/6/2026.",
        "Qua xét duyệt, 12 chi bộ đề nghị công nhận 40 đảng viên đủ điều kiện.",
    )
    texts = [t.text for t in tasks]
    assert any(t.startswith("Ủy ban Kiểm tra Huyện ủy yêu cầu thu hồi") for t in texts)
    assert not any("12 chi bộ" in t for t in texts)  # a proposal of what is to be recognised, no work


def test_ordinals_that_each_open_with_work_are_the_works_of_the_paragraph_before():
    tasks = _report_tasks(
        "Ban Thường vụ Đảng ủy phường đã thống nhất chọn hai việc làm trọng tâm trong năm.",
        "Thứ nhất là lãnh đạo hoàn thành chỉnh trang các tuyến phố. Thứ hai là nâng cao chất lượng các buổi tiếp công dân.",
    )
    assert _first_words(tasks) == ["lãnh", "nâng"]


def test_a_caption_printed_twice_targets_and_the_documents_purpose_are_no_tasks():
    tasks = _report_tasks(
        "Ban Tuyên giáo Tỉnh ủy ra hướng dẫn tuyên truyền về chuyển đổi số ở các cơ quan Đảng.",
        "Chuyển đổi số trong cơ quan Đảng.",
        "Chuyển đổi số trong cơ quan Đảng.",
        "Hướng dẫn được ban hành nhằm tạo chuyển biến trong cách làm việc của cán bộ.",
        "Phấn đấu đến năm 2027, tỉnh có 80% hồ sơ công việc được xử lý trên môi trường mạng. Mục tiêu cuối năm 2026 "
        "có 60% cán bộ dùng chữ ký số.",
        "Ban Tuyên giáo Tỉnh ủy yêu cầu các cơ quan báo chí mở chuyên mục về chuyển đổi số.",
    )
    assert [t.text[:22] for t in tasks] == ["Ban Tuyên giáo Tỉnh ủy"] * len(tasks)
    assert any("chuyên mục" in t.text for t in tasks)


def test_work_named_as_a_noun_that_must_be_done_after_a_request_is_a_task_of_no_one():
    tasks = _report_tasks(
        "Tại buổi làm việc, Thường trực Huyện ủy đề nghị các xã khẩn trương hoàn thành kiểm kê đất đai.",
        "Việc kiểm kê phải được tiến hành công khai, đúng quy trình, có sự giám sát của người dân.",
    )
    assert len(tasks) == 2
    assert _responsible(tasks) == [["Xã"], []]


def test_an_organ_of_the_front_and_unions_committee_asks_and_a_congratulation_is_no_task():
    tasks = _report_tasks(
        "Ban Tuyên giáo và Dân vận Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh đề nghị các cấp ủy, tổ chức đảng "
        "tổ chức tốt việc học tập chuyên đề năm 2026.",
        "Tại đại hội, đồng chí Phó Bí thư Tỉnh ủy đề nghị trong thời gian tới Đảng bộ phường An Lạc tập trung chỉnh trang đô thị.",
        "Lãnh đạo tỉnh chúc mừng Đại hội Đảng bộ phường An Lạc lần thứ nhất.",
    )
    assert _responsible(tasks) == [["Cấp ủy", "Tổ chức đảng"], ["Đảng bộ phường An Lạc"]]


def test_a_duty_stated_as_what_was_decided_to_be_the_task_is_a_task():
    tasks = _report_tasks(
        "Ngày 8/1, Đảng ủy phường Tân Lập tổ chức hội nghị tổng kết năm 2025.",
        "Theo đồng chí Bí thư, nhiệm vụ then chốt được xác định là tiếp tục chỉnh trang đô thị, giữ gìn vệ sinh môi trường.",
    )
    assert len(tasks) == 1 and tasks[0].text.startswith("Theo đồng chí Bí thư")


def test_what_a_supervision_is_for_is_no_task():
    tasks = _report_tasks(
        "Ban Thường vụ Huyện ủy vừa ban hành Kế hoạch giám sát việc thực hiện Chỉ thị 35-CT/TW.",
        "Theo đó, đợt giám sát nhằm: Đánh giá rõ những việc đã làm được, chỉ ra hạn chế và nguyên nhân.",
        "Thường trực Huyện ủy đề nghị các chi bộ được giám sát chuẩn bị báo cáo, gửi Đoàn giám sát trước ngày 15/5/2026.",
    )
    assert len(tasks) == 1 and tasks[0].deadline.end == date(2026, 5, 15)


def test_steering_committees_members_their_place_and_a_dated_request():
    tasks = _report_tasks(
        "Ngày 5/6, Ban Chỉ đạo 35 tỉnh họp phiên thường kỳ.",
        "Lãnh đạo Sở Văn hóa đã thông báo kết quả quý I tại phiên họp.",
        "Đồng chí Trưởng ban đề nghị thành viên Ban Chỉ đạo 35 tỉnh nắm chắc tình hình dư luận ở lĩnh vực phụ trách.",
        "Năm 2026, Ban Chỉ đạo 35 của huyện Thạch An tiếp tục xây dựng lực lượng cộng tác viên.",
        "Thường trực Ban Chỉ đạo tỉnh về cải cách hành chính đề nghị đến hết quý III/2026, kết thúc rà soát ba thủ tục.",
    )
    assert _responsible(tasks) == [
        ["Thành viên Ban Chỉ đạo 35 tỉnh"],
        ["Ban Chỉ đạo 35"],
        [],
    ]
    assert tasks[2].text.startswith("Thường trực Ban Chỉ đạo tỉnh")  # (the work asked, no addressee)


def test_a_tally_of_results_that_ends_with_work_from_now_on_is_a_task_from_that_sentence():
    tasks = _report_tasks(
        "Tính đến cuối tháng 10, toàn huyện có 212 trong 260 chi bộ đã họp đại hội. Từ nay đến hết "
        "năm 2026, các đảng ủy xã tiếp tục chỉ đạo các chi bộ còn lại tổ chức đại hội.",
        "Tại phiên họp, Bí thư Đảng ủy phường yêu cầu Trung tâm phục vụ hành chính công phường chú trọng rút "
        "ngắn thời gian giải quyết hồ sơ. Đồng thời, đề nghị lãnh đạo phường chú trọng xử lý vi phạm trật tự đô thị.",
    )
    assert tasks[0].text.startswith("Từ nay đến hết năm 2026")
    assert tasks[0].deadline.end == date(2026, 12, 31)
    assert _responsible(tasks)[0] == ["Đảng ủy xã", "Chi bộ"]  # (the committees and the cells they direct)
    assert ["Trung tâm Phục vụ hành chính công phường"] in _responsible(tasks)


def test_a_report_after_the_list_an_intro_opened_is_read_on_its_own():
    tasks = _report_tasks(
        "Ban Thường vụ Đảng ủy xã yêu cầu các chi bộ làm tốt những việc sau:",
        "Rà soát danh sách hộ nghèo trước ngày 20/6/2026;",
        "Tổ chức sinh hoạt chuyên đề quý II.",
        "Buổi làm việc kết thúc trong không khí cởi mở.",
        "Cuộc thi là dịp để đoàn viên tìm hiểu lịch sử địa phương.",
    )
    assert _first_words(tasks) == ["Rà", "Tổ"]


def test_from_now_in_a_report_without_a_date_has_no_start_day():
    tasks = _report_tasks(
        "Chiều 5/6, Đảng ủy xã Tân Phú họp sơ kết công tác năm 2026.",
        "Bí thư Đảng ủy xã nhấn mạnh, từ nay đến ngày 30/9, các chi bộ phải hoàn thành đại hội nhiệm kỳ 2026 - 2031.",
    )
    assert (tasks[0].deadline.start, tasks[0].deadline.end) == (None, date(2026, 9, 30))


def test_a_day_an_event_is_to_be_held_after_a_cited_conclusion_is_its_time():
    tasks = _report_tasks(
        "Tại Kết luận 21-KL/HU, Ban Thường vụ Huyện ủy giao các đảng ủy xã tổ chức lễ ra mắt các chi bộ mới "
        "về sắp xếp thôn, tổ dân phố vào ngày 15/8/2026, bảo đảm trang trọng, tiết kiệm.",
        "Bên cạnh đó, tại Kết luận 22-KL/HU, Thường trực Huyện ủy yêu cầu rà soát lại chương trình buổi lễ.",
    )
    assert tasks[0].deadline.end == date(2026, 8, 15)
    assert _responsible(tasks) == [["Đảng ủy xã"], []]  # (a request of its own, naming no one)


def test_a_report_due_at_a_meeting_and_an_order_of_its_own_under_an_intro():
    tasks = _report_tasks(
        "Cụ thể đối với việc sắp xếp bộ máy trong năm 2026, giao Đảng ủy Ủy ban nhân dân tỉnh:",
        "Chỉ đạo Sở Nội vụ hoàn thiện phương án sắp xếp, trình Thường trực Tỉnh ủy tại phiên họp ngày 12/3/2026.",
        "Thường trực Tỉnh ủy đồng thời giao Văn phòng Tỉnh ủy nắm tình hình, tổng hợp vướng mắc.",
    )
    assert tasks[0].deadline.end == date(2026, 3, 12)
    assert tasks[1].deadline is None  # (an order of its own: the intro's year is not its time)


def test_a_committee_noting_work_is_not_its_own_addressee():
    tasks = _report_tasks(
        "Ban Thường vụ Tỉnh ủy quán triệt mục tiêu giữ nhịp tăng trưởng, bảo đảm an sinh cho người dân.",
        "Trong điều hành, Ban Thường vụ Tỉnh ủy lưu ý ưu tiên vốn cho các công trình chuyển tiếp.",
    )
    assert _responsible(tasks)[-1] == []

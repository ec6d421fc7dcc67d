"""Reader errors in Vietnamese at the app boundary: every entry's examples, the fallback, the upload page."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_app_pages import app_env, db, open_page  # noqa: F401 - fixtures

from app_lib.messages import DATA, file_error, translate
from pipeline.errors import DocumentError

ENTRIES = yaml.safe_load(Path(DATA).read_text(encoding="utf-8"))["messages"]


@pytest.mark.parametrize("example", [e for entry in ENTRIES for e in entry["examples"]], ids=lambda e: e["en"][:40])
def test_every_example(example):
    assert translate(example["en"]) == example["vi"]


def test_schema():
    for entry in ENTRIES:
        assert set(entry) == {"en", "vi", "examples"} and entry["examples"], entry


def test_unknown_text_is_kept_not_hidden():
    assert translate("a brand new failure") == "không xử lý được tệp (a brand new failure)"


def test_file_error_has_reason_and_hint_but_no_path():
    err = DocumentError("/srv/uploads/x.pdf", "the PDF is encrypted (password protected)",
                        "open it with the password and save an unprotected copy")
    line = file_error(err)
    assert line == "tệp PDF được đặt mật khẩu — hãy mở bằng mật khẩu rồi lưu một bản không đặt mật khẩu"
    assert "/srv" not in line


def test_real_reader_errors_are_translated(tmp_path):
    from pipeline.readers import load_document

    cases = {"empty.txt": b"", "fake.pdf": b"PK\x03\x04 not a pdf", "bin.txt": b"\x00\x01\x02" * 50}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(DocumentError) as caught:
            load_document(tmp_path / name)
        assert not file_error(caught.value).startswith("không xử lý được tệp ("), (name, caught.value)


def test_upload_page_speaks_vietnamese(app_env):  # noqa: F811 - pytest fixture
    at = open_page("upload")
    at.file_uploader[0].upload("rong.pdf", b"this is not a pdf", "application/pdf").run()
    at.button(key="upload_go").click().run()
    line = next(e.value for e in at.error if "rong.pdf" in e.value)
    assert "không phải tệp PDF hợp lệ" in line or "không hỗ trợ" in line, line
    assert "not a" not in line.split("—")[0]


def test_document_view_marks_only_the_chosen_mention_and_speaks_vietnamese():
    from app_lib import appdata

    text = "Chi bộ chủ trì tổ chức sinh hoạt chi bộ hằng quý."
    record = {"tasks": [{"start": 0, "end": len(text), "section": "1", "responsible": ["Chi bộ"],
                         "deadline": {"text": "hằng quý", "recurrence": "FREQ=MONTHLY;INTERVAL=3",
                                      "start": None, "end": "2030-03-31"}}]}
    marks = appdata.highlights_for(record, text)
    assert [(m.start, m.end) for m in marks if m.kind == "body"] == [(0, 6)]
    deadline = next(m for m in marks if m.kind == "deadline")
    assert deadline.title == "… → 31/03/2030 · hằng quý"

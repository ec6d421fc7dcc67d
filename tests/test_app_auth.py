"""Sign-in and roles in the app (AppTest): anonymous → sign-in page, editor scoped to its body, viewer read only."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_app_pages import APP, app_env, db, private_db, texts  # noqa: F401 - fixtures

from pipeline.accounts import add_account
from pipeline.store import Store

PASSWORD = "mat-khau-dai"
PROPAGANDA = "Ban Tuyên giáo Tỉnh ủy"


@pytest.fixture
def accounts_db(private_db):  # noqa: F811 - pytest fixture
    """A database of its own with an editor of the propaganda board, a viewer and an admin."""
    with Store(private_db) as store:
        add_account(store, "tuyengiao", "editor", PASSWORD, [PROPAGANDA])
        add_account(store, "xem", "viewer", PASSWORD)
        add_account(store, "quantri", "admin", PASSWORD)
    return private_db


def sign_in(name: str, password: str = PASSWORD) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def status_pickers(at: AppTest) -> list:
    """The status radio of the edit form (absent when the account may not edit the chosen task)."""
    return [r for r in at.radio if (r.key or "").startswith("tasks_new_status_")]


def test_anonymous_visitor_gets_only_the_sign_in_page(accounts_db):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert [t.value for t in at.title] == ["Đăng nhập"]
    assert "nhiệm vụ phù hợp" not in texts(at)
    with pytest.raises(Exception):  # noqa: B017 - the task pages are not routed at all
        at.switch_page("app_pages/tasks.py").run()


def test_wrong_password_is_refused_in_vietnamese(accounts_db):
    at = sign_in("tuyengiao", "sai-mat-khau")
    assert [t.value for t in at.title] == ["Đăng nhập"]
    assert "Sai tên đăng nhập hoặc mật khẩu" in texts(at)


def test_editor_lands_on_its_open_tasks_and_its_change_is_signed(accounts_db):
    at = sign_in("tuyengiao")
    assert [t.value for t in at.title] == ["Nhiệm vụ"]
    assert at.multiselect(key="tasks_body").value == [PROPAGANDA]
    assert at.multiselect(key="tasks_status").value == ["chưa hoàn thành"]
    assert "tuyengiao · biên tập · " + PROPAGANDA in texts(at)
    status_pickers(at)[0].set_value("hoàn thành")
    next(b for b in at.button if b.label == "Lưu").click().run()
    assert not at.exception
    with Store(accounts_db) as store:
        done = store.query_tasks(body=PROPAGANDA, status="hoàn thành")
        assert len(done) == 1
        assert store.history(done[0]["task_key"])[-1]["user"] == "tuyengiao"


def test_editor_cannot_edit_another_bodys_task(accounts_db):
    at = sign_in("tuyengiao")
    at.multiselect(key="tasks_body").set_value(["Ban Tổ chức Tỉnh ủy"]).run()
    assert not status_pickers(at)
    assert "biên tập chỉ cập nhật nhiệm vụ do " + PROPAGANDA in texts(at)


def test_viewer_reads_but_cannot_edit_or_upload(accounts_db):
    at = sign_in("xem")
    assert [t.value for t in at.title] == ["Tổng quan"]
    at.switch_page("app_pages/tasks.py").run()
    assert "nhiệm vụ phù hợp" in texts(at)
    assert not status_pickers(at)
    assert "chỉ xem" in texts(at)


def test_admin_may_upload_and_sign_out_returns_to_sign_in(accounts_db):
    at = sign_in("quantri")
    at.switch_page("app_pages/upload.py").run()
    assert "Nhập vào cơ sở dữ liệu" in [b.label for b in at.button]
    at.button(key="sign_out").click().run()
    assert [t.value for t in at.title] == ["Đăng nhập"]


def test_server_listens_on_this_machine_unless_configured():
    root = Path(APP).parent
    config = tomllib.loads((root / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert '--server.address "${ADDRESS}"' in (root / "run.sh").read_text(encoding="utf-8")


def test_after_saving_the_picker_and_form_show_the_new_status(accounts_db):
    at = sign_in("quantri")
    at.switch_page("app_pages/tasks.py").run()
    picked = at.selectbox(key="tasks_pick").value
    status_pickers(at)[0].set_value("đang thực hiện")
    next(b for b in at.button if b.label == "Lưu").click().run()
    assert at.selectbox(key="tasks_pick").value == picked
    label = at.selectbox(key="tasks_pick").options[at.selectbox(key="tasks_pick").index]
    assert label.startswith("[đang thực hiện]") and status_pickers(at)[0].value == "đang thực hiện"
    assert "Đã lưu: đang thực hiện." in texts(at)
    history = at.dataframe[-1].value
    assert list(history["Người sửa"]) == ["quantri"] and list(history["Mới"]) == ["đang thực hiện"]

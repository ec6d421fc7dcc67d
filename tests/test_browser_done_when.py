"""Done when (issue "tracker an office can run"), in headless Chromium against `streamlit run app.py`.

An anonymous request gets the sign-in page; an editor of "Ban Tuyên giáo Tỉnh ủy" lands on its
open tasks, subscribes to its body's calendar feed, marks a dated task done, and sees the feed,
the calendar and the progress report change; a viewer cannot edit.
"""

from __future__ import annotations

import time
import urllib.request

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from test_app_done_when import propaganda_plan
from test_browser_app import (
    ARTIFACTS,
    ROOT,
    WAIT_SECONDS,
    By,
    WebDriverWait,
    _wait_for_texts,
    browser,  # noqa: F401 - fixture
    fill_database,
    serve_app,
)

from pipeline.accounts import add_account
from pipeline.ics import event_uid
from pipeline.store import Store

pytestmark = pytest.mark.browser
BODY = "Ban Tuyên giáo Tỉnh ủy"
PASSWORD = "mat-khau-dai"


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The app on a database with an editor of BODY and a viewer; yields (url, the June 2030 task)."""
    tmp = tmp_path_factory.mktemp("office")
    db = tmp / "directives.db"
    with fill_database(db) as store:
        store.ingest(propaganda_plan())
        add_account(store, "tuyengiao", "editor", PASSWORD, [BODY])
        add_account(store, "xem", "viewer", PASSWORD)
        task = store.query_tasks(body=BODY, due_from="2030-06-01", due_to="2030-06-30")[0]
    with serve_app(db, tmp) as url:
        yield url, task
    for feed in (ROOT / "static" / "feeds").glob("ban-tuyen-giao-tinh-uy-*.ics"):
        with Store(db) as store:  # only the feed this test's database made
            if store.conn.execute("SELECT 1 FROM calendar_feeds WHERE ? LIKE '%' || token || '.ics'",
                                  (feed.name,)).fetchone():
                feed.unlink()


def until(driver, condition):
    """Wait for `condition(driver)` to be truthy; an element replaced by a Streamlit rerun is retried."""
    return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.3,
                         ignored_exceptions=(StaleElementReferenceException, NoSuchElementException,
                                             StopIteration)).until(condition)


def clicked(element) -> bool:
    element.click()
    return True


def click_button(driver, label: str) -> None:
    until(driver, lambda d: clicked(next(
        b for b in d.find_elements(By.CSS_SELECTOR, "button") if b.text.strip().endswith(label))))


def go(driver, title: str, texts: list[str]) -> None:
    """Follow the sidebar link to a page (keeps the signed-in session, unlike loading a URL)."""
    link = WebDriverWait(driver, WAIT_SECONDS).until(lambda d: next(
        (a for a in d.find_elements(By.CSS_SELECTOR, "[data-testid='stSidebarNavLink']")
         if a.text.strip().splitlines()[-1:] == [title]),
        None))
    link.click()
    _wait_for_texts(driver, texts)


def type_into(driver, label: str, text: str, key: str = "\ue007") -> None:
    """Replace a text box's content (Ctrl+A) and press `key` (Enter; Tab inside a form, not to submit it)."""
    box = WebDriverWait(driver, WAIT_SECONDS).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f"input[aria-label='{label}']"))
    box.click()
    box.send_keys("\ue009a")
    box.send_keys(text + key)


def choose(driver, label: str, typed: str, option_text: str) -> None:
    """Pick an option of the select box whose label is `label`, typing to narrow the list."""
    def field(d):
        boxes = d.find_elements(By.CSS_SELECTOR, "[data-testid='stSelectbox']")
        box = next(b for b in boxes if (b.text.strip().splitlines() or [""])[0].strip() == label)
        return box.find_element(By.CSS_SELECTOR, "input")

    until(driver, lambda d: clicked(field(d)))
    field(driver).send_keys(typed)
    until(driver, lambda d: clicked(next(
        o for o in d.find_elements(By.CSS_SELECTOR, "[role='option']") if option_text in o.text)))


def fresh_visit(driver, url: str) -> None:
    """Open the app as someone new: no session cookie left from an earlier test.

    The app's page is left first, so none of its scripts can write the cookie back while it is
    being cleared.
    """
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.get(url)


def sign_in(driver, url: str, name: str) -> None:
    fresh_visit(driver, url)
    _wait_for_texts(driver, ["Đăng nhập", "Mật khẩu"])
    type_into(driver, "Tên đăng nhập", name, key="\ue004")  # Tab
    type_into(driver, "Mật khẩu", PASSWORD, key="\ue004")
    click_button(driver, "Đăng nhập")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return resp.read()


def metric(driver, label: str) -> str | None:
    """The value shown by the metric `label`, None while it is not on the page."""
    for block in driver.find_elements(By.CSS_SELECTOR, "[data-testid='stMetric']"):
        lines = block.text.splitlines()
        if len(lines) > 1 and lines[0].strip() == label:
            return lines[1].strip()
    return None


def open_month(driver, year: int, month: int, task_text: str | None) -> str:
    type_into(driver, "Năm", str(year))
    choose(driver, "Tháng", f"Tháng {month}", f"Tháng {month}")
    _wait_for_texts(driver, [f"Tháng {month}/{year}"])
    time.sleep(1.0)  # the grid is drawn in the same rerun; let it settle
    return driver.find_element(By.TAG_NAME, "body").text


def test_anonymous_request_gets_the_sign_in_page(office, browser):  # noqa: F811 - fixture
    url, _ = office
    fresh_visit(browser, url)
    for path in ("", "nhiem-vu", "tien-do"):
        browser.get(f"{url}/{path}")
        _wait_for_texts(browser, ["Đăng nhập", "Mật khẩu"])
        assert "nhiệm vụ phù hợp" not in browser.find_element(By.TAG_NAME, "body").text
    icons = browser.execute_script(
        "return [...document.querySelectorAll(\"link[rel~='icon']\")].map(l => l.href)")
    assert icons and all(i.startswith(url) or i.startswith("data:") for i in icons), icons  # no CDN favicon
    until(browser, lambda d: d.execute_script("return document.documentElement.lang") == "vi")


def test_editor_marks_done_and_feed_calendar_and_report_follow(office, browser):  # noqa: F811 - fixture
    url, task = office
    sign_in(browser, url, "tuyengiao")
    _wait_for_texts(browser, ["nhiệm vụ phù hợp", "tuyengiao · biên tập · " + BODY])
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "Tải lên" not in page  # uploads are for admins
    go(browser, "Tiến độ", ["Tiến độ theo cơ quan", "Chi tiết một cơ quan"])
    done_before = until(browser, lambda d: metric(d, "Đã hoàn thành"))

    go(browser, "Lịch", ["Lịch", "Lấy địa chỉ đăng ký lịch"])
    assert task["text"][:20] in open_month(browser, 2030, 6, task["text"])
    click_button(browser, "Lấy địa chỉ đăng ký lịch")
    address = WebDriverWait(browser, WAIT_SECONDS).until(lambda d: next(
        (c.text.strip() for c in d.find_elements(By.CSS_SELECTOR, "[data-testid='stCode'] code")
         if "/app/static/feeds/" in c.text), None))
    assert event_uid(task).encode() in fetch(url + address)  # what a subscribed calendar app reads

    go(browser, "Nhiệm vụ", ["nhiệm vụ phù hợp", "Cập nhật trạng thái"])
    choose(browser, "Nhiệm vụ (trong trang đang xem)", task["text"][:25], task["text"][:40])
    _wait_for_texts(browser, ["Thời hạn: " + task["deadline_text"]])  # the form now edits that task
    until(browser, lambda d: clicked(next(
        lab for lab in d.find_elements(By.CSS_SELECTOR, "[role='radiogroup'] label") if lab.text.strip() == "hoàn thành")))
    click_button(browser, "Lưu")
    _wait_for_texts(browser, ["Đã lưu: hoàn thành."])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "editor-da-luu.png"))

    until(browser, lambda d: event_uid(task).encode() not in fetch(url + address))  # it left the subscribed feed
    go(browser, "Lịch", ["Lịch", "Lấy địa chỉ đăng ký lịch"])
    assert task["text"][:20] not in open_month(browser, 2030, 6, None)  # and the calendar
    go(browser, "Tiến độ", ["Tiến độ theo cơ quan", "Chi tiết một cơ quan"])
    until(browser, lambda d: metric(d, "Đã hoàn thành") == str(int(done_before) + 1))
    browser.save_screenshot(str(ARTIFACTS / "tien-do.png"))


def test_viewer_cannot_edit(office, browser):  # noqa: F811 - fixture
    url, _ = office
    sign_in(browser, url, "xem")
    _wait_for_texts(browser, ["Tổng quan", "xem · chỉ xem"])
    go(browser, "Nhiệm vụ", ["nhiệm vụ phù hợp", "Bạn chỉ được xem nhiệm vụ này"])
    buttons = [b.text.strip() for b in browser.find_elements(By.CSS_SELECTOR, "button")]
    assert "Lưu" not in buttons


def test_a_reload_keeps_the_sign_in_and_sign_out_ends_it(office, browser):  # noqa: F811 - fixture
    url, _ = office
    sign_in(browser, url, "xem")
    _wait_for_texts(browser, ["xem · chỉ xem"])
    until(browser, lambda d: any(c["name"] == "directives_session" for c in d.get_cookies()))
    browser.get(f"{url}/tien-do")  # a new page load: a new Streamlit session
    _wait_for_texts(browser, ["Tiến độ theo cơ quan", "xem · chỉ xem"])
    click_button(browser, "Đăng xuất")
    _wait_for_texts(browser, ["Đăng nhập", "Mật khẩu"])
    browser.get(f"{url}/tien-do")  # the token was revoked on the server, whatever the cookie says
    _wait_for_texts(browser, ["Đăng nhập", "Mật khẩu"])

"""End-to-end: the real app in headless Chromium, every page opened, waited for, checked and photographed.

Needs Debian `chromium` + `chromium-driver` and selenium; skipped cleanly without them.
Screenshots go to tests/artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip("chromium / chromedriver not installed", allow_module_level=True)
selenium = pytest.importorskip("selenium")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_app_pages import fill_database  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
WAIT_SECONDS = 60

# url path -> texts that must be visible once the page has rendered
PAGES = [
    ("", ["Tổng quan", "Văn bản được trích dẫn nhiều nhất", "Nhiệm vụ theo cơ quan chủ trì"]),
    ("nhiem-vu", ["nhiệm vụ phù hợp", "Cơ quan chủ trì", "Cập nhật trạng thái", "Tải Excel (XLSX)"]),
    ("lich", ["Lịch", "Thứ Hai", "Tải lịch (.ics)"]),
    ("do-thi", ["Đồ thị trích dẫn", "Chọn văn bản"]),
    ("van-ban", ["Mục lục", "Nội dung"]),
    ("tai-len", ["Tải lên văn bản", "Nhập vào cơ sở dữ liệu"]),
]


RUNNING: dict[str, Path] = {}  # the database behind the running app, set by the app_url fixture


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """A running `streamlit run app.py` on a free local port with a fresh database."""
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "directives.db"
    fill_database(db).close()
    RUNNING["db"] = db  # for tests that look up document ids
    with serve_app(db, tmp) as url:
        yield url


@contextlib.contextmanager
def serve_app(db: Path, tmp: Path):
    """`streamlit run app.py` on the database, on a free local port, until the block ends."""
    port = _free_port()
    env = dict(os.environ, DIRECTIVES_DB=str(db), DIRECTIVES_UPLOADS=str(tmp / "uploads"))
    log = open(tmp / "streamlit.log", "w")  # noqa: SIM115 - closed in teardown
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            pytest.fail(f"streamlit did not start: {(tmp / 'streamlit.log').read_text()[-2000:]}")
        time.sleep(0.3)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    downloads = tmp_path_factory.mktemp("downloads")
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1100",
        "--lang=vi",
        f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_SECONDS)
    driver.downloads = downloads
    yield driver
    driver.quit()


def _wait_for_texts(driver, texts: list[str]) -> None:
    def all_visible(d) -> bool:
        body = d.find_element(By.TAG_NAME, "body").text
        return all(t in body for t in texts) and "Running" not in body[:200]

    try:
        WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.5).until(all_visible)
    except Exception:
        body = driver.find_element(By.TAG_NAME, "body").text
        missing = [t for t in texts if t not in body]
        raise AssertionError(f"missing on page: {missing}\n---\n{body[:1500]}") from None


@pytest.mark.parametrize(("path", "texts"), PAGES, ids=[p or "tong-quan" for p, _ in PAGES])
def test_page_renders_in_browser(app_url, browser, path, texts):
    browser.get(f"{app_url}/{path}")
    _wait_for_texts(browser, texts)
    time.sleep(1.0)  # let charts and the graph component finish drawing before the screenshot
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "Traceback" not in body and "Error" not in body[:300]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / f"{path or 'tong-quan'}.png"))


def test_graph_draws_offline(app_url, browser):
    """The agraph component (bundled, no CDN) draws a canvas inside its iframe."""
    browser.get(f"{app_url}/do-thi")
    _wait_for_texts(browser, ["Chọn văn bản"])
    frame = WebDriverWait(browser, WAIT_SECONDS).until(lambda d: [  # the graph's, not the page-language one
        f for f in d.find_elements(By.TAG_NAME, "iframe") if "agraph" in (f.get_attribute("title") or "")])[0]
    browser.switch_to.frame(frame)
    try:
        WebDriverWait(browser, WAIT_SECONDS).until(lambda d: d.find_elements(By.TAG_NAME, "canvas"))
    finally:
        browser.switch_to.default_content()
    time.sleep(2.0)  # physics settles
    browser.save_screenshot(str(ARTIFACTS / "do-thi-canvas.png"))


def test_document_page_highlights_and_links(app_url, browser):
    browser.get(f"{app_url}/van-ban?doc=1")
    _wait_for_texts(browser, ["Mục lục"])
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".doc-text .hl-task")
    )
    assert browser.find_elements(By.CSS_SELECTOR, ".doc-text .hl-citation")
    assert not browser.find_elements(By.CSS_SELECTOR, ".doc-text script")


def test_citation_link_opens_cited_document(app_url, browser):
    """A citation in the text links to the cited document's page (query parameter doc=ID)."""
    from pipeline.store import Store

    docs = Store(RUNNING["db"]).documents()
    markup = next(d["id"] for d in docs if d["source"] == "xss.txt")
    cited = next(d["id"] for d in docs if d["number"] == "15-NQ/TU")
    browser.get(f"{app_url}/van-ban?doc={markup}")
    _wait_for_texts(browser, ["Mục lục"])
    link = WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".doc-text a")
    )[0]
    link.click()
    _wait_for_texts(browser, ["Chương trình hành động 15-NQ/TU"])
    assert f"doc={cited}" in browser.current_url


def test_tasks_filter_by_body_in_browser(app_url, browser):
    """Type a body into the multiselect and see the count change, as a staff member would."""
    browser.get(f"{app_url}/nhiem-vu")
    _wait_for_texts(browser, ["nhiệm vụ phù hợp"])
    before = _count(browser)
    box = WebDriverWait(browser, WAIT_SECONDS).until(  # the sidebar renders after the page's text on a busy machine
        lambda d: d.find_element(By.CSS_SELECTOR, "section[data-testid='stSidebar'] input[role='combobox']")
    )
    box.click()
    box.send_keys("Ban Tuyên giáo")
    option = WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: next(
            (o for o in d.find_elements(By.CSS_SELECTOR, "[role='option']") if "Tuyên giáo" in o.text), None
        )
    )
    option.click()
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: _count(d) not in (None, before))
    assert 0 < _count(browser) < before
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "nhiem-vu-loc.png"))


def _count(driver) -> int | None:
    for line in driver.find_element(By.TAG_NAME, "body").text.splitlines():
        if "nhiệm vụ phù hợp" in line:
            return int(line.split()[0].replace(".", ""))
    return None


@pytest.mark.parametrize(("button", "suffix", "check"), [
    ("Tải CSV", ".csv", lambda data: data.decode("utf-8-sig").splitlines()[0].count(",") >= 5),
    ("Tải lịch (.ics)", ".ics", lambda data: data.startswith(b"BEGIN:VCALENDAR") and b"BEGIN:VEVENT" in data),
    ("Tải Excel (XLSX)", ".xlsx", lambda data: data[:2] == b"PK"),
])
def test_task_exports_download_in_browser(app_url, browser, button, suffix, check):
    """The export buttons build their file on click (deferred data) and the browser saves it."""
    browser.get(f"{app_url}/nhiem-vu")
    _wait_for_texts(browser, [button])
    before = set(browser.downloads.iterdir())
    target = next(b for b in browser.find_elements(By.CSS_SELECTOR, "button") if b.text.strip().endswith(button))
    target.click()

    def saved(_driver):
        new = [p for p in browser.downloads.iterdir() if p not in before and p.suffix == suffix]
        return new[0] if new else None

    path = WebDriverWait(browser, WAIT_SECONDS).until(saved)
    assert check(path.read_bytes())

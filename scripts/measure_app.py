"""Time the app's interactions in a real browser (headless Chromium), as the README reports them.

    .venv/bin/python -m pipeline make-db --documents 10000 --out /tmp/big.db
    echo "$PASSWORD" | .venv/bin/python -m pipeline users add do-kiem --role editor \
        --body "Ban Tuyên giáo Tỉnh ủy" --password-stdin --db /tmp/big.db
    MEASURE_PASSWORD="$PASSWORD" .venv/bin/python scripts/measure_app.py --db /tmp/big.db --user do-kiem

Each figure is the time from the action (page load, click, typing) until the text that only the
finished page shows is on screen; the server's resident memory is read at the end. Needs Debian
chromium + chromium-driver and selenium (installed by scripts/setup.sh).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120


@contextlib.contextmanager
def server(db: Path) -> Iterator[tuple[str, int]]:
    """The app on `db` at a free local port; yields (url, pid)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tempfile.NamedTemporaryFile("w", suffix=".log", delete=False)  # noqa: SIM115 - kept for reading
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env=dict(os.environ, DIRECTIVES_DB=str(db)))
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(TIMEOUT * 4):
            with contextlib.suppress(OSError), urllib.request.urlopen(url + "/_stcore/health", timeout=1):
                break
            time.sleep(0.25)
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def chromium() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,1100", "--lang=vi"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shows(*texts: str) -> Callable[[webdriver.Chrome], bool]:
    def check(driver: webdriver.Chrome) -> bool:
        body = driver.find_element(By.TAG_NAME, "body").text
        return all(t in body for t in texts) and "Running..." not in body

    return check


def timed(driver: webdriver.Chrome, action: Callable[[], object], done: Callable) -> float:
    start = time.perf_counter()
    action()
    WebDriverWait(driver, TIMEOUT, poll_frequency=0.05,
                  ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(done)
    return time.perf_counter() - start


def click(driver: webdriver.Chrome, css: str, text: str) -> None:
    """Click the first element matching `css` whose visible text ends with `text`."""
    for element in driver.find_elements(By.CSS_SELECTOR, css):
        if element.text.strip().splitlines()[-1:] == [text] or element.text.strip().endswith(text):
            element.click()
            return
    raise NoSuchElementException(text)


def fill(driver: webdriver.Chrome, label: str, value: str) -> None:
    """Type into a text box; Tab, not Enter, which would submit the sign-in form half filled."""
    box = driver.find_element(By.CSS_SELECTOR, f"input[aria-label='{label}']")
    box.click()
    box.send_keys("\ue009a")  # Ctrl+A (released at the end of this call)
    box.send_keys(value + "\ue004")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(url: str, pid: int, user: str | None, password: str) -> list[tuple[str, float]]:
    """Every interaction once, in the order an editor would do them."""
    driver, out = chromium(), []
    nav = "[data-testid='stSidebarNavLink']"
    month = date.today().replace(day=1)
    nxt = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    try:
        if user:
            out.append(("first load (sign-in page, cold server)", timed(driver, lambda: driver.get(url),
                                                                         shows("Mật khẩu"))))
            fill(driver, "Tên đăng nhập", user)
            fill(driver, "Mật khẩu", password)
            out.append(("sign in → the editor's open tasks", timed(
                driver, lambda: click(driver, "button", "Đăng nhập"), shows("nhiệm vụ phù hợp", "Cập nhật trạng thái"))))
        else:
            out.append(("first load (tasks page, cold server)", timed(
                driver, lambda: driver.get(url + "/nhiem-vu"), shows("nhiệm vụ phù hợp"))))
        steps = [
            ("progress page, first time", lambda: click(driver, nav, "Tiến độ"), shows("Chi tiết một cơ quan", "Ngày lập")),
            ("tasks page again", lambda: click(driver, nav, "Nhiệm vụ"), shows("nhiệm vụ phù hợp", "Cập nhật trạng thái")),
            ("mark the chosen task 'đang thực hiện' and save", lambda: (
                click(driver, "[role='radiogroup'] label", "đang thực hiện"), click(driver, "button", "Lưu")),
             shows("Đã lưu: đang thực hiện.")),
            ("progress page, after the change", lambda: click(driver, nav, "Tiến độ"), shows("Chi tiết một cơ quan")),
            ("calendar page", lambda: click(driver, nav, "Lịch"), shows("thời hạn từ", "Lấy địa chỉ đăng ký lịch")),
            ("calendar: next month", lambda: click(driver, "button", "Tháng sau ▶"), shows(f"từ {nxt:%d/%m/%Y}")),
            ("overview page", lambda: click(driver, nav, "Tổng quan"), shows("Văn bản được trích dẫn nhiều nhất")),
            ("document page", lambda: click(driver, nav, "Văn bản"), shows("Mục lục")),
            ("citation graph page, first time", lambda: click(driver, nav, "Đồ thị trích dẫn"),
             shows("Chọn văn bản", "Phạm vi")),
            ("tasks page, third time", lambda: click(driver, nav, "Nhiệm vụ"), shows("nhiệm vụ phù hợp")),
        ]
        for name, action, done in steps:
            out.append((name, timed(driver, action, done)))
        out.append(("server memory (RSS, MB)", rss_mb(pid)))
    finally:
        driver.quit()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--user", help="an editor account (password in $MEASURE_PASSWORD); else open mode")
    args = parser.parse_args()
    with server(args.db) as (url, pid):
        rows = measure(url, pid, args.user, os.environ.get("MEASURE_PASSWORD", ""))
    load = os.getloadavg()[0]
    print(f"| interaction ({date.today():%d/%m/%Y}, load average {load:.1f}) | seconds |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value:.2f} |" if "MB" not in name else f"| {name} | {value:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""End to end in a real browser: headless Chromium (Selenium, Debian's chromium and chromedriver)
driving a real `citetrack serve` on 127.0.0.1. Skips where chromium, chromedriver or selenium
are missing. Screenshots of each page go to test-output/web/ (git-ignored): look at them."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "river-delta-brief.txt"
SHOTS = Path(os.environ.get("CITETRACK_TEST_OUTPUT", REPO / "test-output")) / "web"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
TOKEN = "browser-test-token"
WAIT = 30  # seconds an awaited event may take on a busy machine before the test fails

selenium = pytest.importorskip("selenium", reason="selenium is not installed")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium or chromedriver is not installed")


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def citetrack(db: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "citetrack", "--db", str(db), *args], capture_output=True, text=True,
                          check=True, **kwargs)


@pytest.fixture
def probe(httpserver):
    """A loopback server that records every request: an archived page must never reach it."""
    httpserver.expect_request("/").respond_with_data("")
    return httpserver


@pytest.fixture
def served(tmp_path, probe, snapshot_adder):
    """A store with the example brief and a hostile archived page, served by `citetrack serve`."""
    from citetrack.store import open_store

    db = tmp_path / "db" / "citetrack.db"
    citetrack(db, "ingest", str(EXAMPLE), "--published", "2025-03-12")
    hostile = f"""<!doctype html><html><head><title>Archived</title>
<script>document.title = "PWNED"; fetch("{probe.url_for('/script')}");</script></head>
<body onload="document.body.innerHTML = 'PWNED'"><h1>The archived page</h1>
<p>Surveyors counted the canal gates at Ormund.</p>
<img src="{probe.url_for('/img')}" onerror="document.body.innerHTML = 'PWNED'">
<script>document.body.innerHTML = "PWNED"; new Image().src = "{probe.url_for('/script-img')}";</script>
</body></html>""".encode()
    with open_store(db) as store:
        url = store.query("SELECT url FROM urls ORDER BY id LIMIT 1")[0]["url"]
        snap = snapshot_adder(store, url, hostile, dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc),
                              "The archived page. Surveyors counted the canal gates at Ormund.")
    port, archive_port = free_ports(2)
    server = subprocess.Popen(
        [sys.executable, "-m", "citetrack", "--db", str(db), "serve", "--port", str(port), "--archive-port",
         str(archive_port), "--token", TOKEN],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = server.stdout.readline()  # printed once both servers listen
        assert line.strip() == f"http://127.0.0.1:{port}/ token={TOKEN}", (line, server.stderr.read() if server.poll() is not None else "")
        yield {"base": f"http://127.0.0.1:{port}", "db": db, "snapshot": snap, "archive_port": archive_port}
    finally:
        server.terminate()
        server.wait(timeout=WAIT)


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1300,1000",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except Exception as exc:  # noqa: BLE001 - a chromium that cannot start here is a missing tool
        pytest.skip(f"chromium could not start: {exc}")
    driver.set_page_load_timeout(WAIT)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def wait_for(driver, condition, message: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(condition, message)


def ready(driver) -> None:
    wait_for(driver, lambda d: d.execute_script("return document.body && document.body.dataset.ready === '1'"),
             "the page's script did not start")


def api(driver, path: str):
    return json.loads(driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.text()).then(done);", path))


def press(driver, keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(keys).perform()


def test_dismiss_with_the_keyboard_survives_reload_and_reingest(served, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base = served["base"]
    browser.get(f"{base}/flags?status=all#token={TOKEN}")
    ready(browser)
    assert "token" not in browser.current_url  # taken from the address, kept in the browser
    first = browser.find_elements(By.CSS_SELECTOR, "tr.flag")[0]
    flag_id = first.get_attribute("data-flag-id")
    open_before = int(browser.find_element(By.CSS_SELECTOR, '[data-count="status:open"]').text)
    press(browser, "j")
    assert "current" in first.get_attribute("class")
    press(browser, "d")
    wait_for(browser, lambda d: d.find_element(By.ID, "decide-dialog").get_attribute("open") is not None, "no dialog")
    browser.find_element(By.ID, "decide-by").send_keys("Ana Reviewer")  # asked once: no name is known yet
    browser.find_element(By.ID, "decide-note").send_keys("The date is right: checked the print edition" + Keys.ENTER)
    row = f'tr.flag[data-flag-id="{flag_id}"]'
    wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, row).get_attribute("data-status") == "dismissed",
             "the flag was not dismissed")
    wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, '[data-count="status:open"]').text == str(open_before - 1),
             "the open count did not update")
    browser.save_screenshot(str(SHOTS / "queue-after-dismiss.png"))

    browser.refresh()
    ready(browser)
    cells = browser.find_element(By.CSS_SELECTOR, row)
    assert cells.get_attribute("data-status") == "dismissed"
    assert "Ana Reviewer" in cells.text and "checked the print edition" in cells.text
    assert browser.find_element(By.ID, "reviewer-name").text == "Ana Reviewer"  # remembered by the browser

    citetrack(served["db"], "ingest", str(EXAMPLE), "--published", "2025-03-12")
    browser.refresh()
    ready(browser)
    assert browser.find_element(By.CSS_SELECTOR, row).get_attribute("data-status") == "dismissed"
    flags = {str(f["id"]): f for f in api(browser, "/api/flags?status=all")}
    assert flags[flag_id]["status"] == "dismissed" and flags[flag_id]["decided_by"] == "Ana Reviewer"

    # resolve the next one (no name asked this time), then undo it with u
    second = browser.find_elements(By.CSS_SELECTOR, "tr.flag")[1]
    second_id = second.get_attribute("data-flag-id")
    press(browser, "jj")
    press(browser, "r")
    wait_for(browser, lambda d: d.find_element(By.ID, "decide-note").is_displayed(), "no dialog")
    assert not browser.find_element(By.ID, "decide-by").is_displayed()
    browser.find_element(By.ID, "decide-note").send_keys("fixed in the draft" + Keys.ENTER)
    second_row = f'tr.flag[data-flag-id="{second_id}"]'
    wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, second_row).get_attribute("data-status") == "resolved",
             "not resolved")
    press(browser, "u")
    wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, second_row).get_attribute("data-status") == "open",
             "undo did not reopen the flag")

    press(browser, "/")
    assert browser.switch_to.active_element.get_attribute("id") == "search"


def test_a_post_without_the_token_is_refused(served, browser):
    base = served["base"]
    browser.get(f"{base}/flags")
    ready(browser)
    flag = api(browser, "/api/flags")[0]
    status = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json'},"
        " body: JSON.stringify({note: 'sneaky', by: 'eve'})}).then(r => done(r.status));",
        f"/api/flags/{flag['id']}/dismiss")
    assert status == 403
    assert api(browser, "/api/flags")[0]["status"] == "open"


def test_an_archived_page_with_scripts_runs_none_and_fetches_nothing(served, browser, probe):
    from selenium.webdriver.common.by import By

    browser.get(f"{served['base']}/snapshots/{served['snapshot']}")
    ready(browser)
    frame = browser.find_element(By.ID, "archived-frame")
    assert frame.get_attribute("sandbox") == ""
    assert f":{served['archive_port']}/" in frame.get_attribute("src")
    browser.switch_to.frame(frame)
    wait_for(browser, lambda d: d.execute_script("return document.readyState") == "complete", "the frame did not load")
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "Surveyors counted the canal gates" in body and "PWNED" not in body
    assert browser.title != "PWNED"
    browser.switch_to.default_content()
    assert browser.title != "PWNED"
    browser.save_screenshot(str(SHOTS / "snapshot.png"))
    assert not [request.path for request, _ in probe.log]  # no script ran, no image was fetched


def test_screenshots_of_every_page(served, browser):
    base = served["base"]
    pages = {"documents": "/", "document": "/documents/1", "queue": "/flags", "claim": "/claims/3"}
    for name, path in pages.items():
        browser.get(base + path)
        ready(browser)
        browser.save_screenshot(str(SHOTS / f"{name}.png"))
        assert "Internal Server Error" not in browser.page_source


def test_bulk_dismissal_of_selected_flags_with_one_note_and_a_decision_on_the_claim_page(served, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base = served["base"]
    browser.get(f"{base}/flags?status=all#token={TOKEN}")
    ready(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.flag")
    ids = [row.get_attribute("data-flag-id") for row in rows[:2]]
    press(browser, "jxjx")
    assert browser.find_element(By.ID, "selected-count").text == "2 selected"
    browser.find_element(By.CSS_SELECTOR, 'button[data-bulk="dismiss"][data-scope="selected"]').click()
    wait_for(browser, lambda d: d.find_element(By.ID, "decide-note").is_displayed(), "no dialog")
    browser.find_element(By.ID, "decide-by").send_keys("Bo")
    browser.find_element(By.ID, "decide-note").send_keys("duplicates of the editor's list" + Keys.ENTER)
    for flag_id in ids:
        wait_for(browser, lambda d, f=flag_id: d.find_element(By.CSS_SELECTOR, f'tr.flag[data-flag-id="{f}"]')
                 .get_attribute("data-status") == "dismissed", f"flag {flag_id} not dismissed")
    wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, '[data-count="status:dismissed"]').text == "2",
             "the dismissed count did not update")
    flags = {str(f["id"]): f for f in api(browser, "/api/flags?status=all")}
    assert {flags[i]["note"] for i in ids} == {"duplicates of the editor's list"}

    claim = browser.find_element(By.CSS_SELECTOR, f'tr.flag[data-flag-id="{ids[0]}"] a[href^="/claims/"]').get_attribute("href")
    browser.get(claim)
    ready(browser)
    row = browser.find_element(By.CSS_SELECTOR, f'tr.flag[data-flag-id="{ids[0]}"]')
    row.find_element(By.CSS_SELECTOR, 'button[data-action="reopen"]').click()
    wait_for(browser, lambda d: d.find_element(By.ID, "decide-note").is_displayed(), "no dialog")
    browser.find_element(By.ID, "decide-note").send_keys("needs a second look" + Keys.ENTER)
    wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, f'tr.flag[data-flag-id="{ids[0]}"]')
             .get_attribute("data-status") == "open", "not reopened on the claim page")
    browser.save_screenshot(str(SHOTS / "claim-after-reopen.png"))

"""Accessibility in headless Chromium: axe-core on the review pages, the dashboard and the web chat
(no serious or critical violations), a status change made with the keyboard only, and the
screenshots in docs/screenshots/ (queue, a detail page with linked signals, the dashboard).

axe-core is vendored from npm (tests/support/vendor/axe.min.js, v4.14.1, MPL-2.0, licence beside it):
the test injects it into the page and runs axe.run() with the WCAG 2.x A/AA rules.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.support.fake_rasa import FakeRasa, echo_with_buttons
from tests.support.seed import seed_signals
from tests.support.signals import make_signal, signed_post
from tests.web.test_browser import CHROMIUM, browser, wait_for  # noqa: F401  (the browser fixture)

AXE = Path(__file__).resolve().parents[1] / "support" / "vendor" / "axe.min.js"
# Every run writes them to build/screenshots; SIGNAAL_UPDATE_SCREENSHOTS=1 (make screenshots) refreshes docs/,
# so a test run never leaves the work tree changed.
_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = _ROOT / ("docs" if os.environ.get("SIGNAAL_UPDATE_SCREENSHOTS") == "1" else "build") / "screenshots"
BLOCKING = ("serious", "critical")

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True),
]


def axe_violations(driver):
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))).catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])));"
    )
    return json.loads(result)


def blocking(violations):
    return [v for v in violations if v["impact"] in BLOCKING]


def log_in(driver, live_server, name, password):
    from selenium.webdriver.common.by import By

    driver.get(f"{live_server.url}/login/")
    driver.find_element(By.ID, "id_username").send_keys(name)
    driver.find_element(By.ID, "id_password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()


def linked_trio(client):
    """Three signals at one greenhouse and a fourth a few metres away: the fourth links to three."""
    from intake.signals.models import Signal

    references = []
    for i, (lat, lon) in enumerate(((52.0, 4.2), (52.0003, 4.2), (52.0, 4.2004), (52.0001, 4.2001))):
        payload = make_signal(notes=f"Bezoek {i + 1}: busje AB-123-C bij de kas.")
        payload["context"]["location"] = {"text": "Kwekerij De Groene Kas, Westland", "lat": lat, "lon": lon}
        assert signed_post(client, payload).status_code == 201
        references.append(Signal.objects.get(signal_id=payload["id"]).reference)
    return references


def test_review_pages_and_dashboard_pass_axe_and_are_photographed(browser, live_server, client, supervisor):  # noqa: F811
    from selenium.webdriver.common.by import By

    seed_signals(400, places=40)
    references = linked_trio(client)
    log_in(browser, live_server, "sup1", supervisor[1])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "login": None,
        "queue": "/review/?q=groene+kas",
        "queue-full": "/review/",
        "detail": f"/review/signals/{references[-1]}/",
        "dashboard": "/review/overzicht/",
    }
    found = {}
    for name, path in pages.items():
        if path is None:
            continue
        browser.get(f"{live_server.url}{path}")
        found[name] = blocking(axe_violations(browser))
    # The queue shows the link count, the detail lists the three earlier signals with links.
    browser.get(f"{live_server.url}/review/?q=groene+kas")
    assert "3 eerdere signalen op deze plek" in browser.find_element(By.ID, "queue").text
    browser.save_screenshot(str(SCREENSHOTS / "queue.png"))
    browser.get(f"{live_server.url}/review/signals/{references[-1]}/")
    rows = browser.find_elements(By.CSS_SELECTOR, "#linked-signals tr.linked-earlier a")
    assert sorted(a.text for a in rows) == sorted(references[:3])
    browser.set_window_size(1280, 1400)
    browser.save_screenshot(str(SCREENSHOTS / "detail-linked.png"))
    rows[0].click()
    wait_for(browser, lambda d: d.find_element(By.ID, "signal-reference").text in references[:3])
    browser.get(f"{live_server.url}/review/overzicht/")
    browser.set_window_size(1280, browser.execute_script("return document.documentElement.scrollHeight") + 20)
    assert browser.find_element(By.ID, "chart-priority").is_displayed()
    browser.save_screenshot(str(SCREENSHOTS / "dashboard.png"))
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/login/")
    found["login"] = blocking(axe_violations(browser))
    assert found == {name: [] for name in pages}, json.dumps(found, indent=1)


def test_web_chat_passes_axe(browser, live_server, settings):  # noqa: F811
    from selenium.webdriver.common.by import By

    with FakeRasa(echo_with_buttons) as rasa:
        settings.SIGNAAL_RASA_URL = rasa.url
        settings.SIGNAAL_ACTION_SERVER_URL = rasa.url
        browser.get(f"{live_server.url}/chat")
        assert blocking(axe_violations(browser)) == []
        browser.find_element(By.ID, "chat-input").send_keys("ik heb mogelijk een signaal")
        browser.find_element(By.ID, "chat-send").click()
        wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "button.chat-button"))
        assert blocking(axe_violations(browser)) == []


def test_axe_finds_a_serious_violation_when_there_is_one(browser, live_server):  # noqa: F811
    """The check can fail: an image without alt text and an unlabeled field are found."""
    browser.get(f"{live_server.url}/login/")
    browser.execute_script(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"x.png\"><input type=\"text\">')"
    )
    ids = {v["id"] for v in blocking(axe_violations(browser))}
    assert {"image-alt", "label"} <= ids


def test_a_status_change_with_the_keyboard_only(browser, live_server, client, supervisor):  # noqa: F811
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from intake.signals.models import Signal

    payload = make_signal()
    assert signed_post(client, payload).status_code == 201
    signal = Signal.objects.get(signal_id=payload["id"])
    browser.get(f"{live_server.url}/login/")
    keys = ActionChains(browser)
    # Focus starts on the page; Tab to the username field, type, Tab, type, Enter.
    browser.find_element(By.TAG_NAME, "body")
    for _ in range(30):
        if browser.switch_to.active_element.get_attribute("id") == "id_username":
            break
        keys.send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "id_username"
    keys.send_keys("sup1", Keys.TAB, supervisor[1], Keys.ENTER).perform()
    wait_for(browser, lambda d: "/review/" in d.current_url)
    browser.get(f"{live_server.url}/review/signals/{signal.reference}/")
    for _ in range(200):
        if browser.switch_to.active_element.get_attribute("id") == "status-select":
            break
        ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "status-select"
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "status-submit"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait_for(browser, lambda d: Signal.objects.get(pk=signal.pk).status == "in_review")
    wait_for(browser, lambda d: "In behandeling" in d.find_element(By.ID, "signal-status").text or
             "in_review" != Signal.objects.get(pk=signal.pk).status)

"""The local web chat in headless Chromium (Debian's package) against the real stack."""
from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert CHROMIUM.exists() and CHROMEDRIVER.exists(), "run scripts/ensure_chromium.sh (make test does)"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--no-first-run",
                     "--disable-sync", "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def bot_texts(driver):
    from selenium.webdriver.common.by import By
    return [m.text for m in driver.find_elements(By.CSS_SELECTOR, ".msg.bot")]


def test_officer_chats_and_starts_a_check_in_the_browser(signaal, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{signaal.web_url}/chat")
    browser.find_element(By.ID, "chat-input").send_keys("hallo")
    browser.find_element(By.ID, "chat-send").click()
    WebDriverWait(browser, 60).until(lambda d: any("Signaal" in t for t in bot_texts(d)))
    start = WebDriverWait(browser, 10).until(
        lambda d: next((b for b in d.find_elements(By.CSS_SELECTOR, "button.chat-button") if "check" in b.text.lower()), None))
    before = len(bot_texts(browser))
    start.click()
    # The check starts: the first context question comes back with its option buttons.
    WebDriverWait(browser, 60).until(lambda d: len(bot_texts(d)) > before)
    assert any("geringste aanwijzing" in t for t in bot_texts(browser))
    assert browser.find_elements(By.CSS_SELECTOR, "button.chat-button")

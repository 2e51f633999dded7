"""Browser tests in headless Chromium (Debian's package) against the live server.

A supervisor logs in, opens an urgent signal, changes its status and sees a
note with <script> as text; an officer chats with a stub Rasa on /chat.
"""
import shutil
from pathlib import Path

import pytest

from signaal.labels import label
from tests.support.fake_rasa import echo_with_buttons, fake_rasa_for_web
from tests.support.signals import make_signal, signed_post

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
        "--window-size=1280,1000",
    ):
        options.add_argument(argument)
    driver_path = str(CHROMEDRIVER) if CHROMEDRIVER.exists() else shutil.which("chromedriver")
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def wait_for(driver, condition, timeout=10):
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # The page reloads after a form post: elements of the old page go stale meanwhile.
    ignored = (NoSuchElementException, StaleElementReferenceException)
    return WebDriverWait(driver, timeout, ignored_exceptions=ignored).until(condition)


def test_supervisor_reviews_an_urgent_signal(browser, live_server, client, supervisor):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from intake.signals.models import Signal

    payload = make_signal(notes='<script>document.title="gehackt"</script>Let op', acute_danger=True)
    payload["assessment"]["priority"] = "urgent"
    assert signed_post(client, payload).status_code == 201
    reference = Signal.objects.get(signal_id=payload["id"]).reference

    browser.get(f"{live_server.url}/login/")
    browser.find_element(By.ID, "id_username").send_keys("sup1")
    browser.find_element(By.ID, "id_password").send_keys(supervisor[1])
    browser.find_element(By.ID, "login-submit").click()
    banner = browser.find_element(By.ID, "urgent-banner")
    assert reference in banner.text

    browser.find_element(By.LINK_TEXT, reference).click()
    assert browser.find_element(By.ID, "signal-reference").text == reference
    assert browser.find_element(By.ID, "signal-priority").text.startswith(label("priorities", "urgent"))
    note = browser.find_element(By.ID, "signal-notes")
    assert '<script>document.title="gehackt"</script>Let op' in note.text
    assert browser.title != "gehackt"
    assert not browser.find_elements(By.CSS_SELECTOR, "#signal-notes script")

    Select(browser.find_element(By.ID, "status-select")).select_by_value("in_review")
    browser.find_element(By.ID, "status-submit").click()
    wait_for(browser, lambda d: label("statuses", "in_review") in d.find_element(By.ID, "signal-status").text)
    Select(browser.find_element(By.ID, "status-select")).select_by_value("forwarded_to_investigation")
    browser.find_element(By.ID, "status-submit").click()
    wait_for(browser, lambda d: label("statuses", "forwarded_to_investigation") in d.find_element(By.ID, "signal-status").text)
    assert Signal.objects.get(reference=reference).status == "forwarded_to_investigation"


def test_officer_chats_with_the_assistant(browser, live_server, settings):
    from selenium.webdriver.common.by import By

    with fake_rasa_for_web(settings, echo_with_buttons) as rasa:
        browser.get(f"{live_server.url}/chat")
        browser.find_element(By.ID, "chat-input").send_keys("ik heb mogelijk een signaal")
        browser.find_element(By.ID, "chat-send").click()
        wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#chat-log .msg.bot")) >= 2)
        bot_texts = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#chat-log .msg.bot")]
        assert "U zei: ik heb mogelijk een signaal\nKlopt dat?" in bot_texts
        assert browser.find_element(By.CSS_SELECTOR, "#chat-log .msg.user").text == "ik heb mogelijk een signaal"
        assert browser.find_element(By.ID, "chat-input").get_attribute("value") == ""
        buttons = browser.find_elements(By.CSS_SELECTOR, "button.chat-button")
        assert [b.text for b in buttons] == ["Ja", "Nee"]

        buttons[0].click()
        wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#chat-log .msg.user")) == 2)
        assert browser.find_elements(By.CSS_SELECTOR, "#chat-log .msg.user")[1].text == "Ja"
        assert rasa.bodies[-1]["message"] == "/affirm"
        assert rasa.bodies[0]["sender"] == rasa.bodies[1]["sender"]


def test_chat_keeps_the_text_when_rasa_is_down(browser, live_server, settings):
    from selenium.webdriver.common.by import By

    settings.SIGNAAL_RASA_URL = "http://127.0.0.1:9"  # discard port: nothing answers
    settings.SIGNAAL_RASA_TIMEOUT = 2
    browser.get(f"{live_server.url}/chat")
    browser.find_element(By.ID, "chat-input").send_keys("vrouw zonder paspoort")
    browser.find_element(By.ID, "chat-send").click()
    wait_for(browser, lambda d: "niet bereikbaar" in d.find_element(By.ID, "chat-error").text)
    assert browser.find_element(By.ID, "chat-input").get_attribute("value") == "vrouw zonder paspoort"


def test_the_person_reads_arabic_right_to_left_and_sees_only_their_screens(browser, live_server, settings):
    """JavaScript on: the hand-over reloads the page into the person's view; Arabic lays out right to left."""
    from selenium.webdriver.common.by import By

    from signaal import person_mode

    arabic = person_mode.language("ar")

    def responder(sender, message):
        if message == "/person_start":
            return [{"recipient_id": sender, **person_mode.question_screen(arabic, "papers", 0)}]
        if person_mode.is_private_answer(message):
            return [{"recipient_id": sender, **person_mode.closing_screen(arabic)}]
        if message == "/officer_back":
            return [{"recipient_id": sender, "text": "Je hebt de telefoon terug."}]
        return [{"recipient_id": sender, "text": "Signalen van mensenhandel: geef de telefoon aan de persoon.",
                 "buttons": [{"title": "Telefoon aan de persoon geven", "payload": "/person_start"}]}]

    def direction(element):
        return browser.execute_script("return getComputedStyle(arguments[0]).direction", element)

    with fake_rasa_for_web(settings, responder) as rasa:
        browser.get(f"{live_server.url}/chat")
        browser.find_element(By.ID, "chat-input").send_keys("hallo")
        browser.find_element(By.ID, "chat-send").click()
        wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "button.chat-button"))
        assert direction(browser.find_element(By.CSS_SELECTOR, "#chat-log .msg.bot")) == "ltr"
        browser.find_element(By.CSS_SELECTOR, "button.chat-button").click()
        wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".chat.person-view #chat-log .msg.bot"))
        question = browser.find_element(By.CSS_SELECTOR, "#chat-log .msg.bot")
        assert direction(question) == "rtl"
        assert "mensenhandel" not in browser.find_element(By.TAG_NAME, "body").text.lower()
        buttons = browser.find_elements(By.CSS_SELECTOR, "button.chat-button")
        assert direction(buttons[0]) == "rtl" and direction(buttons[-1]) == "ltr"  # "Terug naar agent" stays Dutch
        buttons[0].click()
        wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#chat-log .msg.user")) == 1)
        assert browser.find_element(By.CSS_SELECTOR, "#chat-log .msg.user").text == "✓"
        wait_for(browser, lambda d: "CoMensha" in d.find_elements(By.CSS_SELECTOR, "#chat-log .msg.bot")[-1].text)
        assert direction(browser.find_elements(By.CSS_SELECTOR, "#chat-log .msg.bot")[-1]) == "rtl"
        browser.find_element(By.CSS_SELECTOR, "button.chat-button").click()
        wait_for(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, ".chat.person-view"))
        wait_for(browser, lambda d: "Je hebt de telefoon terug." in d.find_element(By.ID, "chat-log").text)
        assert "mensenhandel" in browser.find_element(By.ID, "chat-log").text  # the officer's whole chat again

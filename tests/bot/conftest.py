"""One real bot process per test session, against a fake Bot API and a fake Rasa.

Each test uses its own Telegram user ids, so tests do not see each other's
chats; fixtures put the fake Rasa back to normal after every test.
"""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Dict, Iterator

import pytest

from tests.support.fake_rasa import FakeRasa, echo
from tests.support.fake_telegram import FakeTelegram
from tests.support.bot_process import (
    SUPERVISOR_CHAT_ID,
    SignaalBotProcess,
    manage,
    new_enrolment_code,
    pseudonym_of,
    state_env,
)

_user_ids = itertools.count(2001)


@pytest.fixture(scope="session")
def state_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("signaal-bot-state")


@pytest.fixture(scope="session")
def env(state_dir: Path) -> Dict[str, str]:
    environment = state_env(state_dir)
    manage(environment, "migrate", "--noinput", "-v0")
    return environment


@pytest.fixture(scope="session")
def telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        fake.open_chat(SUPERVISOR_CHAT_ID)
        yield fake


@pytest.fixture(scope="session")
def rasa_server() -> Iterator[FakeRasa]:
    fake = FakeRasa().start()
    yield fake
    fake.stop()


@pytest.fixture()
def rasa(rasa_server: FakeRasa) -> Iterator[FakeRasa]:
    yield rasa_server
    rasa_server.responder = echo
    rasa_server.fail_with(None)
    rasa_server.action_server_up = True
    rasa_server.open_checks.clear()
    if rasa_server._server is None:
        rasa_server.start()


@pytest.fixture(scope="session")
def bot_env(env: Dict[str, str], telegram: FakeTelegram, rasa_server: FakeRasa) -> Dict[str, str]:
    environment = dict(env)
    environment.update(
        TELEGRAM_BOT_TOKEN=telegram.token,
        TELEGRAM_API_BASE_URL=telegram.base_url,
        SIGNAAL_RASA_URL=rasa_server.url,
        SIGNAAL_ACTION_SERVER_URL=rasa_server.url,
        SIGNAAL_ACTION_HEALTH_TTL="0",
        SIGNAAL_RASA_TIMEOUT="5",
        SIGNAAL_RASA_RETRY_BASE="0.5",
        SIGNAAL_RASA_RETRY_MAX="1",
        SIGNAAL_NOTIFICATION_INTERVAL="0.5",
        SIGNAAL_LIVE_LOCATION_INTERVAL="0",
        SIGNAAL_SUPERVISOR_CHAT_ID=str(SUPERVISOR_CHAT_ID),
    )
    return environment


@pytest.fixture(scope="session")
def signaal_bot(bot_env: Dict[str, str], telegram: FakeTelegram, state_dir: Path) -> Iterator[SignaalBotProcess]:
    process = SignaalBotProcess(bot_env, state_dir / "bot.log").start()
    try:
        # Ready once it polls for updates.
        telegram.wait_until(lambda: telegram.calls_of("getUpdates") or process.process.poll() is not None,
                            timeout=60, what="the bot to start polling")
        process.assert_running()
        yield process
    finally:
        process.stop()


@pytest.fixture()
def user_id() -> int:
    return next(_user_ids)


@pytest.fixture()
def officer(signaal_bot: SignaalBotProcess, telegram: FakeTelegram, rasa: FakeRasa, env: Dict[str, str],
            user_id: int) -> int:
    """An enrolled officer's Telegram user id; enrolment's own messages already read."""
    telegram.send_command(user_id, "start", new_enrolment_code(env))
    rasa.wait_for_messages(pseudonym_of(user_id), 1)  # the /greet after enrolment
    telegram.wait_for_bot_messages(user_id, 2)  # "aangemeld" + Rasa's greeting
    return user_id

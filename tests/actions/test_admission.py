"""Rasa finishes the messages it has begun before it begins new ones (rasa_runtime.admission):
at most N at once, in order of arrival; a message waiting for the action server gives its
place up, and gets the next one back before any new message."""
from __future__ import annotations

import asyncio

import pytest

from rasa_runtime import admission

pytest.importorskip("rasa")

from rasa.core.agent import Agent  # noqa: E402
from rasa.core.channels.channel import UserMessage  # noqa: E402
from rasa.core.lock_store import InMemoryLockStore  # noqa: E402
from rasa.utils.endpoints import EndpointConfig  # noqa: E402

ACTIONS = EndpointConfig("http://127.0.0.1:9/webhook")


class Processor:
    """Works on a message in steps; a message named `call…` waits for the action server midway."""

    def __init__(self) -> None:
        self.running = 0
        self.most = 0
        self.log = []

    async def step(self, text: str, what: str) -> None:
        self.running += 1
        self.most = max(self.most, self.running)
        self.log.append(f"{what} {text}")
        await asyncio.sleep(0)  # lets the loop run anything that could run now
        self.running -= 1

    async def handle_message(self, message):
        await self.step(message.text, "begin")
        if message.text.startswith("call"):
            await ACTIONS.request(json={"next_action": "validate_checklist_form"})
            await self.step(message.text, "after-call")
        return [{"text": message.text}]


@pytest.fixture()
def agent(monkeypatch):
    async def slow_server(self, *args, **kwargs):
        await asyncio.sleep(0.05)
        return {"events": []}

    monkeypatch.setattr(EndpointConfig, "request", slow_server)
    monkeypatch.setattr(Agent, "handle_message", Agent.handle_message)
    assert admission.install({"SIGNAAL_RASA_CONCURRENCY": "1"}) == 1
    agent = Agent.__new__(Agent)
    agent.tracker_store, agent.lock_store, agent.processor = object(), InMemoryLockStore(), Processor()
    return agent


def say(agent, texts):
    async def main():
        return await asyncio.gather(*(agent.handle_message(UserMessage(t, sender_id=f"officer-{t}")) for t in texts))

    return asyncio.run(main())


def test_one_message_at_a_time_in_order_of_arrival(agent):
    texts = [f"m{i}" for i in range(6)]
    replies = say(agent, texts)
    assert [r[0]["text"] for r in replies] == texts  # every message answered, its own answer
    assert agent.processor.most == 1
    assert agent.processor.log == [f"begin {t}" for t in texts]


def test_a_message_waiting_for_the_action_server_lets_others_in_and_comes_back_first(agent):
    replies = say(agent, ["call-a", "m1", "m2"])
    assert [r[0]["text"] for r in replies] == ["call-a", "m1", "m2"]
    log = agent.processor.log
    assert log[:2] == ["begin call-a", "begin m1"]  # m1 ran while call-a waited
    assert agent.processor.most == 1
    assert "after-call call-a" in log


def test_the_pool_gives_a_freed_place_to_a_returning_message_before_a_new_one():
    async def main():
        pool = admission.Places(1)
        await pool.acquire()
        order = []

        async def new():
            await pool.acquire()
            order.append("new")
            pool.release()

        async def returning():
            await pool.acquire(returning=True)
            order.append("returning")
            pool.release()

        first = asyncio.ensure_future(new())
        await asyncio.sleep(0)
        second = asyncio.ensure_future(returning())
        await asyncio.sleep(0)
        pool.release()
        await asyncio.gather(first, second)
        return order, pool.free

    order, free = asyncio.run(main())
    assert order == ["returning", "new"] and free == 1


def test_no_limit_when_off():
    assert admission.concurrency({"SIGNAAL_RASA_CONCURRENCY": "off"}) is None
    assert admission.concurrency({}) == admission.DEFAULT
    with pytest.raises(ValueError):
        admission.concurrency({"SIGNAAL_RASA_CONCURRENCY": "-1"})

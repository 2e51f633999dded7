"""A fake Telegram Bot API server over real HTTP, for tests of the bot.

It answers the methods the bot uses (getMe, getUpdates with long polling,
sendMessage, editMessageText, editMessageReplyMarkup, answerCallbackQuery,
sendChatAction, setMyCommands, setWebhook, deleteWebhook, ...) the way
Telegram does, including its limits (4096 characters after entity parsing,
64 bytes of callback data, HTML that must parse). A test injects what an
officer does (text, commands, button presses, locations, photos) and reads
what the bot sent. In webhook mode injected updates are POSTed to the
webhook with the secret token header, as Telegram does.

Usage::

    with FakeTelegram() as telegram:
        env["TELEGRAM_API_BASE_URL"] = telegram.base_url
        telegram.send_text(1001, "hallo")
        replies = telegram.wait_for_bot_messages(1001, 1)

Standard library only, threads only, so any test (sync or async) can use it.
"""
from __future__ import annotations

import copy
import html.parser
import itertools
import json
import queue
import threading
import time
import urllib.error
import urllib.request
from email.parser import BytesParser
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

MESSAGE_LIMIT = 4096
CALLBACK_DATA_LIMIT = 64
# Parameters Telegram takes as strings; every other form value is JSON.
_STRING_PARAMS = {
    "text", "parse_mode", "action", "callback_query_id", "url", "secret_token", "caption",
    "language_code", "inline_message_id", "certificate", "ip_address", "emoji",
}
_HTML_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "code": "code", "pre": "pre",
    "a": "text_link", "tg-spoiler": "spoiler", "blockquote": "blockquote", "span": "spoiler",
}


class ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _HtmlToEntities(html.parser.HTMLParser):
    """Telegram's HTML parse mode: visible text plus entities, or an error."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.entities: List[Dict[str, Any]] = []
        self._open: List[Tuple[str, int, Dict[str, Any]]] = []

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        if tag not in _HTML_TAGS:
            raise ApiError(400, f"Bad Request: can't parse entities: unsupported start tag \"{tag}\"")
        self._open.append((tag, utf16_len(self.text), dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1][0] != tag:
            raise ApiError(400, f"Bad Request: can't parse entities: unexpected end tag \"{tag}\"")
        _, start, attrs = self._open.pop()
        length = utf16_len(self.text) - start
        if length:
            entity: Dict[str, Any] = {"type": _HTML_TAGS[tag], "offset": start, "length": length}
            if tag == "a":
                entity["url"] = attrs.get("href", "")
            self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        self.text += data

    def finish(self) -> Tuple[str, List[Dict[str, Any]]]:
        self.close()
        if self._open:
            raise ApiError(400, f"Bad Request: can't parse entities: unclosed tag \"{self._open[-1][0]}\"")
        return self.text, sorted(self.entities, key=lambda e: e["offset"])


def parse_text(text: str, parse_mode: Optional[str]) -> Tuple[str, List[Dict[str, Any]]]:
    if (parse_mode or "").upper() == "HTML":
        parser = _HtmlToEntities()
        parser.feed(text)
        return parser.finish()
    if parse_mode:
        raise ApiError(400, f"Bad Request: fake server supports only HTML, not {parse_mode}")
    return text, []


class FakeTelegram:
    """The fake Bot API; `base_url` is what the bot takes as TELEGRAM_API_BASE_URL."""

    def __init__(self, token: str = "123456:TEST-token_for-signaal", bot_username: str = "signaal_test_bot",
                 port: int = 0) -> None:
        self.token = token
        self.bot_user = {
            "id": int(token.split(":")[0]), "is_bot": True, "first_name": "Signaal",
            "username": bot_username, "can_join_groups": False,
            "can_read_all_group_messages": False, "supports_inline_queries": False,
        }
        self._port = port
        self._server: Optional[ThreadingHTTPServer] = None
        self._thread: Optional[threading.Thread] = None
        self._changed = threading.Condition()
        self._ids = itertools.count(1)
        self._pending: List[Dict[str, Any]] = []
        self._chats: Dict[int, List[Dict[str, Any]]] = {}  # chat id -> every message, both sides
        self.calls: List[Tuple[str, Dict[str, Any]]] = []
        self.callback_answers: Dict[str, Dict[str, Any]] = {}
        self.commands: Dict[str, List[Dict[str, Any]]] = {}
        self.webhook: Dict[str, Any] = {"url": "", "secret_token": None}
        self.webhook_deliveries: List[Tuple[int, int]] = []  # (update_id, HTTP status)
        self.blocked_chats: set = set()  # chats whose user blocked the bot: sendMessage answers 403
        self._webhook_queue: "queue.Queue[Optional[Dict[str, Any]]]" = queue.Queue()
        self._webhook_thread: Optional[threading.Thread] = None

    # -- server ----------------------------------------------------------------------

    def start(self) -> "FakeTelegram":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls between header and body

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                self._answer()

            def do_POST(self) -> None:
                self._answer()

            def _answer(self) -> None:
                status, body = fake._dispatch(self.path, self.headers, self._body())
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (cancelled request)
                    pass

            def _body(self) -> bytes:
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), Handler)
        self._server.daemon_threads = True
        self._port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-telegram", daemon=True)
        self._thread.start()
        self._webhook_thread = threading.Thread(target=self._push_webhooks, name="fake-telegram-webhook", daemon=True)
        self._webhook_thread.start()
        return self

    def stop(self) -> None:
        with self._changed:
            self._changed.notify_all()
        if self._server:
            self._server.shutdown()
            self._server.server_close()
        self._webhook_queue.put(None)

    def __enter__(self) -> "FakeTelegram":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/bot"

    # -- HTTP dispatch ---------------------------------------------------------------

    def _dispatch(self, path: str, headers: Any, body: bytes) -> Tuple[int, Dict[str, Any]]:
        parts = urlsplit(path)
        segments = parts.path.strip("/").split("/")
        if len(segments) != 2 or not segments[0].startswith("bot"):
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        if segments[0][3:] != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = segments[1]
        params = dict(parse_qsl(parts.query))
        params.update(self._params(headers, body))
        params = {key: self._decode(key, value) for key, value in params.items()}
        handler = getattr(self, "_api_" + method, None)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        with self._changed:
            self.calls.append((method, copy.deepcopy(params)))
            self._changed.notify_all()
        try:
            return 200, {"ok": True, "result": handler(params)}
        except ApiError as error:
            return error.code, {"ok": False, "error_code": error.code, "description": error.description}

    @staticmethod
    def _params(headers: Any, body: bytes) -> Dict[str, Any]:
        content_type = headers.get("Content-Type", "")
        if not body:
            return {}
        if content_type.startswith("application/json"):
            return json.loads(body)
        if content_type.startswith("multipart/form-data"):
            message = BytesParser(policy=default_policy).parsebytes(
                b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
            )
            return {
                part.get_param("name", header="content-disposition"): part.get_content()
                for part in message.iter_parts()
            }
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))

    @staticmethod
    def _decode(key: str, value: Any) -> Any:
        if not isinstance(value, str) or key in _STRING_PARAMS:
            return value
        try:
            return json.loads(value)
        except ValueError:
            return value

    # -- Bot API methods -------------------------------------------------------------

    def _api_getMe(self, params: Dict[str, Any]) -> Dict[str, Any]:
        return self.bot_user

    def _api_getUpdates(self, params: Dict[str, Any]) -> List[Dict[str, Any]]:
        if self.webhook["url"]:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        with self._changed:
            if offset:
                self._pending = [u for u in self._pending if u["update_id"] >= offset]
            while not self._pending and time.monotonic() < deadline and self._server is not None:
                self._changed.wait(max(0.0, min(0.5, deadline - time.monotonic())))
            return copy.deepcopy(self._pending[:limit])

    def _api_setWebhook(self, params: Dict[str, Any]) -> bool:
        with self._changed:
            self.webhook = {"url": params.get("url", ""), "secret_token": params.get("secret_token")}
        return True

    def _api_deleteWebhook(self, params: Dict[str, Any]) -> bool:
        with self._changed:
            self.webhook = {"url": "", "secret_token": None}
            if params.get("drop_pending_updates"):
                self._pending.clear()
        return True

    def _api_getWebhookInfo(self, params: Dict[str, Any]) -> Dict[str, Any]:
        return {"url": self.webhook["url"], "has_custom_certificate": False,
                "pending_update_count": len(self._pending)}

    def _api_setMyCommands(self, params: Dict[str, Any]) -> bool:
        self.commands[params.get("language_code") or ""] = params.get("commands") or []
        return True

    def _api_deleteMyCommands(self, params: Dict[str, Any]) -> bool:
        self.commands.pop(params.get("language_code") or "", None)
        return True

    def _api_getMyCommands(self, params: Dict[str, Any]) -> List[Dict[str, Any]]:
        return self.commands.get(params.get("language_code") or "", [])

    def _api_sendChatAction(self, params: Dict[str, Any]) -> bool:
        self._chat_id(params)
        return True

    def _api_sendMessage(self, params: Dict[str, Any]) -> Dict[str, Any]:
        chat_id = self._chat_id(params)
        if chat_id in self.blocked_chats:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        text, entities = self._checked_text(params)
        markup = self._checked_markup(params.get("reply_markup"))
        message = self._new_message(chat_id, self.bot_user, text=text)
        if entities:
            message["entities"] = entities
        if markup:
            message["reply_markup"] = markup
        return self._remember(chat_id, message)

    def _api_editMessageText(self, params: Dict[str, Any]) -> Dict[str, Any]:
        message = self._bot_message(params)
        text, entities = self._checked_text(params)
        markup = self._checked_markup(params.get("reply_markup"))
        if text == message.get("text") and entities == message.get("entities", []) and markup == message.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        with self._changed:
            message["text"] = text
            message["entities"] = entities
            message["edit_date"] = int(time.time())
            if markup:
                message["reply_markup"] = markup
            else:
                message.pop("reply_markup", None)
            self._changed.notify_all()
            return copy.deepcopy(message)

    def _api_editMessageReplyMarkup(self, params: Dict[str, Any]) -> Dict[str, Any]:
        message = self._bot_message(params)
        markup = self._checked_markup(params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        with self._changed:
            if markup:
                message["reply_markup"] = markup
            else:
                message.pop("reply_markup", None)
            message["edit_date"] = int(time.time())
            self._changed.notify_all()
            return copy.deepcopy(message)

    def _api_answerCallbackQuery(self, params: Dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id"))
        with self._changed:
            if query_id not in self.callback_answers:
                raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
            if self.callback_answers[query_id] is not None:
                raise ApiError(400, "Bad Request: query is already answered")
            self.callback_answers[query_id] = params
            self._changed.notify_all()
        return True

    def _api_close(self, params: Dict[str, Any]) -> bool:
        return True

    def _api_logOut(self, params: Dict[str, Any]) -> bool:
        return True

    # -- checks as Telegram makes them -----------------------------------------------

    def _chat_id(self, params: Dict[str, Any]) -> int:
        try:
            chat_id = int(params["chat_id"])
        except (KeyError, TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat_id is empty") from None
        if chat_id not in self._chats:
            raise ApiError(400, "Bad Request: chat not found")
        return chat_id

    @staticmethod
    def _checked_text(params: Dict[str, Any]) -> Tuple[str, List[Dict[str, Any]]]:
        text, entities = parse_text(str(params.get("text") or ""), params.get("parse_mode"))
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(text) > MESSAGE_LIMIT:
            raise ApiError(400, "Bad Request: message is too long")
        return text, entities

    @staticmethod
    def _checked_markup(markup: Any) -> Optional[Dict[str, Any]]:
        if not markup:
            return None
        if isinstance(markup, str):
            markup = json.loads(markup)
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not (1 <= len(str(data).encode("utf-8")) <= CALLBACK_DATA_LIMIT):
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return markup if markup.get("inline_keyboard") else None

    def _bot_message(self, params: Dict[str, Any]) -> Dict[str, Any]:
        chat_id = self._chat_id(params)
        message_id = int(params.get("message_id") or 0)
        for message in self._chats[chat_id]:
            if message["message_id"] == message_id and message["from"]["id"] == self.bot_user["id"]:
                return message
        raise ApiError(400, "Bad Request: message to edit not found")

    # -- the officer's side: injecting updates ---------------------------------------

    @staticmethod
    def user(user_id: int, first_name: str = "Agent", language_code: str = "nl") -> Dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": language_code}

    def _new_message(self, chat_id: int, sender: Dict[str, Any], **content: Any) -> Dict[str, Any]:
        return {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Agent"},
            "from": sender,
            **content,
        }

    def _remember(self, chat_id: int, message: Dict[str, Any]) -> Dict[str, Any]:
        with self._changed:
            self._chats.setdefault(chat_id, []).append(message)
            self._changed.notify_all()
            return copy.deepcopy(message)

    def open_chat(self, chat_id: int) -> None:
        """Make a chat known (e.g. the supervisors' group) so the bot may write to it."""
        with self._changed:
            self._chats.setdefault(chat_id, [])

    def inject(self, update: Dict[str, Any]) -> int:
        """Queue a raw update (any kind); its update_id is set here and returned."""
        with self._changed:
            update = dict(update, update_id=next(self._ids))
            if self.webhook["url"]:
                self._webhook_queue.put(copy.deepcopy(update))
            else:
                self._pending.append(update)
            self._changed.notify_all()
            return update["update_id"]

    def _from_user(self, user_id: int, **content: Any) -> Dict[str, Any]:
        message = self._remember(user_id, self._new_message(user_id, self.user(user_id), **content))
        self.inject({"message": message})
        return message

    def send_text(self, user_id: int, text: str) -> Dict[str, Any]:
        """The officer types `text`; a leading /command is marked as Telegram does."""
        content: Dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
        return self._from_user(user_id, **content)

    def send_command(self, user_id: int, command: str, *args: str) -> Dict[str, Any]:
        return self.send_text(user_id, " ".join(["/" + command.lstrip("/"), *args]))

    def send_location(self, user_id: int, latitude: float, longitude: float,
                      live_period: Optional[int] = None) -> Dict[str, Any]:
        place: Dict[str, Any] = {"latitude": latitude, "longitude": longitude}
        if live_period:
            place["live_period"] = live_period
        return self._from_user(user_id, location=place)

    def move_live_location(self, user_id: int, message: Dict[str, Any], latitude: float, longitude: float) -> int:
        """A live location moves: Telegram sends an edited_message."""
        edited = dict(message, edit_date=int(time.time()))
        edited["location"] = dict(message["location"], latitude=latitude, longitude=longitude)
        return self.inject({"edited_message": edited})

    def send_photo(self, user_id: int) -> Dict[str, Any]:
        size = {"file_id": "photo-file", "file_unique_id": "photo-unique", "width": 640, "height": 480}
        return self._from_user(user_id, photo=[size])

    def send_document(self, user_id: int, file_name: str = "verslag.pdf") -> Dict[str, Any]:
        document = {"file_id": "doc-file", "file_unique_id": "doc-unique", "file_name": file_name,
                    "mime_type": "application/pdf"}
        return self._from_user(user_id, document=document)

    def send_voice(self, user_id: int) -> Dict[str, Any]:
        return self._from_user(user_id, voice={"file_id": "voice-file", "file_unique_id": "voice-unique",
                                               "duration": 3})

    def press_button(self, user_id: int, message: Dict[str, Any], title: Optional[str] = None,
                     callback_data: Optional[str] = None) -> str:
        """Press the button titled `title` (or send `callback_data` as a bad client could)."""
        current = self.message(user_id, message["message_id"])
        if callback_data is None:
            buttons = [b for row in (current.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]
            matching = [b for b in buttons if b["text"] == title]
            if not matching:
                raise AssertionError(f"no button {title!r} on message {message['message_id']}")
            callback_data = matching[0]["callback_data"]
        query_id = str(next(self._ids))
        with self._changed:
            self.callback_answers[query_id] = None
        self.inject({"callback_query": {
            "id": query_id, "from": self.user(user_id), "message": current,
            "chat_instance": f"ci-{user_id}", "data": callback_data,
        }})
        return query_id

    # -- reading what the bot did ----------------------------------------------------

    def message(self, chat_id: int, message_id: int) -> Dict[str, Any]:
        with self._changed:
            for message in self._chats.get(chat_id, []):
                if message["message_id"] == message_id:
                    return copy.deepcopy(message)
        raise KeyError(message_id)

    def bot_messages(self, chat_id: int) -> List[Dict[str, Any]]:
        """Messages the bot sent to `chat_id`, in order, as they are now (after edits)."""
        with self._changed:
            return [copy.deepcopy(m) for m in self._chats.get(chat_id, []) if m["from"]["id"] == self.bot_user["id"]]

    def calls_of(self, method: str) -> List[Dict[str, Any]]:
        with self._changed:
            return [copy.deepcopy(params) for name, params in self.calls if name == method]

    def wait_until(self, condition: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
        """Block until `condition()` is truthy and return it; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                result = condition()
                if result:
                    return result
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out waiting for {what}")
                self._changed.wait(min(remaining, 0.2))

    def wait_for_bot_messages(self, chat_id: int, count: int, timeout: float = 10.0) -> List[Dict[str, Any]]:
        """The first `count` messages the bot sent to `chat_id`, once there are that many."""
        messages = self.wait_until(
            lambda: (lambda ms: ms if len(ms) >= count else None)(self.bot_messages(chat_id)),
            timeout, f"{count} bot messages in chat {chat_id}",
        )
        return messages[:count]

    def wait_for_answer(self, query_id: str, timeout: float = 10.0) -> Dict[str, Any]:
        return self.wait_until(lambda: self.callback_answers.get(query_id), timeout, f"answer to query {query_id}")

    # -- webhook mode ----------------------------------------------------------------

    def _push_webhooks(self) -> None:
        while True:
            update = self._webhook_queue.get()
            if update is None:
                return
            headers = {"Content-Type": "application/json"}
            if self.webhook.get("secret_token"):
                headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
            request = urllib.request.Request(self.webhook["url"], data=json.dumps(update).encode(),
                                             headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0
            with self._changed:
                self.webhook_deliveries.append((update["update_id"], status))
                self._changed.notify_all()

// Progressive enhancement of /chat: send without reloading the page.
// Without JavaScript the same form posts to /chat and the page reloads.
(function () {
  "use strict";
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-input");
  var log = document.getElementById("chat-log");
  var errorBox = document.getElementById("chat-error");
  var sendButton = document.getElementById("chat-send");
  if (!form || !window.fetch) { return; }
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var sendUrl = form.getAttribute("data-send-url");
  var busy = false;
  var personView = log.getAttribute("data-person-view") === "1";

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function addMessage(message) {
    var div = document.createElement("div");
    div.dir = "auto";  // right-to-left languages (Arabic) show right
    div.className = "msg " + (message.who === "user" ? "user" : "bot") + (message.who === "notice" ? " notice" : "");
    div.textContent = message.text;  // text only: officer and bot text never become HTML
    log.appendChild(div);
    if (message.buttons && message.buttons.length) {
      var row = document.createElement("div");
      row.className = "chat-buttons";
      message.buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "chat-button";
        button.dir = "auto";
        button.textContent = b.title;
        button.addEventListener("click", function () { send({payload: b.payload}); });
        row.appendChild(button);
      });
      log.appendChild(row);
    }
  }

  function send(body) {
    if (busy) { return; }
    busy = true;
    sendButton.disabled = true;
    errorBox.textContent = "";
    fetch(sendUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json"},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    }).then(function (result) {
      if (!result.ok) { throw new Error(result.data.error || "fout"); }
      // The phone changed hands: the server shows the person only their own screens.
      if (Boolean(result.data.person_view) !== personView) { window.location.reload(); return; }
      Array.prototype.forEach.call(log.querySelectorAll(".chat-buttons"), function (row) { row.remove(); });
      result.data.messages.forEach(addMessage);
      if (body.message !== undefined) { input.value = ""; }  // cleared only once it has been delivered
      scrollDown();
    }).catch(function (error) {
      errorBox.textContent = error.message && error.message !== "Failed to fetch" ? error.message :
        "De assistent is nu niet bereikbaar. Uw bericht staat nog in het invoerveld; probeer het opnieuw.";
    }).then(function () {
      busy = false;
      sendButton.disabled = false;
      input.focus();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (text) { send({message: text}); }
  });
  // Buttons rendered by the server (page reload) also go through fetch.
  Array.prototype.forEach.call(log.querySelectorAll("button.chat-button"), function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      send({payload: button.value});
    });
  });
  scrollDown();
})();

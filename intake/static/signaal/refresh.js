// The queue refreshes itself every N seconds; a button pauses and resumes it (WCAG 2.2.1: timing adjustable).
// Without JavaScript the page falls back to <noscript><meta http-equiv="refresh"></noscript>.
(function () {
  var control = document.getElementById("refresh-control");
  if (!control) { return; }
  var seconds = parseInt(control.getAttribute("data-seconds"), 10) || 30;
  var paused = window.sessionStorage && sessionStorage.getItem("signaal-refresh-paused") === "1";
  var timer = null;
  function render() {
    control.hidden = false;
    control.setAttribute("aria-pressed", paused ? "true" : "false");
    control.textContent = paused ? "Automatisch verversen hervatten / resume auto-refresh"
                                 : "Automatisch verversen pauzeren / pause auto-refresh";
  }
  function schedule() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!paused) { timer = setTimeout(function () { window.location.reload(); }, seconds * 1000); }
  }
  control.addEventListener("click", function () {
    paused = !paused;
    if (window.sessionStorage) { sessionStorage.setItem("signaal-refresh-paused", paused ? "1" : "0"); }
    render();
    schedule();
  });
  render();
  schedule();
}());

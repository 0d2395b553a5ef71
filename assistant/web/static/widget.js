/* Role Assistant widget: a chat about the jobs its documents describe, for any page.
 *
 *   <script src="https://HOST/widget.js" defer></script>
 *
 * Options (data attributes on the script tag): data-target="#id" renders inline in that
 * element instead of a floating button; data-title, data-greeting, data-color, data-position
 * ("right" or "left"), data-button ("Ask about roles"). CSS custom properties on the page
 * (--ra-color, --ra-font, --ra-radius, --ra-width, --ra-height) theme it too.
 *
 * It talks only to the server it was loaded from (POST <that server>/api/ask), keeps the
 * conversation's questions for follow-ups, holds no secret, and writes every text from the
 * server with textContent, so document text can never become markup. Styles live in a shadow
 * root: the page's CSS does not reach in and the widget's does not leak out.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var base = new URL(".", script.src).href;             // works under a path prefix too
  var opts = script.dataset;
  var title = opts.title || "Role Assistant";
  var greeting = opts.greeting || "Ask me about the ML engineer and data scientist roles.";
  var buttonText = opts.button || "Ask about roles";
  var left = opts.position === "left";
  var uid = "ra" + Math.random().toString(36).slice(2, 8);

  var CSS = [
    ":host{--c:var(--ra-color," + (opts.color ? cssValue(opts.color) : "#4338ca") + ");",
    "--f:var(--ra-font,system-ui,-apple-system,'Segoe UI',sans-serif);--r:var(--ra-radius,12px);",
    "all:initial;font-family:var(--f);font-size:15px;color:#1f2937}",
    "*{box-sizing:border-box}[hidden]{display:none!important}",
    ".launch{position:fixed;bottom:20px;" + (left ? "left" : "right") + ":20px;z-index:2147483000;",
    "background:var(--c);color:#fff;border:0;border-radius:999px;padding:12px 18px;font:600 15px var(--f);",
    "box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}",
    ".launch:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}",
    ".panel{display:flex;flex-direction:column;background:#fff;border:1px solid #e5e7eb;border-radius:var(--r);",
    "overflow:hidden;font-family:var(--f)}",
    ".floating{position:fixed;bottom:76px;" + (left ? "left" : "right") + ":20px;z-index:2147483000;",
    "width:var(--ra-width,380px);height:var(--ra-height,560px);max-width:calc(100vw - 24px);",
    "max-height:calc(100vh - 100px);box-shadow:0 10px 30px rgba(0,0,0,.25)}",
    ".inline{width:100%;height:100%;min-height:320px}",
    ".head{display:flex;align-items:center;gap:8px;background:var(--c);color:#fff;padding:10px 12px}",
    ".head h2{font:600 16px var(--f);margin:0;flex:1}",
    ".head button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.6);border-radius:8px;",
    "padding:3px 8px;font:13px var(--f);cursor:pointer}",
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px}",
    ".msg{max-width:100%;line-height:1.4;overflow-wrap:anywhere}",
    ".user{align-self:flex-end;background:#eef2ff;border-radius:10px;padding:6px 10px;max-width:85%}",
    ".bot .answer{font-weight:600;margin:0 0 4px}",
    ".bot .answer.quote{border-left:3px solid #fbbf24;padding-left:6px}",
    ".note{font-size:12px;color:#6b7280;margin:0 0 4px}",
    ".error{color:#b91c1c}",
    ".passage{border-left:3px solid var(--c);padding:4px 8px;margin:6px 0;font-size:13px}",
    ".src{font-size:12px;color:#6b7280;margin-bottom:2px}",
    "mark{background:#fde68a;color:inherit;padding:0 1px}",
    ".evidence{font-size:12px;color:#374151;margin-top:3px;font-style:italic}",
    "details summary{cursor:pointer;font-size:13px;color:#4b5563}",
    "form{display:flex;gap:6px;padding:10px;border-top:1px solid #e5e7eb}",
    "label.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}",
    "input{flex:1;min-width:0;border:1px solid #d1d5db;border-radius:8px;padding:8px 10px;font:14px var(--f)}",
    "form button{background:var(--c);color:#fff;border:0;border-radius:8px;padding:8px 14px;font:600 14px var(--f);cursor:pointer}",
    "form button[disabled]{opacity:.6;cursor:wait}"
  ].join("");

  function cssValue(v) { return /^[#\w(),.% -]+$/.test(v) ? v : "#4338ca"; }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  var host = el("div");
  host.setAttribute("data-role-assistant", "");
  var root = host.attachShadow({ mode: "open" });
  var style = el("style");
  style.textContent = CSS;
  root.appendChild(style);

  var target = null;
  if (opts.target) {
    try { target = document.querySelector(opts.target); } catch (err) { target = null; }
    if (!target && window.console) {
      console.warn("Role Assistant: data-target " + opts.target + " matches no element; showing the floating button");
    }
  }
  var panel = el("section", "panel " + (target ? "inline" : "floating"));
  if (!target) { panel.setAttribute("role", "dialog"); }
  panel.setAttribute("aria-label", title);
  var head = el("div", "head");
  head.appendChild(el("h2", null, title));
  var reset = el("button", null, "New");
  reset.type = "button";
  reset.setAttribute("aria-label", "Start a new conversation");
  head.appendChild(reset);
  var close = null;
  if (!target) {
    close = el("button", null, "Close");
    close.type = "button";
    close.setAttribute("aria-label", "Close the chat");
    head.appendChild(close);
  }
  var log = el("div", "log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  var form = el("form");
  var label = el("label", "sr", "Your question");
  label.htmlFor = uid;
  var input = el("input");
  input.id = uid;
  input.type = "text";
  input.maxLength = 2000;
  input.autocomplete = "off";
  input.placeholder = "e.g. who deploys models?";
  var send = el("button", null, "Ask");
  send.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(form);

  var launch = null;
  if (target) {
    root.appendChild(panel);
    target.appendChild(host);
  } else {
    launch = el("button", "launch", buttonText);
    launch.type = "button";
    launch.setAttribute("aria-expanded", "false");
    launch.setAttribute("aria-haspopup", "dialog");
    panel.hidden = true;
    root.appendChild(launch);
    root.appendChild(panel);
    (document.body || document.documentElement).appendChild(host);
    launch.addEventListener("click", function () { toggle(panel.hidden); });
    close.addEventListener("click", function () { toggle(false); });
    panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { toggle(false); } });
  }

  function toggle(open) {
    panel.hidden = !open;
    launch.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) { input.focus(); } else { launch.focus(); }
  }

  var history = [];
  function greet() {
    log.textContent = "";
    log.appendChild(el("p", "msg bot note", greeting));
  }
  greet();
  reset.addEventListener("click", function () { history = []; greet(); input.focus(); });

  function passageNode(p) {
    var box = el("div", "passage");
    var src = el("div", "src", p.rank + ". " + p.source + (/^p\. \d+$/.test(p.section) ? ", " : " \u203a ") + p.section);
    box.appendChild(src);
    var text = el("div");
    var i = p.highlight ? p.text.indexOf(p.highlight) : -1;
    if (i >= 0) {
      text.appendChild(document.createTextNode(p.text.slice(0, i)));
      text.appendChild(el("mark", null, p.highlight));
      text.appendChild(document.createTextNode(p.text.slice(i + p.highlight.length)));
    } else {
      text.textContent = p.text;
    }
    box.appendChild(text);
    if (p.evidence) { box.appendChild(el("div", "evidence", "Evidence: \u201c" + p.evidence + "\u201d")); }
    return box;
  }

  var latest = null;  // the newest reply: scrolled to its start, not to the log's end

  function showAnswer(r) {
    var msg = el("div", "msg bot");
    latest = msg;
    if (r.resolved_question && r.resolved_question !== r.question) {
      msg.appendChild(el("p", "note", "Understood as \u201c" + r.resolved_question + "\u201d"));
    }
    var list = el("div");
    (r.passages || []).forEach(function (p) { list.appendChild(passageNode(p)); });
    if (r.abstained) {
      msg.appendChild(el("p", "answer", "The documents don't cover this."));
      msg.appendChild(el("p", "note", r.reason || ""));
      if (r.passages && r.passages.length) {
        var more = el("details");
        more.appendChild(el("summary", null, "Possibly related (" + r.passages.length + ")"));
        more.appendChild(list);
        msg.appendChild(more);
      }
    } else {
      // A line quoted from a document ("\u201c...\u201d \u2014 source") is shown as a quotation.
      var quoted = /^\u201c/.test(r.answer || "");
      msg.appendChild(el("p", quoted ? "answer quote" : "answer",
                         r.answer || "No direct answer; these passages are the closest."));
      msg.appendChild(list);
    }
    log.appendChild(msg);
  }

  function showError(text) {
    latest = el("p", "msg bot error", text);
    log.appendChild(latest);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value.trim();
    if (!q || send.disabled) { return; }
    log.appendChild(el("div", "msg user", q));
    input.value = "";
    send.disabled = true;
    log.setAttribute("aria-busy", "true");
    fetch(base + "api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ q: q, history: history.slice(-10) }),
      credentials: "omit"
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (res.ok) {
          history.push(q);
          showAnswer(body);
        } else if (res.status === 429) {
          showError("Too many questions from here in the last minute. Try again in " +
                    (res.headers.get("Retry-After") || "a few") + " seconds.");
        } else {
          showError(body.error || ("The assistant could not answer (HTTP " + res.status + ")."));
        }
      });
    }).catch(function () {
      showError("The assistant cannot be reached from this page. If this page's address is not on the " +
                "server's list of allowed origins, ask its administrator to add it.");
    }).then(function () {
      send.disabled = false;
      log.removeAttribute("aria-busy");
      log.scrollTop = latest ? latest.offsetTop - log.offsetTop - 8 : log.scrollHeight;
      input.focus();
    });
  });
}());

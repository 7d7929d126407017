// kunnskapsgrunnlag web builder: progressive enhancement. Every feature works without this file
// (plain GET forms and links); with it, searching updates as you type, edits to the slide order
// happen without a page jump (the server still computes the result), slides can be dragged, and
// the build page follows its job. Our own code, MIT like the rest of the package.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // The page's texts in its written form (bokmål or nynorsk), from web/texts.py.
  var texts = {};
  try { texts = JSON.parse(document.body.getAttribute("data-tekster") || "{}"); } catch (e) { texts = {}; }
  function t(key, values) {
    var text = texts[key] || "";
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  function fetchHtml(url) {
    return fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.text().then(function (text) { return { url: r.url, text: text }; });
    });
  }

  // --- search as you type -------------------------------------------------------------------
  var form = document.querySelector("form[data-sok]");
  if (form) {
    var input = form.querySelector("input[name=q]");
    var results = document.getElementById("treff");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        var url = new URL(form.getAttribute("data-sok"), window.location.href);
        url.searchParams.set("q", q);
        fetchHtml(url.toString()).then(function (page) {
          results.innerHTML = page.text;
        }).catch(function () { /* the plain form still works */ });
      }, 150);
    });
  }

  // --- the slide editor -----------------------------------------------------------------------
  function say(text) {
    var box = document.getElementById("melding");
    if (box) { box.textContent = ""; setTimeout(function () { box.textContent = text; }, 50); }
  }

  function swapEditor(url, focusId, message) {
    var checked = {};
    document.querySelectorAll("#editor input[type=checkbox]").forEach(function (box) { checked[box.id] = box.checked; });
    return fetchHtml(url).then(function (page) {
      var doc = new DOMParser().parseFromString(page.text, "text/html");
      var fresh = doc.getElementById("editor");
      var editor = document.getElementById("editor");
      if (!fresh || !editor) { window.location.href = page.url; return; }
      editor.innerHTML = fresh.innerHTML;
      // The målform form and the language switch carry the choice too: keep them current.
      var form = document.getElementById("malform-skjema"), freshForm = doc.getElementById("malform-skjema");
      if (form && freshForm) { form.innerHTML = freshForm.innerHTML; }
      var link = document.getElementById("bytt-malform"), freshLink = doc.getElementById("bytt-malform");
      if (link && freshLink) { link.setAttribute("href", freshLink.getAttribute("href")); }
      Object.keys(checked).forEach(function (id) {
        var box = document.getElementById(id);
        if (box) { box.checked = checked[id]; }
      });
      history.replaceState(null, "", page.url.split("#")[0]);
      var target = focusId && document.getElementById(focusId);
      if (target && target.disabled) { target = target.closest("li"); }
      if (target) { target.focus(); }
      if (message) { say(message); }
      bindDrag();
    }).catch(function () { window.location.href = url; });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("#valg button[name=handling]");
    if (!button) { return; }
    event.preventDefault();
    var valg = document.getElementById("valg");
    var params = new URLSearchParams(new FormData(valg));
    params.set("handling", button.value);
    var title = (button.closest("li") || button.closest("section")).querySelector(".tittel, h3");
    var name = title ? title.textContent.trim() : "";
    var verb = button.value.split(":")[0];
    swapEditor(valg.action + "?" + params.toString(), button.id, t(verb) + name);
  });

  // Drag and drop in the ordered list; the server receives the new order as the slide list.
  var dragged = null;
  function bindDrag() {
    var list = document.getElementById("rekkefolge");
    if (!list) { return; }
    list.querySelectorAll("li[draggable]").forEach(function (item) {
      item.addEventListener("dragstart", function (e) {
        dragged = item; item.classList.add("dra");
        e.dataTransfer.effectAllowed = "move"; e.dataTransfer.setData("text/plain", item.dataset.id);
      });
      item.addEventListener("dragend", function () { item.classList.remove("dra"); });
      item.addEventListener("dragover", function (e) { e.preventDefault(); item.classList.add("over"); });
      item.addEventListener("dragleave", function () { item.classList.remove("over"); });
      item.addEventListener("drop", function (e) {
        e.preventDefault(); item.classList.remove("over");
        if (!dragged || dragged === item) { return; }
        var rect = item.getBoundingClientRect();
        var after = e.clientY > rect.top + rect.height / 2;
        list.insertBefore(dragged, after ? item.nextSibling : item);
        var ids = Array.prototype.map.call(list.querySelectorAll("li[data-id]"), function (li) { return li.dataset.id; });
        var valg = document.getElementById("valg");
        var params = new URLSearchParams(new FormData(valg));
        params.set("lysbilder", ids.join(","));
        var name = dragged.querySelector(".tittel").textContent.trim();
        swapEditor(valg.action + "?" + params.toString(), "rad-" + dragged.dataset.id,
                   t("moved", { name: name, n: ids.indexOf(dragged.dataset.id) + 1 }));
      });
    });
  }
  bindDrag();

  // Slide pictures still being made: try again now and then, and show each when it is ready.
  var tries = 0;
  function fillPictures() {
    var waiting = document.querySelectorAll(".plass[data-bilde]");
    if (!waiting.length || tries++ > 40) { return; }
    waiting.forEach(function (box) {
      var picture = new Image();
      picture.onload = function () {
        picture.alt = box.dataset.alt;
        picture.width = Number(box.dataset.bredde);
        picture.height = Math.round(picture.width * 9 / 16);
        if (box.parentNode) { box.parentNode.replaceChild(picture, box); }
      };
      picture.src = box.dataset.bilde;
    });
    setTimeout(fillPictures, 5000);
  }
  setTimeout(fillPictures, 3000);

  // --- the build page follows its job -------------------------------------------------------
  var status = document.getElementById("status");
  if (status && status.dataset.status) {
    var state = status.dataset.state;
    var poll = function () {
      fetch(status.dataset.status, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (s) {
        status.innerHTML = s.html;
        state = s.state;
        if (state === "queued" || state === "running") { setTimeout(poll, 700); }
        else { var first = status.querySelector("a[download]"); if (first) { first.focus(); } }
      }).catch(function () { setTimeout(poll, 2000); });
    };
    if (state === "queued" || state === "running") { setTimeout(poll, 400); }
  }
})();

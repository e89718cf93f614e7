/* gongkai: reading aids (partials/reading.html). Text size and 关怀模式 are kept in
   localStorage and put onto <html> by the head script before the first paint; this file
   wires the buttons, 打印 and 朗读, the phone drawer's keyboard use, the skip link's focus
   and the tables that scroll sideways. No request leaves the page. */
(function () {
  "use strict";
  var root = document.documentElement;

  function store(key, value) {
    try {
      if (value) localStorage.setItem(key, value);
      else localStorage.removeItem(key);
    } catch (e) { /* storage blocked: the setting lasts for this page */ }
  }

  function pressed(button, on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  /* 字体：大 中 小 */
  var sizes = document.querySelectorAll("button[data-gk-size]");
  function showSize() {
    var size = root.getAttribute("data-gk-size") || "m";
    sizes.forEach(function (b) { pressed(b, b.getAttribute("data-gk-size") === size); });
  }
  sizes.forEach(function (button) {
    button.addEventListener("click", function () {
      var size = button.getAttribute("data-gk-size");
      if (size === "m") root.removeAttribute("data-gk-size");
      else root.setAttribute("data-gk-size", size);
      store("gongkai.size", size === "m" ? "" : size);
      showSize();
    });
  });
  showSize();

  /* 关怀模式: larger text, higher contrast, wider spacing, big targets, no motion */
  var care = document.querySelector("button[data-gk-care]");
  if (care) {
    pressed(care, root.getAttribute("data-gk-care") === "on");
    care.addEventListener("click", function () {
      var on = root.getAttribute("data-gk-care") !== "on";
      if (on) root.setAttribute("data-gk-care", "on");
      else root.removeAttribute("data-gk-care");
      store("gongkai.care", on ? "on" : "");
      pressed(care, on);
    });
  }

  /* 打印 */
  var print = document.querySelector("button[data-gk-print]");
  if (print) print.addEventListener("click", function () { window.print(); });

  /* The printed page carries its address: the QR's caption holds it when the site has a
     site_url; without one, the address the reader opened. */
  var article = document.querySelector(".md-content__inner");
  if (article && !document.querySelector(".gk-qr")) {
    var line = document.createElement("p");
    line.className = "gk-print-address";
    line.textContent = "本页地址：" + location.href;
    article.appendChild(line);
  }

  /* 朗读: the item's title and body, in the browser's own Chinese voice */
  var speak = document.querySelector("button[data-gk-speak]");
  var stop = document.querySelector("button[data-gk-stop]");
  var synth = window.speechSynthesis;
  if (speak && stop && synth && window.SpeechSynthesisUtterance) {
    speak.hidden = false;
    var ended = function () {
      pressed(speak, false);
      stop.hidden = true;
    };
    speak.addEventListener("click", function () {
      if (speak.getAttribute("aria-pressed") === "true") {
        synth.cancel();
        ended();
        return;
      }
      var title = document.querySelector(".md-content__inner h1");
      var body = document.querySelector(".md-content__inner .gk-body");
      var text = [title, body].map(function (el) {
        return el ? el.innerText.trim() : "";
      }).join("\n");
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "zh-CN";
      var voices = synth.getVoices ? synth.getVoices() : [];
      var voice = voices.filter(function (v) { return /^zh[-_]CN/i.test(v.lang); })[0];
      if (voice) utterance.voice = voice;
      utterance.onend = ended;
      utterance.onerror = ended;
      synth.cancel();
      synth.speak(utterance);
      pressed(speak, true);
      stop.hidden = false;
    });
    stop.addEventListener("click", function () {
      synth.cancel();
      ended();
      speak.focus();
    });
    window.addEventListener("pagehide", function () { synth.cancel(); });
  }

  /* The skip link moves the keyboard's focus, not only the view, to the content. */
  var skip = document.querySelector(".md-skip");
  if (skip) {
    skip.addEventListener("click", function () {
      var target = document.getElementById(decodeURIComponent(skip.hash.slice(1)));
      if (!target) return;
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    });
  }

  /* The phone's navigation drawer: the theme opens it with a <label> for a checkbox, which
     the keyboard cannot reach; with JavaScript it becomes a real <button> (a label may not
     take the button role), and the drawer is out of the Tab order while closed
     (gongkai.css). Without JavaScript the label stays and the mouse still opens it. */
  var drawer = document.getElementById("__drawer");
  var label = document.querySelector('.md-header label[for="__drawer"]');
  var nav = document.querySelector(".md-sidebar--primary");
  if (drawer && label && nav) {
    var menu = document.createElement("button");
    menu.type = "button";
    menu.className = label.className + " gk-menu";
    menu.innerHTML = label.innerHTML;
    menu.setAttribute("aria-label", "导航菜单");
    menu.setAttribute("aria-controls", "__drawer");
    label.replaceWith(menu);
    var sync = function () { menu.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); };
    var open = function (on) {
      drawer.checked = on;
      drawer.dispatchEvent(new Event("change"));
      sync();
    };
    drawer.addEventListener("change", sync);
    sync();
    menu.addEventListener("click", function (event) {
      open(!drawer.checked);
      if (drawer.checked && event.detail === 0) {  /* opened from the keyboard */
        var first = nav.querySelector("a[href]");
        if (first) setTimeout(function () { first.focus(); }, 50);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        open(false);
        menu.focus();
      }
    });
  }

  /* Tables that scroll sideways on a phone: the box takes focus, is named, and shows a
     hint; one that fits is left plain (no Tab stop that does nothing). Checked again
     when the window changes size or the text size does. The annual report's boxes come
     from the build with these attributes, for readers without JavaScript. */
  function scrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap, .gk-report-table").forEach(function (box) {
      var label = box.getAttribute("aria-label") || box.getAttribute("data-gk-label");
      if (label) box.setAttribute("data-gk-label", label);
      var style = getComputedStyle(box).overflowX;
      var wide = (style === "auto" || style === "scroll") && box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("gk-scrolls", wide);
      if (wide) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label || (caption ? caption.textContent.trim() : "表格"));
      } else {
        ["tabindex", "role", "aria-label"].forEach(function (a) { box.removeAttribute(a); });
      }
    });
  }
  /* Material wraps the tables after this script has run: wait for the page to settle. */
  window.addEventListener("load", scrollers);
  window.addEventListener("resize", scrollers);
  new MutationObserver(function () { requestAnimationFrame(scrollers); })
    .observe(root, { attributes: true, attributeFilter: ["data-gk-size", "data-gk-care"] });
})();

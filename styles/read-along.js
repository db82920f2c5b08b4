(function () {
  "use strict";
  var audio = document.getElementById("read-along-audio");
  var panel = document.getElementById("read-along");
  if (!audio || !panel || !window.requestAnimationFrame) { return; }
  var sentences = Array.prototype.slice.call(document.querySelectorAll("[data-begin]"));
  var begins = sentences.map(function (s) { return parseFloat(s.getAttribute("data-begin")); });
  var playButton = document.getElementById("read-along-play");
  var status = document.getElementById("read-along-status");
  var reduced = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  var current = -1;
  // Each sentence's words: a word cut by markup has several pieces, named by the id of its first.
  var wordsOf = sentences.map(function (sentence) {
    var list = [], byId = {};
    Array.prototype.forEach.call(sentence.querySelectorAll("[data-word-begin]"), function (piece) {
      var key = piece.id || piece.getAttribute("data-word");
      if (!byId[key]) {
        byId[key] = {begin: parseFloat(piece.getAttribute("data-word-begin")),
                     end: parseFloat(piece.getAttribute("data-word-end")), pieces: []};
        list.push(byId[key]);
      }
      byId[key].pieces.push(piece);
    });
    return list;
  });
  var wordNow = null;
  var wordSwitch = document.getElementById("read-along-words");
  Array.prototype.forEach.call(panel.querySelectorAll("[hidden]"), function (e) { e.hidden = false; });
  document.documentElement.classList.add("read-along-ready");

  function indexAt(time) {
    var low = 0, high = begins.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (begins[middle] <= time + 0.0005) { found = middle; low = middle + 1; } else { high = middle - 1; }
    }
    return found;
  }
  function keepVisible(element) {
    var box = element.getBoundingClientRect();
    if (box.top < panel.getBoundingClientRect().bottom || box.bottom > window.innerHeight) {
      element.scrollIntoView({block: "center", behavior: reduced && reduced.matches ? "auto" : "smooth"});
    }
  }
  function show(index, follow) {
    if (index === current) { return; }
    if (current >= 0) {
      sentences[current].classList.remove("reading-now");
      sentences[current].removeAttribute("aria-current");
    }
    current = index;
    if (index < 0) { status.textContent = ""; return; }
    sentences[index].classList.add("reading-now");
    sentences[index].setAttribute("aria-current", "true");
    status.textContent = panel.getAttribute("data-status")
      .replace("{n}", String(index + 1)).replace("{total}", String(sentences.length));
    if (follow) { keepVisible(sentences[index]); }
  }
  function showWord(time) {
    var list = current >= 0 && wordSwitch && wordSwitch.checked ? wordsOf[current] : [];
    var found = null;
    for (var k = 0; k < list.length; k++) {
      if (list[k].begin <= time + 0.0005 && time < list[k].end) { found = list[k]; break; }
    }
    if (found === wordNow) { return; }
    if (wordNow) { wordNow.pieces.forEach(function (p) { p.classList.remove("word-now"); }); }
    wordNow = found;
    if (found) { found.pieces.forEach(function (p) { p.classList.add("word-now"); }); }
  }
  function sync() { show(indexAt(audio.currentTime), !audio.paused); showWord(audio.currentTime); }
  function tick() { sync(); if (!audio.paused) { window.requestAnimationFrame(tick); } }
  function seek(index, play) {
    if (!sentences.length) { return; }
    index = Math.max(0, Math.min(sentences.length - 1, index));
    audio.currentTime = begins[index];
    show(index, true);
    if (play) {
      var started = audio.play();
      if (started && started.catch) { started.catch(function () {}); }
    }
  }
  function label() {
    playButton.textContent = panel.getAttribute(audio.paused ? "data-play" : "data-pause");
  }
  audio.addEventListener("timeupdate", sync);
  audio.addEventListener("seeked", sync);
  audio.addEventListener("play", function () { label(); window.requestAnimationFrame(tick); });
  audio.addEventListener("pause", label);
  audio.addEventListener("ended", label);
  sentences.forEach(function (sentence, index) {
    sentence.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a[href]")) { return; }
      if (window.getSelection && String(window.getSelection()).length) { return; }
      seek(index, true);
    });
  });
  if (wordSwitch) { wordSwitch.addEventListener("change", function () { showWord(audio.currentTime); }); }
  playButton.addEventListener("click", function () {
    if (audio.paused) { seek(current < 0 ? 0 : current, true); } else { audio.pause(); }
  });
  document.getElementById("read-along-previous").addEventListener("click", function () {
    seek(current - 1, !audio.paused);
  });
  document.getElementById("read-along-next").addEventListener("click", function () {
    seek(current + 1, !audio.paused);
  });
  Array.prototype.forEach.call(document.querySelectorAll("nav a[href^='#']"), function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      var first = target && (target.hasAttribute("data-begin") ? target : target.querySelector("[data-begin]"));
      if (first) { seek(sentences.indexOf(first), !audio.paused); }
    });
  });
  function pad() { document.documentElement.style.scrollPaddingTop = (panel.offsetHeight + 8) + "px"; }
  window.addEventListener("resize", pad);
  pad();
  label();
})();

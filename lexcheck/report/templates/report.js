// lexcheck HTML report: filters by severity and concern, and next/previous finding. Without this script
// every finding is shown and the page still reads in full.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var cards = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var pointers = Array.prototype.slice.call(document.querySelectorAll("[data-findings]"));
  var marked = Array.prototype.slice.call(document.querySelectorAll("[data-marked]"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=severity]"));
  var concern = document.getElementById("concern-filter");
  var status = document.getElementById("filter-status");
  var current = null;

  function shownCards() {
    return cards.filter(function (card) { return !card.hidden; });
  }

  function anyShown(list, shown) {
    return list.split(" ").some(function (id) { return shown[id] === true; });
  }

  function apply() {
    var severities = {};
    boxes.forEach(function (box) { severities[box.value] = box.checked; });
    var wanted = concern.value;
    var shown = {};
    var count = 0;
    cards.forEach(function (card) {
      var on = severities[card.dataset.severity] === true && (!wanted || card.dataset.concern === wanted);
      card.hidden = !on;
      if (on) {
        shown[card.dataset.finding] = true;
        count += 1;
      }
    });
    pointers.forEach(function (el) { el.classList.toggle("filtered-out", !anyShown(el.dataset.findings, shown)); });
    marked.forEach(function (el) { el.classList.toggle("filtered-out", !anyShown(el.dataset.marked, shown)); });
    if (current && current.hidden) { setCurrent(null); }
    status.textContent = count + " of " + cards.length + " findings shown";
  }

  function setCurrent(card) {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    current = card;
    if (!card) { return; }
    card.classList.add("current");
    document.querySelectorAll("mark[data-findings]").forEach(function (mark) {
      if (mark.dataset.findings.split(" ").indexOf(card.dataset.finding) !== -1) { mark.classList.add("current"); }
    });
  }

  function go(step) {
    var list = shownCards();
    if (!list.length) {
      status.textContent = "No finding is shown: change the filters.";
      return;
    }
    var index = current ? list.indexOf(current) : -1;
    index = index === -1 ? (step > 0 ? 0 : list.length - 1) : (index + step + list.length) % list.length;
    var card = list[index];
    setCurrent(card);
    var mark = document.getElementById("hl-" + card.dataset.finding);
    (mark || card).scrollIntoView({ block: "center" });
    card.focus({ preventScroll: true });
    status.textContent = "Finding " + (index + 1) + " of " + list.length + " shown: " +
      card.querySelector("h4").textContent;
  }

  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  concern.addEventListener("change", apply);
  document.getElementById("next-finding").addEventListener("click", function () { go(1); });
  document.getElementById("prev-finding").addEventListener("click", function () { go(-1); });
  document.addEventListener("keydown", function (event) {
    // Letters typed into a field or a list are not shortcuts; on a checkbox or a button they are.
    var target = event.target;
    var typing = target && (/^(SELECT|TEXTAREA)$/.test(target.tagName) ||
      (target.tagName === "INPUT" && target.type !== "checkbox"));
    if (event.altKey || event.ctrlKey || event.metaKey || typing) {
      return;
    }
    if (event.key === "n" || event.key === "j") { go(1); event.preventDefault(); }
    if (event.key === "p" || event.key === "k") { go(-1); event.preventDefault(); }
  });
  // Following a link to a finding makes it the current one, so next/previous go on from there.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#card-']") : null;
    if (link) {
      var card = document.getElementById(link.getAttribute("href").slice(1));
      if (card) { setCurrent(card); card.focus({ preventScroll: true }); }
    }
  });
  // The "how to read" section is printed open.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (el) { el.open = true; });
  });
  apply();
}());

// The upload page: drop a file on the zone, see its name, choose concerns. The form works without it.
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  var zone = document.getElementById("drop-zone");
  var input = document.getElementById("file");
  var chosen = document.getElementById("chosen");
  var maxSize = Number(input.dataset.maxSize);
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=select]"));
  var count = document.getElementById("concern-count");

  function megabytes(size) { return (size / 1e6).toFixed(1) + " MB"; }

  function tooLarge() {
    var file = input.files && input.files[0];
    return file && file.size > maxSize ? file : null;
  }

  function showFile() {
    var file = input.files && input.files[0];
    chosen.textContent = file ? file.name + " (" + megabytes(file.size) + ")" : "";
    if (tooLarge()) { chosen.textContent += " is larger than the " + megabytes(maxSize) + " limit"; }
  }

  function showCount() {
    var on = boxes.filter(function (box) { return box.checked; }).length;
    count.textContent = on + " of " + boxes.length;
  }

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      showFile();
    }
  });
  input.addEventListener("change", showFile);
  boxes.forEach(function (box) { box.addEventListener("change", showCount); });
  document.getElementById("all-concerns").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = true; }); showCount();
  });
  document.getElementById("no-concerns").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; }); showCount();
  });
  form.addEventListener("submit", function (event) {
    if (tooLarge()) { event.preventDefault(); input.focus(); return; }
    document.getElementById("submit").disabled = true;
    document.getElementById("busy").hidden = false;
  });
  // Back from a report, the browser may show the page as it was left: let the form be used again.
  window.addEventListener("pageshow", function () {
    document.getElementById("submit").disabled = false;
    document.getElementById("busy").hidden = true;
    showFile();
    showCount();
  });
})();

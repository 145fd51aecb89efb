// Behaviour of the console's pages, kept out of the HTML so that the
// Content-Security-Policy can forbid inline scripts.
document.addEventListener("DOMContentLoaded", function () {
  // A batch still being read: its progress is polled until the worker has finished, then the page reloads.
  var box = document.getElementById("progress");
  if (box && box.dataset.finished === "0") {
    var poll = function () {
      fetch(box.dataset.url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (p) {
        var bar = document.getElementById("progress-bar");
        bar.max = p.total; bar.value = p.done;
        document.getElementById("progress-text").textContent = "已处理 " + p.done + " / " + p.total;
        document.getElementById("progress-states").textContent =
          Object.keys(p.states).map(function (k) { return k + " " + p.states[k]; }).join("；");
        if (p.finished) { window.location.reload(); } else { setTimeout(poll, 1000); }
      }).catch(function () { setTimeout(poll, 3000); });
    };
    setTimeout(poll, 1000);
  }
  // A correction beside the source: the row the cell was read from is scrolled into view.
  var here = document.querySelector(".source-rows .here");
  if (here) { here.scrollIntoView({block: "center"}); }
});

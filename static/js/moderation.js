/* The moderation list's keyboard shortcuts (comments/admin/moderation.py):
   j / k move between reactions, a approves, d rejects (or takes off the
   site), s marks as spam, r opens the answer box. Progressive enhancement:
   every one of them is a visible button or box in the row without this
   file; the help ("Sneltoetsen") is shown only when they work. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  ready(function () {
    var list = document.querySelector("table.moderation-list");
    if (!list) return;
    var rows = Array.prototype.slice.call(list.querySelectorAll("tr.moderation-row"));
    if (!rows.length) return;
    var help = document.getElementById("sneltoetsen");
    if (help) help.hidden = false;

    // The row the list came back to (#reactie-n), else the first.
    var current = rows.indexOf(document.getElementById(location.hash.slice(1)));

    function select(index, focus) {
      if (index < 0 || index >= rows.length) return;
      if (current >= 0 && rows[current]) rows[current].classList.remove("is-current");
      current = index;
      rows[current].classList.add("is-current");
      if (focus) {
        rows[current].focus();
        rows[current].scrollIntoView({ block: "nearest" });
      }
    }
    if (current >= 0) select(current, false);

    // A click in a row makes it the current one.
    list.addEventListener("focusin", function (event) {
      var row = event.target.closest("tr.moderation-row");
      if (row && rows.indexOf(row) !== current) select(rows.indexOf(row), false);
    });

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      var key = event.key;
      if (key === "j" || key === "k") {
        event.preventDefault();
        if (current < 0) select(0, true);
        else select(current + (key === "j" ? 1 : -1), true);
        return;
      }
      if (current < 0 || "adsr".indexOf(key) < 0 || key.length !== 1) return;
      var target = rows[current].querySelector('[data-key="' + key + '"]');
      if (!target) return;
      event.preventDefault();
      if (key === "r") {
        var details = target.closest("details");
        details.open = true;
        var box = details.querySelector("textarea");
        (box || target).focus();
      } else {
        target.click();
      }
    });
  });
})();

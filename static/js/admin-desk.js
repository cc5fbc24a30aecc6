/* The editors' desk: small progressive enhancements of the admin.
   Everything works without this file. */
(function () {
  "use strict";

  // The rich-text editor (django-prose-editor) replaces each textarea with
  // a contenteditable box that has no accessible name: give it the name of
  // the textarea's own label.
  function nameEditors(root) {
    root.querySelectorAll(".ProseMirror[contenteditable]:not([aria-labelledby])")
      .forEach(function (box) {
        var container = box.closest(".prose-editor");
        var textarea = container && container.querySelector("textarea");
        var label = textarea && document.querySelector('label[for="' + textarea.id + '"]');
        if (!label) return;
        if (!label.id) label.id = textarea.id + "-label";
        box.setAttribute("aria-labelledby", label.id);
        box.setAttribute("aria-multiline", "true");
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameEditors(document);
    new MutationObserver(function () { nameEditors(document); })
      .observe(document.body, { childList: true, subtree: true });
  });
})();

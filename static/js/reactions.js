/* Reactions: show the reaction form in place instead of on a page of its own.
 *
 * The article or dossier page carries no form, question or CSRF token, so a
 * shared cache may serve it. When a visitor sets out to react (follows a
 * "Reageer" link, or the link to write a reaction), we fetch the form with a
 * fresh arithmetic question from the server and show it right there. Without
 * JavaScript, or when the fetch fails, the links lead to the reaction page.
 */
(function () {
  "use strict";
  var section = document.querySelector(".reactions");
  var respond = section && section.querySelector(".reactions__respond");
  if (!respond || !window.fetch) { return; }
  var formUrl = respond.getAttribute("data-form-url");
  var holder = null;

  function show(link, parentId) {
    var url = formUrl + (parentId ? "?op=" + encodeURIComponent(parentId) : "");
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        if (holder) { holder.remove(); }
        holder = document.createElement("div");
        holder.className = "reactions__inline-form";
        holder.innerHTML = html;
        if (parentId) {
          link.closest(".reaction").insertAdjacentElement("afterend", holder);
        } else {
          respond.appendChild(holder);
        }
        var first = holder.querySelector("input:not([type=hidden]), textarea");
        if (first) { first.focus(); }
      });
  }

  section.addEventListener("click", function (event) {
    var link = event.target.closest("a.reaction__reply, a.reactions__start");
    if (!link) { return; }
    event.preventDefault();
    show(link, link.getAttribute("data-reply-to")).catch(function () {
      window.location.href = link.href;
    });
  });
}());

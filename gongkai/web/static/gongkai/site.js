// Behaviour of the register's pages, kept out of the HTML so that the
// Content-Security-Policy can forbid inline scripts.
document.addEventListener("DOMContentLoaded", function () {
  // A picker (e.g. the agency) submits its form as soon as it changes.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});

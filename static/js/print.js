// The result's print button: hidden until this script runs (the CSP allows no inline handler), when it
// replaces the hint to use the browser's own command.
document.querySelectorAll("[data-eig-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
document.querySelectorAll("[data-eig-print-hint]").forEach(function (hint) {
  hint.hidden = true;
});

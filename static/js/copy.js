// The resume link's copy button: hidden until this script runs (the CSP allows no inline handler), then it
// copies the link and says so in its status. Without JavaScript the link stays selectable in its text area.
document.querySelectorAll("[data-eig-copy]").forEach(function (box) {
  var field = document.getElementById(box.getAttribute("data-eig-copy"));
  var status = box.querySelector("[data-eig-copy-status]");
  box.hidden = false;
  box.querySelector("button").addEventListener("click", function () {
    var done = function () { status.textContent = "Lien copié."; };
    var fallback = function () {
      field.select();
      status.textContent = document.execCommand("copy") ? "Lien copié." : "Copiez le lien sélectionné (Ctrl+C).";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, fallback);
    } else {
      fallback();
    }
  });
});

// The text fields' counters: the hint says the limit without JavaScript; with it, a count below the field as one
// types, and the same words to screen readers once typing pauses (not at every key). Nothing is ever cut: a text
// over the limit is refused at the field by the server, kept whole. Characters are counted as the server does
// (code points, line breaks as one, spaces around trimmed).
document.querySelectorAll("[data-eig-maxlength]").forEach(function (field) {
  var max = parseInt(field.getAttribute("data-eig-maxlength"), 10);
  var shown = document.getElementById(field.id + "-counter");
  var spoken = document.getElementById(field.id + "-counter-live");
  var whole = function (n) { return n.toLocaleString("fr-FR"); };
  var pause;
  var words = function () {
    var count = Array.from(field.value.replace(/\r\n/g, "\n").trim()).length;
    var template = count > max ? field.getAttribute("data-eig-over") : field.getAttribute("data-eig-count");
    return {over: count > max, text: template.replace("{count}", whole(count)).replace("{max}", whole(max))
      .replace("{over}", whole(count - max))};
  };
  var update = function (speak) {
    var now = words();
    shown.textContent = now.text;
    shown.classList.toggle("eig-counter--over", now.over);
    clearTimeout(pause);
    if (speak) { pause = setTimeout(function () { spoken.textContent = now.text; }, 1000); }
  };
  shown.hidden = false;
  update(false);
  field.addEventListener("input", function () { update(true); });
});

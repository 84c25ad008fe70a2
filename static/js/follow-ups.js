// Follow-up questions revealed in place. Each block of follow-ups names, in data-eig-when, the answers of this
// page that bring it in (the `when` of rules/questions.yaml, as the form posts them). The DSFR has no radio that
// discloses content (its collapse needs a button), so this script shows or hides the block as those answers are
// chosen, with the notice that says why, and keeps a hidden block's fields out of what the form posts. Enabled,
// its "revelee" fields tell the server that the agent saw these questions. Without JavaScript the server shows
// the step again with them once the answers are saved.
(function () {
  var blocks = document.querySelectorAll("[data-eig-when]");
  if (!blocks.length) return;
  var form = blocks[0].closest("form");

  function chosen(name) {
    var values = [];
    form.querySelectorAll("[name='" + name + "']").forEach(function (control) {
      if (!control.disabled && (control.checked || !/^(radio|checkbox)$/.test(control.type))) values.push(control.value);
    });
    return values;
  }

  function holds(when) {
    return Object.keys(when).every(function (name) {
      // An answer of another step is not on this page: the server has already settled it.
      return !form.querySelector("[name='" + name + "']") || chosen(name).indexOf(when[name]) !== -1;
    });
  }

  function update(initial) {
    // In the page's order, so that a follow-up of a follow-up sees its parent's new state.
    blocks.forEach(function (block) {
      var show = holds(JSON.parse(block.getAttribute("data-eig-when")));
      var notice = block.querySelector("[data-eig-notice]");
      var revealed = !initial && show && block.hidden;
      if (revealed) notice.hidden = false;
      block.hidden = !show;
      block.querySelectorAll("input, textarea, select").forEach(function (control) { control.disabled = !show; });
      // Below the answer just chosen, the notice may be under the fold (a phone): scrolled just into view.
      if (revealed) notice.scrollIntoView({block: "nearest"});
    });
  }

  update(true);
  form.addEventListener("change", function () { update(false); });
})();

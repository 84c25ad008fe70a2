"""The Nu checker's service answers as `vnu --errors-only` does: the errors of a page, with their lines, and
nothing for a valid page nor for a mere warning (the page checks of the suite rely on both)."""

VALID = "<!DOCTYPE html><html lang=fr><title>Page</title><p>Bonjour</p>"


def test_a_valid_page_has_no_error_and_a_warning_is_not_one(nu_errors):
    assert nu_errors(VALID) == []
    assert nu_errors(VALID.replace(" lang=fr", "")) == []  # vnu's warning: « Consider adding a lang attribute »


def test_each_error_is_given_with_its_page_and_line(nu_errors):
    errors = nu_errors({"valide": VALID, "fautive": VALID + "\n<p><div>bloc</div></p>\n<img src=a.png>"})
    assert errors == ["fautive:2: No “p” element in scope but a “p” end tag seen.",
                      "fautive:3: An “img” element must have an “alt” attribute, except under certain conditions. "
                      "For details, consult guidance on providing text alternatives for images."]

"""French punctuation spacing: a no-break space before ? ; ! : and inside « », never inside an address, a time,
an entity, a tag or code."""
import pytest
from jinja2 import DictLoader, Environment

from wizard.rules.typography import FrenchSpacing, french_spacing, french_spacing_html, rule_text

N, NB = "\u202f", "\u00a0"  # narrow no-break space, no-break space


@pytest.mark.parametrize("text, spaced", [
    ("Quelle est la phase ?", f"Quelle est la phase{N}?"),
    ("Oui ; non ! Pourquoi : parce que", f"Oui{N}; non{N}! Pourquoi{NB}: parce que"),
    ("la question « Phase »", f"la question «{N}Phase{N}»"),
    ("la question «Phase»", f"la question «{N}Phase{N}»"),
    ("Pourquoi? Parce que; enfin!", f"Pourquoi{N}? Parce que{N}; enfin{N}!"),
    ("Vraiment ?!", f"Vraiment{N}?!"),
    ("Une phrase\n  ?", f"Une phrase{N}?"),
])
def test_french_punctuation_gets_its_no_break_space(text, spaced):
    assert french_spacing(text) == spaced


@pytest.mark.parametrize("text", [
    "https://beta.gouv.fr/startups/x.html?a=1;b=2",
    "http://exemple.fr/page?q=oui!",
    "mailto:eig@beta.gouv.fr?subject=Bonjour",
    "www.exemple.fr/a?b",
    "prenom.nom@exemple.gouv.fr",
    "à 10:30 ou 9:05",
    "R&amp;D, &nbsp;et &#39;",
    "a?b, x;y, 3!",
    "",
])
def test_addresses_times_entities_and_code_like_text_are_kept(text):
    assert french_spacing(text) == text


def test_an_address_in_a_sentence_is_kept_and_the_sentence_spaced():
    assert (french_spacing("Voir https://beta.gouv.fr/a?b=1 ; ou écrire à eig@beta.gouv.fr !")
            == f"Voir https://beta.gouv.fr/a?b=1{N}; ou écrire à eig@beta.gouv.fr{N}!")


def test_spacing_twice_changes_nothing_more():
    text = "Quoi ? « Oui » ; enfin : non!"
    assert french_spacing(french_spacing(text)) == french_spacing(text)
    assert french_spacing(f"Déjà{NB}? ou{N}!") == f"Déjà{NB}? ou{N}!"


def test_a_rule_text_is_on_one_line_and_spaced():
    assert rule_text("  Dans quelle\n phase   ?  ") == f"Dans quelle phase{N}?"
    assert rule_text(None) == ""


def test_in_html_only_the_text_between_tags_changes():
    html = ('<p title="Quoi ?">Quoi ? <a href="https://x.fr/?q=1;r">lien !</a></p>'
            '<code>a ? b : c</code><pre>x ;</pre><!-- note : a ? --><script>a ? b : c</script> fin !')
    assert french_spacing_html(html) == (
        f'<p title="Quoi ?">Quoi{N}? <a href="https://x.fr/?q=1;r">lien{N}!</a></p>'
        f'<code>a ? b : c</code><pre>x ;</pre><!-- note : a ? --><script>a ? b : c</script> fin{N}!')


def test_an_html_entity_is_not_a_semicolon():
    assert french_spacing_html("<p>R&amp; D ; l&#39;équipe</p>") == f"<p>R&amp; D{N}; l&#39;équipe</p>"


def templates(**sources) -> Environment:
    return Environment(loader=DictLoader(sources), autoescape=True, extensions=[FrenchSpacing])


def test_a_template_s_own_text_is_spaced_its_values_never():
    environment = templates(page='<label for="{{ id }}" title="Oui ?">Votre phase ?</label> «{{ typed }}» : '
                                 '{{ typed }}{{ " ;" if more }} <a href="/x?y={{ typed }}">{{ "Une question ?" }}</a>')
    html = environment.get_template("page").render(id="a", typed="texte ; tapé ?", more=True)
    assert html == (f'<label for="a" title="Oui ?">Votre phase{N}?</label> «{N}texte ; tapé ?{N}»{NB}: '
                    f'texte ; tapé ?{N}; <a href="/x?y=texte ; tapé ?">Une question{N}?</a>')


def test_a_tag_cut_by_a_value_stays_a_tag():
    environment = templates(page='<a href="{{ url }}" class="x ; y">Lien ;</a><code>{{ c }} ; </code>après ;')
    assert (environment.get_template("page").render(url="/a", c="c")
            == f'<a href="/a" class="x ; y">Lien{N};</a><code>c ; </code>après{N};')

"""The search index over the copy (issue 26, weak 8) finds exactly what reading every text finds, in the same
order: the behaviour of the search before the index, kept (the timing is bench/beta.py's)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.store.beta_search import SearchIndex

LETTERS = "abe-. /:1"  # few letters, so that words meet texts often; separators that split tokens
texts_strategy = st.lists(st.text(LETTERS, min_size=1, max_size=25), max_size=40, unique=True)
words_strategy = st.lists(st.text(LETTERS.replace(" ", ""), min_size=1, max_size=4), min_size=1, max_size=3)


def read_every_text(texts: list[str], words: list[str], limit: int) -> list[str]:
    """The search as it was: each text read, those beginning with the phrase first, then by text."""
    phrase = " ".join(words)
    found = [(not text.startswith(phrase), text) for text in texts if all(word in text for word in words)]
    return [text for _, text in sorted(found)[:limit]]


@settings(max_examples=400, deadline=None)
@given(texts_strategy, words_strategy, st.integers(1, 12))
def test_the_index_finds_what_reading_every_text_finds_in_the_same_order(texts, words, limit):
    ordered = tuple(sorted(texts))
    index = SearchIndex(ordered)
    assert [ordered[i] for i in index.matches(words, limit)] == read_every_text(texts, words, limit)


def test_a_word_across_separators_and_a_page_address_are_found():
    texts = tuple(sorted(["impact co2 impact.co2 https://beta.gouv.fr/startups/impact.co2.html",
                          "datapass datapass https://beta.gouv.fr/startups/datapass.html",
                          "1 eleve, 1 stage 1-eleve-1-stage https://beta.gouv.fr/startups/1-eleve-1-stage.html"]))
    index = SearchIndex(texts)
    assert [texts[i] for i in index.matches(["https://beta.gouv.fr/startups/datapass.html"], 10)] == [texts[1]]
    assert [texts[i] for i in index.matches(["act.co"], 10)] == [texts[2]]
    assert [texts[i] for i in index.matches(["gouv", "1", "stage"], 10)] == [texts[0]]

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


class CountedTexts(tuple):
    """The copy's texts, counting how many the search reads."""
    reads = 0

    def __getitem__(self, position):
        CountedTexts.reads += 1
        return super().__getitem__(position)


def copy_of(size: int) -> SearchIndex:
    return SearchIndex(CountedTexts(sorted([f"produit {n} de l'administration {n % 97} "
                                            f"https://beta.gouv.fr/startups/p{n}.html" for n in range(size)]
                                           + ["impact co2 impact.co2"])))


def texts_read(index: SearchIndex, words: list[str]) -> int:
    CountedTexts.reads = 0
    found = index.matches(words, 10)
    reads = CountedTexts.reads
    assert [index.texts[i] for i in found] == ["impact co2 impact.co2"]
    return reads


def test_search_cost_does_not_grow_with_the_copy():
    """Issue 26, weak 8: the search read every text of the copy (60–140 ms of CPU at 60k products); with the
    index, a rare word reads the same handful of texts in a copy of 1,000 and of 10,000."""
    small, large = copy_of(1_000), copy_of(10_000)
    for words in (["impact"], ["co2"], ["pact.c"], ["impact", "co"]):
        read_small, read_large = texts_read(small, words), texts_read(large, words)
        assert read_large <= read_small + 8 and read_large < 40, (words, read_small, read_large)

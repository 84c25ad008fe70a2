"""The search over the copy's folded texts: every word of the query anywhere in a text (a substring, as agents
type parts of names and addresses), the texts that begin with the query first, then in text order.

Built once per copy and process: the texts sorted, and for each pair and triple of characters the ascending list
of the texts that hold it. A query walks the shortest list among its words' pairs and triples and checks each text
there, stopping at the limit; texts that begin with the query are a range of the sorted texts (a bisection). At
60k products a search reads a few hundred texts instead of all of them (bench/beta.py)."""
from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator

GRAMS = (2, 3)  # lengths of the substrings indexed; a word of one character walks all the texts


class SearchIndex:
    def __init__(self, texts: tuple[str, ...]):
        """`texts` in ascending order."""
        self.texts = texts
        self.postings: dict[str, array] = {}
        for position, text in enumerate(texts):
            for gram in _grams(text):
                posting = self.postings.get(gram)
                if posting is None:
                    posting = self.postings[gram] = array("I")
                posting.append(position)

    def matches(self, words: list[str], limit: int) -> list[int]:
        """Positions of at most `limit` texts holding every word: those beginning with the words as one phrase
        first, then the others, each group in text order."""
        phrase = " ".join(words)
        start = bisect_left(self.texts, phrase)
        end = bisect_left(self.texts, phrase + "\U0010ffff", start)
        found = list(range(start, min(end, start + limit)))
        if len(found) < limit:
            for position in self._candidates(words):
                if not start <= position < end and all(word in self.texts[position] for word in words):
                    found.append(position)
                    if len(found) == limit:
                        break
        return found

    def _candidates(self, words: list[str]) -> Iterable[int]:
        """The positions of the shortest posting among the words' grams: a superset of the matches, ascending."""
        postings = [self.postings.get(gram, ()) for word in words for gram in _word_grams(word)]
        return min(postings, key=len) if postings else range(len(self.texts))


def _grams(text: str) -> set[str]:
    return {text[i:i + n] for n in GRAMS for i in range(len(text) - n + 1)}


def _word_grams(word: str) -> Iterator[str]:
    """The longest indexed grams of a word (a word of one character has none)."""
    n = min(len(word), GRAMS[-1])
    if n >= GRAMS[0]:
        yield from {word[i:i + n] for i in range(len(word) - n + 1)}

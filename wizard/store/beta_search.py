"""The search over the copy's folded texts: every word of the query anywhere in a text (a substring, as agents
type parts of names and addresses), the texts that begin with the query first, then in text order.

An index built once per copy and process (well under a second at 60k products): for each token of the texts (a
run of letters and digits) the ascending positions of the texts that hold it, and for each pair and triple of
characters the tokens that hold it. A word of the query is found in a text only if each of its tokens lies within
one of the text's tokens, so the candidates are the texts of the few tokens holding the query's rarest token;
each is checked against the whole query, in text order, up to the limit. Texts that begin with the query are a
range of the sorted texts (a bisection). See docs/adr/012-beta-sync-and-search.md and bench/beta.py."""
from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

TOKEN = re.compile(r"\w+")
GRAMS = (2, 3)  # lengths of the pieces of tokens indexed; a token of one character narrows nothing


class SearchIndex:
    def __init__(self, texts: tuple[str, ...]):
        """`texts` in ascending order."""
        self.texts = texts
        self.postings: dict[str, list[int]] = {}  # token -> positions of the texts holding it, ascending
        for position, text in enumerate(texts):
            for token in set(TOKEN.findall(text)):
                self.postings.setdefault(token, []).append(position)
        self.grams: dict[str, list[str]] = {}  # pair or triple of characters -> tokens holding it
        for token in self.postings:
            for gram in {token[i:i + n] for n in GRAMS for i in range(len(token) - n + 1)}:
                self.grams.setdefault(gram, []).append(token)

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
        """Ascending positions, each once, of a superset of the texts holding every word."""
        pieces = [piece for word in words for piece in TOKEN.findall(word) if len(piece) >= GRAMS[0]]
        if not pieces:
            return range(len(self.texts))
        tokens = min((self._tokens_holding(piece) for piece in pieces),
                     key=lambda held: sum(len(self.postings[token]) for token in held))
        if len(tokens) == 1:
            return self.postings[tokens[0]]
        return _once(heapq.merge(*(self.postings[token] for token in tokens)))

    def _tokens_holding(self, piece: str) -> list[str]:
        n = min(len(piece), GRAMS[-1])
        known = min((self.grams.get(piece[i:i + n], ()) for i in range(len(piece) - n + 1)), key=len)
        return [token for token in known if piece in token]


def _once(positions: Iterable[int]) -> Iterator[int]:
    last = -1
    for position in positions:
        if position != last:
            yield position
            last = position

"""The search over the copy's folded texts: every word of the query anywhere in a product's texts (a substring, as
agents type parts of names and addresses), counted whole, the first page ranked: the names that begin with the
query, then the names that hold it, then the product's id and addresses (its beta.gouv.fr page, its own site),
then its sponsors' names and acronyms; each rank in name order.

Each product has three texts, each the one before with more: its name; the name, id and addresses; all that and
its sponsors (issue 22: « ADEME » finds the products the ADEME sponsors). Addresses are kept, and read in a query,
in one form (`address_form`): no scheme, no `www.`, no query string, no fragment, no final slash; a page pasted
with `?utm_source=x#equipe` is found as the page.

An index built once per copy and process (well under a second at 60k products): for each token of the full texts
(a run of letters and digits) the ascending positions of the products that hold it, and for each pair and triple
of characters the tokens that hold it. A word of the query is found in a text only if each of its tokens lies
within one of the text's tokens, so the candidates are the products of the few tokens holding the query's rarest
token; each is checked against the whole query. Names that begin with the query are a range of the sorted names (a
bisection). See docs/adr/012-beta-sync-and-search.md, docs/adr/020-search-and-declared-versus-recorded.md and
bench/beta.py."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

TOKEN = re.compile(r"\w+")
CHUNK = 512  # positions checked at once while the page fills
GRAMS = (2, 3)  # lengths of the pieces of tokens indexed; a token of one character narrows nothing
# A word of a query read as an address: with a scheme, beginning with www., or a host name followed by a path.
_ADDRESS = re.compile(r"([a-z][a-z0-9+.-]*://|www\.|[\w-]+(\.[\w-]+)+/)", re.IGNORECASE)


def address_form(address: str) -> str:
    """« https://www.Beta.gouv.fr/startups/x.html?utm_source=y#equipe » is « beta.gouv.fr/startups/x.html »: the
    form addresses are indexed and searched in (case is folded by the caller)."""
    text = address.strip()
    if "://" not in text:
        text = "//" + text
    parts = urlsplit(text)
    host = parts.netloc.rpartition("@")[2].lower()
    host = host[4:] if host.startswith("www.") else host
    return (host + parts.path).rstrip("/")


def query_words(folded: str) -> list[str]:
    """The words of a folded query, an address among them in its indexed form."""
    return [address_form(word) if _ADDRESS.match(word) else word for word in folded.split()]


@dataclass(frozen=True)
class Found:
    positions: list[int]  # the first page, ranked
    total: int  # every product that matches


class SearchIndex:
    def __init__(self, names: Sequence[str], mains: Sequence[str], fulls: Sequence[str]):
        """For each product, ascending by name: its name, its name with id and addresses, all that with its
        sponsors; each text begins with the one before."""
        self.texts = (tuple(names), tuple(mains), tuple(fulls))  # one tuple per rank
        # For each rank's texts, token -> positions of the products whose text of that rank holds it, ascending.
        self.postings: tuple[dict[str, list[int]], ...] = ({}, {}, {})
        for texts, postings in zip(self.texts, self.postings, strict=True):
            for position, text in enumerate(texts):
                for token in set(TOKEN.findall(text)):
                    postings.setdefault(token, []).append(position)
        # character -> the products holding it, as the bits of one integer, made at the first query that needs it:
        # a query of single characters (« a ») is counted without reading every text again.
        self.chars: dict[str, int] = {}
        self.grams: dict[str, list[str]] = {}  # pair or triple of characters -> tokens holding it
        for token in self.postings[-1]:
            for gram in {token[i:i + n] for n in GRAMS for i in range(len(token) - n + 1)}:
                self.grams.setdefault(gram, []).append(token)

    def matches(self, words: list[str], limit: int) -> Found:
        """Every product whose full text holds every word, counted; the first `limit` of them ranked. No Python
        loop over every product: the ranks' own postings, list comprehensions over the candidates, and for a query
        of single letters, the characters' bits read chunk by chunk until the page is full."""
        phrase = " ".join(words)
        start = bisect_left(self.texts[0], phrase)
        end = bisect_left(self.texts[0], phrase + "\U0010ffff", start)
        page = list(range(start, min(end, start + limit)))
        pieces = [piece for word in words for piece in TOKEN.findall(word) if len(piece) >= GRAMS[0]]
        if pieces:
            piece, tokens = min(((piece, self._tokens_holding(piece)) for piece in pieces),
                                key=lambda item: sum(len(self.postings[-1][token]) for token in item[1]))
            ranks = [self._holding(rank, words, piece, tokens) for rank in range(len(self.texts))]
            total = len(ranks[-1])
            ranked = iter(ranks)
        else:
            chunks, total = self._letters(words)
            ranked = (self._letters_in(rank, words, chunks, limit) for rank in range(len(self.texts)))
        for found in ranked:
            if len(page) >= limit:
                break
            taken = set(page)
            page += [p for p in found if p not in taken][:limit - len(page)]
        return Found(page, total)

    def _holding(self, rank: int, words: list[str], piece: str, tokens: list[str]) -> list[int]:
        """Ascending positions of the products whose text of that rank holds every word: those whose tokens hold
        `piece` (a token holding `piece` is one of `tokens`), then the other words checked in the text."""
        postings, texts = self.postings[rank], self.texts[rank]
        lists = [postings[token] for token in tokens if token in postings]
        found = lists[0] if len(lists) == 1 else sorted(set().union(*lists)) if lists else []
        for word in words:
            if word != piece:  # the candidates hold that one: a token of theirs holds it
                found = [p for p in found if word in texts[p]]
        return found

    def _letters(self, words: list[str]) -> tuple[Callable[[], Iterator[list[int]]], int]:
        """A query without two letters in a row (« a », « 1 a », « / »): the products holding its characters, as
        chunks of ascending positions, and how many hold every word."""
        mask = -1
        for char in {char for word in words for char in word}:
            mask &= self._char_mask(char)
        if mask <= 0:
            return lambda: iter(()), 0
        if all(len(word) == 1 for word in words):
            return lambda: _bit_chunks(mask), mask.bit_count()
        fulls = self.texts[-1]
        found = [p for chunk in _bit_chunks(mask) for p in chunk if all(word in fulls[p] for word in words)]
        return lambda: iter([found]), len(found)

    def _char_mask(self, char: str) -> int:
        mask = self.chars.get(char)
        if mask is None:
            bits = bytearray((len(self.texts[-1]) + 7) // 8)
            for position in [p for p, text in enumerate(self.texts[-1]) if char in text]:
                bits[position >> 3] |= 1 << (position & 7)
            mask = self.chars[char] = int.from_bytes(bits, "little")
        return mask

    def _letters_in(self, rank: int, words: list[str], chunks, limit: int) -> Iterator[int]:
        texts, given = self.texts[rank], 0
        for chunk in chunks():
            for word in words:
                chunk = [p for p in chunk if word in texts[p]]
            yield from chunk
            given += len(chunk)
            if given >= limit * 2:  # enough for the page whatever the ranks before took
                return

    def _tokens_holding(self, piece: str) -> list[str]:
        n = min(len(piece), GRAMS[-1])
        known = min((self.grams.get(piece[i:i + n], ()) for i in range(len(piece) - n + 1)), key=len)
        return [token for token in known if piece in token]




def _bit_chunks(mask: int) -> Iterator[list[int]]:
    """The set bits of `mask`, ascending, CHUNK bits at a time."""
    base, low = 0, (1 << CHUNK) - 1
    while mask:
        binary = bin(mask & low)[:1:-1]
        yield [base + position for position, bit in enumerate(binary) if bit == "1"]
        mask >>= CHUNK
        base += CHUNK

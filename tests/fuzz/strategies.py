"""Input classes a probe found faults in, as hypothesis strategies (bounded sizes)."""
from __future__ import annotations

from hypothesis import strategies as st

WORDS = ["Die", "SPD", "fordert", "mehr", "Geld", "Merz", "lehnt", "ab", "und", "sagte", "er", "Kommunen",
         "Schuldenbremse", "nicht", "„", "“", ",", ".", "dass", "im", "nächsten", "Jahr", "gestern", "will"]
ODD = ["\ud800", "\udfff", "\x00", "\u202e", "\ufeff", "٢٠٢٤", "２０２４", "\n", "\t", " ", "\\", '"', "{", "[" * 50]

texts = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join),  # German-ish, often unpunctuated
    st.text(max_size=200),
    st.builds(lambda n, c: c * n, st.integers(65, 400), st.sampled_from(["a", "Ü", "-", "x1"])),  # one long token
    st.lists(st.sampled_from(WORDS + ODD), max_size=30).map("".join),
)
dates = st.one_of(
    st.sampled_from(["2024-01-02", "2024-02", "9999-12", "9999-12-31", "0001-01-01", "2024-02-30",
                     "2024-01-02\n", "٢٠٢٤-٠١-٠٢", "２０２４-０１-０２", "", "2024-13-01"]),
    st.dates().map(str), st.text(max_size=12))
urls = st.one_of(st.none(), st.sampled_from(["https://example.org/a", "javascript:alert(1)", " ", "http://",
                                             "ftp://x/", "https://example.org/\ud800", "data:,x"]),
                 st.text(max_size=30))
ids = st.one_of(st.sampled_from(["a1", "x.y_z~1", "", "a b", "ä", "a" * 300]), st.text(max_size=10))


@st.composite
def article_objects(draw):
    """A JSON article object, its fields drawn from the classes above (or of a wrong type)."""
    obj = {"id": draw(ids), "date": draw(dates), "text": draw(texts)}
    if draw(st.booleans()):
        obj["title"] = draw(st.one_of(texts, st.integers(), st.none()))
    url = draw(urls)
    if url is not None:
        obj["url"] = url
    return obj


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth

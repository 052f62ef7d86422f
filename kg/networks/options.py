"""What a discourse network is asked for: the slice of the graph and the network's kind.

The same parser reads the query string of `/networks` and the options of `kg network`, so
both say the same thing about a bad value: one line naming the parameter and what it takes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kg.errors import KGError

ONE_MODE = ("congruence", "conflict", "subtract")
TWO_MODE = ("affiliation", "actor-issue")
TYPES = ONE_MODE + TWO_MODE
ONE_MODE_NORMALIZATIONS = ("none", "average", "jaccard", "cosine")
TWO_MODE_NORMALIZATIONS = ("none", "activity", "prominence")
KINDS = ("person", "party", "government", "state", "institution", "organisation")
QUALIFIERS = ("each", "every")
AGGREGATES = ("party", "government")  # kg.networks.membership


class NetworkOptionError(KGError):
    """A network parameter with a value it cannot take."""


@dataclass(frozen=True)
class Slice:
    """Which statements count: dates (ISO days, inclusive), a topic or issue IRI (with everything
    under it by skos:broader), actor kinds, a party IRI (the party and who was its member on the
    statement date, kg.networks.membership), and
    `qualifier`: "every" statement counts, or "each" actor once per proposition and side."""
    date_from: str | None = None
    date_to: str | None = None
    topic: str | None = None
    kinds: tuple[str, ...] = ()
    party: str | None = None
    qualifier: str = "every"
    aggregate: str = ""  # "party" or "government": persons count as that on the statement date


@dataclass(frozen=True)
class Spec:
    """The network asked for: type, normalisation, smallest |weight| kept, and moving windows
    (width and step in days; width 0 = one network over the whole slice)."""
    type: str = "congruence"
    normalization: str = "none"
    min_weight: float = 0.0
    window: int = 0
    step: int = 0
    slice: Slice = field(default_factory=Slice)

    @property
    def one_mode(self) -> bool:
        return self.type in ONE_MODE


def parse(params) -> Spec:
    """A Spec from a mapping of strings (query string or CLI options); absent keys take defaults.

    :raise NetworkOptionError: a value out of range, naming the parameter.
    """
    get = lambda key: (params.get(key) or "").strip() or None  # noqa: E731
    type_ = _choice("type", get("type") or "congruence", TYPES)
    allowed = ONE_MODE_NORMALIZATIONS if type_ in ONE_MODE else TWO_MODE_NORMALIZATIONS
    normalization = _choice("normalization", get("normalization") or "none", allowed,
                            f" for type={type_}")
    kinds = tuple(k.strip() for k in (get("kind") or "").split(",") if k.strip())
    for kind in kinds:
        _choice("kind", kind, KINDS)
    date_from, date_to = _day("from", get("from")), _day("to", get("to"))
    if date_from and date_to and date_from > date_to:
        raise NetworkOptionError(f"from ({date_from}) is after to ({date_to})")
    window, step = _count("window", get("window")), _count("step", get("step"))
    if step and not window:
        raise NetworkOptionError("step needs a window (width in days)")
    the_slice = Slice(date_from, date_to, _iri("topic", get("topic")), kinds, _iri("party", get("party")),
                      _choice("qualifier", get("qualifier") or "every", QUALIFIERS),
                      _aggregate(get("aggregate")))
    return Spec(type_, normalization, _number("min_weight", get("min_weight")), window,
                step or window, the_slice)


def _choice(name: str, value: str, allowed, where: str = "") -> str:
    if value not in allowed:
        raise NetworkOptionError(f"{name} must be one of {', '.join(allowed)}{where}, not {value!r}")
    return value


def _day(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise NetworkOptionError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def _count(name: str, value: str | None) -> int:
    if value is None:
        return 0
    if not value.isdigit() or not 0 < int(value) <= 36_600:
        raise NetworkOptionError(f"{name} must be a whole number of days from 1 to 36600, not {value!r}")
    return int(value)


def _number(name: str, value: str | None) -> float:
    try:
        number = float(value) if value is not None else 0.0
    except ValueError:
        number = -1.0
    if not 0 <= number < float("inf"):
        raise NetworkOptionError(f"{name} must be a number of at least 0, not {value!r}")
    return number


def _aggregate(value: str | None) -> str:
    """party or government; "true" (the page's checkbox, the older flag) means party."""
    if value in (None, "0", "false", "no", "none"):
        return ""
    if value in ("1", "true", "yes"):
        return "party"
    return _choice("aggregate", value, AGGREGATES)


def _iri(name: str, value: str | None) -> str | None:
    """A full IRI, or a short form: topic=haushalt (a topic key), party=SPD (an actor's name)."""
    from kg import iris

    if value is None:
        return None
    if "://" not in value:
        value = iris.topic_iri(value) if name == "topic" else iris.actor_iri(value)
    if any(c in value for c in '<>"{}|\\^` ') or not value.startswith(("http://", "https://")):
        raise NetworkOptionError(f"{name} must be an http(s) IRI or a key, not {value!r}")
    return value

"""Company gazetteer (seeds/companies.toml) and company recognition in text.

Known companies are matched by alias (case-sensitive, on word boundaries); ``strict``
entries such as "H" or "io" only count in company context ("la start-up H", "acquires io").
Companies missing from the gazetteer are found by :mod:`enrich.parties`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from enrich.errors import SeedDataError
from enrich.triggers import by_first_letter
from seeds import SEEDS_DIR

COMPANIES_PATH = SEEDS_DIR / "companies.toml"
KINDS = ("bigtech", "ai_lab", "ai_startup", "chips", "vc", "corporate", "media")
_KEYS = {"name", "aliases", "parent", "ai", "kind", "strict", "epithets"}


@dataclass(frozen=True)
class Company:
    name: str
    aliases: tuple[str, ...]
    parent: str | None
    ai: bool
    kind: str
    strict: bool
    epithets: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompanyHit:
    """A company named in text: canonical ``name`` and where (``start``, ``end``)."""

    name: str
    start: int
    end: int
    known: bool


_LEGAL_SUFFIX = re.compile(
    r"[\s,]+(?:inc|incorporated|corp|corporation|ltd|limited|llc|plc|sa|sas|sarl"
    r"|ag|gmbh|se|nv|bv|ab|oy|spa|s\.a|s\.a\.s|holdings?|group|groupe|gruppe|grupo"
    r"|gmbh\s?&\s?co\.?\s?kg|s\.\s?l|sl|slu|s\.l\.u|srl|s\.r\.l|s\.p\.a|b\.v|n\.v|kg|ug|ltda|s\.a\.u|sau)\.?$",
    re.IGNORECASE,
)


def strip_legal_suffix(name: str) -> str:
    """"Microsoft Corp." -> "Microsoft"; "Mistral AI SAS" -> "Mistral AI"."""
    stripped = name.strip()
    while True:
        shorter = _LEGAL_SUFFIX.sub("", stripped)
        if shorter == stripped or not shorter:
            return stripped
        stripped = shorter


#: Legal forms only (no "Group", "Holding"): what a discovered name loses in a deal.
_LEGAL_FORM = re.compile(
    r"(?:,?\s+(?:inc|ltd|llc|plc|sas|sarl|gmbh|ag|s\.a|s\.a\.s|s\.\s?l|s\.l\.u|s\.r\.l|srl"
    r"|s\.p\.a|spa|b\.v|n\.v|bv|nv|ltda|s\.a\.u|gmbh\s?&\s?co(?:\.?\s?kg)?|kg))+\.?$",
    re.IGNORECASE,
)


def strip_legal_form(name: str) -> str:
    """"Quintal Datos S.L." -> "Quintal Datos"; "Arbor Group" stays (a group is no legal
    form); a name that is nothing but a legal form stays as it is."""
    bare = _LEGAL_FORM.sub("", name.strip())
    bare = _TRAILING_CO.sub("", bare)
    return bare if bare.strip() else name.strip()


#: "Harwick Brewing Co." is Harwick Brewing; "Brandhuber & Co" and "Smith and Co" keep it
#: (there "Co" stands for the partners, part of the name).
_TRAILING_CO = re.compile(r"(?<=\w)(?<!\band)(?<!\bund)(?<!\bet)(?<!\by)\s+Co\.?$")


def _epithet_pattern(alternatives: list[str]) -> re.Pattern | None:
    """Epithets as whole words.  Written by first letter when every epithet opens with a
    letter (where "not after a word character" is a word boundary): the same matches,
    found several times faster."""
    if not alternatives:
        return None
    try:
        return by_first_letter([rf"\b{alt}(?![\w])" for alt in alternatives])
    except ValueError:  # an epithet opening with a digit or a sign
        return re.compile("(?<![\\w])(?:" + "|".join(alternatives) + ")(?![\\w])")


_NOT_KEY = re.compile(r"[\W_]+")


@lru_cache(maxsize=8192)
def normalize_name(name: str) -> str:
    """Case- and punctuation-insensitive key for a company name (cached: the same names
    are keyed many times per article)."""
    return _NOT_KEY.sub("", name.casefold())


def _entry_problems(i: int, entry: object) -> list[str]:
    if not isinstance(entry, dict):
        return [f"entry {i}: not a table"]
    where = f"entry {i} ({entry.get('name', '?')!r})"
    problems = [f"{where}: unknown key {k!r}" for k in sorted(set(entry) - _KEYS)]
    if not isinstance(entry.get("name"), str) or not entry.get("name", "").strip():
        problems.append(f"{where}: name must be a non-empty string")
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        problems.append(f"{where}: aliases must be a list of non-empty strings")
    if not isinstance(entry.get("ai"), bool):
        problems.append(f"{where}: ai must be true or false")
    if entry.get("kind") not in KINDS:
        problems.append(f"{where}: kind must be one of {', '.join(KINDS)}")
    if not isinstance(entry.get("strict", False), bool):
        problems.append(f"{where}: strict must be true or false")
    if not isinstance(entry.get("parent", ""), str):
        problems.append(f"{where}: parent must be a string")
    epithets = entry.get("epithets", [])
    if not isinstance(epithets, list) or not all(
        isinstance(e, str) and len(e.split()) >= 2 for e in epithets
    ):
        problems.append(f"{where}: epithets must be a list of phrases of two words or more")
    return problems


def _cross_problems(entries: list[dict]) -> list[str]:
    problems: list[str] = []
    seen: dict[str, str] = {}
    names = {normalize_name(e["name"]) for e in entries}
    for e in entries:
        for surface in [e["name"], *e.get("aliases", [])]:
            key = normalize_name(surface)
            if key in seen and seen[key] != e["name"]:
                problems.append(f"{surface!r} of {e['name']!r} already names {seen[key]!r}")
            seen[key] = e["name"]
        for epithet in e.get("epithets", []):
            key = "epithet:" + epithet.casefold()
            if key in seen and seen[key] != e["name"]:
                problems.append(f"epithet {epithet!r} of {e['name']!r} already names {seen[key]!r}")
            seen[key] = e["name"]
        parent = e.get("parent", "")
        if parent and normalize_name(parent) not in names:
            problems.append(f"{e['name']!r}: parent {parent!r} is not a listed company")
    return problems


def parse_companies(data: dict, source: object = "<companies>") -> tuple[Company, ...]:
    """Validate parsed TOML; raise SeedDataError listing every bad entry at once."""
    entries = data.get("companies")
    if not isinstance(entries, list) or not entries:
        raise SeedDataError(source, ["missing 'companies' array"])
    problems = [p for i, e in enumerate(entries) for p in _entry_problems(i, e)]
    if not problems:
        problems = _cross_problems(entries)
    if problems:
        raise SeedDataError(source, problems)
    return tuple(
        Company(
            name=e["name"].strip(),
            aliases=tuple(a.strip() for a in e.get("aliases", [])),
            parent=e.get("parent") or None,
            ai=e["ai"],
            kind=e["kind"],
            strict=e.get("strict", False),
            epithets=tuple(x.strip() for x in e.get("epithets", [])),
        )
        for e in entries
    )


def load_companies(path: Path | str | None = None) -> tuple[Company, ...]:
    """Load and validate a companies TOML file (default: the shipped seeds/companies.toml)."""
    path = Path(path) if path else COMPANIES_PATH
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SeedDataError(path, [f"invalid TOML: {exc}"]) from exc
    return parse_companies(data, path)


_STRICT_BEFORE = re.compile(
    r"(?:start-?up|jeune pousse|pépite|société|company|firm|entreprise|Unternehmen|empresa|"
    r"compañía|labo(?:ratoire)?|lab|éditeur|maker|designer|fabricant|device|appareils?|acquires?|"
    r"acquired|acquiring|buys?|bought|rachète|racheter|racheté|rachat de|acquisition (?:of|de)|"
    r"invests? in|investit dans|investi dans|übernimmt|adquiere|backs|soutient|rival|"
    r"concurrent|français[e]?|french|groupe|group|Konzern|grupo|opérateur|operator)"
    r"[\s\w'’,-]{0,12}$",
    re.I,
)
_STRICT_AFTER = re.compile(
    r"^(?:['’]s)?[\s,]+(?:(?:a|an|the|une?|la|le|l['’])\s*(?:[\w'’-]+\s+){0,4}?)?(?:raises|"
    r"raised|lève|a levé|has raised|"
    r"sammelt|recauda|levanta|secures|closes|start-?up|company|société|jeune pousse|labo|"
    r"entreprise|Start-?up|empresa|was acquired|a été rachet|fondée|founded|co-?founded|"
    r"a signé|signs|signed|annonce|announces|rachète|acquires|invests|investit|a racheté|"
    r"va racheter|prend \d|va prendre|has acquired|has bought|buys|kauft|übernimmt|compra|"
    r"adquiere|invierte)",
    re.I,
)


#: What may follow an alias: no word character, no "-Capital" or "-backed" compound.
_AFTER_ALIAS = r"(?![\w]|-[A-Z]|-(?:backed|owned|based|led)\b)"
_AFTER_ALIAS_RE = re.compile(_AFTER_ALIAS)
_RUN = re.compile(r"\w+")
_FIRST_RUN = re.compile(r"\w+")


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Gazetteer:
    """Alias resolution and company matching over a validated company list."""

    def __init__(self, companies: tuple[Company, ...]) -> None:
        self.companies = {c.name: c for c in companies}
        self._by_key: dict[str, str] = {}
        for c in companies:
            for surface in (c.name, *c.aliases):
                self._by_key[normalize_name(surface)] = c.name
        surfaces = {s: c for c in companies for s in (c.name, *c.aliases)}
        self._surface_to = surfaces
        alternation = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w@#/.&-])(?:{alternation}){_AFTER_ALIAS}")
        # the same matching through an index on each alias's first word (see _alias_hits)
        self._by_first: dict[str, list[str]] = {}
        for surface in sorted(surfaces, key=len, reverse=True):
            first = _FIRST_RUN.match(surface)
            self._by_first.setdefault(first.group(0) if first else "", []).append(surface)
        # epithets ("the ChatGPT maker", "le géant de Redmond"): either case on the first letter
        self._epithet_to = {
            e.replace("’", "'").casefold(): c for c in companies for e in c.epithets
        }
        epithets = sorted({e for c in companies for e in c.epithets}, key=len, reverse=True)
        # matched on lower-cased text: case-sensitive matching is much faster in ``re``
        self._epithets = _epithet_pattern([_spaced(re.escape(e.lower())) for e in epithets])

    def canonical(self, name: str) -> str:
        """Canonical company name for an alias; unknown names come back without legal suffix."""
        found = self._by_key.get(normalize_name(name))
        if found is None:
            bare = strip_legal_suffix(name)
            found = self._by_key.get(normalize_name(bare), bare)
        return found

    def top_parent(self, name: str) -> str:
        name = self.canonical(name)
        seen = set()
        while name in self.companies and self.companies[name].parent and name not in seen:
            seen.add(name)
            name = self.canonical(self.companies[name].parent or name)
        return name

    def get(self, name: str) -> Company | None:
        return self.companies.get(self.canonical(name))

    def is_ai(self, name: str) -> bool:
        company = self.get(name)
        return bool(company and company.ai)

    def _alias_spans(self, text: str):
        """(start, end, surface) of aliases in ``text``, leftmost and longest first, without
        overlaps -- what ``self._pattern.finditer`` gives, found through the first-word index
        (a regex alternation of hundreds of names is tried at every character)."""
        if "" in self._by_first:
            yield from ((m.start(), m.end(), m.group(0)) for m in self._pattern.finditer(text))
            return
        starts = []
        for word in set(_RUN.findall(text)).intersection(self._by_first):
            pos = text.find(word)
            while pos >= 0:
                stop = pos + len(word)
                if not (pos and _word_char(text[pos - 1])) and not (
                    stop < len(text) and _word_char(text[stop])
                ):
                    starts.append((pos, word))
                pos = text.find(word, pos + 1)
        end = 0
        for start, word in sorted(starts):
            if start < end or (start and text[start - 1] in "@#/.&-"):
                continue
            for surface in self._by_first[word]:
                stop = start + len(surface)
                if text.startswith(surface, start) and _AFTER_ALIAS_RE.match(text, stop):
                    yield start, stop, surface
                    end = stop
                    break

    def find(self, text: str) -> list[CompanyHit]:
        """Known companies named in ``text`` (media outlets included, with kind "media")."""
        hits = []
        for start, end, surface in self._alias_spans(text):
            company = self._surface_to[surface]
            if company.strict and not _in_company_context(text, start, end):
                continue
            hits.append(CompanyHit(company.name, start, end, True))
        low = text.lower()
        if self._epithets is not None and len(low) == len(text):
            for m in self._epithets.finditer(low):
                surface = m.group(0).replace("\u00a0", " ").replace("’", "'")
                by_epithet = self._epithet_to.get(surface.casefold())
                if by_epithet is not None:
                    hits.append(CompanyHit(by_epithet.name, m.start(), m.end(), True))
        return hits


def _in_company_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 45) : start]
    return bool(_STRICT_BEFORE.search(before) or _STRICT_AFTER.match(text[end : end + 40]))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer built from the shipped seeds/companies.toml (loaded once)."""
    return Gazetteer(load_companies())


def _spaced(pattern: str) -> str:
    """Let the spaces of an escaped phrase match no-break spaces too."""
    return pattern.replace("\\ ", " ").replace(" ", "[ \u00a0]").replace("'", "['’]")

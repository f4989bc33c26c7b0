"""Company gazetteer (seeds/companies.toml) and company recognition in text.

Known companies are matched by alias (case-sensitive, on word boundaries); ``strict``
entries such as "H" or "io" only count in company context ("la start-up H", "acquires io").
Unknown companies are picked up from context ("la jeune pousse X", "X, a ... startup",
"startup X", "X raises").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from enrich.errors import SeedDataError

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
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
    r"|ag|gmbh|se|nv|bv|ab|oy|spa|s\.a|s\.a\.s|holdings?)\.?$",
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


def normalize_name(name: str) -> str:
    """Case- and punctuation-insensitive key for a company name."""
    return re.sub(r"[\W_]+", "", name.casefold())


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
    problems, seen = [], {}
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
    r"compañía|labo(?:ratoire)?|lab|éditeur|maker|fabricant|device|appareils?|acquires?|"
    r"acquired|acquiring|buys?|bought|rachète|racheter|racheté|rachat de|acquisition (?:of|de)|"
    r"invests? in|investit dans|investi dans|übernimmt|adquiere|backs|soutient|rival|"
    r"concurrent|français[e]?|french)[\s\w'’,-]{0,12}$",
    re.I,
)
_STRICT_AFTER = re.compile(
    r"^(?:['’]s)?[\s,]+(?:(?:a|an|une?|la|le|l['’])\s*(?:[\w'’-]+\s+){0,4}?)?(?:raises|raised|lève|a levé|has raised|"
    r"sammelt|recauda|levanta|secures|closes|start-?up|company|société|jeune pousse|labo|"
    r"entreprise|Start-?up|empresa|was acquired|a été rachet|fondée|founded|co-?founded|"
    r"a signé|signs|signed|annonce|announces|rachète|acquires|invests|investit)",
    re.I,
)


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
        self._pattern = re.compile(rf"(?<![\w@#/.&-])(?:{alternation})(?![\w]|-[A-Z]|-(?:backed|owned|based|led)\b)")
        # epithets ("the ChatGPT maker", "le géant de Redmond"): either case on the first letter
        self._epithet_to = {e.replace("’", "'").casefold(): c for c in companies for e in c.epithets}
        epithets = sorted({e for c in companies for e in c.epithets}, key=len, reverse=True)
        # matched on lower-cased text: case-sensitive matching is much faster in ``re``
        self._epithets = (
            re.compile(
                "(?<![\\w])(?:"
                + "|".join(_spaced(re.escape(e.lower())) for e in epithets)
                + ")(?![\\w])"
            )
            if epithets
            else None
        )

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

    def find(self, text: str) -> list[CompanyHit]:
        """Known companies named in ``text`` (media outlets included, with kind "media")."""
        hits = []
        for m in self._pattern.finditer(text):
            company = self._surface_to[m.group(0)]
            if company.strict and not _in_company_context(text, m.start(), m.end()):
                continue
            hits.append(CompanyHit(company.name, m.start(), m.end(), True))
        low = text.lower()
        if self._epithets is not None and len(low) == len(text):
            for m in self._epithets.finditer(low):
                surface = m.group(0).replace("\u00a0", " ").replace("’", "'")
                company = self._epithet_to.get(surface.casefold())
                if company is not None:
                    hits.append(CompanyHit(company.name, m.start(), m.end(), True))
        return hits


def _in_company_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 45) : start]
    return bool(_STRICT_BEFORE.search(before) or _STRICT_AFTER.match(text[end : end + 40]))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer built from the shipped seeds/companies.toml (loaded once)."""
    return Gazetteer(load_companies())


_NAME = r"(?P<name>[A-Z][\w&+.:-]*[\w+]|[A-Z]|[a-z][A-Z0-9][\w&+-]*[\w+])(?P<more>(?:[ \u00a0](?:[A-Z][\w&+.-]*[\w+]|AI|IA|KI|Labs?|\d+))*)"
_SP_RE = "[ \u00a0]"
_FUNCTION = (
    r"(?!(?:de|du|des|d|of|by|von|del|with|avec|qui|que|which|that|dans|in|for|pour|à|au|aux|"
    r"et|and|the|la|le|les|a|an|un|une|est|is|has|was|a|se|s|sur|on|en)\b)"
)
_CUE_WORDS = (
    "start-?up", "jeune pousse", "pépite", "licorne", "unicorn", "scale-?up", "société",
    "entreprise", "éditeur", "firm", "company", "chipmaker", "maker", "developer", "provider",
    "unternehmen", "empresa", "compañía", "fabricant", "spécialiste", "specialist", "rival",
    "builder", "supplier", "vendor", "operator", "biotech", "armateur", "groupe", "group", "outfit",
)


def _spaced(pattern: str) -> str:
    """Let the spaces of an escaped phrase match no-break spaces too."""
    return pattern.replace("\\ ", " ").replace(" ", "[ \u00a0]").replace("'", "['’]")


def _either_case(word: str) -> str:
    """"[Ss]ociété": case-sensitive patterns are far faster than re.I in ``re``."""
    return f"[{word[0].upper()}{word[0]}]{word[1:]}"


_CUE = "(?:" + "|".join(_either_case(w) for w in _CUE_WORDS) + ")"
_DISCOVERY = [
    re.compile(rf"{_CUE}(?:\s+{_FUNCTION}[a-zà-ÿ'’-]+){{0,2}}\s+{_NAME}"),
    re.compile(
        rf"{_NAME},\s+(?:a|an|une?|la|le|l['’])\s*(?:[\w'’-]+\s+){{0,4}}?"
        r"(?i:start-?up|company|firm|jeune pousse|société|maker|developer|provider|pépite|empresa)"
    ),
    re.compile(rf"[A-Z][\w]+-based\s+{_NAME}"),
    re.compile(
        rf"(?:acquire|acquires|acquired|acquisition of|to buy|buys|bought|rachat de|racheter|rachète|"
        rf"l['’]acquisition de|übernimmt|adquirir|stake in|investment in|invested in)\s+{_NAME}"
    ),
    # sentence subject of a deal verb, after at most three auxiliaries ("X has agreed to buy")
    re.compile(
        rf"(?:^|(?<=[.!?]\s)|(?<=\n)){_NAME}\s+(?:(?:has|have|had|will|is|are|was|to|also|a|ont|va|"
        r"vont|hat|haben|wird|ha|han|officially|officiellement|agreed|signed|definitive|agreement|a)\s+)"
        r"{0,4}(?:acquir\w*|buy\w*|bought|purchas\w*|merge\w*|complet\w*|closed|finalis\w*|"
        r"rach[eè]t(?:e|é|era|ent)|achète|fusionn(?:e|ent|era)|übernimmt|übernommen|übernahm|kauft|"
        r"gekauft|adquier(?:e|en)|adquirió|compr(?:a|ó|ará)|invest(?:s|ed|it|ira|iert|ierte)|"
        r"rejected|rejeté|declined)\b",
        re.M,
    ),
    # "X and Y have agreed to merge", "X, Y et Z participent au tour de table"
    re.compile(
        rf"{_NAME}(?=(?:(?:,\s+|\s+(?:and|et|und|y)\s+)[A-Za-z][\w&+.-]*(?:\s[A-Z][\w&+.-]*)*)+\s+"
        r"(?:(?:have|has|will|also|ont|haben|han|mutually)\s+)?(?:agreed|signed|called off|terminat\w*|abandon\w*|scrapped|ended|announced|to merge|merge|"
        r"fusionn\w*|s['’]associent|s['’]allient|ont (?:signé|annoncé|conclu)|kooperieren|fusionieren|"
        r"participent|participate[sd]?|joined|took part|zogen mit|beteiligten sich|participaron|participan)\b)"
    ),
    re.compile(
        rf"(?:,\s+|\s(?:and|et|und|y)\s+){_NAME}\s+(?:(?:have|has|will|also|ont|haben|han|mutually)\s+)?"
        r"(?:agreed|signed|called off|terminat\w*|abandon\w*|scrapped|ended|announced|to merge|merge|"
        r"fusionn\w*|s['’]associent|s['’]allient|ont (?:signé|annoncé|conclu)|kooperieren|fusionieren|"
        r"participent|participate[sd]?|joined|took part|zogen mit|beteiligten sich|participaron|participan)\b"
    ),
    # investors named around a round: "led by X", "X mène l'opération", "liderada por X"
    re.compile(
        rf"(?:led by|co-led by|men[ée]e?s? par|liderada por|angeführt von|[Rr]unde von|"
        rf"participación de|participation de|backed by){_SP_RE}+{_NAME}"
    ),
    re.compile(rf"{_NAME}\s+(?:mène|mènent|a mené|ont mené|leads|led the|co-led|lidera|lideró)\b"),
    # the company whose shareholders vote, whose capital is bought, who is paid for a licence
    re.compile(
        rf"{_NAME}(?:['’]s)?\s+(?:shareholders|stockholders|investors|board|actionnaires|Aktionäre|accionistas)\b"
    ),
    re.compile(
        rf"(?:capital (?:d['’]|de )|stake in |participation dans |purchase of |takeover of |"
        rf"rachat d['’]|acquisition d['’]|Übernahme von |compra de |adquisición de |"
        rf"pay |pays |paying |will pay |pagará a |paiera |zahlt ){_NAME}"
    ),
    # lower-case camel-case brands stand out on their own: "eToro", "vLex", "iRobot"
    re.compile(r"(?<![\w@#/.&-])(?P<name>[a-z]{1,2}[A-Z][a-z]+[A-Za-z0-9]*)(?P<more>)(?![\w])"),
    # German compound job nouns: "der Flugzeugbauer X", "das Softwareunternehmen X"
    re.compile(
        rf"[A-ZÄÖÜ][a-zäöüß]+(?:bauer|hersteller|konzern|anbieter|spezialist|entwickler|unternehmen)"
        rf"\s+{_NAME}"
    ),
    re.compile(
        rf"(?:^|(?<=[.!?]\s)|(?<=\n)){_NAME}\s+(?:raises|lève|a levé|has raised|sammelt|recauda|"
        r"levanta|secures|closes|lands|boucle|obtient|décroche)\b",
        re.M,
    ),
]
_NOT_NAMES = {
    "AI", "IA", "KI", "The", "This", "That", "La", "Le", "Les", "Un", "Une", "Selon", "En", "In",
    "Der", "Die", "Das", "El", "Los", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "It", "Its", "Il", "Elle", "Son", "Sa",
    "Ses", "CEO", "PDG", "US", "Series", "Série", "Serie", "Paris", "London", "Londres", "Berlin",
    "Madrid", "New", "San", "Silicon", "Europe", "France", "China", "Chine", "American",
    "French", "German", "Spanish", "British", "Israeli", "Canadian", "Talks", "Deal", "GPU", "iPhone", "iPad", "iOS", "iCloud", "macOS", "iMac", "iPod", "iTunes", "watchOS", "tvOS",
    "visionOS", "ePrivacy", "eCommerce", "eMobility", "eSports", "eSIM", "mRNA", "Under",
    "According", "Both", "Cet", "Ce", "Cette", "Ces", "Des", "Du", "De", "A", "An", "These",
    "Those", "Dieser", "Diese", "Ein", "Eine", "Este", "Esta", "Una", "Nous", "We", "They", "He",
    "She", "Er", "Sie", "Ils", "Elles", "On", "Après", "After", "Mais", "But", "Pour", "For", "Les", "Los", "Las", "Die", "Der", "Sources", "Analysts", "Investors", "Die", "GPUs", "CPU", "API", "EU", "UE", "Shares", "Its", "Their",
}


# Speed: a pattern that starts with a name is tried at every capital letter, which is slow
# in ``re``.  Those patterns end with a keyword, so they run only in a window before each
# keyword found by a cheap literal search.  (pattern index -> keyword regex, window width)
_KEYED = {
    4: (re.compile(r"acquir|buy|bought|purchas|merge|complet|closed|finalis|rach[eè]t|achète|fusionn|"
                   r"übern|kauft|gekauft|adquir|compr|invest|reject|declined"), 110),
    5: (re.compile(r"agreed|signed|called off|terminat|abandon|scrapped|ended|announced|merge|fusionn|"
                   r"associent|allient|ont (?:signé|annoncé|conclu)|kooperieren|fusionieren|particip|"
                   r"joined|took part|zogen mit|beteiligten"), 160),
    8: (re.compile(r"mène|mené|leads|led the|co-led|lidera|lideró"), 80),
    9: (re.compile(r"shareholders|stockholders|investors|board|actionnaires|Aktionäre|accionistas"), 80),
    13: (re.compile(r"raises|lève|levé|raised|sammelt|recauda|levanta|secures|closes|lands|boucle|"
                    r"obtient|décroche"), 80),
}
_CUE_KEY = re.compile("|".join(_CUE_WORDS))


def _matches(index: int, pattern: re.Pattern, text: str, low: str | None):
    if index == 0 and low is not None:
        for k in _CUE_KEY.finditer(low):  # the cue starts the pattern: anchor there
            m = pattern.match(text, k.start())
            if m:
                yield m
        return
    keyed = _KEYED.get(index)
    if keyed is None:
        yield from pattern.finditer(text)
        return
    key, width = keyed
    end = -1
    for k in key.finditer(text):
        if k.start() < end:
            continue
        for m in pattern.finditer(text, max(0, k.start() - width), k.end() + 25):
            end = max(end, m.end())
            yield m


def discover(text: str, gazetteer: Gazetteer) -> list[CompanyHit]:
    """Companies missing from the gazetteer, recognised from context; then every mention."""
    names = set()
    low = text.lower()
    low = low if len(low) == len(text) else None
    for index, pattern in enumerate(_DISCOVERY):
        for m in _matches(index, pattern, text, low):
            if text[m.end() : m.end() + 2] in ("'s", "’s"):
                continue  # "buys Jony Ive's device startup io": the owner, not the company
            name = (m.group("name") + m.group("more")).strip(" .:-")
            name = name.split("-based ")[-1]
            if name.split()[0] in _NOT_NAMES or normalize_name(name) in gazetteer._by_key:
                continue
            if len(name) >= 2 and not name.isdigit():
                names.add(name)
    # a discovered name that swallowed a known one ("Bestandsinvestoren General Catalyst")
    names = {n for n in names if not gazetteer._pattern.search(n)}
    # a short form of a longer discovered name is the same company ("Grob", "Grob Aircraft")
    longer = {n: next((o for o in names if o != n and o.startswith(n + " ")), None) for n in names}
    hits = []
    for name in names:
        canonical = longer[name] or name
        for m in re.finditer(rf"(?<![\w@#/.&-]){re.escape(name)}(?![\w])", text):
            hits.append(CompanyHit(canonical, m.start(), m.end(), False))
    return hits


def find_all(text: str, gazetteer: Gazetteer) -> list[CompanyHit]:
    """Known and discovered company mentions, sorted, without overlaps."""
    hits = sorted(
        gazetteer.find(text) + discover(text, gazetteer), key=lambda h: (h.start, -h.end)
    )
    out: list[CompanyHit] = []
    for hit in hits:
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return out

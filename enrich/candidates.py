"""Company-name candidates read from the text itself, filtered by negative evidence.

Every proper-name span of a deal sentence is a candidate: capitalised words ("Prairie
Vision", "Main Capital Partners"), names with digits or punctuation ("Mol.AI", "Fathom &
Co", "Ordnungsamt.ai") and lower-case brands ("loop3", "eToro").  Leading descriptors are
peeled off ("Das Münchner KI-Start-up Finara" -> "Finara"), then a span is dropped when the
lexicons of :mod:`enrich.lexicons` say it is something else: a place or a place with a
generic suffix ("Barcelona AI"), a weekday or month, a person ("Dana Whitlock", "Mr
Brenner"), a funding term ("Series A"), or a single ordinary word ("Harbor", "Angaben") --
an ordinary word is a company only with a cue ("the start-up Harbor") or when it is known.
"""

from __future__ import annotations

import re
from itertools import chain

from enrich import lexicons
from enrich.triggers import lower_trigger_positions

_UPPER = "A-ZÀ-ÖØ-Þ"
_TOKEN = re.compile(
    rf"(?<![\w@#/&.’'-])(?:[dlDL]['’](?=[{_UPPER}]))?(?:[{_UPPER}][\w&+.’'-]*[\w+]|[{_UPPER}](?![\w])|[a-z]+\d[\w]*|[a-z]{{1,3}}[{_UPPER}][\w.]*\w)"
)
#: Words that end organisation names: "Main Capital Partners", "Fenwick Data", "Sori AI".
ORG_WORDS = frozenset("""
capital ventures venture partners partenaires fund funds fonds invest investment investments
investissement beteiligungen labs lab ai ia ki bank banque banco group groupe gruppe grupo
holding holdings systems analytics health santé robotics robotique industries industrie
energy energie énergie energía media motors marine semiconductor semiconductors technologies
technology tech data diagnostics digital growth re corporation corp inc interactive mobility
bio therapeutics software networks security solutions aerial dynamics silicon logistics
distillers angels informatique research securities environmental air airlines gmbh ag sa sas
se ltd plc llc co mobilité electronics elektronik engineering studio studios games pay
""".split())
#: Descriptors that precede a name ("the start-up X", "Das KI-Start-up X").
_DESCRIPTORS = frozenset("""
start-up startup start-ups startups scale-up jeune pousse fintech fintechs biotech insurtech
healthtech proptech legaltech edtech medtech deeptech company firm group groupe gruppe grupo
unternehmen konzern société entreprise empresa compañía startup-ul investor investisseur
investoren inversor fund fonds fondo fabricant fabricante hersteller anbieter éditeur editor
rival konkurrent konkurrenten wettbewerber spécialiste spezialist specialist cabinet bank
banque banco chipmaker maker developer provider operator armateur assureur versicherer
laboratoire labor lab versicherer insurer reinsurer carmaker automaker retailer lender
coopérative cooperative cooperativa genossenschaft transporteur transportista laiterie
brasserie fromagerie biscuiterie imprimerie distillerie conserverie
verlag publisher operator opérateur operador
""".split())
#: "Stockholm-based", "Mistral-backed": attributes, never part of the name that follows.
_ATTRIBUTIVE = ("-based", "-backed", "-owned", "-led", "-born", "-headquartered")
#: Nouns that open the names of banks, insurers, foundations and the like ("Banco Austral",
#: "Banque des Volcans", "Caja Rural", "Crédit Mutuel"): at the start of a sentence, with no
#: article, they are part of the name, not a descriptor, and a name may go on after "de/des".
INSTITUTIONS = frozenset("""
banco banca banque bank caja caisse caixa cassa crédit credit compagnie compañía companhia
fondation fundación fundação stiftung mutua mutuelle seguros assurances bodegas laboratoires
laboratorios industrias sociedad société corporación corporation terres conservas vins caves
domaine domaines maison ateliers éditions editions transportes construcciones talleres
cervezas aceites viñedos hijos
""".split())
#: Adjectives and nouns among a language's most frequent words that open company names
#: ("Grand Large Médias", "New Harbor Partners", "Nueva Pescanova"): capitalised inside a
#: sentence they are part of the name, not function words to peel.
NAME_OPENERS = frozenset("""
grand grande gran great big new nouveau nouvelle nuevo nueva first premier première primer
primera general général nacional national high haut haute little petit petite best good bon
bonne world monde state house home golden casa old vieux vieille viejo vieja
""".split())
_TITLES = frozenset("mr mrs ms dr prof m mme mlle herr frau señor señora sr sra don doña".split())
_NOT_NAMES = frozenset("""
AI IA KI CEO PDG CFO CTO COO US UK EU UE USA GPU GPUs CPU API IPO ARR SaaS LLM LLMs
""".split())


#: Articles that may open a written name ("The Plain Numbers Company", "Le Groupe X").
_NAME_ARTICLES = frozenset("the le la les el los las der die das".split())


def generic_opening(word: str) -> bool:
    """A first word that describes rather than names: an article, a generic descriptor or a
    German noun of the kind ("Grupo", "Brauhaus", "Brauerei", "Banco", "Start-up").  It is
    not part of a company's identity (``enrich.samedeal.org_key``)."""
    low = word.casefold()
    return (
        low in _NAME_ARTICLES
        or low in _DESCRIPTORS
        or low in INSTITUTIONS
        or low.endswith(("start-up", "startup"))
        or (low.endswith(_CUE_TAILS) and len(low) > 4)
    )


def _tokens(text: str, start: int, end: int):
    return list(_TOKEN.finditer(text, start, end))


def _spans(text: str, start: int, end: int):
    """Runs of name tokens joined by one space, " & " or " de " inside names."""
    run: list[re.Match] = []
    for tok in _tokens(text, start, end):
        gap = text[run[-1].end() : tok.start()] if run else ""
        if run and (
            _joined(gap) or _family_join(gap, tok) or _abbreviation_join(run, gap)
            or _repeated_join(run, gap, tok) or _particle_join(run, gap, tok, text)
            or _NAME_JOIN.fullmatch(gap) is not None and (
                _institution_join(run, gap) or _recurring_join(run, gap, tok, text)
                or _apposed_join(gap, tok, text) or _described_join(run, gap, text)
            )
        ) and not _possessive(
            run[-1].group(0)
        ):
            run.append(tok)
            continue
        if run:
            yield run
        run = [tok]
    if run:
        yield run


#: French elided words: an article ("L'Agence") or a pronoun or conjunction ("C'est",
#: "Qu'il", "N'importe", "S'il"), never part of a name.
_ELISION = re.compile(r"(?:[LlDdCcNnSsJjMmTt]|[Qq]u)['’]")


class _Token:
    """A name token with its offsets (a match with an elided article cut off)."""

    def __init__(self, text: str, start: int) -> None:
        self._text, self._start = text, start

    def group(self, _index: int = 0) -> str:
        return self._text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._start + len(self._text)


def _unelided(run, text: str):
    """"L'Agence France-Presse" -> "Agence France-Presse"; "L'assureur" is no name."""
    first = run[0].group(0)
    elided = _ELISION.match(first)
    if not elided:
        return run
    rest = first[elided.end() :]
    if not rest or not rest[0].isupper():
        return run[1:]
    return [_Token(rest, run[0].start() + elided.end()), *run[1:]]


def _joined(gap: str) -> bool:
    return gap in (" ", " & ", "\u00a0")


#: "Hofmann und Sohn", "Marchal et Fils", "Ortega e Hijos", "Pryce and Sons": a family firm.
_FAMILY_JOIN = re.compile(r" (?:und|et|e|y|and) ")
_FAMILY_WORDS = frozenset({"Sohn", "Söhne", "Fils", "Hijos", "Sons", "Son", "Brothers",
                           "Frères", "Hermanos", "Brüder", "Tochter", "Töchter"})


def _family_join(gap: str, tok: re.Match) -> bool:
    return tok.group(0) in _FAMILY_WORDS and _FAMILY_JOIN.fullmatch(gap) is not None


#: Abbreviations that open a firm's name ("Gebr. Lindenthal": Gebrüder, brothers).
_NAME_ABBREVIATIONS = frozenset({"Gebr"})


def _abbreviation_join(run, gap: str) -> bool:
    return gap == ". " and run[-1].group(0) in _NAME_ABBREVIATIONS


def _repeated_join(run, gap: str, tok: re.Match) -> bool:
    """"Gota a Gota", "Paso a Paso", "Pas à Pas": a word, "a" or "à", the same word."""
    return gap in (" a ", " à ") and tok.group(0) == run[-1].group(0)


#: Endings of German abstract nouns ("Übernahme", "Beteiligung", "Kauf"), which "von"
#: follows to name their object, unlike a family name.
_ABSTRACT = ("ung", "ahme", "kauf", "tion", "heit", "keit", "schaft", "nis", "chef", "chefin")
_PARTICLE = re.compile(r" (?:von|van|zu|vom) ")
_NAME_REST = re.compile(rf"[  ]([{_UPPER}][\w&.'’-]*)")


def _particle_join(run, gap: str, tok: re.Match, text: str) -> bool:
    """"Die Weber von Stetten Gruppe", "Müller van Dijk Holding": a family name with its
    particle inside a firm's name, which an organisation word closes, opening a sentence or
    after an article (after a verb, "von" names a seller: "kauft X von Y Industries")."""
    if not _PARTICLE.fullmatch(gap) or _is_org_word(run[-1].group(0)):
        return False
    head = text[max(0, run[0].start() - 12) : run[0].start()]
    opening = run[0].group(0) in _ARTICLES or not head.strip() or head.rstrip()[-1:] in ".!?:"
    last = _LAST_WORD.search(head)
    if not opening and (last is None or last.group(1) not in _DETERMINERS):
        return False  # "kauft Mapforge von Pellam Industries": bought from its seller
    word = run[-1].group(0)
    if _descriptor(word, "de") or word.casefold().endswith(_ABSTRACT) or (
        word.casefold() in _JOB_SET
    ):
        return False  # "die Übernahme von Stetten Logistik": a noun, then its object
    pos, words = tok.end(), list[str]()
    while len(words) < 3:
        m = _NAME_REST.match(text, pos)
        if m is None:
            break
        words.append(m.group(1))
        pos = m.end()
    return bool(words) and _is_org_word(words[-1].rstrip("."))


_NAME_JOIN = re.compile(r" (?:de|des|du|del|de la|de los|de las|der) |d['’]")


def _recurring_join(run, gap: str, tok: re.Match, text: str) -> bool:
    """"Laiterie des Monts", "Val de Sèvre": a lower-case join inside a name the story
    writes twice or more in full, capitalised on both sides."""
    if not _NAME_JOIN.fullmatch(gap) or gap.startswith(("d'", "d’")):
        return False
    whole = text[run[0].start() : tok.end()]
    return text.count(whole) >= 2


#: The rest of a name and an apposition that describes it: " Studio, un petit studio".
_APPOSED_AFTER = re.compile(
    rf"(?:[ \u00a0][{_UPPER}][\w'’-]*)*,[ \u00a0]+(?:un|une|a|an|el|la|una|ein|eine|le|the)"
    rf"[ \u00a0]"
)


def _apposed_join(gap: str, tok: re.Match, text: str) -> bool:
    """"a racheté Pomme de Pin Studio, un petit studio angevin": a lower-case join inside a
    name that an apposition then describes as one thing."""
    if not _NAME_JOIN.fullmatch(gap) or gap.startswith(("d'", "d’")):
        return False
    return bool(_APPOSED_AFTER.match(text, tok.end()))


def _described_join(run, gap: str, text: str) -> bool:
    """"la coopérative laitière Val de Brenne", "la start-up Fleur de Lys": a lower-case join
    inside a name that a company noun introduces."""
    if not _NAME_JOIN.fullmatch(gap) or gap.startswith(("d'", "d’")):
        return False
    head = _CLAUSE_CUT.split(text[max(0, run[0].start() - 60) : run[0].start()])[-1]
    words = head.split()
    return bool(words) and (_cue_noun(words[-1]) or bool(_DESCRIBED.search(head)))


def _institution_join(run, gap: str) -> bool:
    """"Banque des Volcans", "Caja de Ahorros del Sur", "Crédit d'Auvergne": a lower-case
    join inside the name of an institution."""
    head = run[1] if len(run) > 1 and run[0].group(0) in _ARTICLES else run[0]
    return head.group(0).casefold() in INSTITUTIONS and bool(_NAME_JOIN.fullmatch(gap))


#: Articles that may open a run before an institution's noun ("La Mutuelle de ...").
_ARTICLES = frozenset({"La", "Le", "Les", "El", "The", "Die", "Der", "Das"})


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


def _descriptor(word: str, language: str | None) -> bool:
    """"Start-up", "KI-Start-up", "US-Investor", "Kranhersteller", "Stockholm-based",
    "Mistral-backed", "des Softwarehauses": a noun or adjective before a name."""
    low = word.casefold()
    if low in _DESCRIPTORS:
        return True
    if low.endswith(("start-up", "start-ups", "scale-up", "scale-ups")):
        return True
    if "-" in low:
        last = low.rsplit("-", 1)[1]
        if language == "de" and (
            (last.endswith("s") and lexicons.is_common(last[:-1], "de"))
            or last.endswith(_CUE_TAILS)
            or _german_compound(last)
            or _german_compound(last[:-1])
        ):
            return True  # "des Recruitingsoftware-Anbieters", "des US-Softwarehauses"
        if language != "de" and word.rsplit("-", 1)[1][:1].isupper() and word[:1].isupper():
            return last in _DESCRIPTORS  # "Pemberton-Hale": a double-barrelled name
        return last in _DESCRIPTORS or (last != "ai" and lexicons.is_common(last, language))
    if language == "de":
        return low.endswith(_CUE_TAILS) or _german_compound(low) or (
            low.endswith("s") and _german_compound(low[:-1])
        )
    return False


def _german_compound(low: str) -> bool:
    """"finanzierungsrunde", "medizintechnikfirma": ends with an ordinary German noun
    ("hanseatische" is an adjective, not "hansea" + "tische")."""
    if low.endswith(("isch", "ische", "ischen", "ischer", "isches", "ischem")):
        return False
    words = lexicons.common_words("de")
    for cut in range(3, len(low) - 4):
        tail = low[cut:]
        if tail in words or (tail.endswith("n") and tail[:-1] in words):
            return True  # "containerankünften": a dative plural of "Ankünfte"
    return False


_CUE_TAILS = (
    "hersteller", "anbieter", "konzern", "unternehmen", "firma", "firmen", "spezialist",
    "spezialisten", "start-up", "start-ups", "startup", "versicherer", "investor", "fonds",
    "bank", "gruppe", "haus", "hauses", "verlag", "entwickler", "bauer", "zulieferer",
    "anbieters", "herstellers", "konzerns", "unternehmens", "dienstleister", "betreiber",
    "logistiker", "händler", "versorger", "ausrüster", "spediteur", "vermarkter", "vermittler",
    "produzent", "holding", "gesellschaft", "brauerei", "brauereien", "reederei", "werft",
    "kette", "plattform", "entwicklers", "investoren", "beteiligungsgesellschaft",
)


def _cue_noun(word: str) -> bool:
    """A noun after which any word is a name: "start-up", "Kranhersteller", "KI-Firma",
    "des KI-Chipentwicklers"."""
    low = word.casefold()
    return (
        low in _DESCRIPTORS
        or low.rsplit("-", 1)[-1] in _DESCRIPTORS
        or low.endswith(_CUE_TAILS)
        or (low.endswith("s") and low[:-1].endswith(_CUE_TAILS))
    )


def _place_word(word: str, language: str | None) -> bool:
    """"Pittsburgh", "Bengaluru", "Kölner", "Jenaer", "Münchner": a place or its adjective."""
    if word.isupper():
        return False
    if lexicons.is_place(word) or lexicons.is_demonym(word):
        return True
    if word.endswith("er") and len(word) > 5:
        stem = word[:-2]
        german = language == "de" and lexicons.is_common(word, "de")
        return lexicons.is_place(stem) or lexicons.is_place(stem + "a") or (
            german and not lexicons.is_common(stem, "de")
        )
    return False


def _function(word: str, language: str | None) -> bool:
    low = word.casefold().rstrip(".")
    return low in lexicons.function_words(language or "en") or low in lexicons.function_words("en")


def _peelable(words: list[str], language: str | None, sentence_start: bool) -> bool:
    """Whether ``words[0]`` describes the name that follows rather than being part of it.
    Outside German, a capitalised ordinary word inside a sentence belongs to the name
    ("Farm Credit Ventures", "ronde menée par Fonds Laurentide")."""
    w, nxt = words[0], words[1] if len(words) > 1 else None
    if _public_body(words, language) or _regional_body(words, language):
        return False  # "Investitionsbank Berlin", "Stadtwerke Emsland": the place is the name
    opener = not sentence_start and w.casefold() in NAME_OPENERS and nxt is not None
    if opener and language in ("en", "fr", "es"):
        return False  # "le groupe Grand Large Médias", "adquirida por Gran Vía Capital"
    if _function(w, language) or lexicons.is_time_word(w) or w.casefold().endswith(_ATTRIBUTIVE):
        return True
    if not sentence_start and language in ("en", "fr", "es") and not w.isupper():
        return nxt is not None and _place_word(w, language) and _descriptor(nxt, language)
    if sentence_start and w.casefold() in INSTITUTIONS and nxt is not None and not _function(
        nxt, language
    ):
        return False  # "Banco Austral y la startup Finzy ...": no article, so a name
    if _descriptor(w, language):
        return True
    if nxt is None:
        return False
    if _cue_noun(nxt) or _function(nxt, language):
        # "Zürcher Versicherer Helvetra", "Japanischer Konzern Morikawa", "Dutch group X"
        return _place_word(w, language) or lexicons.is_common(w, language)
    if language == "de" and w.endswith("er") and lexicons.is_demonym(w) and not w.isupper():
        return True  # "an der Kieler Spürsinn AI", "der Grazer Prüfgeist GmbH"
    if _place_word(w, language):
        return False  # "Hudson Bay Partners", "Marlow Ventures": part of the name
    rare_next = not lexicons.is_common(nxt, language) and not _is_org_word(nxt)
    if rare_next and lexicons.is_common(w, language):
        # "Carmaker Veltro" opening a sentence, "BTP Batilor"
        return w.isupper() or language == "de" or (sentence_start and language in ("en", None))
    return False


#: Heads of German public bodies' names, which a region completes ("Zukunftsfonds Sachsen").
_PUBLIC_HEADS = ("bank", "werke", "fonds", "betriebe", "kasse", "stiftung", "agentur")


def _public_body(words: list[str], language: str | None) -> bool:
    """"Landesförderbank Rheinland", "Stadtwerke Emsland": a German institution noun and a
    place or region is one name (a company's own name after such a noun is rare, not frequent)."""
    if language != "de" or len(words) != 2 or not words[0].casefold().endswith(_PUBLIC_HEADS):
        return False
    place = words[1]
    if words[0].casefold().endswith(("werke", "betriebe", "sparkasse")):
        return place[:1].isupper()  # utilities and savings banks are named by their town
    return place[:1].isupper() and (
        lexicons.is_place(place) or lexicons.is_common(place, "de") or place.endswith("land")
    )


_REGIONAL = ("ische", "ischen", "ischer", "isches")


def _regional_body(words: list[str], language: str | None) -> bool:
    """"die Rheinischen Verkehrsbetriebe", "der Bayerischen Landeswerke": a regional
    adjective, inflected after an article, and an institution noun are one name."""
    return (
        language == "de" and len(words) == 2 and words[0][:1].isupper()
        and words[0].casefold().endswith(_REGIONAL)
        and words[1].casefold().endswith(_PUBLIC_HEADS)
    )


def nominative(name: str, language: str | None) -> str:
    """A German regional body's name with its adjective as written after "die" in the
    nominative ("Rheinischen Verkehrsbetriebe" -> "Rheinische Verkehrsbetriebe")."""
    words = name.split()
    if not _regional_body(words, language):
        return name
    first = words[0]
    for ending in ("ischen", "ischer", "isches"):
        if first.endswith(ending):
            first = first[: -len(ending)] + "ische"
    return " ".join([first, *words[1:]])


def _peel(
    words: list[str], language: str | None, sentence_start: bool = False
) -> tuple[list[str], bool]:
    """Leading function words, dates, places and descriptors off; (rest, titled person)."""
    titled = noun = False
    while words:
        if len(words) == 1 and not titled:
            break  # the last word is judged whole (``_single``), never peeled
        if noun and not _function(words[0], language) and not _cue_noun(words[0]):
            break  # German: no adjective follows a noun, so after "Die Holding" comes the name
        if words[0].casefold().rstrip(".") in _TITLES:
            titled = True
        elif all(_is_org_word(x) for x in words[1:]) and len(words) > 1:
            break  # "Marlow Ventures", "Isar Capital"
        elif not _peelable(words, language, sentence_start):
            break
        noun = language == "de" and _german_noun(words[0])
        words, sentence_start = words[1:], False
    while len(words) > 1 and (lexicons.is_time_word(words[-1]) or words[-1].isdigit()):
        words = words[:-1]
    return words, titled


def _german_noun(word: str) -> bool:
    """A German descriptor noun ("Beteiligungsgesellschaft", "KI-Start-up"), not an
    adjective ("Münchner", "Nordische", "oberbayerischen")."""
    low = word.casefold()
    if lexicons.is_demonym(word) or low.endswith(("ische", "ischen", "ischer", "isches")):
        return False
    return _cue_noun(word) or (_descriptor(word, "de") and not low.endswith(("e", "en", "es")))


def _is_org_word(word: str) -> bool:
    return word.casefold() in ORG_WORDS


_LOWER_NEXT = re.compile(r"[ \u00a0]+[a-zà-ÿ]")


def _acceptable(
    words: list[str],
    language: str | None,
    sentence_start: bool,
    bound: bool = False,
    adjective: bool = False,
) -> bool:
    """Whether peeled ``words`` can name a company; ``bound``: right after a descriptor
    ("the start-up Harbor", "des Robotik-Start-ups Greifwerk"), where ordinary words count."""
    if not words or any(w in _NOT_NAMES for w in words[:1]):
        return False
    name = " ".join(words)
    if lexicons.is_place(name) or lexicons.is_time_word(words[0]):
        return False
    if any(lexicons.is_full_time_word(w) for w in words[1:]):
        return False  # "Fonds Dienstag" is a date phrase; "Prairie Sun Grain" is no date
    core = [w for w in words if not _is_org_word(w)]
    if not core or (
        adjective
        and words[-1] in ("AI", "IA", "KI")
        and all(_place_word(w, language) or lexicons.is_common(w, language) for w in core)
    ):
        return False  # "the Barcelona AI start-up X", "French AI startup X"
    if len(words) == 1:
        return _single(words[0], language, bound)
    if any(len(w) == 1 and w != "&" for w in words):
        return False  # "Series A", "Serie B"
    if "&" in words[1:-1] and not _function(words[0], language):
        return True  # "Bergmann & Sutter": a firm named after its founders
    if (
        not bound
        and lexicons.is_first_name(words[0])
        and words[0].casefold() not in INSTITUTIONS
        and not _is_org_word(words[-1])
        and not lexicons.is_common(words[-1], language)
    ):
        return False  # "Dana Whitlock" (but "Core Scientific")
    if all(lexicons.is_common(w, language) or _descriptor(w, language) for w in core):
        if _public_body(words, language) or _regional_body(words, language):
            return True  # "der staatliche Zukunftsfonds Thüringen": a body and its region
        if not bound and (sentence_start or language == "de"):
            return len(core) < len(words)  # "Intelligenz Steuererklärungen": nouns
    return True


def _single(word: str, language: str | None, bound: bool = False) -> bool:
    if len(word) < 3 and not any(ch.isdigit() for ch in word):
        return False
    if bound and language == "de" and not lexicons.is_place(word) and not _function(word, "de"):
        return True  # "die Brauereien Hochfelder und ...": in German no adjective follows a noun
    if _function(word, language) or _place_word(word, language):
        return False
    if bound:
        return True
    if word.isupper() and len(word) <= 4:
        return False  # acronyms stand for too much to be read without a cue
    if lexicons.is_common(word, language) or _descriptor(word, language):
        return False
    if language in ("en", "fr", "es") and _plural_of_common(word, language):
        return False  # "Pathologists should not have to buy ...": a plural noun, no name
    return not (language == "de" and (_german_compound(word.casefold()) or _inflected(word)))


def _plural_of_common(word: str, language: str | None) -> bool:
    """"Pathologists", "Radiologues", "Agricultores": a plural of an ordinary word."""
    return word.endswith("s") and len(word) > 4 and lexicons.is_common(word[:-1], language)


def _inflected(word: str) -> bool:
    """"Insidern", "Investoren", "Konzerns": a German noun with a case or plural ending."""
    for ending in ("n", "en", "s", "es", "e"):
        if word.endswith(ending) and lexicons.is_common(word[: -len(ending)], "de"):
            return True
    return False


_DETERMINERS = frozenset("""
der die das den dem des ein eine einer eines einem einen Der Die Das Den Dem Des Ein Eine
""".split())
_LAST_WORD = re.compile(r"(\w*)\W*$")


def _introduced(article: str, noun: str) -> bool:
    """An article before the noun, or at a sentence start a noun that describes companies."""
    return article in _DETERMINERS or (not article and _descriptor(noun, "de"))


def _word_before(text: str, at: int) -> str:
    """The word before offset ``at`` in its sentence ("" at a sentence start)."""
    head = text[max(0, at - 30) : at]
    if not head.strip() or head.rstrip()[-1:] in ".!?:\n":
        return ""
    found = _LAST_WORD.search(head)
    return found.group(1) if found else ""


def _german_apposition(noun: str, peeled: list[str], language: str | None) -> bool:
    """"Die Reederei Hanseblick", "der Mischkonzern Talberg": in German an article, a noun
    and a second noun with no article between are a noun and the name it describes, so a
    name made of ordinary words ("Hanseblick" = Hanse + Blick) counts when it is no word
    itself ("mit künstlicher Intelligenz Liegezeiten" has no article: no name)."""
    if language != "de" or not noun[:1].isupper():
        return False
    if len(peeled) > 1:
        return _descriptor(noun, "de") and not _function(noun, "de")
    word = peeled[0]
    common_noun = lexicons.is_common(noun, "de") or _german_compound(noun.casefold())
    return (
        common_noun
        and not _function(noun, language)
        and not lexicons.is_time_word(noun)
        and not _place_word(noun, language)
        and not lexicons.is_common(word, "de")
    )


def refine_cued(
    name: str, language: str | None, adjective: bool = False, sentence_start: bool = False
) -> str | None:
    """A name that a cue pattern found, with leading descriptors peeled off ("Zürcher
    Versicherer Helvetra" -> "Helvetra"); None when what is left is no company name."""
    words = name.split()
    peeled, titled = _peel(words, language, sentence_start)
    if titled or not peeled:
        return None
    if len(peeled) == 1:
        word = peeled[0]
        if _function(word, language) or _descriptor(word, language):
            return None
        if adjective and _place_word(word, language):
            return None  # "buys Osaka robotics start-up X"; "acquire Sana, a ... maker" stays
        german_noun = language == "de" and (
            word.casefold() in lexicons.common_words("de") or _inflected(word)
        )
        if german_noun and len(peeled) == len(words):
            return None  # "übernimmt Mehrheit an X": a noun, not a company
        return word
    if not _acceptable(peeled, language, False, bound=True, adjective=adjective):
        return None
    return " ".join(peeled)


#: Job titles: a name right after one is a person's ("chief executive Aoife Brennan said").
_JOB_TITLES = tuple("""
chief executive|chief executive officer|chief operating officer|chief financial officer|
chief technology officer|ceo|cfo|cto|coo|co-founder|cofounder|founder|chairman|chairwoman|
chair|president|spokesperson|spokesman|spokeswoman|analyst|managing director|pdg|
directeur général|directrice générale|président|présidente|cofondateur|co-fondateur|
cofondatrice|co-fondatrice|fondateur|fondatrice|porte-parole|analyste|gründer|gründerin|
mitgründer|mitgründerin|geschäftsführer|geschäftsführerin|vorstandschef|vorstandschefin|
vorstandsvorsitzende|vorstandsvorsitzender|firmenchef|firmenchefin|konzernchef|konzernchefin|
sprecher|sprecherin|fundador|fundadora|cofundador|cofundadora|consejero delegado|
consejera delegada|director general|directora general|presidenta|portavoz
""".replace("\n", "").split("|"))


_JOB_SET = frozenset(_JOB_TITLES)


def _job_title_before(text: str, at: int) -> bool:
    """Whether a job title ends right before offset ``at``."""
    words = text[max(0, at - 40) : at].casefold().replace(",", " ").split()[-4:]
    return any(" ".join(words[-n:]) in _JOB_SET for n in range(1, min(4, len(words)) + 1))


#: A role in apposition after a person's name: "Osei Boateng, co-founder of ledgerly",
#: "Pierre-Alain Touzet, associé d'Aquitaine ...", "Alicia Moreno, Partnerin bei ...".
_ROLE_AFTER = re.compile(
    r",[ \u00a0]+(?:(?:the|its|their|a|an|le|la|l['’]|el|der|die|sa|son|su)[ \u00a0]+)?"
    r"(?:(?:co-?)?(?:founder|fondat(?:eur|rice)|fundador[a]?|gründer(?:in)?)|cofondat(?:eur|rice)|"
    r"cofundador[a]?|mitgründer(?:in)?|partner(?:in)?|associée?|socia|socio|"
    r"(?:chief|managing|general)[ \u00a0]\w+|ceo|cfo|cto|pdg|président(?:e)?|presidenta?|"
    r"directeur|directrice|director[a]?|geschäftsführer(?:in)?|vorstandschef(?:in)?|"
    r"head|chair(?:man|woman)?|consejer[oa])\b[\w -]{0,25}?[ \u00a0]"
    r"(?:of|at|de|d['’]|du|des|bei|von|der|del|en|chez)(?=[ \u00a0'’A-Z])",
    re.I,
)


def _role_after(text: str, end: int) -> bool:
    """Whether a person's role follows the name ending at ``end`` in apposition."""
    return bool(_ROLE_AFTER.match(text, end))


_NAMED_AS = frozenset(["ist", "heißt", "war"])
_FROM_PLACE = re.compile(r"[ \u00a0]+aus[ \u00a0]+([A-ZÄÖÜ][\w-]+)")


def _named_with_place(text: str, run, language: str | None) -> bool:
    """German "ist Zählwerkstatt aus Jena": a word that is no dictionary word, with no article
    after "ist" and followed by where it is from, is a name."""
    if language != "de" or len(run) != 1:
        return False
    word = run[0].group(0)
    if lexicons.is_common(word, "de") or _word_before(text, run[0].start()) not in _NAMED_AS:
        return False
    place = _FROM_PLACE.match(text, run[-1].end())
    return place is not None and _place_word(place.group(1), language)


_NUMBER_AFTER = re.compile(r"[ \u00a0](\d{1,4})(?![\d%]|[.,]\d)(?![ \u00a0]*[%\w])")


def with_number(name: str, text: str) -> str:
    """"Ruta 57", "Studio 71": a number that the story writes after the name every time it
    names it (twice or more) is part of the name."""
    at = text.find(name + " ")
    number = _NUMBER_AFTER.match(text, at + len(name)) if at >= 0 else None
    if number is None:
        return name
    whole = f"{name} {number.group(1)}"
    return whole if text.count(whole) >= 2 and text.count(whole) == text.count(name) else name


def _wire_tag(text: str, start: int, end: int, name: str) -> bool:
    """"--(NEWSWIRE)--", "/PRNewswire/", "(BUSINESS WIRE)": the tag of a wire service in a
    dateline, in brackets or slashes, is no party."""
    opened = text[start - 1 : start] in ("(", "/")
    closed = text[end : end + 1] in (")", "/")
    return opened and closed and (name.isupper() or "wire" in name.casefold())


_CLAUSE_CUT = re.compile(r"[\n.!?;:,]")
#: A company noun and lower-case words that describe it, right before a name.
_DESCRIBED = re.compile(
    r"\b(?:groupe|group|société|company|firm|maker|konzern|unternehmen|empresa|grupo|"
    r"coopérative|cooperative|cooperativa|genossenschaft|transporteur|transportista|"
    r"compañía|fabricant|fabricante|hersteller|start-up|startup|jeune pousse|fonds|fund|"
    r"fondo|spécialiste|specialist|spezialist|éditeur|editor|developer|développeur|"
    r"desarrolladora)((?:\s+(?:[a-zà-ÿ][\w'’-]*|d['’][a-zà-ÿ][\w'’-]*)){1,4})\s+$"
)
#: "groupe de presse régionale", "fabricante de maquinaria": "of" inside a description.
_OF = frozenset(["de", "du", "des", "del", "für"])
_AND_GAP = re.compile(r"^\s+(?:und|and|et|y|sowie)\s+$")
#: A German sentence that opens with a bare noun and a verb: "Lernkurve hat ...".
_BARE_SUBJECT = re.compile(
    r"(?:^|(?<!Mrd)(?<!Mio)(?<!Tsd)(?<!bzw)(?<!Nr)(?<!ca)[.!?]\s+|\n)"
    r"([A-ZÄÖÜ][a-zäöüß]{4,})\s+[a-zäöüß]",
    re.M,
)
#: Currency nouns that follow an abbreviated amount ("1,2 Mrd. Franken").
_CURRENCY_NOUNS = frozenset("Euro Franken Dollar Pfund Kronen Rupien Yen Won Yuan".split())


def _bare_subjects(text: str) -> set[str]:
    """German nouns that open two sentences or more with no article ("Lernkurve hat ...",
    "Lernkurve entwickelt ..."): a German noun as a subject needs an article, so they are
    names, even when made of ordinary words."""
    counts: dict[str, int] = {}
    for m in _BARE_SUBJECT.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return {
        word for word, n in counts.items()
        if n >= 2 and word not in _CURRENCY_NOUNS and not _function(word, "de")
        and not lexicons.is_time_word(word)
        and not lexicons.is_place(word)
    }


#: A lower-case word opening a sentence or a headline: in edited text only a brand does that.
_LOWER_OPENING = re.compile(r"(?:^|(?<=[.!?])\s+)([a-z][a-z0-9]{2,})(?=[\s,’'])", re.M)


#: A lower-case brand bought or invested in, described right after: "agreed to buy underly,
#: a London start-up", "rachète hopla, l'application ...".
_LOWER_OBJECT = re.compile(
    r"\b(?:buy|buys|bought|acquire|acquires|acquired|invest in|invests in|rachète|racheter|"
    r"acquiert|übernimmt|kauft|adquiere|compra|comprar)\s+([a-z][a-z0-9]{2,}),\s+"
    r"(?:a|an|the|une?|la|le|l['’]|ein|eine|das|el|una?)\b"
)


#: A lower-case brand as the subject of a fundraising or buying verb: "how ledgerly raised its
#: seed round".  The verb is found first (a literal search), then the word before it.
_LOWER_VERB = re.compile(
    r"\b(?:raised|raises|secured|closed|levé|lève|bouclé|boucle|eingesammelt|sammelt|recaudado|"
    r"recauda|cerrado|acquired|bought|racheté|übernommen|adquirido)\b"
)
_LOWER_BEFORE_VERB = re.compile(
    r"(?<![\w@#/.&'’-])([a-z][a-z0-9]{2,})\s+(?:(?:has|had|a|avait|hat|hatte|ha|había)\s+)?$"
)


#: Literal pieces one of which every match of ``_LOWER_VERB`` holds (``in`` is far cheaper).
_LOWER_VERB_KEYS = ("rais", "secured", "closed", "lev", "boucl", "sammelt", "recaud", "cerrado",
                    "acquired", "bought", "rachet", "übernommen", "adquirido")


def _lower_subjects(text: str):
    if not any(key in text for key in _LOWER_VERB_KEYS):
        return
    for verb in _LOWER_VERB.finditer(text):
        m = _LOWER_BEFORE_VERB.search(text, max(0, verb.start() - 30), verb.start())
        if m:
            yield m


def _lower_brands(text: str, regions, language: str | None) -> set[str]:
    """"nuvio was valued at ...", "hopla, l'application ...": lower-case brands opening
    one of the sentences read (``regions``)."""
    out = set()
    # the sentences read, one per line (a sentence holds no line break), searched at once
    joined = "\n".join(text[start:end] for start, end in regions)
    found = chain(_LOWER_OPENING.finditer(joined), _LOWER_OBJECT.finditer(joined),
                  _lower_subjects(joined))
    for m in found:
        word = m.group(1)
        if _function(word, language) or lexicons.is_time_word(word):
            continue
        if not any(lexicons.is_common(word, lang) for lang in ("en", "fr", "de", "es")):
            out.add(word)
    return out


def _recurring_whole(
    words: list[str], peeled: list[str], text: str, language: str | None
) -> list[str]:
    """The span kept whole when the story writes it again, capitalised and in full: "Grand
    Large Médias", "Brauhaus Seewinkel", "Grupo Serrano Lucas" are names, not a descriptor
    and a name.  Leading function words, dates and place adjectives still go."""
    lead = 0
    while lead < len(words) - len(peeled) and (
        _function(words[lead], language)
        or lexicons.is_time_word(words[lead])
        or _place_word(words[lead], language)
        or words[lead].casefold().endswith(_ATTRIBUTIVE)
    ):
        lead += 1
    whole = words[lead:]
    if len(whole) == len(peeled) or _descriptor(whole[0], language) or _cue_noun(whole[0]):
        return peeled  # "Start-up Schadenfix", "Fonds Limmat Partners": a known descriptor
    if language == "de" and lexicons.is_common(whole[0], "de"):
        return peeled  # German writes every noun capitalised: "die Spedition Wolkenfeld"
    count = _count_words(whole, text)
    if count >= 2 and _count_words(peeled, text) <= count:
        return whole  # the shorter name never stands alone: it was no descriptor
    return peeled


def _count_words(words: list[str], text: str) -> int:
    pattern = r"(?<![\w-])" + r"\s+".join(map(re.escape, words)) + r"(?![\w-])"
    return len(re.findall(pattern, text))


_POSSESSIVE_END = re.compile(r"['’]s$")


#: A relative clause after a sentence's first name: ", que fabrica sensores, ".
_RELATIVE = re.compile(
    r",[ \u00a0]+(?:que|qui|which|who|that|die|der|das|welche|welcher)[ \u00a0][^,.;:!?]{3,120},"
    r"[ \u00a0]+"
)


#: An apposition after a sentence's first name: ", ein Berliner Anbieter von ...".
_APPOSITION = re.compile(
    r",[ \u00a0]+(?:ein|eine|a|an|un|une|una|the|la|le|el|der|die|das)[ \u00a0]+"
    r"((?:[\w-]+[ \u00a0]+){0,3}[\w-]+)"
)


def _described_after(text: str, end: int, language: str | None) -> bool:
    """Whether an apposition naming a kind of company follows ``end`` ("Kopfsache, ein
    Berliner Anbieter von KI-Lernsoftware, erhält ..."): the words before it are a name."""
    m = _APPOSITION.match(text, end)
    if m is None:
        return False
    return any(_cue_noun(w) or _descriptor(w, language) for w in m.group(1).split())


def _relative_subject(text: str, end: int) -> bool:
    """Whether the words at ``end`` are a relative clause and then a deal verb: the name
    before them is the subject of a deal ("Nordlicht, die Software entwickelt, übernimmt")."""
    m = _RELATIVE.match(text, end)
    if m is None:
        return False
    return bool(lower_trigger_positions(text[m.end() : m.end() + 40].lower()))


#: Words after which a month or a day is a date ("on May", "am Sonntag", "le mardi").
_DATE_BEFORE = frozenset("""
on in of by from since until till this last next early late mid am im vom seit bis ab le la
au en depuis dès jusqu ce cette el del de desde hasta este esta durante a
""".split())


#: An article and one or two lower-case words before a name: "la bogotana ", "the insurance
#: start-up ".
_ARTICLE_WORD_BEFORE = re.compile(
    r"\b(?i:la|el|le|the|los|las|les|une?|una|an?)[ \u00a0]+(?:[a-zà-ÿ][\w-]*[ \u00a0]+){1,2}$"
)


def _described_frequent(
    words: list[str], text: str, first: int, language: str | None, sentence_start: bool
) -> bool:
    """"la bogotana Cuenta Clara", "la start-up Tout Court": inside a sentence, a frequent
    word capitalised after an article and a description opens a name; it is not peeled."""
    if sentence_start or language not in ("en", "fr", "es") or len(words) < 2:
        return False
    if not _function(words[0], language) or _function(words[1], language):
        return False
    if words[0].casefold() in _NAME_ARTICLES or words[0].isupper():
        return False
    return bool(_ARTICLE_WORD_BEFORE.search(text, max(0, first - 40), first))


def _time_named(words: list[str], text: str, first: int) -> bool:
    """A month or a day opening a name an organisation word closes ("May Robotics", "Sonntag
    Labs", "Mars Analytics"), not a date before a name ("on Monday Acme Capital said")."""
    if len(words) < 2 or not lexicons.is_time_word(words[0]) or not _is_org_word(words[-1]):
        return False
    if any(lexicons.is_time_word(w) or w[:1].isdigit() for w in words[1:]):
        return False
    before = _LAST_WORD.search(text[max(0, first - 12) : first])
    word = before.group(1).casefold() if before else ""
    return word not in _DATE_BEFORE and not word.isdigit()


def candidate_names(text: str, regions, language: str | None) -> set[str]:
    """Company-name candidates in ``regions`` ((start, end) offsets) of ``text``."""
    names = _lower_brands(text, regions, language)
    bare = _bare_subjects(text) if language == "de" else set()
    last_bound = -1
    people: set[str] = set()  # words of people's names: "Osei" after "Osei Boateng, co-founder"
    for start, end in regions:
        for run in _spans(text, start, end):
            run = _unelided(run, text)
            if not run:
                continue
            words = [t.group(0) for t in run]
            words[-1] = _POSSESSIVE_END.sub("", words[-1])
            first = run[0].start()
            sentence_start = first == start or not text[start:first].strip()
            if _time_named(words, text, first):
                names.add(_POSSESSIVE_END.sub("", text[first : run[-1].end()]))
                continue  # "May Robotics", "Sonntag Labs": a month or a day opening a name
            if _described_frequent(words, text, first, language, sentence_start):
                peeled, titled = words, False  # "la bogotana Cuenta Clara": a name
            else:
                peeled, titled = _peel(words, language, sentence_start)
            if not titled and len(peeled) < len(words):
                peeled = _recurring_whole(words, peeled, text, language)
            at = len(words) - len(peeled) - 1
            before = words[at] if at >= 0 else None
            bound = before is not None and (
                _cue_noun(before)
                or _german_apposition(before, peeled, language)
                and _introduced(words[at - 1] if at > 0 else _word_before(text, first), before)
            )
            head = _CLAUSE_CUT.split(text[max(0, first - 60) : first])[-1]
            described = _DESCRIBED.search(head)
            said = described.group(1).split() if described else []
            if not bound and len(peeled) == len(words) and said and said[-1] not in _OF and not any(
                _function(w, language) and w not in _OF for w in said
            ):
                bound = True  # "le groupe japonais d'électronique Harumi Denki"
            if not bound and len(peeled) == len(words) and language != "de" and first > 1:
                head = text[max(0, first - 30) : first - 1]
                if head[-1:].islower():  # "la laiterie Moulin-Vert"
                    bound = _cue_noun(head.rsplit(None, 1)[-1])
            if last_bound >= 0 and _AND_GAP.match(text[last_bound:first]):
                bound = True  # "die Brauereien Hochfelder und Kaltenbrunn"
            if (
                language == "de" and before is not None and len(peeled) == 1
                and not _cue_noun(before) and _german_noun(before)
                and lexicons.is_common(peeled[0], "de") and not _function(peeled[0], "de")
                and not _place_word(before, "de") and peeled[0] not in _CURRENCY_NOUNS
                and not before.casefold().startswith(("million", "milliard", "tausend"))
            ):
                peeled, bound = words[at:], True  # "Der Klinikverbund Süd": the noun names it
            adjective = bool(_LOWER_NEXT.match(text, run[-1].end()))
            if len(peeled) == 1 and peeled[0] in bare:
                bound = True
            if sentence_start and peeled == words and not bound and (
                _relative_subject(text, run[-1].end())
                or _described_after(text, run[-1].end(), language)
            ):
                bound = True  # "Trébol Datos, que fabrica sensores, ha comprado ..."
            if language == "de" and len(peeled) == 1 and not bound and _named_with_place(
                text, run, language
            ):
                bound = True  # "ist Zählwerkstatt aus Jena": no article, so a name
            if len(peeled) > 1 and not bound and _role_after(text, run[-1].end()):
                people.update([*peeled, " ".join(peeled)])  # "X Y, co-founder of Fennick"
                continue
            # "Arrieta del Valle, la oficina ...": a join kept inside a run is a name's, so
            # ordinary words there are not a sentence's opening nouns
            inner = peeled == words and any(
                not _joined(text[a.end() : b.start()]) for a, b in zip(run, run[1:], strict=False)
            )
            if titled or not _acceptable(
                peeled, language, sentence_start and peeled == words and not inner, bound,
                adjective,
            ):
                continue
            if bound:
                last_bound = run[-1].end()
            kept = run[len(words) - len(peeled) :][: len(peeled)]
            name = _POSSESSIVE_END.sub("", text[kept[0].start() : kept[-1].end()])
            if _job_title_before(text, kept[0].start()) or (
                len(peeled) > 1 and _role_after(text, kept[-1].end())
            ):
                people.update([*peeled, name])
                continue  # "chief executive Aoife Brennan said", "Gründer Tobias Lehner"
            if _wire_tag(text, run[0].start(), run[-1].end(), name):
                continue  # "PITTSBURGH--(NEWSWIRE)--Orbelle Robotics, Inc. ..."
            if not lexicons.is_place(name):  # "Turks & Caicos Islands"
                names.add(name)
    return {n for n in names if n not in people} if people else names

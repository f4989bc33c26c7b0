"""Deal extraction: trigger word + parties + amount per clause, then merged per deal.

Each clause holding a deal trigger yields at most one raw mention.  Roles come from word
order (buyers before the verb, target after it; "X raises ... led by Y"; passive "by/par").
Amounts next to the trigger pass through :func:`enrich.traps.classify_amount` so revenue,
valuations, spending plans and the like never become deal amounts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from enrich.companies import CompanyHit, Gazetteer
from enrich.money import Money, bare_dollar_currency, find_money, find_percents, home_currency
from enrich.rounds import cited_period
from enrich.status import sentence_status
from enrich.text import Span, clauses
from enrich.traps import classify_amount
from enrich.triggers import (
    ANAPHOR,
    ANAPHOR_OPENING,
    BOUGHT_FROM,
    COORD,
    DEAL_NOUN,
    EARLIER_ROUND,
    FOR_TARGET,
    FUNDING_NOUN,
    INVESTOR_CUE,
    OFFER_FROM,
    OFFER_NOUN,
    PARTICIPATION,
    PASSIVE_BY,
    PAYS,
    POSSESSIVE,
    PRIORITY,
    REPORTS,
    REVERSED,
    ROUND_NOUN,
    SALE,
    SALE_TO,
    STAKE_CUE,
    TRIGGER_RES,
    VERB_FINAL,
    lower_trigger_positions,
)

_CURRENCY_HINT = re.compile(
    r"\$|\b(?:dollars?|dólares|Dollar|USD)\b|€|\b(?:euros?|Euro|EUR)\b|£|"
    r"\b(?:GBP|livres|pounds)\b",
    re.I,
)
#: The same, for lower-cased text (case-sensitive matching is much faster in ``re``).
_CURRENCY_HINT_LOWER = re.compile(
    r"\$|\b(?:dollars?|dólares|usd)\b|€|\b(?:euros?|eur)\b|£|\b(?:gbp|livres|pounds)\b"
)
#: A conversion in parentheses after an amount: "($43 million)", "(environ 40 M$)".  Its
#: currency belongs to the conversion, never to the amount before it.
_CONVERSION = re.compile(r"\((?=[^()]{0,40}\d)[^()\d]{0,20}[\d$€£][^()]{0,30}\)")
_EUR = ("€", "euro", "euros", "eur")
_GBP = ("£", "gbp", "livres", "pounds")


#: A holding after the deal ("hält künftig 25 Prozent", "after the deal it holds 30%").
_AFTERWARDS = re.compile(
    r"\b(?:künftig|nunmehr|danach|after the (?:deal|transaction|investment)|will|désormais|"
    r"à l['’]issue|une fois|tras la operación|tras la|a partir de ahora)\b",
    re.I,
)
#: A deal said not to happen, just before its trigger: "rules out fundraising", "does not need
#: to raise money", "has no plans to sell", "denied it was in talks to buy", "n'envisage pas
#: de lever", "exclut toute cession", "dementiert einen Verkauf", "plant keine Übernahme",
#: "descarta vender", "no tiene previsto levantar", "pas de levée", "kein Verkauf".  Matched
#: on lower-cased text; the trigger must follow within four words.
_DENIAL = re.compile(
    r"\b(?:rul(?:es|ed|ing) out|(?:does|do|did) not (?:need|plan|intend|want) to|"
    r"(?:doesn['’]t|don['’]t|didn['’]t) (?:need|plan|intend|want) to|"
    r"(?:has|have|had) no (?:plans?|intention|need) (?:to|of)|no plans? to|not looking to|"
    r"(?:denied|denies|deny)(?: (?:that|any|reports?|it|they)\b)*|"
    r"(?:is|was|are|were) not (?:in talks|for sale|raising|seeking)|"
    r"exclu(?:t|ent|ait)|écart(?:e|ent|é)|dément(?:ent)?|a démenti|"
    r"n['’](?:envisage|a|ont|avait|prévoit|compte|entend|cherche)\w* (?:\w+ )?pas|"
    r"ne (?:compte|prévoit|cherche|veut|souhaite) pas|pas (?:besoin|question) de|"
    r"dementier\w*|plant keine\w*|keine (?:pläne|absicht)|nicht auf der suche|"
    r"braucht? kein\w*|will kein\w*|"
    r"descart(?:a|ó|an|aron)|desmient\w*|desminti\w*|neg(?:ó|aron|ado)(?: que)?|"
    r"nieg(?:a|an)(?: que)?|"
    r"no (?:tiene|tienen) (?:previsto|planes|intención)|no (?:necesita|planea|contempla|busca)|"
    r"pas d['’]|pas de|aucune?|kein(?:e|en)?|ningun[oa]|ningún)(?=\W)"
)
#: How far the trigger may follow a denial, and for "pas de levée" / "kein Verkauf" (the
#: article-like denials) only one word.
_DENIAL_GAP = re.compile(r"^(?:\W+\w+){0,4}?\W+$")
_ARTICLE_DENIAL = re.compile(r"^(?:pas d|aucun|kein|ningun|ningún)")
_ONE_WORD_GAP = re.compile(r"^\W+(?:[\w-]+\W+)?$")
#: German "schließt eine Finanzierungsrunde aus": the verb brackets the deal.
_DENIED_AROUND = re.compile(r"\bschlie(?:ß|ss)t\b[^,.;]{0,60}\baus\b")


#: A round told as history: pluperfect, "previously", a running total, a date.
_TOLD_BEFORE = re.compile(
    r"\b(?:had|avait|avaient|hatte|hatten|había|habían|previously|earlier|already|déjà|bereits|"
    r"zuvor|ya|previous|précédente?|vorherige[nm]?|anterior|in total|au total|insgesamt|en total|"
    r"so far|jusqu['’]ici|bisher|hasta ahora|since|depuis|seit|desde|(?:19|20)\d\d)\b",
    re.I,
)


def _told_before(clause: Span) -> bool:
    return bool(_TOLD_BEFORE.search(clause.text) or cited_period(clause.text))


def _denied(text: str) -> bool:
    """A clause that says a deal will not happen, before any of its trigger words."""
    low = text.lower()
    if len(low) != len(text):
        return False
    if "schlie" in low and _DENIED_AROUND.search(low):
        return True
    denials = list(_DENIAL.finditer(low))
    if not denials:
        return False
    for at in lower_trigger_positions(low):
        for denial in denials:
            gap = low[denial.end() : at]
            if denial.end() > at or len(gap) > 60:
                continue
            short = _ONE_WORD_GAP if _ARTICLE_DENIAL.match(denial.group(0)) else _DENIAL_GAP
            if short.match(gap) or not gap:
                return True
    return False


#: "takeover of X", "purchase of chip designer Arm"
_OF = re.compile(r"^\s*(?:of|de|d['’]|for)\s+(?:[a-z][\w-]*\s+){0,2}$")
#: Being backed, as a state: "is backed by", "est soutenue par", "wird von ... unterstützt",
#: "está respaldada por", "cuenta con el respaldo de".
_BACKED_STATE = re.compile(
    r"\b(?:is|are|was|were|has been|have been)\s+(?:also\s+)?backed\b|"
    r"\b(?:est|sont|était|étaient)\s+(?:également\s+|aussi\s+)?soutenue?s?\b|"
    r"\b(?:wird|werden|wurde|wurden)\b[^.;]{0,60}\bunterstützt\b|"
    r"\b(?:está|están|estaba)\s+(?:respaldad|apoyad)[oa]s?\b|\bcuenta con el respaldo\b",
    re.I,
)


#: A clause whose subject is "we": the company speaking in an interview or a quote.
_FIRST_PERSON = re.compile(
    r"(?:[«“\"„]\s*)?(?:A\s*:\s*|R\s*:\s*|Oui\.\s*|Yes\.\s*|Ja\.\s*|Sí\.\s*)?"
    r"(?:We|Nous|Wir|Hemos|Nosotros)\b"
)


def _speaker_roles(deal_type, target, buyers, ctx, rule):
    """"We closed a NOK 300 million round", "Nous avons signé un accord pour racheter X": the
    company the story is about (the most mentioned one) is who raises or who buys."""
    speaker = next((n for n in ctx.ranking if n != target and n not in buyers), None)
    if speaker is None:
        return target, buyers, rule
    if deal_type == "funding_round" and target is None:
        return speaker, buyers, "first-person"
    if deal_type != "funding_round" and target is not None and not buyers:
        return target, [speaker], "first-person"
    return target, buyers, rule


def _has_money(clause: Span) -> bool:
    return any(m.currency or m.value >= 1e5 for m in find_money(clause.text))


_ALREADY = re.compile(
    r"\b(?:already|déjà|bereits|ya|holds|held|had held|has held|owns|owned|détient|"
    r"détenait|possède|possédait|hält|hielt|besitzt|besaß|posee|poseía|mantiene)\b",
    re.I,
)


@dataclass
class RawMention:
    """A deal read from one clause, before mentions of the same deal are merged."""

    buyers: list[str]
    target: str
    deal_type: str
    sentence_index: int
    evidence: str
    rule: str
    status: tuple[str, bool]
    money: Money | None = None
    stake: float | None = None
    valuation: Money | None = None
    extra_status: list[tuple[str, bool]] = field(default_factory=list)
    #: investors named as leading the round
    leads: list[str] = field(default_factory=list)
    #: who sells the target ("X sold Y to Z", "buys Y from X", "Y, the unit of X")
    seller: str | None = None


@dataclass
class Context:
    """Article-wide facts a clause needs: companies, salient company, fallback currency."""

    hits: list[CompanyHit]
    salient: str | None
    full: str
    language: str | None
    #: companies by number of mentions, most mentioned first
    ranking: tuple[str, ...] = ()
    #: target of the latest funding round read, for "A and B joined the round"
    round_target: str | None = None
    #: names the gazetteer knows as AI companies, and as media (owners of content)
    ai_names: frozenset[str] = frozenset()
    media_names: frozenset[str] = frozenset()

    _currencies: list[tuple[int, str]] | None = None

    @property
    def currencies(self) -> list[tuple[int, str]]:
        """(offset, code) of every currency word of the article, found on first use."""
        if self._currencies is None:
            self._currencies = _currency_hints(self.full)
        return self._currencies

    def currency_near(self, position: int) -> str | None:
        """Currency last written before ``position`` (else the first one after it)."""
        before = [code for pos, code in self.currencies if pos < position]
        if before:
            return before[-1]
        if self.currencies:
            return self.currencies[0][1]
        return home_currency(self.full, self.language)  # no currency word in the story


def _currency_hints(full: str) -> list[tuple[int, str]]:
    currencies = []
    low = full.lower()
    if len(low) == len(full):
        hints = _CURRENCY_HINT_LOWER.finditer(low)
    else:
        hints = _CURRENCY_HINT.finditer(full)
    conversions = [m.span() for m in _CONVERSION.finditer(full)] if "(" in full else []
    for m in hints:
        if any(start < m.start() < end for start, end in conversions):
            continue
        token = m.group(0).lower()
        code = "EUR" if token in _EUR else "GBP" if token in _GBP else "USD"
        if token not in ("usd", "eur", "gbp") and code == "USD":  # "$", "dollars": whose?
            code = bare_dollar_currency(full, token == "$")
        currencies.append((m.start(), code))
    return currencies


def article_context(
    full: str, hits: list[CompanyHit], language: str | None, gazetteer: Gazetteer | None = None
) -> Context:
    counts = Counter(h.name for h in hits)
    salient = counts.most_common(1)[0][0] if counts else None
    ctx = Context(hits, salient, full, language, tuple(n for n, _ in counts.most_common()))
    if gazetteer is not None:
        known = [gazetteer.get(n) for n in counts]
        ctx.ai_names = frozenset(c.name for c in known if c is not None and c.ai)
        ctx.media_names = frozenset(c.name for c in known if c is not None and c.kind == "media")
    return ctx


#: A recurring payment: a fee for use, not a purchase price.
_PER_YEAR = re.compile(
    r"\b(?:a|per) year\b|\bannually\b|\bpar an\b|\bpro Jahr\b|\bjährlich\b|"
    r"\bal año\b|\bpor año\b|\banuales\b",
    re.I,
)
#: Granting a licence with a sale verb: "céder sous licence", "concède une licence",
#: "in Lizenz vergeben", "ceder bajo licencia", "sells licences".
_LICENCE_GRANT = re.compile(
    r"\b(?:sous licence|concèdent? une licence|under licen[cs]e|licen[cs]es? to|in Lizenz|"
    r"vergibt eine Lizenz|bajo licencia|otorga una licencia)\b",
    re.I,
)


def _pick_trigger(text: str) -> tuple[str, re.Match] | None:
    low = text.lower()
    if ("licen" in low or "lizenz" in low) and _LICENCE_GRANT.search(text):
        licence = TRIGGER_RES["licensing"].search(text)
        if licence and not TRIGGER_RES["funding_round"].search(text):
            return "licensing", licence
    first = None
    inside = [(m.start(), m.end()) for m in _RELATIVE.finditer(text)] if ", " in text else []
    for deal_type in PRIORITY:
        for m in TRIGGER_RES[deal_type].finditer(text):
            if not any(a <= m.start() < b for a, b in inside):
                return deal_type, m
            first = first or (deal_type, m)
    # only a relative clause tells a deal ("Microsoft, which invested $13 billion in OpenAI
    # in 2023, is not part of the round"): that deal
    return first


#: A relative clause between commas ("X, which sells seed drills, has acquired Y"): its verbs
#: describe a company, they tell no deal.
_RELATIVE = re.compile(
    r",\s+(?:which|who|qui|que|die|der|das|welche|welcher)\s[^,.;:!?]{3,120}(?=,)"
)


def _group_before(before: list[CompanyHit], text: str, base: int) -> list[CompanyHit]:
    """The nearest company before the verb plus those coordinated with it ("X and Y")."""
    if not before:
        return []
    group = [before[-1]]
    for hit in reversed(before[:-1]):
        gap = text[hit.end - base : group[0].start - base]
        if not COORD.match(gap):
            break
        group.insert(0, hit)
    return group


def _roles(deal_type, clause: Span, trig: re.Match, hits: list[CompanyHit], ctx=None):
    """(buyers, target, rule) from word order around the trigger, or None."""
    base, text = clause.start, clause.text
    t_start, t_end = base + trig.start(), base + trig.end()
    before = [h for h in hits if h.end <= t_start]
    after = [h for h in hits if h.start >= t_end]
    before = [h for h in before if not _SPEAKER_AFTER.match(text, h.end - base)]
    if deal_type == "funding_round":
        return _funding_roles(text, base, trig, before, after)
    before = _without_apposed(before, text, base, trig.start())
    word = trig.group(0)
    if DEAL_NOUN.match(word) and before:
        # "CoreWeave's proposed takeover (of X)": the possessive names the buyer
        owner = before[-1]
        if POSSESSIVE.match(text[owner.end - base : trig.start()]):
            of = [h for h in after if _OF.search(text[trig.end() : h.start - base])]
            target = of[0] if of else (before[-2] if len(before) >= 2 else None)
            return [owner], target, "possessive"
    if OFFER_NOUN.match(word) and before:
        # "l'offre de 23 milliards de dollars d'Alphabet", "the offer from Alphabet"
        bidder = next(
            (h for h in after if OFFER_FROM.match(text[trig.end() : h.start - base])), None
        )
        if bidder is not None:
            return [bidder], before[-1], "offer-from"
    if deal_type == "licensing" and len(before) >= 2:
        # "Google will pay Reddit $60 million a year to license ..."
        for payer, payee in zip(before, before[1:], strict=False):
            if PAYS.match(text[payer.end - base : payee.start - base]):
                return [payer], payee, "payer-licensor"
    if SALE.fullmatch(word):
        return _sale_roles(text, base, trig, before, after)
    if REVERSED.search(word) and before and after:
        return [after[0]], before[-1], "passive"  # "X tombe dans l'escarcelle de Y"
    if deal_type == "licensing" and before and after:
        gap = text[trig.end() : after[0].start - base]
        if _ALLOWING.search(gap):
            # "signed a licensing agreement allowing Y to use its archive": Y is the licensee
            return [after[0]], before[-1], "licence-allowing"
        if _WITH.search(gap):
            first, second = before[-1], after[0]
            if _rights_owner(text, base, first, ctx) and not _rights_owner(
                text, base, second, ctx
            ) or (
                _CONTENT.search(text) and not _OWN_TECH.search(text)
                and _ai_party(text, base, second, ctx)
                and not _ai_party(text, base, first, ctx)
            ):
                # "the publisher X has signed a licensing agreement with Y": X grants it
                return [after[0]], before[-1], "licence-with"
            # "X has signed a licensing agreement with Y that gives X access to ...": word
            # order, not a later "to"
            return [before[-1]], after[0], "subject-verb-object"
    if deal_type == "licensing" and before:
        # "X licenses its models to Y", "license its archive to Y": Y is the licensee
        to = next((h for h in after if _TO.search(text[trig.end() : h.start - base])), None)
        if to is not None:
            return [to], before[-1], "license-to"
    passive = [h for h in after if PASSIVE_BY.search(text[: h.start - base])]
    passive = [h for h in passive if "," not in text[t_end - base : h.start - base]]
    if passive:
        buyers = [passive[0]]
        rest = [h for h in after if h.start < passive[0].start]
        target = before[-1] if before else (rest[0] if rest else None)
        return buyers, target, "passive"
    if deal_type == "funding_round":
        return _funding_roles(text, base, trig, before, after)
    group = _group_before(before, text, base)
    if not after and len(before) >= 2 and deal_type in ("acquisition", "investment"):
        if _THAT_IT.search(text[before[-2].end - base : before[-1].start - base]):
            # "teilte die Saatgold AG mit, dass sie das Start-up Keimling übernimmt"
            return [before[-2]], before[-1], "verb-final"
    if not after and len(before) >= 2 and VERB_FINAL.match(word):
        # German verb-final clause: "Helsing hat den Flugzeugbauer Grob Aircraft übernommen"
        return [before[-2]], before[-1], "verb-final"
    if deal_type in ("partnership", "merger") and len(group) == 1 and len(before) >= 2:
        if _PAIR_GAP.match(text[before[-2].end - base : before[-1].start - base]):
            group = before[-2:]  # "X, basée à Toulouse, et Y", "X aus Kiel und Y"
    if deal_type in ("partnership", "merger") and len(group) >= 2 and (
        not after or _PUNCT_GAP.search(text[trig.end() : after[0].start - base])
    ):
        # "X und Y arbeiten zusammen: ... das Fernnetz": a name after a stop is no partner
        return group[:1], group[1], "pair-before"
    if not group and len(after) >= 2:
        return after[:1], after[1], "noun-of-in"
    target = after[0] if after else None
    if target is not None and ", " in text[trig.end() : target.start - base]:
        target = None
    anaphor = _OBJECT_ANAPHOR.search(text[trig.end() : target.start - base]) if target else None
    if (
        anaphor
        and target is not None
        and len(text[trig.end() + anaphor.end() : target.start - base].split()) >= 2
    ):
        target = None  # "invest $5 billion in the company as part of a deal with Nvidia"
    if target is not None and _UNIT_OF.match(text[target.end - base :]):
        target = None  # "buy Velloran's AI translation unit": the unit is bought, not Velloran
    stake_bought = deal_type == "acquisition" and _STAKE_AFTER.match(text[trig.end() :])
    if target is None and group and (deal_type == "investment" or stake_bought) and (
        before[0] is not group[0]
    ):
        # "X said on Tuesday that Y would invest $60 million": Y invests in X
        if REPORTS.search(text[before[0].end - base : group[0].start - base]):
            return group, before[0], "reported-investor"
    if target is not None and deal_type == "acquisition":
        # "purchase $300 billion in computing power from Oracle": a supplier, not a target
        gap = text[trig.end() : target.start - base]
        if BOUGHT_FROM.search(gap) and gap.strip() != "von":  # "den Kauf von X": X is bought
            target = None
    if target is not None and group and _RECEIVES.search(text[group[-1].end - base : trig.start()]):
        # "X a reçu un investissement de Y", "X ha recibido una inversión ... de Y"
        if BOUGHT_FROM.search(text[: target.start - base][-40:]) or _FROM.search(
            text[: target.start - base][-40:]
        ):
            return [target], group[-1], "receives-from"
    return group, target, "subject-verb-object"


#: An apposition after the subject that names its owner: ", the investment arm of Y,",
#: ", le fonds du groupe Y,", ", der Investmentarm des Konzerns Y,", ", el brazo inversor de Y,".
_APPOSITION_OPEN = re.compile(
    r"^,\s+(?:the|its|le|la|l['’]|un|une|der|die|das|ein|eine|el|la|su)\b[^,;()]*$"
)
_APPOSITION_CLOSE = re.compile(r"^\s*,\s")


def _without_apposed(before: list, text: str, base: int, trig_at: int) -> list:
    """The companies before a deal verb without those named inside an apposition to its
    subject ("X, the investment arm of carmaker Y, has bought a stake in Z": X buys)."""
    if len(before) < 2:
        return before
    last = before[-1]
    if not _APPOSITION_CLOSE.match(text[last.end - base : trig_at]):
        return before
    for i in range(len(before) - 2, -1, -1):
        gap = text[before[i].end - base : before[i + 1].start - base]
        if _APPOSITION_OPEN.match(gap):
            return before[: i + 1]
        if not COORD.match(gap) and "," in gap:
            break
    return before


#: A company followed by a person's title and name: "Larkspur partner Miguel Arroyo said",
#: "Corvane chief executive Ana Ruiz": the company of the speaker, not a party of the deal.
_SPEAKER_AFTER = re.compile(
    r"\s+(?:partner|managing partner|general partner|analyst|chief executive|ceo|founder|"
    r"co-founder|cofounder|spokesperson|spokesman|spokeswoman|chairman|chairwoman|president|"
    r"associé|analyste|fondateur|cofondateur|porte-parole|Partner|Analyst|Gründer|Sprecher|"
    r"Chef|socio|analista|fundador|portavoz)\s+[A-Z][\w'’-]+\s+[A-Z]"
)
#: "buy a 25% stake": what is bought is a stake, in the company named elsewhere.
_STAKE_AFTER = re.compile(
    r"^\s+(?:an?|une?|una|eine)\s+(?:[\w,.%-]+\s+){0,2}(?:stake|participation|Beteiligung|"
    r"participación)\b",
    re.I,
)
#: A German subordinate clause whose subject is a pronoun for the company named before it.
_THAT_IT = re.compile(r"\b(?:dass|daß|wonach)\s+(?:sie|er|es)\b")
_UNIT_OF = re.compile(
    r"^['’]s?\s+(?:[\w-]+\s+){0,3}(?:unit|division|business|arm|subsidiary|branch|operations)\b",
    re.I,
)
#: The subject right after a German finite verb: "sammelte das Start-up X", "erhält X".
_INVERTED = re.compile(r"^\s+(?:(?:der|die|das)\s+(?:[\w-]+\s+){0,2})?$")
_RECEIVES = re.compile(
    r"\b(?:receives?|received|obtains?|obtained|reçoit|reçu|obtient|obtenu|erhält|erhielt|"
    r"erhalten|recibe|recibió|recibido|obtiene|obtenido)\b",
    re.I,
)
_FROM = re.compile(r"\b(?:de|d['’]|du|des)\s*$", re.I)
#: Two parties apart: "X, basée à Toulouse, et Y", "X aus Kiel und Y", "X y la startup Y".
_PAIR_GAP = re.compile(
    r"^(?:,[^,;]{1,120},|\s+(?:aus|from|de|of)\s+[^,;\s]+)?\s+(?:and|et|und|y)\s+"
    r"(?:(?:the|la|le|l['’]|die|der|das|el)\s*)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: "Les deux sociétés ont finalisé leur fusion": the two companies of the lead.
_BOTH = re.compile(
    r"\b(?:(?:the|both|les|die|las|los)\s+(?:two|deux|beiden|dos)|both)\s+"
    r"(?:[\w-]+\s+)?(?:companies|firms|groups|sociétés|entreprises|groupes|Unternehmen|Firmen|"
    r"compañías|empresas|tecnológicas|grupos)\b",
    re.I,
)
#: "Die Runde wurde von X angeführt": the investors come before the lead verb.
#: The object of the verb named by a noun ("in the company", "dans la société").
_OBJECT_ANAPHOR = re.compile(
    r"\b(?:in|into|dans|en|bei|an)\s+(?:the|this|that|la|cette|l['’]|le|esta|dicha|die|das|dem|"
    r"diesem|der)\s+(?:company|start-?up|firm|business|société|entreprise|jeune pousse|"
    r"compañía|empresa|startup|Unternehmen|Firma|Start-up)\b",
    re.I,
)
_PUNCT_GAP = re.compile(r"[:;(,]")
_LED_AFTER = re.compile(r"^[\s,]*(?:angeführt|geführt|an)\b")
_TO = re.compile(r"\b(?:to|à|au|aux|an|a|al)\s+(?:[\w'’-]+\s+){0,2}$", re.I)


#: "a licensing agreement with Y", "un accord de licence avec Y", "Lizenzvertrag mit Y".
_WITH = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:with|avec|mit|con)\s+(?:[\w'’-]+\s+){0,4}$", re.I)
#: What owns rights that are licensed: publishers, newspapers, broadcasters, labels, archives.
_OWNER = re.compile(
    r"\b(?:publish\w*|éditeur\w*|éditions?|verlag\w*|\w*verlag|editorial\w*|newspapers?|"
    r"journal|quotidien|zeitung\w*|periódico|diario|broadcaster|radiodiffuseur|sender|"
    r"labels?|maison de disques|plattenfirma|discográfica|archives?|archiv|studios?|estudios?|"
    r"photo agency|agence photo|bildagentur|universit\w*|rights holders?|ayants droit|"
    r"rechteinhaber|catalogu?e?s?|katalog|catálogo)\b",
    re.I,
)


def _described(text: str, base: int, hit, pattern: re.Pattern) -> bool:
    """Whether the words describing ``hit`` (just before it, or its apposition after a
    comma) match ``pattern``."""
    start, end = hit.start - base, hit.end - base
    before = text[max(0, start - 40) : start]
    before = re.split(r"[,;]", before)[-1]
    apposition = re.match(r"^,\s*([^,;]{0,60})", text[end:])
    return bool(pattern.search(before) or (apposition and pattern.search(apposition.group(1))))


def _rights_owner(text: str, base: int, hit, ctx=None) -> bool:
    """Whether ``hit`` owns rights to license: a known medium, or so described ("L'éditeur
    juridique X", "X, the London publisher")."""
    if ctx is not None and hit.name in ctx.media_names:
        return True
    return _described(text, base, hit, _OWNER)


#: What says a company makes AI: "an AI start-up", "une start-up d'IA", "KI-Start-up".
_AI_WORDS = re.compile(
    r"\b(?:AI|IA|KI)\b|\bKI-|artificial intelligence|intelligence artificielle|"
    r"inteligencia artificial|künstliche[nr]? Intelligenz|machine[- ]learning|"
    r"apprentissage automatique|aprendizaje automático|maschinelle[sn]? Lernen|"
    r"language models?|modèles? de langage|modelos? de (?:lenguaje|generación|vídeo|video)|"
    r"Sprachmodell\w*"
)


def _ai_party(text: str, base: int, hit, ctx=None) -> bool:
    """Whether ``hit`` is an AI company: known as one, named so ("Trazo AI", "x.ai") or
    described so ("Quillmind, an AI start-up")."""
    if ctx is not None and hit.name in ctx.ai_names:
        return True
    if hit.name.endswith((" AI", " IA", " KI", ".ai", ".AI")):
        return True
    return _described(text, base, hit, _AI_WORDS)


#: Content that an AI company licenses to train or answer on (not a technology licensed out).
_CONTENT = re.compile(
    r"\b(?:archives?|archiv\w*|articles?|artículos?|artikel\w*|news|noticias|nouvelles|"
    r"contents?|contenus?|contenidos?|inhalte\w*|catalog\w*|catálogo|katalog\w*|library|"
    r"bibliothèque|biblioteca|recordings?|enregistrements?|grabaciones|aufnahmen|photos?|"
    r"fotos?|images?|imágenes|bilder\w*|music|musique|música|musik|books?|livres?|libros?|"
    r"bücher\w*|novels?|romans?|novelas?|dialogues?|animations?|animaciones|videos?|vidéos?|"
    r"vídeos?|textes?|textos?|texte|journalis\w*|periodis\w*|datenbank\w*|database)\b",
    re.I,
)
#: A party's own technology licensed out ("to use its models", "pour son logiciel").
_OWN_TECH = re.compile(
    r"\b(?:its|their|ses|son|sa|leurs?|sus|su|seine[nm]?|ihre[nm]?)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:models?|platforms?|software|technolog\w+|algorithms?|modèles?|plateformes?|logiciels?|"
    r"algorithmes?|modelos?|plataformas?|tecnolog\w+|algoritmos?|modell\w*|plattform\w*|"
    r"algorithm\w*)\b",
    re.I,
)
#: "a licensing agreement allowing Y to ...", "un accord permettant à Y de ...".
_ALLOWING = re.compile(
    r"\b(?:allowing|enabling|letting|permettant à|permettant aux?|qui permet à|"
    r"permitiendo a|que permite a|que permitirá a|das es|der es|die es)\s+"
    r"(?:the\s+|la\s+|le\s+|l['’]|el\s+|dem\s+|der\s+)?$",
    re.I,
)


def _sale_roles(text, base, trig, before, after):
    """"X sold Y to Z" / "X a vendu Y au groupe Z" / "Y a été cédée au groupe Z"."""
    buyer = next(
        (h for h in after if SALE_TO.search(text[trig.end() : h.start - base][-60:])), None
    )
    if buyer is None:
        return [], None, "sale"
    objects = [h for h in after if h.start < buyer.start]
    target = objects[0] if objects else (before[-1] if before else None)
    return [buyer], target, "sale"


def _coordinated(after: list[CompanyHit], text: str, base: int) -> list[CompanyHit]:
    """The first company after a verb and those coordinated with it ("A, B and C", "A y el
    fondo público B")."""
    group = [after[0]]
    for hit in after[1:]:
        gap = text[group[-1].end - base : hit.start - base]
        if not (COORD.match(gap) or _DESCRIBED_COORD.match(gap)):
            break
        group.append(hit)
    return group


def _listed_before(before: list[CompanyHit], text: str, base: int) -> list[CompanyHit]:
    """The companies coordinated before a participation verb, each may be described ("Auch
    der staatliche A und der bisherige Geldgeber B beteiligten sich")."""
    if not before:
        return []
    group = [before[-1]]
    for hit in reversed(before[:-1]):
        gap = text[hit.end - base : group[0].start - base]
        if not (COORD.match(gap) or _DESCRIBED_COORD.match(gap)):
            break
        group.insert(0, hit)
    return group


#: "and the public fund", "et la banque", "und der bisherige Geldgeber", "y el fondo público":
#: a coordinated investor with its description.
_DESCRIBED_COORD = re.compile(
    r"^\s*,?\s*(?:and|et|und|y|sowie)\s+(?:the|le|la|les|l['’]|der|die|das|den|dem|el|los|"
    r"las)\s*(?:[\w-]+\s+){0,3}$",
    re.I,
)


#: A verb of taking part in a round, before or (German, verb-final) after the investors.
_TAKE_PART = re.compile(
    r"\b(?:participa\w*|particip(?:e|ent|é|ated?|ating)|took part|take part|taking part|"
    r"joined|join|se suman|se sumaron|s['’]associent|nehmen|nahmen|beteiligen sich|"
    r"beteiligten sich|mit dabei)\b",
    re.I,
)
_TAKE_PART_FINAL = re.compile(
    r"^\s*(?:teilnahmen|teilnehmen|teilgenommen haben|teilgenommen hatten|mitmachten|"
    r"beteiligt (?:waren|sind|haben)|participaron|participan)\b"
)


def _funding_roles(text, base, trig, before, after):
    """"X raises ... led by Y" / "Y led a round for X" / "la levée de fonds de X" /
    "A and B joined the round" (investors whose round was named earlier)."""
    if FUNDING_NOUN.search(trig.group(0)) and after and not before and (
        _TAKE_PART.search(text[trig.end() : after[0].start - base])
        or _TAKE_PART_FINAL.match(text[after[-1].end - base :])
    ):
        # "En la ronda también participan A y B", "an der auch A und B teilnahmen": the
        # names taking part in a round are its investors, none of them raises it
        return _coordinated(after, text, base), None, "investor-list"
    if PARTICIPATION.search(trig.group(0)):
        if not before and after:
            # "Also participating were A and B", "También participaron A y B", "Mit dabei
            # sind auch A und B": the investors follow the verb
            return _coordinated(after, text, base), None, "investor-list"
        return _listed_before(before, text, base), None, "investor-list"
    if ROUND_NOUN.search(trig.group(0)) and before:
        owner = before[-1]
        if POSSESSIVE.match(text[owner.end - base : trig.start()]):
            # "Apple in talks to join OpenAI's next funding round": the owner raises
            return _group_before(before[:-1], text, base), owner, "round-of"
        joined = _joins_round(text, base, before)
        if joined is not None:
            return joined
    if (ROUND_NOUN.search(trig.group(0)) or _LEAD_VERB.search(trig.group(0))) and before:
        for hit in after:
            gap = text[trig.end() : hit.start - base]
            if FOR_TARGET.search(gap) and not INVESTOR_CUE.search(gap):
                investors = _group_before(before, text, base) + _alongside(text, base, hit, after)
                return investors, hit, "round-for"
        if not after and _LEAD_VERB.search(text[before[-1].end - base : trig.start()]):
            # "Le fonds X a mené une levée ... dans la jeune pousse": the company is named
            # before; the subject leads the round
            if _ROUND_IN_ANAPHOR.search(text[trig.end() :]):
                return _group_before(before, text, base), None, "round-for-anaphor"
    led_after = _LED_AFTER.match(text[after[-1].end - base :]) if after else None
    if not before and after and (INVESTOR_CUE.search(text[: after[0].start - base]) or led_after):
        # "The Series A was led by X, with Y and Z": investors of the round read before
        return list(after), None, "investor-list"
    if before:
        if len(_group_before(before, text, base)) >= 2:
            return _group_before(before, text, base), None, "investor-list"
        return list(after), before[0], "subject-raises"
    if after and _INVERTED.match(text[trig.end() : after[0].start - base]):
        # German verb-second: "In München sammelte das KI-Start-up X ... ein"
        return after[1:], after[0], "inverted-subject"
    if not FUNDING_NOUN.search(trig.group(0)):
        return [], None, "raise-of"  # "The Seattle company raised ... from X": X is an investor
    return after[1:], (after[0] if after else None), "raise-of"


#: "... dans la jeune pousse", "in the start-up", "en la startup", "bei dem Start-up".
_ROUND_IN_ANAPHOR = re.compile(
    r"\b(?:in|into|dans|en|bei|de)\s+(?:the|this|la|cette|le|l['’]|esta|dem|diesem)\s+"
    r"(?:jeune\s+)?(?:start-?up|jeune pousse|pépite|société|entreprise|startup|company|firm|"
    r"empresa|compañía|Unternehmen|Firma)\b",
    re.I,
)
#: A pronoun subject of a round: "It raised", "Elle a levé", "Ella levantó".
_PRONOUN_OPENING = re.compile(r"(?:It|Elle|Ella)\s")
#: "X has led a round in Y": the subject invests.
_LEAD_VERB = re.compile(
    r"\b(?:has led|ha liderado|led the|led an?|a mené|mène|führte|lideró|encabezó)\b", re.I
)
#: Co-investors after the round's owner: "alongside A and B", "aux côtés de A", "neben A".
_ALONGSIDE = re.compile(
    r"\b(?:alongside|together with|along with|aux côtés d['’e]\s*|avec|zusammen mit|neben|"
    r"junto a|junto con)\s+(?:(?:the|le|la|les|l['’]|der|die|den|dem|el|los)\s*)?"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.I,
)


def _alongside(text, base, owner, after) -> list:
    """Investors named after the owner of a round with "alongside"/"aux côtés de", and
    those coordinated with them."""
    rest = [h for h in after if h.start >= owner.end]
    for i, hit in enumerate(rest):
        if _ALONGSIDE.search(text[owner.end - base : hit.start - base][-60:]):
            group = [hit]
            for other in rest[i + 1 :]:
                if not COORD.match(text[group[-1].end - base : other.start - base]):
                    break
                group.append(other)
            return group
    return []


_JOIN_VERB = re.compile(
    r"\b(?:invest(?:s|ed|ing)?|join(?:s|ed|ing)?|back(?:s|ed|ing)?|investir|investit|rejoindre|"
    r"rejoint|investieren|investiert|invertir|invierte)\s+(?:in\s+|dans\s+|bei\s+|en\s+)?$",
    re.I,
)


def _joins_round(text, base, before):
    """"Apple is in talks to invest in OpenAI as part of a new funding round": the company
    right after an investing verb raises the round; those before the verb invest."""
    for i, hit in enumerate(before[1:], 1):
        gap = text[before[i - 1].end - base : hit.start - base]
        verb = _JOIN_VERB.search(gap)
        if verb and not re.search(r"[,;]", gap[: verb.start()]):
            return _group_before(before[:i], text, base), hit, "invest-in-round"
    return None


def _inherit(money: Money, sentence: Span, ctx: Context) -> Money:
    if money.currency:
        return money
    currency = ctx.currency_near(sentence.start + money.start)
    return Money(money.value, currency, money.qualifier, money.start, money.end, money.text)


def _amounts(sentence: Span, clause: Span, ctx: Context, deal_type: str = ""):
    """(deal amount, valuation) for a clause, amounts of the whole sentence considered."""
    found = find_money(sentence.text, ctx.language, ctx.full)
    floor = clause.start - sentence.start
    deal = valuation = None
    for money in found:
        kind = classify_amount(sentence.text, money.start, money.end, floor)
        if kind == "pay" and deal_type == "licensing":
            kind = "deal"  # "$60 million a year to license": a licence fee, not a salary
        inside = floor <= money.start < floor + len(clause.text)
        if kind == "valuation" and EARLIER_ROUND.search(sentence.text[money.end : money.end + 40]):
            continue  # "valued at $14 billion in its most recent funding round"
        if kind == "valuation" and valuation is None:
            valuation = _inherit(money, sentence, ctx)
        elif kind == "deal" and inside and deal is None:
            deal = _inherit(money, sentence, ctx)
        elif kind == "earlier" and inside and deal is None and deal_type == "funding_round":
            if _RAISED_BEFORE.search(sentence.text[floor : money.start]):
                dated = _inherit(money, sentence, ctx)  # "and raised £8 million last year"
                deal = deal or dated
    return deal, valuation


#: The clause's own raising verb right before an amount dated "last year": the clause tells
#: that earlier round ("Wardroom has 55 staff and raised £8 million last year"), so the date
#: is no trap for it.
_RAISED_BEFORE = re.compile(
    r"\b(?:raised|secured|closed|landed|a levé|avait levé|a récolté|a bouclé|levó|captó|"
    r"recaudó|cerró|ha levantado|ha captado|sammelte|erhielt)\s+(?:(?:about|some|roughly|"
    r"nearly|environ|près de|unos|cerca de|rund|etwa)\s+)?(?:a |an |une |un |una )?\W{0,2}$",
    re.I,
)


def _stake(clause: Span, deal_type: str) -> float | None:
    for pct in find_percents(clause.text):
        around = clause.text[max(0, pct.start - 30) : pct.end + 30]
        if (STAKE_CUE.search(around) or deal_type == "acquisition") and 0 < pct.value <= 100:
            return pct.value
    return None


#: The lead investor after its cue: "led by the fund X", "menée par le fonds américain X",
#: "liderada por X", "angeführt von X", "Angeführt wurde die Runde von X", "Lead-Investor ist X".
_LEAD_BEFORE_NAME = re.compile(
    r"(?:\b(?:co-)?led by|\bmen[ée]e?s? par|\bemmen[ée]e?s? par|\bsous la houlette d[eu']|"
    r"\blidera(?:da|do)? por|\bangeführt von|\bunter (?:der )?Führung von|"
    r"\bLead-Investor (?:ist|war)|"
    r"\blead investor(?: is| was)?|\bAngeführt wurde die (?:\w+ )?Runde von|\bführte|\bführt)"
    r"\s+(?:(?:the|le|la|les|l['’]|der|die|dem|den|el|los)\s*)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
#: The lead investor before its cue: "X mène l'opération", "X, qui mène le tour", "X has led",
#: "X ha liderado", "von X angeführt".
_LEAD_AFTER_NAME = re.compile(
    r"^,?\s+(?:qui\s+|which\s+|que\s+)?(?:(?:has|have|a|ont|ha|han)\s+)?"
    r"(?:mène|mènent|mené|leads|led|co-led|lidera|lideró|liderado|angeführt|geführt)\b",
    re.I,
)


def _leads(clause: Span, hits: list[CompanyHit]) -> list[str]:
    """Investors named as leading a round in ``clause``, with those coordinated to them."""
    text, base = clause.text, clause.start
    leads: list[CompanyHit] = []
    for hit in hits:
        before, after = text[: hit.start - base], text[hit.end - base :]
        if _LEAD_BEFORE_NAME.search(before[-90:]) or _LEAD_AFTER_NAME.match(after):
            leads.append(hit)
        elif leads and COORD.match(text[leads[-1].end - base : hit.start - base]):
            leads.append(hit)  # "led by A and B"
    return list(dict.fromkeys(h.name for h in leads))


def clause_mention(
    sentence: Span, index: int, clause: Span, ctx: Context, in_lead: bool
) -> RawMention | None:
    picked = _pick_trigger(clause.text)
    if picked is None:
        return None
    deal_type, trig = picked
    if deal_type == "acquisition" and trig.group(0).lower().endswith("pay") and _PER_YEAR.search(
        clause.text
    ):
        deal_type = "licensing"  # "Apple to pay Google about $1 billion a year for Gemini"
    hits = [h for h in ctx.hits if clause.start <= h.start and h.end <= clause.end]
    if deal_type == "funding_round" and FUNDING_NOUN.search(trig.group(0)):
        if EARLIER_ROUND.search(clause.text):
            return None  # "valued at $3 billion in its last funding round"
    if deal_type == "investment" and _ALREADY.search(clause.text) and not _AFTERWARDS.search(
        clause.text
    ):
        return None  # "OpenAI already owned a 23% stake": a holding, not this deal
    if _denied(clause.text):
        return None  # "CEO rules out fundraising", "n'a pas besoin de lever", "descarta vender"
    if deal_type == "investment" and _BACKED_STATE.search(clause.text) and not _has_money(clause):
        return None  # "Tallis is backed by growth investors including X": who owns it, no deal
    buyers, target, rule = _roles(deal_type, clause, trig, hits, ctx)
    buyer_names = list(dict.fromkeys(h.name for h in buyers))
    target_name = target.name if target else None
    if deal_type == "funding_round" and target_name in buyer_names:
        buyer_names.remove(target_name)  # "X raised ..., giving the X-epithet a valuation"
    if rule == "investor-list" and target_name is None:
        target_name = ctx.round_target
    if target_name is None and in_lead and ANAPHOR.search(clause.text[trig.end() :]):
        # the most mentioned company that is not the buyer ("Meta ... sur cette start-up")
        salient = next((n for n in ctx.ranking if n not in buyer_names), None)
        if salient:
            target_name, rule = salient, "anaphor-salient"
    if target_name is None and deal_type == "funding_round" and (
        rule == "round-for-anaphor"
        or (_PRONOUN_OPENING.match(clause.text) and sentence.start == clause.start
            and _has_money(clause) and not _told_before(clause))
    ):
        # "Le fonds X a mené une levée dans la jeune pousse", "Elle a levé 9 millions
        # d'euros auprès de X": the most mentioned company named before, not an investor
        before = {h.name for h in ctx.hits if h.start < clause.start}
        salient = next((n for n in ctx.ranking if n in before and n not in buyer_names), None)
        if salient:
            target_name = salient
    if target_name is None and ANAPHOR_OPENING.match(clause.text) and not _told_before(clause):
        # "... ist Belegfuchs aus Leipzig. Das Start-up sammelt 30 Millionen Dollar ein": the
        # subject is the most mentioned company named before it
        before = {h.name for h in ctx.hits if h.start < clause.start}
        salient = next((n for n in ctx.ranking if n in before and n not in buyer_names), None)
        if salient:
            target_name, rule = salient, "anaphor-previous"
    if _FIRST_PERSON.match(clause.text) and (deal_type != "funding_round" or _has_money(clause)):
        target_name, buyer_names, rule = _speaker_roles(
            deal_type, target_name, buyer_names, ctx, rule
        )
    if target_name is None and not buyer_names and deal_type in ("merger", "partnership"):
        pair = ctx.ranking[:2] if in_lead and _BOTH.search(clause.text) else ()
        if len(pair) == 2:
            buyer_names, target_name, rule = [pair[0]], pair[1], "both-companies"
    if target_name is None or target_name in buyer_names:
        return None
    if not buyer_names and deal_type != "funding_round":
        return None
    stake = _stake(clause, deal_type)
    if deal_type == "acquisition" and stake is not None and stake < 50:
        deal_type = "investment"
    money, valuation = _amounts(sentence, clause, ctx, deal_type)
    if deal_type == "funding_round":
        ctx.round_target = target_name
    parties = [*buyer_names, target_name]
    status = sentence_status(clause.text, parties)
    if not status[1]:
        outer = sentence_status(sentence.text, parties)
        status = outer if outer[0] in ("rumored", "terminated") and outer[1] else status
    leads = _leads(clause, hits) if deal_type in ("funding_round", "investment") else []
    return RawMention(
        buyers=buyer_names,
        target=target_name,
        deal_type=deal_type,
        sentence_index=index,
        evidence=sentence.text,
        rule=f"{deal_type}:{rule}",
        status=status,
        money=money,
        stake=stake,
        valuation=valuation,
        leads=[name for name in leads if name in buyer_names],
        seller=_seller(clause, trig, hits, buyer_names, target_name, rule, deal_type),
    )


#: The seller after the target: "buys Y from X", "rachète Y à X", "kauft Y von X", "compra Y
#: a X", "Y, a unit of X", "Y, filiale du groupe X".
_SOLD_BY = re.compile(
    r"^(?:['’]s)?\s*(?:,\s*(?:(?:the|a|an|la|le|l['’]|une?|die|der|das|el|la)\s*)?"
    r"(?:[\w'’-]+\s+){0,3}(?:unit|division|subsidiary|arm|business|filiale|branche|"
    r"Tochter\w*|Sparte|filial|división)\s+|\s*(?:[\w-]+\s+){0,3})"
    r"(?:from|of|à|au|de|d['’]|du|des|von|vom|a|al|del|de manos de)\s+"
    r"(?:(?:the|le|la|l['’]|les|der|dem|den|des|el|los)\s*)?(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_SELLER_CUE = re.compile(
    r"\b(?:from|à|au|von|vom|a|al|de manos de|unit|division|subsidiary|arm|business|filiale|"
    r"branche|Tochter\w*|Sparte|filial|división)\b",
    re.I,
)


def _seller(clause: Span, trig, hits, buyers, target, rule, deal_type) -> str | None:
    """Who sells the target: the subject of a sale verb with its object after it ("X a vendu
    Y au groupe Z"), or a company named after the target with "from", "à", "von", "a" or as
    its owner ("Y, the AI unit of X")."""
    if target is None or deal_type not in ("acquisition", "investment"):
        return None
    text, base = clause.text, clause.start
    subject = [h for h in hits if h.end - base <= trig.start()]
    where = next((h for h in hits if h.name == target and h.start - base >= trig.end()), None)
    if rule == "sale":
        if where is not None and subject and subject[-1].name not in (*buyers, target):
            return subject[-1].name
        return None
    if where is None:
        return None
    for hit in hits:
        if hit.start < where.end or hit.name in (*buyers, target):
            continue
        gap = text[where.end - base : hit.start - base]
        if len(gap) <= 80 and _SELLER_CUE.search(gap) and _SOLD_BY.match(gap):
            return hit.name
        break
    return None


def sentence_mentions(sentence: Span, index: int, ctx: Context, in_lead: bool) -> list[RawMention]:
    out = []
    for clause in clauses(sentence):
        mention = clause_mention(sentence, index, clause, ctx, in_lead)
        if mention is not None:
            out.append(mention)
    return out

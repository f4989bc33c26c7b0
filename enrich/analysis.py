"""``analyze``: one article in, an :class:`Analysis` out.  Pure and deterministic."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date, datetime

from enrich import rounds, samedeal
from enrich.companies import Gazetteer, default_gazetteer
from enrich.fx import to_usd
from enrich.language import detect_language
from enrich.lexicons import is_common
from enrich.mentions import RawMention, article_context, sentence_mentions
from enrich.model import Analysis, DealMention
from enrich.money import Money, find_money, find_percents
from enrich.orgs import KnownOrganization, as_tuple, org_index
from enrich.parties import find_all, is_org_word
from enrich.status import merge_statuses, sentence_status
from enrich.tagging import deal_story as story_tag
from enrich.tagging import deal_tags, mentions_ai, topic_tags
from enrich.text import blank_datelines, sentences
from enrich.traps import classify_amount, current_part, licence_bought, no_deal
from enrich.triggers import (
    ANAPHOR_OPENING,
    ANY_TRIGGER,
    EARLIER_ROUND,
    STAKE_CUE,
    trigger_positions,
)

#: Text sentences after the title that still count as the article's lead.
LEAD_SENTENCES = 6


def _lead_limit(spans, title_end: int) -> int:
    """Index of the first sentence past the lead (title + LEAD_SENTENCES text sentences)."""
    counted = 0
    for i, span in enumerate(spans):
        if span.start >= title_end and len(span.text.split()) >= 4:
            counted += 1
            if counted > LEAD_SENTENCES:
                return i
    return len(spans)


def _same_group(group: list[RawMention], m: RawMention) -> bool:
    """Clauses of one article about one deal (the decision of ``enrich.samedeal``); figures in
    different clauses are parts of one story (a round, one investor's share), so not compared."""
    if {group[0].deal_type, m.deal_type} == {"funding_round", "acquisition"}:
        return False  # the target's own round is another deal than its takeover
    if m.rule.endswith("investor-list") or group[0].rule.endswith("investor-list"):
        return group[0].target == m.target  # "A and B joined the round": more investors
    buyers = [b for g in group for b in g.buyers]
    day = samedeal.SAME_DAY  # clauses of one article share its date
    whole = samedeal.facts_of(buyers, group[0].target, _raw_type(group[0]), on=day)
    return samedeal.same_deal(whole, samedeal.facts_of(m.buyers, m.target, _raw_type(m), on=day))


def _raw_type(m: RawMention) -> str:
    """A clause's deal type as the deal will read: buying under half is a stake."""
    if m.deal_type == "acquisition" and m.stake is not None and m.stake < 50:
        return "investment"
    return m.deal_type


def _parties(group: list[RawMention]) -> frozenset[str]:
    return frozenset([group[0].target, *(b for m in group for b in m.buyers)])


def _earlier_figure(group: list[RawMention], m: RawMention, published) -> bool:
    """Whether ``m`` tells an earlier deal than ``group``'s, with another amount: its clause is
    background (pluperfect, "previously", dated before the article) and the group's is not."""
    amounts = {g.money.value for g in group if g.money}
    if m.money is None or m.money.value in amounts:
        return False
    if not amounts:  # a stake taken today, the target's seed round in 2024 ("hatte ... erhalten")
        return (
            group[0].deal_type in _CAPITAL
            and _told_before(m.evidence, published)
            and not _REPORTED.search(m.evidence)
            and not _told_before(group[0].evidence, published)
        )
    return _told_before(m.evidence, published) and not _told_before(group[0].evidence, published)


def _told_before(text: str, published) -> bool:
    """Whether a sentence tells of something before the article: pluperfect, "previously",
    "last raised", or a date before the article's."""
    if _BACKGROUND.search(text) or _LAST_DEAL.search(text):
        return True
    return _dated_before(text, published)


def _dated_before(text: str, published) -> bool:
    if published is None:
        return False
    period = rounds.cited_period(text, published)
    day = published.date() if isinstance(published, datetime) else published
    return bool(period and period < day.strftime("%Y-%m")[: len(period)])


#: "It last raised money in 2024", "su última ronda", "lors de sa dernière levée".
_LAST_DEAL = re.compile(
    r"\blast (?:raised|sold|bought)\b|\bderni[èe]re (?:levée|lev[ée]e de fonds)\b|"
    r"\bletzte(?:n)? (?:Finanzierungs)?runde\b|\búltima ronda\b",
    re.I,
)


def _group(mentions: list[RawMention], published=None) -> list[list[RawMention]]:
    groups: list[list[RawMention]] = []
    for m in mentions:
        home = next((g for g in groups if _same_group(g, m)), None)
        if home is not None and _earlier_figure(home, m, published):
            continue  # "Vaanika had raised Rs 9 crore in 2024": an earlier deal, not this one
        if home is None:
            groups.append([m])
        else:
            home.append(m)
    groups = _orient_licences(groups)
    # "an alliance" between the parties of an investment is that investment, not a new deal
    kept = []
    for i, g in enumerate(groups):
        earlier = [_parties(h) for h in groups[:i] if h[0].deal_type not in _SOFT]
        if g[0].deal_type not in _SOFT or _parties(g) not in earlier:
            kept.append(g)
    return kept


_SOFT = ("partnership", "licensing")
#: Licence rules that know who grants the licence; word order alone does not.
_DIRECTED = ("license-to", "payer-licensor", "licence-with", "passive", "sale")


def _orient_licences(groups: list[list[RawMention]]) -> list[list[RawMention]]:
    """A licence read by word order only ("X signs licensing deal with Y") joins a licence
    between the same two parties whose direction a clause states ("X ... license its archive
    to Y"), turned to match it."""
    directed = [
        g for g in groups
        if g[0].deal_type == "licensing" and g[0].rule.split(":")[1] in _DIRECTED
    ]
    out = []
    for g in groups:
        home = None
        if g[0].deal_type == "licensing" and g not in directed:
            home = next((d for d in directed if _parties(d) == _parties(g)), None)
        if home is None:
            out.append(g)
            continue
        buyers, target = list(home[0].buyers), home[0].target
        home.extend(dataclasses.replace(m, buyers=buyers, target=target) for m in g)
    return out


def _support(group, spans, hits, lead_end, published=None) -> list[tuple[str, bool]]:
    """Explicit statuses of lead sentences naming the deal's target (for the main deal).  A
    sentence dated before the article tells another event ("Verbalia cerró en 2025 una
    ronda"); one that also names a buyer tells this deal in its tense ("Remtec hat sich mit 25
    Prozent an Lidarix beteiligt" under the headline "Remtec beteiligt sich an Lidarix")."""
    target = group[0].target
    buyers = {b for m in group for b in m.buyers}
    out = []
    for span in spans[:lead_end]:
        named = {h.name for h in hits if span.start <= h.start < span.end}
        if target in named and not _dated_before(span.text, published):
            tense = bool(named & buyers) and not _told_before(span.text, published)
            status = sentence_status(span.text, _parties(group), tense=tense)
            if status == ("rumored", True) and not ANY_TRIGGER.search(span.text):
                continue  # "SmartRecruiters soll SuccessFactors ergänzen": not about the deal
            if status[1]:
                out.append(status)
    return out


def _lead_facts(group, spans, hits, window, language, currency_near, skip=frozenset(),
                context=None, published=None):
    """(valuation, stake, amount) stated in the sentences of ``window`` (the lead, and for a
    deal told past the lead the sentences that follow it) that name no other company than
    the deal's parties: "L'opération valorise la start-up à 11,7 milliards d'euros".
    Sentences in ``skip`` speak of another deal.  A price that is only reported ("Im
    Gespräch sei ein Kaufpreis von rund 300 Mio. Euro") is the deal's amount."""
    parties = _parties(group)
    valuation = stake = amount = None
    for index in window:
        span = spans[index]
        if index in skip:
            continue
        named = {h.name for h in hits if span.start <= h.start < span.end and h.known}
        if not named <= parties:
            continue
        earlier = EARLIER_ROUND.search(span.text)
        cut = current_part(span.text, earlier.start()) if earlier else None
        if earlier and not cut:
            continue
        # "The round values Cohere at C$14 billion, up from US$6.8 billion a year earlier":
        # the figures before the comparison are this deal's
        found = [m for m in find_money(span.text, language, context) if cut is None or m.end <= cut]
        if amount is None:
            told = _tells_deal(group, span, hits, published)
            amount = _stated_amount(group, span, hits, found, currency_near, told)
        if valuation is None:
            for money in found:
                if classify_amount(span.text, money.start, money.end) == "valuation":
                    currency = money.currency or currency_near(span.start + money.start)
                    valuation = Money(
                        money.value, currency, money.qualifier, money.start, money.end, money.text
                    )
                    break
        # a stake stated of the parties, or of the deal or its buyer's kind with no name:
        # "L'opération donnera à X une participation de 15 %", "Das Institut übernimmt für
        # 5 Millionen Euro einen Anteil von 18 Prozent"
        present = {h.name for h in hits if span.start <= h.start < span.end}
        if stake is None and (named or (present <= parties and (
            present or _DEAL_ANAPHOR.search(span.text) or _PAYMENT.search(span.text)
        ))):
            for pct in find_percents(span.text):
                around = span.text[max(0, pct.start - 30) : pct.end + 30]
                if STAKE_CUE.search(around) and 0 < pct.value < 50:
                    stake = pct.value
                    break
    return valuation, stake, amount


def _tells_deal(group, span, hits, published) -> bool:
    """Whether a sentence tells the deal itself, in words the roles could not be read from:
    it names the target and a buyer beside a deal word, and nothing dates it before the
    article ("Tarrow Inc. has acquired Plinth, a Bristol company ..., for £30 million")."""
    names = {h.name for h in hits if span.start <= h.start < span.end}
    buyers = {b for m in group for b in m.buyers}
    return (
        group[0].target in names
        and bool(names & buyers)
        and bool(ANY_TRIGGER.search(span.text))
        and not _told_before(span.text, published)
    )


def _stated_amount(group, span, hits, found, currency_near, told=False) -> Money | None:
    """The deal's amount in a sentence that speaks of the deal ("Cette participation, d'une
    valeur de ...", "ein Kaufpreis von ...", "the $20 billion deal") or in which a buyer pays
    ("Der Versicherer zahlt dafür 15 Millionen Franken").  For a takeover, "the deal values
    the target at" gives the price; the value it gives another party does not ("values xAI
    at $80 billion and X at $33 billion")."""
    if _UNDISCLOSED.search(span.text):
        return None  # "Terms were not disclosed, but the price was reported to be ...": a guess
    cue = (_DEAL_ANAPHOR.search(span.text) or _PRICE_NOUN.search(span.text)
           or _A_DEAL.search(span.text))
    start = cue.start() if cue else 0 if told or _WEIGHED_DEAL.search(span.text) else None
    if start is None or start > 0:  # or a payer before the deal's noun: "X investit 6
        paid = _payment_start(span, hits, group)  # millions d'euros dans l'opération"
        start = paid if start is None or (paid is not None and paid < start) else start
    takeover = group[0].deal_type in ("acquisition", "merger")
    for money in found:
        kind = classify_amount(span.text, money.start, money.end)
        if kind == "contract" and group[0].deal_type == "licensing":
            kind = "deal"  # "Der Vertrag hat ein Volumen von ...": the licence fee
        if kind == "valuation" and takeover and cue is not None and money.start > cue.start():
            valued = _valued_party(span, hits, money)
            kind = "deal" if valued in (None, group[0].target) else kind
        after = span.text[money.end : money.end + 30]
        noun = _DEAL_AFTER.match(after)
        if kind == "deal" and noun and not _of_another(span, hits, group, money.end + noun.end()):
            return _with_currency(money, span, currency_near)  # "the $20 billion deal"
        if start is not None and money.start >= start and _deal_amount(kind, span.text,
                                                                        money.start):
            return _with_currency(money, span, currency_near)
    return None


def _of_another(span, hits, group, at: int) -> bool:
    """Whether the deal noun ending at ``span.text[at]`` names another target: "its $3 billion
    purchase of Beats in 2014" gives no price to the deal the article reports."""
    of = re.match(r"\s+(?:of|de|d['’]|von|del)\s*", span.text[at:])
    if of is None:
        return False
    where = span.start + at + of.end()
    return any(h.start == where and h.name not in _parties(group) for h in hits)


def _with_currency(money: Money, span, currency_near) -> Money:
    currency = money.currency or currency_near(span.start + money.start)
    return Money(money.value, currency, money.qualifier, money.start, money.end, money.text)


def _valued_party(span, hits, money) -> str | None:
    """The company a valuation is given to, named right before it ("values X at $33 billion",
    "valorise X à"), or None."""
    before = [h for h in hits if span.start <= h.start and h.end <= span.start + money.start]
    if not before:
        return None
    gap = span.text[before[-1].end - span.start : money.start]
    if len(gap) <= 30 and not re.search(r"[,\d]", gap) and _VALUED_AT.search(gap):
        return before[-1].name
    return None


#: A sentence that says the price was not given: a figure beside it is an estimate.
_UNDISCLOSED = re.compile(
    r"\b(?:terms|price|amount|sum|montant|prix|somme|conditions|Kaufpreis|Preis|Summe|"
    r"precio|importe|cifra)\b[^.;]{0,30}?\b(?:not (?:been )?disclosed|not made public|"
    r"n['’](?:a|ont) pas été (?:dévoilé|communiqué|divulgué|rendu public)|nicht (?:genannt|"
    r"bekannt ?gegeben|offengelegt)|no (?:se )?(?:ha|han|fue|fueron) (?:revelad|divulgad|"
    r"comunicad))|\bundisclosed (?:sum|amount|price|terms)\b|\bmontant non (?:dévoilé|"
    r"communiqué|divulgué)",
    re.I,
)
_VALUED_AT = re.compile(r"\b(?:at|à|en|auf|mit)\b", re.I)
#: An amount that qualifies a deal noun: "the $20 billion deal", "a $400 million takeover".
_DEAL_AFTER = re.compile(
    r"^[\s-]*(?:(?:all-cash|all-stock|cash|stock|cash-and-stock)\s+)?"
    r"(?:deal|takeover|acquisition|merger|buyout|transaction|purchase|bid|offer)\b",
    re.I,
)
#: A price named with any article: "ein Kaufpreis von", "a price of", "un prix de", "un precio
#: de", "le montant".
_PRICE_NOUN = re.compile(
    r"\b(?:[Ee]in(?:en|e|er)?|[Aa]n?|[Tt]he|[Uu]ne?|[Ll]e|[Dd]er|[Ee]l|[Uu]n|[Uu]na)\s+"
    r"(?:[\w-]+\s+)?(?:Kaufpreis|Preis|price|prix|precio|montant|amount|importe|"
    # the money put in: "eine Investition von", "an investment of", "una inversión de"
    r"Investition|investment|investissement|inversión)\b"
)


#: "Remtec zahlt dafür 40 Millionen Euro", "Hollerbach hatte 85 Millionen Euro geboten",
#: "Bancomar pagará 5 millones de euros al año": a buyer of the deal pays or bids.
_PAYMENT = re.compile(
    r"\b(?:pays|paid|will pay|is paying|agreed to pay|offered|had offered|bid|would pay|"
    r"would offer|paierait|paieraient|offrirait|verserait|zahlen würde|"
    r"würde(?=[^.;]{0,60}\b(?:zahlen|bieten|investieren)\b)|"
    r"shell(?:s|ed)? out|fork(?:s|ed)? out|débours\w*|desembols\w*|"
    r"paie|paiera|a payé|versera|a versé|offre|avait offert|a offert|avait proposé|"
    r"zahlt|zahlte|bezahlt|bezahlte|zahlen|geboten|bietet|bot|"
    r"paga|pagará|pagó|ha pagado|pagaría|ofrece|ofreció|había ofrecido|ha ofrecido|"
    r"invests|invested|will invest|is investing|a investi|investit|investira|investiert|"
    # a purchase at a price: "übernimmt für 5 Millionen Euro", "acquiert pour"
    r"(?:übernimmt|übernahm|erwirbt|erwarb|kauft|acquiert|rachète|buys|bought|acquires|"
    r"adquiere|compra)(?=\s+(?:\w+\s+){0,3}?(?:für|pour|for|por)\s)|"
    r"investierte|invierte|invirtió|ha invertido|invertirá|aporta|aportará|aportó)\b",
    re.I,
)
#: The subject of a payment verb when it names no company: a pronoun or the buyer's kind
#: ("Dafür zahlt sie 8 Mio. Euro", "Le fonds a investi 9 millions", "Pagará 5 millones").
_PAYER_WORDS = re.compile(
    r"^\W*(?:[^,.;]{0,40},\s*)?(?:(?:it|they|the (?:fund|group|company|firm|buyer|investor)|il|"
    r"elle|ils|le fonds|le groupe|l['’]investisseur|l['’]acquéreur|sie|er|der (?:fonds|konzern|"
    r"investor|käufer)|die (?:gruppe|holding|gesellschaft)|dafür|hierfür|el fondo|el grupo|"
    r"la empresa|el comprador|"
    # the buyer named by its kind: "Der Versicherer", "Le laboratoire", "The insurer"
    r"(?:the|le|la|l['’]|der|die|das|el)\s*(?!start|jeune|pousse|startup)(?:[\w-]+\s+){0,2}"
    r"[\w-]{3,})\b\W*)*"
    r"(?:(?:a|has|have|had|hat|hatte|ha|había|will|would|va)\s+)?$",
    re.I,
)
_SALARY = re.compile(r"salar|salaire|Gehalt|sueldo|bonus|compensation|rémunération", re.I)


def _payment_start(span, hits, group) -> int | None:
    """Offset of a payment verb whose subject, named before it, is a buyer of the deal."""
    verb = _PAYMENT.search(span.text)
    if verb is None:
        return None
    buyers = {b for m in group for b in m.buyers}
    before = span.start + verb.start()
    payer = next((h for h in hits if h.name in buyers and span.start <= h.start < before), None)
    if payer is not None:
        return payer.end - span.start  # the amount follows the payer ("hatte ... geboten")
    if _PAYER_WORDS.match(span.text[: verb.start()]) and not any(
        span.start <= h.start < span.end for h in hits
    ):
        return verb.start()  # "Dafür zahlt sie ...", "Le fonds a investi ...", "Pagará ..."
    # the buyer's short form: "Rheinwerk hatte 120 Millionen Euro geboten"
    # (or its distinctive word: "Ferrándiz pagará" for Laboratorios Ferrándiz)
    heads = {
        w for b in buyers if len(b.split()) > 1
        for w in b.split() if len(w) > 3 and w[0].isupper() and not is_org_word(w)
    }
    for head in heads:
        found = re.search(rf"\b{re.escape(head)}\b", span.text[: verb.start()])
        if found:
            return found.end()
    return None


def _deal_amount(kind: str, text: str, start: int) -> bool:
    """A deal amount, or a fee paid "a year" for a licence (not a salary)."""
    if kind == "pay":
        return not _SALARY.search(text[max(0, start - 45) : start])
    return kind == "deal"


#: A sentence that speaks of the deal itself: "Cette participation, d'une valeur de ...",
#: "the price exceeds ...".
_DEAL_ANAPHOR = re.compile(
    r"\b(?:(?:(?:[Cc]ette|[Cc]et|[Tt]his|[Tt]he|[Dd]iese[rs]?|[Ee]sta|[Ee]ste|[Ll]a|[Ll]e|[Dd]er|[Dd]as|"
    r"[Dd]ie|[Ee]l)\s+|[Ll]['’])"
    r"(?:participation|opération|transaction|deal|acquisition|investissement|investment|stake|"
    r"Transaktion|Übernahme|Deal|Beteiligung|operación|inversión|participación|accord|agreement|"
    r"acuerdo|Lizenzvertrag|Vertrag|contrat|contract|contrato|licence|license|Lizenz|licencia|"
    # the round itself: "The round, worth £14 million", "Die Runde hat ein Volumen von"
    r"round|funding round|financing|raise|tour de table|tour|levée|levée de fonds|financement|"
    r"Runde|Finanzierungsrunde|Finanzierung|ronda|ronda de financiación|financiación)|"
    r"(?:[Ll]e|[Tt]he|[Dd]er|[Ee]l)\s+(?:prix|price|montant|amount|Kaufpreis|Preis|precio|importe))\b"
)


#: A deal still to be made, named with an indefinite article before a conditional: "A deal
#: would value Ferrule at", "Une opération valoriserait", "Eine Übernahme würde", "Una
#: operación valoraría".
_A_DEAL = re.compile(
    r"\b(?:[Aa]n?|[Uu]ne?|[Ee]ine?|[Uu]na)\s+(?:deal|takeover|transaction|acquisition|"
    r"purchase|opération|transaction|acquisition|Übernahme|Transaktion|operación|transacción|"
    r"compra|adquisición)\s+(?:would|could|might|valoriserait|pourrait|serait|würde|könnte|"
    r"valoraría|podría|sería)\b"
)
#: "die rund 4,35 Milliarden Euro schwere Transaktion": the amount weighs the deal itself
_WEIGHED_DEAL = re.compile(
    r"\b(?:schwere|teure)\s+(?:Transaktion|Übernahme|Fusion|Deal|Beteiligung)\b"
)


def _build(group, primary: bool, extra, published, lead=(None, None, None)) -> DealMention:
    buyers = tuple(dict.fromkeys(b for m in group for b in m.buyers))
    money = next((m.money for m in group if m.money and m.money.currency), None)
    money = money or next((m.money for m in group if m.money), None)
    if group[0].deal_type == "partnership":
        money = None  # a partnership's figure is a contract value, not money for a stake
    valuation = next((m.valuation for m in group if m.valuation), None)
    stake = next((m.stake for m in group if m.stake is not None), None)
    if group[0].deal_type in ("funding_round", "investment") and valuation is None:
        valuation = lead[0]
    if group[0].deal_type == "investment" and stake is None:
        stake = lead[1]
    if money is None and group[0].deal_type != "partnership":
        money = lead[2]
    if group[0].deal_type in ("acquisition", "merger") and valuation is not None:
        # "a transaction valued at $1.1 billion": for a takeover that is the price
        money, valuation = money or valuation, None
    if group[0].deal_type == "funding_round" and len(buyers) > 1:
        stake = None  # one investor's share of the capital, not the round's
    deal_type = group[0].deal_type
    if deal_type == "investment" and any(m.deal_type == "funding_round" for m in group):
        deal_type = "funding_round"
    if stake is not None and stake < 50 and deal_type == "acquisition":
        deal_type = "investment"
    status = merge_statuses([m.status for m in group] + extra)
    confidence = 0.4 + 0.2 * bool(money) + 0.15 * bool(buyers) + 0.1 * primary
    confidence += 0.05 * min(len(group) - 1, 2)
    evidence = " … ".join(dict.fromkeys(m.evidence for m in group[:2]))
    return DealMention(
        buyers=buyers,
        target=group[0].target,
        deal_type=deal_type,
        amount=money.value if money else None,
        currency=money.currency if money else None,
        amount_usd=to_usd(money.value, money.currency, published) if money else None,
        stake_percent=stake,
        valuation=valuation.value if valuation else None,
        valuation_currency=valuation.currency if valuation else None,
        status=status,
        is_primary=primary,
        evidence=evidence[:600],
        confidence=round(min(confidence, 0.95), 2),
        rule=group[0].rule,
        amount_qualifier=money.qualifier if money else None,
        lead_investors=tuple(dict.fromkeys(n for m in group for n in m.leads if n in buyers)),
        seller=next(
            (m.seller for m in group if m.seller and m.seller not in (*buyers, group[0].target)),
            None,
        ),
    )


#: Link lines of a page: titles of other articles, not this article's facts.
_NAVIGATION = re.compile(
    r"^(?:read more|related|see also|also read|more on this|à lire aussi|lire aussi|voir aussi|"
    r"sur le même sujet|mehr zum thema|lesen sie auch|auch interessant|lee también|leer más|"
    r"te puede interesar|más información)\s*:",
    re.I,
)


#: "X, a Nashville company founded in 2022, raised ...": the year dates the company, not the deal.
_FOUNDED = re.compile(
    r"\b(?:founded|established|set up|launched|created|fondée?s?|créée?s?|gegründet|fundad[ao]s?|"
    r"cread[ao]s?)\s+(?:in|en|im)\s+(?:\w+\s+)?\d{4}\b|\b\d{4}\s+gegründete\w*"
)


def _in_the_past(deal: DealMention, published) -> bool:
    """Whether the deal's first evidence sentence dates it before the article."""
    if published is None:
        return False
    first = _FOUNDED.sub("", deal.evidence.split(" … ")[0])
    period = deal.cited_on or rounds.cited_period(first, published)
    day = published.date() if isinstance(published, datetime) else published
    return bool(period and period < day.strftime("%Y-%m")[: len(period)])


def _dated(deal: DealMention, published) -> DealMention:
    """A deal cited with a period before the article's date ("a $30 million round in 2024")
    has happened: completed, unless the text says otherwise."""
    if deal.status == "announced" and _in_the_past(deal, published):
        return dataclasses.replace(deal, status="completed")
    return deal


def triggered_sentences(full: str):
    """(sentences, indexes of those holding a deal trigger word, link lines excluded)."""
    spans = sentences(full)
    positions = trigger_positions(full)
    if positions is None:
        out = [i for i, s in enumerate(spans) if ANY_TRIGGER.search(s.text)]
    else:
        out, j = [], 0
        for i, span in enumerate(spans):
            while j < len(positions) and positions[j] < span.start:
                j += 1
            if j < len(positions) and positions[j] < span.end:
                out.append(i)
    return spans, [i for i in out if not _NAVIGATION.match(spans[i].text)]


def extract_deals(full, title_end, language, published, gazetteer, hits, split=None):
    """Deals of an article; ``hits`` are its company mentions (media outlets excluded)."""
    spans, triggered = split or triggered_sentences(full)
    ctx = article_context(full, hits, language, gazetteer)
    lead_end = _lead_limit(spans, title_end)
    mentions = []
    for i in triggered:
        found = sentence_mentions(spans[i], i, ctx, i < lead_end)
        mentions.extend(
            dataclasses.replace(m, deal_type="licensing")
            if licence_bought(m.deal_type, spans[i].text) else m
            for m in found if not no_deal(m.deal_type, spans[i].text)
        )
    groups = _group(mentions, published)
    primary = next((g for g in groups if g[0].sentence_index < lead_end), None)
    if primary is None and groups:
        # a feature whose deal is in its third paragraph: the deal of a company the
        # headline names
        title = spans[0].text if spans and spans[0].end <= title_end else ""
        primary = next((g for g in groups if any(p in title for p in _parties(g))), None)
    if primary is None:
        # a feature that tells its news in the fourth paragraph ("On Monday, X and Y said
        # they had agreed to merge"): the first deal told as news, not as background
        primary = next((g for g in groups if _told_as_news(g, published)), None)
    followers = _followers(groups, spans, hits, triggered)
    deals = []
    for group in groups:
        is_primary = group is primary
        extra = _support(group, spans, hits, lead_end, published) if is_primary else []
        own = [i for i, g in followers.items() if g is group]
        if is_primary:
            skip = frozenset(i for i, g in followers.items() if g is not group)
            window = _window(group, lead_end, len(spans))
            lead = _lead_facts(
                group, spans, hits, window, language, ctx.currency_near, skip, ctx.full, published
            )
        else:  # a roundup's deal: its price in the sentence after it ("Kessler zahlt dafür")
            paid = (
                _stated_amount(group, spans[i], hits, find_money(spans[i].text, language, ctx.full),
                               ctx.currency_near)
                for i in own
            )
            lead = (
                _valuation_in([spans[i] for i in own], language, ctx.currency_near, ctx.full),
                None,
                next((a for a in paid if a is not None), None),
            )
        if primary is not None and not is_primary and _background_round(group, primary, published):
            continue
        if not is_primary and _nothing_stated(group, lead_end):
            continue
        deals.append(_build(group, is_primary, extra, published, lead))
    return tuple(deals)


#: Wording of a round told as background: pluperfect, "before the deal", "previously".
_BACKGROUND = re.compile(
    r"\b(?:had|avait|avaient|hatte|hatten|había|habían)\b|before the (?:deal|sale|takeover)|"
    r"\b(?:previously|earlier|auparavant|précédemment|zuvor|vorher|anteriormente|previamente)\b",
    re.I,
)


#: Reported speech, where the pluperfect is the news: "said they had agreed to merge".
_REPORTED = re.compile(
    r"\b(?:said|announced|confirmed|disclosed)\b[^.;]{0,40}\bhad\b|"
    r"\b(?:a|ont) (?:annoncé|indiqué|confirmé)\b[^.;]{0,40}\bavai(?:t|ent)\b|"
    r"\b(?:teilte|teilten|erklärte|erklärten|sagte|sagten)\b[^.;]{0,60}\bhätten?\b|"
    r"\b(?:anunció|anunciaron|dijo|dijeron|confirmó)\b[^.;]{0,40}\bhabían?\b",
    re.I,
)


def _nothing_stated(group: list[RawMention], lead_end: int) -> bool:
    """A round past the lead with neither an amount nor an investor ("une équipe qui a su
    vendre avant de lever"): talk about raising money, not a deal."""
    return (
        group[0].deal_type == "funding_round"
        and group[0].sentence_index >= lead_end
        and not any(m.money or m.buyers for m in group)
    )


def _told_as_news(group: list[RawMention], published) -> bool:
    """A deal stated with its figures or investors, neither in the pluperfect nor dated
    before the article."""
    first = group[0]
    if first.money is None and not any(m.buyers for m in group):
        return False
    background = _BACKGROUND.search(first.evidence) and not _REPORTED.search(first.evidence)
    if background or rounds.cited_period(first.evidence, published):
        return False
    return first.status[0] != "rumored"


def _background_round(group: list[RawMention], primary: list[RawMention], published=None) -> bool:
    """A party's earlier round cited as background to another kind of deal ("Parsewell had
    raised £3.4 million before the deal", "Parolia a levé 2 millions d'euros en 2024")."""
    if group[0].deal_type != "funding_round" or primary[0].deal_type in _CAPITAL:
        return False
    if group[0].target not in _parties(primary):
        return False
    evidence = " ".join(m.evidence for m in group)
    return bool(_BACKGROUND.search(evidence) or rounds.cited_period(evidence, published))


_CAPITAL = ("funding_round", "investment")


def _followers(groups, spans, hits, triggered) -> dict[int, list[RawMention]]:
    """Sentences that name no company and hold no deal word, each with the deal of the
    sentence just before it: "Aurum Labs ha cerrado una ronda ... La empresa está valorada en
    60 millones": in a roundup the valuation is Aurum Labs', not the first deal's."""
    if len(groups) < 2:
        return {}
    deal_words = set(triggered)
    named: dict[int, set[str]] = {}
    for i, span in enumerate(spans):
        for h in hits:
            if span.start <= h.start < span.end:
                named.setdefault(i, set()).add(h.name)
    out = {}
    for group in groups:
        for m in group:
            i = m.sentence_index + 1
            # or one that names only the deal's parties: "Tajo paga 7 millones de euros"
            if i < len(spans) and i not in deal_words and i not in out and (
                named.get(i, set()) <= _parties(group)
            ):
                out[i] = group
    return out


def _window(group, lead_end: int, count: int) -> list[int]:
    """Sentences read for the main deal's facts: the lead, and each sentence of the deal with
    the three after it (a feature tells its deal in the third paragraph, the price next)."""
    near = {i for m in group for i in range(m.sentence_index, m.sentence_index + 4)}
    return sorted(set(range(lead_end)) | {i for i in near if i < count})


def _valuation_in(spans, language, currency_near, context=None) -> Money | None:
    """The first valuation stated in ``spans``."""
    for span in spans:
        for money in find_money(span.text, language, context):
            if classify_amount(span.text, money.start, money.end) == "valuation":
                currency = money.currency or currency_near(span.start + money.start)
                return Money(
                    money.value, currency, money.qualifier, money.start, money.end, money.text
                )
    return None


_SOURCE_BEFORE = re.compile(
    r"(?:according to|selon|d['’]après|laut|según|told|reported by|cité par|cited by|citing|"
    r"interview with|entretien (?:avec|au)|a indiqué à|a déclaré à|sagte (?:der|dem)|dijo a|\(|,|"
    r"reports? (?:in|by)|article (?:in|du|de)|révélé par|revealed by|published by|"
    r"in|dans|im|en|to|à|au|by|par|von|por)\s*(?:the\s+|le\s+|la\s+|l['’]|el\s+|der\s+|die\s+|dem\s+|des\s+)?$",
    re.I,
)
_SOURCE_AFTER = re.compile(
    r"^(?:['’]s?)?\s*(?:\w+\s+){0,2}?(?:reported|reports|said|says|wrote|writes|revealed|"
    r"a rapporté|"
    r"rapporte|révèle|a révélé|indique|affirme|écrit|berichtet\w*|meldet\w*|schreibt|informó|"
    r"informa|publicó|publica|asegura|News\b|\)|,\s*citing|first)",
    re.I,
)


def _cited_as_source(full: str, hit) -> bool:
    """A media outlet named as the source of the news, not as a party to a deal."""
    before = full[max(0, hit.start - 40) : hit.start]
    return bool(_SOURCE_BEFORE.search(before) or _SOURCE_AFTER.match(full[hit.end : hit.end + 40]))


def _kind(gazetteer: Gazetteer, known, name: str) -> str | None:
    company = gazetteer.get(name)
    if company is not None:
        return company.kind
    return org_index(known).kinds.get(name) if known else None


_WORD = re.compile(r"[A-Za-z][a-z]+")
#: Words that title case leaves in lower case.
_MINOR = frozenset("""
a an and as at but by for from in into nor of off on onto or over per the to up via vs with
""".split())


def _sentence_case(title: str, language: str | None) -> str:
    """"Cindral Health Announces $22 Million Series A to Scale AI Triage Platform": in an
    English title-case headline, capitalised ordinary words are lower-cased (organisation
    words such as "Health" stay) so that verbs and nouns are not read as names."""
    if language != "en":
        return title
    words = [m for m in _WORD.finditer(title) if len(m.group(0)) >= 4]
    capitalised = [m for m in words if m.group(0)[0].isupper()]
    if len(words) < 4 or len(capitalised) < 0.8 * len(words):
        return title
    if any(m.group(0)[0].islower() and m.group(0) not in _MINOR for m in _WORD.finditer(title)):
        return title  # "Prairie Sun Grain to buy ...": a major word in lower case, no title case
    out = list(title)
    for m in _WORD.finditer(title):
        word = m.group(0)
        if m.start() and word[0].isupper() and is_common(word, "en") and not is_org_word(word):
            out[m.start()] = word[0].lower()
    return "".join(out)


def analyze(
    title: str,
    text: str,
    language: str | None = None,
    published: date | datetime | None = None,
    gazetteer: Gazetteer | None = None,
    known_organizations: Sequence[KnownOrganization] = (),
) -> Analysis:
    """Tag an article and extract its deals.  ``published`` dates the FX conversion.

    ``known_organizations`` are organizations discovered in earlier articles (built by the
    crawl from its database): they are recognised here with no cue.
    """
    title, text = _sentence_case(title or "", language), text or ""
    gazetteer = gazetteer or default_gazetteer()
    full = f"{title}\n{text}" if title else text
    known = as_tuple(known_organizations)
    if language is None:
        language = detect_language(full)
    split = triggered_sentences(full)
    lead_end = _lead_limit(split[0], len(title))
    # a deal sentence opening with "Das Start-up", "The company": its name is in the one before
    before = {i - 1 for i in split[1] if i and ANAPHOR_OPENING.match(split[0][i].text)}
    read = sorted(set(split[1]) | set(range(lead_end)) | before)
    regions = [(split[0][i].start, split[0][i].end) for i in read] or [(0, 0)]
    # names are read with datelines blanked (offsets kept); amounts still see the place
    blank = blank_datelines(full)
    if blank is not full:  # a region opens where its sentence does after the dateline
        regions = [(s + len(blank[s:e]) - len(blank[s:e].lstrip()), e) for s, e in regions]
    hits = [
        h for h in find_all(blank, gazetteer, known, language, regions)
        if _kind(gazetteer, known, h.name) != "media" or not _cited_as_source(full, h)
    ]
    deals = extract_deals(full, len(title), language, published, gazetteer, hits, split)
    deals = tuple(sorted(deals, key=lambda d: not d.is_primary))
    deals = tuple(_dated(rounds.annotate(d, full, published), published) for d in deals)
    # a party named by an ".ai" web address says what it does
    ai = mentions_ai(full) or any(
        gazetteer.is_ai(h.name) or h.name.casefold().endswith(".ai") for h in hits
    )
    tags = topic_tags(full) | deal_tags(deals)
    if ai:
        tags.add("ai")
    return Analysis(
        language=language,
        ai_related=ai,
        # a story whose main deal is dated in the past (investors suing over a 2024 round)
        # is about something else
        deal_story=story_tag(
            title,
            [(d.evidence.split(" … ")[0], _in_the_past(d, published))
             for d in deals if d.is_primary],
        ),
        tags=tuple(sorted(tags)),
        deals=deals,
    )

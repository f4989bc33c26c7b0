"""Why an amount of money near a deal verb is not the deal's amount.

``classify_amount`` looks at the words around an amount and says whether it is a deal
amount ("deal"), a valuation, or one of the traps (revenue, spending plan, running
total, earlier round, pay, share price, fine, market size, customer contract).
"""

from __future__ import annotations

import re

_BEFORE = [
    (
        "valuation",
        r"valued at|valuation|valuing|valu(?:e|es) (?:it|(?:the|la)\s+[\w-]+) at|valoris\w+|"
        r"valu(?:e|es|ed|ing)\s+(?:[\w.'’-]+\s+){1,3}at\b|"
        r"bewertet|Bewertung|"
        r"valorad[oa]|valoración|valora (?:a|al)\b.{0,30}\ben|"
        r"valora(?:ba|rá|ría)?\s+(?:[\w.'’-]+\s+){1,4}en\b|post-money|pre-money",
    ),
    (
        "revenue",
        r"revenues?|sales|chiffre d['’]affaires|Umsatz\w*|ingresos|facturación|turnover|\bARR\b|"
        r"recurring|bénéfices?|profits?|Gewinn\w*|beneficios?|earnings|net income|résultat|"
        r"revenus?|Erlös\w*",
    ),
    (
        "spending",
        r"capex|capital expenditures?|spending|dépenses|budget|Ausgaben|gastos?|dépenser|spend",
    ),
    (
        "total",
        r"total of|in total|au total|en tout|so far|to date|à ce jour|jusqu['’]ici|"
        r"bringing (?:its|the) total|total funding|insgesamt|bislang|en total|hasta la fecha|"
        r"cumul\w*",
    ),
    (
        "earlier",
        r"previous|earlier|prior|last round|précédent\w*|dernière levée|vorherige\w*|anterior\w*",
    ),
    (
        "pay",
        r"salar(?:y|ies|io)|salaires?|pay packages?|compensation|rémunération|Gehalt|sueldo|bonus|"
        r"pay(?:ing)? (?:him|her|them|researchers)",
    ),
    ("share_price", r"share price|stock price|cours de l['’]action|Aktienkurs|precio de la acción"),
    (
        "fine",
        r"\bfined?\b|amendes?|penalt(?:y|ies)|pénalités?|damages|dommages|Strafe|Bußgeld|multas?|"
        r"sanctions?|settle(?:ment|d)?|indemnit\w+|termination fee|break-?up fee|frais de rupture",
    ),
    (
        "contract",
        r"\bcontracts?\b|\bcontrats?\b|Auftrag|Vertrag|\bcontratos?\b|\bcommandes?\b|"
        r"purchase order",
    ),
    # public money given, not an investment: never a funding round's amount
    (
        "grant",
        r"\bgrants?\b|subventions?|Förder(?:ung|geld|mittel)\w*|Zuschuss\w*|subvenci[oó]n\w*|"
        r"ayudas? públicas?",
    ),
]
_BEFORE.append(
    # "un groupe pesant 3 milliards d'euros", "una empresa de 2.000 millones", "ein Konzern mit
    # einem Wert von": the size of a company, the amount after its noun ("valeur d'entreprise
    # de", enterprise value, is a price)
    (
        "company_size",
        r"(?<![dD]['’])\b(?:company|group|firm|entreprise|groupe|société|Konzern|Unternehmen|"
        r"empresa|grupo|compañía)\s+(?:worth|de|pesant|valant|d['’]une valeur de|"
        r"mit einem Wert von|im Wert von|valorad[oa] en|con un valor de)\s*"
        r"(?:plus de|près de|más de|über|rund|environ|unos)?\s*\Z",
    )
)
_BEFORE.append(
    # what a company holds or has on its books, not a price: an order book ("una cartera de
    # obra de", "a backlog of", "un carnet de commandes de", "ein Auftragsbestand von"), assets
    # managed or a fund's size ("dont le fonds est doté de", "assets under management of")
    (
        "holdings",
        r"\b(?:backlog|order ?book|carnet de commandes|portefeuille de (?:commandes|projets)|"
        r"Auftragsbestand\w*|Auftragsbuch|cartera de (?:obra|pedidos|proyectos)|"
        r"assets under management|actifs sous gestion|verwaltet\w* Vermögen|"
        r"activos bajo gestión|fonds (?:est |était )?doté d['’]?e?|fund of|Fondsvolumen|"
        r"Fonds mit einem Volumen von|fondo (?:dotado )?(?:de|con))\b[^.;,]{0,25}$",
    )
)
_BEFORE_RES = [(name, re.compile(pattern, re.I)) for name, pattern in _BEFORE]
#: Money a company holds: "has more than $130 billion in cash", "dispose de 2 milliards
#: d'euros de trésorerie", "verfügt über 3 Milliarden Euro an liquiden Mitteln", "cuenta con
#: 500 millones de euros en caja".  Paid "in cash" is a price, held is not.
_HOLDS_BEFORE = re.compile(
    r"\b(?:has|have|had|holds?|held|sits? on|sitting on|with|dispose de|disposait de|détient|"
    r"possède|verfügt über|verfügte über|hält|sitzt auf|cuenta con|contaba con|dispone de|"
    r"tiene|tenía)\s+(?:(?:more than|over|about|some|nearly|almost|plus de|près de|environ|"
    r"mehr als|über|rund|etwa|más de|casi|unos|cerca de)\s+)?\W{0,3}$",
    re.I,
)
_CASH_AFTER = re.compile(
    r"^\s*(?:in (?:cash|net cash|liquidity)|of (?:cash|net cash)|de (?:trésorerie|liquidités|"
    r"cash)|en (?:trésorerie|liquidités|caja|efectivo|tesorería)|an (?:liquiden Mitteln|"
    r"Barmitteln|Liquidität)|in bar|de (?:liquidez|tesorería|caja))\b",
    re.I,
)

_MARKET = re.compile(r"\b(?:market|marché|Markt|mercado)\b", re.I)
_MARKET_SIZE = re.compile(
    r"reach|worth|size|grow|atteindre|atteint|pèse|peser|représente|estimé|wachsen|erreichen|"
    r"alcanzar|expected|devrait",
    re.I,
)
_AFTER = [
    ("valuation", r"^\W{0,3}(?:\w+\W+)?(?:valuation|valorisation|Bewertung|bewertet|valoración)"),
    (
        "revenue",
        r"^\W{0,3}(?:in|of|de|d['’]|an)\W+(?:annual\W+)?"
        r"(?:revenue|sales|chiffre|revenus|ARR|Umsatz|ingresos)\b|"
        # "would add about $30 million to its annual revenue", "ajoutera 5 millions d'euros à
        # son chiffre d'affaires", "zum Jahresumsatz beitragen", "a sus ingresos anuales"
        r"^\W{0,3}(?:(?:a year|per year|par an|al año|pro Jahr|annually)\W+)?"
        r"(?:to|à|au|zum|zu|a)\s+(?:(?:its|their|the|his|her|son|sa|leur|le|seinem|ihrem|"
        r"dem|den|su|sus|la|los)\s+)?(?:(?:annual|yearly|jährlichen|anual(?:es)?)\s+)?"
        r"(?:revenues?|sales|turnover|chiffre|revenus|ventes|Umsatz|Jahresumsatz|Umsätzen|"
        r"ingresos|facturación|ventas)\b",
    ),
    (
        "spending",
        r"^\s*[-–—,]?\s*(?:\w+\s+){0,2}(?:dans|in|into|en|on|pour|for)\s+(?:l['’]IA|AI\b|l['’]intelligence|"
        r"artificial|data ?cent|infrastructure|centres? de données|ses infrastructures|KI\b|la IA|"
        r"capital expend|capex|its own|son propre|ses propres)",
    ),
    (
        "total",
        r"^\W{0,3}(?:\w+\W+){0,3}(?:to date|so far|in total|au total|à ce jour|depuis sa création|"
        r"insgesamt|bislang|hasta la fecha|since (?:its )?(?:founding|inception|launch)|en tout|"
        r"seit (?:der |ihrer |seiner )?Gründung|desde su (?:fundación|creación|nacimiento))",
    ),
    (
        "earlier",
        r"^\W{0,3}(?:\w+\W+){0,4}"
        r"(?:last year|l['’]an dernier|l['’]année dernière|previously|auparavant)",
    ),
    # "has raised £7 million since 2023, most recently a £5 million round": a sum of rounds
    # when the sentence goes on to name one of them
    (
        "total_since",
        r"^\W{0,3}(?:since|depuis|seit|desde)\s+(?:(?:early|late|début|fin|Anfang|Ende|"
        r"principios de|finales de)\s+)?(?:19|20)\d\d\b(?=[^.;]*\d)",
    ),
    ("pay", r"^\W{0,3}(?:\w+\W+){0,2}(?:per year|a year|par an|pro Jahr|al año|in pay|de salaire)"),
    ("share_price", r"^\W{0,3}(?:per|a|par|je|pro|por)\W+(?:share|action|Aktie|acción)"),
    # "a merger that would have created a €2 billion company": the size of a company
    (
        "company_size",
        r"^[\s-]*(?:(?!(?:the|its|their|a|an|le|la|les|der|die|das|el|los|from|by|with|of|for|"
        r"de|du|des|par|avec|von|vom|mit|aus|con|del|por)\b)[\w-]+\s+)?"
        r"(?:company|companies|firm|group|giant|business|champion|"
        r"entreprise|groupe|société|géant|champion|Konzern|Unternehmen|Gruppe|empresa|grupo|"
        r"compañía|gigante)\b(?!\s+angels?\b)",
    ),
]
_AFTER_RES = [(name, re.compile(pattern, re.I)) for name, pattern in _AFTER]


#: Words of a funding round between an amount and what it is for.
_ROUND_WORD = re.compile(
    r"\b(?:seed|pre-seed|round|series|funding|financing|raise|tour|levée|amorçage|"
    r"financement|Runde|Finanzierung\w*|ronda|financiación|inversión|investment)\b",
    re.I,
)
#: A price after a comma: "…, for about", "…, pour environ", "…, für rund", "…, por unos".
#: What the words before the comma speak of (sales, revenue) is no trap for this amount.
_PRICE_AFTER_COMMA = re.compile(
    r",\s*(?:for|pour|für|por)\s+(?:(?:about|around|roughly|some|nearly|up to|environ|près de|"
    r"rund|etwa|knapp|unos|alrededor de|cerca de)\s+)?(?:de\s+|d['’])?\W{0,2}$",
    re.I,
)


#: A verb of raising or buying after a comma: "X, which writes software for contractors,
#: closed a", "X, qui gère les contrats des artisans, a bouclé", "X, eine Plattform für
#: Vertragsmanagement, hat", "X, que gestiona contratos, ha cerrado una ronda de".  The words
#: before the comma (a relative clause, an apposition) say what the company does, not what
#: the amount is.
_VERB_AFTER_COMMA = re.compile(
    r",\s*(?:(?:has|have|had|a|ont|avait|ha|han|había)\s+(?:\w+\s+){0,2}(?:closed|raised|"
    r"secured|landed|completed|bouclé|levé|obtenu|récolté|finalisé|cerrado|levantado|captado|"
    r"conseguido|obtenido|recaudado|completado)|closed|raised|secured|landed|raises|closes|"
    r"secures|lands|lève|boucle|obtient|récolte|hat|haben|sammelt|erhält|erhielt|sammelte|"
    r"cierra|cerró|capta|captó|levanta|levantó|consigue|consiguió|obtiene|obtuvo)\b[^,]*$",
    re.I,
)


#: A payment summed up: "pays a total of", "versera au total", "zahlt ... insgesamt",
#: "pagará en total".  What one party pays in all is the price, not a running total of rounds.
_PAID_TOTAL = re.compile(
    r"\b(?:pays?|paid|paying|will pay|paie|paiera|versera|verse|a versé|a payé|zahlt|zahlte|"
    r"zahlen|bezahlt|paga|pagará|pagó|pagan|pagarán|ha pagado)\b[^.;]{0,40}"
    r"\b(?:a total of|in total|au total|en tout|insgesamt|en total)\W{0,3}$",
    re.I,
)


#: An investor's offer turned down: the valuation its term sheet gave is no valuation of a
#: round (a takeover bid turned down keeps its price: the deal is called off at that price).
_DECLINED = re.compile(
    r"\b(?:turned down|rejected|refused|declined|a (?:refusé|rejeté|décliné)|refusé|rejeté|"
    r"abgelehnt|lehnte|ausgeschlagen|rechaz(?:ó|ado)|rechazaron)\b[^.;]{0,20}?"
    r"\b(?:term ?sheets?|feuilles? de conditions|lettres? d['’]intention|Term ?Sheets?|"
    r"hojas? de términos)\b",
    re.I,
)


def classify_amount(sentence: str, start: int, end: int, floor: int = 0) -> str:
    """Kind of the amount at ``sentence[start:end]``: "deal", "valuation" or a trap name.

    ``floor`` bounds how far back the left context may reach (the clause start).
    """
    before = sentence[max(floor, start - 45) : start]
    price = _PRICE_AFTER_COMMA.search(before)
    if price:
        before = before[price.start() :]  # "takes notes in sales meetings, for about $900m"
    verb = _VERB_AFTER_COMMA.search(before)
    if verb:
        before = before[verb.start() :]
    after = sentence[end : end + 50]
    if _CASH_AFTER.match(after) and _HOLDS_BEFORE.search(sentence, max(floor, start - 40), start):
        return "holdings"
    for name, pattern in _AFTER_RES:
        found = pattern.search(after)
        if found and not (name == "spending" and _ROUND_WORD.search(found.group(0))):
            # "raises $9m seed for AI bookkeeping" is a round, not AI spending
            return "total" if name == "total_since" else name
    for name, pattern in _BEFORE_RES:
        if pattern.search(before):
            if name == "valuation" and _DECLINED.search(sentence, max(floor, start - 80), start):
                return "declined"  # "turned down a term sheet that valued the company at"
            if name == "total" and _PAID_TOTAL.search(before):
                continue  # "zahlt dafür über vier Jahre insgesamt 3 Millionen Euro": the price
            return name
    wide = sentence[max(floor, start - 80) : start]
    if _MARKET.search(wide) and _MARKET_SIZE.search(wide):
        return "market"
    return "deal"


#: A figure raised that is no money raised: "raised its full-year forecast", "lifts its
#: guidance", "relève ses prévisions", "hebt seine Prognose an", "eleva sus previsiones".
_RAISED_FIGURE = re.compile(
    r"\b(?:rais(?:es|ed|ing)|lift(?:s|ed)?|relève|rehausse|hebt|erhöht|eleva|elevó|mejora)\s+"
    r"(?:its|their|the|his|her|ses|leurs?|sa|son|seine\w*|ihre\w*|die|den|sus?|la|el)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:forecasts?|guidance|outlook|targets?|dividends?|prices|estimates?|"
    r"expectations|prévisions?|objectifs?|perspectives|dividendes?|prix|prognose\w*|ausblick|"
    r"jahresziele?|dividende|preise|previsi[oó]n\w*|objetivos?|dividendos?|precios)\b",
    re.I,
)


def raised_figure(sentence: str) -> bool:
    """Whether ``sentence`` raises a forecast, price or dividend and speaks of no round: its
    "raised" is no funding round."""
    return bool(_RAISED_FIGURE.search(sentence)) and not _ROUND_WORD.search(
        _RAISED_FIGURE.sub(" ", sentence)
    )


#: A licence or rights bought: "has acquired a licence for", "a acquis une licence
#: d'utilisation", "ha adquirido una licencia de", "hat eine Lizenz für ... erworben".
_LICENCE_BOUGHT = re.compile(
    r"\b(?:acquir\w*|acquiert|acquis|adquier\w*|adquiri\w*|buys|bought|purchas\w*|achète|"
    r"a acheté|compra|compró|erwirbt|erwarb|kauft)\s+(?:\w+\s+){0,2}?"
    r"(?:licen[cs]es?|licencias?|Lizenz\w*|(?:usage |distribution )?rights|droits|derechos|"
    r"Nutzungsrechte?)\b|"
    r"\b(?:eine|die|Lizenz)\s+(?:\w+\s+)?Lizenz\w*\b[^.;]{0,80}\b(?:erworben|gekauft)\b",
    re.I,
)


def licence_bought(deal_type: str, sentence: str) -> bool:
    """Whether a takeover read from ``sentence`` buys a licence: a licensing deal."""
    return deal_type == "acquisition" and bool(_LICENCE_BOUGHT.search(sentence))


def no_deal(deal_type: str, sentence: str) -> bool:
    """Whether a deal read from ``sentence`` is none: the sentence denies it, or its "raised"
    raises a forecast or a price."""
    from enrich.status import denied

    return denied(sentence) or (deal_type == "funding_round" and raised_figure(sentence))


#: A comparison with an earlier figure after the current one: "values it at C$14 billion, up
#: from US$6.8 billion a year earlier", "contre 2 milliards lors du précédent tour",
#: "nach 800 Millionen bei der letzten Runde", "frente a los 300 millones de su anterior ronda".
_COMPARED = re.compile(
    r",?\s+(?:up from|down from|compared with|compared to|against|from|contre|comparé à|après|"
    r"nach|gegenüber|verglichen mit|nachdem|frente a|tras|desde|comparado con)\s",
    re.I,
)


def current_part(sentence: str, earlier: int) -> int | None:
    """Where a sentence's comparison with an earlier figure starts, given the offset of the
    word that marks that figure earlier ("a year earlier", "précédent"); None when no
    comparison word sits within 60 characters before it."""
    cut = None
    for m in _COMPARED.finditer(sentence, max(0, earlier - 60), earlier):
        cut = m.start()
        break
    return cut

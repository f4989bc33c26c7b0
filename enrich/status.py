"""Deal status from the wording of a sentence: rumored, announced, completed, terminated."""

from __future__ import annotations

import re
from functools import lru_cache

_TERMINATED = re.compile(
    r"called off|call(?:s|ed)? off|f[ae]ll(?:en)? apart|collaps(?:e|ed|es)|abandon(?:ed|s|né|ne|"
    r"nent)?|"
    r"scrap(?:ped|s)|terminat(?:ed|es)|walk(?:ed|s)? away|cancel(?:l)?ed|dropped (?:its|"
    r"the) (?:bid|plan|deal)|"
    r"renonc(?:e|é|er)|annulé|échoué|capoté|a été rompu|abgesagt|geplatzt|abgebrochen|aufgegeben|"
    r"cancelad[oa]|abandona(?:do)?|fracas(?:ó|a|ado)|se rompe|blocked by regulators|"
    r"reject(?:ed|s)|voted (?:down|against)|turned down|rebuffed|"
    r"declined (?:the|an?|its) (?:offer|bid|proposal|approach)|"
    r"ending (?:the|a|their|its) (?:deal|merger|agreement|takeover)|"
    r"a (?:officiellement )?(?:rejeté|refusé|décliné)|rejette|repousse|abgelehnt|lehnt\w* \w+ ab|"
    r"rechaz(?:ó|a|ado)|\bend(?:s|ed)? (?:(?:their|its|the) )?(?:merger |takeover |"
    r"deal )?(?:talks|negotiations|discussions)|"
    r"gescheitert|scheitert|renunci(?:a|ó|ado|an)|ha renunciado|(?:roto|rompe|rompen|"
    r"rompió) (?:las )?negociaciones|"
    r"tombe à l['’]eau|tombé à l['’]eau|a renoncé|renoncent|desist(?:e|ido|ió|en)|"
    r"se retira de la compra|zurückgezogen|zieht\w* \w+ zurück|withdr(?:ew|awn|aws)|"
    r"(?:met|mis|mettent|mettre|mettra|mettait) (?:un terme|fin) à|"
    r"\bend(?:s|ed)? (?:its|their|the) (?:\w+ )?(?:partnership|alliance|collaboration|"
    r"agreement|licen[cs]e)|(?:beend\w+|kündigt\w*) (?:\w+ ){0,2}(?:Partnerschaft|Kooperation|"
    r"Zusammenarbeit|Allianz|Vertrag|Gespräche|Verhandlungen)|aufgekündigt|"
    r"(?:pone|puso|ha puesto|pusieron|ponen) (?:fin|punto final) a|"
    r"pull(?:s|ed)? out of|dropp(?:ed|ing|s) (?:its|their|the) (?:pursuit|offer|approach|"
    r"interest)|jet(?:é|te|tent) l['’]éponge|(?:ist|sind) vom Tisch",
    re.I,
)
_COMPLETED = re.compile(
    r"\b(?:completed|completes|closed|closes|has closed|finali[sz]ed|a finalisé|finalisée?s?|"
    r"bouclée?s?|boucle|conclue?s?(?! (?:un accord|une promesse|un protocole|un partenariat|"
    r"une alliance|un contrat|une entente|un pacte|une convention))|abgeschlossen|vollzogen|"
    r"completó|cerró|ha cerrado|ha completado|han cerrado|han completado|the closing of)\b",
    re.I,
)
_NOT_YET = re.compile(
    r"(?:once|une fois|after the|pending|expected to|is set to|devrait|devra|should|until|dès que|"
    r"lorsque|when the|sobald|nach|una vez|expects to|aim(?:s|ing)? to|later this year|"
    r"to be|doit|doivent|soll|sollte|muss|debe|deberá|debería|previst[oa] para|"
    r"se espera que)\W+(?:\w+\W+){0,3}$",
    re.I,
)
_RUMORED = re.compile(
    r"\breportedly\b|\baccording to\b|people (?:familiar|close|with knowledge)|"
    r"\bsources? (?:said|say|told|close|familiar|proches?)|\bdes sources\b|"
    r"\bin (?:advanced |early |exclusive |final )?(?:talks|discussions|negotiations)\b|"
    r"\b(?:is|are|was|were) (?:said|understood|believed|rumou?red|reported) to\b|"
    r"\b(?:is|are) (?:considering|exploring|weighing|mulling|nearing|eyeing|in talks)\b|"
    r"\b(?:considers|explores|weighs|mulls|nears|weighing|mulling)\b|\bsaid to be\b|"
    r"\bcould\b|\brumou?rs?\b|\bpotential\b|"
    r"\bpossible\b|\bserai(?:t|ent)\b|\baurai(?:t|ent)\b|\bpourrai(?:t|ent)\b|\bselon\b|"
    r"\bd['’]après\b|\ben (?:discussions?|négociations?|pourparlers)\b|\bdiscute\b|\bnégocie\b|"
    r"\benvisage(?:rait)?\b|\blorgne\b|\bpotentiel(?:le)?\b|\brumeurs?\b|\bsonge\b|\bconvoite\b|"
    r"\bsoll(?:en|te)?\b(?![^.]{0,60}\b(?:abgeschlossen|vollzogen|genehmigt|unterzeichnet) "
    r"werden\b)|\bBerichten? zufolge\b|\blaut\b|\bInsider\w*|\bverhandelt\b|"
    r"\b(?:in|führt|führen|laufen|laufende\w*)\s+(?:\w+\s+)?Gespräche\w*|"
    r"\bGespräche\s+(?:über|mit|laufen)\b|\bim Gespräch\b|\berwägt\b|\bkönnte\b|\bangeblich\b|"
    r"\bsegún\b|\bestaría\b|\bpodría\b|"
    r"\bhabría\b|\bnegociaciones\b|\bconversaciones\b|\bnegocia\b|\bfuentes\b|\bsupuestamente\b|"
    # German reported intent: "Hafenwerk wolle ... kaufen", "plane die Übernahme"
    r"\b(?:wolle|plane|erwäge|verhandle|prüfe)\b|\bheißt es\b",
    re.I,
)
_ANNOUNCED = re.compile(
    r"\bannounc(?:ed|es|e)\b|\bagree[sd]? to\b|\bhas agreed\b|\bwill (?:acquire|buy|invest|"
    r"merge)\b|"
    r"\bsigned\b|\bsigns\b|\bconfirm(?:ed|s)\b|\bunveil(?:ed|s)\b|\bannonc(?:e|é|ent)\b|"
    r"\ba annoncé\b|\bofficialis\w+|\bconfirm[eé]\w*|\ba signé\b|\bsigne\b|\bva (?:racheter|"
    r"investir|acquérir)\b|"
    r"\bkündigt\w*|\bangekündigt\b|\bgab\b.{0,40}\bbekannt\b|\banunci(?:ó|a)\b|\bha anunciado\b|"
    r"\badquirirá\b|\binvertirá\b|\bto (?:acquire|buy)\b|\bteilten?\b.{0,60}\bmit\b",
    re.I,
)
#: Adverbs between a French auxiliary and its participle: "a ainsi pris", "a finalement racheté".
_FR_ADVERBS = r"(?:ainsi|déjà|finalement|également|aussi|donc|enfin|officiellement|récemment)"
_PAST = re.compile(
    r"\b(?:acquired|bought|invested|raised|backed|injected|poured|took a (?:minority |"
    r"majority )?stake|"
    r"has taken|have taken|has led|had led|had raised|had acquired|had bought|had invested|"
    r"has secured|have secured|had secured|has landed|has closed (?:a|an|its)|secured|landed|"
    r"bagged|pocketed|garnered|netted|took in|picked up|snapped up)\b|"
    r"\b(?:a|ont|avait|avaient) (?:" + _FR_ADVERBS + r" )?(?:obtenu|récolté|décroché|empoché|"
    r"réuni|sécurisé|bouclé|finalisé)\b|"
    r"\bhatten?\b.{0,80}\b(?:übernommen|investiert|eingesammelt|erworben|gekauft|beteiligt|"
    r"verkauft|erhalten|eingeworben)\b|"
    r"\bhat\b.{0,80}\b(?:eingeworben|gesichert|aufgenommen)\b|"
    r"\b(?:había|habían|ha|han) (?:levantado|obtenido|captado|conseguido|logrado|cerrado|"
    r"recaudado|adquirido|comprado|invertido)\b|"
    r"\b(?:obtuvo|captó|consiguió|logró|levantó)\b|"
    r"\b(?:a|ont|avait|avaient) (?:" + _FR_ADVERBS + r" )?(?:racheté|acquis|investi|injecté|"
    r"levé|soutenu|pris|misé|mené|"
    r"cédé|vendu)\b|"
    r"\ba été (?:rachetée?|acquise?|cédée?|vendue?)\b|\bs['’]est offert\b|"
    r"\bhat\b.{0,80}\b(?:übernommen|investiert|eingesammelt|erworben|gekauft|beteiligt|verkauft|erhalten)\b|"
    r"\b(?:übernahm|übernahmen|investierte|investierten|sammelte|sammelten|erhielt|erhielten|"
    r"kaufte|kauften|erwarb|erwarben)\b|\bbeteiligte sich\b|"
    r"\b(?:adquirió|invirtió|compró|recaudó|ha adquirido|ha invertido|ha recaudado|ha levantado|"
    r"ha comprado|ha liderado|vendió|ha vendido|ha recibido|"
    r"ha sido (?:adquirida|adquirido|comprada|comprado|vendida|vendido)|"
    r"has been (?:acquired|bought|sold)|has received|a reçu)\b",
    re.I,
)


#: A perfect infinitive after a verb of saying: the deal is done ("a annoncé avoir levé 48
#: millions", "teilte mit, 5 Millionen eingesammelt zu haben", "announced it had closed").
_PERFECT_INFINITIVE = re.compile(
    r"\bavoir (?:levé|racheté|acquis|bouclé|finalisé|obtenu|récolté|investi|pris|cédé|vendu|"
    r"finalisé|conclu|réalisé|sécurisé|concédé|accordé une licence)\b|"
    r"\b(?:eingesammelt|übernommen|erworben|gekauft|abgeschlossen|erhalten|eingeworben|"
    r"investiert|lizenziert|verkauft) zu haben\b|"
    r"\b(?:announced|said|confirmed) (?:\w+ ){0,2}(?:that )?(?:it|they) (?:has|have|had) "
    r"(?:raised|closed|completed|acquired|bought|secured|licen[cs]ed|sold|invested)\b|"
    r"\b(?:anunci|comunic|inform)\w+ (?:\w+ ){0,3}que (?:ha|han) (?:cerrado|completado|"
    r"levantado|captado|adquirido|comprado|recaudado|obtenido|licenciado|vendido|invertido)\b",
    re.I,
)
#: A deal dated in an earlier period is another, earlier event ("when it raised $200 million
#: last year", "hatte im vergangenen Jahr ... eingesammelt", "levée l'an dernier"): it is done,
#: but it says nothing of the deal the article reports.
_DATED_EARLIER = re.compile(
    r"\blast (?:year|spring|summer|autumn|fall|winter)\b|\ba year (?:ago|earlier)\b|"
    r"\byears? (?:ago|earlier)\b|\bl['’](?:an|année) (?:dernière?|passée?)\b|"
    r"\bil y a (?:un|deux|trois) ans\b|\b(?:letzten|vergangenen|im vergangenen|im letzten) "
    r"(?:Jahr|Frühjahr|Sommer|Herbst|Winter)\b|\bletztes Jahr\b|\bim Vorjahr\b|"
    r"\bvor (?:einem|zwei|drei) Jahren\b|\bel año pasado\b|\bhace (?:un|dos|tres) años?\b|"
    r"\bel (?:pasado|último) año\b|"
    # a pluperfect beside a year: "hatte 2023 mehr als 500 Millionen Dollar eingesammelt",
    # "avait levé 2 millions en 2022", "had raised $5 million in 2024"
    r"\b(?:had|hatte|hatten|avait|avaient|había|habían)\b(?=.*\b(?:19|20)\d\d\b)|"
    r"\b(?:19|20)\d\d\b(?=.*\b(?:had|hatte|hatten|avait|avaient|había|habían)\b)",
    re.I,
)
#: Past forms that speak of a deal still to come ("has agreed to buy", "will have raised").
_NOT_YET_PAST = re.compile(
    r"\b(?:agreed to|will have|would have|a accepté de|hätte|habría)\b", re.I
)


def _completed(sentence: str) -> bool:
    return any(not _NOT_YET.search(sentence[: m.start()]) for m in _COMPLETED.finditer(sentence))


#: Attribution to the parties themselves is not a rumour ("according to the company").
_OWN_SOURCE = re.compile(
    r"\b(?:according to|selon|d['’]après|laut|según)\s+"
    r"(?:(?:informó|informaron|indicó|anunció|anunciaron|explicó|comunicó)\s+)?"
    r"(?:(?:ambas|las dos|los dos|both|the two|les deux)\s+)?(?:(?:the|a|an|its|their|le|la|les|"
    r"l['’]|un|une|"
    r"der|die|dem|einer|el|los|un)\s+)?(?:(?:joint|official|regulatory)\s+)?(?:company|companies|firm|"
    r"group|statement|filing|press release|announcement|blog post|communiqué|société|entreprise|"
    r"groupe|Mitteilung|Unternehmen|Konzern|comunicado|empresa|compañía|grupo)\b",
    re.I,
)
#: Attribution by a verb of announcing, whose speaker is the party or its filing: "según ha
#: anunciado este martes la compañía", "según ha comunicado a la CNMV", "selon un communiqué",
#: "wie das Unternehmen mitteilte", "as the company announced".
_OWN_ANNOUNCEMENT = re.compile(
    r"\bsegún\s+(?:(?:ha|han|había|habían)\s+)?(?:anunciad[oa]|comunicad[oa]|informad[oa]|"
    r"confirmad[oa]|detallad[oa]|explicad[oa]|indicad[oa]|anunció|anunciaron|comunicó|"
    r"comunicaron|informó|informaron|confirmó|detalló|explicó|indicó)\b|"
    r"\bselon\s+(?:un|le|son|leur)\s+communiqué\b|"
    r"\b(?:according to|as)\s+(?:a|the|its|their)\s+(?:statement|filing|press release)\b|"
    r"\bas (?:the|both) compan(?:y|ies) (?:said|announced|confirmed)\b|"
    r"\bwie (?:das|die|der|sie|es) (?:\w+ ){0,2}(?:mitteilte|mitteilten|bekanntgab|bekanntgaben|"
    r"bestätigte|bestätigten)\b",
    re.I,
)
_ATTRIBUTION = r"\b(?:according to|selon|d['’]après|laut|según)\s+"


def _strip_own_sources(sentence: str, parties) -> str:
    sentence = _OWN_ANNOUNCEMENT.sub(" ", _OWN_SOURCE.sub(" ", sentence))
    sentence = _MERGED_ENTITY.sub(" ", sentence)
    low = sentence.casefold()
    for party in parties:
        if party and party.casefold() in low:
            sentence = _attribution(party).sub(" ", sentence)
    return sentence


@lru_cache(maxsize=2048)
def _attribution(party: str) -> re.Pattern:
    return re.compile(_ATTRIBUTION + re.escape(party) + r"\b", re.I)


#: Conditionals of reported deals: "rachèterait", "investirait", "prendrait", "compraría",
#: "invertiría".  Found by their ending first (cheap), then checked: "-irait" only for verbs
#: in -ir ("attirait" is an imperfect), "-drait" not after "a" ("encadrait").
_CONDITIONAL = re.compile(r"(?:erai(?:t|ent)|drai(?:t|ent)|irai(?:t|ent)|[ae]?rían?)\b")
_CONDITIONAL_IR = ("investir", "offrir", "choisir", "réunir", "acquer")
_CONDITIONAL_ES = ("aría", "arían", "iría", "irían", "vendería", "venderían", "tendría", "haría")


def _conditional(sentence: str) -> bool:
    for m in _CONDITIONAL.finditer(sentence):
        start = m.start()
        while start > 0 and sentence[start - 1].isalpha():
            start -= 1
        word = sentence[start : m.end()].lower()
        if len(word) < 6 and word not in _CONDITIONAL_ES:
            continue
        ending = m.group(0)
        before = word[-len(ending) - 1 : -len(ending)]
        if ending.startswith("erai") or (ending.startswith("drai") and before != "a"):
            return True
        if ending.startswith("irai") and word.startswith(_CONDITIONAL_IR):
            return True
        if word.endswith(_CONDITIONAL_ES):
            return True
    return False


#: A news outlet named as the source at the end of a sentence: ", the Financial Times
#: reported", ", berichtet das Handelsblatt", ", rapporte Les Echos", ", informa Expansión"
#: (case-sensitive: the outlet's name is capitalised, "the company reported" is no outlet).
_PRESS = re.compile(
    r",\s*(?:(?:the|das|die|der|le|la|les|el)\s+)?(?:[A-Z][\w.&'’-]*\s+){1,4}"
    r"(?:reported|reports|berichtet\w*|meldet\w*|rapporte|a rapporté|révèle|informa|"
    r"publica|adelanta)\W*$|"
    r",\s*(?:reported|reports|berichtet\w*|meldet\w*|rapporte|révèle|informa|publica|"
    r"adelanta)\s+(?:(?:the|das|die|der|le|la|les|el)\s+)?[A-Z]"
)
#: The plan of an announced merger's new entity is no rumour: "Das fusionierte Unternehmen soll
#: unter dem Namen Faktenwerk auftreten", "la nouvelle entité pourrait", "the combined
#: company could".
_MERGED_ENTITY = re.compile(
    r"\b(?:fusionierte|neue|gemeinsame|zusammengelegte|kombinierte)\w* "
    r"(?:Unternehmen|Firma|Konzern|Gesellschaft|Gruppe)\s+(?:soll(?:en|te)?|könnte)\b|"
    r"\b(?:combined|merged|enlarged) (?:company|group|entity|business)\s+(?:could|is said)\b|"
    r"\b(?:nouvel(?:le)?|nouveau) (?:entité|ensemble|groupe)\s+(?:pourrait|serait)\b|"
    r"\b(?:nueva|fusionada|resultante) (?:entidad|compañía|empresa|sociedad)\s+(?:podría|"
    r"estaría)\b|\b(?:entidad|compañía|empresa|sociedad) (?:resultante|fusionada)\s+(?:podría|"
    r"estaría)\b",
    re.I,
)
#: Talks a party can announce itself: "a annoncé être entré en négociations exclusives".
_TALKS = re.compile(
    r"(?:in (?:advanced |early |exclusive |final )?(?:talks|discussions|negotiations)|"
    r"en (?:discussions?|négociations?|pourparlers)|discute|négocie|verhandelt|"
    r"in (?:\w+ )?Gesprächen|Gespräche \w+|negociaciones|conversaciones|negocia)",
    re.I,
)


#: A public announcement, told in the past: what follows it can qualify a detail ("pour
#: environ 40 millions d'euros selon deux sources") but not the deal itself.
_ANNOUNCED_PAST = re.compile(
    r"\bannounced\b|\b(?:a|ont|avait) annoncé\b|\b(?:ha|han) anunciado\b|\banunci(?:ó|aron)\b|"
    r"\b(?:hat|haben)\b[^.;]{0,100}\b(?:angekündigt|bekanntgegeben)\b|\bgab(?:en)?\b.{0,40}\bbekannt\b",
    re.I,
)
#: Rumour words that only attribute a detail to a source.
_SOURCED = re.compile(
    r"\baccording to\b|\bselon\b|\bd['’]après\b|\bsegún\b|\blaut\b|\bBerichten? zufolge\b|"
    r"\bInsider\w*|\bsources?\b.*|\bfuentes\b|\bdes sources\b|people (?:familiar|close|with "
    r"knowledge)",
    re.I,
)


def _announced_then_sourced(sentence: str, rumour: re.Match) -> bool:
    """Whether a party announced the deal before the only rumour words, which attribute a
    detail ("Table & Terroir a annoncé lundi l'acquisition ..., pour environ 40 millions
    d'euros selon deux sources proches du dossier")."""
    announced = _ANNOUNCED_PAST.search(sentence[: rumour.start()])
    if not announced or _NOT_YET.search(sentence[: announced.start()]):
        return False
    if _conditional(sentence[announced.end() :]):
        return False
    return all(_SOURCED.fullmatch(m.group(0)) for m in _RUMORED.finditer(sentence))


def _announced_talks(sentence: str, rumour: re.Match) -> bool:
    """Whether the only rumour words are talks that a party announced or confirmed before
    them ("Armoric a annoncé être entré en négociations exclusives pour acquérir X")."""
    if not _ANNOUNCED.search(sentence[: rumour.start()]):
        return False
    return all(_TALKS.fullmatch(m.group(0)) for m in _RUMORED.finditer(sentence))


#: A deal denied by the party the report named: "denied a report that it was in talks to buy",
#: "a démenti les informations", "hat Berichte dementiert", "ha negado que", "desmintió".
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied)|dément\w*|démenti|dementier\w*|niega|niegan|negó|ha negado|"
    r"desmient\w*|desmintió|desmentido)\b",
    re.I,
)


def denied(sentence: str) -> bool:
    """Whether ``sentence`` denies what it reports."""
    return bool(_DENIED.search(sentence))


#: A German relative clause that ends on "soll": what the thing built is meant to do ("ein
#: Rechenzentrum, das 15.000 Chips beherbergen soll", "eine Plattform, die Ende 2027 starten
#: soll"), not hearsay about the deal.
_RELATIVE_MODAL = re.compile(
    r"(?:,\s*(?:das|der|die|den|dem|deren|dessen|welche[rsm]?|wo)\s"
    r"(?:[^,.;:]|(?<=\d)[.,](?=\d)){0,100}?\bsoll(?:en|te|ten)?|"
    # and the Spanish "que podría albergar", after a noun of what is built
    r"\bque\s+(?:podría|podrían)\s(?:[^,.;:]|(?<=\d)[.,](?=\d)){0,100}?)(?=\s*[,.;:]|\s*$)"
)
#: Deal verbs that keep a relative clause's modal a rumour about the deal ("Bergmann, der
#: Greifwerk übernehmen soll").
_DEAL_VERB = re.compile(
    r"\b(?:übernehm\w*|kaufen|erwerben|beteilig\w*|investier\w*|fusionier\w*|einsteigen|"
    r"zahlen|comprar|adquirir|invertir|fusionar\w*|pagar)\b",
    re.I,
)


def _strip_relative_modals(sentence: str) -> str:
    """``sentence`` without relative clauses whose modal says what a thing is meant to do."""
    return _RELATIVE_MODAL.sub(
        lambda m: m.group(0) if _DEAL_VERB.search(m.group(0)) else " ", sentence
    )


def terminated(text: str) -> bool:
    """Whether ``text`` says a deal was called off, rejected or abandoned."""
    return bool(_TERMINATED.search(text))


def sentence_status(sentence: str, parties=(), tense: bool = True) -> tuple[str, bool]:
    """(status, explicit) for a sentence; ``explicit`` is False when nothing decided it.

    ``parties`` are the deal's companies: "according to Workday" is their word, not a rumour.
    ``tense=False`` ignores the perfect tense: for other sentences of the lead, where a past
    deal ("X raised $90 million in 2024") says nothing of this one.
    """
    if _TERMINATED.search(sentence):
        return "terminated", True
    if _completed(sentence):
        return "completed", not _DATED_EARLIER.search(sentence)
    stripped = _strip_relative_modals(_strip_own_sources(sentence, parties))
    rumour = _RUMORED.search(stripped)
    if rumour and _announced_talks(stripped, rumour):
        return "announced", True
    if rumour and _announced_then_sourced(stripped, rumour):
        return ("completed" if _PERFECT_INFINITIVE.search(stripped) else "announced"), True
    if rumour or _conditional(stripped) or (
        _PRESS.search(stripped) and not _ANNOUNCED.search(stripped)
    ):
        return "rumored", True
    # a perfect infinitive after a verb of saying tells today's news even in a sentence that
    # names no buyer ("Skogsdata annonce avoir levé 120 millions de couronnes")
    if (tense and _PAST.search(sentence) or _PERFECT_INFINITIVE.search(sentence)) and (
        not _NOT_YET_PAST.search(sentence)
    ):
        # "has raised", "a levé", "hat ... eingesammelt": done, even when the sentence also
        # says it was announced
        return "completed", not _DATED_EARLIER.search(sentence)
    if _ANNOUNCED.search(sentence):
        return "announced", True
    return "announced", False


def merge_statuses(statuses: list[tuple[str, bool]]) -> str:
    """One status from several sentences about the same deal.

    Terminated wins; an explicit completion beats talk; press attribution (rumored)
    beats statuses decided only by tense; an explicit announcement beats rumor.
    """
    explicit = {s for s, e in statuses if e}
    for status in ("terminated", "completed", "announced", "rumored"):
        if status in explicit:
            return status
    if any(s == "completed" for s, _ in statuses):
        return "completed"
    return statuses[0][0] if statuses else "announced"


_ORDER = {"rumored": 0, "announced": 1, "completed": 2}


def progress(old: str, new: str) -> str:
    """Status moves rumored -> announced -> completed, never backwards; terminated wins."""
    if "terminated" in (old, new):
        return "terminated"
    return old if _ORDER.get(old, 0) >= _ORDER.get(new, 0) else new

"""Classes of party and role errors fixed in the seventh round, each in new words (none of
these sentences is in a labelled set), in every language where the class exists."""

import pytest

from enrich import analyze


def _deal(result, target: str):
    return next((d for d in result.deals if d.target == target), None)


# A venture arm named with its parent in an apposition: the arm invests, not the parent,
# and the apposition's noun ("fonds d'investissement") is no deal word.
VENTURE_ARMS = [
    ("en", "Tamarack Ventures, the investment arm of carmaker Tamarack Motors, has bought a "
     "12% stake in Voltique.", "Tamarack Ventures", "Voltique"),
    ("en", "Bellhaven Capital, the corporate venture unit of Bellhaven Foods, has invested "
     "$4 million in Crumbly.", "Bellhaven Capital", "Crumbly"),
    ("fr", "Ardoise Capital, le fonds d'investissement du groupe Montrel, a pris une "
     "participation dans la start-up Plumetis.", "Ardoise Capital", "Plumetis"),
    ("es", "Olmo Ventures, el brazo inversor de la eléctrica Olmo Energía, ha invertido 3 "
     "millones de euros en la startup Brisalia.", "Olmo Ventures", "Brisalia"),
    ("de", "Kranich Ventures, der Investmentarm des Maschinenbauers Kranich Werke, beteiligt "
     "sich an dem Start-up Funkora.", "Kranich Ventures", "Funkora"),
]


@pytest.mark.parametrize("language,text,investor,target", VENTURE_ARMS,
                         ids=[c[2] for c in VENTURE_ARMS])
def test_venture_arm_invests_not_its_parent(language, text, investor, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None
    assert deal.buyers == (investor,)


# An investor as the subject that led a round "in"/"dans la jeune pousse" X: X raises.
LED_ROUND_IN = [
    ("fr", "Vauban Partenaires a mené une levée de 8 millions d'euros dans la jeune pousse "
     "Ondinea.", "Vauban Partenaires", "Ondinea"),
    ("fr", "Le fonds Corsaire Invest a mené un tour de table de 3 millions d'euros dans la "
     "start-up Brumaire.", "Corsaire Invest", "Brumaire"),
    ("en", "Harbor Line Capital led a $12 million round in the start-up Pellucid.",
     "Harbor Line Capital", "Pellucid"),
    ("es", "Sierra Roja Capital lideró la ronda de 4 millones de euros de la startup Raizal.",
     "Sierra Roja Capital", "Raizal"),
    ("de", "Isarblick Capital führte die Finanzierungsrunde bei dem Start-up Fluxora an.",
     "Isarblick Capital", "Fluxora"),
]


@pytest.mark.parametrize("language,text,investor,target", LED_ROUND_IN,
                         ids=[c[2] for c in LED_ROUND_IN])
def test_investor_leading_a_round_in_a_company(language, text, investor, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.deal_type == "funding_round"
    assert deal.buyers[:1] == (investor,)


# Co-investors listed after the verb in the sentence after the round.
CO_INVESTORS = [
    ("en", "Pellucid raised $12 million led by Harbor Line Capital. Also participating were "
     "Quayside Ventures and Northgate Fund.", "Pellucid",
     ("Harbor Line Capital", "Quayside Ventures", "Northgate Fund")),
    ("fr", "Ondinea a levé 8 millions d'euros auprès de Vauban Partenaires. Maréchal Invest et "
     "Crédit Solaire ont également participé.", "Ondinea",
     ("Vauban Partenaires", "Maréchal Invest", "Crédit Solaire")),
    ("es", "Raizal levanta 4 millones de euros con Sierra Roja Capital. También participaron "
     "Faro Capital y Dehesa Ventures.", "Raizal",
     ("Sierra Roja Capital", "Faro Capital", "Dehesa Ventures")),
    ("de", "Fluxora sammelt 5 Millionen Euro bei Isarblick Capital ein. Mit dabei sind auch "
     "Rheinwerk Ventures und Elbe Capital.", "Fluxora",
     ("Isarblick Capital", "Rheinwerk Ventures", "Elbe Capital")),
]


@pytest.mark.parametrize("language,text,target,investors", CO_INVESTORS,
                         ids=[c[2] for c in CO_INVESTORS])
def test_co_investors_in_the_next_sentence(language, text, target, investors):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None
    assert set(investors) <= set(deal.buyers)


# The company is named before, the investor leads a round "in the start-up", or the round's
# subject is a pronoun: the company raising is the one the story is about.
NAMED_BEFORE = [
    ("fr", "La société rennaise Goémon Data veut équiper les ports. Le fonds Capital Iroise a "
     "mené une levée de 6 millions d'euros dans la jeune pousse.", "Goémon Data",
     "Capital Iroise"),
    ("en", "Seamark Labs builds tide models for harbours. Brackwater Capital led a $9 million "
     "round in the start-up, the company said.", "Seamark Labs", "Brackwater Capital"),
    ("fr", "Vinolys analyse les sols des vignes. Elle a levé 4 millions d'euros "
     "auprès de Gironde Agri Capital.", "Vinolys", "Gironde Agri Capital"),
    ("en", "Palmetric plans warehouse robots for small shippers. It raised $7 million from "
     "Larchmont Ventures.", "Palmetric", "Larchmont Ventures"),
]


@pytest.mark.parametrize("language,text,target,investor", NAMED_BEFORE,
                         ids=[c[2] for c in NAMED_BEFORE])
def test_round_of_a_company_named_before(language, text, target, investor):
    title = f"{target}, {'the' if language == 'en' else 'la'} AI pick of the week"
    deal = _deal(analyze(title, text, language), target)
    assert deal is not None and deal.deal_type == "funding_round"
    assert investor in deal.buyers


# Investors who complete or join a round, each with its own description, are all investors
# of the round named before, not companies raising money.
JOINED_ROUND = [
    ("fr", "Éclusia a levé 5 millions d'euros auprès de Capital Armor. La Banque du Léon et "
     "une dizaine d'armateurs ont complété le tour de table.", "Éclusia",
     ("Capital Armor", "Banque du Léon")),
    ("de", "Lotwerk sammelt 12 Millionen Euro bei Granit Partners ein. Auch der staatliche "
     "Zukunftsfonds Thüringen und der bisherige Geldgeber Saale Capital beteiligten sich.",
     "Lotwerk", ("Granit Partners", "Zukunftsfonds Thüringen", "Saale Capital")),
    ("es", "Caudalia levantó 3 millones de euros con Faro Capital. También participaron "
     "Cafeto Ventures y el fondo público Semilla Andina Capital.", "Caudalia",
     ("Faro Capital", "Cafeto Ventures", "Semilla Andina Capital")),
    ("en", "Tidewell raised $8 million from Gorse Capital. Moorland Ventures and the regional "
     "fund Peak District Capital have completed the round.", "Tidewell",
     ("Gorse Capital", "Moorland Ventures", "Peak District Capital")),
]


@pytest.mark.parametrize("language,text,target,investors", JOINED_ROUND,
                         ids=[c[2] for c in JOINED_ROUND])
def test_investors_completing_a_round(language, text, target, investors):
    result = analyze("", text, language)
    deal = _deal(result, target)
    assert deal is not None
    assert set(investors) <= set(deal.buyers)
    assert all(d.target == target for d in result.deals)


# Joins inside a name: "Gebr." opening it, a family name's particle before an organisation
# word ("von", "van"), a word repeated around "a" or "à".
JOINED_NAMES = [
    ("de", "Gebr. Hollerbach übernimmt das Stuttgarter Start-up Fräsgeist.", "Gebr. Hollerbach",
     "Fräsgeist"),
    ("de", "Der Maschinenbauer Gebr. Rautenberg kauft das Start-up Spindelwerk.",
     "Gebr. Rautenberg", "Spindelwerk"),
    ("de", "Die Müller von Brandt Holding steigt bei dem Start-up Schraubwerk ein.",
     "Müller von Brandt Holding", "Schraubwerk"),
    ("en", "Hendriks van Loon Group has acquired Quillpad, a Leeds start-up.",
     "Hendriks van Loon Group", "Quillpad"),
    ("es", "La cooperativa Paso a Paso ha adquirido la startup Rutalia.", "Paso a Paso", "Rutalia"),
    ("es", "Boca a Boca Medios compra la startup Redalia por 3 millones de euros.",
     "Boca a Boca Medios", "Redalia"),
    ("fr", "La coopérative Goutte à Goutte rachète la start-up Bivouac.", "Goutte à Goutte", "Bivouac"),
]


@pytest.mark.parametrize("language,text,buyer,target", JOINED_NAMES,
                         ids=[c[2] for c in JOINED_NAMES])
def test_joined_names(language, text, buyer, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None
    assert deal.buyers == (buyer,)


def test_a_noun_before_von_is_no_family_name():
    result = analyze("", "Die Übernahme von Stetten Logistik durch Kranwerk ist abgeschlossen.",
                     "de")
    assert all("Übernahme" not in d.target for d in result.deals)


# "steigt ... bei X ein": the separable verb with words between its parts.
STEIGT_EIN = [
    "Die Kessler Holding steigt deshalb mit 20 Prozent beim Start-up Kartograf ein.",
    "Die Brandauer Gruppe steigt nun bei dem Kölner Start-up Zählwerk ein.",
    "Der Versicherer Hanseatica stieg im Mai mit 15 Prozent bei Tarifwerk ein.",
]


@pytest.mark.parametrize("text", STEIGT_EIN, ids=range(len(STEIGT_EIN)))
def test_german_separable_stake_verb(text):
    result = analyze("", text, "de")
    assert [d.deal_type for d in result.deals] == ["investment"]


def test_german_noun_after_a_name_is_not_part_of_it():
    text = ("Eine davon, Kernblick, hat 20 Millionen Euro eingesammelt. Mit dem Geld will "
            "Kernblick Büros in Austin eröffnen.")
    result = analyze("", text, "de")
    assert [d.target for d in result.deals] == ["Kernblick"]


# A called-off deal told as a noun names both parties; the deal is terminated.
CALLED_OFF = [
    ("de", "Fusion von Korvana und Feldix abgesagt", "Die geplante Fusion von Korvana und "
     "Feldix ist abgesagt.", "Korvana", "Feldix"),
    ("fr", "Fin du rapprochement entre Lumisol et Ventanova", "Le rapprochement entre Lumisol "
     "et Ventanova a été abandonné.", "Lumisol", "Ventanova"),
    ("en", "Collapse of Brightwell's takeover of Quorra", "The collapse of Brightwell's takeover "
     "of Quorra was announced on Monday.", "Brightwell", "Quorra"),
    ("es", "Se rompe la fusión entre Tramalia y Rutafija", "La fusión entre Tramalia y Rutafija "
     "ha sido cancelada.", "Tramalia", "Rutafija"),
]


@pytest.mark.parametrize("language,title,text,buyer,target", CALLED_OFF,
                         ids=[c[3] for c in CALLED_OFF])
def test_called_off_deal_told_as_a_noun(language, title, text, buyer, target):
    deal = _deal(analyze(title, text, language), target)
    assert deal is not None and deal.buyers == (buyer,)
    assert deal.status == "terminated"


# A denied rumour is no deal.
DENIALS = [
    ("en", "Brightwell denies it is in talks to buy Quorra."),
    ("fr", "Lumisol dément être en discussions pour racheter Ventanova."),
    ("de", "Korvana dementiert Gespräche über eine Übernahme von Feldix."),
    ("es", "Tramalia niega estar negociando la compra de Rutafija."),
    ("es", "Tramalia niega que vaya a comprar Rutafija."),
]


@pytest.mark.parametrize("language,text", DENIALS, ids=[c[1][:20] for c in DENIALS])
def test_denied_deal_is_no_deal(language, text):
    assert analyze("", text, language).deals == ()


# German: the buyer named before "dass sie ...", the verb last.
def test_german_buyer_before_a_that_clause():
    text = "Am Dienstag teilte die Saatgold AG mit, dass sie das Start-up Keimling übernimmt."
    deal = _deal(analyze("", text, "de"), "Keimling")
    assert deal is not None and deal.buyers == ("Saatgold",)


def test_german_that_clause_with_a_named_subject_is_not_read_so():
    text = "Am Dienstag teilte Keimling mit, dass Saatgold das Start-up übernimmt."
    result = analyze("", text, "de")
    assert all(d.buyers != ("Keimling",) for d in result.deals)


# A name of ordinary words opening a sentence, then a relative clause, then a deal verb.
RELATIVE_SUBJECTS = [
    ("es", "Trébol Datos, que fabrica sensores, ha comprado la startup Rutalia.",
     "Trébol Datos", "Rutalia"),
    ("de", "Nordlicht, die Software für Werften entwickelt, übernimmt das Start-up Kielwasser.",
     "Nordlicht", "Kielwasser"),
    ("en", "Harvest Moon, which sells seed drills, has acquired Furrowbot.", "Harvest Moon",
     "Furrowbot"),
    ("fr", "Bois Dormant, qui édite des logiciels, rachète la start-up Bivouac.", "Bois Dormant",
     "Bivouac"),
]


@pytest.mark.parametrize("language,text,buyer,target", RELATIVE_SUBJECTS,
                         ids=[c[2] for c in RELATIVE_SUBJECTS])
def test_name_before_a_relative_clause(language, text, buyer, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.buyers == (buyer,)


# A deal word inside a relative clause describes a company; the deal is the main verb's.
def test_deal_word_inside_a_relative_clause_is_skipped():
    text = "Marlpit, which sells soil sensors to farms, has acquired Rootwise."
    deal = _deal(analyze("", text, "en"), "Rootwise")
    assert deal is not None and deal.buyers == ("Marlpit",) and deal.deal_type == "acquisition"


# A partnership told with "jointly", "conjuntamente", "développer ensemble", "work together".
JOINT_WORK = [
    ("en", "Corvane and Tessaly will jointly design a diagnostic model for clinics."),
    ("en", "Corvane and Tessaly will work together on a diagnostic model for clinics."),
    ("es", "Corvane y Tessaly desarrollarán conjuntamente un modelo de diagnóstico."),
    ("fr", "Corvane et Tessaly vont développer ensemble un modèle de diagnostic."),
    ("de", "Corvane und Tessaly wollen gemeinsam ein Diagnosemodell entwickeln."),
]


@pytest.mark.parametrize("language,text", JOINT_WORK, ids=[c[1][:30] for c in JOINT_WORK])
def test_joint_work_is_a_partnership(language, text):
    deal = _deal(analyze("", text, language), "Tessaly")
    assert deal is not None and deal.deal_type == "partnership"
    assert deal.buyers == ("Corvane",)


# German regional bodies: an inflected regional adjective after an article and an institution
# noun are one name, given in the nominative.
REGIONAL_BODIES = [
    ("Die Rheinischen Verkehrsbetriebe übernehmen das Start-up Schienenauge.",
     "Rheinische Verkehrsbetriebe", "Schienenauge"),
    ("Die Bayerischen Landeswerke kaufen das Start-up Stromgeist.", "Bayerische Landeswerke",
     "Stromgeist"),
    ("Die Hessischen Stadtwerke steigen bei dem Start-up Zählerblick ein.",
     "Hessische Stadtwerke", "Zählerblick"),
]


@pytest.mark.parametrize("text,body,target", REGIONAL_BODIES, ids=[c[1] for c in REGIONAL_BODIES])
def test_german_regional_body_in_the_nominative(text, body, target):
    deal = _deal(analyze("", text, "de"), target)
    assert deal is not None and deal.buyers == (body,)


# A month or a day opening a name that an organisation word closes.
TIME_NAMES = [
    ("en", "May Robotics has acquired Quillpad, a Leeds start-up.", "May Robotics", "Quillpad"),
    ("de", "Sonntag Labs übernimmt das Start-up Tintenfass.", "Sonntag Labs", "Tintenfass"),
    ("fr", "Mars Analytics rachète la start-up Bivouac.", "Mars Analytics", "Bivouac"),
    ("es", "Junio Capital invierte 2 millones de euros en la startup Redalia.", "Junio Capital",
     "Redalia"),
]


@pytest.mark.parametrize("language,text,buyer,target", TIME_NAMES, ids=[c[2] for c in TIME_NAMES])
def test_name_opening_with_a_month_or_day(language, text, buyer, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.buyers == (buyer,)


def test_date_before_a_name_stays_a_date():
    deal = _deal(analyze("", "On Monday Acme Capital said it had bought Quillpad.", "en"),
                 "Quillpad")
    assert deal is not None and deal.buyers == ("Acme Capital",)


# An ordinary word opening a sentence, then an apposition naming a kind of company: a name.
APPOSED_SUBJECTS = [
    ("de", "Kopfnuss, ein Berliner Anbieter von Lernsoftware, erhält 6 Millionen Euro.",
     "Kopfnuss"),
    ("en", "Lantern, a Bristol start-up that reads meters, has raised £4 million.", "Lantern"),
    ("fr", "Boussole, une jeune pousse lyonnaise, a levé 3 millions d'euros.", "Boussole"),
    ("es", "Brújula, una startup sevillana, ha levantado 2 millones de euros.", "Brújula"),
]


@pytest.mark.parametrize("language,text,target", APPOSED_SUBJECTS,
                         ids=[c[2] for c in APPOSED_SUBJECTS])
def test_ordinary_word_described_by_an_apposition_is_a_name(language, text, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.deal_type == "funding_round"


# A known company whose name is an ordinary word, made sure of by a group noun before it or
# a deal verb after it.
STRICT_KNOWN = [
    ("fr", "Le groupe Orange va prendre une participation dans la start-up Plumetis.", "Orange",
     "Plumetis"),
    ("en", "Lambda has acquired Quillpad, a Leeds start-up.", "Lambda", "Quillpad"),
    ("es", "Magic compra la startup Redalia por 3 millones de dólares.", "Magic", "Redalia"),
    ("de", "Zoom übernimmt das Start-up Tintenfass.", "Zoom", "Tintenfass"),
]


@pytest.mark.parametrize("language,text,buyer,target", STRICT_KNOWN, ids=[c[2] for c in STRICT_KNOWN])
def test_known_ordinary_word_names_in_deal_context(language, text, buyer, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.buyers == (buyer,)


# "X said Y had agreed to buy a 25% stake": the company that speaks is the one invested in.
def test_reported_stake_purchase_is_in_the_speaker():
    text = ("On Monday, Pellucid said Harbor Line Capital, the fund of a Boston family, had "
            "agreed to buy a 20% stake for $30 million.")
    deal = _deal(analyze("", text, "en"), "Pellucid")
    assert deal is not None and deal.buyers == ("Harbor Line Capital",)
    assert deal.deal_type == "investment"


# A company followed by a person's title and name is the speaker's employer, not a party.
SPEAKERS = [
    ("en", "Larchmont partner Dana Ruiz said the firm had tracked the company since its "
     "$12 million Series A.", "Larchmont"),
    ("en", "Gorse Capital analyst Priya Nair said it raised $8 million last year.",
     "Gorse Capital"),
    ("de", "Nordkap Partner Jonas Berg sagte, das Start-up sammle 2 Millionen Euro ein.",
     "Nordkap"),
]


@pytest.mark.parametrize("language,text,speaker", SPEAKERS, ids=[c[2] for c in SPEAKERS])
def test_speakers_employer_raises_nothing(language, text, speaker):
    result = analyze("", text, language)
    assert all(d.target != speaker for d in result.deals)


# A frequent word, capitalised inside a sentence after an article and a description, opens a
# name ("Cuenta" is a common verb form in Spanish, "Tout" a French function word).
FREQUENT_OPENERS = [
    ("es", "La sevillana Cuenta Fácil levantó 4 millones de euros con Faro Capital.",
     "Cuenta Fácil"),
    ("fr", "La lyonnaise Tout Azimut a levé 2 millions d'euros auprès de Corsaire Invest.",
     "Tout Azimut"),
    ("en", "The insurance start-up Over Harbour has raised £3 million from Gorse Capital.",
     "Over Harbour"),
]


@pytest.mark.parametrize("language,text,target", FREQUENT_OPENERS,
                         ids=[c[2] for c in FREQUENT_OPENERS])
def test_frequent_word_opening_a_described_name(language, text, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.deal_type == "funding_round"


# "Old" / "Vieux" / "Viejo" capitalised inside a sentence opens a name, like "New" or "Grand".
OLD_NAMES = [
    ("en", "Marlow Foods has agreed to buy Old Mill Bakery Company, a family-owned bakery in "
     "Kent.", "Marlow Foods", "Old Mill Bakery Company"),
    ("fr", "Le groupe Savencia rachète Vieux Moulin Laiterie, une laiterie normande.",
     "Savencia", "Vieux Moulin Laiterie"),
    ("es", "Conservas Arnedo compra Viejo Olivar Aceites, una almazara jienense.",
     "Conservas Arnedo", "Viejo Olivar Aceites"),
]


@pytest.mark.parametrize("language,text,buyer,target", OLD_NAMES, ids=[c[3] for c in OLD_NAMES])
def test_old_opens_a_name(language, text, buyer, target):
    deal = _deal(analyze("", text, language), target)
    assert deal is not None and deal.buyers == (buyer,)

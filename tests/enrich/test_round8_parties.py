"""Classes of party and role errors fixed in the eighth round, each in new words (none of
these sentences is in a labelled set), in every language where the class exists."""

import pytest

from enrich import analyze
from enrich.samedeal import org_key, parties_key


def _keys(result) -> set[str]:
    return {parties_key(d.buyers, d.target) for d in result.deals}


def _want(buyers, target) -> str:
    return parties_key(buyers, target)


# A legal form closes a name that runs back over capitalised words, ordinary nouns
# ("Versicherung", "Vind", "Kühlhaus") and a titled founder's name included.
LEGAL_FORMS = [
    ("en", "Harrowgate Cold Storage Pte Ltd has bought Kinetiq Vision, a Singapore start-up.",
     "Harrowgate Cold Storage Pte Ltd", "Kinetiq Vision"),
    ("en", "Nordlys Havbruk A/S said it had acquired the Bergen start-up Fiskeye.",
     "Nordlys Havbruk A/S", "Fiskeye"),
    ("de", "Die bayerische Alpenland Versicherung AG steigt mit 20 Prozent beim Start-up "
     "Schadenfix ein.", "Alpenland Versicherung AG", "Schadenfix"),
    ("de", "Der Windparkbetreiber Nordsø Energi A/S beteiligt sich am Kieler Start-up "
     "Windauge.", "Nordsø Energi A/S", "Windauge"),
    ("de", "Die Kanzlei Dr. Helga Brandt KG übernimmt das Start-up Klageweise.",
     "Dr. Helga Brandt KG", "Klageweise"),
    ("fr", "Transports Marchal Frères SAS a racheté la start-up lyonnaise Routelia.",
     "Transports Marchal Frères SAS", "Routelia"),
    ("es", "Talleres Hierro Urquiza S.L. ha adquirido la startup vasca Tornalia.",
     "Talleres Hierro Urquiza S.L.", "Tornalia"),
]


@pytest.mark.parametrize("language,text,buyer,target", LEGAL_FORMS,
                         ids=[c[2] for c in LEGAL_FORMS])
def test_legal_form_closes_a_whole_name(language, text, buyer, target):
    assert _keys(analyze("", text, language)) == {_want([buyer], target)}


# A firm named after its titled or first-named founder is called by the surname alone in
# the headline or later sentences: the same company.
SURNAME_FIRMS = [
    ("de", "Verlag Brandt verkauft Archiv an Lexifon\nDer Kölner Fachverlag Dr. Helga Brandt KG "
     "hat sein Archiv an das Start-up Lexifon verkauft.", "Lexifon", "Dr. Helga Brandt KG"),
    ("es", "Ruiz vende su negocio a Contalia\nLa gestoría Marta Ruiz S.L. ha vendido su negocio "
     "a la startup Contalia.", "Contalia", "Marta Ruiz S.L."),
]


@pytest.mark.parametrize("language,text,buyer,target", SURNAME_FIRMS,
                         ids=[c[3] for c in SURNAME_FIRMS])
def test_founders_firm_called_by_surname(language, text, buyer, target):
    keys = _keys(analyze("", text, language))
    assert keys == {_want([buyer], target)}


# A German descriptor in the genitive before a name ("des Kölner Logistiksoftware-Anbieters
# X") describes X; it is no part of its name.
GERMAN_DESCRIPTORS = [
    ("Die Übernahme des Kölner Logistiksoftware-Anbieters Frachtfuchs durch den "
     "Speditionskonzern Rheinlast ist abgeschlossen.", "Rheinlast", "Frachtfuchs"),
    ("Brenner Maschinenbau übernimmt die Mehrheit des Dresdner Messtechnikherstellers "
     "Optiweit.", "Brenner Maschinenbau", "Optiweit"),
    ("Die geplante Übernahme des Leipziger Pflegesoftwareanbieters Carewerk durch den "
     "Klinikbetreiber Saalekliniken ist gescheitert.", "Saalekliniken", "Carewerk"),
    ("Der Kauf des Hannoveraner Sensorherstellers Lumisens durch den Autozulieferer "
     "Weserguss ist abgeschlossen.", "Weserguss", "Lumisens"),
    ("Kaltwerk Industrie übernimmt die Mehrheit des Bocholter Agrarsoftware-Anbieters "
     "Ackerblick.", "Kaltwerk Industrie", "Ackerblick"),
    ("Die Übernahme des Emder Werftsoftware-Anbieters Kielwasser durch den Reedereikonzern "
     "Nordlicht Shipping ist abgeschlossen.", "Nordlicht Shipping", "Kielwasser"),
    ("Die Übernahme des Wolfsburger Ladesoftware-Entwicklers Stromkante durch den "
     "Energieversorger Heidewerk ist gescheitert.", "Heidewerk", "Stromkante"),
]


@pytest.mark.parametrize("text,buyer,target", GERMAN_DESCRIPTORS,
                         ids=[c[2] for c in GERMAN_DESCRIPTORS])
def test_german_genitive_descriptor_is_not_in_the_name(text, buyer, target):
    keys = _keys(analyze("", text, "de"))
    assert _want([buyer], target) in keys
    assert all(k.endswith(">" + org_key(target)) for k in keys)


# Licensing: the owner of the content (a publisher, studio, archive) is the target, the AI
# company that gets to use it is the buyer, whatever the word order.
LICENSING = [
    ("en", "Hollowmere Games said it had signed a licensing agreement allowing Parlance AI "
     "to use its library of dialogue recordings.", "Parlance AI", "Hollowmere Games"),
    ("en", "Bracken Press has signed a licensing deal with Quillmind, an AI start-up that "
     "will train its writing assistant on the back catalogue of novels.", "Quillmind",
     "Bracken Press"),
    ("es", "El estudio de animación Estudio Pirueta ha firmado un acuerdo de licencia con "
     "Trazo AI, una startup que desarrolla modelos de vídeo.", "Trazo AI", "Estudio Pirueta"),
    ("fr", "Le quotidien L'Écho Alpin a signé un accord de licence avec Lexora, une "
     "start-up d'IA qui pourra citer ses articles.", "Lexora", "Écho Alpin"),
    ("de", "Der Verlag Brandauer Medien hat einen Lizenzvertrag mit dem KI-Start-up "
     "Sprachwerk geschlossen.", "Sprachwerk", "Brandauer Medien"),
    ("fr", "Le Monde signe un accord de licence avec Mistral AI.", "Mistral AI", "Le Monde"),
    ("es", "El País firma un acuerdo de licencia con OpenAI.", "OpenAI", "El País"),
]


# ... but an AI company licensing out its own technology is the licensor.
TECH_LICENSING = [
    ("en", "Pellam Pharma has signed a licensing agreement with Foldwise AI for its protein "
     "design platform.", "Pellam Pharma", "Foldwise AI"),
    ("fr", "Le laboratoire Berthier a signé un accord de licence avec Cellia IA pour son "
     "logiciel de criblage.", "Berthier", "Cellia IA"),
    ("es", "Laboratorios Cendal ha firmado un acuerdo de licencia con Genómica IA para usar su "
     "plataforma.", "Laboratorios Cendal", "Genómica IA"),
]


@pytest.mark.parametrize("language,text,buyer,target", TECH_LICENSING,
                         ids=[c[2] for c in TECH_LICENSING])
def test_licensed_technology_keeps_word_order(language, text, buyer, target):
    assert _want([buyer], target) in _keys(analyze("", text, language))


@pytest.mark.parametrize("language,text,buyer,target", LICENSING,
                         ids=[c[2] + "-" + c[0] for c in LICENSING])
def test_licensee_is_the_buyer(language, text, buyer, target):
    assert _want([buyer], target) in _keys(analyze("", text, language))


# A one-word name after ordinary nouns ("Studio Brumal", "Estudio Lince") is the company
# the headline calls by its last word: one party, not a deal of a company with itself.
SHORT_AND_FULL = [
    ("fr", "Le studio Verglas rachète une start-up d'IA",
     "Le studio de jeux Studio Verglas annonce l'acquisition de Pixelune, une jeune pousse.",
     "Studio Verglas", "Pixelune"),
    ("es", "El estudio Lince compra una startup de IA",
     "El estudio de animación Estudio Lince ha comprado la startup Fotograma.",
     "Estudio Lince", "Fotograma"),
    ("en", "Studio Marram buys AI start-up",
     "The games developer Studio Marram has acquired Tidepool, an AI start-up.",
     "Studio Marram", "Tidepool"),
    ("fr", "Le groupe Ravanel rachète une start-up",
     "Le Groupe Santé Ravanel a racheté la start-up Dosimia.", "Groupe Santé Ravanel",
     "Dosimia"),
]


@pytest.mark.parametrize("language,title,text,buyer,target", SHORT_AND_FULL,
                         ids=[c[3] for c in SHORT_AND_FULL])
def test_short_name_is_the_full_one(language, title, text, buyer, target):
    assert _keys(analyze(title, text, language)) == {_want([buyer], target)}


# "Neither X nor Y commented": the conjunction is no part of a name.
CORRELATIVES = [
    ("fr", "Le groupe Tavernier a racheté la start-up Ondalys. Ni Tavernier ni Ondalys "
     "n'ont souhaité commenter.", "Tavernier", "Ondalys"),
    ("de", "Der Konzern Halder hat das Start-up Funkwerkstatt übernommen. Weder Halder noch "
     "Funkwerkstatt wollten sich äußern.", "Halder", "Funkwerkstatt"),
    ("es", "El grupo Arrieta ha comprado la startup Nubalia. Ni Arrieta ni Nubalia quisieron "
     "hacer comentarios.", "Arrieta", "Nubalia"),
]


@pytest.mark.parametrize("language,text,buyer,target", CORRELATIVES,
                         ids=[c[2] for c in CORRELATIVES])
def test_correlative_conjunction_is_no_name(language, text, buyer, target):
    assert _keys(analyze("", text, language)) == {_want([buyer], target)}


# A merger of two companies named before the verb: a name after a comma or colon is the
# new group or an object, not a third party.
PAIRS = [
    ("en", "Quillon Logistics and Pennant Freight, two family-owned hauliers, said they had "
     "agreed to merge, creating a group that will trade as Quillon Pennant.",
     "Quillon Logistics", "Pennant Freight"),
    ("fr", "Les coopératives Terres d'Oc et Vallée Verte vont fusionner, pour former Oc Vallée.",
     "Terres d'Oc", "Vallée Verte"),
    ("de", "Die Stadtwerke Talheim und das Münchner Start-up Netzklug arbeiten künftig "
     "zusammen: Mit KI soll das Stromverteilnetz der Stadtwerke gesteuert werden.",
     "Stadtwerke Talheim", "Netzklug"),
]


@pytest.mark.parametrize("language,text,first,second", PAIRS, ids=[c[2] for c in PAIRS])
def test_pair_before_the_verb(language, text, first, second):
    assert _keys(analyze("", text, language)) == {_want([first], second)}


# German descriptors written with a hyphen ("Legal-Tech", "Fin-Tech") describe the name.
def test_hyphenated_german_descriptor():
    result = analyze("Kölner Fin-Tech Zahlwerk sammelt 5 Millionen Euro ein",
                     "Das Kölner Fin-Tech Zahlwerk hat 5 Millionen Euro eingesammelt.", "de")
    assert {d.target for d in result.deals} == {"Zahlwerk"}


# A short name with several longer forms is the one the story writes first, not the name of
# the group a merger creates.
FIRST_WRITTEN = [
    ("en", "Quillon and Pennant to merge",
     "Quillon Logistics and Pennant Freight agreed to merge. The group will trade as Quillon "
     "Pennant.", "Quillon Logistics", "Pennant Freight"),
    ("fr", "Fusion de Sablon et de Loriot",
     "Sablon Transports et Loriot Fret ont décidé de fusionner. Le groupe s'appellera Sablon "
     "Loriot.", "Sablon Transports", "Loriot Fret"),
]


@pytest.mark.parametrize("language,title,text,first,second", FIRST_WRITTEN,
                         ids=[c[3] for c in FIRST_WRITTEN])
def test_short_name_is_the_first_written_long_one(language, title, text, first, second):
    assert _keys(analyze(title, text, language)) == {_want([first], second)}


# Names taking part in a round ("also participating", "an der auch X teilnahmen") are
# investors; none of them is the company raising money.
TAKING_PART = [
    ("es", "La startup Clinara cierra una ronda de 3 millones de euros liderada por Faro Capital. En "
     "la ronda también participan el Fondo Ribera Innova y el business angel Tomás Ugarte.",
     "Fondo Ribera Innova"),
    ("de", "Das Start-up Kältewerk sammelte 2023 in einer Finanzierungsrunde 4 Millionen Euro "
     "ein. Es war eine Finanzierungsrunde, an der auch Isarblick Capital und Lechtal Invest "
     "teilnahmen.", "Lechtal Invest"),
    ("fr", "La jeune pousse Ondalys a levé 5 millions d'euros auprès de Corsaire Invest. Au tour "
     "de table participent aussi le fonds Rivage Capital et Mistral Angels.", "Rivage Capital"),
    ("en", "Pinewood Bio raised $5 million from Kestrel Partners. In the round, Heron Fund and "
     "Larch Angels also participated.", "Larch Angels"),
]


@pytest.mark.parametrize("language,text,investor", TAKING_PART, ids=[c[2] for c in TAKING_PART])
def test_names_taking_part_in_a_round_raise_nothing(language, text, investor):
    result = analyze("", text, language)
    assert all(org_key(d.target) != org_key(investor) for d in result.deals)
    assert any(investor in d.buyers for d in result.deals)


# "invest in the company as part of a deal with Y": the object is the company spoken of, not
# Y named after it.
OBJECT_ANAPHORS = [
    ("en", "Marlow Capital agreed last year to invest $2 billion in the company as part of a "
     "wider deal with Fennick.", "Fennick"),
    ("fr", "Le fonds Ardoise Capital a investi 3 millions d'euros dans la société dans le cadre "
     "d'un accord avec Plumetis.", "Plumetis"),
    ("es", "Olmo Ventures invirtió 3 millones de euros en la compañía dentro de un acuerdo con "
     "Brisalia.", "Brisalia"),
    ("de", "Kranich Ventures investierte 3 Millionen Euro in das Unternehmen im Rahmen einer "
     "Partnerschaft mit Funkora.", "Funkora"),
]


@pytest.mark.parametrize("language,text,partner", OBJECT_ANAPHORS,
                         ids=[c[2] for c in OBJECT_ANAPHORS])
def test_object_anaphor_before_a_partner(language, text, partner):
    result = analyze("", "Tidewell Robotics builds warehouse robots. Tidewell Robotics employs "
                     "300 people.\n" + text, language)
    assert all(d.target != partner for d in result.deals)


# A German compound in the plural ("KI-Labore", "Cloud-Anbieter") is no name.
def test_german_hyphenated_plural_is_no_name():
    result = analyze("", "Die Übernahme zeigt, dass europäische KI-Labore neben Mistral AI "
                     "kaum Kapital finden.", "de")
    assert not any("KI-Labore" in d.buyers for d in result.deals)

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from enrich import Analysis, DealMention, analyze


def test_english_acquisition_with_fx_and_primary():
    result = analyze(
        "CoreWeave to buy Weights & Biases",
        "CoreWeave will acquire Weights & Biases for about $1.7 billion. Separately, "
        "Microsoft has invested $13 billion in OpenAI since 2019.",
        language="en",
    )
    assert isinstance(result, Analysis) and result.deal_story and result.ai_related
    main = result.primary
    assert isinstance(main, DealMention)
    assert (main.buyers, main.target, main.deal_type) == (("CoreWeave",), "Weights & Biases", "acquisition")
    assert main.amount == 1.7e9 and main.amount_qualifier == "about" and main.status == "announced"
    context = [d for d in result.deals if not d.is_primary]
    assert [(d.buyers, d.target, d.status) for d in context] == [(("Microsoft",), "OpenAI", "completed")]


def test_euro_amount_converted_with_dated_rate():
    result = analyze("Mistral AI lève 600 millions d'euros", "", "fr", published=date(2024, 6, 11))
    deal = result.primary
    assert deal.currency == "EUR" and deal.amount == 600e6
    assert deal.amount_usd == round(600e6 * 1.082, 2)


def test_short_names_only_in_company_context():
    result = analyze("La start-up H lève 220 millions de dollars", "", "fr")
    assert result.primary.target == "H"
    plain = analyze("", "Le rendez-vous est fixé à 9 H. Meta investit dans la recherche.", "fr")
    assert all(d.target != "H" for d in plain.deals)


def test_unknown_company_from_context():
    result = analyze("", "La jeune pousse lyonnaise Zephyrium lève 12 millions d'euros.", "fr")
    assert result.primary.target == "Zephyrium"


def test_ai_word_boundaries():
    assert analyze("", "Le groupe mise sur l'IA générative.", "fr").ai_related
    assert not analyze("", "La VIA Rail et la Maia cuisinent des pains.", "fr").ai_related
    assert not analyze("", "Apple sells more iPhones in Asia.", "en").ai_related


def test_to_dict_is_json_ready():
    import json

    data = analyze("Nvidia completes acquisition of Run:ai", "", "en").to_dict()
    assert json.loads(json.dumps(data))["deals"][0]["target"] == "Run:ai"


def test_language_detected_when_missing():
    text = "La start-up française Mistral AI a levé 600 millions d'euros auprès de fonds américains."
    assert analyze("", text).language == "fr"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.text(max_size=80))
def test_analyze_never_raises(text, title):
    result = analyze(title, text, language="en")
    assert isinstance(result, Analysis)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([
    "Meta", " rachète ", "Scale AI", " 49 %", " 10 milliards", " $", "€", ",", ".", " par ",
    " raises ", "H", " io ", "\n", " selon ", "1 000", "Run:ai", " dans ", " l'IA ",
]), max_size=40))
def test_analyze_never_raises_on_deal_like_noise(parts):
    assert isinstance(analyze("", "".join(parts), language="fr"), Analysis)

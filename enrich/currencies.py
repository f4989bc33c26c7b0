"""Currency tables of the money parser (``enrich.money``): symbols and ISO codes written
before a figure, currency words written after it in English, French, German and Spanish, and
the literal cues that tell a foreign or explicit dollar or peso from a bare one.

Placeholders (``DOLLARS``, ``PESOS``, ``CROWNS``) stand for a currency the story's country or
its other figures settle (``enrich.money._settle``, ``enrich.money._crowns_of``).
"""

from __future__ import annotations

import re

#: a space inside an amount: ordinary, no-break, narrow no-break or thin
SP = "[ \u00a0\u202f\u2009]"

#: placeholder currency of a bare "$", "dollars", "Dollar", "dólares", settled by the story's
#: country (``enrich.home``) or an explicit statement of the same figure
DOLLARS = "dollars"
#: placeholder currency of bare "pesos", settled the same way (Mexican unless the story says)
PESOS = "pesos"
# currency symbol or code written before the number
PREFIX_CUR = [
    (r"US\$|U\.S\.\s?\$|\$US|USD", "USD"),
    (r"C\$|CA\$|CAD", "CAD"),
    (r"A\$|AU\$|AUD", "AUD"),
    (r"S\$|SGD", "SGD"),
    (r"HK\$|HKD", "HKD"),
    (r"NZ\$|NZD", "NZD"),
    (r"NT\$|TWD", "TWD"),
    (r"\$", DOLLARS),
    (r"€|EUR", "EUR"),
    (r"£|GBP", "GBP"),
    (r"CHF", "CHF"),
    (r"¥|JPY", "JPY"),
    (r"CNY|RMB", "CNY"),
    (r"₹|INR|Rs\.?", "INR"),
    (r"₩|KRW", "KRW"),
    (r"SEK", "SEK"),
    (r"R\$|BRL", "BRL"),
    (r"MXN|Mex\$", "MXN"),
    (r"PLN", "PLN"),
    (r"HUF", "HUF"),
    (r"CZK", "CZK"),
    (r"TRY", "TRY"),
    (r"ZAR", "ZAR"),
    (r"MYR|RM", "MYR"),
    (r"THB", "THB"),
    (r"AED", "AED"),
    (r"NOK", "NOK"),
    (r"DKK", "DKK"),
]
#: placeholder currency of crowns written with no adjective, settled by ``_crowns_of``
CROWNS = "crowns"
#: countries whose crowns a text means, by its words for the country or its capital
CROWN_COUNTRIES = [
    ("SEK", re.compile(r"\b(?:Swed|Schwed|su[eè]d|suec|Stockholm|Göteborg|Gothenburg|Malmö)",
                       re.I)),
    ("NOK", re.compile(r"\b(?:Norw|Norweg|norv[ée]g|norueg|Oslo|Bergen)", re.I)),
    ("DKK", re.compile(r"\b(?:Danish|Denmark|Dän|dan[oe]is|danes|Dinamarca|Danemark|Copenhag|"
                       r"Kopenhagen|Aarhus)", re.I)),
]
# currency written after the number (word or symbol)
SUFFIX_CUR = [
    (r"dollars?" + SP + r"(?:canadiens|canadian)|(?:Canadian|kanadische)" + SP
     + r"(?:dollars?|Dollar)|d[oó]lares" + SP + r"canadienses", "CAD"),
    (r"dollars?" + SP + r"(?:australiens|australian)|(?:Australian|australische)" + SP
     + r"(?:dollars?|Dollar)|d[oó]lares" + SP + r"australianos", "AUD"),
    (r"(?:Singapore|Singapur-)" + SP + r"?(?:dollars?|Dollar)|dollars?" + SP
     + r"(?:de" + SP + r"Singapour|singapouriens)|d[oó]lares" + SP + r"(?:de" + SP
     + r"Singapur|singapurenses)", "SGD"),
    (r"Hong" + SP + r"Kong" + SP + r"dollars?|(?:Hongkong-)Dollar|dollars?" + SP + r"de"
     + SP + r"Hong" + SP + r"Kong|d[oó]lares" + SP + r"de" + SP + r"Hong" + SP + r"Kong",
     "HKD"),
    (r"New" + SP + r"Zealand" + SP + r"dollars?|Neuseeland-Dollar|dollars?" + SP
     + r"néo-zélandais|d[oó]lares" + SP + r"neozelandeses", "NZD"),
    (r"US-Dollar|U\.S\." + SP + r"dollars?|US" + SP + r"dollars?|dollars?" + SP
     + r"(?:américains|US|us)|d[oó]lares" + SP + r"(?:estadounidenses|americanos)|USD", "USD"),
    (r"Dollar|dollars?|d[oó]lares|\$", DOLLARS),
    (r"euros?|Euro|€|EUR", "EUR"),
    (r"(?:Turkish" + SP + r")?liras?|Lira|livres" + SP + r"turques|liras" + SP + r"turcas|TRY",
     "TRY"),
    (r"livres(?:" + SP + r"sterling)?|pounds?(?:" + SP + r"sterling)?|Pfund|libras|£|GBP", "GBP"),
    (r"francs" + SP + r"suisses|(?:Schweizer" + SP + r")?Franken|Swiss" + SP + r"francs|CHF|"
     r"Fr\.(?!\w)", "CHF"),
    (r"yens?|yenes|Yen|JPY|¥", "JPY"),
    (r"yuans?|yuanes|Yuan|renminbi|CNY", "CNY"),
    (r"(?:de" + SP + r")?(?:roupies|rupees|Rupien|rupias|INR|₹)", "INR"),
    (r"(?:South" + SP + r"Korean" + SP + r")?won|wones|wons|KRW|₩", "KRW"),
    (r"(?:Swedish" + SP + r")?kronor|couronnes" + SP + r"suédoises|schwedische" + SP
     + r"Kronen|coronas" + SP + r"suecas|SEK", "SEK"),
    (r"francos" + SP + r"suizos", "CHF"),
    # the French franc is gone: bare "francs" are Swiss ("14 millions de francs", Lausanne)
    (r"francs(?!" + SP + r"CFA)", "CHF"),
    (r"Mexican" + SP + r"pesos|pesos" + SP + r"mexicanos|MXN", "MXN"),
    (r"Chilean" + SP + r"pesos|pesos" + SP + r"chilenos|CLP", "CLP"),
    (r"Colombian" + SP + r"pesos|pesos" + SP + r"colombianos|COP", "COP"),
    (r"Argentine" + SP + r"pesos|pesos" + SP + r"argentinos|ARS", "ARS"),
    (r"(?:Peruvian" + SP + r")?soles|PEN", "PEN"),
    (r"pesos", PESOS),
    (r"(?:Brazilian" + SP + r")?(?:reais|reales)(?:" + SP + r"brasileños)?|BRL", "BRL"),
    (r"(?:Norwegian" + SP + r"(?:crowns|kroner)|couronnes" + SP + r"norvégiennes|norwegische"
     + SP + r"Kronen|coronas" + SP + r"noruegas|NOK)", "NOK"),
    (r"(?:Danish" + SP + r"(?:crowns|kroner)|couronnes" + SP + r"danoises|dänische" + SP
     + r"Kronen|coronas" + SP + r"danesas|DKK)", "DKK"),
    (r"Swedish" + SP + r"crowns", "SEK"),
    (r"(?:Polish" + SP + r")?(?:zlotys?|zlotych|złoty|złotych|zlotis|eslotis)|zł|PLN", "PLN"),
    (r"(?:Hungarian" + SP + r")?forints?|Forint|florines|HUF", "HUF"),
    (r"Czech" + SP + r"(?:crowns|korun[ay]?)|korun[ay]?|couronnes" + SP + r"tchèques|"
     r"tschechische" + SP + r"Kronen|coronas" + SP + r"checas|Kč|CZK", "CZK"),
    (r"(?:South" + SP + r"African" + SP + r")?rands?|ZAR", "ZAR"),
    (r"(?:Malaysian" + SP + r")?ringgits?|MYR", "MYR"),
    (r"(?:Thai" + SP + r")?baht|THB", "THB"),
    (r"(?:UAE" + SP + r")?d[ií]rhams?|AED", "AED"),
    # crowns with no adjective: Swedish, Norwegian or Danish, by the country in the text
    (r"crowns|kroner|Kronen|couronnes|coronas", CROWNS),
]
PREFIX_RE = "|".join(p for p, _ in PREFIX_CUR)
SUFFIX_RE = "|".join(p for p, _ in SUFFIX_CUR)

#: Dollars written with their country: a story that writes "C$" or "A$" writes "$" for US
#: dollars (wire style).
LOCAL_SYMBOL = re.compile(r"(?<![\w$])(?:C|CA|A|AU|S|HK|NZ|NT)\$")

DOLLAR_CODES = frozenset({"USD", "CAD", "AUD", "SGD", "HKD", "NZD", "TWD"})
PESO_CODES = frozenset({"MXN", "CLP", "COP", "ARS"})


#: Lower-case pieces of an explicit dollar or peso currency, foreign or US ("C$", "dollars
#: canadiens", "US$", "dollars américains", "pesos chilenos").
EXPLICIT = re.compile(
    r"(?<![\w$])(?:c|ca|a|au|s|hk|nz|nt|us|u\.s\.)\$|\$us|anad|austral|singap|hong ?kong|"
    r"zeal|neusee|néo-z|neozel|peso|américain|americano|estadounidense|us-dollar|"
    r"u\.s\. dollar|us dollar|dollars? us\b|\b(?:usd|cad|aud|sgd|hkd|nzd|twd|clp|cop|ars|mxn)\b"
)


#: Literal pieces of a foreign dollar or peso, on lower-cased text (fast: no case folding and
#: no class at the start of a branch).
FOREIGN = re.compile(
    r"(?<![\w$])(?:c|ca|a|au|s|hk|nz|nt)\$|anad|austral|singap|hong ?kong|zeal|neusee|"
    r"néo-z|neozel|peso|\b(?:cad|aud|sgd|hkd|nzd|twd|clp|cop|ars)\b"
)

"""Throughput of ``enrich.analyze`` on generated ~800-word articles (one core).

    python -m bench.enrich_bench [--articles 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import time

from enrich import analyze

_FILLER = {
    "en": [
        "Analysts said the market for cloud software remained competitive this quarter.",
        "The company employs several thousand people across Europe and North America.",
        "Its chief executive told reporters that customers were adopting new tools quickly.",
        "Regulators in Brussels and Washington are watching the sector closely.",
        "Engineers spent months testing the new system before its public launch.",
        "Shares in the group were little changed in afternoon trading on Tuesday.",
        "The firm plans to open a new office in Berlin early next year.",
        "Competition for skilled researchers has pushed up hiring costs across the industry.",
    ],
    "fr": [
        "Les analystes estiment que le marché du logiciel reste très concurrentiel.",
        "L'entreprise emploie plusieurs milliers de personnes en Europe et aux Etats-Unis.",
        "Son dirigeant a expliqué que les clients adoptaient rapidement les nouveaux outils.",
        "Les régulateurs à Bruxelles et à Washington surveillent le secteur de près.",
        "Les ingénieurs ont testé le système pendant des mois avant son lancement.",
        "Le titre du groupe a peu varié mardi à la Bourse de Paris.",
        "La société prévoit d'ouvrir un nouveau bureau à Lyon l'an prochain.",
        "La concurrence pour recruter des chercheurs fait grimper les salaires du secteur.",
    ],
}
_DEALS = {
    "en": [
        ("{b} to acquire {t} for ${n} billion", "{b} has agreed to buy {t} for about ${n} billion."),
        ("{t} raises ${n}00 million", "{t} has raised ${n}00 million in a round led by {b}."),
        ("{b} in talks to invest in {t}", "{b} is in talks to invest ${n} billion in {t}, people familiar said."),
    ],
    "fr": [
        ("{b} rachète {t} pour {n} milliards de dollars", "{b} a annoncé le rachat de {t} pour {n} milliards de dollars."),
        ("{t} lève {n}00 millions d'euros", "La start-up {t} lève {n}00 millions d'euros auprès de {b}."),
        ("{b} serait prêt à investir dans {t}", "Selon Bloomberg, {b} pourrait investir {n} milliards de dollars dans {t}."),
    ],
}
_BUYERS = ["Meta", "Google", "Microsoft", "Nvidia", "Amazon", "Sequoia Capital", "SoftBank"]
_TARGETS = ["Scale AI", "Mistral AI", "Anthropic", "Cohere", "Run:ai", "Perplexity", "Helsing"]


def make_article(rng: random.Random, lang: str, deal: bool) -> tuple[str, str]:
    filler = _FILLER[lang]
    words, paragraphs = 0, []
    title = rng.choice(filler)
    if deal:
        head, body = rng.choice(_DEALS[lang])
        values = {"b": rng.choice(_BUYERS), "t": rng.choice(_TARGETS), "n": rng.randint(1, 9)}
        title = head.format(**values)
        paragraphs.append(body.format(**values))
        words += len(paragraphs[0].split())
    while words < 800:
        paragraph = " ".join(rng.choice(filler) for _ in range(5))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return title, "\n\n".join(paragraphs)


def make_corpus(n: int, seed: int) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = "en" if i % 2 == 0 else "fr"
        out.append((lang, *make_article(rng, lang, deal=rng.random() < 0.4)))
    return out


def measure(corpus, with_language: bool) -> float:
    start = time.perf_counter()
    for lang, title, text in corpus:
        analyze(title, text, language=lang if with_language else None)
    return len(corpus) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    corpus = make_corpus(args.articles, args.seed)
    words = sum(len(text.split()) for _, _, text in corpus) / len(corpus)
    analyze(*corpus[0][1:], language=corpus[0][0])  # warm up caches and the gazetteer
    given = measure(corpus, with_language=True)
    detected = measure(corpus, with_language=False)
    print(f"{len(corpus)} articles, {words:.0f} words on average (EN/FR, ~40% deals)")
    print(f"analyze, language given:    {given:8.1f} articles/s")
    print(f"analyze, language detected: {detected:8.1f} articles/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

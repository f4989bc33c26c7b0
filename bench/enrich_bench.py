"""Throughput of ``enrich.analyze`` as a ratio to trafilatura's extraction of the same
articles, measured in the same run (one core).

    python -m bench.enrich_bench [--articles 1000] [--seed 0] [--repeat 3]

The articles are the real news pages of ``../shared/pages/article-extraction-benchmark``
when present (181 pages, 50-300 KB): trafilatura extracts each page as the crawl does, then
``analyze`` runs on the extracted title and text with the language given.  Without them,
generated ~800-word articles are wrapped in a page with navigation and footer.  Times are
CPU times of this process (``time.process_time``), so other work on a shared machine does not
move the ratio; each side is the best of ``--repeat`` passes.
"""

from __future__ import annotations

import argparse
import html
import random
import time
from pathlib import Path

from enrich import analyze

REAL_PAGES = (
    Path(__file__).resolve().parent.parent.parent
    / "shared" / "pages" / "article-extraction-benchmark" / "html"
)

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


_PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title}</title></head>
<body><header><nav><a href="/">Home</a> <a href="/tech">Tech</a> <a href="/markets">Markets</a>
<a href="/about">About us</a></nav></header><main><article><h1>{title}</h1>
<p class="byline">By Staff Reporter</p>{paragraphs}</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Markets close higher</a></li>
<li><a href="/b">New phone launched</a></li></ul></aside></main>
<footer><p>Copyright 2025 Example News. All rights reserved.</p></footer></body></html>"""


def make_page(lang: str, title: str, text: str) -> str:
    """The article as a news page: navigation, article body, side list, footer."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
    return _PAGE.format(lang=lang, title=html.escape(title), paragraphs=paragraphs)


def _best(passes: int, run) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def measure(corpus, with_language: bool, passes: int = 1) -> float:
    """Articles per CPU second of ``analyze``."""
    def run():
        for lang, title, text in corpus:
            analyze(title, text, language=lang if with_language else None)
    return len(corpus) / _best(passes, run)


def _extract(page) -> tuple[str, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(page, include_comments=False, with_metadata=True)
    if doc is None:
        return "", ""
    data = doc if isinstance(doc, dict) else doc.as_dict()
    return data.get("title") or "", data.get("text") or ""


def measure_trafilatura(pages, passes: int = 1) -> float:
    """Pages per CPU second of trafilatura's extraction (text and metadata, as the crawl)."""
    def run():
        for page in pages:
            _extract(page)
    return len(pages) / _best(passes, run)


def real_articles(folder: Path = REAL_PAGES, limit: int | None = None):
    """(pages, [(language, title, text)]) from the real benchmark pages, or None."""
    from enrich.language import detect_language

    files = sorted(folder.glob("*.html")) if folder.is_dir() else []
    if not files:
        return None
    pages = [f.read_bytes() for f in files[:limit]]
    articles = []
    for page in pages:
        title, text = _extract(page)
        articles.append((detect_language(f"{title}\n{text}") or "en", title, text))
    return pages, articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="passes per side; the best counts")
    parser.add_argument("--pages", type=Path, default=REAL_PAGES, help="folder of real .html pages")
    args = parser.parse_args(argv)
    real = real_articles(args.pages)
    if real is not None:
        pages, corpus = real
        source = f"{len(pages)} real news pages"
    else:
        corpus = make_corpus(args.articles, args.seed)
        pages = [make_page(*article) for article in corpus]
        source = f"{len(pages)} generated pages (real ones absent)"
    words = sum(len(text.split()) for _, _, text in corpus) / len(corpus)
    analyze(*corpus[0][1:], language=corpus[0][0])  # warm up caches, gazetteer and lexicons
    extract = measure_trafilatura(pages, args.repeat)
    given = measure(corpus, with_language=True, passes=args.repeat)
    detected = measure(corpus, with_language=False)
    print(f"{source}, {words:.0f} words of text on average; CPU seconds, best of {args.repeat}")
    print(f"trafilatura extraction (baseline): {extract:8.1f} pages/s")
    for label, rate in (("given:   ", given), ("detected:", detected)):
        print(f"analyze, language {label}         {rate:8.1f} articles/s"
              f" = {rate / extract:5.1f}x extraction")
    generated = make_corpus(args.articles, args.seed)
    print(f"analyze, language given, {len(generated)} generated ~800-word EN/FR articles: "
          f"{measure(generated, with_language=True):8.1f} articles/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Publication dates an article's page shows as text, and the parts of a page whose dates are
not the article's.

``pages.pubdate`` asks here after the page's metadata, its ``<time>`` and its URL: a dateline of
a few words beside the ``<h1>`` ("Pressemitteilung vom 25. Januar 2022 | Berlin"), an element
classed as a date, a day after a publication label ("Veröffentlicht am", "Mise en ligne",
"기사입력"). Comments, teaser lists, sidebars, navigation and footers hold other stories' dates;
"Aktualisiert", "last edited:" mark a revision's. Only short texts are read, never prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from feeds.dates import month_number, visible_day
from pages.months import month_of, named_day

#: Containers whose dates belong to something else than the article: comments, teasers of
#: other stories, sidebars. Matched as the start of a word of the lower-cased class or id
#: (``comment-list``, ``yle__listItem``), not inside one (``layoutTwoColumnsRightSidebar``).
FOREIGN_CONTAINERS = (
    "comment", "related", "teaser", "sidebar", "widget", "recommend", "popular", "mostread",
    "latest", "trending", "listitem", "footer", "reply", "nav", "masthead",
)  # fmt: skip
#: Words that introduce a publication date in the page ("Veröffentlicht am 16.08.2019",
#: "Mise en ligne" then "23 mai 2019"), in the languages we crawl.
PUBLISHED_LABEL = re.compile(
    r"^\W*(?:first\s+)?(?:published|posted|written|ver[öo]ffentlicht|erstellt|publiziert|"
    r"erschienen|publi[ée]e?s?\b|mise?\s+en\s+ligne|publicad[oa]|pubblicat[oa]|gepubliceerd|"
    r"opublikowano|publikov[áa]no|publicerad|publiceret|publisert|julkaistu|k[öo]zz[ée]t[ée]ve|"
    r"objavljeno|publicat\b|yay[ıi]nlanma|diterbitkan|dipublikasikan|paskelbta|publicēts|"
    r"avaldatud|đăng|प्रकाशित|опубликовано|опубліковано|публикувано|објављено|"
    r"δημοσιεύ|פורסם|نشر|تاريخ النشر|기사입력|입력|등록|"
    r"公開|公开|投稿|配信|掲載|发布|發布|发表|發表)",
    re.I,
)
#: Words that introduce a later revision's date ("Aktualisiert: 30.12.2016").
UPDATE_LABEL = re.compile(
    r"^\W*(?:last\s+)?(?:updated|modified|edited|last\s+edited|aktualisiert|letzte\s+"
    r"[äa]nderung|zuletzt\s+ge[äa]ndert|stand:|mis\s+[àa]\s+jour|actualizad[oa]|atualizad[oa]|aggiornat[oa]|"
    r"bijgewerkt|zaktualizowano|aktualizov[áa]no|uppdaterad|opdateret|oppdatert|p[äa]ivitetty|"
    r"friss[íi]tve|actualizat|a[žz]urirano|g[üu]ncelle|diperbarui|atnaujinta|atjaunots|"
    r"uuendatud|cập\s+nhật|обновлено|обновлен|оновлено|"
    r"актуализирано|ενημερώθηκε|ενημέρωση|עודכן|آخر تحديث|تحديث|更新|수정)",
    re.I,
)
_MARK_WORDS = re.compile(r"[\s_-]+")
_FIRST_DIGIT = re.compile(r"\d")
#: Digits of other scripts, as ASCII: Arabic-Indic, Persian, Devanagari, full-width.
ASCII_DIGITS = {
    start + offset: str(offset) for start in (0x660, 0x6F0, 0x966, 0xFF10) for offset in range(10)
}
FOREIGN_TAGS = frozenset({"aside", "nav", "footer"})
#: Marks of a later revision on a ``<time>`` or date element (class or visible label).
UPDATE_WORDS = re.compile(
    r"updat|modif|aktualisiert|geändert|actualiz|atualiz|mis à jour|aggiornat|bijgewerkt|revis|"
    r"edited|обновл|оновл|ενημερ|güncel|frissítve|ažurirano|diperbarui|atnaujinta|atjaunots|"
    r"uuendatud|cập nhật|更新|수정",
    re.I,
)
#: Where a revision's words start inside a byline's part ("…à 14h05, mis à jour le …").
_UPDATE_WORD = re.compile(rf"(?:{UPDATE_WORDS.pattern})", re.I)
#: Text that ends with an update label ("last edited:", "Aktualisiert am") or is one
#: ("Updated"), so the date after it is a revision's; "Corona-Update" is a topic.
UPDATE_TAIL = re.compile(
    rf"(?:(?:{UPDATE_WORDS.pattern})\w*\s*(?:(?:am|on|le|el|il|op)\s*|:\s*)"
    rf"|^\W*(?:{UPDATE_WORDS.pattern})\w*\W*)$",
    re.I,
)
DATELINE_CLASS = re.compile(r"date|datum|fecha|data|publi|posted|byline|meta", re.I)
CJK_DAY = re.compile(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
SLASH_DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])")
#: ``23.09.22``: day, month and a two-digit year (this century), each of two digits (not a
#: version, ``1.10.22``); dotted dates are written day first, as ``feeds.dates`` reads them.
SHORT_YEAR_DAY = re.compile(r"(?<![\d.])(\d\d)\.(\d\d)\.(\d\d)(?![\d.])")
#: ``2020. 05. 12.``: year, month and day, each closed by a dot (Hungarian, Korean).
DOTTED_YEAR_FIRST = re.compile(r"(?<![\d.])((?:19|20)\d\d)\.\s*(\d{1,2})\.\s*(\d{1,2})\.(?!\d)")
#: Text nodes looked at after and before a headline for its dateline: after it, the header
#: zone runs to the first text as long as a sentence of the body (or this many texts).
_NEAR_FIRST = 8
_NEAR_AFTER = 16
_NEAR_BEFORE = 6
_BODY_WORDS = 15
#: The header zone ends at the body's second sentence-long text (the first may be a
#: standfirst above the byline).
_BODY_SENTENCES = 2
#: How many texts either side of a labelled day are looked at for the body's sentences.
_PROSE_REACH = 3
_IN_CAPTION = "ancestor-or-self::*[self::figure or self::figcaption]"
#: A dateline is a few words ("08.11.2021 | Online-Fachtag zum Intersex Day"), not a sentence
#: that mentions a day ("Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr").
_DATELINE_WORDS = 9
#: Titles looked for in the body as the headline's text (a page's og:title and <title>).
_MAX_TITLES = 4
_TEXT = "[normalize-space()][not(parent::script or parent::style or parent::noscript)]"
_MAX_DATELINES = 40
#: A dateline's place before its day: "BERLIN, ", "Hamburg, den ", "Paris, le ".
_PLACE = re.compile(r"^[^\W\d_][\w.'-]*(?: [^\W\d_][\w.'-]*){0,3},\s*(?:den|le|el|il)?\s*")
#: Where a dateline's day ends: a dash or bar, an opening quote, a colon, the line's end.
_DATELINE_END = re.compile(r"\s+[|–—-]\s+|\s*[„“\"«]|:\s")
#: What may follow a label before its day: the rest of its word, "am", "on", a colon.
_AFTER_LABEL = re.compile(r"\w*\s*(?:(?:am|on|le|el|den)\s+)?:?\s*", re.I)
_STAND = re.compile(r"^\W*stand\b", re.I)
_BODY_FIRST_LINES = 3
_LAST_EDITED = (
    "//*[contains(@id, 'lastmod') or contains(@class, 'lastmod') or contains(@id, 'last-mod')"
    " or contains(@class, 'last-mod') or @id = 'pageinfo']"
)
_WORD = re.compile(r"[^\W\d_]+")
_CJK_MARKS = re.compile(r"[年月日년월일]")
#: Words of a time of day that a bare date may carry ("14:05 Uhr").
_CLOCK_WORDS = frozenset({"uhr", "um", "am", "pm", "h", "gmt", "utc", "cet", "cest", "klo", "kello",
                          "ore", "saat", "wib", "wita", "wit"})
#: Words of three letters or fewer that a written day carries ("le", "à", "de", "kl", "г").
_SHORT_WORD = 3
#: A weekday (or other single word) opening a byline's day: "Martes, ", "Wed ", "Dienstag, ".
_WEEKDAY = re.compile(r"^[^\W\d_]{2,12}\.?,?\s+(?=\d)")
#: Where a byline's parts meet: "By Jane Doe | March 3, 2021 | 4 min read".
_SEGMENT = re.compile(r"\s+(?:[|·•/–—-]|//)\s+|\s*[|·•]\s*")
_BYLINE_CHARS = 200


def written_day(text: str, day_first: bool = False) -> tuple[int, int, int] | None:
    """``(year, month, day)`` written in a short visible text: the forms ``feeds.dates`` reads,
    ``2023年4月28日`` / ``2023년 4월 28일``, month names of other languages (``pages.months``),
    ``23.09.22``, ``2023. 04. 28.``, and ``05/10/2018`` when the day comes first (and no other
    day is written before it: "le 12/05/2020, mis à jour le 13/05/2020" is the 12th); in
    Arabic-Indic, Persian, Devanagari or full-width digits too (``٢٨ أبريل ٢٠٢٣``,
    ``２０２３年４月２８日``)."""
    text = text.translate(ASCII_DIGITS)
    match = SLASH_DAY.search(text) if day_first else None
    if match is not None and int(match[2]) <= 12 and _day_in(text[: match.start()]) is None:
        return int(match[3]), int(match[2]), int(match[1])
    found = _day_in(text)
    if found is not None:
        return found
    match = SHORT_YEAR_DAY.search(text)
    if match is not None and 1 <= int(match[2]) <= 12 and 1 <= int(match[1]) <= 31:
        return 2000 + int(match[3]), int(match[2]), int(match[1])
    match = DOTTED_YEAR_FIRST.search(text)
    if match is not None and 1 <= int(match[2]) <= 12 and 1 <= int(match[3]) <= 31:
        return int(match[1]), int(match[2]), int(match[3])
    return None


def _day_in(text: str) -> tuple[int, int, int] | None:
    found = visible_day(text)
    if found is not None:
        return found
    match = CJK_DAY.search(text)
    if match is not None:
        return int(match[1]), int(match[2]), int(match[3])
    return named_day(text)


def only_day(text: str, day_first: bool = False) -> bool:
    """``text`` is a date and nothing else ("28.04.2023", "3 March 2022, 14:05 Uhr",
    "2023年4月28日"): a title's or a line's date, not a sentence holding one."""
    if written_day(text, day_first) is None:
        return False
    words = _WORD.findall(_CJK_MARKS.sub(" ", text))
    return all(month_number(w) or month_of(w) or w.lower() in _CLOCK_WORDS for w in words)


def bare_day(text: str, day_first: bool = False) -> bool:
    """``text`` is a day as a byline writes it: the day, a weekday before it, its time of day
    and short words ("Le 12/05/2020 à 14h", "Martes, 12 de mayo de 2020", "Wed 3 Mar 2021
    14.05 GMT", "12 мая 2020 г.", "2020年05月12日 14:05"); not a sentence holding a day ("Am
    8. Mai 2021 findet das Fest statt")."""
    if written_day(text, day_first) is None:
        return False
    words = _WORD.findall(_CJK_MARKS.sub(" ", _WEEKDAY.sub("", text.strip(), count=1)))
    return all(
        len(w) <= _SHORT_WORD or month_number(w) or month_of(w) or w.lower() in _CLOCK_WORDS
        for w in words
    )


def byline_day(line: str, day_first: bool = False, strict: bool = False) -> str | None:
    """The day a byline states, as written: a line of a few words holding a day ("Pressemitteilung
    vom 25. Januar 2022 | Berlin"), or, in a longer byline or one that names a revision too,
    the part between separators that is a day alone once a publication label is cut ("By Jane
    Doe | March 3, 2021 | 4 min read", "Par Jean Dupont - Publié le 12/05/2020 à 14h05, mis à
    jour le 13/05/2020"). A part opened by an update label is a revision's; a sentence is no
    byline. ``strict`` (past a standfirst): only a part that is a day alone, a few words
    holding a day are no longer enough."""
    found = _byline(line, day_first, strict)
    return found[0] if found is not None else None


def _byline(line: str, day_first: bool, strict: bool) -> tuple[str, bool] | None:
    """``byline_day``'s day and whether a publication label names it ("Publicado: …")."""
    if not 5 < len(line) < _BYLINE_CHARS:
        return None
    few_words = not strict and len(line) < 80 and len(line.split()) <= _DATELINE_WORDS
    if few_words and not _UPDATE_WORD.search(line):
        return (line, False) if written_day(line, day_first) is not None else None
    for segment in _SEGMENT.split(line):
        if revised(segment):
            continue
        start = _label_end(segment)
        part = _UPDATE_WORD.split(segment[start:], maxsplit=1)[0].strip(" ,;:(–—-")
        if bare_day(part, day_first):
            return part, start > 0
    if few_words and written_day(line, day_first) is not None:
        return line, False
    return None


def body_datelines(text: str, day_first: bool) -> list[str]:
    """A dateline in an article's extracted text, for a page whose structure has no date: one
    of its first lines opens with a day, alone or with a place ("01.02.2022 „Der ...",
    "2021-10-16 | Botschaft", "BERLIN, 1. Februar 2022 – ...", "Stand: 03.05.2021"), or its
    last line is a day alone (a signature: "Hamburg, den 2. Dezember 2022"). A day inside a
    sentence ("Am 8. November 2021 findet ...") is not a dateline."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    for index, line in enumerate(lines[:_BODY_FIRST_LINES]):
        if sum(len(before.split()) >= _BODY_WORDS for before in lines[:index]) >= _BODY_SENTENCES:
            break  # past a standfirst and the body's first paragraph: the story's own line
        start = _label_end(line)
        day = _DATELINE_END.split(line[start:], 1)[0]
        if bare_day(_PLACE.sub("", day, count=1), day_first):
            return [line[:start] + day]
    start = _label_end(lines[-1])
    if len(lines[-1]) < 60 and only_day(_PLACE.sub("", lines[-1][start:], count=1), day_first):
        return [lines[-1]]
    return []


def revised(line: str) -> bool:
    """A line opened by an update label ("Aktualisiert:", "Stand 03.05.2021")."""
    return bool(UPDATE_LABEL.match(line) or _STAND.match(line))


def title_days(titles: list[str], separator: re.Pattern[str], day_first: bool) -> list[str]:
    """A leading or trailing part of a title that is a day alone: "08.11.2021 | Fachtag",
    "Headline – DW – 28.04.2023" (the page's title states its day)."""
    for title in titles:
        parts = separator.split(" ".join(title.split()))
        if len(parts) > 1:
            for part in (parts[0], parts[-1]):
                if only_day(part, day_first):
                    return [part]
    return []


def last_edited(tree, day_first: bool) -> list[str]:
    """A wiki's or CMS's "last edited" line (MediaWiki's ``footer-info-lastmod``, MoinMoin's
    ``pageinfo``): the only date such a page states, a revision's."""
    for element in tree.xpath(_LAST_EDITED)[:3]:
        text = " ".join(element.text_content().split())
        if len(text) < 160 and written_day(text, day_first) is not None:
            return [text]
    return []


def _label_end(line: str) -> int:
    """Where the day starts after a publication or update label opening ``line`` ("Stand: ",
    "Published on "); 0 without one."""
    label = PUBLISHED_LABEL.match(line) or UPDATE_LABEL.match(line) or _STAND.match(line)
    if label is None:
        return 0
    after = _AFTER_LABEL.match(line, label.end())
    return after.end() if after is not None else label.end()


def foreign(element) -> bool:
    """Inside a comment, a teaser list, a sidebar or a footer: the date is someone else's.

    A container holding the page's ``<h1>`` is the article's own (a layout wrapper classed
    ``has-sidebar``), whatever its class says.
    """
    for node in element.iterancestors():
        if node.tag in FOREIGN_TAGS or _marked(node, FOREIGN_CONTAINERS):
            return node.find(".//h1") is None
    return False


def _marked(node, words: tuple[str, ...]) -> bool:
    marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
    return any(token.startswith(words) for token in _MARK_WORDS.split(marks) if token)


def in_comments(element) -> bool:
    return any(_marked(node, ("comment",)) for node in element.iterancestors())


def is_update(element) -> bool:
    """Marked as a revision: by its class, its own words before its first digit or the words
    just before it ("last edited: <span class=odate>17 Jun 2018</span>"); a revision named
    after the day ("28.04.2023 14:05 (обновлено: …)", "입력 2023.04.28 수정 …") leaves the
    first day the publication's."""
    marks = f"{element.get('class') or ''} {element.get('itemprop') or ''}"
    lead = _FIRST_DIGIT.split(element.text_content()[:40], maxsplit=1)[0]
    if UPDATE_WORDS.search(marks) or UPDATE_WORDS.search(lead):
        return True
    before = element.xpath("preceding::text()[normalize-space()][1]")
    return bool(before and UPDATE_TAIL.search(before[0][-40:]))


def near_headline(tree, day_first: bool, titles: tuple[str, ...] = ()) -> list[str]:
    """A byline holding one readable day right after the headline (or just before it, in the
    same header block): the article's dateline ("Pressemitteilung vom 25. Januar 2022",
    "By Jane Doe | March 3, 2021 | 4 min read"; ``byline_day``). The headline is the ``<h1>``,
    else an element whose text is one of ``titles`` (the page's ``og:title`` or ``<title>``
    parts: a headline set in an ``<h2>`` or a ``<p class="titulo">`` under a logo's ``<h1>``).

    Its place beside the headline is the evidence, so only comments are ruled out (a
    standfirst may be classed ``teaser``)."""
    for h1 in _headline_elements(tree, titles):
        inner = h1.xpath(f".//text(){_TEXT}")[1:3]
        zone = _header_zone(h1.xpath(f"following::text(){_TEXT}[position() <= {_NEAR_AFTER}]"))
        after = inner + zone
        box = _header_box(h1)
        before = [
            text
            for text in h1.xpath(f"preceding::text(){_TEXT}[position() <= {_NEAR_BEFORE}]")
            if box is not None and _inside(text.getparent(), box)
        ]
        # Past a standfirst, only a day alone is a byline ("Am 8. Mai findet ..." is prose).
        lead = len(inner) + next((i for i, t in enumerate(zone) if _sentence(t)), len(zone))
        for index, text in enumerate([*after, *before]):
            found = _byline(" ".join(text.split()), day_first, lead < index < len(after))
            if found is None:
                continue
            day, named = found
            parent = text.getparent()
            if not (in_comments(parent) or (not named and is_update(parent))):
                return [day]
    return []


def _headline_elements(tree, titles: tuple[str, ...]) -> Iterator:
    yield from _headlines(tree)
    yield from _title_elements(tree, titles)


def _title_elements(tree, titles: tuple[str, ...]) -> list:
    """Elements outside the ``<head>`` whose text is one of ``titles`` (three words or more,
    spaces collapsed): the headline when the page sets it in no ``<h1>``; outside teaser
    lists, sidebars and footers."""
    wanted = list(dict.fromkeys(" ".join(t.split()) for t in titles if len(t.split()) >= 3))
    if not wanted:
        return []
    names = {f"t{i}": title for i, title in enumerate(wanted[:_MAX_TITLES])}
    match = " or ".join(f"normalize-space() = ${name}" for name in names)
    found: list = []
    for text in tree.xpath(f"//body//text()[{match}][not(parent::script or parent::style)]",
                           **names):
        element = text.getparent()
        if element not in found and not foreign(element):
            found.append(element)
            if len(found) == 2:
                break
    return found


def labelled(tree, day_first: bool, label: re.Pattern[str] | None = None) -> list[str]:
    """A day introduced by a publication label: in the same text, the next two or the one
    before ("05/10/2018 - Publicado por: ..."). In the header or at the article's foot
    ("Erstellt am: 01.11.2023" after the last paragraph), not between the body's paragraphs
    (a story quoting "published on ...") nor in comments."""
    label = label or PUBLISHED_LABEL
    texts = tree.xpath(f".//text(){_TEXT}")
    for index, text in enumerate(texts):
        line = " ".join(text.split())
        if len(line) > 80 or not label.match(line):
            continue
        parent = text.getparent()
        if in_comments(parent) or _amid_prose(texts, index):
            continue
        nearby = [*texts[index + 1 : index + 3], *texts[max(index - 1, 0) : index]]
        for candidate in (line, *(" ".join(t.split()) for t in nearby)):
            if len(candidate) < 80 and written_day(candidate, day_first) is not None:
                return [candidate]
    return []


def _sentence(text) -> bool:
    """A text as long as a sentence of the body; a photo's caption is not the body."""
    return len(text.split()) >= _BODY_WORDS and not text.getparent().xpath(_IN_CAPTION)


def _amid_prose(texts: list, index: int) -> bool:
    """The text at ``index`` sits between sentence-long texts, a few texts either side: inside
    the body, not in its header or at its foot."""
    def sentence(text) -> bool:
        return len(text.split()) >= _BODY_WORDS

    before = texts[max(index - _PROSE_REACH, 0) : index]
    after = texts[index + 1 : index + 1 + _PROSE_REACH]
    return any(map(sentence, before)) and any(map(sentence, after))


def _header_zone(texts: list) -> list:
    """The texts after a headline: its first few, up to the body's second sentence-long text
    (a standfirst may come before the byline), and on to the first sentence-long text when
    the header holds more (kicker, byline, ratings: "von Marianne1 am 20.09.2020"); links
    and navigation there are menus, not the header (a logo's ``<h1>`` comes first). A short
    line between the body's paragraphs is the story's, not a byline."""
    longs = [i for i, text in enumerate(texts) if _sentence(text)]
    if longs and longs[0] < _NEAR_FIRST:
        # The body starts early: the header is what comes before its second sentence.
        return texts[: min([*longs[1:_BODY_SENTENCES], _NEAR_FIRST])]
    end = longs[0] if longs else len(texts)
    return texts[:_NEAR_FIRST] + [
        text for text in texts[_NEAR_FIRST:end]
        if not (_menu_item(text) or foreign(text.getparent()))
    ]


def _menu_item(text) -> bool:
    """The whole text of a link: a menu's entry ("12M – 12. Mai 2012"), not a byline."""
    links = text.getparent().xpath("ancestor-or-self::a[1]")
    return bool(links) and " ".join(links[0].text_content().split()) == " ".join(text.split())


def _header_box(h1):
    """The block a headline heads: its ``<article>`` or ``<header>``, else its grandparent."""
    for node in h1.iterancestors():
        if node.tag in ("article", "header"):
            return node
    parent = h1.getparent()
    return parent.getparent() if parent is not None else None


def _inside(element, box) -> bool:
    return element is box or any(node is box for node in element.iterancestors())


def _headlines(tree) -> list:
    """The article's ``<h1>``: those inside an ``<article>`` when there are any (the site's
    logo is often an ``<h1>`` too, followed by today's date), else the page's first three."""
    return (tree.xpath("//article//h1") or tree.xpath("//body//h1"))[:3]


def datelines(tree, day_first: bool) -> list[str]:
    """The first short element classed as a date whose text holds one readable day."""
    seen = 0
    for element in tree.xpath(".//*[@class or @id]"):
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if element.tag in ("time", "script", "style") or not DATELINE_CLASS.search(marks):
            continue
        seen += 1
        if seen > _MAX_DATELINES:
            break
        text = " ".join(element.text_content().split())
        if not 5 < len(text) < 60 or written_day(text, day_first) is None:
            continue
        if is_update(element) or foreign(element):
            continue
        return [text]
    return []

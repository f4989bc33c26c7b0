"""Language identification with langdetect, seeded so results are deterministic."""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0

#: langdetect on the first 2,000 characters gives the same answer as on the
#: full text for 99.9 % of news pages and costs a third less (PERF-NOTES).
DETECT_PREFIX_CHARS = 2000
#: Below this many letters langdetect guesses; the page's declared language wins.
SHORT_TEXT_LETTERS = 60
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def normalize_lang_tag(tag: str | None) -> str | None:
    """Turn an HTML/HTTP language tag ("fr-FR", "en_US", "EN") into "fr", "en"."""
    if not tag:
        return None
    primary = re.split(r"[-_\s,;]", tag.strip().lower(), maxsplit=1)[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def detect_language(text: str, hint: str | None = None) -> str | None:
    """Return the ISO 639-1 code of ``text``; ``hint`` (``<html lang>``) decides short texts."""
    hint = normalize_lang_tag(hint)
    sample = (text or "")[:DETECT_PREFIX_CHARS]
    if len(_LETTERS.findall(sample)) < SHORT_TEXT_LETTERS:
        if hint:
            return hint
        if not sample.strip():
            return None
    try:
        candidates = detect_langs(sample)
    except LangDetectException:
        return hint
    best = candidates[0]
    if hint and best.lang.split("-")[0] != hint and best.prob < 0.80:
        return hint
    return best.lang.split("-")[0]

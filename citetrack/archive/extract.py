"""What a fetched page says about itself: title, site name, authors, dates, language, main text.

Pure: bytes in, a `ExtractedPage` out. HTML metadata comes from the page's own markup (Open Graph,
JSON-LD, meta tags), then htmldate for the publication date (original date preferred); the main
text comes from trafilatura, or a readability-style fallback (drop nav/header/footer/aside,
keep <article>/<main> or the densest block). PDFs give text and document info through pypdf.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import re
from dataclasses import dataclass, field

from citetrack import settings
from citetrack.cite.dates import parse_date
from citetrack.textfold import fold

log = logging.getLogger(__name__)

_SPACE = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Separators between a headline and the site's name in a <title>: "Headline - Reuters". Spaced
# on both sides, so "COVID-19" stays whole. (check.pages splits error titles on more: its own job.)
_SITE_NAME_SEPARATORS = re.compile(r"\s+(?:[-|–—•·:]{1,2}|::)\s+")
_SITE_SUFFIX_MAX_WORDS = 5  # a trailing part longer than this is part of the headline


@dataclass(frozen=True)
class ExtractedPage:
    """What an archived page states about itself (all its facts; `check.pages.PageFacts` is the
    link checker's glance at a title, heading and text). `published_field` names where the date was read."""

    title: str | None = None
    titles: tuple[str, ...] = ()  # every candidate (og:title, cleaned <title>, h1), best first
    site_name: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # YYYY-MM-DD
    published_field: str | None = None  # e.g. "json-ld:datePublished", "meta:article:published_time"
    modified: str | None = None
    language: str | None = None
    text: str = ""
    kind: str = "html"  # html, pdf, other
    extra: dict = field(default_factory=dict)


def media_type(content_type: str | None) -> str:
    """`text/html; charset=utf-8` → `text/html`."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def page_kind(content_type: str | None, body_head: bytes = b"") -> str:
    """html, pdf or other, from the declared type and (when absent or generic) the first bytes."""
    kind = media_type(content_type)
    if kind in {"text/html", "application/xhtml+xml"}:
        return "html"
    if kind == "application/pdf" or body_head.startswith(b"%PDF-"):
        return "pdf"
    if kind in {"", "application/octet-stream", "text/plain"}:
        head = body_head[:1024].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")) or b"<head" in head:
            return "html"
    return "other"


def extract(body: bytes, content_type: str | None, url: str | None = None, seconds: float | None = None) -> ExtractedPage:
    """Facts of one response body; never raises on a malformed page (gives what it can).

    `seconds`: the extraction's time budget; a PDF's text stops between two pages once
    ARCHIVE_PDF_TEXT_SHARE of it is spent (`extra["truncated"]` says so). The hard bound is the
    worker process this runs in (citetrack.archive.sandbox), which is killed at the budget."""
    kind = page_kind(content_type, body[:2048])
    try:
        if kind == "html":
            return extract_html(decode_html(bounded_markup(body, content_type), content_type), url)
        if kind == "pdf":
            return extract_pdf(body, None if seconds is None else seconds * settings.ARCHIVE_PDF_TEXT_SHARE)
    except Exception as exc:  # a broken page is data, not a crash of the run
        log.warning("cannot extract %s: %s", url, exc)
        return ExtractedPage(kind=kind, extra={"error": str(exc)[:200]})
    return ExtractedPage(kind="other")


def bounded_markup(body: bytes, content_type: str | None) -> bytes:
    """The body cut before its ARCHIVE_EXTRACT_MAX_TAGS-th tag, NUL bytes dropped (unless UTF-16/32):
    an "HTML bomb" of millions of tiny elements or megabytes of NULs would otherwise take
    minutes and gigabytes in the HTML parsers (measured: 2 GB for 5 MB of `<p>`)."""
    if b"\0" in body and not (body.startswith((b"\xff\xfe", b"\xfe\xff"))
                              or re.search(r"charset=\s*[\"']?utf-?(16|32)", content_type or "", re.I)):
        body = body.replace(b"\0", b"")
    position = -1
    for _ in range(settings.ARCHIVE_EXTRACT_MAX_TAGS):
        position = body.find(b"<", position + 1)
        if position < 0:
            return body
    return body[:position]


def decode_html(body: bytes, content_type: str | None) -> str:
    """The page as text: declared charset, else <meta charset>, else UTF-8, else cp1252."""
    from bs4.dammit import EncodingDetector

    declared = None
    match = re.search(r"charset=([\w.:-]+)", content_type or "", re.I)
    if match:
        declared = match.group(1)
    detector = EncodingDetector(body, known_definite_encodings=[declared] if declared else [])
    for encoding in [*detector.encodings, "utf-8", "cp1252"]:
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


# ------------------------------------------------------------------ HTML


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = _SPACE.sub(" ", text.replace("\n", " ")).strip()
    return text or None


class _Metas:
    """Every <meta> of a page by lower-cased property, name and itemprop (first one wins)."""

    def __init__(self, soup):
        self.values: dict[str, str] = {}
        for tag in soup.find_all("meta"):
            content = _clean(tag.get("content"))
            if not content:
                continue
            for attr in ("property", "name", "itemprop"):
                key = tag.get(attr)
                if key:
                    self.values.setdefault(key.strip().lower(), content)

    def first(self, *names: str) -> tuple[str | None, str | None]:
        for name in names:
            value = self.values.get(name.lower())
            if value:
                return value, name
        return None, None


def _meta(soup, *names: str) -> tuple[str | None, str | None]:
    """The first non-empty <meta> among `names` (property, name or itemprop) and its name."""
    metas = soup if isinstance(soup, _Metas) else _Metas(soup)
    return metas.first(*names)


def _json_ld(soup) -> list[dict]:
    """Every JSON-LD object of the page, @graph members flattened."""
    found: list[dict] = []

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            found.append(node)
            if "@graph" in node:
                walk(node["@graph"])

    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)}):
        try:
            walk(json.loads(script.string or script.get_text() or ""))
        except (ValueError, TypeError):
            continue
    return found


def _ld_name(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [value["name"]] if isinstance(value.get("name"), str) else []
    if isinstance(value, list):
        return [name for item in value for name in _ld_name(item)]
    return []


def _iso_day(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO timestamp or any common written date; None when not a day."""
    if not value:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    stated = parse_date(value)
    if stated is not None and stated.value is not None and stated.precision == "day":
        return stated.value.isoformat()
    return None


_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "report",
                  "webpage", "analysisnewsarticle", "scholarlyarticle", "pressrelease"}


def _ld_articles(objects: list[dict]) -> list[dict]:
    def types(obj):
        value = obj.get("@type")
        values = value if isinstance(value, list) else [value]
        return {str(v).lower() for v in values if v}

    ranked = [o for o in objects if types(o) & _ARTICLE_TYPES and "webpage" not in types(o)]
    ranked += [o for o in objects if "webpage" in types(o)]
    return ranked


def split_title(raw: str, site_name: str | None) -> tuple[str, str | None]:
    """`Headline - Reuters` → (`Headline`, `Reuters`): cut a trailing (or leading) site name.

    A part is taken for the site when it matches the known site name, or when it is short
    (a few words) and the rest is longer. The headline itself is never cut in two otherwise.
    """
    parts = _SITE_NAME_SEPARATORS.split(raw)
    if len(parts) < 2:
        return raw, None
    folded_site = fold(site_name) if site_name else None
    last, first = parts[-1], parts[0]
    if folded_site and fold(last) == folded_site:
        return _join_back(raw, len(parts) - 1), last
    if folded_site and fold(first) == folded_site:
        return raw[raw.index(parts[1]):], first
    head = _join_back(raw, len(parts) - 1)
    if len(last.split()) <= _SITE_SUFFIX_MAX_WORDS and len(head) > len(last):
        return head, last
    return raw, None


def _join_back(raw: str, keep: int) -> str:
    """The first `keep` parts of a split title, with their original separators."""
    pieces = list(_SITE_NAME_SEPARATORS.finditer(raw))
    return raw[: pieces[keep - 1].start()].strip()


def _site_name(metas: _Metas, ld: list[dict]) -> str | None:
    """The site's own name: Open Graph or application name, else the JSON-LD publisher."""
    site_name, _ = _meta(metas, "og:site_name", "application-name", "twitter:site")
    if not site_name:
        for obj in ld:
            names = _ld_name(obj.get("publisher"))
            if names:
                site_name = _clean(names[0])
                break
    if site_name and site_name.startswith("@"):
        site_name = site_name[1:]
    return site_name


def _titles(soup, metas: _Metas, ld: list[dict], site_name: str | None) -> tuple[list[str], str | None]:
    """Every candidate title, best first, and a site name cut from the end of <title> (if any)."""
    titles: list[str] = []
    og_title, _ = _meta(metas, "og:title", "twitter:title")
    raw_title = _clean(soup.title.get_text()) if soup.title else None
    suffix_site = None
    if og_title:
        titles.append(split_title(og_title, site_name)[0])
    if raw_title:
        cleaned, suffix_site = split_title(raw_title, site_name)
        titles.append(cleaned)
        if cleaned != raw_title:
            titles.append(raw_title)
    for obj in ld:
        if isinstance(obj.get("headline"), str) and _clean(obj["headline"]):
            titles.append(_clean(obj["headline"]))
            break
    h1 = soup.find("h1")
    if h1 is not None and _clean(h1.get_text(" ")):
        titles.append(_clean(h1.get_text(" ")))
    return list(dict.fromkeys(t for t in titles if t)), suffix_site


def _authors(soup, ld: list[dict]) -> list[str]:
    """Authors named by JSON-LD, then author meta tags (article:author only when not a URL)."""
    authors: list[str] = []
    for obj in ld:
        authors.extend(_ld_name(obj.get("author")))
    for tag in soup.find_all("meta", attrs={"name": re.compile(r"^(author|dc\.creator|citation_author)$", re.I)}):
        if _clean(tag.get("content")):
            authors.append(_clean(tag.get("content")))
    for tag in soup.find_all("meta", attrs={"property": re.compile(r"^article:author$", re.I)}):
        value = _clean(tag.get("content"))
        if value and not value.startswith("http"):
            authors.append(value)
    return list(dict.fromkeys(a for a in (_clean(x) for x in authors) if a))


def _modified(metas: _Metas, ld: list[dict]) -> str | None:
    """The day the page says it was last changed (JSON-LD first, then meta tags)."""
    modified = None
    for obj in ld:
        modified = _iso_day(obj.get("dateModified")) if isinstance(obj.get("dateModified"), str) else None
        if modified:
            break
    if not modified:
        value, _ = _meta(metas, "article:modified_time", "og:updated_time", "dateModified", "last-modified")
        modified = _iso_day(value)
    return modified


def _language(soup, metas: _Metas) -> str | None:
    """The page's language as a bare code ("en"): <html lang>, else a meta tag."""
    language = soup.html.get("lang") if soup.html is not None and soup.html.get("lang") else None
    if not language:
        language, _ = _meta(metas, "og:locale", "content-language", "language", "dc.language")
    if language:
        language = language.replace("_", "-").split("-")[0].strip().lower() or None
    return language


def extract_html(html: str, url: str | None = None) -> ExtractedPage:
    """Metadata and main text of an HTML page."""
    from bs4 import BeautifulSoup  # heavy: loaded only when a page is read

    soup = BeautifulSoup(html, "lxml")
    ld = _ld_articles(_json_ld(soup))
    metas = _Metas(soup)
    site_name = _site_name(metas, ld)
    titles, suffix_site = _titles(soup, metas, ld, site_name)
    published, published_field = _published(soup, metas, ld, html, url)
    return ExtractedPage(
        title=titles[0] if titles else None,
        titles=tuple(titles),
        site_name=site_name if site_name or not suffix_site else suffix_site,
        authors=tuple(_authors(soup, ld)),
        published=published,
        published_field=published_field,
        modified=_modified(metas, ld),
        language=_language(soup, metas),
        text=main_text(html, soup),
        kind="html",
    )


_PUBLISHED_META = (
    "article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate",
    "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "citation_publication_date",
    "citation_date", "sailthru.date", "parsely-pub-date",
)


def _published(soup, metas: _Metas, ld: list[dict], html: str, url: str | None) -> tuple[str | None, str | None]:
    """The original publication date and the field it was read from."""
    for obj in ld:
        value = obj.get("datePublished")
        if isinstance(value, str) and _iso_day(value):
            return _iso_day(value), "json-ld:datePublished"
    for name in _PUBLISHED_META:
        value, found = metas.first(name)
        if value and _iso_day(value):
            return _iso_day(value), f"meta:{found}"
    time_tag = soup.find("time", attrs={"datetime": True, "pubdate": True}) or soup.find(
        "time", attrs={"datetime": True, "itemprop": re.compile("datePublished", re.I)}
    )
    if time_tag is not None and _iso_day(time_tag.get("datetime")):
        return _iso_day(time_tag.get("datetime")), "time:pubdate"
    try:
        from htmldate import find_date

        # original_date=True: the first publication, not the last modification (htmldate's
        # default); no extensive search, so a date merely mentioned in the text is not taken;
        # no URL either: a date in the URL is evidence of its own, checked at ingest.
        value = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # htmldate on odd markup
        value = None
    if value:
        return value, "htmldate"
    return None, None


# ------------------------------------------------------------------ main text

_BOILERPLATE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                     "iframe", "svg", "template", "button", "select")


def main_text(html: str, soup=None) -> str:
    """The article's text without navigation and boilerplate, paragraphs on their own lines."""
    text = None
    try:
        import trafilatura

        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    except Exception as exc:  # not installed or failed on this page: the fallback below
        log.debug("trafilatura unavailable or failed: %s", exc)
    if not text:
        text = _fallback_text(html, soup)
    text = _BLANK_LINES.sub("\n", text or "").strip()
    return text[: settings.ARCHIVE_TEXT_MAX_CHARS]


def _fallback_text(html: str, soup=None) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")  # parsed anew: we mutate it
    for name in _BOILERPLATE_TAGS:
        for tag in soup.find_all(name):
            tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.find(attrs={"role": "main"})
    if root is None:
        blocks = soup.find_all(["div", "section", "td"]) or [soup.body or soup]
        root = max(blocks, key=lambda b: sum(len(p.get_text()) for p in b.find_all("p", recursive=False)) or 0)
        if not root.find_all("p", recursive=False):
            root = soup.body or soup
    lines = []
    for block in root.find_all(["h1", "h2", "h3", "p", "li", "blockquote"]) or [root]:
        line = _clean(block.get_text(" "))
        if line:
            lines.append(line)
    return "\n".join(dict.fromkeys(lines))


# ------------------------------------------------------------------ PDF

_JUNK_PDF_TITLE = re.compile(r"(^microsoft (word|powerpoint)|\.(docx?|pdf|indd|pptx?|odt)$|^untitled|^document\d*$)", re.I)


def extract_pdf(body: bytes, seconds: float | None = None) -> ExtractedPage:
    """Text and document info of a PDF (title, author, creation date); the text of the pages
    read within `seconds` when given (then `extra["truncated"] = "time"`)."""
    import time

    from pypdf import PdfReader

    stop_at = None if seconds is None else time.monotonic() + seconds
    reader = PdfReader(io.BytesIO(body))
    info = reader.metadata or {}
    pages = []
    total = 0
    extra = {}
    for page in reader.pages:
        if stop_at is not None and time.monotonic() > stop_at:
            extra["truncated"] = "time"
            break
        try:
            chunk = page.extract_text() or ""
        except Exception:  # a page pypdf cannot read: skip it, keep the rest
            continue
        pages.append(chunk)
        total += len(chunk)
        if total > settings.ARCHIVE_TEXT_MAX_CHARS:
            break
    title = _clean(str(info.get("/Title") or "")) if info else None
    if title and _JUNK_PDF_TITLE.search(title):
        title = None  # "Microsoft Word - draft3.docx", "untitled": the file's name, not its title
    author = _clean(str(info.get("/Author") or "")) if info else None
    published = None
    created = info.get("/CreationDate") if info else None
    if created:
        match = re.match(r"D:(\d{4})(\d{2})(\d{2})", str(created))
        if match:
            published = _iso_day(f"{match[1]}-{match[2]}-{match[3]}")
    text = _BLANK_LINES.sub("\n", "\n".join(pages)).strip()[: settings.ARCHIVE_TEXT_MAX_CHARS]
    # The first lines of the first page usually carry the report's title: candidates as well.
    lines = [line for line in (_clean(x) for x in text.splitlines()[:6]) if line and len(line) <= 200]
    candidates = [title, *lines[:2], " ".join(lines[:2]) if len(lines) > 1 else None]
    titles = tuple(dict.fromkeys(t for t in candidates if t))
    return ExtractedPage(
        title=title or (lines[0] if lines else None),
        titles=titles,
        authors=(author,) if author else (),
        published=published,
        published_field="pdf:CreationDate" if published else None,
        text=text,
        kind="pdf",
        extra=extra,
    )

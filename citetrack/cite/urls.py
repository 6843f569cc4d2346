"""URLs in notes: extraction, cleaning, repair of evident slips, and identity.

`extract_urls` finds every URL as written (also broken ones: `htps://`, `http//`, a space in the
host, a truncated link) and says what is wrong with it; `normalize_url` gives the identity form
under which the same page cited twice is one URL; `registered_domain` uses tldextract's bundled
Public Suffix List snapshot only (never a download, never a cache on disk).
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from citetrack.cite.dates import status_id
from citetrack.models import UrlRef

# ------------------------------------------------------------------ recognising URLs

# A scheme as written, broken ones included: htps://, http//, https:/, hxxp://, https:\\ ...
_SCHEME = r"(?:h(?:tt|xx|t|ttt|tp)ps?|ttps?|ftp)(?::{1,2}/{1,3}|/{2,3}|:\\\\|;//)|www\d{0,3}\."
_URL = re.compile(rf"(?i)(?<![\w@.])(?:{_SCHEME})[^\s<>\"“”‘’«»|\\^`{{}}]+")
_URL_BODY = re.compile(r"[^\s<>\"“”‘’«»|\\^`{}]+")
# Where a second URL starts glued to the first: a scheme right after a letter or digit.
_GLUED = re.compile(r"(?i)(?<=[\w.,;)\]])(?=https?://)")
_TRAILING = ".,;:!?'\"’”»>*"
_ELLIPSIS = ("…", "...")
_GOOD_SCHEME = re.compile(r"(?i)^(?:https?|ftp)://")
# After a host that lacks its TLD, " .com/..." or ". com/..." is the rest of the same URL.
_HOST_CONTINUATION = re.compile(r"^(?:\. {1,2}|  ?(?=\.))(?P<rest>\.?[a-z]{2,24}(?:\.[a-z]{2,24})?(?:[/:?#][^\s<>\"“”]*)?)(?=$|[\s<>\"“”])", re.I)


def extract_urls(text: str) -> list[tuple[tuple[int, int], UrlRef]]:
    """Every URL written in `text` with its span, cleaned, split when glued, and judged.

    `UrlRef.written` is the URL as it stands (without `<>` wrappers or trailing punctuation);
    `normalized` its identity; `malformed` a reason when it cannot be right as written, with
    `suggestion` the evident repair (for a space inside the host, the joined URL).
    """
    found: list[tuple[tuple[int, int], UrlRef]] = []
    consumed = 0  # text up to here already belongs to a URL (a repaired one may reach further)
    for match in _URL.finditer(text):
        for start, end in _split_glued(text, match.start(), match.end()):
            if start < consumed:
                continue
            end = _trim_end(text, start, end)
            if end <= start:
                continue
            written = text[start:end]
            if not _has_host(written):
                detached = _detached_scheme(text, start, end)
                if detached is not None:
                    end, repaired = detached
                    found.append(((start, end), UrlRef(text[start:end], normalize_url(repaired), "space after the scheme", repaired)))
                    consumed = end
                continue
            end, joined = _join_broken_host(text, start, end)
            found.append(((start, end), _judge(written if joined is None else text[start:end], joined)))
            consumed = end
    return found


_DETACHED_HOST = re.compile(r"^ {1,3}(?=(?:www\d{0,3}\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/:?#]|$|[\s)>\]]))", re.I)


def _detached_scheme(text: str, start: int, end: int) -> tuple[int, str] | None:
    """`https:// www.reuters.com/x`: a bare scheme, spaces, then a host: one URL with a slip."""
    scheme = text[start:end]
    if not re.fullmatch(r"(?i)(?:h\w{1,5}|ftp)(?::/{1,3}|/{2,3}|:\\\\|;//)", scheme):
        return None
    gap = _DETACHED_HOST.match(text[end:])
    if gap is None:
        return None
    rest = _URL_BODY.match(text, end + gap.end())
    if rest is None:
        return None
    new_end = _trim_end(text, rest.start(), rest.end())
    host = _host_part(text[rest.start() : new_end])
    if not _host_is_addressable(host.lower()):
        return None
    return new_end, _repair_scheme(scheme.rstrip("/:\\;") + "://") + text[rest.start() : new_end]


def _split_glued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut `https://a.com/xhttps://b.com/y` in two; keep URLs embedded after `/` or `=`."""
    cuts = [start]
    for glued in _GLUED.finditer(text, start + 1, end):
        if glued.start() - cuts[-1] > 8:
            cuts.append(glued.start())
    cuts.append(end)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False)]


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop trailing punctuation that belongs to the sentence, and an unbalanced `)` or `]`."""
    while end > start:
        last = text[end - 1]
        if text[start:end].endswith(_ELLIPSIS):
            break  # a truncated URL keeps its ellipsis, so that it reads as truncated
        if last in _TRAILING:
            end -= 1
        elif last == ")" and text.count("(", start, end) < text.count(")", start, end):
            end -= 1
        elif last == "]" and text.count("[", start, end) < text.count("]", start, end):
            end -= 1
        else:
            break
    return end


def _has_host(written: str) -> bool:
    host = _host_part(written)
    return bool(host) and any(ch.isalnum() for ch in host)


def _strip_scheme(written: str) -> str:
    return re.sub(r"(?i)^(?:h\w{1,5}|ftp)(?::/{1,3}|/{2,3}|:\\\\|;//)", "", written)


def _host_part(written: str) -> str:
    return re.split(r"[/?#]", _strip_scheme(written), maxsplit=1)[0]


def _join_broken_host(text: str, start: int, end: int) -> tuple[int, str | None]:
    """`www.reuters .com/x`: when the host has no TLD and text goes on with one, join them."""
    written = text[start:end]
    host = _host_part(written)
    if len(host) < len(_strip_scheme(written)):
        return end, None  # the host is followed by a path: nothing to join
    follow = _HOST_CONTINUATION.match(text[end:])
    if not follow:
        return end, None
    rest = follow["rest"]
    # "www.bbc .co.uk/x": a space then a dot cannot end a sentence, so join even when the first
    # part is itself a valid host; "www.reuters. com/x" only when the first part has no TLD.
    if _host_has_suffix(host.rstrip(".")) and not (rest.startswith(".") and "/" in rest):
        return end, None
    label = rest.lstrip(".").split("/")[0].split("?")[0]
    candidate_host = host.rstrip(".") + "." + label
    if not _host_has_suffix(candidate_host):
        return end, None
    new_end = _trim_end(text, end, end + follow.end())
    joined = written.rstrip(".") + "." + text[end:new_end].lstrip(". ")
    return new_end, joined


def _judge(written: str, joined: str | None) -> UrlRef:
    """Decide whether a written URL can be right, and propose the evident repair."""
    if joined is not None:
        repaired = _repair_scheme(joined)
        return UrlRef(written, normalize_url(repaired), "space in the host name", repaired)
    if written.endswith(_ELLIPSIS):
        return UrlRef(written, normalize_url(written.rstrip(".…")), "truncated (ends with an ellipsis)", None)
    if "…" in written or "/.../" in written:
        return UrlRef(written, normalize_url(written), "shortened (an ellipsis stands for part of it)", None)
    repaired = _repair_scheme(written)
    if repaired != written and not written.lower().startswith("www"):
        return UrlRef(written, normalize_url(repaired), f"broken scheme {_scheme_text(written)!r}", repaired)
    try:
        host = (urlsplit(repaired).hostname or "") if _GOOD_SCHEME.match(repaired) else ""
    except ValueError:  # an unclosed "[" in the host: not a URL that can be opened
        return UrlRef(written, normalize_url(repaired), "host name cannot be read", None)
    if host and not _host_is_addressable(host):
        return UrlRef(written, normalize_url(repaired), "host name has no top-level domain (truncated?)", None)
    return UrlRef(written, normalize_url(repaired))


def _scheme_text(written: str) -> str:
    match = re.match(r"(?i)^(?:h\w{1,5}|ttps?|ftp)(?::{1,2}/{1,3}|/{2,3}|:\\\\|;//)", written)
    return match.group(0) if match else written[:8]


def _repair_scheme(written: str) -> str:
    """`htps://x` → `https://x`, `http//x` → `http://x`, `hxxp://` → `http://`, `ttps://` and
    `https:://` → `https://`; `www.` → https."""
    if written.lower().startswith("www"):
        return "https://" + written
    match = re.match(r"(?i)^(h\w{1,5}|ttps?|ftp)(:{1,2}/{1,3}|/{2,3}|:\\\\|;//)", written)
    if not match:
        return written
    scheme = match.group(1).lower()
    if scheme == "ftp":
        fixed = "ftp"
    else:
        fixed = "https" if scheme.endswith("s") else "http"
    return f"{fixed}://" + written[match.end() :]


def _host_has_suffix(host: str) -> bool:
    extracted = _extractor()(host)
    return bool(extracted.suffix) and bool(extracted.domain)


def _host_is_addressable(host: str) -> bool:
    """A host with a public suffix, an IP address or localhost (local test servers)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return _host_has_suffix(host)


# ------------------------------------------------------------------ identity

# Query parameters that only say where a click came from, never which page it is.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "igsh", "mc_cid", "mc_eid", "ref_src", "ref_url", "_ga", "_gl", "mkt_tok", "cmpid",
        "ocid", "smid", "sr_share", "__twitter_impression", "at_medium", "at_campaign",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "at_")
SOCIAL_TRACKING_PARAMS = {  # host → parameters that only identify the sharer
    "twitter.com": {"s", "t", "ref_src", "ref_url", "lang"},
    "x.com": {"s", "t", "ref_src", "ref_url", "lang"},
    "youtube.com": {"si", "feature", "pp"},
    "youtu.be": {"si", "feature"},
    "instagram.com": {"igshid", "igsh", "utm_source"},
    "facebook.com": {"mibextid", "rdid", "sfnsn"},
    "t.me": {"single"},
}
CANONICAL_TWITTER_HOST = "twitter.com"  # every X/Twitter status is identified as twitter.com
_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}


def normalize_url(url: str) -> str:
    """The identity form of a URL: the same page cited twice gives the same string.

    Lower-cases scheme and host, drops a default port, the fragment, tracking parameters and a
    bare trailing `?`; keeps the path's case and the order of the other parameters. X/Twitter
    status URLs (`x.com`, `mobile.twitter.com`...) all become
    `https://twitter.com/<user>/status/<id>` without query.
    """
    url = url.strip()
    if url.lower().startswith("www"):
        url = "https://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if not scheme or not host:
        return url
    ident = status_id(url)
    if ident is not None:
        path = parts.path if parts.path.strip("/") else parts.fragment[1:]
        user = path.strip("/").split("/")[0]
        user = "i" if user.lower() in {"i", "statuses"} else user
        return f"https://{CANONICAL_TWITTER_HOST}/{user}/status/{ident}"
    netloc = host
    if parts.username:
        netloc = parts.username + (f":{parts.password}" if parts.password else "") + "@" + netloc
    if ":" in host:
        netloc = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    path = parts.path or "/"
    query = _clean_query(parts.query, host)
    return urlunsplit((scheme, netloc, path, query, ""))


def _clean_query(query: str, host: str) -> str:
    if not query:
        return ""
    bare_host = host.removeprefix("www.").removeprefix("m.").removeprefix("mobile.")
    social = SOCIAL_TRACKING_PARAMS.get(bare_host, set())
    kept = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = pair.split("=", 1)[0].lower()
        if name in TRACKING_PARAMS or name in social or name.startswith(TRACKING_PREFIXES):
            continue
        kept.append(pair)
    return "&".join(kept)


# ------------------------------------------------------------------ domains and kinds of page


# Special-use names (RFC 2606, 6761, 8375): not in the Public Suffix List, used by test sites.
RESERVED_SUFFIXES = ("example", "test", "invalid", "localhost", "local", "internal", "home.arpa")


@lru_cache(maxsize=1)
def _extractor():  # noqa: ANN202 - tldextract.TLDExtract, built once
    import tldextract

    # suffix_list_urls=() → the bundled Public Suffix List snapshot only, never a download;
    # cache_dir=None → nothing written to disk.
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True, extra_suffixes=RESERVED_SUFFIXES
    )


def host_of(url_or_host: str) -> str:
    """The lower-case host of a URL, or the host itself when given a bare host name."""
    text = url_or_host.strip()
    if "//" not in text:
        text = "//" + text
    try:
        return (urlsplit(text).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def registered_domain(url_or_host: str) -> str | None:
    """The registrable domain (`www.bbc.co.uk` → `bbc.co.uk`); an IP or localhost as is; else None."""
    host = host_of(url_or_host)
    if not host:
        return None
    if host == "localhost":
        return host
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    extracted = _extractor()(host)
    if not extracted.suffix or not extracted.domain:
        return None
    return f"{extracted.domain}.{extracted.suffix}"


_SOCIAL_POST_PATHS: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = (
    (frozenset({"facebook.com", "fb.com"}), re.compile(r"^/(?:[^/]+/(?:posts|videos|photos)/|story\.php|permalink\.php|photo|watch|reel/|share/|groups/[^/]+/(?:posts|permalink)/)")),
    (frozenset({"fb.watch"}), re.compile(r"^/\w+")),
    (frozenset({"t.me", "telegram.me"}), re.compile(r"^/(?:s/)?[\w]+/\d+")),
    (frozenset({"instagram.com"}), re.compile(r"^/(?:[\w.]+/)?(?:p|reel|reels|tv)/[\w-]+")),
    (frozenset({"youtube.com"}), re.compile(r"^/(?:watch|shorts/|live/)")),
    (frozenset({"youtu.be"}), re.compile(r"^/[\w-]{6,}")),
    (frozenset({"tiktok.com"}), re.compile(r"^/@[^/]+/video/\d+")),
    (frozenset({"bsky.app"}), re.compile(r"^/profile/[^/]+/post/\w+")),
    (frozenset({"threads.net", "threads.com"}), re.compile(r"^/@[^/]+/post/[\w-]+")),
    (frozenset({"linkedin.com"}), re.compile(r"^/(?:posts|feed/update)/")),
)


def is_social_post(url: str) -> bool:
    """True for a single post on a social platform (X/Twitter status, Facebook post, Telegram
    message, Instagram post, YouTube video, TikTok video, Bluesky or Threads post)."""
    if status_id(url) is not None:
        return True
    try:
        parts = urlsplit(url.strip() if "//" in url else "https://" + url.strip())
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "mobile.", "web.", "mbasic."):
        host = host.removeprefix(prefix)
    for hosts, pattern in _SOCIAL_POST_PATHS:
        if host in hosts and pattern.match(parts.path or "/"):
            return True
    return False

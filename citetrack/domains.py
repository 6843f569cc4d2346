"""The one registry of hosts that say something about every URL on them, whatever the page:
web archives (copies of anyone's pages), link shorteners (they hide the real host) and social
platforms (posts by anyone). Registrable domains, lower case; a subdomain belongs to its domain.

Layer 1: settings, cite, rules and export read these sets; none keeps a list of its own.
"""

from __future__ import annotations

# Web archives: a URL here is a copy of a page published elsewhere.
ARCHIVE_DOMAINS = frozenset(
    {
        "archive.org", "archive.today", "archive.ph", "archive.is", "archive.li", "archive.md", "archive.vn",
        "ghostarchive.org", "perma.cc", "webcitation.org",
    }
)
# Link shorteners: a URL here redirects to the real page, on another host.
SHORTENER_DOMAINS = frozenset(
    {
        "bit.ly", "t.co", "tinyurl.com", "ow.ly", "buff.ly", "goo.gl", "is.gd", "lnkd.in",
        "dlvr.it", "trib.al", "rb.gy", "cutt.ly", "shorturl.at", "tiny.cc", "bitly.com",
    }
)
# Resolvers that name a work, not its publisher's site.
RESOLVER_DOMAINS = frozenset({"doi.org", "handle.net"})
# Indexes, repositories and preprint servers that hold records or copies of any journal's
# articles (PubMed and PMC on nih.gov, ScienceDirect for The Lancet and Cell): a journal article
# linked there is not a mismatch with the journal the citation names.
SCHOLARLY_INDEX_DOMAINS = frozenset(
    {
        "nih.gov", "europepmc.org", "sciencedirect.com", "researchgate.net", "semanticscholar.org",
        "jstor.org", "ssrn.com", "academia.edu", "arxiv.org", "biorxiv.org", "medrxiv.org",
    }
)
# Social networks whose pages are posts by their users (a CSL "post", a BibTeX @online).
SOCIAL_DOMAINS = frozenset(
    {
        "twitter.com", "x.com", "t.me", "telegram.me", "facebook.com", "fb.com", "instagram.com",
        "tiktok.com", "threads.net", "bsky.app", "mastodon.social", "reddit.com", "linkedin.com",
        "youtube.com", "youtu.be", "vk.com",
    }
)
# Hosts whose URLs say nothing about the outlet that published the content.
OUTLET_NEUTRAL_DOMAINS = SHORTENER_DOMAINS | ARCHIVE_DOMAINS | RESOLVER_DOMAINS | SCHOLARLY_INDEX_DOMAINS

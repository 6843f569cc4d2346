"""The vocabulary of references: dates, URLs and outlets, as pure functions.

`dates` reads stated dates and date evidence (URL paths, status IDs, the document's own date);
`urls` extracts, cleans, repairs and normalises URLs; `outlets` maps outlet names to domains.
"""

from citetrack.cite.dates import (
    access_dates,
    days_apart,
    find_dates,
    find_document_date,
    parse_date,
    status_id,
    tweet_date,
    url_date,
)
from citetrack.cite.outlets import (
    is_archive,
    is_platform,
    known_outlet,
    outlet_domains,
    outlet_for_domain,
    outlet_matches,
)
from citetrack.cite.urls import (
    extract_urls,
    is_social_post,
    normalize_url,
    registered_domain,
)

__all__ = [
    "access_dates",
    "days_apart",
    "extract_urls",
    "find_dates",
    "find_document_date",
    "is_archive",
    "is_platform",
    "is_social_post",
    "known_outlet",
    "normalize_url",
    "outlet_domains",
    "outlet_for_domain",
    "outlet_matches",
    "parse_date",
    "registered_domain",
    "status_id",
    "tweet_date",
    "url_date",
]

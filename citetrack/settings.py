"""Named, commented defaults: every tunable of citetrack lives here, grouped by area."""

from __future__ import annotations

from citetrack import domains  # hosts listed once: archives, shorteners, social platforms
from citetrack.models import LinkStatus

# ------------------------------------------------------------------ store
DEFAULT_DB_PATH = "db/citetrack.db"  # relative to the working directory
DB_ENV_VAR = "CITETRACK_DB"  # overrides DEFAULT_DB_PATH, overridden by --db
BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another process's lock

# ------------------------------------------------------------------ reading documents
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # larger files are refused, not read into memory
BINARY_SNIFF_BYTES = 8192  # leading bytes inspected to tell text from binary
# An HTML document with more in-page links (href="#...") than this is refused: each costs the note
# finder a few tree walks (100,000 back-links took a minute); a long book has a few thousand.
HTML_MAX_IN_PAGE_LINKS = 20_000

# ------------------------------------------------------------------ PDF and Word layout (issue 6)
MARKER_MAX_GLUED_DIGITS = 18  # markers printed together with no comma ("96979899100101"): up to six 3-digit labels, split by the note sequence
PDF_MARKER_MAX_SIZE_RATIO = 0.87  # a note marker's font is at most this share of its line's
PDF_MARKER_MIN_RISE = 0.12  # ... and its baseline is raised by at least this many line ems
PDF_NOTE_MAX_SIZE_RATIO = 0.92  # note lines are set at most this share of the body font size
PDF_MARGIN_ZONE = 0.1  # top/bottom share of the page where running heads and page numbers sit
PDF_FURNITURE_REPEAT = 0.6  # a margin line recurring on this share of pages is a running head/foot
PDF_WORD_GAP = 0.15  # a horizontal gap wider than this many ems separates two words
# A note whose later lines start this many ems right of its first (a hanging indent): a line
# starting where they do goes on the note, whatever number opens it.
PDF_HANGING_SLACK = 0.3
PDF_NOTE_BLOCK_GAP = 2.0  # small lines at a page's top this many sizes apart at most are one block (notes), no running head
PDF_SET_OFF_NOTES_GAP = 2.0  # notes in the body's own type with no rule above them are set off by a gap of this many usual line steps
PDF_FOLIO_GAP = 1.0  # a running head or foot with the page number stands this many line sizes apart from the text
PDF_HANGING_MAX_EMS = 4  # ... and a note's second line starts at most this many ems right of its label
# A page of end notes may open with this many lines of the last note's next paragraph before the
# next note's label; more, and the page is no page of notes.
PDF_CARRIED_NOTE_MAX_LINES = 8
# Notes labelled with raised numbers this many times, never with a plain one: a number in the
# notes' own type opening a line is their text ("5 October 2024)."), no label.
PDF_RAISED_LABELS_SETTLE = 2
PDF_PARAGRAPH_GAP = 1.3  # a line pitch this many times the usual one starts a paragraph
PDF_PITCH_MIN_SAMPLES = 3  # line steps needed to measure the usual pitch; fewer: PDF_USUAL_LEADING
PDF_USUAL_LEADING = 1.2  # the usual line pitch, in font sizes, when a document is too short to measure it
PDF_PAGE_EDGE_MIN_LINES = 8  # body lines a page needs for its own text-block edges (two-sided layouts)
PDF_SHORT_LINE = 0.97  # a line ending before this share of the column width, with room left
PDF_MAX_STREAM_BYTES = 128 * 1024 * 1024  # one PDF stream may not decode to more (decompression bombs)
PDF_MAX_INFLATED_BYTES = 1024 * 1024 * 1024  # nor all of a PDF's streams together
# for the next line's first word, ends a paragraph
# Columns: a gutter is a strip no glyph crosses, down a run of the page's lines with text on both sides.
PDF_GUTTER_MIN_EMS = 0.6  # a gutter is at least this many ems wide (word gaps are narrower; LaTeX's 10 pt column gap less a line overfull by a few points is wider)
PDF_GUTTER_MIN_HEIGHT = 0.3  # ... and runs down at least this share of the page's text height
PDF_GUTTER_MAX_BINS = 2000  # gutters are sought at 1-point steps over text up to this wide (A1); wider text (a poster, a hostile MediaBox) in coarser steps
PDF_COLUMN_MIN_EMS = 8.0  # a column is at least this many ems wide ...
PDF_COLUMN_MIN_WIDTH = 0.2  # ... and this share of the page's text width (a table's number column is not)
PDF_COLUMN_MIN_NEXT = 0.3  # the text right of a gutter spans at least this share of the left column's width
PDF_COLUMN_FILL = 0.25  # at least this share (and PDF_COLUMN_MIN_LINES) of a left column's lines ...
PDF_COLUMN_FILL_SLACK = 0.25  # ... end this near the gutter, in shares of the column width
PDF_COLUMN_MIN_LINES = 2  # (a table's ragged cells do not, nor one line with a wide gap)
PDF_GRID_MIN_RULES = 3  # vertical rules sharing a stretch of a page that make a ruled table (two columns at least)
PDF_GRID_SLACK = 2.0  # points: rules this close are one, and a stretch goes on over a gap this small
# Tables without vertical rules (`read.pdf.unruled`): columns parted by white space only.
PDF_TABLE_GUTTER_EMS = 0.8  # the white strip between two columns is at least this many ems wide (a justified line's word gaps are narrower)
PDF_TABLE_MIN_LINES = 3  # printed lines a table has at least (a header and two rows); two lines leaving a strip free may be chance
PDF_TABLE_MAX_GAP_EMS = 3.0  # blank space between two of its lines, in ems, past which the table has ended (a column of a table that the page's gutter search cut off has wide gaps between its short cells)
PDF_TABLE_SIZE_SLACK = 0.6  # points: a line whose type is bigger or smaller than this is not in the table (a heading, the notes)
PDF_TABLE_ROW_STEP = 1.2  # a step from one of its lines to the next this many times the usual pitch is the space between two rows
PDF_TABLE_MONOSPACE_SHARE = 0.9  # lines with this share of their glyphs equally wide are code in a monospaced font, not a table
PDF_TEXT_COLUMNS_SHARE = 0.8  # running text on both sides of a short strip on this share of its lines: two text columns, not a table
PDF_TABLE_FLUSH_SLACK = 1.0  # points: a justified line ends this close to its column's right edge ...
PDF_TABLE_RUNNING_SHARE = 0.6  # ... and this share of a column's lines doing so makes it running text, not a table's cells
PDF_CELL_INDENT_SLACK = 0.2  # a table cell cut by a page break goes on at the same indent, within this many ems
PDF_CELL_TOP_ROWS = 2.0  # ... in the next page's first row: within this many line pitches of its top
OFFICE_MAX_PART_BYTES = 64 * 1024 * 1024  # a .docx/.odt XML part larger than this is refused
# ... and all the parts read from one file together (a few parts each near the cap took 2.3 GB).
OFFICE_MAX_TOTAL_BYTES = 96 * 1024 * 1024
# Tags ("<") across the parts read from one file: a parsed element costs lxml about 130 bytes, so
# 88 KB of zipped empty paragraphs (10 million) took 1.3 GB. Real documents: 8,000-22,000 tags
# (../shared/real-docs); a 500-page book about a million. Peak memory stays under 500 MB.
OFFICE_MAX_TOTAL_TAGS = 2_000_000
# A Word note numbering's start (w:numStart) above this is ignored: Word lets one set far less,
# and a huge start would make roman or letter labels enormous.
DOCX_MAX_NOTE_START = 32767

# ------------------------------------------------------------------ text copied out of PDFs (issue 12)
TEXT_PAGE_NUMBER_SHARE = 0.5  # a lone number opening (or closing) this share of pages, rising with them, is a page number
# Running heads and feet (a browser's print header and footer, a report's running title): a line
# among the first or last TEXT_FURNITURE_ZONE_LINES lines of at least this share of the pages (and
# of TEXT_FURNITURE_MIN_PAGES pages at least), digits masked, is furniture and is dropped.
TEXT_FURNITURE_SHARE = 0.6
TEXT_FURNITURE_ZONE_LINES = 3
TEXT_FURNITURE_MIN_PAGES = 3
# A table's head row repeated at the top of each page the table runs over: at least this many
# lines of words opening a page, the same and in the same order on the page before, each within
# TEXT_TABLE_HEAD_GAP lines of the one before (cells carried over may come between), among the
# page's first TEXT_TABLE_HEAD_MAX_LINES lines, are dropped.
TEXT_TABLE_HEAD_MIN_LINES = 3
TEXT_TABLE_HEAD_GAP = 4
TEXT_TABLE_HEAD_MAX_LINES = 60
TEXT_TABLE_HEAD_MAX_CHARS = 40  # ... each line of such a head this long at most (a head's labels are short)
# A note's line set in smaller type than the body runs longer; a line holding a URL longer than
# this share of the body's width is two lines joined by the extraction, not one note line.
TEXT_NOTE_WIDTH_MAX = 1.3
# A URL broken at a line's end with a blank line between its parts (notes spaced apart) is
# made whole when the line above runs at least this share of a note line's usual width.
TEXT_URL_CUT_FULL_LINE = 0.9
# A numbered heading (`1 Introduction`) is a line shorter than this share of a full line; its
# number is no marker that pdftotext set at a line's head when the numbers run in series.
TEXT_HEADING_MAX_SHARE = 0.6
TEXT_URL_EARLY_CUT = 0.3  # a URL hyphen dropped where a line broke early (only the part after it overflowed) is sought from this share of the usual width on
TEXT_URL_WORD_MIN = 3  # ... between two words of at least this many letters
# A piece of a URL that the document never writes is still a word when the English web corpus of
# wordsegment (Google's n-gram counts) counts it this often: ~26,000 words, no names or fragments.
TEXT_URL_ENGLISH_MIN_COUNT = 1_000_000
# A line pdftotext joined where it dropped a URL's hyphen is cut up to this share past the widest
# full line seen (notes set smaller run longer than the lines that show their width)
TEXT_URL_CUT_REACH = 1.15
TEXT_URL_ENGLISH_WORD_COUNT = 100_000  # ... and a run of letters counted this often is one word (`bitstream`), not two
# A hyphen dropped in a URL's host (whose owner may join its words: `haldenpolicy`) goes back
# only where the line broke near its end: between these shares of the widest full line
TEXT_URL_HOST_CUT_FROM = 0.75
TEXT_URL_HOST_CUT_TO = 1.05
# Hyphenated folders that many sites' URLs name (WordPress's): a URL cut at their hyphen gets it back.
TEXT_URL_KNOWN_HYPHEN_PAIRS = frozenset({"wp-content", "wp-includes", "wp-admin", "wp-json"})
TEXT_URL_MAX_LINES = 3  # a note's URL carried whole onto the next page, above its notes, spans at most this many lines
# A label that pdftotext glued to a number opening its note (`317 U.S.C.`: note 3) is one of the
# labels due, the next one or up to this many after it (notes missing between).
TEXT_GLUED_LABEL_REACH = 3
# A list whose bullets the text lost: a line ending in a semicolon short of this share of its
# paragraph's widest line ends an item (prose fills its lines), and so does every such line
# after it; the lead-in ending in a colon is sought at most this many lines above the first end.
TEXT_ITEM_SHORT_LINE = 0.8
TEXT_ITEM_MAX_LINES = 4
TEXT_SHORT_LINE = 0.6  # a line shorter than this share of the usual width ends a paragraph (or is a heading)
# ... unless it and the lines around it are all shorter than this share: a narrow table column's cell,
# which pdftotext prints line after line (`Ab` / `Version` / `40 warnt`), capitals and all
TEXT_NARROW_CELL = 0.2
TEXT_NARROW_PROSE_SHARE = 0.25  # ... when at least this share of the run's lines (two at least) open in lower case: prose, not labels
# A word that a narrow cell broke at the column's edge without a hyphen and the document writes
# nowhere else: its head is a line's only token, this long at least and no word...
TEXT_CELL_PIECE_MIN = 3
TEXT_CELL_ENGLISH_MIN = 4  # ... and the next line opens with no word of the document nor of common English this long
TEXT_CELL_PIECE_SLACK = 2  # ... a piece goes on to the line after only when at most this much shorter than the head
TEXT_MAX_LABELS_PER_PAGE = 200  # more lone numbers in a run on one page are a list or a table, not note labels
# Notes read by lone labels give way to notes read by the numbers opening their lines ("1. Text",
# "1 Text") when those run 1, 2, 3... at least this many times as far: the few lone numbers were
# a URL's tail or a table's figure (`…/policy-units/VA-` then `4`), not labels
TEXT_NUMBERED_OVER_LONE = 2
TEXT_MAX_NOTE_LINES = 10  # a note whose label follows it is sought at most this many lines above the label
TEXT_MARKER_RESYNC = 20  # ... or by this many when the next number goes on from it (the sequence picks up again)
TEXT_MAX_SKIPPED_MARKERS = 2  # a plain-digit marker may run ahead of the expected one by this many (markers lost), if its note exists
TEXT_NEARBY_LABELS = 10  # numbers within this many labels of a page's notes count as its body's markers (the next page's too)
TEXT_GAP_FILL_MAX_LABELS = 5  # labels the sequence skipped between two markers it found (a table row of cells with a marker each), looked for among weaker candidates (a bare "9", "154940", "10.917"); a longer gap means the numbers are not labels

# ------------------------------------------------------------------ dates
DATE_AGREEMENT_DAYS = 3  # stated and evidenced dates this close agree (interface)
MISDATED_ERROR_DAYS = 31  # farther apart than this (or another year/month) is an error
# A source dated before this year was published in print (news sites came in 1995-96): a note
# citing it owes no link, so `no-url` stays silent (issue 13: `The Times (23 August 1947)`).
NO_URL_WEB_ERA_YEAR = 1995
DOCUMENT_DATE_HEAD_LINES = 40  # a line that is only a date counts as the document's date this near the top
URL_DATE_YEARS = (1990, 2100)  # a date read from a URL path must fall in these years (inclusive)
NOTE_MAX_TITLE_CHARS = 300  # a quoted or unquoted title longer than this is explanation, not a title

# ------------------------------------------------------------------ document rules (issue 2)
# A date in a cited title farther than this from the stated date names an event the source
# is about ("ten years after 11 September 2001"), not the day it was published: not evidence.
TITLE_DATE_MAX_GAP_DAYS = 183
# Hosts whose URLs say nothing about the outlet that published the content: link shorteners
# and archives. The outlet-mismatch rule skips them (social posts are skipped as well).
OUTLET_NEUTRAL_DOMAINS = domains.OUTLET_NEUTRAL_DOMAINS  # the registry: citetrack/domains.py

# ------------------------------------------------------------------ link checks (issue 3)
CHECK_CONCURRENCY = 32  # requests in flight at once, all hosts together
CHECK_PER_HOST = 4  # requests in flight at once to one host (politeness)
CHECK_TIMEOUT_S = 20.0  # connect and read timeout of every request
CHECK_TOTAL_TIMEOUT_FACTOR = 3  # a URL's whole attempt (all hops, body) gets timeout x this
CHECK_MAX_BYTES = 2 * 1024 * 1024  # bodies are read at most this far (decoded), then cut
CHECK_MAX_REDIRECTS = 10  # hops followed before "too-many-redirects"
CHECK_RETRIES = 3  # extra attempts after 429, 5xx, timeouts and dropped connections
CHECK_BACKOFF_BASE_S = 1.0  # first retry waits about this long, doubling each time (+ jitter)
CHECK_RETRY_AFTER_CAP_S = 60.0  # a server's Retry-After is honoured up to this long
CHECK_HOST_BACKOFF_MAX_S = 30.0  # a struggling host's spacing between requests grows up to this
CHECK_DEAD_AFTER = 3  # failing checks before a link is confirmed dead
CHECK_DEAD_SPACING_S = 3 * 24 * 3600  # counted failures must be at least this far apart
CHECK_FAIL_ON = "dead"  # exit 1 when: dead (a link became dead), flags (a flag opened), never
CHECK_BATCH_SIZE = 50  # results written to the store per transaction...
CHECK_BATCH_SECONDS = 1.0  # ...or at least this often
CHECK_LEASE_BATCH = 200  # URLs leased from the store at a time
CHECK_LEASE_SECONDS = 900  # a lease lasts this long (renewed while the run works)
CHECK_MAX_PENDING = 2000  # leased URLs waiting for a free host slot, at most
CHECK_MAX_PENDING_SKEWED = 50000  # ...or this many while too few hosts have work to fill every slot (one site first in the store)
CHECK_REPORT_FAILING = 1000  # failing links listed by `check` without --json (all with it): memory stays flat at any size
CHECK_USER_AGENT = "citetrack/{version} (link checker; +https://github.com/citetrack/citetrack)"
CHECK_SOFT404_SIMILARITY = 90  # % text similarity with a random path's page that makes a soft 404
CHECK_HEAD_FIRST = False  # HEAD before GET (GET after a refused or inconclusive HEAD); off: one GET, left early
# The network itself is down (not the sites) when, within one stretch of a run, at least this many
# hosts and this share of the hosts tried failed with DNS or connection errors and never answered:
# those checks count towards no link's dead tally, and `check` exits 3.
CHECK_OUTAGE_WINDOW_S = 60.0  # stretch of a run judged as a whole (results by the time they came back)
CHECK_OUTAGE_MIN_HOSTS = 3  # fewer failing hosts than this are the sites' trouble, not the network's
CHECK_OUTAGE_SHARE = 0.8  # share of the hosts tried in a stretch that failed without any answer

# ------------------------------------------------------------------ archiving (issue 4)
ARCHIVE_MAX_BYTES = 20 * 1024 * 1024  # a page body larger than this is cut (and marked truncated)
ARCHIVE_SPOOL_BYTES = 1024 * 1024  # bodies above this spill from memory to a temporary file
# Metadata and text are extracted from the first bytes of a body only (the WARC keeps it all):
# parsing a 20 MB page would take ten times its size in memory for no better metadata.
ARCHIVE_EXTRACT_MAX_BYTES = 5 * 1024 * 1024
ARCHIVE_EXTRACT_MAX_TAGS = 100_000  # ...and up to this many tags (real articles: a few thousand)
# Budgets of one page's extraction (metadata, main text, PDF text), which runs in a worker process
# (citetrack.archive.sandbox): a page that outlasts them keeps its WARC record and gets a note
# ("extraction timeout"/"extraction memory") instead of its facts, and the run goes on. Measured on
# tests/archive/corpus: real pages take 0.05-1 s and under 150 MB; hostile ones (one tag with 500,000
# attributes, a 20,000-page PDF sharing one 70 MB content stream) minutes and gigabytes.
ARCHIVE_EXTRACT_SECONDS = 30.0  # wall-clock seconds one page's extraction may take
ARCHIVE_EXTRACT_MEMORY_BYTES = 480 * 1024 * 1024  # address space of the worker (where the OS caps it): its RSS stays under 500 MB
ARCHIVE_PDF_TEXT_SHARE = 0.7  # PDF text stops between pages after this share of the time budget (kept: the pages read)
ARCHIVE_TIMEOUT = 20.0  # seconds to connect and between bytes of one page
ARCHIVE_CONCURRENCY = 8  # pages fetched at once (extraction and writing stay on one thread)
ARCHIVE_PER_HOST = CHECK_PER_HOST  # pages fetched at once from one host: the check's politeness
ARCHIVE_MAX_REDIRECTS = 10  # hops followed (each checked against the address policy)
# (the User-Agent, proxies and the address policy are the check's: citetrack.check.http)
ARCHIVE_WARC_PREFIX = "citetrack"  # WARC files are <prefix>-YYYYMMDD.warc.gz, one per UTC day
ARCHIVE_TEXT_MAX_CHARS = 2_000_000  # extracted main text kept per snapshot (FTS and support)
# Statuses of `urls.last_status` whose pages are fetched again; never-checked URLs are too.
ARCHIVE_STATUSES = frozenset({LinkStatus.OK, LinkStatus.REDIRECTED, LinkStatus.BLOCKED})
# title-mismatch: rapidfuzz score (0-100) under which the cited and the page title differ.
# On tests/archive/corpus the same headline (suffix, quotes, case, punctuation, truncation)
# scores 99-100 and another headline 40-50; a headline with one content word swapped for
# another ("retakes"/"loses") is capped just under this score, so it is flagged too.
TITLE_MATCH_MIN_SCORE = 80
TITLE_PREFIX_MIN_CHARS = 25  # a cited title this long that starts the page title is a truncation
# Site names of platforms and aggregators that host other people's work (a report on ReliefWeb,
# a video on YouTube): they say nothing about the outlet, so outlet-mismatch ignores them.
ARCHIVE_NEUTRAL_SITE_NAMES = frozenset({
    "youtube", "vimeo", "dailymotion", "soundcloud", "spotify", "apple podcasts", "medium", "substack",
    "scribd", "issuu", "dropbox", "google docs", "google drive", "academia edu", "researchgate", "ssrn",
    "jstor", "reliefweb", "internet archive", "wayback machine", "x", "twitter", "facebook", "instagram",
    "linkedin", "telegram", "tiktok", "reddit", "wikipedia", "github", "slideshare", "calameo", "yumpu",
})
# content-changed: share of the words of the main text that may change since the first
# snapshot before the flag is raised (rapidfuzz Indel distance over the case- and accent-folded
# word sequences, 0 = same, 1 = nothing in common). A corrected figure, a new "Updated" line or
# an appended correction stay under it (0.06-0.12 on the corpus); a rewritten or replaced
# article goes far over it (0.8-0.9).
CONTENT_CHANGE_THRESHOLD = 0.30
CONTENT_MIN_CHARS = 200  # texts shorter than this (both) are not compared: too little to judge
# unsupported-claim: a source "supports" a claim when it contains all of its numbers and dates
# and at least this share of its proper names (names are often paraphrased or transliterated).
SUPPORT_NAME_SHARE = 0.5
# One number no larger than this may be missing from the sources when every other number and
# date of the claim is found, the names meet their share, and at least SUPPORT_SLACK_MIN_FOUND
# facts were found (`The two ministers met ECOWAS envoys in Niamey on 3 May 2023`: "two" is a
# paraphrase of "the ministers of defence and of foreign affairs"). Measured on
# tests/rules/support_cases.json (issue 13).
SUPPORT_SMALL_NUMBER = 10
SUPPORT_SLACK_MIN_FOUND = 3
PASSAGE_WINDOW_SENTENCES = 2  # sentences of source text shown around the best match (`show`)
# Wayback Machine (Internet Archive); never contacted by the tests (mocked with `responses`).
WAYBACK_AVAILABLE_URL = "https://archive.org/wayback/available"
WAYBACK_WEB_URL = "https://web.archive.org/web"
WAYBACK_CDX_URL = "https://web.archive.org/cdx/search/cdx"  # the last copy before a date
WAYBACK_SAVE_URL = "https://web.archive.org/save"
WAYBACK_TIMEOUT = 30.0
WAYBACK_SAVES_PER_MINUTE = 4  # Save Page Now captures requested per minute at most
WAYBACK_SAVE_POLL_SECONDS = 5.0  # between two status polls of one capture
WAYBACK_SAVE_MAX_POLLS = 24  # give up on a capture after this many polls
WAYBACK_SAVE_RETRIES = 2  # retries of a capture that failed with a transient status_ext
# Environment variables holding the Internet Archive S3-style keys for Save Page Now.
WAYBACK_ACCESS_KEY_ENV = "CITETRACK_IA_ACCESS_KEY"
WAYBACK_SECRET_KEY_ENV = "CITETRACK_IA_SECRET_KEY"

# ------------------------------------------------------------------ review and export (issue 5)
# Hosts whose pages are posts on a social network: exported as CSL "post", BibTeX @online.
EXPORT_SOCIAL_DOMAINS = domains.SOCIAL_DOMAINS  # the registry: citetrack/domains.py
# Words in a citation's title or text that mark it as a report (CSL "report", BibTeX @report).
EXPORT_REPORT_WORDS = ("report", "rapport", "working paper", "policy brief", "briefing")
# Link statuses that mean a source cannot be reached any more: the report counts them as dead.
REPORT_DEAD_STATUSES = (LinkStatus.DEAD, LinkStatus.SOFT_404)
# Words that mark an author as an organisation, exported whole ({"literal": ...}) rather than split.
EXPORT_ORGANISATION_WORDS = frozenset(
    {
        "ministry", "board", "agency", "office", "council", "government", "institute", "group", "news",
        "times", "press", "network", "committee", "commission", "department", "association", "foundation",
        "centre", "center", "nations", "union", "bank", "organisation", "organization", "staff", "team",
        "reporters", "service", "watch", "international", "the", "of", "and", "for",
    }
)
# Lower-case parts of personal names ("de", "van") that do not make a name an organisation's.
EXPORT_NAME_PARTICLES = frozenset({"de", "del", "della", "di", "da", "van", "von", "der", "den", "la", "le", "bin", "ibn", "al", "el"})
# Words a citation key skips when it takes the first word of the title (`harbour2024water`).
EXPORT_KEY_SKIP_WORDS = frozenset(
    {"a", "an", "the", "of", "on", "in", "at", "to", "for", "and", "or", "by", "with", "from", "as", "is", "are",
     "le", "la", "les", "un", "une", "des", "du", "de", "el", "los", "las", "der", "die", "das", "ein", "eine"}
)
# How much of an archived page the review panel shows around the passage that matches the claim.
REVIEW_PASSAGE_CHARS = 400
# How closely (rapidfuzz partial ratio, 0-100) a passage must match the claim to be shown.
REVIEW_PASSAGE_MIN_SCORE = 60
# How much of an archived page's text `t` (show the source text) prints at most.
REVIEW_SOURCE_TEXT_CHARS = 4000

# ------------------------------------------------------------------ the web app (issue 18)
# Where `citetrack serve` listens unless told otherwise: loopback only, so no other machine reaches it.
WEB_DEFAULT_HOST = "127.0.0.1"
WEB_DEFAULT_PORT = 8750
# Archived pages are served from a second origin (this port offset from the app's), never the app's own.
WEB_SANDBOX_PORT_OFFSET = 1
# Flags per page of the queue: enough to work through by keyboard, small enough to answer fast.
WEB_QUEUE_PAGE_SIZE = 50
# Bytes of randomness in the session token made when `--token` is not given.
WEB_TOKEN_BYTES = 24
# The header every request that changes the store must carry, holding the session token.
WEB_TOKEN_HEADER = "X-Citetrack-Token"
# Checks shown per link on the claim page's timeline (the latest ones).
WEB_HISTORY_CHECKS = 30
# Characters of archived text compared for the drift diff of the snapshot view (the diff stays readable).
WEB_DIFF_MAX_CHARS = 200_000

# `pdftotext -layout` pages set in two columns (citetrack.read.pdftext.split_columns): a page is
# split at a gutter of spaces only when it is this many characters wide at least,
TEXT_COLUMNS_MIN_WIDTH = 60
# this share of its text lines at least start right of the gutter, at one column,
TEXT_COLUMNS_MIN_SHARE = 0.2
TEXT_TABLE_SHARE = 0.4  # ... unless this share of those lines has three or more cells apart by wide gaps: a table, not columns
TEXT_TABLE_EMPTY_CELL = 0.15  # a line starting this share of the page's width in has an empty cell before it
# and at most this share cross it (notes under each column are not aligned).
TEXT_COLUMNS_MAX_CROSSING = 0.1
TEXT_COLUMN_FULL_LINE = 0.75  # a -layout column found under a title or above notes across the page: a line this near the longest is full ...
TEXT_COLUMN_FULL_SHARE = 0.5  # ... and at least this share of the left column's lines are (prose, not a table's cells)
# A gutter found as the column of spaces fewest lines run through (the right column's lines start
# anywhere): at least this share of the page's lines have text on both sides of it.
TEXT_RIVER_MIN_SHARE = 0.4
# ... and at most this share run through it (a title, a note's line a little wider than its column;
# a page in one column has most of its lines there)
TEXT_RIVER_MAX_CROSSING = 0.15
# A line running through a gutter is cut at a run of spaces ending this near it, if it has one.
TEXT_GUTTER_SLACK = 8

# Tables in `pdftotext -layout` text (citetrack.read.layout_tables), rewritten cell by cell: a
# table is a run of at least this many lines,
TEXT_TABLE_MIN_LINES = 3
# whose pieces of text (apart by two spaces or more) start at no fewer than this many columns
# (and no more than the most a printed table has: more is no table, and would cost time),
TEXT_TABLE_MIN_COLUMNS = 3
TEXT_TABLE_MAX_COLUMNS = 24
# a column being a character position where pieces start, within this many characters, on at
# least this share of the run's lines (two lines at least),
TEXT_TABLE_ALIGN_SLACK = 2
TEXT_TABLE_COLUMN_SUPPORT = 0.15
# (columns whose starts are no further apart than this are one, printed a little further right
# on some rows),
TEXT_TABLE_COLUMN_DRIFT = 4
# with this share of all pieces starting at a column (prose justified with runs of spaces has
# them anywhere)
TEXT_TABLE_ALIGNED_SHARE = 0.8
# and at least this many lines holding three pieces or more. A line of one piece at the left
# edge shorter than this share of the page's width may be a first column's cell.
TEXT_TABLE_MIN_WIDE_LINES = 2
TEXT_TABLE_SHORT_CELL = 0.4
# Rows are top-aligned (a word processor's, LaTeX's), and cut where they start, when this share
# of the tall cells start on a row's first line; else (a browser centres cells) not cut.
TEXT_TABLE_TOP_ALIGNED = 0.6
# Cells a browser centres in one row have middles within this many lines: read left to right.
TEXT_TABLE_MIDDLE_SLACK = 1.0
# A cell of one token this short ("n/a", "–") may open a row whatever its case.
TEXT_TABLE_TOKEN_CHARS = 4
# A first column whose cells are whole numbers running 1, 2, 3... (at least this many) numbers
# the rows: it is left out of the unfolded text, where each number would stand alone on its
# line and read as a note's label (a report's `No.` column running 7, 8, 9... as notes 7, 8, 9
# are due).
TEXT_TABLE_ROW_NUMBERS_MIN = 3
TEXT_TABLE_HEADER_CELLS = 2  # ... under at most this many header cells (`No.`, `#`)
# Plain `pdftotext` prints such a column as lone numbers: a run of at least this many, one more
# each, with only blank lines between, starting below the label due, numbers rows, not notes.
TEXT_ROW_NUMBERS_MIN = 3
# A list of end notes whose labels plain `pdftotext` printed as a column from 1 (at least this
# many), at the top of a page among the last TEXT_END_NOTES_PAGES_SHARE of the pages: the lone
# numbers of the pages before (a table's figures) are no labels.
TEXT_END_NOTES_COLUMN_MIN = 3
TEXT_END_NOTES_PAGES_SHARE = 1 / 3

# The bibliography formats `citetrack export --format` takes (citetrack.export renders each one);
# here so that the command line can list them without loading the exporters.
EXPORT_FORMATS = ("markdown", "html", "csl-json", "bibtex", "ris", "csv")
# Text is `pdftotext -layout` output when at least this share of its lines are indented or hold a
# run of three spaces between words (plain `pdftotext` text has none); -layout keeps the hyphen
# where a URL breaks, so no dropped hyphen is put back there.
TEXT_LAYOUT_MIN_SHARE = 0.05
# `pdftotext -layout` of two columns whose gutter moves down the page: the right column starts
# after a run of spaces ending within this band of the page's width (shares of its widest line),
TEXT_RAGGED_GUTTER_ZONE = (0.35, 0.7)
# and a line with no such run is cut at a word no further left than this share of where the
# left column's lines usually end.
TEXT_RAGGED_MIN_LEFT = 0.8
# Such a page's right column is prose: the text after those runs of spaces is, on half of the
# lines, at least this share of the page's width (a two-column table's figures are shorter).
TEXT_RAGGED_MIN_RIGHT = 0.2

"""The HTML report people look at: link health over time (inline SVG), documents, open flags.

`render_report(data)` is a pure function from `ReportData` to one self-contained page (no
script, no remote resource); `report_data(store, document_id)` gathers what it shows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from citetrack import __version__
from citetrack.export.pages import CSS, esc, html_page
from citetrack.models import LinkStatus
from citetrack.store import Store
from citetrack.store.flags import FlagFilter, StoredFlag, list_flags
from citetrack.store.views import DocumentHealth, RunHealth, document_health, link_health

# Status order (bottom of each bar first) and colours of the chart; colour-blind-safe (Okabe-Ito).
STATUS_COLOURS = {
    LinkStatus.OK: "#009E73", LinkStatus.REDIRECTED: "#56B4E9", LinkStatus.BLOCKED: "#E69F00",
    LinkStatus.ERROR: "#999999", LinkStatus.SOFT_404: "#CC79A7", LinkStatus.DEAD: "#D55E00",
}
CHART_WIDTH, CHART_HEIGHT = 720, 300
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 150, 16, 48
MAX_BAR_WIDTH = 56
# Room one x-axis label needs ("2024-03-10" at 12px, with a gap): with more runs than fit, only
# every k-th run is labelled (the latest always), so labels never overlap.
LABEL_WIDTH = 76


@dataclass
class ReportData:
    title: str
    runs: list[RunHealth] = field(default_factory=list)
    documents: list[DocumentHealth] = field(default_factory=list)
    open_flags: list[StoredFlag] = field(default_factory=list)
    document_titles: dict[int, str] = field(default_factory=dict)
    generated: str = ""


def report_data(store: Store, document_id: int | None = None) -> ReportData:
    """Everything the report shows, for one document or the whole store."""
    documents = document_health(store, document_id)
    titles = {doc.id: doc.title or doc.path for doc in documents}
    title = f"citetrack report: {titles[document_id]}" if document_id is not None else "citetrack report"
    return ReportData(
        title=title,
        runs=link_health(store, document_id),
        documents=documents,
        open_flags=list_flags(store, FlagFilter(document_id=document_id, status="open")),
        document_titles=titles,
        generated=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    )


def axis_ticks(value: int, ticks: int = 4) -> list[int]:
    """Whole-number ticks from 0 to a round top at or above `value`, steps of 1, 2 or 5 × 10^n."""
    rough = max(1, value) / ticks
    magnitude = 1
    while True:
        step = next((s * magnitude for s in (1, 2, 5) if s * magnitude >= rough), None)
        if step:
            break
        magnitude *= 10
    top = step * -(-max(1, value) // step)
    return list(range(0, top + 1, step))


def health_chart(runs: Sequence[RunHealth]) -> str:
    """Stacked bars of link statuses per check run, as inline SVG."""
    if not runs:
        return '<p class="empty" id="link-health-empty">No link checks yet: run <code>citetrack check</code>.</p>'
    statuses = [s for s in STATUS_COLOURS if any(run.counts.get(s) for run in runs)]
    statuses += sorted({s for run in runs for s in run.counts} - set(STATUS_COLOURS))
    ticks = axis_ticks(max(sum(run.counts.values()) for run in runs))
    top = ticks[-1]
    plot_w = CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = plot_w / len(runs)
    label_every = max(1, -(-LABEL_WIDTH // int(slot)) if slot >= 1 else len(runs))
    bar_w = min(MAX_BAR_WIDTH, slot * 0.7)
    y_of = lambda value: MARGIN_TOP + plot_h - plot_h * value / top  # noqa: E731
    parts = [
        f'<svg id="link-health-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="chart-title chart-desc">',
        '<title id="chart-title">Link health per check run</title>',
        f'<desc id="chart-desc">Stacked bars: how many links ended in each status, for {len(runs)} check runs.</desc>',
    ]
    for value in ticks:
        y = y_of(value)
        label = str(value)
        parts.append(f'<line class="grid" x1="{MARGIN_LEFT}" x2="{MARGIN_LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    for index, run in enumerate(runs):
        x = MARGIN_LEFT + slot * index + (slot - bar_w) / 2
        base = 0
        parts.append(f'<g class="bar" data-run="{esc(run.label)}">')
        for status in statuses:
            count = run.counts.get(status, 0)
            if not count:
                continue
            y_top, y_bottom = y_of(base + count), y_of(base)
            colour = STATUS_COLOURS.get(status, "#444444")
            parts.append(
                f'<rect class="segment status-{esc(status)}" x="{x:.1f}" y="{y_top:.1f}" width="{bar_w:.1f}" '
                f'height="{y_bottom - y_top:.1f}" fill="{colour}" data-status="{esc(status)}" data-count="{count}">'
                f"<title>{esc(run.label)}: {count} {esc(status)}</title></rect>"
            )
            base += count
        day = (run.at or "")[:10]
        centre = x + bar_w / 2
        if (len(runs) - 1 - index) % label_every == 0:
            parts.append(f'<text class="label" x="{centre:.1f}" y="{CHART_HEIGHT - MARGIN_BOTTOM + 16}" text-anchor="middle">{esc(run.label)}</text>')
            parts.append(f'<text class="label date" x="{centre:.1f}" y="{CHART_HEIGHT - MARGIN_BOTTOM + 32}" text-anchor="middle">{esc(day)}</text>')
        parts.append("</g>")
    parts.append(f'<line class="axis" x1="{MARGIN_LEFT}" x2="{MARGIN_LEFT + plot_w}" y1="{y_of(0):.1f}" y2="{y_of(0):.1f}"/>')
    legend_x = CHART_WIDTH - MARGIN_RIGHT + 20
    for row, status in enumerate(reversed(statuses)):
        y = MARGIN_TOP + 8 + row * 22
        colour = STATUS_COLOURS.get(status, "#444444")
        parts.append(f'<rect class="legend-key" x="{legend_x}" y="{y}" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text class="legend" x="{legend_x + 20}" y="{y + 12}">{esc(status)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _share(count: int, share: float) -> str:
    return f"{count} ({share:.0%})"


def documents_table(documents: Sequence[DocumentHealth]) -> str:
    if not documents:
        return '<p class="empty">No documents: run <code>citetrack ingest</code>.</p>'
    rows = "".join(
        f"<tr><td>{doc.id}</td><td>{esc(doc.title or doc.path)}</td><td class='num'>{doc.sources}</td>"
        f"<td class='num'>{_share(doc.dead, doc.dead_share)}</td><td class='num'>{_share(doc.flagged, doc.flagged_share)}</td>"
        f"<td class='num'>{doc.open_flags}</td></tr>"
        for doc in documents
    )
    return (
        '<table id="documents-table"><caption>Documents: share of dead and flagged sources</caption><thead><tr>'
        "<th>id</th><th>document</th><th>sources</th><th>dead</th><th>flagged</th><th>open flags</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def flags_by_kind(flags: Sequence[StoredFlag], titles: dict[int, str]) -> str:
    if not flags:
        return '<p class="empty" id="no-open-flags">No open flags.</p>'
    grouped: dict[str, list[StoredFlag]] = defaultdict(list)
    for flag in flags:
        grouped[flag.kind].append(flag)
    sections = []
    for kind, group in sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0])):
        rows = "".join(
            f"<tr><td>{flag.id}</td><td>{esc(titles.get(flag.document_id, flag.document_id))}</td>"
            f"<td>{esc(flag.footnote if flag.footnote is not None else '')}</td>"
            f"<td class='sev-{esc(flag.severity)}'>{esc(flag.severity)}</td><td>{esc(flag.message)}</td></tr>"
            for flag in group
        )
        sections.append(
            f'<section class="flag-kind" id="flags-{esc(kind)}"><h3>{esc(kind)} <span class="count">({len(group)})</span></h3>'
            f'<table class="flags-table"><thead><tr><th>id</th><th>document</th><th>note</th><th>severity</th><th>message</th>'
            f"</tr></thead><tbody>{rows}</tbody></table></section>"
        )
    return "".join(sections)


REPORT_CSS = CSS + """
body { max-width: 64rem; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; font-size: .92rem; }
caption { text-align: left; color: var(--muted); padding-bottom: .3rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f6; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev-error { color: var(--dead); font-weight: 600; } .sev-warning { color: var(--warn); }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); } svg .grid { stroke: var(--line); }
svg .axis { stroke: var(--ink); } .figure { margin: 1rem 0 2rem; }
@media print { tr, .flag-kind { break-inside: avoid; page-break-inside: avoid; } th { background: none; } }
"""


def render_report(data: ReportData) -> str:
    """The report as one self-contained HTML page."""
    total_open = len(data.open_flags)
    body = f"""<header><h1>{esc(data.title)}</h1>
<p class="meta">Generated by citetrack {esc(__version__)} on {esc(data.generated)}: {len(data.documents)} document(s),
{sum(doc.sources for doc in data.documents)} cited sources, {total_open} open flag(s).</p></header>
<main>
<section id="link-health"><h2>Link health over time</h2><div class="figure">{health_chart(data.runs)}</div></section>
<section id="documents"><h2>Documents</h2>{documents_table(data.documents)}</section>
<section id="open-flags"><h2>Open flags by kind</h2>{flags_by_kind(data.open_flags, data.document_titles)}</section>
</main>"""
    return html_page(data.title, body, REPORT_CSS)

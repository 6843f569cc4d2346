"""Load: `citetrack check` over many URLs on many loopback hosts. The run completes, every URL is
checked once, no host ever has more requests in flight than `--per-host`, and the process's
peak memory stays under 300 MB. The quick part: 2,000 URLs on 50 hosts; the long part
(CITETRACK_SLOW=1): 100,000 URLs on 1,000 hosts."""

from __future__ import annotations

import json

import pytest

from hardening_kit import citetrack_argv, query, run_measured
from load_site import LoadSite

PEAK_RSS_LIMIT_MB = 300  # the bound the link-check issue sets for a run
PER_HOST = 2


def seed(db, site: LoadSite, urls_per_host: int) -> int:
    """Documents citing every page directly in the store (ingest is measured elsewhere)."""
    from citetrack.store import now, open_store

    stamp = now()
    total = 0
    with open_store(db) as store, store.transaction() as conn:
        hosts = len(site.addresses)
        per_document = 2000
        urls = [site.url(h, f"/u/{h}-{n}") for n in range(urls_per_host) for h in range(hosts)]
        for start in range(0, len(urls), per_document):
            chunk = urls[start : start + per_document]
            document_id = conn["documents"].insert(
                {"path": f"/load/doc-{start}.md", "format": "md", "title": f"Load {start}", "sha256": "x",
                 "ingested_at": stamp, "updated_at": stamp}).last_pk
            conn["citations"].insert_all(
                ({"document_id": document_id, "key": f"{i}#0", "footnote": str(i), "position": i,
                  "text": f"Source {i}. {url}"} for i, url in enumerate(chunk, 1)), batch_size=1000)
            citation_ids = [row["id"] for row in conn.query(
                "SELECT id FROM citations WHERE document_id = ? ORDER BY position", [document_id])]
            conn["urls"].insert_all(({"url": url, "first_seen": stamp} for url in chunk), batch_size=1000)
            url_ids = {row["url"]: row["id"] for row in conn.query(
                f"SELECT id, url FROM urls WHERE id > (SELECT coalesce(max(id), 0) - {len(chunk)} FROM urls)")}
            conn["citation_urls"].insert_all(
                ({"citation_id": cid, "position": 0, "url_id": url_ids[url], "written": url}
                 for cid, url in zip(citation_ids, chunk)), batch_size=1000)
            total += len(chunk)
    return total


def run_check(db, *args: str) -> tuple[int, dict, float, float]:
    """`citetrack check` as a process: (exit code, JSON, its own peak RSS in MB, seconds)."""
    run = run_measured(citetrack_argv("--db", str(db), "check", "--json", *args))
    assert run.exit_code in (0, 1), run.stderr[-3000:]
    return run.exit_code, json.loads(run.stdout), run.peak_mb, run.seconds


def load_run(tmp_path, hosts: int, urls_per_host: int, figures, *, limit_binds: bool = False) -> None:
    db = tmp_path / "store" / "citetrack.db"
    with LoadSite(hosts, latency_ms=5) as site:
        total = seed(db, site, urls_per_host)
        code, report, peak_mb, elapsed = run_check(
            db, "--allow-private", "--per-host", str(PER_HOST), "--concurrency", "32", "--timeout", "20")
        requests = site.requests
        max_inflight = max(site.max_inflight.values())
        max_connections = max(site.max_connections.values())
        hosts_seen = len(site.max_inflight)
    assert code == 0
    assert report["checked"] == total
    statuses = {result["status"] for result in report["results"]}
    assert statuses == {"ok"}, statuses
    assert hosts_seen == hosts
    assert max_inflight <= PER_HOST, f"a host had {max_inflight} requests in flight (limit {PER_HOST})"
    if limit_binds:  # few hosts, many URLs, 32 workers: the limit is reached (the counter works)
        assert max_inflight == PER_HOST
    assert requests >= total
    assert peak_mb < PEAK_RSS_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"
    [(run_id,)] = query(db, "SELECT max(id) FROM runs WHERE kind = 'check'")
    assert query(db, "SELECT count(*), count(DISTINCT url_id) FROM checks WHERE run_id = ?", (run_id,)) == [(total, total)]
    figures.add("load_urls", total, "max")
    figures.add("load_hosts", hosts, "max")
    figures.add("load_peak_rss_mb", round(peak_mb), "max")
    figures.add("load_seconds", round(elapsed, 1), "max")
    figures.add("load_urls_per_second", round(total / elapsed), "max")
    figures.add("load_max_inflight_per_host", max_inflight, "max")
    figures.add("load_max_connections_per_host", max_connections, "max")


def test_load_quick(tmp_path, figures):
    load_run(tmp_path, hosts=50, urls_per_host=40, figures=figures)


def test_per_host_limit_holds_on_hot_hosts(tmp_path, figures):
    load_run(tmp_path, hosts=4, urls_per_host=150, figures=figures, limit_binds=True)


@pytest.mark.slow
def test_load_100k_urls_on_1000_hosts(tmp_path, figures):
    load_run(tmp_path, hosts=1000, urls_per_host=100, figures=figures)

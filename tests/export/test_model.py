"""The shared export model: safe links, source kinds, names, keys, annotations."""

from __future__ import annotations

from citetrack.export.model import BibEntry, FlagInfo, LinkInfo, annotations, cite_keys, person_name, safe_url


def test_safe_url_allows_only_web_schemes():
    assert safe_url("https://a.example/x") == "https://a.example/x"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "vbscript:x", "", None):
        assert safe_url(bad) is None


def test_kinds_of_source():
    assert BibEntry(1, "x", links=(LinkInfo("https://x.com/a/status/1"),)).kind == "post"
    assert BibEntry(1, "x", links=(LinkInfo("https://t.me/channel/5"),)).kind == "post"
    assert BibEntry(1, "x", links=(LinkInfo("https://a.example/file.PDF"),)).kind == "report"
    assert BibEntry(1, "Annual report 2020").kind == "report"
    assert BibEntry(1, "x", outlet="Valley Times").kind == "article"
    assert BibEntry(1, "x", links=(LinkInfo("https://a.example/page"),)).kind == "webpage"


def test_person_names_and_organisations():
    assert person_name("Ann Smith") == ("Ann", "Smith")
    assert person_name("Smith, Ann") == ("Ann", "Smith")
    assert person_name("Ministry of Water") is None
    assert person_name("UNICEF") is None


def test_cite_keys_are_unique_and_readable(entries):
    twins = [BibEntry(i, "x", authors=("Ann Smith",), date="2023-01-01") for i in (1, 2, 3)]
    twin_keys = cite_keys(twins)
    assert twin_keys == {1: "smith2023", 2: "smith2023-2", 3: "smith2023-3"}  # one source cited three times
    keys = cite_keys(entries)
    assert len(set(keys.values())) == len(entries)
    assert all(key.isascii() and key.replace("_", "").replace("-", "").isalnum() for key in keys.values())


def test_cite_keys_do_not_depend_on_position_or_neighbours():
    """A key comes from the source itself: a new source placed first, or a reordering, keeps
    every other key (the manuscript's `[@harbour2024]` keeps citing the same source)."""
    def gazette(cid: int, path: str, title: str) -> BibEntry:
        return BibEntry(cid, f"Harbour Gazette, {title}", outlet="Harbour Gazette", title=title, date="2024-06-12",
                        links=(LinkInfo(f"http://harbour.example/{path}", url_id=cid),))

    before = [gazette(10, "drawdown", "Water board approves drawdown"), gazette(11, "quota", "Neutral growers caught")]
    keys = cite_keys(before)
    assert keys == {10: "harbour2024water", 11: "harbour2024neutral"}
    after = cite_keys([gazette(12, "ferry", "Water ferry timetable"), *reversed(before)])  # a new note first
    assert after[10] == keys[10] and after[11] == keys[11]
    assert after[12].startswith("harbour2024water-")  # the newcomer gets the hash, not the old source
    assert cite_keys([before[1]]) == {11: keys[11]}  # alone, or with others: the same key


def test_undated_sources_say_so_in_their_key():
    undated = BibEntry(1, "Vessa Daily Post, rice growers", outlet="Vessa Daily Post", title="The rice growers")
    assert cite_keys([undated])[1] == "vessa_nd_rice"
    assert cite_keys([BibEntry(2, "x", outlet="Vessa Daily Post")])[2] == "vessa_nd"


def test_annotations_carry_status_archives_flags_and_decisions(entries):
    lines = annotations(entries[0])
    assert lines[0] == "Link dead (HTTP 404), last checked 2024-03-10"
    assert any(line.startswith("Archived copy https://web.archive.org/") and "(2024-03-03)" in line for line in lines)
    assert any("Local snapshot 2024-03-03" in line for line in lines)
    assert "Flag misdated (warning, dismissed): Note 1: dates differ [dismissed by rev on 2024-03-11: Checked by phone]" in lines
    assert annotations(BibEntry(9, "x")) == ["No link given"]
    assert annotations(BibEntry(9, "x", links=(LinkInfo("https://a.example"),), flags=(FlagInfo(1, "moved", "warning", "m"),))) == [
        "Link not checked yet", "Flag moved (warning, open): m"]


def test_link_detail_says_why_a_link_is_dead_rather_than_the_final_status():
    from citetrack.export.model import LinkInfo, link_annotation

    home = LinkInfo(url="http://a.example/x", status="dead", http_status=200, reason="home-page", checked_at="2024-03-10T00:00:00+00:00")
    assert "redirects to the site's home page" in link_annotation(home) and "HTTP 200" not in link_annotation(home)
    live = LinkInfo(url="http://a.example/y", status="ok", http_status=200, reason=None, checked_at="2024-03-10T00:00:00+00:00")
    assert "(HTTP 200)" in link_annotation(live)


def test_inserting_a_note_keeps_every_other_key(store, tmp_path):
    """Re-ingesting a document with a new note placed first (every note renumbered) keeps the key
    of every source that was there before, twins from one outlet and year included."""
    import json

    from citetrack import IngestOptions, ingest
    from citetrack.export import export

    sources = [
        'Harbour Gazette, "Water board approves drawdown," 12 June 2024. <http://gazette.example/a>',
        'Harbour Gazette, "Water board meets again," 19 October 2024. <http://gazette.example/b>',
        'Tomas Reid, "Rice growers count the cost," Vessa Daily Post, 2 September 2024. <http://post.example/c>',
        'Vessa Farmers\' Union, "Statement on the quota." <http://union.example/d>',
    ]

    def write(notes: list[str]) -> None:
        body = " ".join(f"Claim number {i} stands here.[^{i}]" for i in range(1, len(notes) + 1))
        defs = "\n\n".join(f"[^{i}]: {note}" for i, note in enumerate(notes, 1))
        (tmp_path / "paper.md").write_text(f"# Paper\n\n{body}\n\n{defs}\n", encoding="utf-8")

    def keys_by_url() -> dict[str, str]:
        return {item["URL"]: item["id"] for item in json.loads(export(store, "csl-json"))}

    write(sources)
    ingest(store, str(tmp_path / "paper.md"), IngestOptions())
    before = keys_by_url()
    assert len(set(before.values())) == 4 and before["http://gazette.example/a"] == "harbour2024water"
    write(['Harbour Gazette, "Water levels fall," 1 May 2024. <http://gazette.example/new>', *sources])
    ingest(store, str(tmp_path / "paper.md"), IngestOptions())
    after = keys_by_url()
    assert {url: after[url] for url in before} == before
    assert after["http://gazette.example/new"] not in before.values()

"""Running heads and feet found by repetition in text copied out of a PDF."""

from citetrack.read.furniture import drop_running_lines


def _page(number: int, total: int, body: list[str]) -> str:
    head = ["3/14/25, 9:41 AM", "Ferry Timetables: A Short History"]
    foot = ["file:///home/ana/ferries.html", f"{number}/{total}"]
    return "\n".join([*head, *body, *foot])


def test_a_browser_print_header_and_footer_are_dropped_from_every_page():
    bodies = [
        ["The first timetable was printed in 1852.1", "It listed four sailings."],
        ["Later editions added winter services.2", "Prices were shown in pence."],
        ["Notes", "1 Harbour Archive, https://archive.example.org/1852."],
        ["2 Ferry Company, Annual Report 1901, p. 4."],
    ]
    text = "\f".join(_page(number, len(bodies), body) for number, body in enumerate(bodies, start=1))
    cleaned = drop_running_lines(text)
    assert "file://" not in cleaned
    assert "9:41 AM" not in cleaned
    assert "Ferry Timetables" not in cleaned
    assert "/4" not in cleaned
    for body in bodies:
        for line in body:
            assert line in cleaned
    assert cleaned.count("\f") == text.count("\f")


def test_lone_numbers_and_lines_on_few_pages_stay():
    pages = [
        ["Body of page one.", "7", "A note whose label stood alone."],
        ["Body of page two.", "8", "Another note."],
        ["Body of page three.", "9", "A third note."],
    ]
    text = "\f".join("\n".join(lines) for lines in pages)
    assert drop_running_lines(text) == text


def test_text_of_two_pages_is_too_short_to_tell_furniture_from_text():
    text = "Annual Report\nFirst page.\fAnnual Report\nSecond page."
    assert drop_running_lines(text) == text


def test_a_running_title_on_most_pages_goes_but_body_lines_do_not():
    """A body line opening each page and differing only in a number that does not follow the
    pages (a table's rows, say) is text, not a running head."""
    pages = [["Annual Report 2024", f"Paragraph {n} says something different."] for n in (7, 3, 9, 4)]
    pages.append(["The last page has no running head."])
    cleaned = drop_running_lines("\f".join("\n".join(lines) for lines in pages))
    assert "Annual Report" not in cleaned
    assert all(f"Paragraph {n} says something different." in cleaned for n in (7, 3, 9, 4))
    assert "The last page has no running head." in cleaned


def test_a_running_foot_with_the_page_number_in_it_goes():
    bodies = ["Tolls rose in spring.", "The board met twice.", "Fares were frozen."]
    pages = [[body, f"Harbour Board | Annual Report 2024 | {n + 2}"] for n, body in enumerate(bodies, start=1)]
    cleaned = drop_running_lines("\f".join("\n".join(lines) for lines in pages))
    assert "Harbour Board" not in cleaned
    assert all(body in cleaned for body in bodies)


def test_a_layout_running_head_whose_section_changes_is_dropped_by_its_title():
    """`pdftotext -layout` sets a report's running head as its title and the current section far
    apart on one line: the title repeats, the section changes, and the line goes."""
    sections = ["1. Introduction", "2. Findings", "2. Findings", "3. What residents told us"]
    words = "the wall was surveyed again and its score fell in every one of the four years".split()
    pages = [
        "\n".join([f"Harbour Wall Review{' ' * 40}{section}", ""] + [f"The {words[number + row]} came." for row in range(8)])
        for number, section in enumerate(sections)
    ]
    cleaned = drop_running_lines("\f".join(pages))
    assert "Harbour Wall Review" not in cleaned
    assert "What residents told us" not in cleaned
    assert all(f"The {words[number]} came." in cleaned for number in range(4))


def test_page_numbers_are_the_numbers_rising_with_the_pages():
    """Numbers whose value minus their page's index stays the same, on enough of the pages with
    text, are page numbers, wherever each page sets them; a number that does not rise is not."""
    from citetrack.read.furniture import rising_page_numbers

    found = [(0, 1, "foot 1"), (1, 2, "head 2"), (2, 3, "head 3"), (2, 12, "a label"), (3, 4, "foot 4")]
    assert rising_page_numbers(found, printed_pages=4) == ["foot 1", "head 2", "head 3", "foot 4"]
    assert rising_page_numbers([(0, 1, "1"), (5, 9, "9")], printed_pages=6) == []


_TABLE_HEAD = ["Season", "Route", "Changes", "made"]  # a narrow table's head, one word per line as pdftotext prints it


def test_a_table_head_repeated_at_the_top_of_each_page_is_dropped_overleaf():
    """A table running over three pages whose head row the renderer repeats at the top of each
    (Word, LibreOffice): the repeats go, cells carried over and printed among them
    (`Summer`) stay, and the head where the table starts, mid-page, stays."""
    pages = [[f"Page {number} of the history tells of the boats."] for number in range(1, 4)] + [
        ["The timetable changed every season.", "", *_TABLE_HEAD, "Spring", "The Monday", "sailing"],
        [*_TABLE_HEAD[:2], "Summer", *_TABLE_HEAD[2:], "moved to", "the pier."],
        [*_TABLE_HEAD, "Winter", "Two sailings", "were cut."],
    ]
    cleaned = drop_running_lines("\f".join("\n".join(lines) for lines in pages)).split("\f")[3:]
    assert all(word in cleaned[0] for word in _TABLE_HEAD)
    for page in cleaned[1:]:
        assert not any(line in _TABLE_HEAD for line in page.split("\n"))
    assert "Summer\n" in cleaned[1] and "moved to\nthe pier." in cleaned[1]
    assert "Winter\nTwo sailings\nwere cut." in cleaned[2]


def test_two_lines_or_figures_repeated_at_the_top_of_pages_are_no_table_head():
    """Fewer lines of words than a head row needs (`Season` / `Route`), or lines of figures
    only, opening consecutive pages are text."""
    pages = [
        ["Season", "Route", "The boats ran late.", "12", "14", "16"],
        ["Season", "Route", "The fares rose.", "12", "14", "16"],
        ["12", "14", "16", "The piers were mended."],
        ["12", "14", "16", "The sheds were painted."],
    ]
    text = "\f".join("\n".join(lines) for lines in pages)
    assert drop_running_lines(text) == text

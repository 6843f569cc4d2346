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

"""BibTeX (biblatex flavour): @online, @article and @report with `urldate`, LaTeX-escaped.

News articles are `@article` with `entrysubtype = {newspaper}`, which biblatex and pandoc
--citeproc read as a newspaper article (outlet and full date), not a journal article.
"""

from __future__ import annotations

from collections.abc import Sequence

from citetrack.export.model import BibEntry, annotations, cite_keys, person_name, safe_url

ENTRY_TYPES = {"post": "online", "webpage": "online", "article": "article", "report": "report"}

_LATEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
}


def latex_escape(text: str) -> str:
    """Text safe inside a braced BibTeX field: every LaTeX special escaped, whitespace flattened."""
    return "".join(_LATEX.get(ch, ch) for ch in " ".join(text.split()))


def url_field(url: str) -> str:
    """A URL as biblatex reads it (verbatim): only braces and spaces need encoding."""
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _author(name: str) -> str:
    person = person_name(name)
    if person:
        return f"{latex_escape(person[1])}, {latex_escape(person[0])}"
    return "{" + latex_escape(name) + "}"  # an organisation: kept whole


def bibtex_entry(entry: BibEntry, key: str) -> str:
    entry_type = ENTRY_TYPES[entry.kind]
    fields: list[tuple[str, str]] = [("title", latex_escape(entry.label))]
    if entry.kind == "article":
        fields.append(("entrysubtype", "newspaper"))
    if entry.authors:
        fields.append(("author", " and ".join(_author(name) for name in entry.authors)))
    if entry.outlet:
        fields.append(({"article": "journaltitle", "report": "institution"}.get(entry_type, "organization"), latex_escape(entry.outlet)))
    issued = entry.issued
    if issued:
        fields.append(("date", {"year": f"{issued.year}", "month": f"{issued:%Y-%m}"}.get(entry.date_precision or "", issued.isoformat())))
        fields.append(("year", str(issued.year)))
    link = entry.link
    url = safe_url(link.url) if link else None
    if url:
        fields.append(("url", url_field(url)))
    accessed = entry.accessed_on()
    if accessed:
        fields.append(("urldate", accessed.isoformat()))
    if entry_type == "report":
        fields.append(("type", "Report"))
    notes = annotations(entry)
    if entry.footnote is not None:
        notes.insert(0, f"Note {entry.footnote}")
    fields.append(("note", latex_escape(". ".join(line.rstrip(".") for line in notes) + ".")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


def to_bibtex(entries: Sequence[BibEntry]) -> str:
    keys = cite_keys(list(entries))
    return "\n".join(bibtex_entry(entry, keys[entry.id]) for entry in entries)

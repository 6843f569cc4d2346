"""Write a LibreOffice Writer flat ODF text document (.fodt) from a small hand-written markup
(src/<name>.txt).  Used by build.py; no document text lives here.

Markup, one block per group of lines separated by a blank line:
  :title TEXT / :sub TEXT     title and subtitle paragraphs
  # TEXT, ## TEXT              Heading 1, Heading 2
  - TEXT                       bulleted list item (consecutive lines)
  | a | b | c |                table row (consecutive lines; the first row is the header row)
  >>cols / <<cols              a Writer section with two columns around the blocks between
  anything else                a body paragraph (its lines joined by a space)
Inline: {{...}} a note (footnote or endnote, as the document says); [text](url) a hyperlink
whose visible text is TEXT; <url> a hyperlink whose visible text is the URL; *text* italic;
a URL written without brackets is plain text (no hyperlink).
"""
import re
from xml.sax.saxutils import escape

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"')

TOKEN = re.compile(r"\{\{(?P<note>.*?)\}\}|\[(?P<ltext>[^\]]+)\]\((?P<lurl>[^)\s]+)\)|<(?P<url>https?://[^>\s]+)>|\*(?P<it>[^*]+)\*")


class Doc:
    def __init__(self, opts):
        self.o = opts
        self.n = 0
        self.urls = []          # (note number or None, url, 'shown' / 'hidden' / 'bare')
        self.tables = 0

    def inline(self, s, in_note=None):
        out, pos = [], 0
        for m in TOKEN.finditer(s):
            out.append(self.plain(s[pos:m.start()], in_note))
            pos = m.end()
            if m.group("note") is not None:
                if in_note is not None:
                    raise ValueError("note inside a note")
                out.append(self.note(m.group("note")))
            elif m.group("lurl"):
                self.urls.append((in_note, m.group("lurl"), "shown" if m.group("ltext") == m.group("lurl") else "hidden"))
                out.append(self.link(m.group("lurl"), self.plain(m.group("ltext"), None, record=False)))
            elif m.group("url"):
                self.urls.append((in_note, m.group("url"), "shown"))
                out.append(self.link(m.group("url"), escape(m.group("url"))))
            else:
                out.append('<text:span text:style-name="Emph">' + self.inline(m.group("it"), in_note) + "</text:span>")
        out.append(self.plain(s[pos:], in_note))
        return "".join(out)

    def plain(self, s, in_note, record=True):
        if record:
            for u in re.findall(r"https?://[^\s<>]+", s):
                self.urls.append((in_note, u.rstrip(".,;)"), "bare"))
        return escape(s).replace("\t", "<text:tab/>")

    def link(self, url, inner):
        return (f'<text:a xlink:type="simple" xlink:href="{escape(url, {chr(34): "&quot;"})}" '
                f'text:style-name="Internet_20_link" text:visited-style-name="Visited_20_Internet_20_Link">{inner}</text:a>')

    def note(self, body):
        self.n += 1
        cls = self.o.get("notes", "footnote")
        lead = "<text:tab/>" if self.o.get("tab_after_number") else ""
        style = "Endnote" if cls == "endnote" else "Footnote"
        return (f'<text:note text:id="ftn{self.n}" text:note-class="{cls}"><text:note-citation>{self.n}</text:note-citation>'
                f'<text:note-body><text:p text:style-name="{style}">{lead}{self.inline(body, self.n)}</text:p></text:note-body></text:note>')

    def blocks(self, src):
        groups, cur = [], []
        for line in src.splitlines():
            if line.strip().startswith("%%"):
                continue
            if not line.strip():
                if cur:
                    groups.append(cur)
                cur = []
            else:
                cur.append(line.rstrip())
        if cur:
            groups.append(cur)
        out = []
        for g in groups:
            first = g[0]
            if first == ">>cols":
                out.append('<text:section text:style-name="Sect1" text:name="Section1">')
                continue
            if first == "<<cols":
                out.append("</text:section>")
                continue
            if first.startswith(":title "):
                out.append(f'<text:p text:style-name="Title">{self.inline(first[7:])}</text:p>')
                for ln in g[1:]:
                    out.append(f'<text:p text:style-name="Subtitle">{self.inline(ln.removeprefix(":sub "))}</text:p>')
            elif first.startswith("## "):
                out.append(f'<text:h text:style-name="Heading_20_2" text:outline-level="2">{self.inline(" ".join(g)[3:])}</text:h>')
            elif first.startswith("# "):
                out.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{self.inline(" ".join(g)[2:])}</text:h>')
            elif first.startswith("- "):
                items, buf = [], None
                for ln in g:
                    if ln.startswith("- "):
                        if buf is not None:
                            items.append(buf)
                        buf = ln[2:]
                    else:
                        buf += " " + ln.strip()
                items.append(buf)
                out.append('<text:list text:style-name="L1">' + "".join(
                    f'<text:list-item><text:p text:style-name="P_List">{self.inline(i)}</text:p></text:list-item>' for i in items)
                    + "</text:list>")
            elif first.startswith("|"):
                self.tables += 1
                rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in g]
                ncol = len(rows[0])
                t = [f'<table:table table:name="Table{self.tables}" table:style-name="Tbl">'
                     f'<table:table-column table:style-name="TblCol" table:number-columns-repeated="{ncol}"/>']
                for i, r in enumerate(rows):
                    assert len(r) == ncol, r
                    cells = "".join(f'<table:table-cell table:style-name="TblCell" office:value-type="string">'
                                    f'<text:p text:style-name="{"Table_20_Heading" if i == 0 else "Table_20_Contents"}">{self.inline(c)}</text:p></table:table-cell>'
                                    for c in r)
                    row = f"<table:table-row>{cells}</table:table-row>"
                    t.append(f"<table:table-header-rows>{row}</table:table-header-rows>" if i == 0 else row)
                t.append("</table:table>")
                out.append("".join(t))
            else:
                out.append(f'<text:p text:style-name="Text_20_body">{self.inline(" ".join(g))}</text:p>')
        return "\n".join(out)


def page_dims(paper):
    return ("21.001cm", "29.7cm") if paper == "A4" else ("21.59cm", "27.94cm")


def fodt(src, o):
    """o: title, author, date (YYYY-MM-DD), paper (A4/Letter), margin, font, size (pt), note_size (pt),
    notes (footnote/endnote), tab_after_number, header (text or None), footer ('page' / 'page-of' / None),
    lang, country, line_height."""
    d = Doc(o)
    body = d.blocks(src)
    w, h = page_dims(o.get("paper", "A4"))
    m = o.get("margin", "2cm")
    font, size, nsize = o.get("font", "Liberation Serif"), o.get("size", 12), o.get("note_size", 10)
    lang, country = o.get("lang", "en"), o.get("country", "GB")
    hf = ""
    if o.get("header"):
        hf += (f'<style:header><text:p text:style-name="Header">{escape(o["header"])}<text:tab/><text:tab/>'
               f'{escape(o.get("header_right", ""))}</text:p></style:header>')
    if o.get("footer") == "page":
        hf += '<style:footer><text:p text:style-name="Footer_C"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>'
    elif o.get("footer") == "page-of":
        hf += ('<style:footer><text:p text:style-name="Footer_C">Page <text:page-number text:select-page="current">1</text:page-number>'
               ' of <text:page-count>1</text:page-count></text:p></style:footer>')
    hstyle = ('<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style>'
              if o.get("header") else "<style:header-style/>")
    fstyle = ('<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style>'
              if o.get("footer") else "<style:footer-style/>")
    indent = o.get("note_indent", "0.5cm")
    lh = o.get("line_height", "115%")
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS}>
<office:meta><dc:title>{escape(o["title"])}</dc:title><meta:initial-creator>{escape(o["author"])}</meta:initial-creator><dc:creator>{escape(o["author"])}</dc:creator><meta:creation-date>{o["date"]}T09:00:00</meta:creation-date><dc:date>{o["date"]}T17:30:00</dc:date></office:meta>
<office:font-face-decls>
<style:font-face style:name="{font}" svg:font-family="&apos;{font}&apos;" style:font-family-generic="roman" style:font-pitch="variable"/>
<style:font-face style:name="Liberation Sans" svg:font-family="&apos;Liberation Sans&apos;" style:font-family-generic="swiss" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties style:tab-stop-distance="1.25cm"/><style:text-properties style:font-name="{font}" fo:font-size="{size}pt" fo:language="{lang}" fo:country="{country}" fo:hyphenate="false"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.247cm" fo:line-height="{lh}" fo:text-align="{o.get("align", "start")}"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="20pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="12pt" fo:font-style="italic"/></style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.423cm" fo:margin-bottom="0.212cm" fo:keep-with-next="always"/><style:text-properties style:font-name="Liberation Sans" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="1" style:class="text"><style:text-properties fo:font-size="15pt"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="2" style:class="text"><style:text-properties fo:font-size="13pt" fo:font-style="italic"/></style:style>
<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:margin-left="{indent}" fo:text-indent="-{indent}" fo:margin-bottom="0.05cm"/><style:text-properties fo:font-size="{nsize}pt"/></style:style>
<style:style style:name="Endnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:margin-left="{indent}" fo:text-indent="-{indent}" fo:margin-bottom="0.1cm"/><style:text-properties fo:font-size="{nsize}pt"/></style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="8.5cm" style:type="center"/><style:tab-stop style:position="17cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="9pt"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-size="9pt"/></style:style>
<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-size="{max(size - 1, 9)}pt"/></style:style>
<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol" style:family="text"/>
<style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
<style:style style:name="Endnote_20_Symbol" style:display-name="Endnote Symbol" style:family="text"/>
<style:style style:name="Endnote_20_anchor" style:display-name="Endnote anchor" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
<style:style style:name="Internet_20_link" style:display-name="Internet link" style:family="text"><style:text-properties fo:color="#000080" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>
<style:style style:name="Visited_20_Internet_20_Link" style:display-name="Visited Internet Link" style:family="text"><style:text-properties fo:color="#800000" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>
<text:notes-configuration text:note-class="footnote" text:citation-style-name="Footnote_20_Symbol" text:citation-body-style-name="Footnote_20_anchor" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
<text:notes-configuration text:note-class="endnote" text:citation-style-name="Endnote_20_Symbol" text:citation-body-style-name="Endnote_20_anchor" style:num-format="1" text:start-value="0"/>
</office:styles>
<office:automatic-styles>
<style:style style:name="Footer_C" style:family="paragraph" style:parent-style-name="Footer"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="P_List" style:family="paragraph" style:parent-style-name="Text_20_body" style:list-style-name="L1"/>
<style:style style:name="Emph" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Sect1" style:family="section"><style:section-properties text:dont-balance-text-columns="false"><style:columns fo:column-count="2" fo:column-gap="0.7cm"><style:column style:rel-width="32767*" fo:start-indent="0cm" fo:end-indent="0.35cm"/><style:column style:rel-width="32768*" fo:start-indent="0.35cm" fo:end-indent="0cm"/></style:columns></style:section-properties></style:style>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="{o.get("table_width", "16cm")}" table:align="margins" fo:margin-top="0.2cm" fo:margin-bottom="0.3cm"/></style:style>
<style:style style:name="TblCol" style:family="table-column"/>
<style:style style:name="TblCell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #000000"/></style:style>
<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:style-name="Bullet_20_Symbols" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="1.27cm" fo:text-indent="-0.635cm" fo:margin-left="1.27cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="{w}" fo:page-height="{h}" style:print-orientation="portrait" fo:margin-top="{m}" fo:margin-bottom="{m}" fo:margin-left="{m}" fo:margin-right="{m}" style:writing-mode="lr-tb"><style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.101cm" style:distance-after-sep="0.101cm" style:line-style="solid" style:adjustment="left" style:rel-width="25%" style:color="#000000"/></style:page-layout-properties>{hstyle}{fstyle}</style:page-layout>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="pm1">{hf}</style:master-page>
</office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
''', d

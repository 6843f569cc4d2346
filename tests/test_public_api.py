"""The library is usable without the CLI: every name in `citetrack.__all__` resolves."""

import citetrack


def test_every_public_name_resolves_to_a_function_or_class():
    for name in citetrack.__all__:
        value = getattr(citetrack, name)
        assert callable(value) or name == "__version__", name


def test_ingest_then_list_without_the_cli(tmp_path):
    from pathlib import Path

    from citetrack.store.documents import list_claims

    example = Path(__file__).resolve().parents[1] / "examples" / "river-delta-brief.txt"
    with citetrack.open_store(tmp_path / "c.db") as store:
        report = citetrack.ingest(store, example)
        assert report.claims == len(list_claims(store, report.document_id)) == 8


def test_every_name_in_every_packages_all_imports():
    """`from citetrack.export import BibEntry` and its like: each package's `__all__` is importable."""
    import importlib
    import pkgutil

    broken = []
    for info in pkgutil.walk_packages(citetrack.__path__, "citetrack."):
        if info.name.endswith("__main__"):  # running it is the command line itself
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            if not hasattr(module, name):
                broken.append(f"{info.name}.{name}")
    assert broken == []


def test_the_bibliography_entry_is_a_public_name():
    from citetrack.export import BibEntry

    assert BibEntry(id=1, text="A source.").label == "A source."

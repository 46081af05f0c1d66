"""Move page texts from the hand-written (de, en) tables onto the gettext catalogue, mechanically.

Run from the repository root: ``.venv/bin/python scripts/babel_convert.py [--rev REV]``. It

1. reads every old-style table (``KEY: (German, English)``) from ``companion/web/i18n.py`` and
   ``companion/web/design_texts.py`` – in the work tree and, if given, at git revision ``REV`` (so the
   tables of a branch that still has them can be folded in after a rebase) – plus the key table it
   generated before (``companion/web/i18n_keys.py``);
2. writes ``companion/web/i18n_keys.py``: old key → English msgid (the thin keyed lookup for code that
   still says ``t("key")``, and for keys built at run time such as ``"status_" ~ status``);
3. rewrites literal ``t("key")`` / ``d("key")`` / ``plural("key", n)`` in templates and
   ``text("key", lang)`` in Python to ``_("English")`` / ``pgettext(...)`` / ``tr(lang).gettext(...)``;
4. adds the German of every msgid to ``companion/locales/de/LC_MESSAGES/messages.po``.

It is idempotent: a second run changes nothing. Clashes (one English text, two German ones) are
resolved by ``CONTEXTS`` (a msgctxt per key) and reported if any remain.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "companion/locales/de/LC_MESSAGES/messages.po"
KEYS_FILE = ROOT / "companion/web/i18n_keys.py"
# namespace → (table file, table name, template call name)
SOURCES = {
    "text": ("companion/web/i18n.py", "TEXTS", "t"),
    "error": ("companion/web/i18n.py", "ERROR_TEXTS", None),
    "design": ("companion/web/design_texts.py", "TEXTS", "d"),
    "code": ("companion/web/design_texts.py", "CODE_TEXTS", None),
    "eval": ("companion/evaluation/texts.py", "TEXTS", "et"),
}
# One English text with two German ones: the second gets a msgctxt.
CONTEXTS = {
    ("text", "signin_title"): "heading",
    ("text", "plan_session"): "page",
    ("text", "reflection_edit"): "reflection",
    ("text", "health"): "insights",
    ("design", "cat_technology"): "topic plan",
    ("eval", "round_open"): "survey",
}
PLURALS = {
    "reflections_n": ("{count} reflection", "{count} reflections", "{count} Reflexion", "{count} Reflexionen")
}

Entry = tuple[str | None, str, str]  # msgctxt, English msgid, German


def old_tables(source: str) -> dict[str, dict]:
    """Module-level ``NAME = {...}`` literals of a Python source."""
    out: dict[str, dict] = {}
    for node in ast.parse(source).body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and getattr(node, "value", None) is not None:
            try:
                value = ast.literal_eval(node.value)  # type: ignore[arg-type]
            except ValueError:
                continue
            if isinstance(value, dict):
                out[target.id] = value
    return out


def generated_keys() -> dict[str, dict[str, tuple[str | None, str]]]:
    """The key tables written by an earlier run: namespace → key → (msgctxt, msgid)."""
    if not KEYS_FILE.exists():
        return {}
    out: dict[str, dict[str, tuple[str | None, str]]] = {}
    for node in ast.parse(KEYS_FILE.read_text()).body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.value, ast.Dict)
            and "PLURAL" not in ast.unparse(node.target)
        ):
            name = node.target.id.removesuffix("_KEYS").lower()  # type: ignore[union-attr]
            table = out.setdefault(name, {})
            for k, v in zip(node.value.keys, node.value.values, strict=True):
                args = [a.value for a in v.args]  # type: ignore[attr-defined]
                table[k.value] = (args[0], args[1]) if len(args) == 2 else (None, args[0])  # type: ignore[union-attr]
    return out


def collect(rev: str | None) -> tuple[dict[str, dict[str, Entry]], list[str]]:
    """namespace → key → entry, from old tables (work tree and ``rev``) and earlier generated keys."""
    po = {(m.context, m.id): m.string for m in read_po(PO.open("rb"))}
    found: dict[str, dict[str, Entry]] = {ns: {} for ns in SOURCES}
    for ns, table in generated_keys().items():
        for key, (ctx, msgid) in table.items():
            found.setdefault(ns, {})[key] = (ctx, msgid, str(po.get((ctx, msgid), "")))
    files = sorted({s[0] for s in SOURCES.values()})
    texts = [(f, (ROOT / f).read_text()) for f in files if (ROOT / f).exists()]
    for f in files if rev else []:
        shown = subprocess.run(["git", "show", f"{rev}:{f}"], cwd=ROOT, capture_output=True, text=True)
        texts.append((f, shown.stdout if shown.returncode == 0 else ""))
    for ns, (path, name, _call) in SOURCES.items():
        for f, source in texts:
            if f != path:
                continue
            for key, (de, en) in old_tables(source).get(name, {}).items():
                found[ns][key] = (CONTEXTS.get((ns, key)), en, de)
    clashes: list[str] = []
    german: dict[tuple[str | None, str], str] = {}
    for ns, table in found.items():
        for key, (ctx, en, de) in table.items():
            prior = german.setdefault((ctx, en), de)
            if prior != de and de:
                clashes.append(f"{ns}.{key}: {en!r} is {prior!r} and {de!r}")
            if po.get((ctx, en)) not in (None, "", de) and de:
                clashes.append(f"{ns}.{key}: {en!r} is {de!r} here but {po[(ctx, en)]!r} in the catalogue")
    return found, clashes


def jinja_literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def call(fn: str, ctx: str | None, msgid: str) -> str:
    """``_("msgid")`` or ``pgettext("ctx", "msgid")`` (``fn`` is the gettext-object prefix in Python)."""
    if ctx:
        return f"{fn}pgettext({jinja_literal(ctx)}, {jinja_literal(msgid)})"
    return f"{fn}gettext({jinja_literal(msgid)})" if fn else f"_({jinja_literal(msgid)})"


def rewrite_templates(found: dict[str, dict[str, Entry]]) -> int:
    changed = 0
    for path in sorted((ROOT / "companion").rglob("templates/**/*.html")):
        before = path.read_text()
        after = before
        for ns, (_f, _n, name) in SOURCES.items():
            if name is None:
                continue
            pattern = re.compile(rf"(?<![\w.]){name}\((['\"])([a-z0-9_-]+)\1\)")

            def sub(m: re.Match[str], ns: str = ns) -> str:
                entry = found[ns].get(m.group(2))
                return m.group(0) if entry is None else call("", entry[0], entry[1])

            after = pattern.sub(sub, after)
        for key, (one, many, _de1, _de2) in PLURALS.items():
            after = re.sub(
                rf"(?<![\w.])plural\((['\"]){key}\1,\s*",
                f"ngettext({jinja_literal(one)}, {jinja_literal(many)}, ",
                after,
            )
        if after != before:
            path.write_text(after)
            changed += 1
    return changed


def rewrite_python(found: dict[str, dict[str, Entry]]) -> int:
    changed = 0
    pattern = re.compile(r"(?<![\w.])(text|et)\((['\"])([a-z0-9_-]+)\2,\s*([\w.]+)\)")
    for path in sorted((ROOT / "companion").rglob("*.py")):
        if path.name in ("i18n.py", "i18n_keys.py", "design_texts.py", "texts.py"):
            continue
        before = path.read_text()

        def sub(m: re.Match[str]) -> str:
            entry = found["eval" if m.group(1) == "et" else "text"].get(m.group(3))
            return m.group(0) if entry is None else call(f"tr({m.group(4)}).", entry[0], entry[1])

        after = pattern.sub(sub, before)
        if after != before:
            if "from companion.i18n import tr" not in after:
                after = re.sub(
                    r"^(from companion\.)", r"from companion.i18n import tr\n\1", after, count=1, flags=re.M
                )
            path.write_text(after)
            changed += 1
    return changed


def write_keys(found: dict[str, dict[str, Entry]]) -> None:
    lines = [
        '"""Old text keys → English msgids (generated by ``scripts/babel_convert.py``; edit the .po, not this).',
        "",
        "The thin keyed lookup behind ``t(key)`` / ``text(key, lang)``: for keys built at run time",
        '(``"status_" ~ status``) and for code written before the pages moved onto gettext. New code writes',
        '``_("English text")`` in templates and ``tr(lang).gettext("English text")`` in Python instead.',
        '"""',
        "",
        "from companion.i18n import N_, NN_, NP_",
        "",
    ]
    for ns in SOURCES:
        lines.append(f"{ns.upper()}_KEYS: dict[str, str] = {{")
        for key, (ctx, en, _de) in found[ns].items():
            value = f"NP_({jinja_literal(ctx)}, {jinja_literal(en)})" if ctx else f"N_({jinja_literal(en)})"
            lines.append(f"    {jinja_literal(key)}: {value},")
        lines.append("}")
        lines.append("")
    lines.append("PLURAL_KEYS: dict[str, tuple[str, str]] = {")
    for key, (one, many, _a, _b) in PLURALS.items():
        lines.append(f"    {jinja_literal(key)}: NN_({jinja_literal(one)}, {jinja_literal(many)}),")
    lines.append("}")
    KEYS_FILE.write_text("\n".join(lines) + "\n")


def write_catalogue(found: dict[str, dict[str, Entry]]) -> int:
    with PO.open("rb") as fh:
        catalog: Catalog = read_po(fh, locale="de")
    added = 0
    for table in found.values():
        for ctx, en, de in table.values():
            if de and not (catalog.get(en, context=ctx) and catalog.get(en, context=ctx).string):
                flags = ["python-brace-format"] if re.search(r"\{\w+\}", en) else []
                catalog.add(en, de, context=ctx, flags=flags)
                added += 1
    for one, many, de1, de2 in PLURALS.values():
        if not catalog.get(one):
            catalog.add((one, many), (de1, de2), flags=["python-brace-format"])
            added += 1
    with PO.open("wb") as fh:
        write_po(fh, catalog, width=110, sort_output=True, omit_header=False)
    return added


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", help="also read the old tables at this git revision (e.g. main)")
    args = parser.parse_args()
    found, clashes = collect(args.rev)
    if clashes:
        print("Clashes – add a msgctxt to CONTEXTS:", *clashes, sep="\n  ")
        return 1
    write_keys(found)
    python_changed = rewrite_python(found)
    # generated and rewritten Python in the project's format (long msgids wrap)
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", "companion/web"], cwd=ROOT, check=False)
    print(f"templates changed: {rewrite_templates(found)}, python files changed: {python_changed}, "
          f"catalogue entries added: {write_catalogue(found)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

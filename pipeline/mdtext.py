"""Text from documents and users, shown by Streamlit exactly as written.

`st.markdown`, `st.caption`, `st.success`, widget and link labels read their string as
Markdown: a title holding `![x](http://…)` would make every viewer's browser fetch that
address (an offline intranet tool phoning out), `[x](…)` would be a link, `$…$` LaTeX,
`:red[…]` a colour, `<b>` markup. `md()` backslash-escapes every character that Markdown or
Streamlit read as syntax where it stands (CommonMark shows an escaped punctuation mark literally), so
the page shows the text and nothing else. Wrap every value that came from a file or a
user; leave the page's own Markdown outside it.
"""

from __future__ import annotations

import re

# Inline syntax anywhere: emphasis, code, links and images ("[" and "]"), HTML and autolinks
# ("<"), LaTeX ("$"), strikethrough, entities, Streamlit's ":colour[...]" (needs "[").
_SPECIAL = re.compile(r"([\\`*_\[\]<>~$&])")
# Block syntax only where a block starts: a heading, list item or quote at the very beginning.
_LEADING_MARKER = re.compile(r"^(\s*)(\d{1,9})?([-+#.)])")


def md(value: object) -> str:
    """`value` as Markdown that renders as exactly this text (no link, image, HTML, LaTeX, colour)."""
    text = "" if value is None else str(value)
    text = text.replace("\r", " ").replace("\n", " ")  # one paragraph: no heading, list or quote from a new line
    text = _SPECIAL.sub(r"\\\1", text)
    return _LEADING_MARKER.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}\\{m.group(3)}", text, count=1)

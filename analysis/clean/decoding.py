"""Decoding a file's bytes into text: encodings, byte order marks, mojibake, binary data, lines.

:func:`decode_bytes` tries a byte order mark, UTF-16 recognised from its byte pattern, strict UTF-8, a
declared charset (an HTML page's), cp1252 and latin-1, and says what it had to assume; data that is
mostly not text (control characters) is binary. :func:`repair_mojibake` lets ftfy repair mojibake
without touching typography. :func:`split_lines` splits text into the lines the ledger counts.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import ftfy

#: ftfy repairs mojibake only: every step that would change legitimate characters (curly quotes,
#: guillemets, non-breaking spaces, ligatures, full-width forms, control characters, Unicode
#: normalisation, HTML entities, line breaks) is switched off, so that the text keeps its typography
#: and its line numbers.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

#: Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: UTF-16 without a byte order mark: in text written mostly in Latin script every other byte is NUL.
#: At least this share of the 2-byte units must have a NUL on one side, and almost none on the other.
UTF16_NUL_SHARE = 0.3
UTF16_OTHER_SIDE_MAX = 0.01

#: A decoded text is binary data, not text, when more than this share of it is C0 control characters
#: (other than tab, line feed, vertical tab, form feed, carriage return), NUL included: random bytes
#: hold about 12%, a text with a stray NUL or control character (a damaged export) far less than 5%;
#: such characters are removed by the cleaner with the ledger (analysis.clean.characters), so one bad
#: byte never loses an article. NUL bytes padding the end of a file (an export cut short) do not count
#: towards the share. C1 controls (U+0080-U+009F) are not counted: latin-1 gives them for the few bytes
#: cp1252 leaves undefined in otherwise normal text.
CONTROL_SHARE_MAX = 0.05
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

#: Line terminators that split a text into lines. Deliberately narrower than ``str.splitlines``
#: (which also breaks at form feeds, U+2028, U+0085...): line numbers then match what text editors,
#: ``grep -n`` and ``wc -l`` show for the raw file.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class DecodedText:
    """The text of some bytes, the codec that decoded them, and what the decoding had to assume."""

    text: str
    encoding: str
    note: str = ""
    error: str = ""



def _first_bad_byte(data: bytes, error: UnicodeDecodeError) -> str:
    return f"byte 0x{data[error.start]:02x} at offset {error.start}"


def _binary_reason(text: str) -> str:
    """Why a decoded text is binary data rather than text; "" when it is text (see CONTROL_SHARE_MAX)."""
    body = text.rstrip("\x00")
    if text and not body:
        return f"binary file (not text: only NUL bytes, {len(text)} of them)"
    if not body or len(CONTROL_CHARACTERS.findall(body)) / len(body) <= CONTROL_SHARE_MAX:
        return ""
    share, nuls = len(CONTROL_CHARACTERS.findall(text)) / len(text), text.count("\x00")
    return f"binary file (not text: {share:.0%} control characters" + (f", {nuls} of them NUL bytes)" if nuls else ")")


def _utf16_without_bom(data: bytes) -> str:
    """``utf-16-le`` / ``utf-16-be`` when the bytes have UTF-16's pattern of NULs, else ""."""
    # Hand-written rather than charset_normalizer (not a dependency) because the rule is simple and
    # must be exact: UTF-16 text of Latin script has a NUL in every other byte, binary data does not.
    units = len(data) // 2
    if units < 2 or len(data) % 2:
        return ""
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    if odd_nuls >= UTF16_NUL_SHARE * units and even_nuls <= UTF16_OTHER_SIDE_MAX * units:
        return "utf-16-le"
    if even_nuls >= UTF16_NUL_SHARE * units and odd_nuls <= UTF16_OTHER_SIDE_MAX * units:
        return "utf-16-be"
    return ""


def _codec_name(label: str) -> str:
    """Python's canonical name of a charset label, or "" when Python does not know it."""
    try:
        return codecs.lookup(label).name
    except LookupError:
        return ""


def decode_bytes(data: bytes, declared_charset: str = "") -> DecodedText:
    """Decode a file's bytes: BOM, BOM-less UTF-16, strict UTF-8, declared charset, cp1252, latin-1.

    BOM-less UTF-16 is recognised before UTF-8 is tried because UTF-16 text in Latin script is also
    valid UTF-8 (full of NUL characters). ``declared_charset`` (e.g. an HTML page's
    ``<meta charset>``) is tried only when the bytes are not valid UTF-8. Empty or binary data gives
    a DecodedText with ``error`` set.
    """
    if not data:
        return DecodedText("", "", error="empty file (0 bytes)")
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            body = data if codec == "utf-8-sig" else data[len(mark):]
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as error:
                return DecodedText("", codec, error=f"starts with a {codec} byte order mark but is not "
                                                     f"valid {codec} ({_first_bad_byte(body, error)})")
            return DecodedText(text, codec, error=_binary_reason(text))
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: the checks below decide
        else:
            note = (f"no byte order mark; read as {utf16} from its byte pattern "
                    "(NUL bytes at alternate positions)")
            return DecodedText(text, utf16, note, error=_binary_reason(text))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = _first_bad_byte(data, error)
    else:
        return DecodedText(text, "utf-8", error=_binary_reason(text))
    candidates = (
        [(_codec_name(declared_charset), "the charset the file declares")]
        if declared_charset else []
    )
    candidates += [("cp1252", ""), ("latin-1", "")]
    for codec, why in candidates:
        if not codec or codec.startswith("utf"):  # UTF-8 failed; UTF-16/32 are recognised above
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        note = f"not valid UTF-8 ({bad}); read as {codec}" + (f", {why}" if why else "")
        if codec == "latin-1":
            note = f"not valid UTF-8 ({bad}) nor cp1252; read as latin-1"
        return DecodedText(text, codec, note, error=_binary_reason(text))
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def repair_mojibake(text: str) -> tuple[str, str]:
    """The text with mojibake repaired by ftfy (typography untouched), and a note when it changed."""
    fixed = ftfy.fix_text(text, config=FTFY_CONFIG)
    return (fixed, "mojibake repaired by ftfy") if fixed != text else (text, "")


def split_lines(text: str) -> list[str]:
    """Lines of a text without their terminators (\\n, \\r\\n or \\r); a final terminator adds no line."""
    if not text:
        return []
    lines = LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines

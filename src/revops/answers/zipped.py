"""A Google Forms download: a .zip holding the responses as one CSV file.

Google Forms' "Download responses (.csv)" gives a zip named after the form, holding one CSV.
It is read as that CSV is. A zip that holds several CSV files or none is refused, naming what
it holds; a workbook (an .xlsx or .ods is a zip too) saved under another name is named so.
The CSV inside is held to the same size as a CSV file given directly.
"""

from __future__ import annotations

import io

from revops.foundation.problems import InvalidInput, Problem

ZIP_START = b"PK\x03\x04"
MAX_LISTED = 5  # members named in a message


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_START)


def refuse(shown: str, message: str) -> InvalidInput:
    return InvalidInput([Problem(shown, 0, 0, message)])


def the_csv_inside(data: bytes, shown: str, limit: int) -> tuple[str, bytes]:
    """(how to name the CSV inside in messages, its bytes). Raises InvalidInput when the zip
    cannot be read, holds anything but one CSV file, or the CSV is over `limit` bytes."""
    import zipfile  # here: a plain CSV file, the usual input, needs none of it

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir() and not info.filename.startswith("__MACOSX/")
        ]
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise refuse(shown, f"file is a zip archive that cannot be read ({error})") from None
    names = [info.filename for info in members]
    if "xl/workbook.xml" in names or "mimetype" in names:
        raise refuse(
            shown,
            "file is a spreadsheet workbook, not CSV text; give it its own name ending "
            ".xlsx (or .ods) and revops reads it as a workbook",
        )
    found = [info for info in members if info.filename.lower().endswith(".csv")]
    if len(found) != 1:
        raise refuse(shown, _not_one_csv(names, len(found)))
    inside = f"{shown} ({found[0].filename[:80]})"
    if found[0].flag_bits & 1:  # zipfile would raise RuntimeError, asking for the password
        raise refuse(
            inside,
            "the CSV inside the zip is password-protected; unzip it and give the CSV file itself",
        )
    try:
        with archive.open(found[0]) as stream:
            content = stream.read(limit + 1)
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as error:
        raise refuse(inside, f"the CSV inside the zip cannot be read ({error})") from None
    if len(content) > limit:
        raise refuse(inside, f"the CSV inside the zip is over {limit:,} bytes")
    return inside, content


def _not_one_csv(names: list[str], count: int) -> str:
    """Why a zip that does not hold exactly one CSV file is refused, naming what it holds."""
    listed = ", ".join(f"'{name[:80]}'" for name in names[:MAX_LISTED])
    listed += f" and {len(names) - MAX_LISTED:,} more" if len(names) > MAX_LISTED else ""
    holds = f"it holds {listed}" if names else "it is empty"
    if count == 0:
        return (
            f"file is a zip archive with no CSV file in it ({holds}); a Google Forms "
            "download holds one: download the responses again, or give the CSV file itself"
        )
    return (
        f"file is a zip archive holding {count} CSV files ({holds}); give the one with the "
        "answers, unzipped, or a zip holding only it"
    )

"""Text made safe for Markdown that the site and the reports write."""


def markdown_cell(text: str) -> str:
    """Make text safe inside one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")

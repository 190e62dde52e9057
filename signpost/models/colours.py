"""A site's own colours, each readable as text on white (WCAG 2.2 AA: 4.5:1 or more).

Every colour a team sets is used for text on the white page (links,
headings, buttons' borders) and as the background behind white text (the
header, the footer): the same contrast ratio with white covers both.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field, model_validator

from signpost.models.common import Strict, field_error

# WCAG 2.2 AA for normal text.
MINIMUM_CONTRAST = 4.5
_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue (0-255) of ``#rrggbb`` or ``#rgb``."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_colour(red: float, green: float, blue: float) -> str:
    """``#rrggbb`` of three channels (0-255, rounded)."""
    return "#" + "".join(f"{round(channel):02x}" for channel in (red, green, blue))


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of ``colour`` with white, from 1 (white) to 21 (black)."""
    red, green, blue = (_linear(channel) for channel in rgb(colour))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


def darker(colour: str, share: float) -> str:
    """``colour`` with ``share`` (0 to 1) of it turned to black: a shade of the same hue."""
    return hex_colour(*(channel * (1 - share) for channel in rgb(colour)))


def readable_shade(colour: str) -> str:
    """The lightest shade of ``colour`` (in steps of 5%) that is readable on white."""
    share = 0.0
    while contrast_with_white(darker(colour, share)) < MINIMUM_CONTRAST:
        share += 0.05
    return darker(colour, share)


def _readable_on_white(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(f"'{value}' is not a colour; write it as # and six letters or digits, in quotes, such as \"#1b4965\"")
    colour = hex_colour(*rgb(value))
    ratio = contrast_with_white(colour)
    if ratio < MINIMUM_CONTRAST:
        raise ValueError(
            f"'{value}' is too light to read on white (contrast {ratio:.2f} to 1, where {MINIMUM_CONTRAST} to 1 is needed); "
            f'choose a darker colour, such as the darker shade "{readable_shade(colour)}"'
        )
    return colour


Colour = Annotated[str, AfterValidator(_readable_on_white)]


class Colours(Strict):
    """The site's colours, each as "#rrggbb" in quotes. Leave one out for the default."""

    main: Colour | None = Field(
        None,
        description='The header, the footer, buttons and headings\' lines, for example "#1b4965". '
        "White text sits on it, so it must be dark enough to read (4.5 to 1 or more).",
    )
    accent: Colour | None = Field(
        None, description='Links under the pointer and the keyboard\'s focus, for example "#8a3b00". Must be readable on white.'
    )
    links: Colour | None = Field(None, description='Links in the text, for example "#155a8a". Must be readable on white.')

    @model_validator(mode="before")
    @classmethod
    def _quoted(cls, data: Any) -> Any:
        # main: #1b4965 without quotes is read by YAML as "main:" and a comment: say so, not nothing.
        for name, value in data.items() if isinstance(data, dict) else ():
            if value is None and name in cls.model_fields:
                raise field_error(
                    name, 'is empty; a colour starts with #, which YAML reads as a comment unless it is in quotes: "#1b4965"'
                )
        return data

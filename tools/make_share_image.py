"""Draw the default share image: signpost/theme/assets/images/share.png (1200 × 630).

Chat apps and social sites show this picture when someone shares a page that
has no picture of its own. It is deliberately plain, with no words in it, so
it suits any team's site: a white signpost on the default theme's blue. A team
may replace the file with its own picture of the same size.

Run it again only to change the picture (it needs Pillow, from the test extra):

    .venv/bin/python tools/make_share_image.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 630
BACKGROUND = (27, 73, 101)  # the default theme's primary colour, #1b4965
GROUND = (18, 51, 74)
SIGN = (255, 255, 255)
TARGET = Path(__file__).resolve().parent.parent / "signpost" / "theme" / "assets" / "images" / "share.png"


def draw() -> Image.Image:
    """The picture: a post with two arrow-shaped signs pointing opposite ways, on a low hill."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.ellipse((-200, 500, WIDTH + 200, 900), fill=GROUND)
    centre = WIDTH // 2
    pen.rectangle((centre - 16, 110, centre + 16, 540), fill=SIGN)
    # The upper sign points right, the lower one left.
    pen.polygon(
        [(centre - 150, 160), (centre + 170, 160), (centre + 230, 215), (centre + 170, 270), (centre - 150, 270)], fill=SIGN
    )
    pen.polygon(
        [(centre + 150, 310), (centre - 170, 310), (centre - 230, 365), (centre - 170, 420), (centre + 150, 420)], fill=SIGN
    )
    pen.ellipse((centre - 22, 88, centre + 22, 132), fill=SIGN)
    return image


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    draw().save(TARGET, format="PNG", optimize=True)
    print(f"Wrote {TARGET} ({WIDTH} × {HEIGHT})")


if __name__ == "__main__":
    main()

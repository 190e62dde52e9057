"""The day a build counts as today, which decides "upcoming", "next" and "due a check"."""

from __future__ import annotations

import datetime as dt
import os


def build_day(chosen: dt.date | None = None) -> dt.date:
    """``chosen`` (--today) if given, else SOURCE_DATE_EPOCH's day (a reproducible build), else today."""
    if chosen:
        return chosen
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()

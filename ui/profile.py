"""A park's profile: every fact with its unit, status, date, source link and staleness."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from report.format import UNKNOWN
from report.i18n import region_name
from sites.export import STALE_MONTHS
from sites.model import Park
from ui.i18n import current_language, fact_date, fact_text, pct, qty, t
from ui.safe import md


def profile_frame(park: Park, *, today: dt.date) -> pd.DataFrame:
    rows = []
    for name, fact in park.facts.items():
        rows.append({
            "fact": t(f"fact.{name}"),
            "value": fact_text(fact),
            "status": t(f"status.{fact.status.value}"),
            "as_of": fact_date(fact) or UNKNOWN,
            "stale": fact.is_stale(today, months=STALE_MONTHS),
            "source": fact.source or "",
            "note": fact.note,
        })
    return pd.DataFrame(rows)


def render_profile(park: Park, *, today: dt.date) -> None:
    """Header, location and the fact table; all user text goes through text-only elements."""
    st.subheader(md(park.display_name(current_language())), anchor=False)
    language = current_language()
    meta = [park.municipality, region_name(park.region, language), park.country,
            t("profile.zone", zone=park.bidding_zone)]
    st.caption(" · ".join(md(m) for m in meta if m))
    if park.description:
        st.text(park.description)
    cols = st.columns(3)
    cols[0].metric(t("profile.completeness"), pct(park.completeness()),
                   help=t("help.completeness"))
    stale = sum(f.is_stale(today, months=STALE_MONTHS) for f in park.facts.values())
    cols[1].metric(t("profile.stale"), stale, help=t("help.stale"))
    cols[2].metric(t("profile.precision"), f"± {qty(park.location.precision_m, 'm')}",
                   help=md(park.location.note) if park.location.note else None)
    if park.contact_url:
        st.link_button(t("profile.contact"), park.contact_url, icon=":material/open_in_new:")
    frame = profile_frame(park, today=today)
    st.dataframe(
        frame, hide_index=True, width="stretch", height=min(38 * (len(frame) + 1), 760),
        column_config={
            "fact": st.column_config.TextColumn(t("col.fact"), width="medium"),
            "value": st.column_config.TextColumn(t("col.value")),
            "status": st.column_config.TextColumn(t("col.status"), width="small"),
            "as_of": st.column_config.TextColumn(t("col.as_of"), width="small"),
            "stale": st.column_config.CheckboxColumn(t("col.stale"), help=t("help.stale"),
                                                     width="small"),
            "source": st.column_config.LinkColumn(t("col.source"),
                                                  display_text=r"https?://(?:www\.)?([^/]+)"),
            "note": st.column_config.TextColumn(t("col.note"), width="large"),
        },
    )

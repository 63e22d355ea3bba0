"""Who is using the app: Streamlit's own sign-in (``st.login``, OpenID Connect) and the roles
of :mod:`sites.submissions.roles`, read from ``.streamlit/secrets.toml``.

Without an ``[auth]`` table nobody can sign in and every page is read-only. A malformed
``[parkbench.roles]`` table is shown as a located error and also leaves the app read-only.
This is the only module that reads ``st.user`` or ``st.secrets``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from sites.submissions import Roles, RolesError
from ui.i18n import t
from ui.safe import md


@dataclass(frozen=True)
class Viewer:
    """The person in this session: a signed-in e-mail address (or ``None``) and the roles."""

    email: str | None = None
    roles: Roles = field(default_factory=Roles)
    configured: bool = False
    """Sign-in is configured (an ``[auth]`` table exists)."""
    roles_problems: tuple[str, ...] = ()

    @property
    def signed_in(self) -> bool:
        return self.email is not None

    @property
    def is_curator(self) -> bool:
        return self.roles.is_curator(self.email)

    def can_propose(self, park_id: str, *, is_new: bool) -> bool:
        """Curators for any park; park managers for their listed, existing parks only."""
        if self.is_curator:
            return True
        return not is_new and self.roles.can_propose(self.email, park_id)


def _secrets() -> Mapping[str, Any]:
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except (FileNotFoundError, OSError, ValueError, KeyError):  # no or unreadable secrets file
        return {}


def viewer_from(secrets: Mapping[str, Any], user: Mapping[str, Any]) -> Viewer:
    """The viewer for a secrets mapping and an ``st.user`` dict (pure; tested directly).

    Only a user the provider marked as logged in, with a text e-mail address the provider
    did not flag as unverified, counts as signed in, and only when ``[auth]`` is configured.
    """
    configured = isinstance(secrets.get("auth"), Mapping)
    problems: tuple[str, ...] = ()
    try:
        roles = Roles.from_mapping(secrets)
    except RolesError as exc:
        roles, problems = Roles(), exc.problems
    email = user.get("email")
    signed_in = (configured and user.get("is_logged_in") is True and isinstance(email, str)
                 and bool(email.strip()) and user.get("email_verified") is not False)
    return Viewer(email.strip().lower() if signed_in and isinstance(email, str) else None,
                  roles, configured, problems)


def current_viewer() -> Viewer:
    """The viewer of this script run."""
    return viewer_from(_secrets(), st.user.to_dict())


def role_text(viewer: Viewer) -> str:
    if viewer.is_curator:
        return t("auth.role_curator")
    parks = sorted(viewer.roles.managed_parks(viewer.email))
    if parks:
        return t("auth.role_manager", parks=", ".join(parks))
    return t("auth.role_reader")


def sign_in_panel(viewer: Viewer) -> None:
    """Who is signed in (with a sign-out button), or why nothing can be stored."""
    if viewer.roles_problems:
        st.error(t("auth.roles_error", problems=md("; ".join(viewer.roles_problems))))
    if not viewer.configured:
        st.info(t("auth.not_configured"), icon=":material/lock:")
        return
    if not viewer.signed_in:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.info(t("auth.sign_in_needed"), icon=":material/lock:")
        right.button(t("auth.sign_in"), key="auth_login", on_click=st.login,
                     icon=":material/login:", type="primary")
        return
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.caption(t("auth.signed_in_as", email=md(viewer.email), role=role_text(viewer)))
    right.button(t("auth.sign_out"), key="auth_logout", on_click=st.logout,
                 icon=":material/logout:")

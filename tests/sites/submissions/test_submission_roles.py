"""Roles from ``[parkbench.roles]``: who may propose and publish; malformed configs refused."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from sites.submissions.roles import Roles, RolesError

SECRETS = tomllib.loads("""
[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
[parkbench.roles]
curators = ["Curator@Example.org"]
[parkbench.roles.park_managers]
"Manager@KIP.fi" = ["kokkola-kip"]
"two@parks.fi" = ["kokkola-kip", "oulu-laanila"]
""")


def test_roles_from_secrets() -> None:
    roles = Roles.from_mapping(SECRETS)
    assert roles.curators == {"curator@example.org"}
    assert roles.is_curator("curator@example.org") and roles.is_curator(" CURATOR@example.ORG ")
    assert roles.can_publish("curator@example.org")
    assert roles.can_propose("curator@example.org", "any-new-park")
    assert roles.can_propose("manager@kip.fi", "kokkola-kip")
    assert not roles.can_propose("manager@kip.fi", "oulu-laanila")
    assert not roles.can_publish("manager@kip.fi") and not roles.is_curator("manager@kip.fi")
    assert roles.managed_parks("two@parks.fi") == {"kokkola-kip", "oulu-laanila"}
    assert roles.can_write("two@parks.fi") and not roles.can_write("visitor@x.org")


@pytest.mark.parametrize("email", [None, "", "   ", "visitor@example.org", "curator"])
def test_everyone_else_only_reads(email: str | None) -> None:
    roles = Roles.from_mapping(SECRETS)
    assert not roles.is_curator(email) and not roles.can_publish(email)
    assert not roles.can_propose(email, "kokkola-kip") and not roles.can_write(email)


@pytest.mark.parametrize("secrets", [{}, {"auth": {}}, {"parkbench": {}},
                                     {"parkbench": {"roles": {}}}])
def test_no_roles_configured_means_read_only(secrets: dict[str, Any]) -> None:
    roles = Roles.from_mapping(secrets)
    assert roles == Roles() and not roles.can_propose("a@b.fi", "kokkola-kip")


@pytest.mark.parametrize("roles,message", [
    ({"curator": ["a@b.fi"]},
     "parkbench.roles: unknown key 'curator' (expected: curators, park_managers)"),
    ({"curators": "a@b.fi"}, "parkbench.roles.curators: expected a list"),
    ({"curators": ["a@b.fi", "not an address"]},
     "parkbench.roles.curators[1]: 'not an address' is not an e-mail address"),
    ({"curators": [7]}, "parkbench.roles.curators[0]: expected an e-mail address (text), got int"),
    ({"park_managers": {"m@kip.fi": ["kokkola-kip", "KIP"]}},
     "parkbench.roles.park_managers.\"m@kip.fi\"[1]: 'KIP' is not a park id"),
    ({"park_managers": {"m@kip.fi": "kokkola-kip"}},
     "parkbench.roles.park_managers.\"m@kip.fi\": expected a non-empty list of park ids"),
    ({"park_managers": {"m@kip": ["kokkola-kip"]}},
     "parkbench.roles.park_managers.\"m@kip\": 'm@kip' is not an e-mail address"),
    ({"park_managers": ["m@kip.fi"]}, "parkbench.roles.park_managers: expected a table"),
    ({"curators": ["a\x1b[31m@b.fi"]}, "is not an e-mail address"),
])
def test_malformed_roles_are_refused_with_a_location(roles: dict[str, Any], message: str) -> None:
    with pytest.raises(RolesError) as caught:
        Roles.from_mapping({"parkbench": {"roles": roles}})
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(RolesError) as caught:
        Roles.from_mapping({"parkbench": {"roles": {
            "curators": ["x"], "extra": 1, "park_managers": {"m@kip.fi": ["Bad"]}}}})
    assert len(caught.value.problems) == 3


def test_roles_are_immutable() -> None:
    roles = Roles.from_mapping(SECRETS)
    with pytest.raises(TypeError):
        roles.park_managers["x@y.fi"] = frozenset({"kokkola-kip"})  # type: ignore[index]


def test_streamlit_secrets_sections_are_accepted() -> None:
    from streamlit.runtime.secrets import AttrDict

    roles = Roles.from_mapping(AttrDict(SECRETS))
    assert roles.can_propose("manager@kip.fi", "kokkola-kip") and roles.is_curator(
        "curator@example.org")

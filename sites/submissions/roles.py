"""Who may change park data: curators and park managers, from ``[parkbench.roles]`` in
``.streamlit/secrets.toml``. Everyone else (and anyone not signed in) only reads.

```toml
[parkbench.roles]
curators = ["curator@example.org"]          # publish, reject, revert any park; add parks
[parkbench.roles.park_managers]
"manager@kip.fi" = ["kokkola-kip"]          # propose changes for these parks only
```

E-mail addresses are compared lower-cased. Pure: the page passes ``st.secrets`` (or any
mapping) to :meth:`Roles.from_mapping`; nothing here imports Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from sites.profile import ID_PATTERN

SECTION: Final = ("parkbench", "roles")
KEYS: Final = ("curators", "park_managers")
EMAIL_LIMIT: Final = 254
_EMAIL: Final = re.compile(r"[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f.]+")


class RolesError(ValueError):
    """The roles configuration is malformed; ``problems`` lists each one with its location."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


def _where(*parts: str | int) -> str:
    out = ".".join(SECTION)
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (
            f".{part}" if part in KEYS else f'."{part}"')
    return out


def _email(value: object, where: str, problems: list[str]) -> str | None:
    if not isinstance(value, str):
        problems.append(f"{where}: expected an e-mail address (text), got "
                        f"{type(value).__name__}")
        return None
    text = value.strip().lower()
    if len(text) > EMAIL_LIMIT or not _EMAIL.fullmatch(text):
        problems.append(f"{where}: {value[:80]!r} is not an e-mail address")
        return None
    return text


def _curators(value: object, problems: list[str]) -> frozenset[str]:
    if not isinstance(value, list | tuple):
        problems.append(f"{_where('curators')}: expected a list of e-mail addresses")
        return frozenset()
    emails = (_email(v, _where("curators", i), problems) for i, v in enumerate(value))
    return frozenset(e for e in emails if e)


def _managers(value: object, problems: list[str]) -> dict[str, frozenset[str]]:
    if not isinstance(value, Mapping):
        problems.append(f"{_where('park_managers')}: expected a table of "
                        '"e-mail" = ["park-id", ...]')
        return {}
    managers: dict[str, frozenset[str]] = {}
    for key, ids in value.items():
        where = _where("park_managers", str(key))
        email = _email(key, where, problems)
        if not isinstance(ids, list | tuple) or not ids:
            problems.append(f"{where}: expected a non-empty list of park ids")
            continue
        good = set()
        for i, park_id in enumerate(ids):
            if isinstance(park_id, str) and ID_PATTERN.match(park_id):
                good.add(park_id)
            else:
                problems.append(f"{where}[{i}]: {str(park_id)[:80]!r} is not a park id "
                                "(lower-case letters, digits and hyphens)")
        if email:
            managers[email] = managers.get(email, frozenset()) | good
    return managers


@dataclass(frozen=True)
class Roles:
    """Curators and park managers (lower-cased e-mail addresses)."""

    curators: frozenset[str] = frozenset()
    park_managers: Mapping[str, frozenset[str]] = field(
        default_factory=lambda: MappingProxyType({}))
    """E-mail address → the park ids its holder may propose changes for."""

    @classmethod
    def from_mapping(cls, secrets: Mapping[str, Any]) -> Roles:
        """Parse ``secrets["parkbench"]["roles"]``; no such table means no roles (read-only).

        Raises
        ------
        RolesError
            For unknown keys, addresses that are not e-mail addresses, park ids of the wrong
            shape, or values of the wrong type — each located, e.g.
            ``parkbench.roles.park_managers."m@kip.fi"[1]: 'KIP' is not a park id``.
        """
        section: object = secrets
        for name in SECTION:
            if not isinstance(section, Mapping) or name not in section:
                return cls()
            section = section[name]
        if not isinstance(section, Mapping):
            raise RolesError([f"{_where()}: expected a table"])
        problems = [f"{_where()}: unknown key {str(key)[:80]!r} (expected: {', '.join(KEYS)})"
                    for key in section if key not in KEYS]
        curators = _curators(section.get("curators", []), problems)
        managers = _managers(section.get("park_managers", {}), problems)
        if problems:
            raise RolesError(problems)
        return cls(curators, MappingProxyType(managers))

    @staticmethod
    def _key(email: str | None) -> str:
        return email.strip().lower() if isinstance(email, str) else ""

    def is_curator(self, email: str | None) -> bool:
        """May publish, reject and revert any park, and add parks."""
        key = self._key(email)
        return bool(key) and key in self.curators

    def can_publish(self, email: str | None) -> bool:
        return self.is_curator(email)

    def can_propose(self, email: str | None, park_id: str) -> bool:
        """Curators for any park (new ones too); park managers for their listed parks."""
        if self.is_curator(email):
            return True
        return park_id in self.park_managers.get(self._key(email), frozenset())

    def managed_parks(self, email: str | None) -> frozenset[str]:
        """The park ids a park manager may propose changes for (empty for everyone else)."""
        return self.park_managers.get(self._key(email), frozenset())

    def can_write(self, email: str | None) -> bool:
        """Holds any role that may store something (a curator or a park manager)."""
        return self.is_curator(email) or bool(self.managed_parks(email))

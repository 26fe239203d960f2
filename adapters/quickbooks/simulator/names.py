"""The one case-insensitive name space shared by customers, vendors, employees and other names."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.quickbooks.simulator.status import name_in_use


@dataclass(frozen=True)
class NameOwner:
    list_name: str
    list_id: str


class NameSpace:
    def __init__(self) -> None:
        self._owners: dict[str, NameOwner] = {}

    @staticmethod
    def key(full_name: str) -> str:
        return full_name.casefold()

    def owner(self, full_name: str) -> NameOwner | None:
        return self._owners.get(self.key(full_name))

    def check_free(self, full_name: str) -> None:
        if self.key(full_name) in self._owners:
            raise name_in_use(full_name)

    def claim(self, full_name: str, owner: NameOwner) -> None:
        self.check_free(full_name)
        self._owners[self.key(full_name)] = owner

    def __len__(self) -> int:
        return len(self._owners)

"""What a sync would do now under each level, and how each differs from the current one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.policy import ALL_LEVELS, PolicyLevel
from projections.readiness.fixpoint import Work, work_from_readiness
from projections.readiness.verdicts import TxnReadiness


@dataclass(frozen=True)
class Difference:
    """Work a switch from the current level to `level` would add, and would hold back."""

    level: PolicyLevel
    added: Work
    held_back: Work


@dataclass(frozen=True)
class WhatIf:
    current: PolicyLevel
    work: dict[PolicyLevel, Work]

    def difference(self, level: PolicyLevel) -> Difference:
        return Difference(
            level,
            _minus(self.work[level], self.work[self.current]),
            _minus(self.work[self.current], self.work[level]),
        )

    def differences(self) -> list[Difference]:
        return [self.difference(level) for level in ALL_LEVELS if level is not self.current]


def what_if(readiness: Iterable[TxnReadiness], current: PolicyLevel) -> WhatIf:
    """From verdicts (stored or fresh): reads only, so it changes nothing anywhere."""
    rows = list(readiness)
    return WhatIf(current, {level: work_from_readiness(rows, level) for level in ALL_LEVELS})


def _minus(left: Work, right: Work) -> Work:
    imports, applications = set(right.imports), set(right.applications)
    return Work(
        tuple(ref for ref in left.imports if ref not in imports),
        tuple(app for app in left.applications if app not in applications),
    )

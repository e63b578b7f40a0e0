"""What the fault tests measured, printed at the end of the test run.

A fault test proves its promise with assertions; the figures (e-mails expected, delivered,
sent twice, seconds to recover) are what an operator reads in the CI log.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

import pytest


@dataclass(frozen=True)
class FaultFigures:
    fault: str
    expected: int
    delivered: int
    duplicated: int
    recovered_in_s: float


_KEY = pytest.StashKey[list[FaultFigures]]()


def record(
    config: pytest.Config, fault: str, expected: int, sent: Counter, started: float, ended: float
) -> None:
    figures = FaultFigures(
        fault=fault,
        expected=expected,
        delivered=len(sent),
        duplicated=sum(count - 1 for count in sent.values() if count > 1),
        recovered_in_s=round(ended - started, 1),
    )
    config.stash.setdefault(_KEY, []).append(figures)
    # Under pytest-xdist the summary is printed by the controller: send the figures there.
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput.setdefault("fault_figures", []).append(asdict(figures))


def collect_from_worker(config: pytest.Config, workeroutput: dict) -> None:
    """On the controller: keep the figures a pytest-xdist worker measured."""
    config.stash.setdefault(_KEY, []).extend(
        FaultFigures(**figures) for figures in workeroutput.get("fault_figures", [])
    )


def summary_lines(config: pytest.Config) -> list[str]:
    figures = config.stash.get(_KEY, [])
    if not figures:
        return []
    lines = ["fault | expected | delivered | sent twice | recovered in (s)"]
    lines += [
        f"{f.fault} | {f.expected} | {f.delivered} | {f.duplicated} | {f.recovered_in_s}"
        for f in figures
    ]
    return lines

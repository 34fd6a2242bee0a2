"""Hard rules on who may mentor whom (docs/design.md §4). Pure Python."""

from __future__ import annotations


def managers_up(employee: str, reports_to: dict[str, str | None], levels: int = 2) -> list[str]:
	"""The employee's managers, nearest first, up to `levels` levels."""
	chain, current = [], employee
	for _ in range(levels):
		current = reports_to.get(current)
		if not current or current in chain or current == employee:
			break
		chain.append(current)
	return chain


def in_reporting_line(a: str, b: str, reports_to: dict[str, str | None], levels: int = 2) -> bool:
	"""Whether a and b are in the same reporting chain, either direction, within `levels` levels."""
	return b in managers_up(a, reports_to, levels) or a in managers_up(b, reports_to, levels)

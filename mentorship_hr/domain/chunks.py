"""Work split into chunks that workers can write at once. Pure Python.

All items of one key (an appraisal: one employee in one cycle) go into the same chunk, so that two
chunks never write the same record at the same time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable


def pack(items: Iterable, key: Callable[[object], Hashable], size: int) -> list[list]:
	"""The items in chunks of at most `size` (more only where one key alone has more), keeping
	each key's items together and the items' order otherwise."""
	groups: dict[Hashable, list] = {}
	for item in items:
		groups.setdefault(key(item), []).append(item)
	chunks, current = [], []
	for group in groups.values():
		if current and len(current) + len(group) > size:
			chunks.append(current)
			current = []
		current.extend(group)
	if current:
		chunks.append(current)
	return chunks

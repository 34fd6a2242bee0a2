"""Chunks of work that workers write at once (domain/chunks.py)."""

from hypothesis import given
from hypothesis import strategies as st

from mentorship_hr.domain.chunks import pack

ITEMS = st.lists(st.tuples(st.sampled_from("abcdefgh"), st.integers(0, 1000)), max_size=60)


def test_a_keys_items_stay_together():
	items = [("a", 1), ("b", 2), ("a", 3), ("c", 4), ("c", 5)]
	assert pack(items, key=lambda i: i[0], size=2) == [[("a", 1), ("a", 3)], [("b", 2)], [("c", 4), ("c", 5)]]


@given(ITEMS, st.integers(1, 10))
def test_every_item_once_each_key_in_one_chunk_and_chunks_no_larger_than_needed(items, size):
	chunks = pack(items, key=lambda i: i[0], size=size)
	assert sorted(i for c in chunks for i in c) == sorted(items)
	home = {}
	for n, chunk in enumerate(chunks):
		for k, _v in chunk:
			assert home.setdefault(k, n) == n  # one chunk per key
		keys = {k for k, _v in chunk}
		largest_group = max(sum(1 for k2, _ in chunk if k2 == k) for k in keys)
		assert len(chunk) <= max(size, largest_group)
	assert all(chunks)

"""Many rows into one table, fast (README, "Scale").

frappe.db.bulk_insert builds each statement with the query builder, which turns every value into
SQL on its own (about 7 µs a value: 20 s for the daily job's bells and reminder logs at 20,000
pairings). Here a statement is written once per chunk with a placeholder per value, and the
database driver escapes the values, as for any other query.
"""

from collections.abc import Iterable, Sequence
from itertools import islice

import frappe


def insert_many(doctype: str, fields: Sequence[str], rows: Iterable[Sequence], chunk_size: int = 1000):
	"""Insert the rows (values in the order of `fields`) into the DocType's table, a statement per
	chunk. Like frappe.db.bulk_insert, it writes exactly what it is given: no defaults, no hooks."""
	columns = ", ".join(f"`{field}`" for field in fields)
	slots = "(" + ", ".join(["%s"] * len(fields)) + ")"
	rows = iter(rows)
	while chunk := list(islice(rows, chunk_size)):
		frappe.db.sql(
			f"insert into `tab{doctype}` ({columns}) values {', '.join([slots] * len(chunk))}",
			[value for row in chunk for value in row],
		)

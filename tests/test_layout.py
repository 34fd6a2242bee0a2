"""The house rules of the code (docs/architecture.md), read from the modules' own source: imports
run one way and form no cycle, and `domain/` stands alone, without Frappe."""

import ast
import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "mentorship_hr"
FEATURES = ("kpi", "engagement", "matching", "skills")


def module_name(path: Path) -> str:
	parts = path.relative_to(ROOT).with_suffix("").parts
	return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in APP.rglob("*.py")}


def imports_of(name: str) -> set[str]:
	"""The app's modules this module imports, anywhere in it (in functions too)."""
	found = set()
	for node in ast.walk(ast.parse(MODULES[name].read_text())):
		if isinstance(node, ast.Import):
			found.update(a.name for a in node.names)
		elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
			# `from package import module` imports the module; `from module import name` the module
			found.update(
				f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
				for a in node.names
			)
	return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def cycles() -> list[list[str]]:
	"""Every strongly connected group of more than one module (Tarjan)."""
	index, low, stack, on_stack, groups = {}, {}, [], set(), []

	def visit(v):
		index[v] = low[v] = len(index)
		stack.append(v)
		on_stack.add(v)
		for w in GRAPH[v]:
			if w not in index:
				visit(w)
				low[v] = min(low[v], low[w])
			elif w in on_stack:
				low[v] = min(low[v], index[w])
		if low[v] == index[v]:
			group = []
			while True:
				w = stack.pop()
				on_stack.discard(w)
				group.append(w)
				if w == v:
					break
			if len(group) > 1:
				groups.append(sorted(group))

	for v in sorted(GRAPH):
		if v not in index:
			visit(v)
	return groups


def test_the_imports_form_no_cycle():
	assert cycles() == []


def test_the_graph_sees_the_imports():
	# the check above is only as good as the graph: a known import must be in it
	assert "mentorship_hr.kpi.score_sync" in GRAPH["mentorship_hr.kpi.sync_jobs"]
	assert "mentorship_hr.domain.kpi" in GRAPH["mentorship_hr.kpi.score_sync"]


def layer(name: str) -> str:
	parts = name.split(".")
	if len(parts) > 1 and parts[1] in (
		"domain",
		"tests",
		"mentorship_hr",
		"overrides",
		"demo",
		"portal",
		"www",
		*FEATURES,
	):
		return parts[1]
	return "shared"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if layer(n) in FEATURES))
def test_feature_packages_do_not_reach_up(name):
	"""Controllers, reports, overrides and the portal call the feature packages, never the other way
	round; nor does production code lean on the tests."""
	above = {
		m for m in GRAPH[name] if layer(m) in ("mentorship_hr", "overrides", "demo", "tests", "portal", "www")
	}
	assert above == set()


@pytest.mark.parametrize("name", sorted(n for n in MODULES if layer(n) == "domain"))
def test_domain_imports_only_domain(name):
	assert {m for m in GRAPH[name] if layer(m) != "domain"} == set()


class NoFrappe:
	"""An import hook that refuses Frappe, as if it were not installed."""

	def find_spec(self, fullname, path=None, target=None):
		if fullname == "frappe" or fullname.startswith("frappe."):
			raise ImportError(f"{fullname} is not available to domain/")
		return None


@pytest.mark.parametrize("name", sorted(n for n in MODULES if layer(n) == "domain"))
def test_domain_modules_import_without_frappe(name, monkeypatch):
	for loaded in [m for m in sys.modules if m == "frappe" or m.startswith(("frappe.", "mentorship_hr"))]:
		monkeypatch.delitem(sys.modules, loaded)
	monkeypatch.setattr(sys, "meta_path", [NoFrappe(), *sys.meta_path])
	importlib.import_module(name)
	assert "frappe" not in sys.modules

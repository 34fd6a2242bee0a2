import re

from setuptools import find_packages, setup

with open("mentorship_hr/__init__.py") as f:
	version = re.search(r'__version__ = "(.+)"', f.read()).group(1)

setup(
	name="mentorship_hr",
	version=version,
	description="Mentoring programs for Frappe HR, scored as KPIs in appraisals",
	author="mentorship_hr contributors",
	author_email="dev@mentorship-hr.invalid",
	license="MIT",
	packages=find_packages(exclude=["tests", "tests.*", "benchmarks"]),
	include_package_data=True,
	zip_safe=False,
	python_requires=">=3.10",
	install_requires=["scipy>=1.10", "numpy>=1.24"],
)

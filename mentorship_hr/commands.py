"""Bench commands of the app: `bench --site <site> mentoring-demo [--reset] [--force]`."""

import click

from frappe.commands import get_site, pass_context


@click.command("mentoring-demo")
@click.option("--reset", is_flag=True, help="Remove the demo data, exactly what the command made.")
@click.option("--force", is_flag=True, help="Build the demo on a site that has employees of its own.")
@pass_context
def mentoring_demo(context, reset=False, force=False):
	"""Fill the site with a demo company, a mentoring program, pairings in every state and an
	appraisal cycle with synced mentoring scores. Running it again changes no data; each run gives
	the demo's users a new password."""
	import frappe

	from mentorship_hr.demo import dataset

	frappe.init(site=get_site(context))
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		if reset:
			_reset(dataset)
			return
		if dataset.exists():
			click.echo("The demo is already there; its data is unchanged.")
		else:
			try:
				dataset.make(report=click.echo, force=force)
			except dataset.DemoRefused as refused:
				raise click.ClickException(str(refused)) from refused
		password = dataset.new_password()
		dataset.set_password(password)
		click.echo(f"Log in at {frappe.utils.get_url('/app/mentoring')} as any of:")
		for who, user in dataset.users().items():
			click.echo(f"  {who}: {user}")
		click.echo(f"password: {password}")
	finally:
		frappe.destroy()


def _reset(dataset):
	kept = dataset.remove()
	if kept is None:
		click.echo("There is no demo to remove.")
		return
	click.echo("Removed the demo.")
	for doctype, names in kept.items():
		click.echo(f"Kept {len(names)} {doctype} that other records now use: {', '.join(names)}")


commands = [mentoring_demo]

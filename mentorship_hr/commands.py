"""Bench commands of the app: `bench --site <site> mentoring-demo [--reset]`."""

import click

from frappe.commands import get_site, pass_context


@click.command("mentoring-demo")
@click.option("--reset", is_flag=True, help="Remove the demo data, exactly what the command made.")
@pass_context
def mentoring_demo(context, reset=False):
	"""Fill the site with a demo company, a mentoring program, pairings in every state and an
	appraisal cycle with synced mentoring scores. Running it again changes nothing."""
	import frappe

	from mentorship_hr import demo

	frappe.init(site=get_site(context))
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		if reset:
			click.echo("Removed the demo." if demo.remove() else "There is no demo to remove.")
			return
		if demo.exists():
			click.echo("The demo is already there; nothing changed.")
		else:
			with click.progressbar(length=6, label="Building the mentoring demo") as bar:
				demo.make(progress=lambda step, total, label: bar.update(1) if step else None)
		click.echo(f"Log in at {frappe.utils.get_url('/app/mentoring')} with password {demo.PASSWORD} as:")
		for who, user in demo.users().items():
			click.echo(f"  {who}: {user}")
	finally:
		frappe.destroy()


commands = [mentoring_demo]

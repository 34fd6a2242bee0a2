"""A browser session of one of the demo's people, as the flow checks use it: errors in its console
or from the server are problems, and a step that does not behave raises StepFailed."""

from desk_check import IGNORED
from playwright.sync_api import Page


class StepFailed(Exception):
	pass


def expect(condition, message):
	if not condition:
		raise StepFailed(message)


class Session:
	def __init__(self, browser, url, user, password, who, problems, viewport):
		self.url, self.user, self.password, self.who, self.problems = url, user, password, who, problems
		self.context = browser.new_context(viewport=viewport)
		self.page: Page = self.context.new_page()
		self.page.set_default_timeout(15000)
		self.page.on("console", self.console)
		self.page.on("pageerror", lambda e: self.problem(f"page error: {e}", str(e)))
		self.page.on(
			"response",
			lambda r: r.status >= 500 and self.problems.append(f"{who}: server error {r.status}: {r.url}"),
		)

	def log_in_quietly(self):
		"""Over HTTP, sharing the session's cookies: for steps that do not test the login itself."""
		login = self.page.request.post(
			f"{self.url}/api/method/login", data={"usr": self.user, "pwd": self.password}
		)
		expect(login.ok, f"{self.who} cannot log in as {self.user}")

	def console(self, message):
		if message.type == "error":
			self.problem(f"console: {message.text}", message.text)

	def problem(self, line, text):
		if not any(i in text for i in IGNORED):
			self.problems.append(f"{self.who}: {line}")

	def close(self):
		self.context.close()

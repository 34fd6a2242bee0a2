"""What the app's DocType controllers share, as classes they mix in (as Frappe HR's mixins do)."""

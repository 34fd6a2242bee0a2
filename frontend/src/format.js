// Dates as the user's browser writes them.
export function formatDate(value) {
	if (!value) return ""
	return new Date(`${String(value).slice(0, 10)}T00:00:00`).toLocaleDateString(undefined, { dateStyle: "medium" })
}

export function formatDatetime(value) {
	if (!value) return ""
	return new Date(String(value).replace(" ", "T")).toLocaleString(undefined, {
		dateStyle: "medium",
		timeStyle: "short",
	})
}

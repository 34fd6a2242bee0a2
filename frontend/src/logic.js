// What the portal decides on its own: where a to-do item leads, and how a state reads.

export const SURVEY_KINDS = ["survey", "midpoint_survey"]

// The portal page for an item of the to-do list (server: engagement.reminders.due_for).
export function todoTarget(item) {
	if (SURVEY_KINDS.includes(item.kind)) {
		const type = item.kind === "midpoint_survey" ? "Mid-point" : item.detail
		return { name: "Survey", params: { pairing: item.pairing, type } }
	}
	if (item.circle) return { name: "Circle", params: { name: item.circle } }
	return { name: "Pairing", params: { name: item.pairing } }
}

// Frappe HR's health colours: On Track green, Needs Attention orange, At Risk red.
export function healthTheme(health) {
	return { "On Track": "green", "Needs Attention": "orange", "At Risk": "red" }[health] || "gray"
}

// A side's launch workshop attendance (server: engagement.workshop.of_pairing), in words.
export function attendanceWords(status) {
	return { Attended: "attended", Missed: "missed it", Invited: "invited" }[status] || "not invited"
}

export function checkinState(checkin) {
	if (checkin.docstatus === 0) return "Draft"
	if (checkin.confirmation_status === "Pending") return "Waiting for confirmation"
	return checkin.confirmation_status
}

// Frappe stores a Rating as a fraction of 1; people give stars out of 5.
export function starsToRating(stars) {
	const n = Math.round(Number(stars) || 0)
	return Math.min(Math.max(n, 0), 5) / 5
}

// "2026-12-05 10:00:00" for Frappe, from a datetime-local input ("2026-12-05T10:00").
export function toFrappeDatetime(local) {
	if (!local) return ""
	const [date, time = "00:00"] = local.split("T")
	return `${date} ${time.length === 5 ? `${time}:00` : time}`
}

// The first words of an error from Frappe, for a toast or a form.
export function errorText(error) {
	const messages = (error && error.messages) || []
	const text = messages.length ? messages.join(" ") : (error && error.message) || String(error)
	return text.replace(/<[^>]*>/g, "")
}

// "2026-12-05T10:00" for a datetime-local input, from Frappe's "2026-12-05 10:00:00".
export function toLocalInput(frappeDatetime) {
	return frappeDatetime ? frappeDatetime.slice(0, 16).replace(" ", "T") : ""
}

// An event moved to `newStart` keeps its length: the new end, in Frappe's form. The times are the
// site's wall clock, so they are read as UTC and never shifted by the browser's zone.
export function movedEnd(starts, ends, newStart) {
	const at = (text) => Date.parse(`${text.replace(" ", "T").slice(0, 19)}Z`)
	const length = ends ? at(ends) - at(starts) : 3600 * 1000
	const end = new Date(at(newStart) + length).toISOString()
	return `${end.slice(0, 10)} ${end.slice(11, 19)}`
}

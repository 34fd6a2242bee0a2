// What a pairing's page and a circle's page both do: edit one thing in place, keep a check-in's
// private note, confirm or dispute a check-in, and keep or rate a goal. `act` is useAction's.
import { reactive, ref } from "vue"
import { runDocMethod, setValues } from "./api"
import { starsToRating } from "./logic"
import { translate as __ } from "./translate"

// The one thing being edited in place (an agreement, an event, a goal or a note) and its draft.
export function useEditing(act) {
	const editing = ref("")
	const draft = reactive({})
	function edit(key, values) {
		for (const k of Object.keys(draft)) delete draft[k]
		Object.assign(draft, values)
		editing.value = key
	}
	async function saveEdit(key, action, done) {
		if (await act(key, action, done)) editing.value = ""
	}
	return { editing, draft, edit, saveEdit }
}

export function useCheckinActions(act, saveEdit, draft) {
	const saveNote = (c) =>
		saveEdit(c.name, () => setValues("Mentoring Check-in", c.name, { private_notes: draft.note }), __("Private note saved."))
	const confirm = (c) => act(c.name, () => runDocMethod("Mentoring Check-in", c.name, "confirm"), __("Check-in confirmed."))
	const dispute = (c, reason) =>
		act(c.name, () => runDocMethod("Mentoring Check-in", c.name, "dispute", { reason: reason || "" }), __("Check-in disputed."))
	return { saveNote, confirm, dispute }
}

export function useGoalActions(act) {
	const saveGoal = (g) =>
		act(g.name, () => setValues("Mentoring Goal", g.name, { progress: Number(g.progress) || 0, status: g.status }), __("Goal saved."))
	const rateGoal = (g) =>
		act(
			g.name,
			() => setValues("Mentoring Goal", g.name, { mentor_rating: starsToRating(g.stars), mentor_comment: g.mentor_comment || "" }),
			__("Rating saved.")
		)
	return { saveGoal, rateGoal }
}

// The portal talks to the server only through these: its reads (mentorship_hr/portal/api.py), the
// DocTypes' own whitelisted methods and Frappe's REST, as the desk does.
import { call, toast } from "frappe-ui"
import { onMounted, ref } from "vue"
import { errorText } from "./logic"

export const read = (name, args = {}) => call(`mentorship_hr.portal.api.${name}`, args)

export async function runDocMethod(dt, dn, method, args = {}) {
	const data = await call("run_doc_method", { dt, dn, method, args: JSON.stringify(args) })
	return data && "message" in data ? data.message : data
}

// A mentor's strengths or a mentee's gaps, from the user's own Skill Map (skills/skill_map.py).
export const suggestedSkills = (role, target_designation) =>
	call("mentorship_hr.skills.skill_map.suggested_skills", { role, target_designation: target_designation || null })

export const insert = (doc) => call("frappe.client.insert", { doc })
export const submit = (doc) => call("frappe.client.submit", { doc })
export const setValues = (doctype, name, values) =>
	call("frappe.client.set_value", { doctype, name, fieldname: values })

// One of the portal's reads for a page: its data, or the error in words; read on mount and again
// after each action (`load`).
export function usePortalRead(name, args = () => ({}), then = (data) => data) {
	const data = ref(null)
	const error = ref("")
	async function load() {
		try {
			data.value = then(await read(name, args()))
		} catch (e) {
			error.value = errorText(e)
		}
	}
	onMounted(load)
	return { data, error, load }
}

// A page's actions: run one, say in a toast how it went, and read the page again (`load`). `busy`
// holds the key of the action running, for its button's spinner. Resolves to whether it worked.
export function useAction(load) {
	const busy = ref("")
	async function act(key, action, done) {
		busy.value = key
		try {
			await action()
			toast({ title: done, icon: "check", iconClasses: "text-green-600" })
			await load()
			return true
		} catch (e) {
			toast({ title: errorText(e), icon: "alert-circle", iconClasses: "text-red-600" })
			return false
		} finally {
			busy.value = ""
		}
	}
	return { busy, act }
}

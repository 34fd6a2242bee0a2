// Frappe's translations for the portal: the site language's dictionary comes with the page (boot).
export function translate(text, args = []) {
	const dictionary = (window.frappe && window.frappe.boot && window.frappe.boot.translations) || {}
	const translated = dictionary[text] || text
	return translated.replace(/\{(\d+)\}/g, (match, i) => (args[i] !== undefined ? args[i] : match))
}

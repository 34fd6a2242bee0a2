module.exports = {
	presets: [require("frappe-ui/src/utils/tailwind.config")],
	content: ["./index.html", "./src/**/*.{vue,js}", "./node_modules/frappe-ui/src/components/**/*.{vue,js}"],
	plugins: [],
}

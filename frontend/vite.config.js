import path from "path"
import vue from "@vitejs/plugin-vue"
import frappeui from "frappe-ui/vite"
import { defineConfig } from "vite"

// Built by `bench build --app mentorship_hr` (the app's package.json), as Frappe HR builds its PWA.
export default defineConfig({
	plugins: [vue(), frappeui()],
	resolve: { alias: { "@": path.resolve(__dirname, "src") } },
	build: {
		outDir: "../mentorship_hr/public/frontend",
		emptyOutDir: true,
		target: "es2015",
		commonjsOptions: { include: [/tailwind.config.js/, /node_modules/] },
		rollupOptions: { output: { manualChunks: { "frappe-ui": ["frappe-ui"] } } },
	},
	optimizeDeps: { include: ["frappe-ui > feather-icons", "showdown", "engine.io-client"] },
	test: { environment: "node" },
})

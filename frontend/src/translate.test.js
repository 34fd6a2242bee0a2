import { afterEach, describe, expect, it } from "vitest"
import { translate } from "./translate"

describe("translate", () => {
	afterEach(() => {
		delete globalThis.window
	})
	it("fills the placeholders of an untranslated text", () => {
		globalThis.window = {}
		expect(translate("Next check-in: {0}", ["Monday"])).toBe("Next check-in: Monday")
	})
	it("uses the site language's dictionary from the page", () => {
		globalThis.window = { frappe: { boot: { translations: { "Your mentor in {0}": "Ihr Mentor in {0}" } } } }
		expect(translate("Your mentor in {0}", ["Grow"])).toBe("Ihr Mentor in Grow")
		expect(translate("Home")).toBe("Home")
	})
})

import { describe, expect, it } from "vitest"
import {
	attendanceWords,
	checkinState,
	errorText,
	healthTheme,
	movedEnd,
	starsToRating,
	toFrappeDatetime,
	toLocalInput,
	todoTarget,
} from "./logic"

describe("todoTarget", () => {
	it("leads a survey to its form, with the survey type", () => {
		expect(todoTarget({ kind: "survey", pairing: "P1", detail: "Fit Check" })).toEqual({
			name: "Survey",
			params: { pairing: "P1", type: "Fit Check" },
		})
		expect(todoTarget({ kind: "midpoint_survey", pairing: "P1", detail: "" }).params.type).toBe("Mid-point")
	})
	it("leads anything else to the pairing", () => {
		expect(todoTarget({ kind: "confirm", pairing: "P2" })).toEqual({ name: "Pairing", params: { name: "P2" } })
	})
	it("leads a circle's item to the circle", () => {
		expect(todoTarget({ kind: "confirm", pairing: null, circle: "C1" })).toEqual({ name: "Circle", params: { name: "C1" } })
	})
})

describe("states", () => {
	it("colours health as Frappe HR does", () => {
		expect(["On Track", "Needs Attention", "At Risk", null].map(healthTheme)).toEqual([
			"green",
			"orange",
			"red",
			"gray",
		])
	})
	it("reads a check-in's state", () => {
		expect(checkinState({ docstatus: 0 })).toBe("Draft")
		expect(checkinState({ docstatus: 1, confirmation_status: "Pending" })).toBe("Waiting for confirmation")
		expect(checkinState({ docstatus: 1, confirmation_status: "Disputed" })).toBe("Disputed")
	})
})

describe("values for Frappe", () => {
	it("turns stars into a Rating and keeps it within 0 and 1", () => {
		expect([0, 3, 5, 9, -1, "4"].map(starsToRating)).toEqual([0, 0.6, 1, 1, 0, 0.8])
	})
	it("turns a datetime-local value into Frappe's datetime", () => {
		expect(toFrappeDatetime("2026-12-05T10:00")).toBe("2026-12-05 10:00:00")
		expect(toFrappeDatetime("")).toBe("")
	})
	it("reads Frappe's messages without markup", () => {
		expect(errorText({ messages: ["You can log check-ins <b>only</b> on your own pairings."] })).toBe(
			"You can log check-ins only on your own pairings."
		)
		expect(errorText(new Error("boom"))).toBe("boom")
	})
})

describe("moving an event", () => {
	it("fills the input from Frappe's datetime", () => {
		expect(toLocalInput("2026-12-05 10:30:00")).toBe("2026-12-05T10:30")
		expect(toLocalInput(null)).toBe("")
	})
	it("keeps the event's length, across midnight and a month's end", () => {
		expect(movedEnd("2026-12-05 10:00:00", "2026-12-05 11:30:00", "2026-12-07 09:00:00")).toBe("2026-12-07 10:30:00")
		expect(movedEnd("2026-12-05 10:00:00", "2026-12-05 11:00:00", "2026-12-31 23:30:00")).toBe("2027-01-01 00:30:00")
	})
	it("gives an event without an end one hour", () => {
		expect(movedEnd("2026-12-05 10:00:00", null, "2026-12-06 08:00:00")).toBe("2026-12-06 09:00:00")
	})
})

describe("attendanceWords", () => {
	it("says how each side stands with the launch workshop", () => {
		expect(["Attended", "Missed", "Invited", null].map(attendanceWords)).toEqual([
			"attended",
			"missed it",
			"invited",
			"not invited",
		])
	})
})

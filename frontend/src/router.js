import { createRouter, createWebHistory } from "vue-router"

const routes = [
	{ path: "/", name: "Home", component: () => import("./views/Home.vue") },
	{ path: "/pairing/:name", name: "Pairing", component: () => import("./views/Pairing.vue") },
	{ path: "/circle/:name", name: "Circle", component: () => import("./views/Circle.vue") },
	{ path: "/programs", name: "Programs", component: () => import("./views/Programs.vue") },
	{ path: "/survey/:pairing/:type", name: "Survey", component: () => import("./views/Survey.vue") },
	{ path: "/find-mentor/:program", name: "FindMentor", component: () => import("./views/FindMentor.vue") },
]

export default createRouter({ history: createWebHistory("/mentoring"), routes })

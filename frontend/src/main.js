import { frappeRequest, resourcesPlugin, setConfig } from "frappe-ui"
import { createApp } from "vue"
import App from "./App.vue"
import "./main.css"
import router from "./router"
import { translate } from "./translate"

setConfig("resourceFetcher", frappeRequest)
window.__ = translate

const app = createApp(App)
app.config.globalProperties.__ = translate
app.use(resourcesPlugin)
app.use(router)
app.mount("#app")

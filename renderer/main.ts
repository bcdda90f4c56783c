import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { connectToApp } from './bridge/connect-to-app.ts'
import { appBridgeKey } from './bridge/injection.ts'
import './styles/theme.css'
import './styles/base.css'
import './styles/controls.css'

createApp(App).provide(appBridgeKey, connectToApp()).use(createPinia()).mount('#app')

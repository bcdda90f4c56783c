export { DEMO_ENDPOINTS, KNOWN_SUBPROTOCOLS } from './catalog.ts'
export { startDemoServer, type DemoServer, type DemoServerOptions } from './demo-server.ts'

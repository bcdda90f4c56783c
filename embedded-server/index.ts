export { DEMO_ENDPOINTS, KNOWN_SUBPROTOCOLS } from './catalog.ts'
export {
  DEFAULT_MAX_CLIENTS,
  startDemoServer,
  type DemoServer,
  type DemoServerOptions,
} from './demo-server.ts'
export { originProblem } from './http/origin-policy.ts'

// For tools that read TypeScript without Vue's compiler (typescript-eslint); vue-tsc sees the
// real component types.
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent
  export default component
}

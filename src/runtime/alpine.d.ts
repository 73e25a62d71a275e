// Types for the CSP build of Alpine.js (the package ships none): only what src/runtime uses.
declare module "@alpinejs/csp" {
  /** Alpine's global object. */
  export interface AlpineGlobal {
    data(name: string, factory: (...args: any[]) => object): void;
    store(name: string): unknown;
    store(name: string, value: object): void;
    reactive<T extends object>(value: T): T;
    nextTick(callback?: () => void): Promise<void>;
    start(): void;
  }
  /** The magic properties Alpine adds to a component's `this`. */
  export interface AlpineMagics {
    $el: HTMLElement;
    $root: HTMLElement;
    $refs: Record<string, HTMLElement>;
    $nextTick(callback?: () => void): Promise<void>;
  }
  const Alpine: AlpineGlobal;
  export default Alpine;
}

import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    clientAddress?: string;
  }
}

declare module "*.woff2" {
  const url: string;
  export default url;
}

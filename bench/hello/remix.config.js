/**
 * The bench's yardstick for initial JavaScript (issue 13): Remix + React + i18next +
 * react-i18next, one route, one translated string, built with the project's own packages
 * and future flags. `npm run bench` and `npm run bench:js` build it and report its initial
 * JS beside the product page's; `npm run bench` also serves it (server.mjs) to Lighthouse, as
 * the yardstick of the pages' Total Blocking Time (decision 017). It keeps lazy route
 * discovery (one route, no links: nothing to discover), so it loads no manifest.
 */
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};

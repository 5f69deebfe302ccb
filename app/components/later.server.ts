/**
 * The components `hydrateLater` defers, as the server renders them: inline, in the document,
 * like any other component. In the browser this module is empty (Remix replaces `.server`
 * modules), so their code is not part of the page's initial JavaScript; `hydrateLater` loads
 * it when the part of the page comes into view (decision 024).
 */
export { MadeBy } from "./made-by";
export { ProductFacts } from "./product-facts";
export { ProductGrid } from "./product-card";
export { ReviewsSection } from "./reviews";
export { CooperativeGrid } from "./cooperative-grid";

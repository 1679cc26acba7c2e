// The demo sample's product image: a small sneaker drawn in SVG and served by this server, so the
// demo page (img-src 'self') and any page that allows this server's images can show it.
export const DEMO_PRODUCT_IMAGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96">
<rect width="96" height="96" rx="12" fill="#ddf4ff"/>
<path d="M14 60c0-6 4-10 9-10h10l8-12c2-3 6-3 8 0l5 7c3 4 8 6 13 7l10 2c4 1 5 4 5 7v3H14z" fill="#0969da"/>
<rect x="12" y="64" width="72" height="8" rx="4" fill="#1f2328"/>
<path d="M42 44l5 5M46 40l5 5" stroke="#fff" stroke-width="3" stroke-linecap="round"/>
</svg>
`;

/**
 * Every address no other route has: a 404 as the root error boundary shows it. Through a route
 * (rather than Remix's own "no match") the root loader runs first, so the header knows who is
 * logged in. Writes to an unknown address get the same 404, not a 405.
 */
function notFound(): never {
  throw new Response("Niet gevonden", { status: 404 });
}

export const loader = notFound;
export const action = notFound;

// Never rendered (the loader always throws); a default export makes this a page route, so the
// 404 is the site's page and not a plain-text answer.
export default function NotFound() {
  return null;
}
